"""Subscribers at scale: the large demo company (10,000 numbers) on SQLite.

Prints figures, asserts nothing about time:
- search by part of a number and by part of a name (one page of the list), p50/p95;
- a label added to 5,000 numbers at once (the domain call, with its scope check; rolled back);
- one page of the numbers list filtered by a group and a label, p50/p95.

    python benchmarks/bench_subscribers.py [--db PATH] [--runs N]

The database is built once at PATH (default: a file in the system temp directory) and reused.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select

from domain.access.checks import Principal
from domain.subscribers.labels import add_label
from domain.subscribers.numbers import ListFilter, list_subscribers
from domain.types import Role, SubscriberStatus
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade_to_head
from storage.models import CabinetUser, Company, Subscriber, SubscriberLabel

DEFAULT_DB = Path(tempfile.gettempdir()) / "b2b_bench_subscribers.db"
LARGE_COMPANY = "АО «Трансрегион%"


def _url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


async def _ensure_large(path: Path) -> None:
    from domain.auth.passwords import hash_password, use_parameters
    from storage.demo import create_large

    await upgrade_to_head(_url(path))
    engine = make_engine(_url(path))
    maker = make_sessionmaker(engine)
    try:
        async with maker() as db:
            found = await db.scalar(select(Company.id).where(Company.name.like(LARGE_COMPANY)))
        if found is not None:
            return
        use_parameters(1, 1024, 1)  # cheap argon2: the password is not what is measured
        started = time.perf_counter()
        info = await create_large(maker, hash_password)
        print(
            f"built the large company in {time.perf_counter() - started:.1f} s: "
            f"{info.subscribers} numbers"
        )
    finally:
        await engine.dispose()


async def _principal(maker: Any) -> Principal:
    async with maker() as db:
        user = await db.scalar(
            select(CabinetUser)
            .join(Company, Company.id == CabinetUser.company_id)
            .where(CabinetUser.role == Role.UNION_COORDINATOR, Company.name.like(LARGE_COMPANY))
            .limit(1)
        )
        assert user is not None, "no large company in the database"
        company = await db.get(Company, user.company_id)
        assert company is not None
        return Principal(
            user_id=user.id,
            session_id=0,
            company_id=company.id,
            company_name=company.name,
            role=user.role,
            brand=user.brand,
            login=user.login,
            account_ids=None,
            subscriber_id=None,
        )


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _report(name: str, seconds: list[float], goal_ms: float) -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"{name}: p50 {statistics.median(ms):.1f} ms, p95 {_p(ms, 0.95):.1f} ms "
        f"({len(ms)} runs; goal p95 < {goal_ms:.0f} ms)"
    )


async def run(path: Path, runs: int) -> None:
    await _ensure_large(path)
    engine = make_engine(_url(path))
    maker = make_sessionmaker(engine)
    rng = random.Random(9)
    try:
        principal = await _principal(maker)
        async with maker() as db:
            rows = list(
                await db.execute(
                    select(Subscriber.id, Subscriber.msisdn, Subscriber.employee_name)
                    .where(
                        Subscriber.company_id == principal.company_id,
                        Subscriber.status != SubscriberStatus.REMOVED,
                    )
                    .order_by(Subscriber.id)
                )
            )
            # The most common (group, label) pair, so that the filtered list is not empty.
            pair = (
                await db.execute(
                    select(Subscriber.group_id, SubscriberLabel.label_id, func.count())
                    .join(SubscriberLabel, SubscriberLabel.subscriber_id == Subscriber.id)
                    .where(
                        Subscriber.company_id == principal.company_id,
                        Subscriber.group_id.is_not(None),
                    )
                    .group_by(Subscriber.group_id, SubscriberLabel.label_id)
                    .order_by(func.count().desc())
                    .limit(1)
                )
            ).one()
        print(f"company: {len(rows)} numbers; group {pair[0]} × label {pair[1]}: {pair[2]} numbers")

        def by_number() -> tuple[ListFilter, int]:
            msisdn = rng.choice(rows)[1]
            start = rng.randrange(2, len(msisdn) - 4)
            return ListFilter(query=msisdn[start : start + 4]), 0

        def by_name() -> tuple[ListFilter, int]:
            name = rng.choice(rows)[2].split()[0]
            return ListFilter(query=name[: max(4, len(name) - 2)].lower()), 0

        def by_group_label() -> tuple[ListFilter, int]:
            return ListFilter(group_id=pair[0], label_id=pair[1]), rng.randrange(0, 3)

        for name, fn in (
            ("search by part of a number", by_number),
            ("search by part of a name", by_name),
            ("one page, filtered by group and label", by_group_label),
        ):
            samples: list[float] = []
            async with maker() as db:
                flt, page = fn()
                await list_subscribers(db, principal, flt, page)
                for _ in range(runs):
                    flt, page = fn()
                    t = time.perf_counter()
                    await list_subscribers(db, principal, flt, page)
                    samples.append(time.perf_counter() - t)
            _report(name, samples, 50)

        ids = [r[0] for r in rows[:5000]]
        label_runs: list[float] = []
        for k in range(3):
            async with maker() as db:
                t = time.perf_counter()
                _, n = await add_label(db, principal, ids, f"бенчмарк {k}")
                await db.flush()
                label_runs.append(time.perf_counter() - t)
                await db.rollback()
            assert n == len(ids)
        print(
            f"label added to {len(ids)} numbers at once: "
            + ", ".join(f"{s:.2f} s" for s in label_runs)
            + " (goal < 2 s)"
        )
    finally:
        await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    asyncio.run(run(args.db, args.runs))


if __name__ == "__main__":
    main()
