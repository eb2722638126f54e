"""Drops floods from one user: a token bucket per Telegram user, in this process or, with
several instances, in Redis (`bot.ratelimit.RedisBuckets`), so that the instances share it."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from bot.middlewares import NextHandler

if TYPE_CHECKING:
    from bot.ratelimit import RedisBuckets


class ThrottlingMiddleware(BaseMiddleware):
    def __init__(
        self,
        rate: float,
        burst: int = 10,
        max_users: int = 100_000,
        notice: str = "",
        shared: RedisBuckets | None = None,
    ) -> None:
        self.notice = notice
        self.shared = shared
        self.rate = rate
        self.burst = burst
        self.max_users = max_users
        self._buckets: dict[int, tuple[float, float]] = {}

    def allow(self, user_id: int, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        tokens, last = self._buckets.get(user_id, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens < 1.0:
            self._buckets[user_id] = (tokens, now)
            return False
        if len(self._buckets) >= self.max_users and user_id not in self._buckets:
            self._buckets.clear()  # bounded memory; a flood of new ids just restarts buckets
        self._buckets[user_id] = (tokens - 1.0, now)
        return True

    async def _allowed(self, user_id: int) -> bool:
        if self.shared is not None:
            return await self.shared.allow(user_id, self.rate, self.burst)
        return self.allow(user_id)

    async def __call__(
        self, handler: NextHandler, event: TelegramObject, data: dict[str, Any]
    ) -> Any:
        user: User | None = data.get("event_from_user")
        if user is not None and not await self._allowed(user.id):
            # A pressed button must be answered or its spinner hangs; a message flood is
            # dropped without a reply, which would only feed it.
            query = getattr(event, "callback_query", None)
            if query is not None and self.notice:
                await query.answer(self.notice)
            return None
        return await handler(event, data)
