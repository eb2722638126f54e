"""The first chart, document and export after start beside the second one.

The bot loads matplotlib, fpdf2 and the xlsx writer on their first use only (docs/startup.md),
so the first use pays their import and set-up. Each kind runs in a fresh process that has done
what `python -m bot run` does before its first update (`bot.wiring.configure`), then does what
the bot does for it twice: read the data and make the file. Prints wall and CPU seconds of
both and their
ratio (goal: the first ≤ 1.5 × the second). Uses the large company of bench_accounts.py.

    python benchmarks/bench_first_use.py [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_accounts import DEFAULT_DB, _has_payments
from benchmarks.large import coordinator, ensure_large, install, sqlite_url

KINDS = ("chart", "vat-invoice", "vat-invoice after the section", "xlsx")


async def _one_kind(kind: str, path: Path) -> dict[str, float]:
    from sqlalchemy import select

    from bot.i18n import I18n
    from domain.accounts.balance import local_today, month_start
    from storage.db import make_engine, make_sessionmaker
    from storage.models import Account

    engine = make_engine(sqlite_url(path))
    maker = make_sessionmaker(engine)
    last = local_today()
    async with maker() as db:
        principal = await coordinator(db)
        account = await db.scalar(
            select(Account.id).where(Account.company_id == principal.company_id).limit(1)
        )
    assert account is not None

    async def chart() -> None:
        # What the bot does for «Статистика»: the year's charges summed, then drawn.
        from domain.accounts.statistics import StatsView, spending, spending_chart

        async with maker() as db:
            year = spending(
                db, principal, last.replace(year=last.year - 1), last, StatsView.ACCOUNTS
            )
            await spending_chart(year, I18n().get("ru"))

    async def vat_invoice() -> None:
        # What the document job does for a queued VAT invoice: its data read, then the PDF.
        from domain.documents.orders import render_document
        from domain.types import DocumentFormat, DocumentKind
        from storage.models import Document

        first = month_start(month_start(last) - timedelta(days=1))
        doc = Document(
            account_id=account,
            kind=DocumentKind.VAT_INVOICE,
            format=DocumentFormat.PDF,
            doc_date=last,
            period_start=first,
            period_end=month_start(last) - timedelta(days=1),
        )
        async with maker() as db:
            await render_document(doc, db, last)

    async def xlsx() -> None:
        # A small export (written in this process): the last week's payments.
        from benchmarks.large import ru_export_headings
        from domain.accounts.exports import ExportFormat, plan_export, write_export
        from domain.accounts.payments import PaymentFilter

        flt = PaymentFilter(date_from=last - timedelta(days=7), date_to=last)
        async with maker() as db:
            plan = await plan_export(db, principal, flt, ExportFormat.XLSX)
            await write_export(db, plan, headers=ru_export_headings())

    if kind == "vat-invoice after the section":
        # The documents section starts loading fpdf2 when a user opens it; ordering takes a
        # few presses (here 3 s) before the job makes the file.
        from domain.documents.orders import start_loading_renderers

        start_loading_renderers()
        await asyncio.sleep(3)
    make = {"chart": chart, "xlsx": xlsx}.get(kind, vat_invoice)
    out: dict[str, float] = {}
    try:
        for run in ("first", "second"):
            t, c = time.perf_counter(), time.process_time()
            await make()
            out[run], out[run + "_cpu"] = time.perf_counter() - t, time.process_time() - c
    finally:
        await engine.dispose()
    return out


def one_kind(kind: str, path: Path) -> dict[str, float]:
    install(path)
    return asyncio.run(_one_kind(kind, path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--kind", choices=KINDS)
    args = parser.parse_args()
    if args.kind:
        print(json.dumps(one_kind(args.kind, args.db)))
        return
    asyncio.run(ensure_large(args.db, _has_payments))
    for kind in KINDS:
        out = subprocess.run(
            [sys.executable, __file__, "--db", str(args.db), "--kind", kind],
            check=True,
            capture_output=True,
            text=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{kind:30} first {r['first']:.2f} s (CPU {r['first_cpu']:.2f}), second "
            f"{r['second']:.2f} s (CPU {r['second_cpu']:.2f}): the first is "
            f"{r['first_cpu'] / r['second_cpu']:.1f}× the second in CPU, "
            f"{r['first'] / r['second']:.1f}× in wall time (goal ≤ 1.5)"
        )


if __name__ == "__main__":
    main()
