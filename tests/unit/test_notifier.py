"""The notifier delivers the outbox within Telegram's limits, once, whatever happens."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

from aiogram import Bot
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import build_bot
from bot.config import Settings
from bot.gateways.email import ConsoleEmail
from bot.i18n import I18n
from bot.notifier import Notifier, Pacer, backoff
from domain import notifications
from domain.types import OutboxStatus
from storage.models import Outbox, TelegramChat
from tests.harness import BotTester


class FakeSms:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, phone: str, text: str) -> None:
        self.sent.append((phone, text))


async def enqueue(sm: async_sessionmaker[AsyncSession], chat_id: int, n: int) -> None:
    async with sm() as db:
        for _ in range(n):
            await notifications.notify_chat(db, chat_id, "menu-help")
        await db.commit()


async def statuses(sm: async_sessionmaker[AsyncSession]) -> list[OutboxStatus]:
    async with sm() as db:
        return list(await db.scalars(select(Outbox.status).order_by(Outbox.id)))


def sent_messages(tester: BotTester, chat_id: int) -> list[str]:
    return [m["text"] for m in tester.sandbox.chat(chat_id) if m["from_bot"]]


async def test_each_row_is_delivered_once_in_the_users_language(bot_tester: BotTester) -> None:
    user = await bot_tester.user(201)
    await user.send("/language")  # English
    await enqueue(bot_tester.session_maker, 201, 3)
    assert await bot_tester.notifier.run_once() == 3
    assert await bot_tester.notifier.run_once() == 0
    assert sent_messages(bot_tester, 201)[-3:] == ["❓ Help"] * 3
    assert await statuses(bot_tester.session_maker) == [OutboxStatus.SENT] * 3


async def test_retry_after_waits_as_told_and_sends_nothing_twice(bot_tester: BotTester) -> None:
    await bot_tester.user(202)
    bot_tester.sandbox.send_text(202, "/start")  # the chat exists for the sandbox
    bot_tester.sandbox.take_updates()
    await enqueue(bot_tester.session_maker, 202, 4)
    bot_tester.sandbox.set_flood(0.5, retry_after=1, methods={"sendMessage"})
    started = time.monotonic()
    sent = await bot_tester.notifier.run_once()
    elapsed = time.monotonic() - started
    assert sent == 4
    assert elapsed >= 1.0  # it waited at least once, for exactly the second Telegram named
    assert sent_messages(bot_tester, 202) == ["❓ Помощь"] * 4
    assert await statuses(bot_tester.session_maker) == [OutboxStatus.SENT] * 4


async def test_a_user_who_blocked_the_bot_is_marked_and_skipped(bot_tester: BotTester) -> None:
    user = await bot_tester.user(203)
    await user.send("/start")
    bot_tester.sandbox.block_bot(203)
    await enqueue(bot_tester.session_maker, 203, 2)
    assert await bot_tester.notifier.run_once() == 0
    assert await statuses(bot_tester.session_maker) == [OutboxStatus.SKIPPED] * 2
    async with bot_tester.session_maker() as db:
        chat = await db.get(TelegramChat, 203)
        assert chat is not None and chat.blocked_bot
    requests_before = len(bot_tester.sandbox.requests)
    await enqueue(bot_tester.session_maker, 203, 1)
    await bot_tester.notifier.run_once()
    assert len(bot_tester.sandbox.requests) == requests_before  # not even tried


async def test_network_errors_back_off(
    session_maker: async_sessionmaker[AsyncSession],
) -> None:
    settings = Settings(_env_file=None, telegram_api_url="http://127.0.0.1:9")  # type: ignore[call-arg]
    bot: Bot = build_bot(settings)
    notifier = Notifier(bot, session_maker, I18n(), FakeSms(), ConsoleEmail(), rate=100)
    await enqueue(session_maker, 204, 1)
    try:
        assert await notifier.run_once() == 0
    finally:
        await bot.session.close()
    async with session_maker() as db:
        row = await db.scalar(select(Outbox))
        assert row is not None
        assert row.status == OutboxStatus.PENDING
        assert row.attempts == 1
        assert row.claimed_by is None
        assert "Network" in (row.error or "")
    assert backoff(1) == timedelta(seconds=2)
    assert backoff(20) == timedelta(minutes=10)


async def test_sms_goes_through_the_gateway_rendered_in_russian(
    session_maker: async_sessionmaker[AsyncSession],
) -> None:
    sms = FakeSms()
    bot = Bot("1:x")
    notifier = Notifier(bot, session_maker, I18n(), sms, ConsoleEmail())
    async with session_maker() as db:
        await notifications.send_sms(db, "+79161234567", "menu-balance")
        await db.commit()
    assert await notifier.run_once() == 1
    assert sms.sent == [("+79161234567", "💰 Баланс")]
    await bot.session.close()


async def test_two_instances_never_send_one_row_twice(bot_tester: BotTester) -> None:
    for uid in range(300, 310):
        bot_tester.sandbox.send_text(uid, "hi")
    bot_tester.sandbox.take_updates()
    for uid in range(300, 310):
        await enqueue(bot_tester.session_maker, uid, 3)
    second = Notifier(
        bot_tester.bot,
        bot_tester.session_maker,
        bot_tester.i18n,
        FakeSms(),
        ConsoleEmail(),
        rate=1000,
        per_chat=0,
        worker_id="second",
    )
    a, b = await asyncio.gather(bot_tester.notifier.run_once(), second.run_once())
    a += await bot_tester.notifier.run_once()
    b += await second.run_once()
    assert a + b == 30
    sends = [p for m, p in bot_tester.sandbox.requests if m == "sendMessage"]
    assert len(sends) == 30


async def test_pacer_keeps_one_message_a_second_per_chat_and_the_overall_rate() -> None:
    pacer = Pacer(rate=50, per_chat=0.1)
    started = time.monotonic()
    for _ in range(4):
        await pacer.acquire("chat-1")
    assert time.monotonic() - started >= 0.3  # three waits of 0.1 s for one chat
    pacer = Pacer(rate=50, per_chat=1.0)
    started = time.monotonic()
    for i in range(26):
        await pacer.acquire(f"chat-{i}")
    assert time.monotonic() - started >= 0.48  # 25 intervals of 1/50 s across chats


async def test_concurrent_senders_never_share_a_slot_and_a_pause_holds_them_all() -> None:
    pacer = Pacer(rate=50, per_chat=1.0)
    started = time.monotonic()
    await asyncio.gather(*(pacer.acquire(f"chat-{i}") for i in range(11)))
    assert time.monotonic() - started >= 0.19  # ten intervals of 1/50 s, even all at once
    pacer.pause(0.3)
    started = time.monotonic()
    await asyncio.gather(pacer.acquire("chat-x"), pacer.acquire("chat-y"))
    assert time.monotonic() - started >= 0.3


async def test_the_next_message_to_a_chat_waits_a_full_interval_after_the_answer() -> None:
    pacer = Pacer(rate=1000, per_chat=0.2)
    await pacer.acquire("chat")
    await asyncio.sleep(0.1)  # the request took a while
    pacer.sent("chat")
    started = time.monotonic()
    await pacer.acquire("chat")
    assert time.monotonic() - started >= 0.19
