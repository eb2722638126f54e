"""Formatted text the way Telegram handles it: HTML parsing, limits, HTML rendering.

Offsets and lengths of entities are in UTF-16 code units, as in the Bot API: an emoji
outside the BMP counts as 2, so a 4096-"character" limit is 4096 code units.

The HTML parser follows the Bot API server's own parser (TDLib ``parse_html``): the same
tags, the same attribute rules and the same error texts. It is deliberately *stricter*
in one place: a bare ``&`` that does not start ``&lt; &gt; &amp; &quot;`` or a numeric
reference is an error here, while Telegram silently keeps it. Such an ``&`` in a message
almost always means user input went into HTML unescaped, and the next user will type
``<``, which Telegram does reject.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from sandbox.errors import bad_request, cant_parse_entities

Entity = dict[str, Any]

_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_ALLOWED_TAGS = {*_SIMPLE_TAGS, "a", "code", "pre", "blockquote", "tg-emoji"}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# Telegram strips these from both ends of a message (its "is_space").
_TRIM = " \t\n\r\v\f"


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


# --------------------------------------------------------------------------- HTML parsing


@dataclass
class _OpenTag:
    name: str
    argument: str
    start: int  # UTF-16 offset in the result
    expandable: bool = False


class _HtmlParser:
    """One pass over the source; ``i`` always points at the next unread character."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.i = 0
        self.out: list[str] = []
        self.pos = 0  # UTF-16 length of the output so far
        self.stack: list[_OpenTag] = []
        self.entities: list[Entity] = []

    def parse(self) -> tuple[str, list[Entity]]:
        while self.i < len(self.src):
            char = self.src[self.i]
            if char == "&":
                self._emit(self._read_entity(strict=True))
            elif char != "<":
                self._emit(char)
                self.i += 1
            elif self.src.startswith("</", self.i):
                self._close_tag()
            else:
                self._open_tag()
        if self.stack:
            raise cant_parse_entities(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        return "".join(self.out), sort_entities(self.entities)

    def _emit(self, text: str) -> None:
        self.out.append(text)
        self.pos += utf16_len(text)

    def _at(self, index: int) -> str:
        return self.src[index] if index < len(self.src) else ""

    def _skip_spaces(self) -> None:
        while self._at(self.i).isspace():
            self.i += 1

    def _read_entity(self, *, strict: bool) -> str:
        """Decode ``&...;`` at ``i``; a bare ``&`` is an error (strict) or kept (lenient)."""
        decoded = _decode_entity(self.src, self.i)
        if decoded is None:
            if strict:
                raise cant_parse_entities(
                    f"Unsupported HTML entity at byte offset {byte_offset(self.src, self.i)}"
                    " (escape a bare '&' as &amp;)"
                )
            self.i += 1
            return "&"
        char, self.i = decoded
        return char

    def _open_tag(self) -> None:
        begin = self.i
        where = f"at byte offset {byte_offset(self.src, begin)}"
        self.i += 1
        name_start = self.i
        while self.i < len(self.src) and not self.src[self.i].isspace() and self._at(self.i) != ">":
            self.i += 1
        if self.i >= len(self.src):
            raise cant_parse_entities(f"Unclosed start tag {where}")
        name = self.src[name_start : self.i].lower()
        if name not in _ALLOWED_TAGS:
            raise cant_parse_entities(f'Unsupported start tag "{name}" {where}')
        tag = _OpenTag(name=name, argument="", start=self.pos)
        while self._at(self.i) != ">":
            self._read_attribute(tag, where)
        self.i += 1
        if name == "span" and tag.argument != "spoiler":
            raise cant_parse_entities(f'Tag "span" must have class "tg-spoiler" {where}')
        self.stack.append(tag)

    def _read_attribute(self, tag: _OpenTag, where: str) -> None:
        self._skip_spaces()
        if self.i >= len(self.src):
            raise cant_parse_entities(f"Unclosed start tag {where}")
        if self._at(self.i) == ">":
            return
        attr_start = self.i
        while (
            self.i < len(self.src)
            and self.src[self.i] not in "=>"
            and not self.src[self.i].isspace()
        ):
            self.i += 1
        attribute = self.src[attr_start : self.i].lower()
        if not attribute:
            raise cant_parse_entities(f'Empty attribute name in the tag "{tag.name}" {where}')
        self._skip_spaces()
        if self._at(self.i) != "=":
            if tag.name == "blockquote" and attribute == "expandable":
                tag.expandable = True
                return
            raise cant_parse_entities(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{tag.name}" {where}'
            )
        self.i += 1
        self._skip_spaces()
        if self.i >= len(self.src):
            raise cant_parse_entities(f'Unclosed start tag "{tag.name}" {where}')
        value = self._read_attribute_value()
        if self.i >= len(self.src):
            raise cant_parse_entities(f"Unclosed start tag {where}")
        _apply_attribute(tag, attribute, value)

    def _read_attribute_value(self) -> str:
        quote = self._at(self.i)
        if quote not in "\"'":
            # An unquoted "name token": letters, digits, periods and hyphens only.
            start = self.i
            while self._at(self.i).isalnum() or self._at(self.i) in (".", "-"):
                self.i += 1
            if not (self._at(self.i).isspace() or self._at(self.i) == ">"):
                raise cant_parse_entities(
                    f"Unexpected end of name token at byte offset {byte_offset(self.src, start)}"
                )
            return self.src[start : self.i].lower()
        self.i += 1
        value: list[str] = []
        while self.i < len(self.src) and self.src[self.i] != quote:
            if self.src[self.i] == "&":
                # Lenient like Telegram: URLs with a raw "&" in href are common and work.
                value.append(self._read_entity(strict=False))
            else:
                value.append(self.src[self.i])
                self.i += 1
        if self._at(self.i) == quote:
            self.i += 1
        return "".join(value)

    def _close_tag(self) -> None:
        begin = self.i
        where = f"at byte offset {byte_offset(self.src, begin)}"
        if not self.stack:
            raise cant_parse_entities(f"Unexpected end tag {where}")
        self.i += 2
        name_start = self.i
        while self.i < len(self.src) and not self.src[self.i].isspace() and self._at(self.i) != ">":
            self.i += 1
        end_name = self.src[name_start : self.i].lower()
        self._skip_spaces()
        if self._at(self.i) != ">":
            raise cant_parse_entities(f"Unclosed end tag {where}")
        self.i += 1
        tag = self.stack.pop()
        if end_name and end_name != tag.name:
            raise cant_parse_entities(
                f'Unmatched end tag {where}, expected "</{tag.name}>", found "</{end_name}>"'
            )
        if self.pos > tag.start:  # Telegram drops empty entities
            self._add_entity(tag, self.pos - tag.start)

    def _add_entity(self, tag: _OpenTag, length: int) -> None:
        entity = _entity_for_tag(tag, length, "".join(self.out))
        if entity is None:
            return
        last = self.entities[-1] if self.entities else None
        same_range = last is not None and last["offset"] == tag.start and last["length"] == length
        # <pre><code class="language-x">…</code></pre> is one "pre" entity with a language.
        if tag.name == "pre" and same_range and last is not None and last["type"] == "code":
            language = last.pop("language", None)
            last["type"] = "pre"
            if language:
                last["language"] = language
            return
        self.entities.append(entity)


def _apply_attribute(tag: _OpenTag, attribute: str, value: str) -> None:
    if tag.name == "a" and attribute == "href":
        tag.argument = value
    elif tag.name == "code" and attribute == "class" and value.startswith("language-"):
        tag.argument = value.removeprefix("language-")
    elif tag.name == "span" and attribute == "class" and value.startswith("tg-"):
        tag.argument = value.removeprefix("tg-")
    elif tag.name == "tg-emoji" and attribute == "emoji-id":
        tag.argument = value
    elif tag.name == "blockquote" and attribute == "expandable":
        tag.expandable = True


def _entity_for_tag(tag: _OpenTag, length: int, text_so_far: str) -> Entity | None:
    base: Entity = {"offset": tag.start, "length": length}
    if tag.name in _SIMPLE_TAGS:
        return {"type": _SIMPLE_TAGS[tag.name], **base}
    if tag.name == "code":
        entity = {"type": "code", **base}
        if tag.argument:
            entity["language"] = tag.argument
        return entity
    if tag.name == "pre":
        return {"type": "pre", **base}
    if tag.name == "blockquote":
        return {"type": "expandable_blockquote" if tag.expandable else "blockquote", **base}
    if tag.name == "tg-emoji":
        if not tag.argument.isdigit():
            raise cant_parse_entities("Invalid custom emoji identifier specified")
        return {"type": "custom_emoji", "custom_emoji_id": tag.argument, **base}
    # Telegram uses the link text as the URL when href is empty.
    url = tag.argument or _text_at(text_so_far, tag.start, length)
    return link_entity(url, tag.start, length)


_MENTION = re.compile(r"^tg://user\?id=(\d+)$")


def link_entity(url: str, offset: int, length: int) -> Entity | None:
    """A text_link (or text_mention for tg://user?id=…); None for a URL Telegram would
    silently drop rather than fail the message."""
    base: Entity = {"offset": offset, "length": length}
    mention = _MENTION.match(url)
    if mention:
        return {"type": "text_mention", "user": _mentioned_user(int(mention[1])), **base}
    normalized = _normalize_url(url)
    if normalized is None:
        return None
    return {"type": "text_link", "url": normalized, **base}


def _mentioned_user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}


def _normalize_url(url: str) -> str | None:
    url = url.strip()
    if re.match(r"^(https?|tg|ftp|mailto)://", url, re.IGNORECASE) or url.lower().startswith(
        "mailto:"
    ):
        return url
    if re.match(r"^[\w-]+(\.[\w-]+)+([/?#].*)?$", url):
        return f"http://{url}/" if "/" not in url else f"http://{url}"
    return None


def _text_at(text: str, offset: int, length: int) -> str:
    encoded = text.encode("utf-16-le")
    return encoded[offset * 2 : (offset + length) * 2].decode("utf-16-le", errors="replace")


def _decode_entity(src: str, i: int) -> tuple[str, int] | None:
    """``&name;`` / ``&#123;`` / ``&#x1F;`` at ``i`` → (character, index after it)."""
    numeric = re.compile(r"&#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});?").match(src, i)
    if numeric:
        body = numeric[1]
        code = int(body[1:], 16) if body.startswith("x") else int(body)
        if 0 < code < 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
            return chr(code), numeric.end()
        return None
    named = re.compile(r"&([a-zA-Z]+);?").match(src, i)
    if named and named[1] in _NAMED_ENTITIES:
        return _NAMED_ENTITIES[named[1]], named.end()
    return None


def parse_html(source: str) -> tuple[str, list[Entity]]:
    """Telegram's HTML → (plain text, entities), or a 400 "can't parse entities"."""
    return _HtmlParser(source).parse()


# --------------------------------------------------------------------------- entities


def sort_entities(entities: list[Entity]) -> list[Entity]:
    """Telegram's order: by offset, longer first, then by type — one canonical order, so
    equal formatting compares equal however the HTML nested same-range tags."""
    return sorted(entities, key=lambda e: (e["offset"], -e["length"], e["type"]))


def trim(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Strip whitespace at both ends as Telegram does, keeping entities on their text."""
    stripped_left = text.lstrip(_TRIM)
    shift = len(text) - len(stripped_left)  # whitespace is BMP: chars == UTF-16 units
    result = stripped_left.rstrip(_TRIM)
    total = utf16_len(result)
    kept: list[Entity] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, total)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return result, kept


def check_explicit_entities(text: str, raw: Any) -> list[Entity]:
    """Entities passed as ``entities``/``caption_entities`` instead of a parse_mode."""
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        raise bad_request("can't parse entities JSON object")
    total = utf16_len(text)
    result: list[Entity] = []
    for entity in raw:
        offset, length = entity.get("offset"), entity.get("length")
        if not isinstance(entity.get("type"), str):
            raise bad_request('can\'t parse MessageEntity: Field "type" must be of type String')
        if not isinstance(offset, int) or not isinstance(length, int) or offset < 0:
            raise bad_request("can't parse MessageEntity: wrong offset or length")
        length = min(length, total - offset)
        if length > 0:
            result.append({**entity, "offset": offset, "length": length})
    return sort_entities(result)


_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,64})?(?![A-Za-z0-9_@/])")


def detect_bot_commands(text: str) -> list[Entity]:
    """``bot_command`` entities, which Telegram adds to every incoming /command."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m[0])}
        for m in _COMMAND.finditer(text)
    ]


# --------------------------------------------------------------------------- rendering

_RENDERED = {
    "bold": ("<b>", "</b>"),
    "italic": ("<i>", "</i>"),
    "underline": ("<u>", "</u>"),
    "strikethrough": ("<s>", "</s>"),
    "spoiler": ("<tg-spoiler>", "</tg-spoiler>"),
    "code": ("<code>", "</code>"),
    "blockquote": ("<blockquote>", "</blockquote>"),
    "expandable_blockquote": ("<blockquote expandable>", "</blockquote>"),
}


def _tags(entity: Entity) -> tuple[str, str] | None:
    kind = entity["type"]
    if kind in _RENDERED:
        return _RENDERED[kind]
    if kind == "pre":
        language = entity.get("language")
        if language:
            return f'<pre><code class="language-{html.escape(language)}">', "</code></pre>"
        return "<pre>", "</pre>"
    if kind == "text_link":
        return f'<a href="{html.escape(entity["url"])}">', "</a>"
    if kind == "text_mention":
        return f'<a href="tg://user?id={entity["user"]["id"]}">', "</a>"
    if kind == "custom_emoji":
        return f'<tg-emoji emoji-id="{html.escape(entity["custom_emoji_id"])}">', "</tg-emoji>"
    return None  # url, mention, bot_command, ...: shown as plain text


def render_html(text: str, entities: list[Entity]) -> str:
    """Text + entities → HTML that Telegram would parse back into the same message."""
    tagged = [(e, tags) for e in sort_entities(entities) if (tags := _tags(e)) is not None]
    out: list[str] = []
    stack: list[tuple[int, str]] = []  # (end offset, closing tag)
    pending = list(tagged)
    pos = 0
    for char in text:
        _close_until(stack, pos, out)
        while pending and pending[0][0]["offset"] <= pos:
            entity, (opening, closing) = pending.pop(0)
            out.append(opening)
            stack.append((entity["offset"] + entity["length"], closing))
        out.append(html.escape(char, quote=False))
        pos += utf16_len(char)
    _close_until(stack, pos, out, everything=True)
    return "".join(out)


def _close_until(
    stack: list[tuple[int, str]], pos: int, out: list[str], everything: bool = False
) -> None:
    while stack and (everything or stack[-1][0] <= pos):
        out.append(stack.pop()[1])
