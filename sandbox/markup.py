"""reply_markup validation: inline keyboards, reply keyboards, remove, force reply."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from sandbox.errors import TelegramError, bad_request

Markup = dict[str, Any]

INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_REQUESTS = ("request_contact", "request_location", "request_users", "request_chat", "request_poll")
MAX_INLINE_BUTTONS = 100
MAX_CALLBACK_DATA = 64


def parse_reply_markup(raw: Any) -> Markup | None:
    """Any of the four markup kinds, normalized; None when absent."""
    markup = _decode(raw)
    if markup is None:
        return None
    if "inline_keyboard" in markup:
        return validate_inline(markup)
    if "keyboard" in markup:
        return _validate_reply_keyboard(markup)
    if markup.get("remove_keyboard") is True:
        return {"remove_keyboard": True, **_optional(markup, "selective")}
    if markup.get("force_reply") is True:
        return {"force_reply": True, **_optional(markup, "input_field_placeholder", "selective")}
    raise bad_request("can't parse reply keyboard markup JSON object")


def parse_inline_markup(raw: Any) -> Markup | None:
    """For the edit methods, where only an inline keyboard may be attached."""
    markup = _decode(raw)
    if markup is None:
        return None
    if "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return validate_inline(markup)


def _decode(raw: Any) -> Markup | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise bad_request("can't parse reply keyboard markup JSON object") from None
    if not isinstance(raw, dict):
        raise bad_request("object expected as reply markup")
    return raw


def _optional(markup: Markup, *names: str) -> Markup:
    return {name: markup[name] for name in names if markup.get(name) is not None}


def _rows(markup: Markup, field: str) -> list[list[Any]]:
    rows = markup.get(field)
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{field}" must be an Array of Arrays')
    return rows


def validate_inline(markup: Markup) -> Markup:
    rows = _rows(markup, "inline_keyboard")
    if sum(len(row) for row in rows) > MAX_INLINE_BUTTONS:
        raise bad_request("reply markup is too long")
    return {"inline_keyboard": [[_inline_button(b) for b in row] for row in rows if row]}


def _inline_button(button: Any) -> Markup:
    if not isinstance(button, dict):
        raise _button_error("Object expected")
    text = button.get("text")
    if not isinstance(text, str):
        raise _button_error('Field "text" must be of type String')
    if not text.strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    # Telegram ignores empty action fields, so callback_data="" is a "text button".
    actions = [name for name in INLINE_ACTIONS if button.get(name) not in (None, "")]
    if not actions:
        raise _button_error("Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        # Telegram quietly uses the first one; a button with two actions is always a bug.
        raise _button_error(f"a button must have exactly one action field, got {actions}")
    action = actions[0]
    if action == "callback_data":
        _check_callback_data(button["callback_data"])
    elif action == "url":
        check_button_url(button["url"])
    return {"text": text, action: button[action], **_optional(button, "style")}


def _button_error(reason: str) -> TelegramError:
    return bad_request(f"can't parse inline keyboard button: {reason}")


def _check_callback_data(data: Any) -> None:
    if not isinstance(data, str) or len(data.encode("utf-8")) > MAX_CALLBACK_DATA:
        raise bad_request("BUTTON_DATA_INVALID")


def check_button_url(url: Any) -> None:
    if not isinstance(url, str):
        raise _button_error('Field "url" must be of type String')
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "tg":
        return
    if scheme not in ("http", "https"):
        raise _url_error(url, "Unsupported URL protocol")
    host = (parts.hostname or "").lower()
    # Telegram refuses hosts it can't resolve publicly: "localhost", single-label names.
    if not host or host == "localhost" or "." not in host:
        raise _url_error(url, "Wrong HTTP URL")


def _url_error(url: str, reason: str) -> TelegramError:
    return bad_request(f"inline keyboard button URL '{url}' is invalid: {reason}")


def _validate_reply_keyboard(markup: Markup) -> Markup:
    rows = [[_keyboard_button(b) for b in row] for row in _rows(markup, "keyboard") if row]
    options = _optional(
        markup,
        "is_persistent",
        "resize_keyboard",
        "one_time_keyboard",
        "input_field_placeholder",
        "selective",
    )
    return {"keyboard": rows, **options}


def _keyboard_button(button: Any) -> Markup:
    if isinstance(button, str):
        button = {"text": button}
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request('can\'t parse keyboard button: Field "text" must be of type String')
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    requests = [name for name in (*_REQUESTS, "web_app") if button.get(name) not in (None, False)]
    if len(requests) > 1:
        raise bad_request(f"can't parse keyboard button: more than one request in {requests}")
    return {"text": button["text"], **{name: button[name] for name in requests}}


def inline_buttons(markup: Markup | None) -> list[Markup]:
    if not markup:
        return []
    return [button for row in markup.get("inline_keyboard", []) for button in row]
