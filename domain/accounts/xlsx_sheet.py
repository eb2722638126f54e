"""The xlsx sheet of a payments export, written by `rustpy-xlsxwriter` (Rust's `rust_xlsxwriter`
behind a Python binding) through its public `write_worksheet`; docs/exports.md says why this
writer.

This module imports nothing of ours and nothing heavy but the writer, because a big export runs
it as a script in a child process (`main`): the sheet's work then never holds the bot's event
loop, and it overlaps with reading the database in the parent. The writer takes the rows as an
iterable of dicts keyed by the headings, so the child hands it a generator over the pickled
chunks it reads and never holds them as a list of its own.

A row is a plain tuple, cheap to send through a pipe:
(Moscow wall time as a naive datetime, account number, operation label, amount in roubles as a
float with at most two places — its shortest repr is the exact decimal —, document number,
description). `None` leaves a cell empty.
"""

from __future__ import annotations

import io
import json
import pickle
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import IO, Any, BinaryIO

import rustpy_xlsxwriter as rx

# Excel's rouble format: grouped thousands, two places, the sign after the number.
RUB_NUMBER_FORMAT = '#,##0.00\\ "₽";\\-#,##0.00\\ "₽"'
DATETIME_NUMBER_FORMAT = "DD.MM.YYYY HH:MM"
# Column widths in characters, as Excel counts them.
WIDTHS = (18, 16, 30, 16, 18, 48)

Row = tuple[datetime, str, str, float, str | None, str | None]


def write_sheet(
    target: str | BinaryIO, title: str, headers: Sequence[str], rows: Iterable[Row]
) -> None:
    """One sheet: the bold, filled, frozen heading row, the widths, dates and rouble amounts.

    Every float of the sheet is an amount and every datetime a moment, so the writer's
    per-type formats give each its cell format."""
    keys = list(headers)
    heading = (
        rx.Format().set_bold().set_background_color("#DDEBF7").set_align("center").set_text_wrap()
    )
    rx.write_worksheet(
        (dict(zip(keys, row, strict=True)) for row in rows),
        target,
        sheet_name=title,
        freeze_row=1,
        header_format=heading,
        datetime_format=DATETIME_NUMBER_FORMAT,
        float_format=RUB_NUMBER_FORMAT,
        column_widths=[float(w) for w in WIDTHS],
    )


class XlsxSheet:
    """A small export's sheet, written in this process: rows are kept until `to_bytes`."""

    def __init__(self, title: str, headers: Sequence[str]) -> None:
        self.title = title
        self.headers = tuple(headers)
        self.rows: list[Row] = []

    def append(self, rows: Sequence[Row]) -> None:
        self.rows.extend(rows)

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        write_sheet(buf, self.title, self.headers, self.rows)
        return buf.getvalue()

    def close(self) -> None:
        self.rows = []


def _pickled_rows(stream: IO[bytes]) -> Iterator[Row]:
    while True:
        chunk: Any = pickle.load(stream)
        if chunk is None:
            return
        yield from chunk


def main(argv: Sequence[str]) -> int:
    """Run as a script by a big export: `xlsx_sheet.py PATH TITLE HEADERS_JSON`.

    Reads pickled lists of rows from stdin until a pickled `None`, writes the file to PATH.
    Only the exporting process writes to that pipe (pickle is no format for strangers).
    """
    path, title, headers = argv[1], argv[2], json.loads(argv[3])
    write_sheet(path, title, headers, _pickled_rows(sys.stdin.buffer))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
