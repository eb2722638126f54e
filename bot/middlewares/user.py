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
        expired = False
        if user is not None:
            session = await auth.load_session(db, user.id, self.session_ttl)
            principal, expired = session.principal, session.expired
            locale = await preferences.get_locale(db, user.id)
            if expired or db.dirty:
                # A session that just ended is committed even if the handler fails afterwards,
                # so an expired login never comes back.
                await db.commit()
        data["principal"] = principal
        data["i18n"] = self.i18n
        _ = data["_"] = self.i18n.get(locale)
        if expired:
            await self._tell_expired(data, _)
        return await handler(event, data)

    @staticmethod
    async def _tell_expired(data: dict[str, Any], _: Any) -> None:
        """Nothing of the old dialog is kept; the user is sent to the login."""
        state = data.get("state")
        if state is not None:
            await state.clear()
        chat = data.get("event_chat")
        bot = data.get("bot")
        if chat is not None and bot is not None:
            await bot.send_message(chat.id, _("auth-session-expired"))
