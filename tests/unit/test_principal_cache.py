"""Who a Telegram user is gets remembered for seconds, and forgotten at once on any change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.middlewares.user import PrincipalCache
from domain import clock
from domain.access.checks import Principal
from domain.types import Brand, Role
from storage import changes
from storage.models import TelegramChat

P = Principal(
    user_id=1,
    session_id=1,
    company_id=1,
    company_name="ООО «Тест»",
    role=Role.COORDINATOR,
    brand=Brand.MEGAFON,
    login="+79161234567",
    account_ids=None,
    subscriber_id=None,
)


def test_an_entry_lives_for_its_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "utcnow", lambda: now)
    cache = PrincipalCache(5)
    cache.put(42, P, "ru", changes.generation())
    known = cache.get(42)
    assert known is not None and known.principal == P and known.locale == "ru"
    later = now + timedelta(seconds=6)
    monkeypatch.setattr(clock, "utcnow", lambda: later)
    assert cache.get(42) is None


def watched_cache() -> PrincipalCache:
    """A cache that watches the database for changes, holding chat 42's principal."""
    changes.install()
    cache = PrincipalCache(60)
    cache.put(42, P, None, changes.generation())
    return cache


async def test_a_change_to_who_users_are_forgets_every_entry(
    session_maker: async_sessionmaker[AsyncSession],
) -> None:
    cache = watched_cache()
    async with session_maker() as db:
        db.add(TelegramChat(telegram_user_id=43, chat_id=43, locale="en"))
        await db.commit()
    assert cache.get(42) is None  # a login, logout or language switch anywhere in the process


async def test_reading_and_unrelated_writes_keep_entries(
    session_maker: async_sessionmaker[AsyncSession],
) -> None:
    from domain import notifications

    cache = watched_cache()
    async with session_maker() as db:
        await db.get(TelegramChat, 42)
        await notifications.notify_chat(db, 42, "menu-help")
        await db.commit()
    assert cache.get(42) is not None
