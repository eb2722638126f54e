"""A message's text as Telegram stores it: parse_mode applied, trimmed, within limits."""

from __future__ import annotations

from typing import Any

from sandbox.entities import Entity, check_explicit_entities, parse_html, trim, utf16_len
from sandbox.errors import bad_request
from sandbox.markdown import parse_markdown, parse_markdown_v2

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


def formatted(
    text: str | None,
    parse_mode: str | None,
    explicit_entities: Any,
    *,
    caption: bool = False,
) -> tuple[str, list[Entity]]:
    """Apply parse_mode (or explicit entities), trim, and enforce the length limit.

    ``explicit_entities`` are used only without a parse_mode: Telegram lets a client
    send either ready entities or markup, and aiogram sends a default parse_mode only
    when no entities were given.
    """
    raw = text or ""
    plain, entities = _parse(raw, (parse_mode or "").lower(), explicit_entities)
    plain, entities = trim(plain, entities)
    _check_length(plain, caption=caption)
    return plain, entities


def _parse(raw: str, mode: str, explicit_entities: Any) -> tuple[str, list[Entity]]:
    if explicit_entities or mode == "":
        return raw, check_explicit_entities(raw, explicit_entities)
    if mode == "html":
        return parse_html(raw)
    if mode == "markdownv2":
        return parse_markdown_v2(raw)
    if mode == "markdown":
        return parse_markdown(raw)
    raise bad_request("unsupported parse_mode")


def _check_length(plain: str, *, caption: bool) -> None:
    size = utf16_len(plain)
    if caption:
        if size > CAPTION_LIMIT:
            raise bad_request("message caption is too long")
        return
    if size == 0:
        raise bad_request("message text is empty")
    if size > TEXT_LIMIT:
        raise bad_request("message is too long")
