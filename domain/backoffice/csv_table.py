"""CSV files of the operator's back-office: a header naming the columns (in English or Russian),
`,` or `;` between values, UTF-8 or Windows-1251. Every import is all or nothing: each bad line is
named with its column, and nothing is written while one is left.

`read_table` does the part every import shares (the header, the shape of each line, blank lines,
the row limit); the import checks each value and adds its own `LineError`s.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence, Sized
from dataclasses import dataclass, field
from typing import Any

from domain.errors import DomainError

MAX_ROWS = 20_000


@dataclass(frozen=True)
class LineError:
    line: int
    column: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)


class ImportFailed(DomainError):
    """Nothing was imported; every bad line is listed."""

    key = "admin-import-failed"

    def __init__(self, errors: list[LineError]) -> None:
        super().__init__(count=len(errors))
        self.errors = sorted(errors, key=lambda e: e.line)


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1251 as Excel in Russian saves it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251")


Row = tuple[int, dict[str, str]]  # (line number, {column: value as written, stripped})


def _columns(
    header: list[str], aliases: Mapping[str, str], columns: Sequence[str], required: Sequence[str]
) -> list[str | None]:
    """The column of each header cell (None for an empty one); `ImportFailed` for a header
    naming an unknown column or missing a required one."""
    names: list[str | None] = []
    head_errors: list[LineError] = []
    for name in header:
        col = aliases.get(name)
        if col is None and name:
            head_errors.append(
                LineError(1, name, "admin-csv-unknown-column", {"allowed": ", ".join(columns)})
            )
        names.append(col)
    for col in required:
        if col not in names:
            head_errors.append(LineError(1, col, "admin-csv-no-column", {"column": col}))
    if head_errors:
        raise ImportFailed(head_errors)
    return names


def all_or_nothing(errors: list[LineError], rows: Sized) -> None:
    """Refuse the whole file when a line is bad, or when it has no line to add."""
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed([LineError(2, "", "admin-csv-no-rows")])


def read_table(
    text: str,
    aliases: Mapping[str, str],
    columns: Sequence[str],
    required: Sequence[str],
    errors: list[LineError],
    *,
    empty_example: str,
    max_rows: int = MAX_ROWS,
) -> list[Row]:
    """The lines of a CSV file as dicts by column name.

    `aliases` maps what a header may say (lower case) to a column name; `columns` are the names
    (for the message about an unknown one); `required` must be in the header. A broken header
    raises `ImportFailed` at once; a line of the wrong shape is added to `errors` and left out.
    """
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise ImportFailed([LineError(1, "", "admin-csv-empty", {"example": empty_example})])
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        raise ImportFailed([LineError(1, "", "admin-csv-broken", {"error": str(exc)})]) from None
    names = _columns(header, aliases, columns, required)
    rows: list[Row] = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(names):
                errors.append(
                    LineError(
                        line,
                        "",
                        "admin-csv-columns",
                        {"expected": len(names), "got": len(values)},
                    )
                )
                continue
            rows.append((line, {c: v.strip() for c, v in zip(names, values, strict=True) if c}))
            if len(rows) > max_rows:
                errors.append(LineError(line, "", "admin-csv-too-many", {"max": max_rows}))
                break
    except csv.Error as exc:
        errors.append(LineError(reader.line_num, "", "admin-csv-broken", {"error": str(exc)}))
    return rows
