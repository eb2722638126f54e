"""The current cabinet user and the language of the update."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import ReplyKeyboardRemove, TelegramObject, User

from bot.i18n import I18n
from bot.middlewares import NextHandler
from domain import clock
from domain.access.checks import Principal
from domain.auth import login as auth
from domain.auth import preferences
from storage import changes


@dataclass(frozen=True)
class _Known:
    principal: Principal | None
    locale: str | None
    generation: int
    until: datetime


class PrincipalCache:
    """Who each Telegram user is, for a few seconds, so that most updates read nothing.

    An entry is valid while nothing that decides identity has changed in this process
    (`storage.changes`) and for at most `ttl` seconds, which bounds how late a change made by
    another process (the back-office command line blocking a user) is seen.
    """

    def __init__(self, ttl: float, max_entries: int = 100_000) -> None:
        self.ttl = ttl
        self._ttl = timedelta(seconds=ttl)
        self.max_entries = max_entries
        self._entries: dict[int, _Known] = {}

    def get(self, telegram_user_id: int) -> _Known | None:
        known = self._entries.get(telegram_user_id)
        if known is None:
            return None
        if known.generation != changes.generation() or known.until < clock.utcnow():
            del self._entries[telegram_user_id]
            return None
        return known

    def put(
        self,
        telegram_user_id: int,
        principal: Principal | None,
        locale: str | None,
        generation: int,
    ) -> None:
        if len(self._entries) >= self.max_entries:
            self._entries.clear()
        self._entries[telegram_user_id] = _Known(
            principal, locale, generation, clock.utcnow() + self._ttl
        )


class UserMiddleware(BaseMiddleware):
    """Puts `principal` (or None) and `_` (the translator) into the handler's data.

    Reads `event_from_user`, which aiogram fills for every update that has a sender.
    """

    def __init__(
        self, i18n: I18n, session_ttl: timedelta, cache: PrincipalCache | None = None
    ) -> None:
        self.i18n = i18n
        self.session_ttl = session_ttl
        self.cache = cache

    async def __call__(
        self, handler: NextHandler, event: TelegramObject, data: dict[str, Any]
    ) -> Any:
        user: User | None = data.get("event_from_user")
        db = data["db"]
        principal = None
        locale: str | None = None
        expired = False
        known = self.cache.get(user.id) if (user is not None and self.cache) else None
        if known is not None:
            principal, locale = known.principal, known.locale
        elif user is not None:
            generation = changes.generation()
            session = await auth.load_session(db, user.id, self.session_ttl)
            principal, expired = session.principal, session.expired
            locale = await preferences.get_locale(db, user.id)
            if expired or db.dirty:
                # A session that just ended is committed even if the handler fails afterwards,
                # so an expired login never comes back.
                await db.commit()
            if self.cache is not None and not expired:
                self.cache.put(user.id, principal, locale, generation)
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
            # The everyday buttons would only be refused now: take them away.
            await bot.send_message(
                chat.id, _("auth-session-expired"), reply_markup=ReplyKeyboardRemove()
            )
