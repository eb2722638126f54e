"""Writes that do all or nothing: a use case that writes and then sends a code either does both
or writes nothing and says when to try again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from domain import clock
from domain.auth.codes import CODE_WINDOW, TG_CODES_PER_WINDOW, hash_code
from domain.types import CodePurpose, SubscriberStatus
from storage.models import OneTimeCode, Subscriber
from tests.access_data import World, logged_in
from tests.harness import BotTester

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")

NUMBER = "+79051117788"


async def codes_already_sent(tester: BotTester, telegram_user_id: int) -> None:
    """The coordinator's Telegram user has had the most codes a window allows, a minute ago
    (other numbers' confirmations, say)."""
    at = clock.utcnow() - timedelta(minutes=1)
    async with tester.session_maker() as db:
        for i in range(TG_CODES_PER_WINDOW):
            db.add(
                OneTimeCode(
                    purpose=CodePurpose.SUBSCRIBER_CONFIRM,
                    telegram_user_id=telegram_user_id,
                    target=f"+7905000000{i}",
                    code_hash=hash_code("123456"),
                    attempts=0,
                    created_at=at,
                    expires_at=at + timedelta(minutes=10),
                )
            )
        await db.commit()


async def employee(tester: BotTester) -> Subscriber | None:
    async with tester.session_maker() as db:
        return await db.scalar(select(Subscriber).where(Subscriber.msisdn == NUMBER))


async def test_an_employee_is_added_with_its_sms_or_not_at_all(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "union", 1301)
    await codes_already_sent(bot_tester, 1301)
    await user.press("👥 Сотрудники")
    await user.press("➕ Добавить")
    await user.send("Новиков Артём")
    await user.send("+7 905 111-77-88")
    await user.press("⏭ Пропустить")
    await user.press("⏭ Пропустить")
    await user.press("✅ Создать")
    # Refused whole: no employee, no SMS, and the user is told when to try again.
    assert "Сотрудник пока не добавлен, SMS не отправлено" in user.last.text
    assert "Следующий можно будет получить после" in user.last.text
    assert await employee(bot_tester) is None
    assert not [r for r in await bot_tester.outbox("sms") if r.recipient == NUMBER]
    # What was typed is kept: the summary is there, «Создать» works once the window has passed.
    assert "Новиков Артём" in user.last.text and "✅ Создать" in user.last.buttons
    clock.pin(clock.utcnow() + CODE_WINDOW)
    await user.press("✅ Создать")
    assert "отправлено SMS с кодом" in user.last.text
    added = await employee(bot_tester)
    assert added is not None and added.status is SubscriberStatus.PENDING
    assert [r for r in await bot_tester.outbox("sms") if r.recipient == NUMBER]
