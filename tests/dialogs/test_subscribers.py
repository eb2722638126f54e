"""The subscribers section as a coordinator uses it: the list, search, the card, adding and
removing employees, the SMS confirmation, personal data, limits and access grants."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from domain.types import CodePurpose, SubscriberStatus
from keyboards.subscribers import SubListCb
from storage.models import CabinetUser, OneTimeCode, Outbox, Subscriber
from tests.access_data import World, logged_in
from tests.harness import BotTester

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


async def sub_row(tester: BotTester, sub_id: int) -> Subscriber:
    async with tester.session_maker() as db:
        sub = await db.get(Subscriber, sub_id)
        assert sub is not None
        return sub


async def test_list_search_and_card(bot_tester: BotTester, access_world_bot: World) -> None:
    user = await logged_in(bot_tester, access_world_bot, "union", 1001)
    await user.press("👥 Сотрудники")
    text = user.last.text
    # The union coordinator sees the company's six numbers, never company B's.
    assert "Сотрудники и номера · 6 номеров" in text
    assert any("Иванов Иван" in b for b in user.last.buttons)
    assert not any("Смирнов" in b for b in user.last.buttons)
    await user.press("🔎 Поиск")
    await user.send("петрова")
    assert "Сотрудники и номера · 1 номер" in user.last.text
    assert "Поиск: «петрова»" in user.last.text
    [line] = [b for b in user.last.buttons if "Петрова" in b]
    assert line.startswith("🟢 +7 916 123-45-68")
    await user.press("🔎 Поиск")
    await user.send("123 456")
    assert "3 номера" in user.last.text  # +7916123456x twice and +7999123456 7
    await user.press(line)
    card = user.last.text
    assert "+7 916 123-45-68" in card and "Петрова Анна Сергеевна" in card
    assert "Лицевой счёт: 500100200300" in card
    assert "Доступ в кабинет: координатор лицевого счёта" in card
    assert "Переадресация: нет" in card


async def outbox_rows(tester: BotTester, channel: str, recipient: str) -> list[Outbox]:
    return [r for r in await tester.outbox(channel) if r.recipient == recipient]


async def test_add_a_number_of_the_company_is_active_at_once(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    async with bot_tester.session_maker() as db:
        sub = await db.get(Subscriber, w.subscribers["a1_3"])
        assert sub is not None
        sub.status = SubscriberStatus.REMOVED
        await db.commit()
    user = await logged_in(bot_tester, w, "union", 1002)
    await user.press("👥 Сотрудники")
    assert "5 номеров" in user.last.text
    await user.press("➕ Добавить")
    assert "шаг 1 из 4" in user.last.text
    await user.send("Я")
    assert "Имя — от 2 до 200 символов" in user.last.text and "Иванов Иван" in user.last.text
    await user.send("Орлов Денис")
    assert "Шаг 2 из 4" in user.last.text
    await user.send("12345")
    assert "Не похоже на номер телефона" in user.last.text and "Шаг 2 из 4" in user.last.text
    await user.send("+7 903 555-66-77")  # company B's number
    assert "обслуживается у другого клиента" in user.last.text
    await user.send("8 (916) 123-00-01")
    assert "Шаг 3 из 4" in user.last.text
    await user.press("⏭ Пропустить")
    await user.send("склад")
    summary = user.last.text
    assert "Орлов Денис" in summary and "+7 916 123-00-01" in summary
    assert "станет активным сразу" in summary
    summary_msg = user.last
    await user.press("✅ Создать")
    assert "Сотрудник добавлен, номер +7 916 123-00-01 активен" in user.last.text
    sub = await sub_row(bot_tester, w.subscribers["a1_3"])
    assert (sub.status, sub.employee_name, sub.comment) == (
        SubscriberStatus.ACTIVE,
        "Орлов Денис",
        "склад",
    )
    # The same «Создать» again (a double tap) creates nothing more: it is done already.
    await user.press_data(summary_msg.message_id, summary_msg.callback_data["✅ Создать"])
    assert "Это уже сделано" in user.alerts[-1]["text"]


async def test_a_number_from_outside_waits_for_the_sms_code(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1003)
    await user.press("👥 Сотрудники")
    await user.press("➕ Добавить")
    await user.send("Новиков Артём")
    await user.send("+7 905 111-22-33")
    await user.send_photo(b"\xff\xd8\xff photo")
    assert "Шаг 4 из 4" in user.last.text
    await user.press("⏭ Пропустить")
    assert "придёт SMS с кодом" in user.last.text
    assert "Лицевой счёт: 500100200300" in user.last.text
    await user.press("🔁 Другой лицевой счёт")
    assert "Лицевой счёт: 500100200301" in user.last.text
    await user.press("✅ Создать")
    assert "отправлено SMS с кодом" in user.last.text
    # Not yet confirmed: said so, with no tariff or spending it does not have yet.
    assert "Статус: ⏳ ожидает подтверждения по SMS" in user.last.text
    assert "активен" not in user.last.text.split("\n\n", 1)[1]
    assert "Тариф:" not in user.last.text and "Расходы" not in user.last.text
    assert "появятся здесь, когда его подтвердят кодом из SMS" in user.last.text
    # The card of an employee with a photo is the photo, its text the caption.
    assert user.last.raw.get("photo") and "Новиков Артём" in user.last.text
    assert "🖼 Фото" not in user.last.buttons
    async with bot_tester.session_maker() as db:
        sub = await db.scalar(select(Subscriber).where(Subscriber.msisdn == "+79051112233"))
        assert sub is not None and sub.status is SubscriberStatus.PENDING
        assert sub.account_id == w.accounts["a2"] and sub.photo_file_id
        code_row = await db.scalar(select(OneTimeCode).where(OneTimeCode.subscriber_id == sub.id))
        assert code_row is not None and code_row.purpose is CodePurpose.SUBSCRIBER_CONFIRM
    [sms] = await outbox_rows(bot_tester, "sms", "+79051112233")
    payload = sms.payload["params"]["payload"]
    code = sms.payload["params"]["code"]
    assert payload == f"sc_{sub.id}_{code}"
    assert code not in code_row.code_hash  # stored hashed
    # The SMS as delivered carries a t.me link that opens this bot with the payload.
    await bot_tester.run_jobs()
    [delivered] = [m for m in bot_tester.sandbox.inbox if m["to"] == "+79051112233"]
    link = f"https://t.me/{bot_tester.sandbox.bot_username}?start={payload}"
    assert link in delivered["text"] and f"Код {code}" in delivered["text"]
    # The employee opens the link from the SMS in the bot, without any login.
    employee = await bot_tester.user(1099)
    await employee.send(f"/start {payload}")
    assert "Номер подтверждён" in employee.last.text and "Северный ветер" in employee.last.text
    assert (await sub_row(bot_tester, sub.id)).status is SubscriberStatus.ACTIVE
    await bot_tester.run_jobs()
    assert "Номер +7 905 111-22-33 (Новиков Артём) подтверждён по SMS" in user.last.text
    await user.press("📱 К карточке номера")
    assert "🟢 активен" in user.last.text and "Тариф:" in user.last.text
    # The same link again does nothing.
    await employee.send(f"/start {payload}")
    assert "Ссылка подтверждения не подходит" in employee.last.text


async def test_the_coordinator_types_the_code(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1004)
    await user.press("👥 Сотрудники")
    await user.press("➕ Добавить")
    await user.send("Новиков Артём")
    await user.send("+7 905 111-22-44")
    await user.press("⏭ Пропустить")
    await user.press("⏭ Пропустить")
    await user.press("✅ Создать")
    [sms] = await outbox_rows(bot_tester, "sms", "+79051112244")
    code = sms.payload["params"]["code"]
    await user.press("🔑 Ввести код")
    await user.send("12")
    assert "6 цифр" in user.last.text
    wrong = "000000" if code != "000000" else "111111"
    await user.send(wrong)
    assert "Неверный код" in user.last.text
    await user.send(code)
    assert "Номер +7 905 111-22-44 подтверждён и активен" in user.last.text
    assert "🟢 активен" in user.last.text


async def test_remove_one_and_many_with_a_confirmation_naming_how_many(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1005)
    await user.press("👥 Сотрудники")
    [line] = [b for b in user.last.buttons if "Сидоров" in b]
    await user.press(line)
    await user.press("🗑 Удалить сотрудника")
    assert "Удалить из списка сотрудников Сидоров Пётр Олегович" in user.last.text
    await user.press("✅ Да")
    assert "Удалено: 1 номер" in user.last.text
    assert "5 номеров" in user.last.text
    assert (await sub_row(bot_tester, w.subscribers["a2_1"])).status is SubscriberStatus.REMOVED
    # The assistant's login on that number is blocked with it.
    async with bot_tester.session_maker() as db:
        assistant = await db.get(CabinetUser, w.users["assistant"])
        assert assistant is not None and assistant.is_blocked
    await user.press("☑️ Выбрать несколько")
    for name in ("Лебедева", "Кузнецова"):
        [line] = [b for b in user.last.buttons if name in b]
        await user.press(line)
    assert "Отмечено: 2" in user.last.text
    await user.press("✅ Готово · 2")
    await user.press("🗑 Удалить (2)")
    assert "Удалить из списка сотрудников 2 номера?" in user.last.text
    confirm = user.last
    await user.press("✅ Да")
    assert "Удалено: 2 номера" in user.last.text and "3 номера" in user.last.text
    # The confirmation pressed again removes nothing more, and says so.
    await user.press_data(confirm.message_id, confirm.callback_data["✅ Да"])
    assert "Эти номера уже удалены — ничего не изменилось." in user.last.text
    assert "3 номера" in user.last.text
    async with bot_tester.session_maker() as db:
        removed = await db.scalar(
            select(func.count())
            .select_from(Subscriber)
            .where(Subscriber.status == SubscriberStatus.REMOVED)
        )
        assert removed == 3


async def test_pages_jumps_and_a_typed_page(bot_tester: BotTester, access_world_bot: World) -> None:
    w = access_world_bot
    async with bot_tester.session_maker() as db:
        for k in range(45):
            db.add(
                Subscriber(
                    company_id=w.company_a,
                    account_id=w.accounts["a1"],
                    msisdn=f"+7917000{k:04d}",
                    employee_name=f"Сотрудник {k:02d}",
                )
            )
        await db.commit()
    user = await logged_in(bot_tester, w, "union", 1006)
    await user.press("👥 Сотрудники")
    assert "51 номер" in user.last.text
    assert "стр. 1/6" in user.last.buttons and "6 ⏭" in user.last.buttons
    await user.press("6 ⏭")
    assert "стр. 6/6" in user.last.buttons
    assert len([b for b in user.last.buttons if "+7 9" in b]) == 1
    await user.press("◀️")
    assert "стр. 5/6" in user.last.buttons
    await user.press("стр. 5/6")
    await user.send("пять")
    assert "целое число от 1" in user.last.text and "например 25" in user.last.text
    await user.send("3")
    assert "стр. 3/6" in user.last.buttons
    # Numbers 21–30 in number order: four +7 916 numbers come first.
    assert [b.split(" · ")[1] for b in user.last.buttons[:10]] == [
        f"Сотрудник {k}" for k in range(16, 26)
    ]


async def test_every_demo_card_fits_telegram_and_shows_forwarding(bot_tester: BotTester) -> None:
    from tests.accounts_data import NORTH_UNION, demo_chat

    user = await demo_chat(bot_tester, NORTH_UNION, 1007)
    await user.send("/menu")
    await user.press("👥 Сотрудники")
    assert "Сотрудники и номера · 60 номеров" in user.last.text
    seen_suspended = False
    for page in range(6):
        if page:
            await user.press("▶️")
        assert f"стр. {page + 1}/6" in user.last.buttons
        lines = [b for b in user.last.buttons if b[:1] in "🟢⛔⏳"]
        assert len(lines) == 10
        for line in lines:
            await user.press(line)  # the sandbox refuses what Telegram would refuse
            seen_suspended |= "(приостановлена)" in user.last.text
            await user.press("📋 К списку")
            if page:
                await user.press_data(user.last.message_id, SubListCb(page=page).pack())
    assert seen_suspended


async def test_an_older_removal_question_removes_nothing(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    """«Да» removes the numbers its question named; the «Да» of a question asked before (about
    other numbers) is out of date and removes nothing."""
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1008)
    await user.press("👥 Сотрудники")
    await user.press("☑️ Выбрать несколько")
    [line] = [b for b in user.last.buttons if "Лебедева" in b]
    await user.press(line)
    await user.press("✅ Готово · 1")
    await user.press("🗑 Удалить (1)")
    first = user.last
    assert "Удалить из списка сотрудников 1 номер?" in first.text
    await user.press("✖️ Нет")
    await user.press("◀️ Назад")
    [line] = [b for b in user.last.buttons if "Кузнецова" in b]
    await user.press(line)
    await user.press("✅ Готово · 2")
    await user.press("🗑 Удалить (2)")
    assert "Удалить из списка сотрудников 2 номера?" in user.last.text
    await user.press_data(first.message_id, first.callback_data["✅ Да"])
    assert user.alerts[-1]["text"] == "Эта кнопка устарела. Откройте раздел заново."
    for name in ("a2_2", "ay_1"):
        assert (await sub_row(bot_tester, w.subscribers[name])).status is SubscriberStatus.ACTIVE
    await user.press("✅ Да")
    assert "Удалено: 2 номера" in user.last.text
    for name in ("a2_2", "ay_1"):
        assert (await sub_row(bot_tester, w.subscribers[name])).status is SubscriberStatus.REMOVED
