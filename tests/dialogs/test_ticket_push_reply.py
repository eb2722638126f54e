"""«Ответить» on a push about a ticket: the client's text joins the ticket the push is about,
reaches the staff chat, and never reaches a ticket the one replying may not write to."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.types import TicketAuthor, TicketStatus
from storage.models import Ticket, TicketMessage
from tests.access_data import World, logged_in
from tests.dialogs.test_tickets import STAFF_CHAT, create_ticket, staff, tester, world
from tests.harness import BotTester, ChatUser

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")
__all__ = ["tester", "world"]  # the fixtures of the tickets' dialog tests


async def answered_ticket(tester: BotTester, user: ChatUser) -> tuple[str, int]:
    """The user opens a ticket, the staff answer it: → its number and the push's message id."""
    number = await create_ticket(user)
    await tester.run_jobs()
    team = await staff(tester)
    await team.reply(tester.sandbox.chat(STAFF_CHAT)[0]["message_id"], "Вернём до пятницы")
    await tester.run_jobs()
    push = user.last
    assert f"Ответ по обращению {number}" in push.text
    return number, push.message_id


async def client_messages(tester: BotTester) -> list[str]:
    async with tester.session_maker() as db:
        rows = await db.scalars(
            select(TicketMessage.text)
            .where(TicketMessage.author == TicketAuthor.CLIENT)
            .order_by(TicketMessage.id)
        )
        return list(rows)


async def test_a_reply_to_the_push_is_added_to_its_ticket(tester: BotTester, world: World) -> None:
    user = await logged_in(tester, world, "coord", 1401)
    number, push = await answered_ticket(tester, user)
    await user.reply(push, "А можно вернуть на карту?")
    assert f"Добавлено в обращение {number}" in user.last.text
    assert "💬 Открыть обращение" in user.last.buttons
    assert await client_messages(tester) == [
        "Списали абонентскую плату дважды",
        "А можно вернуть на карту?",
    ]
    async with tester.session_maker() as db:
        ticket = await db.scalar(select(Ticket).where(Ticket.number == number))
        assert ticket is not None and ticket.status is TicketStatus.IN_PROGRESS
    # The staff see it in the ticket's thread.
    await tester.run_jobs()
    staff_posts = [m.get("text") or "" for m in tester.sandbox.chat(STAFF_CHAT)]
    assert any("А можно вернуть на карту?" in t for t in staff_posts)
    # The ticket's card shows the message.
    await user.press("💬 Открыть обращение")
    assert "А можно вернуть на карту?" in user.last.text


async def test_a_reply_from_another_companys_login_is_refused(
    tester: BotTester, world: World
) -> None:
    user = await logged_in(tester, world, "coord", 1402)
    _number, push = await answered_ticket(tester, user)
    # The same Telegram account now works as company B's coordinator.
    await tester.login(1402, world.users["b_coord"])
    await user.reply(push, "Чужое сообщение")
    assert "Чужое сообщение" not in await client_messages(tester)
    assert user.last.text == "⛔ Недостаточно прав для этого действия."
