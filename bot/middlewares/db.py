"""One database session per update, committed or rolled back as a whole."""

from __future__ import annotations

from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.middlewares import NextHandler
from storage.fsm import within_update


class DbSessionMiddleware(BaseMiddleware):
    def __init__(self, session_maker: async_sessionmaker[AsyncSession]) -> None:
        self.session_maker = session_maker

    async def __call__(
        self, handler: NextHandler, event: TelegramObject, data: dict[str, Any]
    ) -> Any:
        # A session holds no connection until its first query, and commit/close of an unused one
        # still cost a thread round trip; many updates (a menu from cache) touch nothing.
        session = self.session_maker()
        data["db"] = session
        try:
            # The dialog's FSM state is written in this same transaction.
            with within_update(session):
                result = await handler(event, data)
        except BaseException:
            if session.in_transaction():
                await session.rollback()
            await session.close()
            raise
        if session.in_transaction():
            try:
                await session.commit()
            finally:
                await session.close()
        return result
