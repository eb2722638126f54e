"""Export of the payments list: exactly what a `PaymentFilter` selects, as xlsx, csv or txt.

The rows stream from the database in chunks (`payments.stream_operations`) into the writer; a
big xlsx is written by a child process fed with those chunks, csv and txt go to temporary files.
CPU-heavy chunks are written in a worker thread so that the event loop keeps answering other
users meanwhile. The xlsx writer (`xlsx_sheet`) is imported on the first xlsx export only.

The column headings are the caller's (the bot renders them from its Fluent files:
`acc-export-col-*`), in the user's language.
"""

from __future__ import annotations

import asyncio
import csv
import inspect
import io
import json
import os
import pickle
import sys
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from sqlalchemy.ext.asyncio import async_sessionmaker

from domain.access.checks import Permission, Principal
from domain.accounts.balance import AccountRef, local_today
from domain.accounts.payments import (
    Operation,
    OperationsSummary,
    OpType,
    PaymentFilter,
    operations_summary,
    stream_operations,
)
from domain.clock import MSK, to_local
from domain.db import Db
from domain.errors import DomainError
from domain.money import KOP_PER_RUB, format_amount, format_rub
from domain.types import ChargeCategory
from domain.types import ExportFormat as ExportFormat  # in types: keyboards use it

if TYPE_CHECKING:
    from domain.accounts.xlsx_sheet import Row

# Run as a script by a big export; imported (with its writer) by the first small xlsx only.
_XLSX_SHEET_SCRIPT = Path(__file__).with_name("xlsx_sheet.py")

MIME = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "text/csv",
    ExportFormat.TXT: "text/plain",
}

# From this many rows an xlsx is written by a child process (see `_XlsxProcessWriter`).
PROCESS_THRESHOLD_ROWS = 20_000

ProgressCallback = Callable[[float], Awaitable[None] | None]

# What the columns hold, in order; their headings come from the caller in its language.
COLUMNS = ("when", "account", "operation", "amount", "document", "description")

_OP_LABELS = {
    "ru": {
        OpType.BANK_TRANSFER: "Платёж: безналичный",
        OpType.CARD: "Платёж: банковская карта",
        OpType.CASHBACK: "Платёж: кешбэк",
        OpType.ADJUSTMENT: "Корректировка",
        OpType.CHARGE: "Списание",
    },
    "en": {
        OpType.BANK_TRANSFER: "Payment: bank transfer",
        OpType.CARD: "Payment: card",
        OpType.CASHBACK: "Payment: cashback",
        OpType.ADJUSTMENT: "Adjustment",
        OpType.CHARGE: "Charge",
    },
}
_CATEGORY_LABELS = {
    "ru": {
        ChargeCategory.CALLS: "звонки",
        ChargeCategory.SMS: "SMS",
        ChargeCategory.INTERNET: "интернет",
        ChargeCategory.ROAMING: "роуминг",
        ChargeCategory.SUBSCRIPTION: "абонентская плата",
        ChargeCategory.SERVICES: "услуги",
    },
    "en": {
        ChargeCategory.CALLS: "calls",
        ChargeCategory.SMS: "SMS",
        ChargeCategory.INTERNET: "internet",
        ChargeCategory.ROAMING: "roaming",
        ChargeCategory.SUBSCRIPTION: "subscription fee",
        ChargeCategory.SERVICES: "services",
    },
}
_TXT_TEXT = {
    "ru": {
        "title": "Платежи и списания",
        "accounts": "Лицевые счета",
        "period": "Период",
        "all_time": "за всё время",
        "rows": "Строк",
        "income": "Поступления",
        "expense": "Списания",
        "made": "Сформировано",
    },
    "en": {
        "title": "Payments and charges",
        "accounts": "Accounts",
        "period": "Period",
        "all_time": "all time",
        "rows": "Rows",
        "income": "Received",
        "expense": "Charged",
        "made": "Made",
    },
}


def operation_label(op: Operation, lang: str = "ru") -> str:
    lang = lang if lang in _OP_LABELS else "ru"
    label = _OP_LABELS[lang][op.type]
    if op.category is not None:
        label = f"{label}: {_CATEGORY_LABELS[lang][op.category]}"
    return label


def _labels(lang: str) -> dict[tuple[OpType, ChargeCategory | None], str]:
    """`operation_label` of every (type, category) an operation can have, made once."""
    return {
        (op, cat): operation_label(_probe(op, cat), lang)
        for op in OpType
        for cat in ((None,) if op is not OpType.CHARGE else tuple(ChargeCategory))
    }


@dataclass(frozen=True)
class ExportFile:
    file_name: str
    content: bytes
    rows: int
    mime: str
    summary: OperationsSummary


@dataclass(frozen=True)
class ExportPlan:
    """An export checked and counted, ready to be written (possibly in a background task)."""

    accounts: list[AccountRef]
    flt: PaymentFilter
    summary: OperationsSummary
    fmt: ExportFormat


async def plan_export(
    db: Db, principal: Principal, flt: PaymentFilter, fmt: ExportFormat
) -> ExportPlan:
    """Check the principal may export the filter's accounts and that it selects something.

    Raises `AccessDenied`, or `DomainError("acc-export-empty")` for an empty selection.
    """
    refs, summary = await operations_summary(db, principal, flt, Permission.EXPORT_PAYMENTS)
    if summary.count == 0:
        raise DomainError("acc-export-empty")
    return ExportPlan(accounts=refs, flt=flt, summary=summary, fmt=fmt)


async def export_operations(
    db: Db,
    principal: Principal,
    flt: PaymentFilter,
    fmt: ExportFormat,
    on_progress: ProgressCallback | None = None,
    *,
    headers: Sequence[str],
    lang: str = "ru",
    chunk: int = 2000,
) -> ExportFile:
    """Check, then write the whole selection into one file."""
    plan = await plan_export(db, principal, flt, fmt)
    return await write_export(db, plan, on_progress, headers=headers, lang=lang, chunk=chunk)


def detached_sessions(db: Db) -> Callable[[], Db]:
    """A factory of new sessions on the same database as `db`, for work that outlives the
    update that started it (an export in a background task): `async with factory() as db2:`."""
    return async_sessionmaker(db.bind, expire_on_commit=False)


async def _report(on_progress: ProgressCallback | None, fraction: float) -> None:
    if on_progress is None:
        return
    res = on_progress(min(1.0, max(0.0, fraction)))
    if inspect.isawaitable(res):
        await res


def file_name_for(plan: ExportPlan, today: date | None = None) -> str:
    today = today or local_today()
    if len(plan.accounts) == 1:
        scope = plan.accounts[0].number
    else:
        scope = f"{len(plan.accounts)}acc"
    return f"payments_{scope}_{today:%Y%m%d}.{plan.fmt.value}"


async def write_export(
    db: Db,
    plan: ExportPlan,
    on_progress: ProgressCallback | None = None,
    *,
    headers: Sequence[str],
    lang: str = "ru",
    chunk: int = 2000,
) -> ExportFile:
    """Write a planned export, reading the rows in chunks with `db` (which may be a session of
    its own, in a background task: the plan was checked with the user's session).

    `headers`: the six column headings in the user's language (date and time, account,
    operation, amount, document number, description)."""
    if len(headers) != len(COLUMNS):
        raise ValueError(f"an export has {len(COLUMNS)} columns, not {len(headers)}")
    heads = tuple(headers)
    writer: _Writer
    if plan.fmt is ExportFormat.XLSX and plan.summary.count >= PROCESS_THRESHOLD_ROWS:
        writer = await _XlsxChildWriter.start(lang, heads)
    elif plan.fmt is ExportFormat.XLSX:
        writer = _XlsxWriter(lang, heads)
    elif plan.fmt is ExportFormat.CSV:
        writer = _CsvWriter(lang, heads)
    else:
        writer = _TxtWriter(lang, heads, plan)
    total = max(plan.summary.count, 1)
    done = 0
    await _report(on_progress, 0.0)
    # A chunk is written (in a worker thread or the child process) while the next one is read:
    # SQLite reads without the GIL, so on two cores the two overlap. One chunk at a time is
    # written, in order.
    writing: asyncio.Task[None] | None = None
    try:
        async for rows in stream_operations(db, plan.accounts, plan.flt, chunk):
            if writing is not None:
                await writing
            writing = asyncio.ensure_future(writer.write(rows))
            done += len(rows)
            await _report(on_progress, 0.95 * done / total)
        if writing is not None:
            await writing
        content = await writer.finish()
    finally:
        if writing is not None and not writing.done():
            writing.cancel()
            await asyncio.gather(writing, return_exceptions=True)
        await writer.close()
    await _report(on_progress, 1.0)
    return ExportFile(
        file_name=file_name_for(plan),
        content=content,
        rows=done,
        mime=MIME[plan.fmt],
        summary=plan.summary,
    )


# ----------------------------------------------------------------------------------------------
# Writers


class _Writer(ABC):
    """Rows in, bytes out."""

    @abstractmethod
    async def write(self, rows: list[Operation]) -> None: ...

    @abstractmethod
    async def finish(self) -> bytes: ...

    async def close(self) -> None:  # noqa: B027 - most writers hold nothing to release
        """Release temporary files and processes; safe after `finish` and after an error."""


class _ThreadedWriter(_Writer):
    """A writer of plain Python: a chunk big enough to take a while is written in a worker
    thread, so that the event loop keeps answering other users in between."""

    @abstractmethod
    def write_sync(self, rows: list[Operation]) -> None: ...

    @abstractmethod
    def finish_sync(self) -> bytes: ...

    async def write(self, rows: list[Operation]) -> None:
        if len(rows) >= 500:
            await asyncio.to_thread(self.write_sync, rows)
        else:
            self.write_sync(rows)

    async def finish(self) -> bytes:
        return await asyncio.to_thread(self.finish_sync)


# "00" … "99": minutes and kopecks of a hundred thousand rows without a format call each.
_TWO_DIGITS = tuple(f"{n:02d}" for n in range(100))


class _MskMinutes:
    """`dd.mm.yyyy hh:mm` in Moscow time for aware datetimes (csv and txt exports).

    Moscow's offsets from UTC are whole hours, so the text up to the minutes is made once per
    distinct UTC hour of the export (a year has 8,760) and each row only adds its minutes.
    """

    def __init__(self) -> None:
        self._hours: dict[tuple[int, int, int, int], str] = {}

    def __call__(self, dt: datetime) -> str:
        key = (dt.year, dt.month, dt.day, dt.hour)
        hour = self._hours.get(key)
        if hour is None:
            d = dt.astimezone(MSK)
            hour = self._hours[key] = f"{d.day:02d}.{d.month:02d}.{d.year} {d.hour:02d}:"
        return hour + _TWO_DIGITS[dt.minute]


def _plain_amount(kop: int) -> str:
    """`-123456` → `-1234,56`: no grouping, a decimal comma (what Excel in Russian reads)."""
    rub, k = divmod(-kop if kop < 0 else kop, KOP_PER_RUB)
    text = f"{rub},{_TWO_DIGITS[k]}"
    return "-" + text if kop < 0 else text


def _local_naive(dt: datetime) -> datetime:
    # Excel has no time zones: the cell holds the Moscow wall time the user saw on screen.
    return to_local(dt, MSK).replace(tzinfo=None, second=0, microsecond=0)


def _xlsx_row(op: Operation, lang: str) -> Row:
    return (
        _local_naive(op.at),
        op.account_number,
        operation_label(op, lang),
        op.amount_kop / KOP_PER_RUB,
        op.document_number or None,
        op.description or None,
    )


def _sheet_title(lang: str) -> str:
    return "Платежи" if lang == "ru" else "Payments"


class _XlsxWriter(_ThreadedWriter):
    """A small export: the sheet is written in this process (in worker threads)."""

    def __init__(self, lang: str, headers: tuple[str, ...]) -> None:
        from domain.accounts.xlsx_sheet import XlsxSheet

        self.lang = lang
        self.sheet = XlsxSheet(_sheet_title(lang), headers)

    def write_sync(self, rows: list[Operation]) -> None:
        self.sheet.append([_xlsx_row(op, self.lang) for op in rows])

    def finish_sync(self) -> bytes:
        return self.sheet.to_bytes()

    async def close(self) -> None:
        self.sheet.close()


class _XlsxChildWriter(_Writer):
    """A big export: the sheet is written by a child Python process (`domain/accounts/xlsx_sheet.py`
    run as a script) fed with pickled chunks through its stdin. Its CPU work runs beside the
    database reading and never holds this process's event loop or its GIL."""

    def __init__(
        self, lang: str, proc: asyncio.subprocess.Process, tmp: tempfile.TemporaryDirectory[str]
    ) -> None:
        self.lang = lang
        self.proc = proc
        self.tmp = tmp

    @classmethod
    async def start(cls, lang: str, headers: tuple[str, ...]) -> _XlsxChildWriter:
        tmp = tempfile.TemporaryDirectory(prefix="export-")
        path = os.path.join(tmp.name, "export.xlsx")
        heads = json.dumps(list(headers), ensure_ascii=False)
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            # -P: the script's folder (domain/, with its `types.py`, `statistics.py`) must not
            # shadow the standard library in the child.
            "-P",
            str(_XLSX_SHEET_SCRIPT),
            path,
            _sheet_title(lang),
            heads,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        return cls(lang, proc, tmp)

    @property
    def path(self) -> str:
        return os.path.join(self.tmp.name, "export.xlsx")

    async def write(self, rows: list[Operation]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(pickle.dumps([_xlsx_row(op, self.lang) for op in rows]))
        await self.proc.stdin.drain()

    async def finish(self) -> bytes:
        assert self.proc.stdin is not None and self.proc.stderr is not None
        self.proc.stdin.write(pickle.dumps(None))
        await self.proc.stdin.drain()
        self.proc.stdin.close()
        errors = await self.proc.stderr.read()
        if await self.proc.wait() != 0:
            raise RuntimeError(f"the xlsx writer failed: {errors.decode(errors='replace')[-500:]}")
        return await asyncio.to_thread(_read_bytes, self.path)

    async def close(self) -> None:
        if self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()
        self.tmp.cleanup()


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


class _CsvWriter(_ThreadedWriter):
    """UTF-8 with a BOM, `;` between fields, a decimal comma: what Excel in Russian opens right."""

    def __init__(self, lang: str, headers: tuple[str, ...]) -> None:
        self.lang = lang
        self.raw: IO[bytes] = tempfile.TemporaryFile()
        self.tmp = io.TextIOWrapper(self.raw, encoding="utf-8-sig", newline="")
        self.csv = csv.writer(self.tmp, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        self.csv.writerow(headers)
        self.minutes = _MskMinutes()
        self.labels = _labels(lang)

    def write_sync(self, rows: list[Operation]) -> None:
        minutes, labels = self.minutes, self.labels
        self.csv.writerows(
            (
                minutes(op.at),
                op.account_number,
                labels[op.type, op.category],
                _plain_amount(op.amount_kop),
                op.document_number,
                op.description,
            )
            for op in rows
        )

    def finish_sync(self) -> bytes:
        self.tmp.flush()
        self.raw.seek(0)
        return self.raw.read()

    async def close(self) -> None:
        self.tmp.close()


class _TxtWriter(_ThreadedWriter):
    """A plain aligned table: fixed widths known before the first row (from the summary)."""

    def __init__(self, lang: str, headers: tuple[str, ...], plan: ExportPlan) -> None:
        self.lang = lang if lang in _TXT_TEXT else "ru"
        t = _TXT_TEXT[self.lang]
        self.summary = plan.summary
        self.tmp: IO[str] = tempfile.TemporaryFile(mode="w+", encoding="utf-8", newline="\n")
        widest_amount = len(format_amount(-plan.summary.max_abs_kop, sep=" ", minus="-"))
        self.minutes = _MskMinutes()
        self.labels = _labels(self.lang)
        label_width = max(len(label) for label in self.labels.values())
        self.widths = (
            max(len(headers[0]), 16),
            max([len(headers[1])] + [len(a.number) for a in plan.accounts]),
            max(len(headers[2]), label_width),
            max(len(headers[3]), widest_amount),
            max(len(headers[4]), 12),
        )
        flt = plan.flt
        if flt.date_from or flt.date_to:
            first = flt.date_from.strftime("%d.%m.%Y") if flt.date_from else "…"
            last = flt.date_to.strftime("%d.%m.%Y") if flt.date_to else "…"
            period = f"{first} – {last}"
        else:
            period = t["all_time"]
        numbers = ", ".join(a.number for a in plan.accounts)
        self.tmp.write(f"{t['title']}\n")
        self.tmp.write(f"{t['accounts']}: {numbers}\n")
        self.tmp.write(f"{t['period']}: {period}\n\n")
        self.tmp.write(self._line(headers) + "\n")
        self.tmp.write(self._line((*tuple("-" * w for w in self.widths), "-" * 20)) + "\n")

    def _line(self, cells: tuple[str, ...]) -> str:
        w = self.widths
        return "  ".join(
            (
                cells[0].ljust(w[0]),
                cells[1].ljust(w[1]),
                cells[2].ljust(w[2]),
                cells[3].rjust(w[3]),
                cells[4].ljust(w[4]),
                cells[5],
            )
        ).rstrip()

    def write_sync(self, rows: list[Operation]) -> None:
        self.tmp.writelines(
            self._line(
                (
                    self.minutes(op.at),
                    op.account_number,
                    self.labels[op.type, op.category],
                    format_amount(op.amount_kop, sep=" ", minus="-"),
                    op.document_number,
                    op.description.replace("\n", " "),
                )
            )
            + "\n"
            for op in rows
        )

    def finish_sync(self) -> bytes:
        t = _TXT_TEXT[self.lang]
        s = self.summary
        self.tmp.write("\n")
        self.tmp.write(f"{t['rows']}: {s.count}\n")
        self.tmp.write(f"{t['income']}: {_plain_rub(s.income_kop)}\n")
        self.tmp.write(f"{t['expense']}: {_plain_rub(s.expense_kop)}\n")
        self.tmp.write(f"{t['made']}: {local_today():%d.%m.%Y}\n")
        self.tmp.flush()
        self.tmp.seek(0)
        return self.tmp.read().encode("utf-8")

    async def close(self) -> None:
        self.tmp.close()


def _plain_rub(kop: int) -> str:
    # A text file is read in any editor: plain spaces, not the narrow ones of the chat.
    return format_rub(kop).replace("\u202f", " ").replace("\u00a0", " ").replace("\u2212", "-")


def _probe(op: OpType, category: ChargeCategory | None) -> Operation:
    return Operation(
        id=0,
        at=datetime(2000, 1, 1),
        account_id=0,
        account_number="",
        type=op,
        category=category,
        amount_kop=0,
        document_number="",
        description="",
    )


__all__ = [
    "COLUMNS",
    "MIME",
    "ExportFile",
    "ExportFormat",
    "ExportPlan",
    "ProgressCallback",
    "detached_sessions",
    "export_operations",
    "file_name_for",
    "operation_label",
    "plan_export",
    "write_export",
]
