"""The current cabinet user and the language of the update."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from bot.i18n import I18n
from domain import auth, preferences


class UserMiddleware(BaseMiddleware):
    """Puts `principal` (or None) and `_` (the translator) into the handler's data.

    Reads `event_from_user`, which aiogram fills for every update that has a sender.
    """

    def __init__(self, i18n: I18n, session_ttl: timedelta) -> None:
        self.i18n = i18n
        self.session_ttl = session_ttl

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        db = data["db"]
        principal = None
        locale: str | None = None
        if user is not None:
            principal = await auth.load_principal(db, user.id, self.session_ttl)
            locale = await preferences.get_locale(db, user.id)
            # A session that just expired is ended in this same transaction; commit it even if
            # the handler fails afterwards, so an expired login never comes back.
            await db.commit()
        data["principal"] = principal
        data["i18n"] = self.i18n
        data["_"] = self.i18n.get(locale)
        return await handler(event, data)
