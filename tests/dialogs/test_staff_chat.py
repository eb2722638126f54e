"""The staff chat is for staff work only: client commands get no answer there."""

from __future__ import annotations

import pytest

from tests.access_data import World
from tests.dialogs.test_tickets import STAFF_CHAT, staff, tester, world
from tests.harness import BotTester

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")
__all__ = ["tester", "world"]  # the fixtures of the tickets' dialog tests


async def test_client_commands_get_no_answer_in_the_staff_chat(
    tester: BotTester, world: World
) -> None:
    team = await staff(tester)
    guest = await tester.user(1997, chat_id=STAFF_CHAT)
    for who in (team, guest):
        for text in ("/start", "/menu", "/balance", "💰 Баланс", "/help"):
            await who.send(text)
    assert team.bot_messages == []
    assert tester.sandbox.reply_keyboard(STAFF_CHAT) is None
