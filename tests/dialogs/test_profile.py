"""Profile: the card, e-mail change by a code, password change, secret question, Telegram
sessions, several logins and switching among them, logout."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.auth.passwords import verify_password
from storage.models import CabinetUser, Session
from tests.access_data import PASSWORD, World, logged_in
from tests.harness import BotTester

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


async def test_profile_card_shows_login_company_level_email(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "assistant", 701)
    await user.press("👤 Профиль")
    text = user.last.text
    assert "Логин: +7 926 111-22-33" in text
    assert "Компания: ООО «Северный ветер»" in text
    assert "Уровень доступа: помощник координатора" in text
    assert "E-mail: assistant@example.org" in text
    assert "Телефон для SMS: +7 926 111-22-33" in text
    assert "Секретный вопрос: не задан" in text
    assert {
        "✉️ Изменить e-mail",
        "☎️ Телефон SMS",
        "🔐 Сменить пароль",
        "📱 Сеансы Telegram",
        "🔄 Сменить вход",
        "🚪 Выйти",
    } <= set(user.last.buttons)
    # At most two buttons a row, and the long "❓ Секретный вопрос" alone in its row: on a
    # phone half a row cuts it to "❓ Секретный воп…".
    rows = [[b["text"] for b in row] for row in user.last.raw["reply_markup"]["inline_keyboard"]]
    assert ["❓ Секретный вопрос"] in rows
    assert all(len(row) <= 2 for row in rows)
    assert all(len("".join(row)) <= 34 for row in rows if len(row) == 2)


async def test_email_change_confirmed_by_a_code_to_the_new_address(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "assistant", 702)
    await user.press("👤 Профиль")
    await user.press("✉️ Изменить e-mail")
    assert "ivanov@company.ru" in user.last.text
    await user.send("новый адрес")
    assert "Не похоже на адрес электронной почты" in user.last.text
    assert "Напишите новый e-mail" in user.last.text
    await user.send("buh@severny-veter.ru")
    assert "Код отправлен на buh@severny-veter.ru" in user.last.text
    [mail] = [o for o in await bot_tester.outbox() if o.recipient == "buh@severny-veter.ru"]
    assert mail.payload["key"] == "email-change-code"
    await user.send("000")
    assert "Код — это 6 цифр" in user.last.text
    await user.send(str(mail.payload["params"]["code"]))
    assert "E-mail изменён: buh@severny-veter.ru" in user.last.text
    assert "E-mail: buh@severny-veter.ru" in user.last.text


async def test_the_sms_phone_changes_by_a_code_to_the_new_number_and_the_old_one_is_told(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "assistant", 709)
    await user.press("👤 Профиль")
    await user.press("☎️ Телефон SMS")
    assert "например <code>+7 916 123-45-67</code>" in user.last.html
    await user.send("8 495 123-45-67")  # a landline: no SMS there
    assert "Нужен мобильный номер" in user.last.text and "Напишите новый номер" in user.last.text
    await user.send("+7 926 111-22-33")
    assert "Это и есть текущий номер для SMS" in user.last.text
    await user.send("8 (916) 555-44-33")
    assert "Код отправлен по SMS на +7 916 555-44-33" in user.last.text
    [sms] = [o for o in await bot_tester.outbox("sms") if o.recipient == "+79165554433"]
    assert sms.payload["key"] == "phone-change-code"
    code = str(sms.payload["params"]["code"])
    wrong = "000000" if code != "000000" else "111111"
    await user.send(wrong)
    assert "Введите 6 цифр из SMS" in user.last.text
    await user.send(code)
    assert "Телефон для SMS изменён: +7 916 555-44-33" in user.last.text
    assert "Телефон для SMS: +7 916 555-44-33" in user.last.text
    async with bot_tester.session_maker() as db:
        me = await db.scalar(select(CabinetUser).where(CabinetUser.login == "+79261112233"))
        assert me is not None and me.phone == "+79165554433"
    [notice] = [o for o in await bot_tester.outbox("sms") if o.recipient == "+79261112233"]
    assert notice.payload["key"] == "phone-changed-notice"
    assert notice.payload["params"] == {"tail": "4433"}
    # Once the gateway took the SMS, the code is no longer kept in the outbox.
    await bot_tester.run_jobs()
    [sent] = [o for o in await bot_tester.outbox("sms") if o.id == sms.id]
    assert sent.status.value == "sent" and code not in str(sent.payload)


async def test_password_change_needs_the_old_one_and_hides_both(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "coord", 703)
    await bot_tester.login(
        704, access_world_bot.users["coord"]
    )  # the same login in another Telegram
    await user.press("👤 Профиль")
    await user.press("🔐 Сменить пароль")
    assert "Введите текущий пароль" in user.last.text
    assert "например" not in user.last.text  # no "example" of a password the user has
    await user.send("Ne-tot-parol")
    assert "Текущий пароль неверен" in user.last.text
    await user.send(PASSWORD)
    assert "придумайте новый пароль" in user.last.text
    await user.send("qwerty123")
    assert "слишком простой" in user.last.text
    await user.send("Osen-Vostok-2028")
    assert "Пароль изменён" in user.last.text
    for secret in (PASSWORD, "Ne-tot-parol", "Osen-Vostok-2028"):
        assert [m.text for m in user.messages if secret in m.text] == []
    async with bot_tester.session_maker() as db:
        cab = await db.get(CabinetUser, access_world_bot.users["coord"])
        assert cab is not None and verify_password(cab.password_hash, "Osen-Vostok-2028")
        other = await db.scalar(select(Session).where(Session.telegram_user_id == 704))
        assert other is not None and other.end_reason == "password_changed"


async def test_secret_question_and_answer(bot_tester: BotTester, access_world_bot: World) -> None:
    user = await logged_in(bot_tester, access_world_bot, "coord", 705)
    await user.press("👤 Профиль")
    await user.press("❓ Секретный вопрос")
    await user.send("Да?")
    assert "Вопрос — от 5 до 200 символов" in user.last.text
    await user.send("Девичья фамилия матери?")
    assert "Теперь напишите ответ" in user.last.text
    await user.press("◀️ Назад")
    assert "Профиль" in user.last.text
    await user.press("❓ Секретный вопрос")
    await user.send("Девичья фамилия матери?")
    await user.send("Смирнова")
    assert "Секретный вопрос и ответ сохранены" in user.last.text
    assert "Секретный вопрос: задан" in user.last.text
    assert all(m.text != "Смирнова" for m in user.messages)


async def test_sessions_of_the_login_and_ending_one(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    await bot_tester.login(707, access_world_bot.users["coord"])
    user = await logged_in(bot_tester, access_world_bot, "coord", 706)
    await user.press("👤 Профиль")
    await user.press("📱 Сеансы Telegram")
    assert "Сеансы Telegram этого входа: 2" in user.last.text
    assert "(этот сеанс)" in user.last.text and "Telegram ••706" in user.last.text
    assert user.last.buttons[0] == "✖️ Завершить сеанс 2"
    # What the times are and what to do with a session one does not recognise.
    assert "Время московское. Не узнаёте сеанс — завершите его кнопкой ниже." in user.last.text
    await user.press("✖️ Завершить сеанс 2")
    assert "Сеансы Telegram этого входа: 1" in user.last.text
    assert "Не узнаёте сеанс" not in user.last.text  # nothing left to end
    async with bot_tester.session_maker() as db:
        rows = list(await db.scalars(select(Session).where(Session.telegram_user_id == 707)))
    assert [r.ended_at is not None for r in rows] == [True]
    other = await bot_tester.user(707)
    await other.send("/menu")
    assert "Войти: МегаФон" in other.last.buttons


async def test_two_companies_on_one_telegram_and_switching(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "coord", 708)
    await user.press("👤 Профиль")
    await user.press("🔄 Сменить вход")
    assert "✅ ООО «Северный ветер» — +7 916 123-45-68" in user.last.text
    await user.press("➕ Добавить вход")
    await user.press("Войти: МегаФон")
    await user.send("+79035556677")
    code = [o for o in await bot_tester.outbox() if o.recipient == "+79035556677"][-1]
    await user.send(str(code.payload["params"]["code"]))
    assert "АО «Южный берег»" in user.last.text
    # Back to the first company without logging in again.
    await user.press("👤 Профиль")
    await user.press("🔄 Сменить вход")
    assert "▫️ ООО «Северный ветер»" in user.last.text and "✅ АО «Южный берег»" in user.last.text
    # The buttons start with the login: the end of a long label is cut on a phone.
    assert "▫️ +7 916 123-45-68 · ООО «Северный ветер»" in user.last.buttons
    await user.press("▫️ +7 916 123-45-68 · ООО «Северный ветер»")
    assert "ООО «Северный ветер»" in user.last.text and "Выберите раздел" in user.last.text
    assert [o for o in await bot_tester.outbox() if o.recipient == "+79161234568"] == []


async def test_logout_keeps_the_other_login_then_the_last_one_ends_all(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    await bot_tester.login(709, access_world_bot.users["b_coord"])
    user = await logged_in(bot_tester, access_world_bot, "coord", 709)
    await user.press("👤 Профиль")
    await user.press("🚪 Выйти")
    assert "Вы вышли из кабинета ООО «Северный ветер»" in user.messages[-2].text
    assert "АО «Южный берег»" in user.last.text and "Выберите раздел" in user.last.text
    assert user.reply_keyboard == ["💰 Баланс", "☰ Меню"]
    await user.press("👤 Профиль")
    await user.press("🚪 Выйти")
    assert "Войти: МегаФон" in user.last.buttons
    assert user.reply_keyboard == []
    await user.send("/menu")
    assert "Войти: МегаФон" in user.last.buttons


async def test_profile_dialog_back_cancel_and_odd_input(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "viewer", 710)
    await user.press("👤 Профиль")
    await user.press("✉️ Изменить e-mail")
    await user.send_sticker()
    assert "Напишите ответ текстом" in user.last.text and "Напишите новый e-mail" in user.last.text
    await user.press("✖️ Отмена")
    assert "Выберите раздел" in user.last.text
    await user.send("viewer2@example.org")
    assert "Код отправлен" not in user.last.text  # the dialog is over: nothing was asked
