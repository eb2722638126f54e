"""A person opens the bot: greeting, main menu, help, cancel, language, and any odd input."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from domain.clock import MSK, today_local
from domain.types import Role
from storage.models import AuditLog, CabinetUser, FsmRecord, Outbox
from tests.harness import BotTester


async def user_of_role(tester: BotTester, role: Role) -> CabinetUser:
    async with tester.session_maker() as db:
        user = await db.scalar(select(CabinetUser).where(CabinetUser.role == role).limit(1))
        assert user is not None
        return user


async def logged_in(tester: BotTester, role: Role, telegram_id: int = 501):
    await tester.load_demo()
    cab = await user_of_role(tester, role)
    await tester.login(telegram_id, cab.id)
    return await tester.user(telegram_id), cab


async def test_start_greets_a_stranger_and_offers_login(bot_tester: BotTester) -> None:
    user = await bot_tester.user(101)
    shown = await user.send("/start")
    assert len(shown) == 1
    assert "личный кабинет корпоративного клиента" in shown[0].text
    assert shown[0].buttons == [
        "Войти: МегаФон",
        "Войти: Yota",
        "📝 Заявка на обслуживание",
        "❓ Помощь",
    ]
    # The chat is dated by the program's clock (pinned by the tests), not the machine's.
    sent_on = datetime.fromtimestamp(shown[0].raw["date"], MSK).date()
    assert sent_on == today_local() == date.fromisoformat(os.environ["CABINET_TODAY"][:10])


async def test_help_from_anywhere(bot_tester: BotTester) -> None:
    user = await bot_tester.user(102)
    await user.send("/help")
    assert "/balance" in user.last.text and "/cancel" in user.last.text
    await user.press("☰ Главное меню")
    assert "Войти: МегаФон" in user.last.buttons


async def test_commands_are_set_in_russian_and_english(bot_tester: BotTester) -> None:
    ru = bot_tester.sandbox.commands("ru")
    en = bot_tester.sandbox.commands("en")
    # Nobody logged in: what a guest may use (a login sets its chat's own, test_command_menu).
    assert [c["command"] for c in ru] == ["start", "cancel", "help", "language"]
    assert next(c for c in ru if c["command"] == "help")["description"] == "Справка"
    assert next(c for c in en if c["command"] == "help")["description"] == "Help"


async def test_coordinator_sees_company_role_and_every_section(bot_tester: BotTester) -> None:
    user, cab = await logged_in(bot_tester, Role.UNION_COORDINATOR)
    shown = await user.send("/start")
    menu = shown[-1]
    assert "Северный ветер" in menu.text or cab.login in menu.text
    assert "координатор объединения счетов" in menu.text
    assert menu.buttons == [
        "💰 Баланс",
        "🧾 Лицевые счета",
        "📑 Документы",
        "👥 Сотрудники",
        "📶 Тарифы и услуги",
        "📋 Заказы и заявки",
        "💬 Обращения",
        "👤 Профиль",
        "❓ Помощь",
    ]
    assert user.reply_keyboard == ["💰 Баланс", "☰ Меню"]


async def test_view_only_employee_sees_only_what_the_level_allows(bot_tester: BotTester) -> None:
    user, _ = await logged_in(bot_tester, Role.VIEWER)
    await user.send("/menu")
    assert "только просмотр номера" in user.last.text
    assert "💰 Баланс" not in user.last.buttons
    # The level can order no document: «📑 Документы» is not offered.
    assert "📑 Документы" not in user.last.buttons
    assert "👥 Сотрудники" in user.last.buttons
    await user.send("/start")
    assert user.reply_keyboard == ["☰ Меню"]  # no balance button a viewer could only be refused


async def test_reply_keyboard_menu_button(bot_tester: BotTester) -> None:
    user, _ = await logged_in(bot_tester, Role.COORDINATOR)
    await user.send("☰ Меню")
    assert "Выберите раздел" in user.last.text


async def test_cancel_clears_a_dialog_and_says_so(bot_tester: BotTester) -> None:
    user = await bot_tester.user(103)
    await user.send("/cancel")
    assert user.bot_messages[-2].text == "Отменять нечего."
    async with bot_tester.session_maker() as db:
        n = await db.scalar(
            select(func.count()).select_from(FsmRecord).where(FsmRecord.state.is_not(None))
        )
    assert n == 0


async def test_language_switch_is_remembered(bot_tester: BotTester) -> None:
    user = await bot_tester.user(104)
    await user.send("/language")
    assert user.last.text == "Language: English 🇬🇧"
    await user.send("/start")
    assert "Log in: MegaFon" in user.last.buttons
    await user.send("/language")
    await user.send("/start")
    assert "Войти: МегаФон" in user.last.buttons


@pytest.mark.parametrize("kind", ["text", "sticker", "photo", "document", "contact"])
async def test_any_odd_input_gets_an_answer_that_says_what_to_do(
    bot_tester: BotTester, kind: str
) -> None:
    user = await bot_tester.user(105)
    if kind == "text":
        shown = await user.send("какой у меня баланс?")
    elif kind == "sticker":
        shown = await user.send_sticker()
    elif kind == "photo":
        shown = await user.send_photo(b"\x89PNG fake")
    elif kind == "document":
        shown = await user.send_document("a.txt", b"hello")
    else:
        shown = await user.share_contact("+79161234567", own=False)
    assert shown, "the bot stayed silent"
    assert any(
        "кнопками" in s.text or "/start" in s.text or "Войти" in " ".join(s.buttons) for s in shown
    )


async def test_a_forged_button_gets_a_polite_alert_and_changes_nothing(
    bot_tester: BotTester,
) -> None:
    user, _ = await logged_in(bot_tester, Role.COORDINATOR)
    await user.send("/menu")
    async with bot_tester.session_maker() as db:
        before = (
            await db.scalar(select(func.count()).select_from(Outbox)),
            await db.scalar(select(func.count()).select_from(AuditLog)),
        )
    for data in ["garbage", "m:zzz", "x" * 64, "acc:999999:1"]:
        await user.press_data(user.last.message_id, data)
    # Each one is the same pop-up, shown as an alert (not a toast that vanishes unread).
    assert [(a["text"], a["show_alert"]) for a in user.alerts[-4:]] == [
        ("Эта кнопка недоступна.", True)
    ] * 4
    async with bot_tester.session_maker() as db:
        after = (
            await db.scalar(select(func.count()).select_from(Outbox)),
            await db.scalar(select(func.count()).select_from(AuditLog)),
        )
    assert after[0] == before[0]


async def test_a_failing_handler_tells_the_user_and_nothing_is_lost(
    bot_tester: BotTester, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, _ = await logged_in(bot_tester, Role.COORDINATOR)

    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("simulated failure")

    monkeypatch.setattr("handlers.start.main_menu_text", boom)
    await user.send("/menu")
    assert "Что-то пошло не так" in user.last.text
    assert "Ничего не потеряно" in user.last.text


async def test_the_bot_keeps_quiet_in_the_staff_group_chat(bot_tester: BotTester) -> None:
    bot_tester.sandbox.open_chat(-1001)
    staff = await bot_tester.user(106, chat_id=-1001)
    shown = await staff.send("коллеги, кто возьмёт обращение?")
    assert shown == []


async def test_a_flood_of_presses_is_cut_and_each_press_still_answered(
    engine: object, session_maker: object
) -> None:
    from tests.harness import BotTester

    tester = await BotTester(engine, session_maker, throttle_per_second=1.0).start()  # type: ignore[arg-type]
    # The harness builds its Dispatcher without throttling; build one with it, as the bot does.
    from bot.app import build_dispatcher

    tester.dp = build_dispatcher(tester.settings, tester.session_maker, tester.i18n)
    try:
        user = await tester.user(107)
        await user.send("/start")
        # Each press carries the message as it was when pressed: the bot cannot tell that an
        # earlier press has already shown this screen, and Telegram refuses the same edit.
        tester.expect_refusal("message is not modified")
        for _ in range(15):
            tester.sandbox.press_button(107, "❓ Помощь")
        await tester.feed()
        answers = user.alerts
        assert len(answers) == 15  # no spinner is left hanging
        assert sum(a["text"] == "Не так быстро 🙂 Подождите секунду." for a in answers) >= 4
    finally:
        await tester.close()


async def test_an_expired_session_takes_the_everyday_buttons_away(
    bot_tester: BotTester, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from domain import clock

    user, _ = await logged_in(bot_tester, Role.COORDINATOR)
    await user.send("/start")
    assert user.reply_keyboard == ["💰 Баланс", "☰ Меню"]
    later = clock.utcnow() + timedelta(days=31)
    monkeypatch.setattr(clock, "utcnow", lambda: later)
    await user.send("/menu")
    assert any("Сеанс истёк" in m.text for m in user.bot_messages[-2:])
    assert user.reply_keyboard == []
    assert "Войти: МегаФон" in user.last.buttons


async def test_a_button_of_a_message_deleted_meanwhile_answers_with_a_new_message(
    bot_tester: BotTester,
) -> None:
    user = await bot_tester.user(131)
    [greeting] = await user.send("/start")
    # The press reaches the bot, but the message is gone before the bot edits it (deleted in
    # another client of the same user, say): the answer comes as a new message, not an error.
    bot_tester.expect_refusal("message to edit not found")
    bot_tester.sandbox.press_button(131, "❓ Помощь")
    chat = bot_tester.sandbox._existing_chat(131, None)
    bot_tester.sandbox.remove_message(chat, greeting.message_id)
    await bot_tester.feed()
    assert "Как пользоваться ботом" in user.last.text
    assert user.last.message_id != greeting.message_id
    assert not any("Что-то пошло не так" in m.text for m in user.bot_messages)


async def test_each_dispatcher_remembers_its_own_menus(bot_tester: BotTester) -> None:
    """Where a chat's menu was shown is kept per Dispatcher, not per process: a second bot (here
    a second Dispatcher over the same chat) that never showed the menu shows it, instead of
    pointing to a menu «above» that only the first one drew."""
    from bot.app import build_dispatcher

    user = await bot_tester.user(108)
    await user.send("/start")
    [pointer] = await user.send("какой у меня баланс?")
    assert pointer.text == "Не понял сообщение. Разделы — в меню выше ⬆️"
    first = bot_tester.dp
    bot_tester.dp = build_dispatcher(
        bot_tester.settings, bot_tester.session_maker, bot_tester.i18n, throttle=False
    )
    try:
        shown = await user.send("какой у меня баланс?")
        assert shown[0].text.startswith("Я не понял сообщение.")
        assert "Войти: МегаФон" in shown[-1].buttons  # the menu, drawn by this Dispatcher
        [pointer] = await user.send("а сейчас?")
        assert pointer.text == "Не понял сообщение. Разделы — в меню выше ⬆️"
    finally:
        await bot_tester.dp.storage.close()
        bot_tester.dp = first
