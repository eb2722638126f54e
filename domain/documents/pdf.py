"""PDF basics for the cabinet's documents: fpdf2 with a Unicode TTF font that has Cyrillic.

The default font is DejaVu Sans, which matplotlib ships in `mpl-data/fonts/ttf`, so it is there
after `pip install` on any machine; a deployment may point `FONT_PATH` at another TTF (its bold
face is looked up beside it as `<name>-Bold.ttf`, else the regular face is used for bold too).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import Align

from domain.documents import operators

FONT_FAMILY = "CabinetSans"

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


@dataclass(frozen=True)
class FontFiles:
    regular: Path
    bold: Path


def default_font_dir() -> Path:
    """matplotlib's `mpl-data/fonts/ttf`, found without importing matplotlib: its import (with
    numpy) is most of a second and 50 MB, more than the whole PDF costs."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("matplotlib (which ships DejaVu Sans) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def find_fonts(font_path: str | Path | None = None) -> FontFiles:
    """The TTF files to embed: `font_path` (and its bold sibling) or DejaVu Sans."""
    if font_path:
        regular = Path(font_path)
        if not regular.is_file():
            raise FileNotFoundError(f"FONT_PATH {regular} is not a file")
        bold = regular.with_name(f"{regular.stem}-Bold{regular.suffix}")
        return FontFiles(regular, bold if bold.is_file() else regular)
    base = default_font_dir()
    return FontFiles(base / "DejaVuSans.ttf", base / "DejaVuSans-Bold.ttf")


SAMPLE_MARK = "ОБРАЗЕЦ"


class CabinetPdf(FPDF):
    """An A4 portrait page with the cabinet's font registered as regular and bold.

    Every page of a document made while the operator's requisites are the demo's carries a
    large diagonal «ОБРАЗЕЦ» (`sample`: None decides by `operators.samples_in_use()`; a document
    that knows its seller passes `seller.is_sample`).
    """

    def __init__(self, font_path: str | Path | None = None, *, sample: bool | None = None) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.sample = operators.samples_in_use() if sample is None else sample
        fonts = find_fonts(font_path)
        self.add_font(FONT_FAMILY, "", str(fonts.regular))
        self.add_font(FONT_FAMILY, "B", str(fonts.bold))
        self.set_margins(15, 12, 15)
        self.set_auto_page_break(auto=True, margin=15)
        self.set_font(FONT_FAMILY, "", 9)

    def add_page(self, *args: Any, **kwargs: Any) -> None:
        super().add_page(*args, **kwargs)
        if self.sample:
            self._sample_mark()

    def _sample_mark(self) -> None:
        """A light red «ОБРАЗЕЦ» across the page, under what is written on it afterwards."""
        x, y = self.x, self.y
        with self.local_context(
            font_family=FONT_FAMILY,
            font_style="B",
            font_size_pt=96,
            text_color=(235, 160, 160),
            fill_opacity=0.35,
        ):
            with self.rotation(45, self.w / 2, self.h / 2):
                width = self.get_string_width(SAMPLE_MARK)
                self.text(self.w / 2 - width / 2, self.h / 2 + 12, SAMPLE_MARK)
        self.set_xy(x, y)

    def regular(self, size: float = 9) -> None:
        self.set_font(FONT_FAMILY, "", size)

    def bold(self, size: float = 9) -> None:
        self.set_font(FONT_FAMILY, "B", size)

    def title_line(self, text: str) -> None:
        """The paper's name and date across the page, as an invoice starts."""
        self.bold(12)
        self.multi_cell(0, 6.5, text, align=Align.L, new_x="LMARGIN", new_y="NEXT")

    @property
    def content_width(self) -> float:
        return float(self.w - self.l_margin - self.r_margin)

    def to_bytes(self) -> bytes:
        return bytes(self.output())


def date_in_words(d: date) -> str:
    """`2026-09-15` → «15 сентября 2026 г.», as documents date themselves."""
    return f"{d.day} {MONTHS_GENITIVE[d.month - 1]} {d.year} г."
