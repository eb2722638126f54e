"""Ticket buttons made by hand: another company's ticket, another user's ticket for a level that
sees only its own, a file of another ticket, the staff buttons outside the staff chat. Each is
refused, changes nothing, and is written to the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.types import TicketStatus, TicketTopic
from keyboards.menu import MenuCb, Section
from keyboards.tickets import ReplyAction, ReplyCb, StaffCb, TicketAction, TicketCb
from storage.models import Ticket, TicketAttachment, TicketMessage
from tests.access_data import DENIED, World, denials, logged_in
from tests.dialogs.test_tickets import STAFF_CHAT, add_ticket, staff, tester, world
from tests.harness import BotTester

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")
__all__ = ["tester", "world"]


async def ticket(tester: BotTester, ticket_id: int) -> Ticket:
    async with tester.session_maker() as db:
        t = await db.get(Ticket, ticket_id)
        assert t is not None
        return t


async def test_another_companys_ticket_is_refused_and_audited(
    tester: BotTester, world: World
) -> None:
    foreign = await add_ticket(tester, world.company_a, world.users["coord"], text="Секрет А")
    user = await logged_in(tester, world, "b_coord", 1201)
    for action in (
        TicketAction.OPEN,
        TicketAction.FILES,
        TicketAction.CLOSE_YES,
        TicketAction.REPLY,
    ):
        await user.press_data(
            user.last.message_id, TicketCb(action=action, ticket_id=foreign).pack()
        )
        assert user.alerts[-1]["text"] == DENIED, action
    assert all("Секрет А" not in m.text for m in user.messages)
    rows = await denials(tester)
    assert [(r.action, r.object_id, r.details["reason"]) for r in rows] == [
        ("ticket.view", str(foreign), "other_company"),
        ("ticket.view", str(foreign), "other_company"),
        ("ticket.close", str(foreign), "other_company"),
        ("ticket.reply", str(foreign), "other_company"),
    ]
    assert {r.company_id for r in rows} == {world.company_b}
    assert (await ticket(tester, foreign)).status is TicketStatus.NEW


async def test_a_level_that_sees_only_its_own_cannot_reach_a_colleagues_ticket(
    tester: BotTester, world: World
) -> None:
    colleague = await add_ticket(tester, world.company_a, world.users["coord"])
    viewer = await logged_in(tester, world, "viewer", 1202)
    await viewer.press_data(
        viewer.last.message_id, TicketCb(action=TicketAction.OPEN, ticket_id=colleague).pack()
    )
    assert viewer.alerts[-1]["text"] == DENIED
    assistant = await logged_in(tester, world, "assistant", 1203)
    await assistant.press_data(
        assistant.last.message_id,
        TicketCb(action=TicketAction.CLOSE_YES, ticket_id=colleague).pack(),
    )
    assert assistant.alerts[-1]["text"] == DENIED
    rows = await denials(tester)
    assert [(r.user_id, r.action, r.details["reason"]) for r in rows] == [
        (world.users["viewer"], "ticket.view", "scope"),
        (world.users["assistant"], "ticket.close", "scope"),
    ]
    assert (await ticket(tester, colleague)).status is TicketStatus.NEW
    # The union coordinator sees the whole company's tickets.
    union = await logged_in(tester, world, "union", 1204)
    await union.press_data(
        union.last.message_id, TicketCb(action=TicketAction.OPEN, ticket_id=colleague).pack()
    )
    assert "Вопрос по счёту" in union.last.text


async def test_a_file_of_another_ticket_is_refused(tester: BotTester, world: World) -> None:
    mine = await add_ticket(tester, world.company_a, world.users["viewer"])
    other = await add_ticket(tester, world.company_b, world.users["b_coord"])
    async with tester.session_maker() as db:
        msg = await db.scalar(select(TicketMessage).where(TicketMessage.ticket_id == other))
        assert msg is not None
        att = TicketAttachment(message_id=msg.id, telegram_file_id="X", file_name="чужой.pdf")
        db.add(att)
        await db.commit()
        att_id = att.id
    viewer = await logged_in(tester, world, "viewer", 1205)
    await viewer.press_data(
        viewer.last.message_id,
        TicketCb(action=TicketAction.FILE, ticket_id=mine, value=att_id).pack(),
    )
    assert viewer.alerts[-1]["text"] == DENIED
    assert all(m.document is None for m in viewer.messages)
    [row] = await denials(tester)
    assert (row.action, row.object_type, row.object_id) == (
        "ticket.file",
        "ticket_attachment",
        str(att_id),
    )


async def test_staff_buttons_outside_the_staff_chat_and_other_forgeries(
    tester: BotTester, world: World
) -> None:
    mine = await add_ticket(tester, world.company_a, world.users["coord"], topic=TicketTopic.SIM)
    user = await logged_in(tester, world, "coord", 1206)
    await user.press_data(
        user.last.message_id, StaffCb(ticket_id=mine, status=TicketStatus.CLOSED).pack()
    )
    assert "только сотрудники поддержки" in user.alerts[-1]["text"]
    [row] = await denials(tester)
    assert (row.action, row.telegram_user_id, row.details["reason"]) == (
        "ticket.staff_status",
        1206,
        "other_chat",
    )
    # A rating out of range, a rating of an open ticket, a reply button of another ticket.
    await user.press_data(
        user.last.message_id, TicketCb(action=TicketAction.RATE, ticket_id=mine, value=9).pack()
    )
    assert "Оценить можно закрытое обращение" in user.alerts[-1]["text"]
    await user.press_data(
        user.last.message_id, ReplyCb(action=ReplyAction.SEND, ticket_id=mine).pack()
    )
    assert user.alerts[-1]["text"] == "Эта кнопка устарела. Откройте раздел заново."
    t = await ticket(tester, mine)
    assert (t.status, t.rating) == (TicketStatus.NEW, None)
    assert tester.sandbox.chat(STAFF_CHAT) == []


async def test_ticket_buttons_without_a_login(tester: BotTester, world: World) -> None:
    mine = await add_ticket(tester, world.company_a, world.users["coord"])
    user = await tester.user(1207)
    await user.send("/start")
    for data in (
        MenuCb(section=Section.TICKETS),
        TicketCb(action=TicketAction.OPEN, ticket_id=mine),
    ):
        await user.press_data(user.last.message_id, data.pack())
        assert "доступен после входа" in user.last.text
        await user.press("☰ Главное меню")
    assert await denials(tester) == []


async def test_the_staff_chat_member_check_is_real(tester: BotTester, world: World) -> None:
    """A member who left the chat can no longer change a status."""
    user = await logged_in(tester, world, "coord", 1208)
    from tests.dialogs.test_tickets import create_ticket

    await create_ticket(user)
    await tester.run_jobs()
    team = await staff(tester)
    tester.sandbox.set_member(STAFF_CHAT, team.id, "kicked")
    await team.press("🛠 В работе")
    assert "только сотрудники поддержки" in team.alerts[-1]["text"]
    [t] = [await ticket(tester, 1)]
    assert t.status is TicketStatus.NEW
