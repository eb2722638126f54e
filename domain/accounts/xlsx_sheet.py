"""The xlsx sheet of a payments export, written row by row with openpyxl's write-only mode.

This module imports nothing of ours and nothing heavy but openpyxl, because a big export runs it
as a script in a child process (`main`): the sheet's CPU work then never holds the bot's event
loop, and it overlaps with reading the database in the parent. With `lxml` installed (a
dependency for this reason) openpyxl streams the sheet's XML through lxml's incremental writer
instead of the standard library's, about a tenth faster on a big export; `USES_LXML` says which.

A row is a plain tuple, cheap to send through a pipe:
(Moscow wall time as a naive datetime, account number, operation label, amount in roubles as a
float with at most two places — its shortest repr is the exact decimal —, document number,
description).
"""

from __future__ import annotations

import io
import json
import pickle
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.xml import LXML

USES_LXML: bool = LXML

# Excel's rouble format: grouped thousands, two places, the sign after the number.
RUB_NUMBER_FORMAT = '#,##0.00\\ "₽";\\-#,##0.00\\ "₽"'
DATETIME_NUMBER_FORMAT = "DD.MM.YYYY HH:MM"
# Column widths in characters, as Excel counts them.
WIDTHS = (18, 16, 30, 16, 18, 48)

Row = tuple[datetime, str, str, float, str | None, str | None]


def _cells_of_row(ws: Any, values: Iterable[Any], row_idx: int) -> Iterator[Any]:
    """openpyxl's `WriteOnlyWorksheet._values_to_row`, less its detour for a ready cell.

    openpyxl makes a row's cells by assigning each value to one reused cell; a value that already
    is a cell (our two typed ones) makes that assignment raise a ValueError, which it catches.
    Two exceptions a row were a fifth of the CPU time of a big sheet. Here a ready cell is taken
    as it is and any other value gets a cell of its own: the same cells, the same XML.
    """
    for col_idx, value in enumerate(values, 1):
        if value is None:
            continue
        cell = value if isinstance(value, Cell) else WriteOnlyCell(ws, value)
        cell.column = col_idx
        cell.row = row_idx
        yield cell


class XlsxSheet:
    def __init__(self, title: str, headers: Sequence[str], fast_rows: bool = True) -> None:
        self.wb = Workbook(write_only=True)
        self.ws = self.wb.create_sheet(title)
        if fast_rows and hasattr(self.ws, "_values_to_row"):
            # Where a later openpyxl has no such method nothing is replaced: only speed changes.
            self.ws._values_to_row = _cells_of_row.__get__(self.ws)
        self.ws.freeze_panes = "A2"
        for i, width in enumerate(WIDTHS, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        bold = Font(bold=True)
        fill = PatternFill("solid", fgColor="DDEBF7")
        header = []
        for text in headers:
            cell = WriteOnlyCell(self.ws, value=text)
            cell.font = bold
            cell.fill = fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            header.append(cell)
        self.ws.append(header)
        # The two typed cells are made once and refilled: a write-only sheet serialises a row as
        # soon as it is appended, and making a styled cell per row costs a quarter of the time.
        self._at = WriteOnlyCell(self.ws)
        self._at.number_format = DATETIME_NUMBER_FORMAT
        self._amount = WriteOnlyCell(self.ws)
        self._amount.number_format = RUB_NUMBER_FORMAT

    def append(self, rows: Sequence[Row]) -> None:
        ws, at, amount = self.ws, self._at, self._amount
        for when, account, label, rub, doc, descr in rows:
            at.value = when
            amount.value = rub
            ws.append([at, account, label, amount, doc, descr])

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.wb.save(buf)
        return buf.getvalue()

    def close(self) -> None:
        self.wb.close()


def main(argv: Sequence[str]) -> int:
    """Run as a script by a big export: `xlsx_sheet.py PATH TITLE HEADERS_JSON`.

    Reads pickled lists of rows from stdin until a pickled `None`, writes the file to PATH.
    Only the exporting process writes to that pipe (pickle is no format for strangers).
    """
    path, title, headers = argv[1], argv[2], json.loads(argv[3])
    sheet = XlsxSheet(title, headers)
    stdin = sys.stdin.buffer
    try:
        while True:
            rows = pickle.load(stdin)
            if rows is None:
                break
            sheet.append(rows)
        data = sheet.to_bytes()
    finally:
        sheet.close()
    with open(path, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
