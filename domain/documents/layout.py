"""Page furniture for long accounting documents: «Стр. 3 из 41», short tables and long ones.

Short tables (an invoice's services, the VAT invoice's lines, a prepayment invoice) are fpdf2's
own `FPDF.table()`: cells wrap, rows grow, the heading repeats. A table of a thousand rows
(the itemised detail, a year's statement of two thousand payments) through `FPDF.table()` costs
about 1 ms a cell (each cell is laid out twice by `multi_cell`): twelve seconds for a detail of
1,000 numbers. `Grid` draws those with fpdf2's public drawing calls only (`rect`, `text`,
`set_fill_color`, `set_text_color`, `get_string_width`): each text is measured once, wrapped at
word boundaries (a word wider than its cell is broken between letters), and a row is as tall as
its tallest cell. Nothing is ever cut. Fills are drawn first, light, and the text over them is
black: every character on the page is black on white or on a light grey.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fpdf.enums import Align
from fpdf.fonts import FontFace

from domain.documents.pdf import CabinetPdf, find_fonts

log = logging.getLogger(__name__)

Alignment = Literal["L", "R", "C"]

INK = (0, 0, 0)  # every character of a document
HEADING_FILL = (232, 232, 232)  # behind a table's heading
TOTAL_FILL = (242, 242, 242)  # behind a table's total rows
ALIGN_NAMES = {"L": "LEFT", "R": "RIGHT", "C": "CENTER"}
MIN_SIZE = 4.5  # points: the smallest a text that cannot break is set to make it fit
_HYPHENATED = re.compile(r"[^-]+-|[^-]+$|-")


# What documents print: Latin, Cyrillic, general punctuation, №, ₽, the minus sign.
_KEEP = (
    *range(0x20, 0x250),
    *range(0x400, 0x530),
    *range(0x2000, 0x2070),
    0x20BD,
    0x2116,
    0x2122,
    0x2212,
)
_compact_lock = threading.Lock()


def compact_font(font_path: str | Path | None = None) -> Path | None:
    """The document font cut down to `_KEEP`, made once per machine and kept in the temp dir.

    fpdf2 parses every glyph of a TTF for each new document (DejaVu Sans has ~6,000: 0.5 s a
    PDF, more than a VAT invoice's whole budget); the cut font has ~700. Returns None (use the
    full font) if the cut cannot be made.
    """
    fonts = find_fonts(font_path)
    try:
        stat = fonts.regular.stat()
        tag = hashlib.sha256(
            f"{fonts.regular}|{stat.st_size}|{stat.st_mtime_ns}|{fonts.bold}|{_KEEP}".encode()
        ).hexdigest()[:16]
        base = Path(tempfile.gettempdir()) / "b2b-cabinet-fonts"
        regular = base / f"Doc{tag}.ttf"
        bold = base / f"Doc{tag}-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular
        with _compact_lock:
            if not (regular.is_file() and bold.is_file()):
                base.mkdir(parents=True, exist_ok=True)
                _cut(fonts.bold, bold)
                _cut(fonts.regular, regular)
        return regular
    except Exception:  # a missing fontTools feature or a read-only temp dir: the full font
        log.warning("could not make the compact document font", exc_info=True)
        return None


def _cut(source: Path, target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # "FFTM NOT subset" is expected
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = True
    options.layout_features = []
    options.hinting = False
    font = TTFont(str(source))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_KEEP)
    subsetter.subset(font)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    font.save(str(tmp))
    tmp.replace(target)  # atomic: another process never reads half a file


class DocumentPdf(CabinetPdf):
    """A cabinet PDF with «Стр. N из M» at the foot of every page and an optional orientation."""

    def __init__(
        self,
        font_path: str | Path | None = None,
        *,
        landscape: bool = False,
        footer_note: str = "",
    ) -> None:
        super().__init__(compact_font(font_path) or font_path)
        self.landscape = landscape
        self.footer_note = footer_note
        self.set_creator("b2b-cabinet-bot")
        self.set_text_color(*INK)

    def new_page(self) -> None:
        self.add_page(orientation="L" if self.landscape else "P")

    def footer(self) -> None:
        super().footer()
        self.set_y(-10)
        self.regular(7)
        self.set_text_color(*INK)
        if self.footer_note:
            self.cell(self.content_width / 2, 4, self.footer_note, align=Align.L)
            self.set_x(self.l_margin + self.content_width / 2)
            self.cell(self.content_width / 2, 4, f"Стр. {self.page_no()} из {{nb}}", align=Align.R)
        else:
            self.cell(0, 4, f"Стр. {self.page_no()} из {{nb}}", align=Align.R)

    def rule(self, gap: float = 2.0, width: float = 0.6) -> None:
        y = self.get_y() + gap / 2
        self.set_line_width(width)
        self.line(self.l_margin, y, self.l_margin + self.content_width, y)
        self.set_line_width(0.2)
        self.set_y(y + gap)

    def para(self, text: str, size: float = 9, *, bold: bool = False, h: float = 4.5) -> None:
        self.bold(size) if bold else self.regular(size)
        self.multi_cell(0, h, text, align=Align.L, new_x="LMARGIN", new_y="NEXT")


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # a share of the table's width; the widths are scaled to fill it
    align: Alignment = "L"


def small_table(
    pdf: CabinetPdf,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    size: float,
    heading_size: float,
    line_height: float,
    bold_last: bool = False,
    numbers: Sequence[str] = (),
) -> None:
    """A table of a few rows through `FPDF.table()`: wrapping cells, a repeated heading, a
    light heading fill under black text; `bold_last`: the last row is a total (bold, light);
    `numbers`: a second heading row with the columns' numbers, as official forms have."""
    pdf.regular(size)
    pdf.set_text_color(*INK)
    heading = FontFace(emphasis="BOLD", size_pt=heading_size, color=INK, fill_color=HEADING_FILL)
    total = FontFace(emphasis="BOLD", color=INK, fill_color=TOTAL_FILL)
    with pdf.table(
        col_widths=tuple(c.width for c in columns),
        text_align=tuple(ALIGN_NAMES[c.align] for c in columns),
        headings_style=heading,
        line_height=line_height,
        padding=(0.6, 0.8),
        v_align="MIDDLE",
        num_heading_rows=2 if numbers else 1,
        repeat_headings=1,
    ) as table:
        table.row([c.title for c in columns], style=heading)
        if numbers:
            numbers_row = table.row(style=heading)
            for number in numbers:
                numbers_row.cell(number, align="CENTER")
        for i, values in enumerate(rows):
            last = bold_last and i == len(rows) - 1
            table.row(list(values), style=total if last else None)


class Grid:
    """A bordered table of many rows drawn with fpdf2's public drawing calls; its heading is
    repeated on every page it spans, and every text wraps inside its cell."""

    def __init__(
        self,
        pdf: DocumentPdf,
        columns: Sequence[Column],
        *,
        size: float = 7,
        line_height: float = 3.2,
        heading_size: float = 6.5,
        pad: float = 0.8,
        over: Sequence[tuple[str, int]] = (),
    ) -> None:
        """`over`: titles above groups of columns (a title and how many columns it spans),
        drawn as part of the heading."""
        self.pdf = pdf
        total = sum(c.width for c in columns)
        self.columns = list(columns)
        self.widths = [c.width * pdf.content_width / total for c in columns]
        self.size = size
        self.line_height = line_height
        self.heading_size = heading_size
        self.pad = pad
        self.rows_drawn = 0
        self.over: list[tuple[str, float]] = []
        first = 0
        for title, span in over:
            self.over.append((title, sum(self.widths[first : first + span])))
            first += span
        self._widths: dict[tuple[str, bool, float], float] = {}
        self._lines: dict[tuple[str, bool, float, float], list[str]] = {}

    # -- measuring and wrapping ---------------------------------------------------------------

    def _width(self, text: str, bold: bool, size: float) -> float:
        key = (text, bold, size)
        hit = self._widths.get(key)
        if hit is None:
            if len(self._widths) > 100_000:
                self._widths.clear()
            pdf = self.pdf
            if pdf.font_size_pt != size or ("B" in pdf.font_style) != bold:
                self._set_font(bold, size)
            hit = float(pdf.get_string_width(text))
            self._widths[key] = hit
        return hit

    def wrap(self, text: str, width: float, *, bold: bool, size: float) -> list[str]:
        """`text` in lines no wider than `width`: at spaces, inside a word only if it must."""
        key = (text, bold, size, width)
        hit = self._lines.get(key)
        if hit is not None:
            return hit
        lines: list[str] = []
        for part in text.split("\n"):
            lines += self._wrap_line(part, width, bold, size)
        if len(self._lines) > 50_000:
            self._lines.clear()
        self._lines[key] = lines
        return lines

    def _wrap_line(self, text: str, width: float, bold: bool, size: float) -> list[str]:
        if self._width(text, bold, size) <= width:
            return [text]
        lines: list[str] = []
        current = ""
        for word in text.split(" "):
            # A word breaks after its hyphens first («Иванова-|Петрова»), between letters last.
            for i, piece in enumerate(_HYPHENATED.findall(word) or [word]):
                joiner = " " if current and i == 0 else ""
                candidate = current + joiner + piece
                if self._width(candidate, bold, size) <= width:
                    current = candidate
                    continue
                if current:
                    lines.append(current)
                while self._width(piece, bold, size) > width:
                    cut = self._longest_prefix(piece, width, bold, size)
                    lines.append(piece[:cut])
                    piece = piece[cut:]
                current = piece
        if current:
            lines.append(current)
        return lines

    def _longest_prefix(self, word: str, width: float, bold: bool, size: float) -> int:
        lo, hi = 1, len(word)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._width(word[:mid], bold, size) <= width:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def _fit(self, value: str, width: float, bold: bool, size: float) -> tuple[list[str], float]:
        """The lines of a cell and their size: a text with no place to break (an amount, a
        phone number) that is too wide is set smaller instead of being split."""
        if not value:
            return [], size
        if " " not in value and "-" not in value and "\n" not in value:
            wide = self._width(value, bold, size)
            if wide > width:
                smaller = max(MIN_SIZE, size * width / wide * 0.98)
                if self._width(value, bold, smaller) <= width:
                    return [value], smaller
        return self.wrap(value, width, bold=bold, size=size), size

    # -- drawing ------------------------------------------------------------------------------

    def _set_font(self, bold: bool, size: float) -> None:
        pdf = self.pdf
        if pdf.font_size_pt == size and ("B" in pdf.font_style) == bold:
            return  # fpdf2's set_font costs ~10 µs even when nothing changes; a cell calls it
        pdf.bold(size) if bold else pdf.regular(size)

    def _draw(
        self,
        values: Sequence[str],
        aligns: Sequence[Alignment],
        *,
        bold: bool,
        size: float,
        fill: tuple[int, int, int] | None,
        line_h: float,
        heading: bool = False,
        widths: Sequence[float] | None = None,
    ) -> None:
        pdf = self.pdf
        widths = widths or self.widths
        self._set_font(bold, size)
        cells = [
            self._fit(v, w - 2 * self.pad, bold, size) for v, w in zip(values, widths, strict=True)
        ]
        height = max(len(lines) for lines, _s in cells) * line_h + 2 * self.pad * 0.6
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.new_page()
            if not heading:
                self.heading()
                self._set_font(bold, size)
        x, y = pdf.l_margin, pdf.get_y()
        if fill is not None:
            pdf.set_fill_color(*fill)
            pdf.rect(x, y, sum(widths), height, style="F")
        for (lines, cell_size), w, align in zip(cells, widths, aligns, strict=True):
            pdf.rect(x, y, w, height)
            self._set_font(bold, cell_size)
            top = y + (height - len(lines) * line_h) / 2
            for i, line in enumerate(lines):
                tw = self._width(line, bold, cell_size)
                if align == "R":
                    tx = x + w - self.pad - tw
                elif align == "C":
                    tx = x + (w - tw) / 2
                else:
                    tx = x + self.pad
                baseline = top + i * line_h + (line_h - pdf.font_size) / 2 + pdf.font_size * 0.78
                pdf.text(tx, baseline, line)
            x += w
        pdf.set_xy(pdf.l_margin, y + height)

    def heading(self) -> None:
        self.pdf.set_text_color(*INK)
        if self.over:
            self._draw(
                [title for title, _w in self.over],
                ["C"] * len(self.over),
                bold=True,
                size=self.heading_size,
                fill=HEADING_FILL,
                line_h=self.heading_size * 0.42,
                heading=True,
                widths=[w for _t, w in self.over],
            )
        self._draw(
            [c.title for c in self.columns],
            ["C"] * len(self.columns),
            bold=True,
            size=self.heading_size,
            fill=HEADING_FILL,
            line_h=self.heading_size * 0.42,
            heading=True,
        )
        self._set_font(False, self.size)

    def row(self, values: Sequence[str], *, bold: bool = False, fill: bool = False) -> None:
        self._draw(
            values,
            [c.align for c in self.columns],
            bold=bold,
            size=self.size,
            fill=TOTAL_FILL if fill else None,
            line_h=self.line_height,
        )
        self.rows_drawn += 1

    def start(self) -> None:
        """The heading, on a new page if not even two rows would fit under it."""
        room = self.heading_size * 0.42 * 4 + self.line_height * 3
        if self.pdf.get_y() + room > self.pdf.page_break_trigger:
            self.pdf.new_page()
        self.heading()
