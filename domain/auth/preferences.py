"""What a Telegram user chose for itself: the language of the bot."""

from __future__ import annotations

from domain.db import Db
from storage.models import TelegramChat


async def get_locale(db: Db, telegram_user_id: int) -> str | None:
    """The chosen language; a user who writes to the bot again has unblocked it."""
    chat = await db.get(TelegramChat, telegram_user_id)
    if chat is None:
        return None
    if chat.blocked_bot:
        chat.blocked_bot = False
    return chat.locale


async def set_locale(db: Db, telegram_user_id: int, chat_id: int, locale: str) -> None:
    chat = await db.get(TelegramChat, telegram_user_id)
    if chat is None:
        chat = TelegramChat(telegram_user_id=telegram_user_id, chat_id=chat_id)
        db.add(chat)
    chat.locale = locale
    await db.flush()
