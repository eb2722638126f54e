"""What the benchmarks of the large demo company share: the database built once at a path, the
company's union coordinator as a `Principal`, the Russian export headings and the p50/p95
printout.

Not a benchmark itself (`make bench` runs only `bench_*.py`).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.config import Settings
from bot.i18n import I18n
from bot.wiring import configure
from domain.access.checks import Principal
from domain.types import Role
from handlers.accounts.payments import export_headers
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade_to_head
from storage.models import CabinetUser, Company
from tests.accounts_data import principal_of

LARGE_COMPANY = "АО «Трансрегион»"


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def install(path: Path) -> None:
    """Install the program as `python -m bot run` does (the clock, the operator's network, the
    documents' font...), on the database at `path`."""
    configure(Settings(_env_file=None, database_url=sqlite_url(path)))  # type: ignore[call-arg]


def ru_export_headings() -> tuple[str, ...]:
    """The columns of an exported file as a Russian user gets them."""
    return export_headers(I18n().get("ru"))


async def ensure_large(path: Path, built: Callable[[Any], Awaitable[bool]], **sizes: int) -> None:
    """Install the program on `path` and build the large company there unless `built(db)` says
    the database has it already; `sizes` are `create_large`'s (fewer charges...)."""
    from domain.auth.passwords import hash_password, use_parameters
    from storage.demo import create_large

    install(path)
    await upgrade_to_head(sqlite_url(path))
    engine = make_engine(sqlite_url(path))
    maker = make_sessionmaker(engine)
    try:
        async with maker() as db:
            if await built(db):
                return
        use_parameters(1, 1024, 1)  # cheap argon2: the password is not what is measured
        started = time.perf_counter()
        info = await create_large(maker, hash_password, **sizes)
        print(
            f"built the large company in {time.perf_counter() - started:.1f} s: "
            f"{info.accounts} accounts, {info.subscribers} numbers, "
            f"{info.charges} charges, {info.payments} payments"
        )
    finally:
        await engine.dispose()


async def coordinator(db: Any, session_id: int = 0) -> Principal:
    """The large company's union coordinator, who reaches every account of it."""
    user = await db.scalar(
        select(CabinetUser)
        .join(Company, Company.id == CabinetUser.company_id)
        .where(Company.name == LARGE_COMPANY, CabinetUser.role == Role.UNION_COORDINATOR)
        .limit(1)
    )
    assert user is not None, "no large company in the database"
    company = await db.get(Company, user.company_id)
    assert company is not None
    return replace(principal_of(user, company), session_id=session_id)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(name: str, seconds: list[float], goal_ms: float) -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"{name}: p50 {statistics.median(ms):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms "
        f"({len(ms)} runs; goal p95 < {goal_ms:.0f} ms)"
    )


async def timed(fn: Callable[[], Awaitable[Any]], runs: int) -> list[float]:
    """Seconds of `runs` calls, after one call that warms the caches as a running bot has them."""
    await fn()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        await fn()
        out.append(time.perf_counter() - t)
    return out
