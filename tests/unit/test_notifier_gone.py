"""A chat that is gone is final: one answer from Telegram settles every push waiting for it."""

from __future__ import annotations

import asyncio
import gc
import logging

import pytest
from sqlalchemy import select

from domain.types import OutboxStatus
from storage.models import Outbox, TelegramChat
from tests.harness import BotTester
from tests.unit.test_notifier import enqueue


def sends_to(tester: BotTester, chat_id: int) -> int:
    return sum(
        1
        for method, params in tester.sandbox.requests
        if method.lower() == "sendmessage" and str(params.get("chat_id")) == str(chat_id)
    )


async def rows(tester: BotTester, chat_id: int) -> list[tuple[OutboxStatus, str | None]]:
    async with tester.session_maker() as db:
        found = await db.execute(
            select(Outbox.status, Outbox.error)
            .where(Outbox.recipient == str(chat_id))
            .order_by(Outbox.id)
        )
        return [(s, e) for s, e in found]


async def test_a_chat_telegram_does_not_know_is_asked_once_and_its_pushes_settled(
    bot_tester: BotTester,
) -> None:
    bot_tester.expect_refusal("chat not found")  # the point of the test
    await enqueue(bot_tester.session_maker, 555_001, 3)  # a chat the sandbox never saw
    assert await bot_tester.notifier.run_once() == 0
    assert sends_to(bot_tester, 555_001) == 1  # asked once, not three times
    assert (
        await rows(bot_tester, 555_001)
        == [(OutboxStatus.SKIPPED, "chat is gone: Bad Request: chat not found")] * 3
    )
    async with bot_tester.session_maker() as db:
        chat = await db.get(TelegramChat, 555_001)
        assert chat is not None and chat.blocked_bot
    await enqueue(bot_tester.session_maker, 555_001, 1)
    await bot_tester.notifier.run_once()
    assert sends_to(bot_tester, 555_001) == 1  # a later push is not even tried
    assert (await rows(bot_tester, 555_001))[-1][0] == OutboxStatus.SKIPPED


async def test_a_blocked_bot_kicked_into_delivery_leaves_no_task_exception(
    bot_tester: BotTester, caplog: pytest.LogCaptureFixture
) -> None:
    user = await bot_tester.user(555_002)
    await user.send("/start")
    answered = sends_to(bot_tester, 555_002)
    bot_tester.expect_refusal("bot was blocked")
    bot_tester.sandbox.block_bot(555_002)
    bot_tester.notifier.listen(asyncio.get_running_loop())
    caplog.set_level(logging.INFO)
    try:
        await enqueue(bot_tester.session_maker, 555_002, 4)  # the commit kicks the notifier
        for _ in range(200):
            if all(s == OutboxStatus.SKIPPED for s, _e in await rows(bot_tester, 555_002)):
                break
            await asyncio.sleep(0.02)
    finally:
        bot_tester.notifier.stop_listening()
    await asyncio.sleep(0.05)
    gc.collect()  # an exception nobody retrieved is reported when its task is collected
    assert (
        await rows(bot_tester, 555_002)
        == [(OutboxStatus.SKIPPED, "chat is gone: Forbidden: bot was blocked by the user")] * 4
    )
    assert sends_to(bot_tester, 555_002) == answered + 1
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "never retrieved" not in caplog.text
    assert "chat 555002 is gone" in caplog.text
    # Writing to the bot again is the user's way back: pushes reach them again.
    bot_tester.sandbox.unblock_bot(555_002)
    await user.send("/start")
    async with bot_tester.session_maker() as db:
        chat = await db.get(TelegramChat, 555_002)
        assert chat is not None and not chat.blocked_bot
    await enqueue(bot_tester.session_maker, 555_002, 1)
    assert await bot_tester.notifier.run_once() == 1
