"""A person who presses every button: each level of the demo company, from /menu, breadth first.

Every press must be answered once and within 5 s, nothing may log an ERROR, and everything the
bot sends must pass Telegram's rules and be readable (the harness fails the test at its end on
any refusal or unreadable text). Buttons are pressed on the message as it is now, so a button
of an earlier screen of the same message is pressed after its dialog moved on — the way a
second device, or a message scrolled back to, presses it.

The walk is bounded so that it stays quick: at most `FAN_OUT` new buttons per screen, `DEPTH`
presses deep, a button's callback data pressed once. Logout and destructive confirmations are
pressed last, and nothing is opened behind them.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from domain.types import Role
from keyboards.widgets import NoopCb
from storage.models import CabinetUser
from tests.harness import BotTester, ChatUser, Shown

DEPTH = 3
FAN_OUT = 6
ANSWER_WITHIN = 5.0
# Pressed last: they end the session or change what the other presses would see.
LAST = ("🚪 Выйти", "Удалить", "✅ Да", "Да,", "Заблокировать", "Отменить заказ", "Закрыть")
LEVELS = [Role.COORDINATOR, Role.ASSISTANT, Role.NUMBER_MANAGER, Role.VIEWER]


@dataclass
class Walk:
    tester: BotTester
    user: ChatUser
    faults: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    queue: deque[tuple[int, int, str, str]] = field(default_factory=deque)
    last: list[tuple[int, str, str]] = field(default_factory=list)
    presses: int = 0

    def offer(self, messages: list[Shown], depth: int) -> None:
        """The new buttons of these screens, to be pressed at `depth`."""
        for message in messages:
            taken = 0
            for label, data in message.callback_data.items():
                if not data or data in self.seen or data == NoopCb().pack():
                    continue
                self.seen.add(data)
                if any(word in label for word in LAST):
                    self.last.append((message.message_id, label, data))
                elif taken < FAN_OUT:
                    taken += 1
                    self.queue.append((depth, message.message_id, label, data))

    async def press(self, message_id: int, label: str, data: str) -> list[Shown]:
        """Press one button; → the screens it showed or changed."""
        sandbox = self.tester.sandbox
        chat = sandbox.chats[self.user.chat_id]
        if message_id not in chat.messages:
            return []
        version = sandbox.version
        query = sandbox._callback_query(self.user.id, chat, chat.messages[message_id], data)
        record = sandbox.callback_queries[query]
        loop = asyncio.get_running_loop()
        started = loop.time()
        handled = asyncio.ensure_future(self.tester.feed())
        while not record.answered and not handled.done():
            await sandbox.wait_change(0.01)  # the sandbox signals each call it answers
        took = loop.time() - started
        await handled
        self.presses += 1
        if not record.answered:
            self.faults.append(f"«{label}» ({data}) was not answered")
        elif took > ANSWER_WITHIN:
            self.faults.append(f"«{label}» ({data}) was answered after {took:.1f} s")
        return [m for m in self.user.bot_messages if m.raw["version"] > version]

    async def run(self) -> None:
        await self.user.send("/menu")
        self.offer([self.user.last], 1)
        while self.queue:
            depth, message_id, label, data = self.queue.popleft()
            shown = await self.press(message_id, label, data)
            if depth < DEPTH:
                self.offer(shown, depth + 1)
        for message_id, label, data in self.last:
            await self.press(message_id, label, data)


@pytest.mark.parametrize("role", LEVELS, ids=[r.value for r in LEVELS])
async def test_every_button_of_every_level_is_answered_once_and_logs_no_error(
    bot_tester: BotTester, caplog: pytest.LogCaptureFixture, role: Role
) -> None:
    await bot_tester.load_demo()
    async with bot_tester.session_maker() as db:
        cabinet_user = await db.scalar(
            select(CabinetUser).where(CabinetUser.role == role).order_by(CabinetUser.id).limit(1)
        )
    assert cabinet_user is not None
    await bot_tester.login(900, cabinet_user.id)
    walk = Walk(bot_tester, await bot_tester.user(900))
    caplog.set_level(logging.INFO)
    await walk.run()
    errors = [
        f"{r.levelname} {r.name}: {r.getMessage()}" + (" (traceback)" if r.exc_info else "")
        for r in caplog.records
        if r.levelno >= logging.ERROR
    ]
    assert walk.presses >= 20, walk.presses  # the walk went somewhere
    assert not walk.faults + errors, "\n".join(walk.faults + errors)
