"""«📶 Тарифы и услуги» and «📋 Заказы и заявки» as a coordinator uses them, and forged buttons."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select, update

from domain.clock import fmt_date, today_local
from domain.money import format_rub, format_rub_short
from domain.orders.placing import OPEN_STATUSES
from domain.tariffs.catalog import first_of_next_month
from domain.types import (
    AccountType,
    Brand,
    DatePick,
    OrderKind,
    OrderStatus,
    PickMode,
    StatusFilter,
    SubscriberStatus,
)
from domain.validation import format_phone
from keyboards.orders import OrdAction, OrderCb
from keyboards.tariffs import ChgAction, ChgCb, NotifyChoice
from storage.models import (
    Account,
    CabinetUser,
    Group,
    Label,
    Order,
    OrderItem,
    Outbox,
    Service,
    Subscriber,
    SubscriberLabel,
    SubscriberService,
    Tariff,
)
from tests.access_data import denials
from tests.accounts_data import (
    NORTH_ASSISTANT,
    NORTH_UNION,
    NORTH_VIEWER,
    VOLGA_COORD,
    demo_chat,
)
from tests.harness import BotTester, ChatUser, forged


@dataclass
class Picked:
    ids: list[int]
    labels: list[str]  # as the check-box list shows them
    target_id: int
    target_label: str  # the catalogue button


async def prepare_numbers(tester: BotTester, login: str = NORTH_UNION) -> Picked:
    """The first three numbers of the user's list, set up for the test whatever the demo's
    random data: active, on «Бизнес Старт», no services, on a MegaFon postpaid account in reach;
    the third blocked."""
    async with tester.session_maker() as db:
        user = await db.scalar(select(CabinetUser).where(CabinetUser.login == login))
        assert user is not None
        account = await db.scalar(
            select(Account)
            .where(
                Account.company_id == user.company_id,
                Account.brand == Brand.MEGAFON,
                Account.type == AccountType.POSTPAID,
            )
            .order_by(Account.number)
            .limit(1)
        )
        assert account is not None
        subs = list(
            await db.scalars(
                select(Subscriber)
                .where(
                    Subscriber.company_id == user.company_id,
                    Subscriber.status != SubscriberStatus.REMOVED,
                )
                .order_by(Subscriber.msisdn)
                .limit(3)
            )
        )
        start = await db.scalar(select(Tariff).where(Tariff.code == "mf_biz_start"))
        target = await db.scalar(select(Tariff).where(Tariff.code == "mf_corp_500"))
        assert start is not None and target is not None
        await db.execute(
            delete(SubscriberService).where(
                SubscriberService.subscriber_id.in_([s.id for s in subs])
            )
        )
        # No open order of the demo touches them.
        open_orders = select(OrderItem.order_id).where(
            OrderItem.subscriber_id.in_([s.id for s in subs])
        )
        await db.execute(
            update(Order)
            .where(Order.id.in_(open_orders), Order.status.in_(OPEN_STATUSES))
            .values(status=OrderStatus.CANCELLED)
        )
        for s in subs:
            s.status = SubscriberStatus.ACTIVE
            s.account_id = account.id
            s.tariff_id = start.id
        subs[2].status = SubscriberStatus.BLOCKED
        await db.commit()
        # A row names the person by surname and initials: the whole name is cut on a phone.
        labels = [f"{format_phone(s.msisdn)} · {initials(s.employee_name)}" for s in subs]
        return Picked(
            [s.id for s in subs],
            labels,
            target.id,
            # The demo company has MegaFon and Yota accounts: each item names its brand.
            f"{target.name} · МегаФон · {format_rub_short(target.monthly_fee_kop)}",
        )


def initials(name: str) -> str:
    if len(name) <= 20:
        return name
    surname, *rest = name.split()
    return " ".join([surname, *(part[0] + "." for part in rest)])


async def page_to(user: ChatUser, label: str, pages: int = 20) -> str:
    """Page the catalogue forward until `label` is a button; → the label."""
    for _ in range(pages):
        if label in user.last.buttons:
            return label
        await user.press("▶️")
    raise AssertionError(f"no button {label!r} in {pages} pages: {user.last.buttons}")


async def open_tariff_change(user: ChatUser, picked: Picked) -> None:
    """From the start, the target tariff in the catalogue and «Перейти на этот тариф»: the
    question «Для каких номеров?» is shown."""
    await user.send("/start")
    await user.press("📶 Тарифы и услуги")
    await user.press("📶 Тарифы")
    await user.press(picked.target_label)
    await user.press("🔁 Перейти на этот тариф")


async def tick_all_three(user: ChatUser, picked: Picked, opened: bool = False) -> None:
    """From the start (or from «Для каких номеров?» when `opened`), tick the three numbers of the
    target's tariff change and press «Готово»."""
    if not opened:
        await open_tariff_change(user, picked)
    await user.press("☑️ Отметить в списке")
    for label in picked.labels:
        await user.press(f"⬜ {label}")
    assert f"☑️ {picked.labels[0]}" in user.last.buttons
    await user.press("✅ Готово: 3 номера")


async def last_order_id(tester: BotTester) -> int:
    async with tester.session_maker() as db:
        return int(await db.scalar(select(func.max(Order.id))) or 0)


async def test_numbers_are_found_by_search_and_stay_ticked_across_searches(
    bot_tester: BotTester,
) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 7210)
    picked = await prepare_numbers(bot_tester)
    async with bot_tester.session_maker() as db:
        second = await db.get(Subscriber, picked.ids[1])
        assert second is not None
        second.employee_name = "Юдина Ярослава"  # a name no other demo number has
        first = await db.get(Subscriber, picked.ids[0])
        assert first is not None
        first_digits = first.msisdn[-7:]
        await db.commit()
    before = await last_order_id(bot_tester)
    await open_tariff_change(user, picked)
    await user.press("☑️ Отметить в списке")
    total = int(user.last.text.split("Отметьте номера (")[1].split(" ")[0])
    assert total > 3
    await user.press("🔎 Поиск")
    assert "например <code>916 123</code>" in user.last.html
    # Too long, or not text: said so, asked again.
    await user.send("я" * 61)
    assert "Слишком длинный запрос" in user.last.text and "часть номера" in user.last.text
    await user.send_photo(b"\xff\xd8\xff photo")
    assert "Напишите ответ текстом" in user.last.text and "часть номера" in user.last.text
    await user.send("юдина")  # any case
    assert "«юдина»: найден 1 номер" in user.last.text
    found = [b for b in user.last.buttons if b.startswith("⬜")]
    assert found == [f"⬜ {format_phone(second.msisdn)} · Юдина Ярослава"]
    await user.press(found[0])
    assert "Отмечено: 1" in user.last.text
    await user.press("🔎 Поиск")
    await user.send(f"{first_digits[:3]} {first_digits[3:]}")  # part of a number, with a space
    assert f"⬜ {picked.labels[0]}" in user.last.buttons
    await user.press(f"⬜ {picked.labels[0]}")
    await user.press("🔎 Поиск")
    await user.send("Никто Никтович")
    assert "ничего не нашлось" in user.last.text and "Отмечено: 2" in user.last.text
    await user.press("📋 Весь список")
    assert f"Отметьте номера ({total} всего). Отмечено: 2." in user.last.text
    assert f"☑️ {picked.labels[0]}" in user.last.buttons
    await user.press("✅ Готово: 2 номера")
    assert "Выбрано: 2 номера." in user.last.text
    await user.press("Далее ▶️")
    await user.press(f"Сегодня, {fmt_date(today_local())}")
    await user.press("🔕 Не уведомлять")
    await user.press("✅ Применить")
    async with bot_tester.session_maker() as db:
        [order] = list(await db.scalars(select(Order).where(Order.id > before)))
        items = set(
            await db.scalars(select(OrderItem.subscriber_id).where(OrderItem.order_id == order.id))
        )
    assert items == {picked.ids[0], picked.ids[1]}


async def test_a_day_months_ahead_is_picked_in_the_calendar(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 7211)
    picked = await prepare_numbers(bot_tester)
    before = await last_order_id(bot_tester)
    await open_tariff_change(user, picked)
    await user.press("☑️ Отметить в списке")
    await user.press(f"⬜ {picked.labels[0]}")
    await user.press("✅ Готово: 1 номер")
    await user.press("Далее ▶️")
    await user.press("📅 Другая дата — календарь")
    today = today_local()
    assert "Выберите день в календаре" in user.last.text
    months = ["Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август"]
    months += ["Сентябрь", "Октябрь", "Ноябрь", "Декабрь"]
    assert f"{months[today.month - 1]} {today.year}" in user.last.buttons
    # Past days are inert; today is the first day offered.
    assert str(today.day) in user.last.buttons
    if today.day > 1:
        assert "1" not in user.last.buttons
    # Two months on, the 15th.
    await user.press("▶️")
    await user.press("▶️")
    ahead = (today.replace(day=1) + timedelta(days=62)).replace(day=15)
    assert f"{months[ahead.month - 1]} {ahead.year}" in user.last.buttons
    # A typed date still works while the calendar is shown; a wrong one is asked again.
    await user.send("31.02.2027")
    assert "Напишите дату в виде ДД.ММ.ГГГГ" in user.last.text
    await user.press("📅 Другая дата — календарь")
    await user.press("▶️")
    await user.press("▶️")
    await user.press("15")
    assert "Уведомить абонентов" in user.last.text
    await user.press("🔕 Не уведомлять")
    assert f"Вступает в силу: {fmt_date(ahead)}" in user.last.text
    await user.press("✅ Применить")
    async with bot_tester.session_maker() as db:
        [order] = list(await db.scalars(select(Order).where(Order.id > before)))
    assert order.effective_date == ahead and order.status is OrderStatus.SCHEDULED


async def test_a_coordinator_changes_the_tariff_of_ticked_numbers(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 7201)
    picked = await prepare_numbers(bot_tester)
    before = await last_order_id(bot_tester)
    await user.send("/start")
    await user.press("📶 Тарифы и услуги")
    await user.press("📶 Тарифы")
    await user.press(picked.target_label)
    assert "Корпоративный 500" in user.last.text and "Абонентская плата" in user.last.text
    await user.press("🔁 Перейти на этот тариф")
    assert "Для каких номеров?" in user.last.text
    # A way of picking numbers that no button carries, or none at all: refused.
    mode = ChgCb(action=ChgAction.MODE, mode=PickMode.ALL)
    await user.press_unavailable(forged(mode, "mode", "everyone"), forged(mode, "mode", ""))
    await tick_all_three(user, picked, opened=True)
    text = user.last.text
    assert "Выбрано: 3 номера." in text
    assert "✅ Можно выполнить для 2 номеров." in text
    assert "⚠️ Не подходит 1 номер — он не войдёт в заказ:" in text
    assert f"{picked.labels[2].split(' · ')[0]} — номер заблокирован" in text

    await user.press("Далее ▶️")
    assert "С какой даты?" in user.last.text
    await user.send("31.02.2027")
    assert "Напишите дату в виде ДД.ММ.ГГГГ" in user.last.text and "Пример:" in user.last.text
    yesterday = today_local() - timedelta(days=1)
    await user.send(fmt_date(yesterday))
    assert "Эта дата уже прошла" in user.last.text
    # A forged date button is checked like a typed date …
    past = ChgCb(action=ChgAction.DATE, on=yesterday)
    await user.press_data(user.last.message_id, past.pack())
    assert "Эта дата уже прошла" in user.alerts[-1]["text"]
    # … and one that is not a date, or a day no button carries, is not taken at all.
    await user.press_unavailable(
        forged(past, "on", "2027-02-31"),
        forged(past, "on", "soon"),
        forged(ChgCb(action=ChgAction.DATE, day=DatePick.TODAY), "day", "yesterday"),
    )
    in_two_days = today_local() + timedelta(days=2)
    assert any(b.endswith(in_two_days.strftime("%d.%m")) for b in user.last.buttons)
    await user.press(f"Сегодня, {fmt_date(today_local())}")
    assert "Уведомить абонентов" in user.last.text
    sms = ChgCb(action=ChgAction.NOTIFY, notify=NotifyChoice.SMS)
    await user.press_unavailable(forged(sms, "notify", "telegram"))
    await user.press("💬 По SMS")
    summary = user.last
    assert "Смена тарифа на «Корпоративный 500»" in summary.text
    assert "📱 Номеров: 2 (1 не войдёт)" in summary.text
    assert f"Абонентская плата изменится на {format_rub(2 * 200_00, signed=True)} в месяц" in (
        summary.text
    )
    await user.press("✅ Применить")
    assert "принят" in user.last.text
    # "Apply" pressed again on the summary (the answer was lost, say): done already, no order.
    placed = user.last.text
    await user.press_data(summary.message_id, ChgCb(action=ChgAction.APPLY).pack())
    assert "Это уже сделано" in user.alerts[-1]["text"] and user.last.text == placed
    async with bot_tester.session_maker() as db:
        [order] = list(await db.scalars(select(Order).where(Order.id > before)))
        assert order.kind is OrderKind.CHANGE_TARIFF and order.status is OrderStatus.NEW

    await bot_tester.run_jobs()
    # One push for the order (on a month's last day the demo's order due tomorrow reminds too).
    [push] = [m for m in user.bot_messages if f"— заказ № {order.id}" in m.text]
    assert push.text.startswith(f"✅ Успешно завершён — заказ № {order.id}")
    async with bot_tester.session_maker() as db:
        tariffs = list(
            await db.scalars(select(Subscriber.tariff_id).where(Subscriber.id.in_(picked.ids[:2])))
        )
        assert tariffs == [picked.target_id, picked.target_id]
        sms = list(await db.scalars(select(Outbox.recipient).where(Outbox.channel == "sms")))
        assert len([r for r in sms if r]) >= 2

    button = f"📋 К заказу № {order.id}"
    await user.press_data(push.message_id, push.callback_data[button])
    [card_message] = [m for m in user.bot_messages if m.message_id == push.message_id]
    card = card_message.text
    assert f"Заказ № {order.id}" in card and "Успешно завершён" in card
    assert "2 номера: ✅ 2 · ❌ 0 · ⏳ 0" in card


async def test_the_refused_numbers_are_counted_with_the_words_agreeing(
    bot_tester: BotTester,
) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 7203)
    picked = await prepare_numbers(bot_tester)
    async with bot_tester.session_maker() as db:
        await db.execute(
            update(Subscriber)
            .where(Subscriber.id.in_(picked.ids[1:]))
            .values(status=SubscriberStatus.BLOCKED)
        )
        await db.commit()
    await tick_all_three(user, picked)
    text = user.last.text
    assert "✅ Можно выполнить для 1 номера." in text
    assert "⚠️ Не подходят 2 номера — они не войдут в заказ:" in text
    # The date step's example is a date the step takes; a mistake repeats one example only.
    await user.press("Далее ▶️")
    [example] = re.findall(r"\d\d\.\d\d\.\d{4}", user.last.text.split("\n", 1)[1])
    await user.send("31.02.2027")
    assert "Напишите дату в виде ДД.ММ.ГГГГ." in user.last.text
    assert re.findall(r"\d\d\.\d\d\.\d{4}", user.last.text) == [example]
    await user.send(example)
    assert "Уведомить абонентов" in user.last.text
    await user.press("🔕 Не уведомлять")
    assert "📱 Номеров: 1 (2 не войдут)" in user.last.text
    assert f"Вступает в силу: {example}" in user.last.text


async def test_a_number_already_in_an_open_order_is_refused_with_the_reason(
    bot_tester: BotTester,
) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 7202)
    picked = await prepare_numbers(bot_tester)
    before = await last_order_id(bot_tester)
    in_a_week = today_local() + timedelta(days=7)
    for attempt in range(2):
        await open_tariff_change(user, picked)
        await user.press("☑️ Отметить в списке")
        await user.press(f"⬜ {picked.labels[0]}")
        await user.press("✅ Готово: 1 номер")
        if attempt == 1:
            break
        await user.press("Далее ▶️")
        await user.send(fmt_date(in_a_week))
        await user.press("🔕 Не уведомлять")
        await user.press("✅ Применить")
        assert "Запланирован" in user.last.text
    async with bot_tester.session_maker() as db:
        first = await db.scalar(select(Order.id).where(Order.id > before))
    assert f"уже есть открытый заказ № {first} на это изменение" in user.last.text
    assert "Далее ▶️" not in user.last.buttons

    # The scheduled order can be cancelled from its card until it starts.
    await user.send("/start")
    await user.press("📋 Заказы и заявки")
    [row] = [b for b in user.last.buttons if b.startswith(f"№ {first} ")]
    assert row.endswith("🗓") and "🗓 Запланирован" in user.last.text
    await user.press(row)
    await user.press("✖️ Отменить заказ")
    await user.press("✖️ Да, отменить")
    assert f"Заказ № {first} отменён" in user.last.text
    async with bot_tester.session_maker() as db:
        order = await db.get(Order, first)
        assert order is not None and order.status is OrderStatus.CANCELLED
    await bot_tester.run_jobs()
    async with bot_tester.session_maker() as db:
        tariff = await db.scalar(select(Subscriber.tariff_id).where(Subscriber.id == picked.ids[0]))
        assert tariff != picked.target_id


async def test_forged_numbers_of_another_company_or_account_are_refused_and_audited(
    bot_tester: BotTester,
) -> None:
    user = await demo_chat(bot_tester, NORTH_ASSISTANT, 7203)
    before = await last_order_id(bot_tester)
    async with bot_tester.session_maker() as db:
        assistant = await db.scalar(select(CabinetUser).where(CabinetUser.login == NORTH_ASSISTANT))
        volga = await db.scalar(select(CabinetUser).where(CabinetUser.login == VOLGA_COORD))
        assert assistant is not None and volga is not None
        foreign = await db.scalar(
            select(Subscriber.id).where(Subscriber.company_id == volga.company_id).limit(1)
        )
        # A number of the assistant's own company, on an account the assistant does not have.
        other_account = await db.scalar(
            select(Subscriber.id)
            .join(Account, Account.id == Subscriber.account_id)
            .where(
                Subscriber.company_id == assistant.company_id,
                Account.number != "300115473001",
            )
            .limit(1)
        )
        tariff = await db.scalar(select(Tariff.id).where(Tariff.code == "mf_corp_500"))
    assert foreign is not None and other_account is not None and tariff is not None
    await user.send("/start")
    await user.press("📶 Тарифы и услуги")
    start = ChgCb(action=ChgAction.START, kind=OrderKind.CHANGE_TARIFF, item_id=tariff)
    await user.press_data(user.last.message_id, start.pack())
    assert "Для каких номеров?" in user.last.text
    for sub_id, reason in ((foreign, "other_company"), (other_account, "scope")):
        forged = ChgCb(action=ChgAction.TOGGLE, item_id=sub_id)
        await user.press_data(user.last.message_id, forged.pack())
        assert user.alerts[-1]["text"] == "⛔ Недостаточно прав для этого действия."
        row = (await denials(bot_tester))[-1]
        assert (row.action, row.object_type, row.object_id, row.details["reason"]) == (
            "order.change_tariff",
            "subscriber",
            str(sub_id),
            reason,
        )
    assert await last_order_id(bot_tester) == before


async def test_a_view_only_user_cannot_order_nor_open_another_companys_order(
    bot_tester: BotTester,
) -> None:
    user = await demo_chat(bot_tester, NORTH_VIEWER, 7204)
    async with bot_tester.session_maker() as db:
        volga = await db.scalar(select(CabinetUser).where(CabinetUser.login == VOLGA_COORD))
        assert volga is not None
        foreign_sub = await db.scalar(
            select(Subscriber.id).where(Subscriber.company_id == volga.company_id).limit(1)
        )
        order = Order(
            company_id=volga.company_id,
            created_by_user_id=volga.id,
            kind=OrderKind.CHANGE_TARIFF,
            status=OrderStatus.SCHEDULED,
            params={},
            effective_date=today_local() + timedelta(days=3),
        )
        db.add(order)
        await db.flush()
        db.add(OrderItem(order_id=order.id, subscriber_id=foreign_sub))
        await db.commit()
        foreign_order = order.id
        tariff = await db.scalar(select(Tariff.id).where(Tariff.code == "mf_corp_500"))
    assert tariff is not None
    await user.send("/start")
    assert "📶 Тарифы и услуги" not in user.last.buttons
    start = ChgCb(action=ChgAction.START, kind=OrderKind.CHANGE_TARIFF, item_id=tariff)
    await user.press_data(user.last.message_id, start.pack())
    assert user.alerts[-1]["text"] == "⛔ Недостаточно прав для этого действия."
    row = (await denials(bot_tester))[-1]
    assert (row.action, row.details["reason"]) == ("order.change_tariff", "level")

    for action in (OrdAction.CARD, OrdAction.CANCEL_YES):
        forged = OrderCb(action=action, order_id=foreign_order)
        await user.press_data(user.last.message_id, forged.pack())
        assert user.alerts[-1]["text"] == "⛔ Недостаточно прав для этого действия."
        row = (await denials(bot_tester))[-1]
        assert (row.object_type, row.object_id, row.details["reason"]) == (
            "order",
            str(foreign_order),
            "other_company",
        )
    async with bot_tester.session_maker() as db:
        kept = await db.get(Order, foreign_order)
        assert kept is not None and kept.status is OrderStatus.SCHEDULED


async def test_a_service_for_a_group_explains_incompatible_tariffs(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 7205)
    picked = await prepare_numbers(bot_tester)
    async with bot_tester.session_maker() as db:
        boss = await db.scalar(select(CabinetUser).where(CabinetUser.login == NORTH_UNION))
        assert boss is not None
        group = Group(company_id=boss.company_id, name="Тестовая группа")
        db.add(group)
        await db.flush()
        subs = list(
            await db.scalars(
                select(Subscriber).where(Subscriber.id.in_(picked.ids)).order_by(Subscriber.msisdn)
            )
        )
        for s in subs:
            s.group_id = group.id
        # «Запись разговоров» cannot be used with «Бизнес Старт»: one number moves off it.
        corp = await db.scalar(select(Tariff.id).where(Tariff.code == "mf_corp_500"))
        subs[0].tariff_id = corp
        subs[0].email = None  # the one number the order is for: an e-mail notice misses it
        recording = await db.scalar(select(Service).where(Service.code == "mf_call_recording"))
        assert recording is not None
        await db.commit()
        fee = format_rub_short(recording.monthly_fee_kop)
    before = await last_order_id(bot_tester)
    await user.send("/start")
    await user.press("📶 Тарифы и услуги")
    await user.press("🧩 Услуги и опции")
    await user.press(await page_to(user, f"Запись разговоров · МегаФон · {fee}"))
    assert "Несовместима с тарифами:" in user.last.text and "«Бизнес Старт»" in user.last.text
    await user.press("➕ Подключить")
    await user.press("👥 Группа сотрудников")
    await user.press("Тестовая группа · 3 номера")
    text = user.last.text
    assert "✅ Можно выполнить для 1 номера." in text
    assert "несовместимо с тарифом номера" in text and "номер заблокирован" in text
    next_first = fmt_date(first_of_next_month())
    await user.press("Далее ▶️")
    await user.press(f"С 1-го числа следующего месяца, {next_first}")
    await user.press("📧 По e-mail")
    assert "Без e-mail 1 номер: он не получит уведомление" in user.last.text
    assert f"Вступает в силу: {next_first}" in user.last.text
    assert f"изменится на {format_rub(recording.monthly_fee_kop, signed=True)}" in user.last.text
    await user.press("✅ Применить")
    assert "Запланирован" in user.last.text
    async with bot_tester.session_maker() as db:
        [order] = list(await db.scalars(select(Order).where(Order.id > before)))
        assert order.kind is OrderKind.SERVICE_ON and order.status is OrderStatus.SCHEDULED
        items = list(
            await db.scalars(select(OrderItem.subscriber_id).where(OrderItem.order_id == order.id))
        )
        assert items == [picked.ids[0]]

    # The orders list filters by status and kind.
    await user.send("/start")
    await user.press("📋 Заказы и заявки")
    await user.press("🔎 Фильтры")
    await user.press("⚪ в работе")
    await user.press("⚪ Подключение услуги")
    await user.press("Показать")
    text = user.last.text
    assert "Фильтр: в работе · Подключение услуги" in text
    [row] = [b for b in user.last.buttons if b.startswith("№")]
    assert row.startswith(f"№ {order.id} · Подключение услуги")
    await user.press(row)
    assert "Запись разговоров" in user.last.text
    await user.press("📋 К списку заказов")
    # Filters no button carries (a made-up status or kind, on the list, the filters screen or
    # a card) are refused, and the list stays as it was.
    await user.press_unavailable(
        forged(OrderCb(action=OrdAction.LIST, st=StatusFilter.OPEN), "st", "all"),
        forged(OrderCb(action=OrdAction.FILTERS, kd=OrderKind.SERVICE_ON), "kd", "teleport"),
        forged(OrderCb(action=OrdAction.CARD, order_id=order.id), "st", "x"),
    )


async def test_a_number_manager_switches_a_service_on_the_own_number_only(
    bot_tester: BotTester,
) -> None:
    manager_login = "+79261110004"
    user = await demo_chat(bot_tester, manager_login, 7206)
    async with bot_tester.session_maker() as db:
        manager = await db.scalar(select(CabinetUser).where(CabinetUser.login == manager_login))
        assert manager is not None and manager.subscriber_id is not None
        own = await db.get(Subscriber, manager.subscriber_id)
        assert own is not None
        await db.execute(delete(SubscriberService).where(SubscriberService.subscriber_id == own.id))
        own.status = SubscriberStatus.ACTIVE
        own.tariff_id = await db.scalar(select(Tariff.id).where(Tariff.code == "mf_corp_500"))
        neighbour = await db.scalar(
            select(Subscriber.id).where(
                Subscriber.company_id == own.company_id, Subscriber.id != own.id
            )
        )
        geo = await db.scalar(select(Service).where(Service.code == "mf_geo"))
        tariff = await db.scalar(select(Tariff.id).where(Tariff.code == "mf_corp_500"))
        assert geo is not None and neighbour is not None and tariff is not None
        await db.commit()
        # Its own number is MegaFon's: only MegaFon's catalogue, so no brand on the items.
        label = f"{geo.name} · {format_rub_short(geo.monthly_fee_kop)}"
        yota_only = set(
            await db.scalars(select(Service.name).where(Service.brand == Brand.YOTA))
        ) - set(await db.scalars(select(Service.name).where(Service.brand == Brand.MEGAFON)))
    await user.send("/start")
    await user.press("📶 Тарифы и услуги")
    assert "📶 Тарифы" not in user.last.buttons  # services only at this level
    await user.press("🧩 Услуги и опции")
    shown = set(user.last.buttons)
    await user.press("▶️")
    shown |= set(user.last.buttons)
    assert yota_only and not any(b.split(" · ")[0] in yota_only for b in shown)
    await user.press(await page_to(user, label))
    await user.press("➕ Подключить")
    assert "Выбрано: 1 номер." in user.last.text  # the own number, nothing to pick
    assert "✅ Можно выполнить для 1 номера." in user.last.text
    await user.press("◀️ Назад")
    assert "👥 Группа сотрудников" not in user.last.buttons
    assert "☑️ Отметить в списке" in user.last.buttons

    forged = [
        (ChgCb(action=ChgAction.TOGGLE, item_id=neighbour), "subscriber", "scope"),
        (
            ChgCb(action=ChgAction.START, kind=OrderKind.CHANGE_TARIFF, item_id=tariff),
            None,
            "level",
        ),
    ]
    for data, object_type, reason in forged:
        await user.press_data(user.last.message_id, data.pack())
        assert user.alerts[-1]["text"] == "⛔ Недостаточно прав для этого действия."
        row = (await denials(bot_tester))[-1]
        assert (row.object_type, row.details["reason"]) == (object_type, reason)


async def test_an_empty_orders_list_says_why(bot_tester: BotTester) -> None:
    viewer = await demo_chat(bot_tester, NORTH_VIEWER, 7290)  # the demo's orders are not its own
    await viewer.send("/start")
    await viewer.press("📋 Заказы и заявки")
    assert "Заказов пока нет" in viewer.last.text
    await viewer.press("🔎 Фильтры")
    await viewer.press("⚪ в работе")
    await viewer.press("Показать")
    assert "Заказов с такими условиями нет" in viewer.last.text


async def test_a_button_of_the_number_list_after_its_dialog_ended_is_out_of_date(
    bot_tester: BotTester,
) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 7211)
    picked = await prepare_numbers(bot_tester)
    await open_tariff_change(user, picked)
    await user.press("☑️ Отметить в списке")
    listing = user.last
    old_buttons = dict(listing.callback_data)
    # The dialog ends (from another device, or a restart lost it): /cancel.
    await user.send("/cancel")
    for label in (f"⬜ {picked.labels[0]}", "▶️"):
        alerts = len(user.alerts)
        await user.press_data(listing.message_id, old_buttons[label])
        assert len(user.alerts) == alerts + 1, label
        assert "Эта кнопка устарела" in (user.alerts[-1]["text"] or ""), label
    # The old list now says its dialog is closed and offers the section.
    [screen] = [m for m in user.bot_messages if m.message_id == listing.message_id]
    assert "Этот диалог уже закрыт" in screen.text
    assert "📶 Тарифы и услуги" in screen.buttons


@dataclass
class Buckets:
    """A group, a label and an account of the coordinator's company, two numbers each."""

    group: list[int]
    label: list[int]
    account: list[int]
    account_number: str


async def prepare_buckets(tester: BotTester, picked: Picked) -> Buckets:
    """Six numbers of the coordinator's company ready for the tariff change, as
    `prepare_numbers` makes three: the first two in the group «Смена тарифа», the next two
    labelled «к смене», the last two the only numbers of a new MegaFon account."""
    async with tester.session_maker() as db:
        boss = await db.scalar(select(CabinetUser).where(CabinetUser.login == NORTH_UNION))
        assert boss is not None
        first = await db.get(Subscriber, picked.ids[0])
        assert first is not None
        subs = list(
            await db.scalars(
                select(Subscriber)
                .join(Account, Account.id == Subscriber.account_id)
                .where(
                    Subscriber.company_id == boss.company_id,
                    Subscriber.status != SubscriberStatus.REMOVED,
                    Account.brand == Brand.MEGAFON,
                    Subscriber.id.not_in(picked.ids),
                )
                .order_by(Subscriber.msisdn)
                .limit(6)
            )
        )
        ids = [s.id for s in subs]
        open_orders = select(OrderItem.order_id).where(OrderItem.subscriber_id.in_(ids))
        await db.execute(
            update(Order)
            .where(Order.id.in_(open_orders), Order.status.in_(OPEN_STATUSES))
            .values(status=OrderStatus.CANCELLED)
        )
        await db.execute(delete(SubscriberService).where(SubscriberService.subscriber_id.in_(ids)))
        group = Group(company_id=boss.company_id, name="Смена тарифа")
        label = Label(company_id=boss.company_id, name="к смене")
        account = Account(
            company_id=boss.company_id,
            number="300115479999",
            brand=Brand.MEGAFON,
            type=AccountType.POSTPAID,
        )
        db.add_all([group, label, account])
        await db.flush()
        for s in subs:
            s.status = SubscriberStatus.ACTIVE
            s.tariff_id = first.tariff_id  # «Бизнес Старт»
            s.account_id = first.account_id
            s.group_id = None
        await db.execute(delete(SubscriberLabel).where(SubscriberLabel.subscriber_id.in_(ids)))
        subs[0].group_id = subs[1].group_id = group.id
        db.add_all([SubscriberLabel(subscriber_id=s.id, label_id=label.id) for s in subs[2:4]])
        subs[4].account_id = subs[5].account_id = account.id
        await db.commit()
        return Buckets(ids[0:2], ids[2:4], ids[4:6], account.number)


async def order_for_bucket(
    tester: BotTester, user: ChatUser, picked: Picked, way: str, bucket: str
) -> list[int]:
    """The tariff change ordered for the numbers of one group, label or account, picked `way`;
    → the numbers the order is for."""
    before = await last_order_id(tester)
    await open_tariff_change(user, picked)
    await user.press(way)
    await user.press(await page_to(user, bucket))
    assert "Выбрано: 2 номера." in user.last.text
    assert "✅ Можно выполнить для 2 номеров." in user.last.text
    await user.press("Далее ▶️")
    await user.press(f"Сегодня, {fmt_date(today_local())}")
    await user.press("💬 По SMS")
    assert "📱 Номеров: 2" in user.last.text
    await user.press("✅ Применить")
    assert "принят" in user.last.text
    async with tester.session_maker() as db:
        [order] = list(await db.scalars(select(Order).where(Order.id > before)))
        items = await db.scalars(
            select(OrderItem.subscriber_id)
            .where(OrderItem.order_id == order.id)
            .order_by(OrderItem.subscriber_id)
        )
        return list(items)


async def test_numbers_are_picked_by_group_label_or_account_and_others_are_refused(
    bot_tester: BotTester,
) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 7212)
    picked = await prepare_numbers(bot_tester)
    chosen = await prepare_buckets(bot_tester, picked)
    by_group = await order_for_bucket(
        bot_tester, user, picked, "👥 Группа сотрудников", "Смена тарифа · 2 номера"
    )
    assert by_group == sorted(chosen.group)
    by_label = await order_for_bucket(bot_tester, user, picked, "🏷 Метка", "к смене · 2 номера")
    assert by_label == sorted(chosen.label)
    by_account = await order_for_bucket(
        bot_tester,
        user,
        picked,
        "🧾 Все номера лицевого счёта",
        f"{chosen.account_number} · 2 номера",
    )
    assert by_account == sorted(chosen.account)

    # A group, a label or an account of another company, forged into the bucket's button.
    async with bot_tester.session_maker() as db:
        volga = await db.scalar(select(CabinetUser).where(CabinetUser.login == VOLGA_COORD))
        assert volga is not None
        foreign = {
            "group": await db.scalar(select(Group.id).where(Group.company_id == volga.company_id)),
            "label": await db.scalar(select(Label.id).where(Label.company_id == volga.company_id)),
            "account": await db.scalar(
                select(Account.id).where(Account.company_id == volga.company_id)
            ),
        }
    before = await last_order_id(bot_tester)
    await open_tariff_change(user, picked)
    ways = {
        "group": "👥 Группа сотрудников",
        "label": "🏷 Метка",
        "account": "🧾 Все номера лицевого счёта",
    }
    for what, way in ways.items():
        await user.press(way)
        assert foreign[what] is not None, what
        bucket = ChgCb(action=ChgAction.BUCKET, item_id=foreign[what])
        await user.press_data(user.last.message_id, bucket.pack())
        assert user.alerts[-1]["text"] == "⛔ Недостаточно прав для этого действия.", what
        row = (await denials(bot_tester))[-1]
        assert (row.action, row.object_type, row.object_id, row.details["reason"]) == (
            "order.change_tariff",
            what,
            str(foreign[what]),
            "other_company",
        )
        await user.press("◀️ Назад")
        assert "Для каких номеров?" in user.last.text
    assert await last_order_id(bot_tester) == before
