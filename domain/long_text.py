"""A user's long text on screens of a limited size: its beginning, cut after a word, and the
whole of it in pieces Telegram takes.

Telegram counts a message's length in UTF-16 code units (a character outside the BMP, an emoji,
counts two) and allows 4,096 after the markup is applied. Nothing here escapes: the pieces are
plain text, escaped by whoever puts them into HTML.
"""

from __future__ import annotations

TELEGRAM_TEXT_MAX = 4096


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _fitting(text: str, size: int) -> int:
    """How many characters from the start of `text` fit in `size` UTF-16 units."""
    used = 0
    for i, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > size:
            return i
    return len(text)


def _cut_point(text: str, size: int) -> int:
    """Where to end a piece of at most `size` units: after the last line break or space in its
    last quarter, else at the limit itself (a word longer than that is cut)."""
    end = _fitting(text, size)
    if end >= len(text) or text[end].isspace():
        return end
    for mark in ("\n", " "):
        at = text.rfind(mark, 0, end)
        if at >= end * 3 // 4:
            return at + 1
    return end


def beginning(text: str, size: int) -> str:
    """The start of `text` within `size` units, ended after a word; the whole when it fits."""
    return text[: _cut_point(text, size)].rstrip()


def pieces(text: str, size: int) -> list[str]:
    """The whole `text` in pieces of at most `size` units, cut between words where possible.
    Only the blanks where a piece ends are dropped (Telegram trims them anyway)."""
    found: list[str] = []
    rest = text.strip()
    while rest:
        end = _cut_point(rest, size)
        piece = rest[:end].rstrip()
        if piece:
            found.append(piece)
        rest = rest[end:].lstrip()
    return found
