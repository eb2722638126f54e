"""The bot's outer middlewares (session, user, commands first, throttling).

`NextHandler` is the type of the `handler` aiogram's `BaseMiddleware.__call__` is handed (the
rest of the chain), written once for the middlewares of bot/; handlers/ keeps the same alias in
`handlers.common`, since handlers/ may not import bot/.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.types import TelegramObject

NextHandler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
