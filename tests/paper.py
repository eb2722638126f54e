"""Reading a document as paper: every character with its colour and place (pdfplumber), and its
first page as a picture (pypdfium2) for a person to look at."""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2

from domain.documents.pdf import SAMPLE_MARK

MIN_CONTRAST = 4.5  # WCAG AA for text on white
MAX_GREY = 0.5  # no character lighter than 50 % grey
TOLERANCE = 0.6  # points: a glyph's box may touch its cell's border


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: Any) -> float:
    """WCAG relative luminance of a pdfplumber colour (grey, RGB or CMYK); None is black."""
    if colour is None:
        return 0.0
    values = tuple(float(v) for v in (colour if isinstance(colour, (tuple, list)) else (colour,)))
    if len(values) == 1:
        r = g = b = values[0]
    elif len(values) == 3:
        r, g, b = values
    elif len(values) == 4:
        c, m, y, k = values
        r, g, b = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:  # a pattern or a colour space we do not know: count it as light, so it fails
        return 1.0
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_on_white(colour: Any) -> float:
    return 1.05 / (luminance(colour) + 0.05)


def _is_mark(ch: dict[str, Any]) -> bool:
    """The «ОБРАЗЕЦ» of demo requisites: meant light, large and under the text."""
    return float(ch["size"]) > 40 and ch["text"] in SAMPLE_MARK


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> float:
    w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min(
        (a["x1"] - a["x0"]) * (a["bottom"] - a["top"]),
        (b["x1"] - b["x0"]) * (b["bottom"] - b["top"]),
    )
    return w * h / smaller if smaller > 0 else 0.0


@dataclass
class Paper:
    text: str  # every page's text, whitespace squashed, no-break spaces as spaces
    pages: int
    problems: list[str]


def _without_mark(page: Any) -> Any:
    return page.filter(lambda obj: not (obj.get("object_type") == "char" and _is_mark(obj)))


def _page_problems(page: Any, number: int) -> list[str]:
    problems: list[str] = []
    chars = page.chars
    cells = [r for r in page.rects if r.get("stroke")]
    for ch in chars:
        where = f"page {number}: {ch['text']!r} at ({ch['x0']:.0f}, {ch['top']:.0f})"
        if contrast_on_white(ch["non_stroking_color"]) < MIN_CONTRAST:
            problems.append(f"{where} is too light: {ch['non_stroking_color']}")
        if luminance(ch["non_stroking_color"]) > luminance((MAX_GREY,)):
            problems.append(f"{where} is lighter than 50 % grey")
        if ch["text"] == "…":
            problems.append(f"{where}: a text is cut with «…»")
        if ch["x0"] < 0 or ch["top"] < 0 or ch["x1"] > page.width or ch["bottom"] > page.height:
            problems.append(f"{where} is outside the page")
    for word in page.extract_words(use_text_flow=False, keep_blank_chars=False):
        problems += _word_in_cell(word, cells, number)
    problems += _overlaps(chars, number)
    return problems


def _word_in_cell(word: dict[str, Any], cells: list[dict[str, Any]], number: int) -> list[str]:
    """A word inside a table lies wholly inside the smallest cell that holds its middle."""
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    holding = [r for r in cells if r["x0"] <= cx <= r["x1"] and r["top"] <= cy <= r["bottom"]]
    if not holding:
        return []
    cell = min(holding, key=lambda r: (r["x1"] - r["x0"]) * (r["bottom"] - r["top"]))
    inside = (
        word["x0"] >= cell["x0"] - TOLERANCE
        and word["x1"] <= cell["x1"] + TOLERANCE
        and word["top"] >= cell["top"] - TOLERANCE
        and word["bottom"] <= cell["bottom"] + TOLERANCE
    )
    return [] if inside else [f"page {number}: {word['text']!r} leaves its cell"]


def _overlaps(chars: list[dict[str, Any]], number: int) -> list[str]:
    """No glyph drawn over another (more than a fifth of the smaller one covered)."""
    buckets: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    for ch in chars:
        if ch["text"].strip():
            buckets[(int(ch["top"] // 10), int(ch["x0"] // 10))].append(ch)
    problems: list[str] = []
    for (row, col), here in buckets.items():
        near = [
            c
            for dr in (-1, 0, 1)
            for dc in (-1, 0, 1)
            for c in buckets.get((row + dr, col + dc), ())
        ]
        for a in here:
            for b in near:
                if a is not b and id(a) < id(b) and _overlap(a, b) > 0.2:
                    problems.append(f"page {number}: {a['text']!r} and {b['text']!r} overlap")
    return problems


def read_paper(content: bytes, png: Path | None = None) -> Paper:
    """Every page read back; the first page rendered to `png` to look at."""
    problems: list[str] = []
    texts: list[str] = []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for number, whole in enumerate(pdf.pages, 1):
            page = _without_mark(whole)
            problems += _page_problems(page, number)
            texts.append(page.extract_text() or "")
        pages = len(pdf.pages)
    if png is not None:
        document = pypdfium2.PdfDocument(content)
        document[0].render(scale=2).to_pil().save(png)
        document.close()
    text = " ".join(" ".join(texts).replace("\u00a0", " ").split())
    return Paper(text, pages, problems)
