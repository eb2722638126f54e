"""Page furniture for long accounting documents: «Стр. 3 из 41» and fast tables.

fpdf2's `cell()` costs about 170 µs (it copies the graphics state and parses markdown on every
call); a detail of a thousand numbers is ten thousand cells. `FastTable` writes each row as one
chunk of PDF operators (text through the font's own `encode_text`, so the subset and the text
layer stay fpdf2's), measures text with the font's widths, and on a page break adds a page and
draws the heading again. Cells that do not fit are cut with «…», never wrapped.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fpdf.enums import Align

from domain.documents.pdf import CabinetPdf, find_fonts

log = logging.getLogger(__name__)

Alignment = Literal["L", "R", "C"]

ELLIPSIS = "…"


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

    def new_page(self) -> None:
        self.add_page(orientation="L" if self.landscape else "P")

    def footer(self) -> None:
        super().footer()
        self.set_y(-10)
        self.regular(7)
        if self.footer_note:
            self.cell(self.content_width / 2, 4, self.footer_note, align=Align.L)
            self.set_x(self.l_margin + self.content_width / 2)
            self.cell(self.content_width / 2, 4, f"Стр. {self.page_no()} из {{nb}}", align=Align.R)
        else:
            self.cell(0, 4, f"Стр. {self.page_no()} из {{nb}}", align=Align.R)

    def text_width(self, text: str) -> float:
        font = self.current_font
        assert font is not None
        return float(font.get_text_width(text, self.font_size_pt, None)[1]) / self.k

    def fit(self, text: str, width: float) -> str:
        """`text` cut with «…» so that it fits `width` millimetres."""
        if self.text_width(text) <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.text_width(text[:mid] + ELLIPSIS) <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + ELLIPSIS

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


class FastTable:
    """A bordered table drawn row by row, its heading repeated on every page it spans."""

    def __init__(
        self,
        pdf: DocumentPdf,
        columns: Sequence[Column],
        *,
        size: float = 7,
        row_height: float = 4.2,
        heading_height: float = 8.0,
        heading_size: float = 6.5,
    ) -> None:
        self.pdf = pdf
        total = sum(c.width for c in columns)
        self.columns = list(columns)
        self.widths = [c.width * pdf.content_width / total for c in columns]
        self.size = size
        self.row_height = row_height
        self.heading_height = heading_height
        self.heading_size = heading_size
        self.rows_drawn = 0
        self._cache: dict[tuple[str, float], tuple[str, float]] = {}
        self._bold_cache: dict[tuple[str, float], tuple[str, float]] = {}

    def heading(self) -> None:
        pdf = self.pdf
        pdf.set_fill_color(235, 235, 235)
        pdf.bold(self.heading_size)
        x0, y0 = pdf.l_margin, pdf.get_y()
        x = x0
        for col, w in zip(self.columns, self.widths, strict=True):
            pdf.rect(x, y0, w, self.heading_height, style="DF")
            lines = col.title.split("\n")
            line_h = min(3.0, (self.heading_height - 1) / max(1, len(lines)))
            top = y0 + (self.heading_height - line_h * len(lines)) / 2
            for i, line in enumerate(lines):
                pdf.set_xy(x, top + i * line_h)
                pdf.cell(w, line_h, pdf.fit(line, w - 1), align=Align.C)
            x += w
        pdf.set_xy(x0, y0 + self.heading_height)
        pdf.regular(self.size)

    def _room_for(self, height: float) -> bool:
        return self.pdf.get_y() + height <= self.pdf.page_break_trigger

    def row(self, values: Sequence[str], *, bold: bool = False, fill: bool = False) -> None:
        pdf = self.pdf
        if not self._room_for(self.row_height):
            pdf.new_page()
            self.heading()
        pdf.bold(self.size) if bold else pdf.regular(self.size)
        font = pdf.current_font
        assert font is not None
        if not pdf.current_font_is_set_on_page:
            pdf._out(pdf._set_font_for_page(font, pdf.font_size_pt))
        k, page_h = pdf.k, pdf.h
        y = pdf.get_y()
        h = self.row_height
        baseline = y + h / 2 + pdf.font_size * 0.35
        ops: list[str] = []
        if fill:
            ops.append("q 0.95 g")
            x = pdf.l_margin
            for w in self.widths:
                ops.append(f"{x * k:.2f} {(page_h - y) * k:.2f} {w * k:.2f} {-h * k:.2f} re f")
                x += w
            ops.append("Q")
        x = pdf.l_margin
        pad = 0.8
        cache = self._bold_cache if bold else self._cache
        if len(cache) > 50_000:
            cache.clear()
        for value, col, w in zip(values, self.columns, self.widths, strict=True):
            ops.append(f"{x * k:.2f} {(page_h - y) * k:.2f} {w * k:.2f} {-h * k:.2f} re S")
            if value:
                # A row repeats its texts (both sides of a statement), a table its dates and
                # amounts: each text is measured, cut and encoded once.
                hit = cache.get((value, w))
                if hit is None:
                    text = value
                    tw = pdf.text_width(text)
                    if tw > w - 2 * pad:
                        text = pdf.fit(value, w - 2 * pad)
                        tw = pdf.text_width(text)
                    hit = (font.encode_text(text), tw)
                    cache[(value, w)] = hit
                encoded, tw = hit
                if col.align == "R":
                    tx = x + w - pad - tw
                elif col.align == "C":
                    tx = x + (w - tw) / 2
                else:
                    tx = x + pad
                ops.append(f"BT {tx * k:.2f} {(page_h - baseline) * k:.2f} Td {encoded} ET")
            x += w
        pdf._out("\n".join(ops))
        pdf.set_y(y + h)
        self.rows_drawn += 1

    def start(self) -> None:
        """The heading, on a new page if not even one row would fit under it."""
        if not self._room_for(self.heading_height + self.row_height * 2):
            self.pdf.new_page()
        self.heading()
