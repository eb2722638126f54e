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
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select

from benchmarks.large import LARGE_COMPANY, coordinator, ensure_large, report, sqlite_url
from domain.subscribers.labels import add_label
from domain.subscribers.numbers import ListFilter, list_subscribers
from domain.types import SubscriberStatus
from storage.db import make_engine, make_sessionmaker
from storage.models import Company, Subscriber, SubscriberLabel

DEFAULT_DB = Path(tempfile.gettempdir()) / "b2b_bench_subscribers.db"


async def _has_company(db: Any) -> bool:
    return await db.scalar(select(Company.id).where(Company.name == LARGE_COMPANY)) is not None


async def run(path: Path, runs: int) -> None:
    await ensure_large(path, _has_company)
    engine = make_engine(sqlite_url(path))
    maker = make_sessionmaker(engine)
    rng = random.Random(9)
    try:
        async with maker() as db:
            principal = await coordinator(db)
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
            report(name, samples, 50)

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
