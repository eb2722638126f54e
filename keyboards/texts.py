"""What keyboards and handlers need of i18n: a callable that renders a message id."""

from __future__ import annotations

from typing import Any, Protocol


class Translator(Protocol):
    locale: str

    def __call__(self, key: str, /, **params: Any) -> str: ...
