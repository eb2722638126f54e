"""Callback data made by hand: another login's sessions, another Telegram account's logins,
buttons beyond the level, buttons of a finished dialog. Each is refused, changes nothing, and a
refusal that touches someone else's object is written to the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from keyboards.apply import ApplyAction, ApplyCb
from keyboards.auth import AuthAction, AuthCb
from keyboards.menu import MenuCb, Section
from keyboards.profile import ProfileAction, ProfileCb
from storage.models import AuditLog, CabinetUser, Session, TelegramChat
from tests.access_data import World, denials, logged_in
from tests.harness import BotTester, ChatUser

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


async def session_of(tester: BotTester, tg: int) -> int:
    async with tester.session_maker() as db:
        chat = await db.get(TelegramChat, tg)
        assert chat is not None and chat.current_session_id is not None
        return chat.current_session_id


async def press_on_foreign_session(
    tester: BotTester,
    world: World,
    owner: tuple[str, int],
    presser: tuple[str, int],
    action: ProfileAction,
) -> tuple[ChatUser, int]:
    """`owner` (login, chat) logs in; `presser` forges `action` on that login's session id."""
    await tester.login(owner[1], world.users[owner[0]])
    foreign = await session_of(tester, owner[1])
    user = await logged_in(tester, world, *presser)
    await user.press_data(user.last.message_id, ProfileCb(action=action, id=foreign).pack())
    return user, foreign


async def test_ending_another_companys_session_is_refused_and_audited(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user, foreign = await press_on_foreign_session(
        bot_tester, access_world_bot, ("b_coord", 902), ("coord", 901), ProfileAction.END
    )
    assert user.alerts[-1]["text"] == "⛔ Недостаточно прав для этого действия."
    [row] = await denials(bot_tester)
    assert (row.action, row.object_type, row.object_id) == (
        "auth.end_session",
        "session",
        str(foreign),
    )
    assert (
        row.user_id == access_world_bot.users["coord"]
        and row.company_id == access_world_bot.company_a
    )
    async with bot_tester.session_maker() as db:
        sess = await db.get(Session, foreign)
        assert sess is not None and sess.ended_at is None


async def test_switching_into_someone_elses_login_is_refused_and_audited(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user, foreign = await press_on_foreign_session(
        bot_tester, access_world_bot, ("union", 904), ("viewer", 903), ProfileAction.SWITCH
    )
    assert "Недостаточно прав" in user.alerts[-1]["text"]
    [row] = await denials(bot_tester)
    assert (row.action, row.telegram_user_id, row.object_id) == ("auth.switch", 903, str(foreign))
    await user.send("/menu")
    assert "только просмотр номера" in user.last.text  # still the viewer, not the coordinator


async def test_profile_buttons_without_a_login(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await bot_tester.user(905)
    await user.send("/start")
    for data in (
        ProfileCb(action=ProfileAction.EMAIL),
        ProfileCb(action=ProfileAction.SESSIONS),
        ProfileCb(action=ProfileAction.END, id=1),
        MenuCb(section=Section.PROFILE),
        MenuCb(section=Section.SWITCH_LOGIN),
    ):
        await user.press_data(user.last.message_id, data.pack())
        assert "доступен после входа" in user.last.text, data
        await user.press("☰ Главное меню")
    await user.press_data(user.last.message_id, ProfileCb(action=ProfileAction.SWITCH, id=1).pack())
    assert "Недостаточно прав" in user.alerts[-1]["text"]
    await user.press_data(user.last.message_id, AuthCb(action=AuthAction.LOGOUT).pack())
    assert "Войти: МегаФон" in user.last.buttons


async def test_nothing_works_before_the_permanent_password(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    async with bot_tester.session_maker() as db:
        cab = await db.get(CabinetUser, access_world_bot.users["union"])
        assert cab is not None
        cab.must_change_password = True
        await db.commit()
    await bot_tester.login(906, access_world_bot.users["union"])
    user = await bot_tester.user(906)
    await user.send("/start")
    assert "Придумайте постоянный пароль" in user.last.text
    for data in (
        MenuCb(section=Section.BALANCE),
        MenuCb(section=Section.PROFILE),
        ProfileCb(action=ProfileAction.EMAIL),
        MenuCb(section=Section.SWITCH_LOGIN),
    ):
        await user.press_data(user.last.message_id, data.pack())
        assert user.alerts[-1]["text"].startswith("Сначала задайте постоянный пароль")
    assert "Придумайте постоянный пароль" in user.last.text


async def test_application_buttons_out_of_place(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await bot_tester.user(907)
    await user.send("/start")
    await user.press_data(user.last.message_id, ApplyCb(action=ApplyAction.SEND).pack())
    assert user.alerts[-1]["text"] == "Эта кнопка устарела. Откройте раздел заново."
    await user.press("📝 Заявка на обслуживание")
    await user.press_data(user.last.message_id, ApplyCb(action=ApplyAction.FIELD, field=99).pack())
    assert user.alerts[-1]["text"] in {
        "Эта кнопка устарела. Откройте раздел заново.",
        "Эта кнопка недоступна.",
    }
    await user.press_data(user.last.message_id, ApplyCb(action=ApplyAction.YES).pack())
    assert "Вопрос 1 из" in user.last.text  # the first question is not a yes/no one
    async with bot_tester.session_maker() as db:
        assert list(await db.scalars(select(AuditLog))) == []
