"""Does a button's label fit on a phone? Measured with the font Telegram draws it in.

Telegram never refuses a long label: it cuts it with «…», and the user reads half a word. The
sandbox measures each inline button the way Telegram for Android lays out a keyboard under a
message on a phone 390 px wide (logical pixels, the width of a common phone held upright):

- the keyboard spans the chat minus its side margins: ``KEYBOARD_WIDTH`` = 390 − 30 px;
- the buttons of a row share it equally, ``BUTTON_GAP`` px apart;
- a label has the button minus ``BUTTON_PADDING`` px on each side, and is drawn in Roboto
  Medium (weight 500) at ``FONT_PX`` px, Telegram's bot-button font.

Widths are the glyphs' advance widths read from the Roboto font file (fontTools, the variable
font at weight 500). An emoji is drawn as a picture about ``EMOJI_EM`` em wide; joiners and
variation selectors take no room.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

PHONE_WIDTH = 390
KEYBOARD_WIDTH = PHONE_WIDTH - 30
BUTTON_GAP = 5
BUTTON_PADDING = 6
FONT_PX = 15
EMOJI_EM = 1.25
_WEIGHT = 500
_ZERO_WIDTH = {0x200D, 0xFE0E, 0xFE0F, 0x20E3}


class _Font:
    def __init__(self) -> None:
        from fontpkg_roboto import ROOT
        from fontTools.ttLib import TTFont

        font = TTFont(ROOT / "files" / "Roboto[wdth,wght].ttf", lazy=True)
        self.units = int(font["head"].unitsPerEm)
        self.cmap: dict[int, str] = font.getBestCmap()
        self.glyphs = font.getGlyphSet(location={"wght": _WEIGHT, "wdth": 100})
        self._font = font  # the glyph set reads from it lazily
        self._advances: dict[int, float] = {}

    def advance(self, code: int) -> float:
        """The advance of one character in em."""
        if code not in self._advances:
            self._advances[code] = self._measure(code)
        return self._advances[code]

    def _measure(self, code: int) -> float:
        if code in _ZERO_WIDTH or unicodedata.category(chr(code)) in ("Mn", "Me", "Cf"):
            return 0.0
        name = self.cmap.get(code)
        if name is None:
            return EMOJI_EM
        return float(self.glyphs[name].width) / self.units


@cache
def _font() -> _Font:
    return _Font()


def label_width(text: str) -> float:
    """The label's width in px as drawn on the button."""
    font = _font()
    return sum(font.advance(ord(char)) for char in text) * FONT_PX


def label_room(buttons_in_row: int) -> float:
    """The px a label has in a row of that many buttons."""
    button = (KEYBOARD_WIDTH - BUTTON_GAP * (buttons_in_row - 1)) / buttons_in_row
    return button - 2 * BUTTON_PADDING


def cut_labels(markup: dict[str, Any] | None) -> list[str]:
    """The labels of an inline keyboard that Telegram would cut, each with its measure."""
    rows = (markup or {}).get("inline_keyboard") or []
    cut = []
    for row in rows:
        room = label_room(len(row))
        for button in row:
            width = label_width(button["text"])
            if width > room:
                cut.append(
                    f"{button['text']!r} is {width:.0f} px wide, "
                    f"{room:.0f} px fit in a row of {len(row)}"
                )
    return cut
