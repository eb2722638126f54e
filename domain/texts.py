"""The texts the domain writes into rows: a payment's description, a ticket's topic.

They are stored in Russian, the language of the operator's records (billing writes its
descriptions in Russian too), and come from the Fluent files like every other text. The domain
may not import the bot, so it declares this port and `bot.wiring.configure` fills it with the
Russian translator of `bot.i18n`; importing a module installs nothing (docs/wiring.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Translate = Callable[..., str]  # (message id, **variables) → text

_translate: Translate | None = None


def install(translate: Translate) -> None:
    """Make `translate` the source of the texts the domain writes into rows."""
    global _translate
    _translate = translate


def row_text(key: str, **params: Any) -> str:
    """The Russian text of `key` with `params`, as it is to be stored."""
    if _translate is None:
        raise RuntimeError("no texts installed: the entry point calls bot.wiring.configure first")
    return _translate(key, **params)
