"""The xlsx writers a payments export could stand on, side by side, on the same 100,000 rows.

Each writer runs in a fresh Python process (so that its peak resident memory is its own) and
writes the sheet the export writes: a bold filled heading row, frozen; six column widths;
Moscow wall times as dates in `DD.MM.YYYY HH:MM`; amounts as numbers in the rouble format;
empty document numbers left out. Prints seconds (import + writing + saving), the process's
CPU seconds (what a busy machine changes least) and peak RSS.

    python benchmarks/bench_xlsx_writers.py [--rows N]

A writer that is not installed is reported as such, not measured. The export itself uses
XlsxWriter (docs/exports.md says why).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

HEADERS = (
    "Дата и время (МСК)",
    "Лицевой счёт",
    "Операция",
    "Сумма, ₽",
    "Номер документа",
    "Описание",
)
WIDTHS = (18, 16, 30, 16, 18, 48)
RUB = '#,##0.00\\ "₽";\\-#,##0.00\\ "₽"'
WHEN = "DD.MM.YYYY HH:MM"
LABELS = ("Платёж: безналичный", "Платёж: банковская карта", "Списание: звонки", "Корректировка")

Row = tuple[datetime, str, str, float, str | None, str | None]


def rows(n: int) -> Iterator[list[Row]]:
    """The rows in chunks of 2,000, as the export streams them from the database."""
    start = datetime(2025, 1, 1, 9, 0)
    chunk: list[Row] = []
    for i in range(n):
        chunk.append(
            (
                start + timedelta(minutes=7 * i),
                f"3001154730{i % 50:02d}",
                LABELS[i % 4],
                ((i * 7919) % 5_000_000 - 1_000_000) / 100,
                f"ПП-{i:06d}" if i % 3 else None,
                f"Оплата по счёту № {i} от клиента, назначение платежа" if i % 5 else None,
            )
        )
        if len(chunk) == 2000:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def openpyxl_write_only(path: str, n: int) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Платежи")
    ws.freeze_panes = "A2"
    for i, w in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    head = []
    for text in HEADERS:
        c = WriteOnlyCell(ws, text)
        c.font, c.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        head.append(c)
    ws.append(head)
    for chunk in rows(n):
        for when, acc, label, rub, doc, descr in chunk:
            at = WriteOnlyCell(ws, when)
            at.number_format = WHEN
            amount = WriteOnlyCell(ws, rub)
            amount.number_format = RUB
            ws.append([at, acc, label, amount, doc, descr])
    wb.save(path)


def xlsxwriter_constant_memory(path: str, n: int) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet("Платежи")
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "align": "center"})
    when_f, rub_f = wb.add_format({"num_format": WHEN}), wb.add_format({"num_format": RUB})
    for i, w in enumerate(WIDTHS):
        ws.set_column(i, i, w)
    ws.freeze_panes(1, 0)
    ws.write_row(0, 0, HEADERS, head)
    r = 1
    for chunk in rows(n):
        for when, acc, label, rub, doc, descr in chunk:
            ws.write_datetime(r, 0, when, when_f)
            ws.write_string(r, 1, acc)
            ws.write_string(r, 2, label)
            ws.write_number(r, 3, rub, rub_f)
            if doc:
                ws.write_string(r, 4, doc)
            if descr:
                ws.write_string(r, 5, descr)
            r += 1
    wb.close()


def pyexcelerate_(path: str, n: int) -> None:
    from pyexcelerate import Color, Fill, Font, Format, Panes, Style, Workbook

    data: list[list[Any]] = [list(HEADERS)]
    for chunk in rows(n):
        data.extend(list(r) for r in chunk)
    wb = Workbook()
    ws = wb.new_sheet("Платежи", data=data)
    ws.panes = Panes(0, 1)
    ws.set_row_style(1, Style(font=Font(bold=True), fill=Fill(background=Color(221, 235, 247))))
    for i, w in enumerate(WIDTHS, 1):
        ws.set_col_style(i, Style(size=w))
    ws.set_col_style(1, Style(size=WIDTHS[0], format=Format(WHEN)))
    ws.set_col_style(4, Style(size=WIDTHS[3], format=Format(RUB)))
    wb.save(path)


def rustpy_xlsxwriter(path: str, n: int) -> None:
    import rustpy_xlsxwriter as rx

    records = [dict(zip(HEADERS, r, strict=True)) for chunk in rows(n) for r in chunk]
    rx.write_worksheet(
        records,
        path,
        sheet_name="Платежи",
        freeze_row=1,
        bold_headers=True,
        datetime_format=WHEN,
        float_format=RUB,
        column_widths=[float(w) for w in WIDTHS],
    )


WRITERS: dict[str, tuple[str, str, Callable[[str, int], None]]] = {
    "openpyxl": ("openpyxl", "openpyxl write-only", openpyxl_write_only),
    "xlsxwriter": ("xlsxwriter", "XlsxWriter, constant_memory", xlsxwriter_constant_memory),
    "pyexcelerate": ("pyexcelerate", "pyexcelerate", pyexcelerate_),
    "rustpy": ("rustpy_xlsxwriter", "rustpy-xlsxwriter", rustpy_xlsxwriter),
}


def child(name: str, n: int) -> dict[str, float]:
    fd, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(fd)
    started = time.perf_counter()
    try:
        WRITERS[name][2](path, n)
        seconds = time.perf_counter() - started
        size = os.path.getsize(path)
    finally:
        os.unlink(path)
    use = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "seconds": seconds,
        "cpu": use.ru_utime + use.ru_stime,
        "rss_peak_mib": use.ru_maxrss / 1024,
        "size_mib": size / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.rows)))
        return
    print(f"{args.rows:,} rows, each writer in a fresh process")
    print(f"{'writer':32} {'seconds':>8} {'CPU s':>6} {'peak RSS':>10} {'file':>8}")
    import importlib.util

    for name, (module, title, _) in WRITERS.items():
        if importlib.util.find_spec(module) is None:
            print(f"{title:32} not installed")
            continue
        out = subprocess.run(
            [sys.executable, __file__, "--child", name, "--rows", str(args.rows)],
            check=True,
            capture_output=True,
            text=True,
        )
        r = json.loads(out.stdout)
        print(
            f"{title:32} {r['seconds']:8.2f} {r['cpu']:6.2f} {r['rss_peak_mib']:7.0f} MiB "
            f"{r['size_mib']:5.1f} MiB"
        )


if __name__ == "__main__":
    main()
