"""Forged buttons in the subscribers section: another company's numbers, groups and labels,
numbers outside an assistant's accounts, and actions beyond a narrow level. Each is refused,
changes nothing and is written to the audit log. And «My number» for the narrow levels."""

from __future__ import annotations

import pytest
from aiogram.filters.callback_data import CallbackData

from domain.types import Role, SubscriberStatus
from keyboards.subscribers import (
    GrantAction,
    GrantCb,
    GroupAction,
    GroupCb,
    LabelAction,
    LabelCb,
    LimitAction,
    LimitCb,
    NetAction,
    NetCb,
    SubAction,
    SubCb,
    SubMenu,
    SubMenuCb,
)
from keyboards.widgets import PickAction, PickCb
from storage.models import AuditLog, Group, Label, Subscriber
from tests.access_data import DENIED, World, denials, logged_in
from tests.harness import BotTester

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


async def forge(tester: BotTester, user_tg: int, data: CallbackData) -> tuple[str, AuditLog]:
    user = await tester.user(user_tg)
    before = len(await denials(tester))
    await user.press_data(user.last.message_id, data.pack())
    rows = await denials(tester)
    assert len(rows) == before + 1, data
    return user.alerts[-1]["text"], rows[-1]


async def test_another_companys_objects_are_refused_and_audited(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    async with bot_tester.session_maker() as db:
        group = Group(company_id=w.company_b, name="Чужие", icon="👥", color="red")
        label = Label(company_id=w.company_b, name="чужая")
        db.add_all([group, label])
        await db.commit()
        gid, lid = group.id, label.id
    await logged_in(bot_tester, w, "union", 1301)
    foreign = w.subscribers["b1_1"]
    for data, action, obj in (
        (SubCb(action=SubAction.CARD, sub_id=foreign), "sub.card", "subscriber"),
        (SubCb(action=SubAction.REMOVE_YES, sub_id=foreign), "sub.remove", "subscriber"),
        (SubCb(action=SubAction.EDIT_NAME, sub_id=foreign), "sub.personal", "subscriber"),
        (LimitCb(action=LimitAction.OFF, sub_id=foreign), "sub.card", "subscriber"),
        (GrantCb(action=GrantAction.TAKE_YES, sub_id=foreign), "access.revoke", "subscriber"),
        (NetCb(action=NetAction.SIM, sub_id=foreign), "sim.manage", "subscriber"),
        (NetCb(action=NetAction.BLOCK, sub_id=foreign), "sub.block", "subscriber"),
        (NetCb(action=NetAction.FWD_ADD, sub_id=foreign), "forwarding", "subscriber"),
        (PickCb(of="sub", action=PickAction.TOGGLE, item_id=foreign), "sub.select", "subscriber"),
        (GroupCb(action=GroupAction.CARD, group_id=gid), "group.card", "group"),
        (GroupCb(action=GroupAction.DELETE_YES, group_id=gid), "group.delete", "group"),
        (LabelCb(action=LabelAction.SHOW, label_id=lid), "label.show", "label"),
    ):
        text, row = await forge(bot_tester, 1301, data)
        assert text == DENIED, data
        assert (row.action, row.object_type) == (action, obj), data
        assert row.company_id == w.company_a and row.details.get("reason") == "other_company"
    async with bot_tester.session_maker() as db:
        sub = await db.get(Subscriber, foreign)
        assert sub is not None and sub.status is SubscriberStatus.ACTIVE
        assert await db.get(Group, gid) is not None


async def test_an_assistant_reaches_only_the_numbers_of_its_accounts(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "assistant", 1302)
    await user.press("👥 Сотрудники")
    assert "2 номера" in user.last.text  # account a2 only
    outside = w.subscribers["a1_1"]
    text, row = await forge(bot_tester, 1302, SubCb(action=SubAction.CARD, sub_id=outside))
    assert text == DENIED and row.details.get("reason") == "scope"
    # Access grants are the coordinators' only.
    own = w.subscribers["a2_2"]
    text, row = await forge(
        bot_tester, 1302, GrantCb(action=GrantAction.GIVE_YES, sub_id=own, role=Role.VIEWER)
    )
    assert text == DENIED and row.details.get("permission") == "grant_access"


async def test_the_narrow_levels_see_their_own_number_and_change_only_what_they_may(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    viewer = await logged_in(bot_tester, w, "viewer", 1303)
    await viewer.press("👥 Сотрудники")
    card = viewer.last.text
    assert "+7 916 123-00-02" in card and "Лебедева Ольга Юрьевна" in card
    assert "только просмотр" in card and "ничего менять нельзя" in card
    assert viewer.last.buttons == ["☰ Главное меню"]
    own = w.subscribers["a2_2"]
    for data, permission in (
        (SubCb(action=SubAction.REMOVE_YES, sub_id=own), "manage_subscribers"),
        (NetCb(action=NetAction.FWD_ADD, sub_id=own), "manage_forwarding"),
        (NetCb(action=NetAction.SIM, sub_id=own), "replace_sim"),
        (LimitCb(action=LimitAction.SET, sub_id=own), "view_subscribers"),
    ):
        text, row = await forge(bot_tester, 1303, data)
        assert text == DENIED, data
        if permission != "view_subscribers":
            assert row.details.get("permission") == permission, data
    for data in (SubMenuCb(action=SubMenu.GROUPS), SubMenuCb(action=SubMenu.LABELS)):
        text, row = await forge(bot_tester, 1303, data)
        assert text == DENIED and row.details.get("reason") == "own_number_only"
    # Another number of its own company is outside its level too.
    text, row = await forge(
        bot_tester, 1303, SubCb(action=SubAction.CARD, sub_id=w.subscribers["a1_1"])
    )
    assert text == DENIED and row.details.get("reason") == "scope"

    manager = await logged_in(bot_tester, w, "manager", 1304)
    await manager.press("👥 Сотрудники")
    assert "управление номером" in manager.last.text
    assert manager.last.buttons == [
        "↪️ Переадресация",
        "📶 Услуги номера",
        "☰ Главное меню",
    ]
    await manager.press("📶 Услуги номера")
    assert "Тарифы и услуги" in manager.last.text  # the own number's services are there
    await manager.send("/menu")
    await manager.press("👥 Сотрудники")
    await manager.press("↪️ Переадресация")
    await manager.press("➕ Добавить переадресацию")
    await manager.press("если нет ответа")
    await manager.send("+7 916 000-00-09")
    await manager.press("✅ Включить")
    assert "Заказ №" in manager.last.text
    mine = w.subscribers["a1_3"]
    text, row = await forge(bot_tester, 1304, NetCb(action=NetAction.BLOCK, sub_id=mine))
    assert text == DENIED and row.details.get("permission") == "manage_subscribers"
    text, row = await forge(
        bot_tester, 1304, NetCb(action=NetAction.FWD_ADD, sub_id=w.subscribers["a1_1"])
    )
    assert text == DENIED and row.details.get("reason") == "scope"


async def test_the_check_boxes_keep_only_numbers_the_user_may_change(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    """The multi-select checks every ticked number: another company's, one outside an
    assistant's accounts, and any number for a level that changes none, are refused there and
    then (audited as `sub.select`), and nothing is ticked."""
    w = access_world_bot

    def tick(sub_id: int) -> PickCb:
        return PickCb(of="sub", action=PickAction.TOGGLE, item_id=sub_id)

    assistant = await logged_in(bot_tester, w, "assistant", 1311)
    await assistant.press("👥 Сотрудники")
    await assistant.press("☑️ Выбрать несколько")
    for foreign, reason in (
        (w.subscribers["b1_1"], "other_company"),
        (w.subscribers["a1_1"], "scope"),
    ):
        text, row = await forge(bot_tester, 1311, tick(foreign))
        assert text == DENIED
        assert (row.action, row.object_id, row.details.get("reason")) == (
            "sub.select",
            str(foreign),
            reason,
        )
    # Its own accounts' numbers tick as usual; the refused ones were never kept.
    [line] = [b for b in assistant.last.buttons if "Сидоров" in b]
    await assistant.press(line)
    assert "Отмечено: 1" in assistant.last.text
    assert "✅ Готово · 1" in assistant.last.buttons

    for name, tg, own in (("viewer", 1312, "a2_2"), ("manager", 1313, "a1_3")):
        await logged_in(bot_tester, w, name, tg)
        for data in (
            tick(w.subscribers[own]),
            PickCb(of="sub", action=PickAction.ALL),
        ):
            text, row = await forge(bot_tester, tg, data)
            assert text == DENIED, (name, data)
            assert row.action == "sub.select" and row.details.get("permission") == (
                "manage_subscribers"
            ), (name, data)


async def test_a_grant_button_without_a_level_takes_nothing_away(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    """«Дать уровень» forged without its level is refused; it used to fall through to taking
    the number's level away, without a question."""
    from storage.models import CabinetUser

    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1314)
    sub_id = w.subscribers["a2_1"]  # the assistant's number
    for action in (GrantAction.GIVE, GrantAction.GIVE_YES):
        await user.press_data(user.last.message_id, GrantCb(action=action, sub_id=sub_id).pack())
        assert user.alerts[-1]["text"] == "Эта кнопка недоступна."
    async with bot_tester.session_maker() as db:
        assistant = await db.get(CabinetUser, w.users["assistant"])
        assert assistant is not None
        assert assistant.role is Role.ASSISTANT and not assistant.is_blocked
