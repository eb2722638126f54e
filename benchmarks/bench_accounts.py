"""Accounts and money at scale: the large demo company (50 accounts, 10,000 numbers,
1,000,000 charges, 100,000 payments) on SQLite.

Prints figures, asserts nothing about time:
- quick balance for 50 accounts (the domain call), p50/p95;
- one page of payments with three filters (a year, bank transfers, 1 000–50 000 ₽), p50/p95;
- export of the 100,000 payments as xlsx (time and peak memory) and csv (time), each in a
  fresh subprocess so that its peak resident memory is its own;
- the spending chart for a year of charges of 10,000 numbers (query + PNG), per view.

    python benchmarks/bench_accounts.py [--db PATH] [--runs N]

The database is built once at PATH (default: a file in the system temp directory) and reused.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select

from benchmarks.large import (
    coordinator,
    ensure_large,
    install,
    report,
    ru_export_headings,
    sqlite_url,
    timed,
)
from bot.i18n import I18n
from domain.accounts.balance import local_today, quick_balance
from domain.accounts.exports import ExportFormat, plan_export, write_export
from domain.accounts.payments import (
    OpType,
    PaymentFilter,
    QuickRange,
    list_operations,
    parse_amount_range,
    quick_range,
)
from domain.accounts.statistics import StatsView, render_chart, spending
from storage.db import make_engine, make_sessionmaker
from storage.models import Charge, Payment

DEFAULT_DB = Path(tempfile.gettempdir()) / "b2b_bench_accounts.db"


async def _has_payments(db: Any) -> bool:
    return int(await db.scalar(select(func.count(Payment.id))) or 0) >= 100_000


def payments_filter() -> PaymentFilter:
    first, last = quick_range(QuickRange.YEAR, local_today())
    return PaymentFilter(
        date_from=first,
        date_to=last,
        types=frozenset({OpType.BANK_TRANSFER}),
        amount=parse_amount_range("1000-50000"),
    )


def export_filter() -> PaymentFilter:
    """Every payment of the company (all types but charges, all time): the 100,000."""
    return PaymentFilter(types=frozenset(t for t in OpType if t is not OpType.CHARGE))


async def bench_in_process(path: Path, runs: int) -> None:
    engine = make_engine(sqlite_url(path))
    maker = make_sessionmaker(engine)
    try:
        async with maker() as db:
            principal = await coordinator(db)
            charges = await db.scalar(select(func.count(Charge.id)))
            payments = await db.scalar(select(func.count(Payment.id)))
            print(f"database: {charges} charges, {payments} payments in all")

            async def balance_50() -> None:
                page = await quick_balance(db, principal, 0, 50)
                assert page.total >= 50

            async def balance_page() -> None:
                await quick_balance(db, principal, 2, 10)

            report("quick balance, 50 accounts in one call", await timed(balance_50, runs), 20)
            report("quick balance, one page of 10", await timed(balance_page, runs), 20)

            flt = payments_filter()
            result = await list_operations(db, principal, flt, 0, 10)
            print(f"payments with three filters select {result.total} rows")

            async def page_of_payments() -> None:
                await list_operations(db, principal, flt, 3, 10)

            report(
                "one page of payments, three filters",
                await timed(page_of_payments, runs),
                100,
            )
            this_month = PaymentFilter(
                date_from=quick_range(QuickRange.THIS_MONTH, local_today())[0],
                date_to=quick_range(QuickRange.THIS_MONTH, local_today())[1],
            )

            async def default_page() -> None:
                await list_operations(db, principal, this_month, 0, 10)

            report(
                "first page of the default list (this month, payments and charges)",
                await timed(default_page, max(5, runs // 4)),
                100,
            )

            first, last = quick_range(QuickRange.YEAR, local_today())
            # Charges of the last twelve months, whichever calendar year they fall in.
            first = last.replace(year=last.year - 1)
            for view in StatsView:
                # The first run reads the index from disk, the second finds it cached.
                for run in ("cold", "warm"):
                    t = time.perf_counter()
                    rep = await spending(db, principal, first, last, view)
                    t_query = time.perf_counter() - t
                    t = time.perf_counter()
                    png = render_chart(rep, I18n().get("ru"))
                    t_chart = time.perf_counter() - t
                    print(
                        f"chart for a year ({view.value}, {run}): query {t_query:.2f} s + "
                        f"picture {t_chart:.2f} s = {t_query + t_chart:.2f} s, "
                        f"{len(png) // 1024} KiB (goal < 2 s)"
                    )
    finally:
        await engine.dispose()


async def export_once(path: Path, fmt: ExportFormat) -> dict[str, float]:
    engine = make_engine(sqlite_url(path))
    maker = make_sessionmaker(engine)
    try:
        async with maker() as db:
            principal = await coordinator(db)
            plan = await plan_export(db, principal, export_filter(), fmt)
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            started, cpu = time.perf_counter(), time.process_time()
            f = await write_export(db, plan, headers=ru_export_headings())
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            # A big xlsx is written by a child process: its memory counts too.
            child = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        await engine.dispose()
    return {
        "rows": f.rows,
        "seconds": seconds,
        "bytes": len(f.content),
        "rss_before_mib": before / 1024,
        "rss_peak_mib": peak / 1024,
        "child_rss_peak_mib": child.ru_maxrss / 1024,
        "child_cpu": child.ru_utime + child.ru_stime,
        "cpu": cpu,
    }


def bench_exports(path: Path) -> None:
    goals = {ExportFormat.XLSX: "< 3 s, peak < 250 MB", ExportFormat.CSV: "< 1.5 s"}
    for fmt in (ExportFormat.XLSX, ExportFormat.CSV, ExportFormat.TXT):
        out = subprocess.run(
            [sys.executable, __file__, "--db", str(path), "--export", fmt.value],
            check=True,
            capture_output=True,
            text=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        child = (
            f"; writer process: peak RSS ≤ {r['child_rss_peak_mib']:.0f} MiB (counts the "
            "forked image before exec), "
            f"CPU {r['child_cpu']:.1f} s"
            if r["child_rss_peak_mib"]
            else ""
        )
        print(
            f"export {fmt.value}: {int(r['rows'])} rows in {r['seconds']:.2f} s "
            f"(CPU {r['cpu']:.1f} s), {r['bytes'] / 1024 / 1024:.1f} MiB; peak RSS "
            f"{r['rss_peak_mib']:.0f} MiB ({r['rss_before_mib']:.0f} MiB before the export)"
            + child
            + (f" (goal {goals[fmt]})" if fmt in goals else "")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--export", choices=[f.value for f in ExportFormat])
    args = parser.parse_args()
    if args.export:
        install(args.db)
        print(json.dumps(asyncio.run(export_once(args.db, ExportFormat(args.export)))))
        return
    asyncio.run(ensure_large(args.db, _has_payments))
    asyncio.run(bench_in_process(args.db, args.runs))
    bench_exports(args.db)


if __name__ == "__main__":
    main()
