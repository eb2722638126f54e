"""Telegram's MarkdownV2 and legacy Markdown parse modes.

The bot itself uses HTML; these exist so that a stray ``parse_mode="MarkdownV2"`` fails
in the sandbox exactly where it would fail in Telegram (an unescaped ``.`` or ``-`` is
the classic one) instead of passing silently. They follow the Bot API server's parsers
(TDLib ``parse_markdown_v2`` / ``parse_markdown``) for the common constructs: bold,
italic, underline, strikethrough, spoiler, code, pre (with language), links and
``>`` quotes. Custom emoji in Markdown are not supported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sandbox.entities import Entity, byte_offset, link_entity, sort_entities, utf16_len
from sandbox.errors import cant_parse_entities

_RESERVED_V2 = "_*[]()~`>#+-=|{}.!"
_ENTITY_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
}


@dataclass
class _Open:
    kind: str
    start: int  # UTF-16 offset in the result
    byte_start: int
    result_index: int  # index into the output list where the entity text begins
    language: str = ""


@dataclass
class _MarkdownV2:
    src: str
    i: int = 0
    out: list[str] = field(default_factory=list)
    pos: int = 0
    stack: list[_Open] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quote_start: int | None = None

    def at(self, index: int) -> str:
        return self.src[index] if 0 <= index < len(self.src) else ""

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.pos += utf16_len(text)

    def reserved_error(self, char: str) -> Exception:
        return cant_parse_entities(
            f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
        )

    def parse(self) -> tuple[str, list[Entity]]:
        while self.i < len(self.src):
            self.step()
        self.end_quote()
        if self.stack:
            top = self.stack[-1]
            raise cant_parse_entities(
                f"Can't find end of {_ENTITY_NAMES[top.kind]} entity at byte offset "
                f"{top.byte_start}"
            )
        return "".join(self.out), sort_entities(self.entities)

    def step(self) -> None:
        char = self.src[self.i]
        if char == "\\" and 0 < ord(self.at(self.i + 1) or "\0") <= 126:
            self.emit(self.src[self.i + 1])
            self.i += 2
            return
        in_code = bool(self.stack) and self.stack[-1].kind in ("code", "pre")
        if char == ">" and not in_code and self.at_line_start():
            self.start_quote()
            return
        if char == "\n" and self.quote_start is not None and self.at(self.i + 1) != ">":
            self.end_quote()
        reserved = "`" if in_code else _RESERVED_V2
        if char not in reserved:
            self.emit(char)
            self.i += 1
            return
        if self.closes_top(char):
            self.close()
        else:
            self.open(char)

    def at_line_start(self) -> bool:
        return self.i == 0 or self.src[self.i - 1] == "\n"

    def start_quote(self) -> None:
        if self.quote_start is None:
            self.quote_start = self.pos
        self.i += 1

    def end_quote(self) -> None:
        if self.quote_start is not None and self.pos > self.quote_start:
            length = self.pos - self.quote_start
            quote = {"type": "blockquote", "offset": self.quote_start, "length": length}
            self.entities.append(quote)
        self.quote_start = None

    def closes_top(self, char: str) -> bool:
        if not self.stack:
            return False
        nxt, nxt2 = self.at(self.i + 1), self.at(self.i + 2)
        return {
            "bold": char == "*",
            "italic": char == "_" and nxt != "_",
            "underline": char == "_" and nxt == "_",
            "strikethrough": char == "~",
            "spoiler": char == "|" and nxt == "|",
            "code": char == "`",
            "pre": char == "`" and nxt == "`" and nxt2 == "`",
            "text_link": char == "]",
        }[self.stack[-1].kind]

    def open(self, char: str) -> None:
        begin = byte_offset(self.src, self.i)
        nxt = self.at(self.i + 1)
        if char == "_" and nxt == "_":
            kind, width = "underline", 2
        elif char == "|" and nxt == "|":
            kind, width = "spoiler", 2
        elif char == "`" and nxt == "`" and self.at(self.i + 2) == "`":
            self.open_pre(begin)
            return
        elif char in "_*~[`":
            kind, width = (
                {"_": "italic", "*": "bold", "~": "strikethrough", "[": "text_link", "`": "code"}[
                    char
                ],
                1,
            )
        else:
            raise self.reserved_error(char)
        self.i += width
        self.stack.append(_Open(kind, self.pos, begin, len(self.out)))

    def open_pre(self, begin: int) -> None:
        self.i += 3
        end = self.i
        while end < len(self.src) and not self.src[end].isspace() and self.src[end] != "`":
            end += 1
        language = ""
        if end != self.i and end < len(self.src) and self.src[end] != "`":
            language, self.i = self.src[self.i : end], end
        if self.at(self.i) in ("\n", "\r"):
            pair = self.at(self.i + 1) in ("\n", "\r") and self.at(self.i + 1) != self.at(self.i)
            self.i += 2 if pair else 1
        self.stack.append(_Open("pre", self.pos, begin, len(self.out), language))

    def close(self) -> None:
        top = self.stack.pop()
        self.i += {"underline": 2, "spoiler": 2, "pre": 3}.get(top.kind, 1)
        url = self.read_url(top) if top.kind == "text_link" else ""
        length = self.pos - top.start
        if length <= 0:
            return
        if top.kind == "text_link":
            entity = link_entity(url, top.start, length)
            if entity is not None:
                self.entities.append(entity)
            return
        entity = {"type": top.kind, "offset": top.start, "length": length}
        if top.language:
            entity["language"] = top.language
        self.entities.append(entity)

    def read_url(self, top: _Open) -> str:
        if self.at(self.i) != "(":
            return "".join(self.out[top.result_index :])
        self.i += 1
        begin = byte_offset(self.src, self.i)
        url: list[str] = []
        while self.i < len(self.src) and self.src[self.i] != ")":
            if self.src[self.i] == "\\" and 0 < ord(self.at(self.i + 1) or "\0") <= 126:
                url.append(self.src[self.i + 1])
                self.i += 2
                continue
            url.append(self.src[self.i])
            self.i += 1
        if self.at(self.i) != ")":
            raise cant_parse_entities(f"Can't find end of a URL at byte offset {begin}")
        self.i += 1
        return "".join(url)


def parse_markdown_v2(source: str) -> tuple[str, list[Entity]]:
    return _MarkdownV2(source).parse()


def parse_markdown(source: str) -> tuple[str, list[Entity]]:
    """Legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url); no nesting."""
    out: list[str] = []
    entities: list[Entity] = []
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and source[i + 1 : i + 2] in ("_", "*", "`", "["):
            out.append(source[i + 1])
            i += 2
        elif char not in "_*`[":
            out.append(char)
            i += 1
        else:
            i = _legacy_entity(source, i, out, entities)
    return "".join(out), sort_entities(entities)


def _legacy_entity(source: str, begin: int, out: list[str], entities: list[Entity]) -> int:
    char = source[begin]
    end_char = "]" if char == "[" else char
    i = begin + 1
    is_pre = char == "`" and source[i : i + 2] == "``"
    language = ""
    if is_pre:
        i += 2
        end = i
        while end < len(source) and not source[end].isspace() and source[end] != "`":
            end += 1
        if end != i and end < len(source) and source[end] != "`":
            language, i = source[i:end], end
        if source[i : i + 1] in ("\n", "\r"):
            i += 1
    start = utf16_len("".join(out))
    body_start = i
    while i < len(source) and (source[i] != end_char or (is_pre and source[i + 1 : i + 3] != "``")):
        i += 1
    if i >= len(source):
        raise cant_parse_entities(
            f"Can't find end of the entity starting at byte offset {byte_offset(source, begin)}"
        )
    body = source[body_start:i]
    out.append(body)
    length = utf16_len(body)
    i += 1
    if char == "[":
        url = body
        if source[i : i + 1] == "(":
            close = source.find(")", i)
            close = len(source) if close < 0 else close
            url, i = source[i + 1 : close], close + 1
        link = link_entity(url, start, length) if length else None
        if link is not None:
            entities.append(link)
        return i
    if is_pre:
        i += 2
    if length:
        kind = {"*": "bold", "_": "italic"}.get(char, "pre" if is_pre else "code")
        entity: Entity = {"type": kind, "offset": start, "length": length}
        if language:
            entity["language"] = language
        entities.append(entity)
    return i
