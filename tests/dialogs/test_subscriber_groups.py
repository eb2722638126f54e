"""Groups and labels, personal data, the spending limit with its scheduled pushes, and access
grants, as a coordinator uses them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.money import format_rub
from domain.types import Role, SubscriberStatus
from storage.models import CabinetUser, Group, Label, Subscriber, SubscriberLabel
from tests.access_data import World, logged_in
from tests.harness import BotTester, ChatUser

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


async def open_card(user: ChatUser, name: str) -> None:
    await user.press("👥 Сотрудники")
    [line] = [b for b in user.last.buttons if name in b]
    await user.press(line)


async def test_a_group_with_icon_colour_and_members_in_bulk(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1101)
    await user.press("👥 Сотрудники")
    await user.press("👥 Группы")
    assert "Групп пока нет" in user.last.text
    await user.press("➕ Новая группа")
    await user.send("О")
    assert "Название — от 2 до 60 символов" in user.last.text
    await user.send("Отдел продаж")
    assert "Выберите значок" in user.last.text
    await user.press("🚚")
    assert "Выберите цвет" in user.last.text
    await user.press("🟢 зелёный")
    assert "🚚 Отдел продаж" in user.last.text and "зелёный" in user.last.text
    assert "В группе: 0 номеров" in user.last.text
    await user.press("➕ Добавить")
    for name in ("Иванов Иван", "Петрова", "Орлов"):
        [line] = [b for b in user.last.buttons if name in b]
        await user.press(line)
    await user.press("✅ Добавить в группу · 3")
    assert "В группу добавлено: 3 номера" in user.last.text
    assert "В группе: 3 номера" in user.last.text
    await user.press("➖ Убрать")
    assert "3 номера" in user.last.text  # the list shows the group's members
    [line] = [b for b in user.last.buttons if "Орлов" in b]
    await user.press(line)
    await user.press("✅ Убрать из группы · 1")
    assert "Из группы убрано: 1 номер" in user.last.text
    await user.press("📋 Участники")
    assert "Группа: 🚚 Отдел продаж" in user.last.text and "2 номера" in user.last.text
    await user.press("✖️ Сбросить поиск")
    assert "6 номеров" in user.last.text
    # Search finds by the group's name too.
    await user.press("🔎 Поиск")
    await user.send("продаж")
    assert "2 номера" in user.last.text
    async with bot_tester.session_maker() as db:
        group = await db.scalar(select(Group).where(Group.company_id == w.company_a))
        assert group is not None
        assert (group.name, group.icon, group.color) == ("Отдел продаж", "🚚", "green")
        gid = group.id
    await user.press("✖️ Сбросить поиск")
    await user.press("👥 Группы")
    await user.press("🚚 Отдел продаж 🟢 · 2")
    await user.press("✏️ Переименовать")
    await user.send("Продажи")
    assert "Продажи" in user.last.text and "Сохранено" in user.last.text
    await user.press("🗑 Удалить группу")
    assert "Сотрудники останутся" in user.last.text
    await user.press("✅ Да")
    assert "Группа удалена" in user.last.text
    async with bot_tester.session_maker() as db:
        assert await db.get(Group, gid) is None
        members = await db.scalar(select(Subscriber.id).where(Subscriber.group_id == gid))
        assert members is None


async def test_labels_on_one_and_on_many_created_on_first_use(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1102)
    await open_card(user, "Иванов Иван")
    await user.press("🏷 Метки")
    await user.press("➕ Добавить метку")
    await user.send("#" + "x" * 45)
    assert "Метка — от 1 до 40 символов" in user.last.text
    await user.send("VIP")
    assert "Метка «VIP» поставлена: 1 номер" in user.last.text
    assert "✖️ VIP" in user.last.buttons
    await user.press("◀️ К карточке")
    assert "Метки: VIP" in user.last.text
    await user.press("📋 К списку")
    await user.press("☑️ Выбрать несколько")
    await user.press("☑️ Все найденные")
    assert "Отмечено: 6" in user.last.text
    await user.press("✅ Готово · 6")
    await user.press("🏷 Добавить метку")
    assert "Уже есть: VIP" in user.last.text
    await user.send("vip")  # the same label, whatever the case
    assert "поставлена: 5 номеров" in user.last.text
    await user.press("🏷 Добавить метку")
    await user.send("командировки")
    assert "поставлена: 6 номеров" in user.last.text
    async with bot_tester.session_maker() as db:
        names = set(await db.scalars(select(Label.name).where(Label.company_id == w.company_a)))
        assert names == {"VIP", "командировки"}
        n = len(list(await db.scalars(select(SubscriberLabel.subscriber_id))))
        assert n == 12
    await user.press("🏷 Снять метку")
    await user.press("🏷 командировки")
    assert "Метка снята: 6 номеров" in user.last.text
    await user.press("✖️ Отмена")
    await user.press("🏷 Метки")
    await user.press("🏷 VIP · 6")
    assert "Метка: VIP" in user.last.text and "6 номеров" in user.last.text


async def test_personal_data_is_checked_and_asked_again(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1103)
    await open_card(user, "Орлов")
    await user.press("✏️ Личные данные")
    await user.press("✉️ E-mail")
    await user.send("orlov@")
    assert "Не похоже на адрес электронной почты" in user.last.text
    assert "ivanov@company.ru" in user.last.text
    await user.send("orlov@veter.ru")
    assert "Сохранено" in user.last.text and "E-mail: orlov@veter.ru" in user.last.text
    await user.press("✏️ Личные данные")
    await user.press("🖼 Фото")
    await user.send("не фото")
    assert "Здесь нужно фото" in user.last.text
    await user.send_photo(b"\xff\xd8\xff orlov")
    assert user.last.raw.get("photo") and "Сохранено" in user.last.text
    await user.press("✏️ Личные данные")
    await user.press("👤 Имя")
    await user.send("Орлов Денис <b>")
    assert "Орлов Денис &lt;b&gt;" in user.last.html
    sub = await sub_of(bot_tester, w.subscribers["a1_3"])
    assert sub.email == "orlov@veter.ru" and sub.photo_file_id


async def sub_of(tester: BotTester, sub_id: int) -> Subscriber:
    async with tester.session_maker() as db:
        sub = await db.get(Subscriber, sub_id)
        assert sub is not None
        return sub


async def test_spending_limit_pushes_at_80_and_100_percent_and_can_bar(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1104)
    await open_card(user, "Петрова")
    await user.press("💳 Лимит расходов")
    assert "Лимит не задан" in user.last.text
    await user.press("💳 Задать лимит")
    await user.send("много")
    assert "3000" in user.last.text
    # Not a text at all: the same question again, not a bare «write it as text».
    await user.send_sticker()
    assert "Напишите ответ текстом" in user.last.text
    assert "Напишите лимит в рублях на месяц" in user.last.text
    await user.send("1000")
    assert "Лимит сохранён" in user.last.text
    assert f"Лимит в месяц: {format_rub(1000_00)}" in user.last.text
    await user.press("⬜ Приостанавливать исходящие при 100 %")
    assert "будут приостановлены" in user.last.text
    sid = w.subscribers["a1_2"]
    async with bot_tester.session_maker() as db:
        sub = await db.get(Subscriber, sid)
        assert sub is not None
        sub.month_spent_kop = 850_00
        await db.commit()
    await bot_tester.run_jobs()
    pushes = [r for r in await bot_tester.outbox("telegram") if r.text.startswith("sub-push")]
    assert [r.text for r in pushes] == ["sub-push-limit-80"]
    assert "израсходовал 80 % лимита" in user.last.text
    assert user.last.buttons == ["📱 К карточке номера"]
    await bot_tester.run_jobs()  # quiet while nothing changes
    assert (
        len([r for r in await bot_tester.outbox("telegram") if r.text.startswith("sub-push")]) == 1
    )
    async with bot_tester.session_maker() as db:
        sub = await db.get(Subscriber, sid)
        assert sub is not None
        sub.month_spent_kop = 1_000_00
        await db.commit()
    await bot_tester.run_jobs()
    assert "исчерпал лимит" in user.last.text and "приостановлены" in user.last.text
    assert (await sub_of(bot_tester, sid)).outgoing_barred
    await user.press("📱 К карточке номера")  # the button under the push
    assert "Исходящие платные действия приостановлены" in user.last.text
    await user.press("💳 Лимит расходов")
    await user.press("🗑 Убрать лимит")
    assert "Лимит убран" in user.last.text
    sub = await sub_of(bot_tester, sid)
    assert sub.spending_limit_kop is None and not sub.outgoing_barred


async def test_access_grant_issues_a_password_by_sms_and_can_be_taken_away(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    async with bot_tester.session_maker() as db:
        db.add(
            Subscriber(
                company_id=w.company_a,
                account_id=w.accounts["a1"],
                msisdn="+79167770011",
                employee_name="Зайцев Максим",
                status=SubscriberStatus.ACTIVE,
            )
        )
        await db.commit()
    user = await logged_in(bot_tester, w, "union", 1105)
    await open_card(user, "Зайцев")
    assert "Доступ в кабинет: нет" in user.last.text
    await user.press("🔐 Доступ в кабинет")
    await user.press("Выдать: управление номером")
    assert "отправить пароль по SMS" in user.last.text
    confirm = user.last
    await user.press("✅ Да")
    assert "Уровень выдан, пароль отправлен по SMS" in user.last.text
    assert "Сейчас: управление номером" in user.last.text
    await user.press_data(confirm.message_id, confirm.callback_data["✅ Да"])
    assert "уже выдан" in user.last.text
    sms = [r for r in await bot_tester.outbox("sms") if r.recipient == "+79167770011"]
    assert len(sms) == 1 and sms[0].text == "sms-first-password"
    async with bot_tester.session_maker() as db:
        cab = await db.scalar(select(CabinetUser).where(CabinetUser.login == "+79167770011"))
        assert cab is not None and cab.role is Role.NUMBER_MANAGER
        assert cab.must_change_password and cab.password_hash
        assert sms[0].payload["params"]["password"] not in cab.password_hash
    await user.press("⛔ Забрать доступ")
    await user.press("✅ Да")
    assert "Доступ забран" in user.last.text and "Сейчас: нет" in user.last.text
    async with bot_tester.session_maker() as db:
        cab = await db.scalar(select(CabinetUser).where(CabinetUser.login == "+79167770011"))
        assert cab is not None and cab.is_blocked
