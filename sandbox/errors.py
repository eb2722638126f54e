"""Telegram-shaped errors raised by the sandbox's Bot API methods."""

from __future__ import annotations

from typing import Any


class TelegramError(Exception):
    """An error the real Bot API would answer with ``{"ok": false, ...}``.

    ``description`` is the exact string Telegram puts into the answer (prefix included,
    e.g. ``"Bad Request: message is too long"``), so code that matches on it behaves
    the same against the sandbox and against Telegram.
    """

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def to_response(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(reason: str) -> TelegramError:
    return TelegramError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> TelegramError:
    return TelegramError(403, f"Forbidden: {reason}")


def cant_parse_entities(reason: str) -> TelegramError:
    return bad_request(f"can't parse entities: {reason}")


def too_many_requests(retry_after: int) -> TelegramError:
    return TelegramError(429, f"Too Many Requests: retry after {retry_after}", retry_after)
