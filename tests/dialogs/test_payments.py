"""Payments and charges: choose accounts, filter, reset, export — as a coordinator does it."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select, text

from domain.accounts.balance import local_today, utc_bounds
from domain.accounts.payments import QuickRange, period_example, quick_range
from domain.clock import MSK, as_utc
from domain.money import format_rub
from domain.types import AuditResult, ExportFormat, OpType
from domain.validation import format_phone
from keyboards.accounts import PAY_PICK, PayAction, PayCb, SelAction, SelCb
from keyboards.widgets import PickAction, PickCb
from storage.models import AuditLog, Charge, Subscriber
from tests.accounts_data import (
    NORTH_UNION,
    NORTH_VIEWER,
    demo_account,
    demo_chat,
)
from tests.harness import BotTester, ChatUser, forged


async def _sql_totals(
    tester: BotTester, numbers: list[str], first: date | None, last: date | None
) -> tuple[int, int, int]:
    """(count, income, expense) straight from the tables."""
    ids = [(await demo_account(tester.session_maker, n)).id for n in numbers]
    id_list = ",".join(str(i) for i in ids)
    where_p, where_c = f"account_id IN ({id_list})", f"account_id IN ({id_list})"
    params: dict[str, str] = {}
    if first and last:
        start, end = utc_bounds(first, last)
        fmt = "%Y-%m-%d %H:%M:%S"
        params = {"s": start.strftime(fmt), "e": end.strftime(fmt)}
        where_p += " AND paid_at >= :s AND paid_at < :e"
        where_c += " AND charged_at >= :s AND charged_at < :e"
    async with tester.session_maker() as db:
        p = (
            await db.execute(
                text(
                    "SELECT count(*),"
                    " coalesce(sum(CASE WHEN amount_kop > 0 THEN amount_kop END), 0),"
                    " coalesce(sum(CASE WHEN amount_kop < 0 THEN -amount_kop END), 0)"
                    f" FROM payments WHERE {where_p}"
                ),
                params,
            )
        ).one()
        c = (
            await db.execute(
                text(f"SELECT count(*), coalesce(sum(amount_kop), 0) FROM charges WHERE {where_c}"),
                params,
            )
        ).one()
    return int(p[0]) + int(c[0]), int(p[1]), int(p[2]) + int(c[1])


async def _open_selection(user: ChatUser) -> None:
    await user.send("/menu")
    await user.press("🧾 Лицевые счета")
    await user.press("💳 Платежи по счетам")


def _count_line(n: int) -> str:
    forms = ("операция", "операции", "операций")
    if n % 10 == 1 and n % 100 != 11:
        word = forms[0]
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        word = forms[1]
    else:
        word = forms[2]
    return f"{n} {word}"


async def test_pick_accounts_with_check_boxes_and_see_the_list(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 801)
    await _open_selection(user)
    assert "Отметьте счета" in user.last.text
    assert "⬜ 300115473001 · МегаФон" in user.last.buttons
    await user.press("⬜ 300115473001 · МегаФон")
    await user.press("⬜ 8102045761 · Yota")
    assert "☑️ 300115473001 · МегаФон" in user.last.buttons
    assert "▶️ Показать (2)" in user.last.buttons
    await user.press("☑️ 8102045761 · Yota")  # untick
    await user.press("⬜ 300115473002 · МегаФон")
    await user.press("▶️ Показать (2)")
    screen = user.last.text
    first, last = quick_range(QuickRange.THIS_MONTH, local_today())
    assert "Счета: 300115473001, 300115473002" in screen
    assert f"Период: {first:%d.%m.%Y} – {last:%d.%m.%Y} (этот месяц)" in screen
    assert "Операции: все" in screen
    count, income, expense = await _sql_totals(
        bot_tester, ["300115473001", "300115473002"], first, last
    )
    assert _count_line(count) in screen
    assert f"Поступления: {format_rub(income)} · Списания: {format_rub(expense)}" in screen
    assert "стр. 1/" in " ".join(user.last.buttons)
    assert "300115473003" not in screen
    # Back returns to the check boxes, the choice kept.
    await user.press("◀️ Назад")
    assert "☑️ 300115473002 · МегаФон" in user.last.buttons


async def test_check_all_and_uncheck_all_are_plain_words_not_check_boxes(
    bot_tester: BotTester,
) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 809)
    await _open_selection(user)
    # Nothing is ticked yet, so no button may look ticked.
    assert not any(b.startswith("☑️") for b in user.last.buttons)
    await user.press("Отметить все")
    boxes = [b for b in user.last.buttons if "·" in b and ("☑️" in b or "⬜" in b)]
    assert boxes and all(b.startswith("☑️") for b in boxes)
    assert f"▶️ Показать ({len(boxes)})" in user.last.buttons
    await user.press("Снять все")
    assert all(b.startswith("⬜") for b in user.last.buttons if "·" in b and "⬜" in b)
    assert "▶️ Показать по всем" in user.last.buttons


async def test_typed_filters_with_mistakes_then_reset(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 802)
    await _open_selection(user)
    await user.press("▶️ Показать по всем")
    assert "Счета: все (5)" in user.last.text

    await user.press("📅 Период")
    example = period_example()  # last month, by the clock
    assert user.last.text.count(example) == 1  # the prompt has one example
    await user.send("сентябрь")
    assert "Не понял период «сентябрь»" in user.last.text
    assert re.findall(r"\d\d\.\d\d\.\d{4}-\d\d\.\d\d\.\d{4}", user.last.text) == [example]
    await user.send("31.02.2026-01.03.2026")
    assert "несуществующая дата" in user.last.text
    year_ago = local_today() - timedelta(days=365)
    await user.send(f"{year_ago:%d.%m.%Y}-{local_today():%d.%m.%Y}")
    assert f"Период: {year_ago:%d.%m.%Y} – {local_today():%d.%m.%Y}" in user.last.text
    assert "Счета: все (5)" in user.last.text  # what was set before is kept
    # The prompt's example is a period the step takes.
    await user.press("📅 Период")
    await user.send(example)
    assert f"Период: {example.replace('-', ' – ')}" in user.last.text
    await user.press("📅 Период")
    await user.send(f"{year_ago:%d.%m.%Y}-{local_today():%d.%m.%Y}")

    await user.press("💰 Сумма")
    assert "&gt;10000" not in user.last.text and ">10000" in user.last.text
    await user.send("много")
    assert "Не понял сумму «много»" in user.last.text
    await user.send("5000-1000")
    assert "первая сумма больше второй" in user.last.text
    await user.send(">10000")
    screen = user.last.text
    assert "Сумма: больше 10\u202f000\u00a0₽" in screen  # as typed: whole roubles
    amounts = [
        int(m.group(1).replace("\u202f", "") + m.group(2))
        for m in re.finditer(r"[+\u2212]([\d\u202f]+),(\d\d)\u00a0₽", screen.split("━━━━━━━━━━")[1])
    ]
    assert len(amounts) > 2  # the totals line and some rows
    assert all(kop > 10_000_00 for kop in amounts[2:])

    await user.press("🏷 Операции")
    await user.press("⬜ Списание")
    await user.press("✅ Готово")
    assert "Операции: Списание" in user.last.text
    await user.press("🧾 Тип счёта")
    await user.press("⚪ аванс")
    assert "Тип счёта: аванс" in user.last.text

    await user.press("♻️ Сбросить фильтры")
    screen = user.last.text
    assert "(этот месяц)" in screen and "Операции: все" in screen
    assert "Сумма:" not in screen and "Тип счёта:" not in screen
    assert "♻️ Сбросить фильтры" not in user.last.buttons


async def test_paging_keeps_the_filters_and_a_stable_order(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 803)
    await _open_selection(user)
    await user.press("▶️ Показать по всем")
    await user.press("📅 Период")
    await user.press("⚪ Год")
    head = user.last.text.split("━━━━━━━━━━")[0]
    pages_label = next(b for b in user.last.buttons if b.startswith("стр."))
    assert pages_label.startswith("стр. 1/")
    seen: list[str] = []
    page1 = user.last.text.split("━━━━━━━━━━")[1]
    seen.append(page1)
    await user.press("▶️")
    page2 = user.last.text
    assert page2.split("━━━━━━━━━━")[0] == head  # the filters stay above the list
    assert page2.split("━━━━━━━━━━")[1] != page1
    await user.press("◀️")
    assert user.last.text.split("━━━━━━━━━━")[1] == page1


async def test_export_xlsx_and_csv_hold_exactly_the_list(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 804)
    await _open_selection(user)
    await user.press("⬜ 300115473001 · МегаФон")
    await user.press("▶️ Показать (1)")
    await user.press("📅 Период")
    await user.press("⚪ Квартал")
    first, last = quick_range(QuickRange.QUARTER, local_today())
    count, income, expense = await _sql_totals(bot_tester, ["300115473001"], first, last)

    await user.press("📤 Экспорт")
    assert _count_line(count) in user.last.text
    await user.press("XLSX")
    await bot_tester.wait_until(lambda: any(m.document for m in user.bot_messages))
    doc_msg = next(m for m in user.bot_messages if m.document)
    assert doc_msg.document["file_name"].endswith(".xlsx")
    assert f"Поступления: {format_rub(income)}" in doc_msg.text
    progress = [m for m in user.bot_messages if "Файл XLSX готов" in m.text]
    assert progress, "the progress message ends with «готов»"
    ws = load_workbook(io.BytesIO(user.file(doc_msg))).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == count
    kops = [round(Decimal(str(r[3])) * 100) for r in rows]
    assert sum(k for k in kops if k > 0) == income
    assert sum(-k for k in kops if k < 0) == expense

    await user.press("📤 Экспорт")
    await user.press("CSV")
    await bot_tester.wait_until(lambda: sum(1 for m in user.bot_messages if m.document) == 2)
    csv_msg = [m for m in user.bot_messages if m.document][-1]
    content = user.file(csv_msg)
    assert content.startswith(b"\xef\xbb\xbf")
    body = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))[1:]
    assert len(body) == count
    assert sum(int(Decimal(r[3].replace(",", ".")) * 100) for r in body) == income - expense


async def test_empty_selection_offers_no_file(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 805)
    await _open_selection(user)
    await user.press("▶️ Показать по всем")
    await user.press("📅 Период")
    await user.send("01.01.2001-31.01.2001")
    assert "Операций с такими фильтрами нет" in user.last.text
    assert "📤 Экспорт" not in user.last.buttons
    # A forged «export» press says so and sends nothing.
    xlsx = PayCb(action=PayAction.FORMAT, fmt=ExportFormat.XLSX).pack()
    await user.press_data(user.last.message_id, xlsx)
    assert "файл был бы пустым" in user.alerts[-1]["text"]
    await user.press_data(user.last.message_id, PayCb(action=PayAction.EXPORT).pack())
    assert "файл был бы пустым" in user.alerts[-1]["text"]
    assert not any(m.document for m in user.bot_messages)


async def test_forged_selection_and_filters_are_refused(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 806)
    await _open_selection(user)
    foreign = await demo_account(bot_tester.session_maker, "300522810001")
    forged_tick = PickCb(of=PAY_PICK, action=PickAction.TOGGLE, item_id=foreign.id)
    await user.press_data(user.last.message_id, forged_tick.pack())
    assert "Недостаточно прав" in user.alerts[-1]["text"]
    # Values that no button carries: an operation type, a period, a format made up by hand,
    # and a type toggle with no type. Each is refused, and the filters stay as they were.
    await user.press_unavailable(
        forged(PayCb(action=PayAction.TOGGLE_TYPE, op=OpType.CARD), "op", "x"),
        forged(PayCb(action=PayAction.QUICK, rng=QuickRange.YEAR), "rng", "decade"),
        forged(PayCb(action=PayAction.FORMAT, fmt=ExportFormat.CSV), "fmt", "exe"),
        PayCb(action=PayAction.TOGGLE_TYPE).pack(),
        PayCb(action=PayAction.FORMAT).pack(),
    )
    await user.press("▶️ Показать по всем")
    assert "300522810001" not in user.last.text
    assert "Операции: все" in user.last.text  # no forged type toggle reached the filters

    viewer = await bot_tester.user(807)
    await bot_tester.login(807, await _user_id(bot_tester, NORTH_VIEWER))
    await viewer.send("/start")
    await viewer.press_data(viewer.last.message_id, SelCb(action=SelAction.OPEN).pack())
    assert "Недостаточно прав" in viewer.alerts[-1]["text"]
    await viewer.press_data(
        viewer.last.message_id, PayCb(action=PayAction.FORMAT, fmt=ExportFormat.CSV).pack()
    )
    assert "Недостаточно прав" in viewer.alerts[-1]["text"]
    assert not any(m.document for m in viewer.bot_messages)


async def test_a_forged_tick_is_refused_audited_and_keeps_the_ticks(bot_tester: BotTester) -> None:
    """The account check boxes are the shared multi-select: another company's account ticked by
    a forged button is refused there and then, written to the audit log, and the accounts the
    user ticked stay ticked; «Показать» lists only them."""
    user = await demo_chat(bot_tester, NORTH_UNION, 810)
    await _open_selection(user)
    await user.press("⬜ 300115473001 · МегаФон")
    foreign = await demo_account(bot_tester.session_maker, "300522810001")
    forged_tick = PickCb(of=PAY_PICK, action=PickAction.TOGGLE, item_id=foreign.id)
    await user.press_data(user.last.message_id, forged_tick.pack())
    assert "Недостаточно прав" in user.alerts[-1]["text"]
    async with bot_tester.session_maker() as db:
        row = (
            await db.execute(
                select(AuditLog)
                .where(AuditLog.result == AuditResult.DENIED)
                .order_by(AuditLog.id.desc())
                .limit(1)
            )
        ).scalar_one()
    assert (row.action, row.object_id) == ("payments", str(foreign.id))
    await _open_selection_page(user)
    assert "☑️ 300115473001 · МегаФон" in user.last.buttons
    await user.press("▶️ Показать (1)")
    assert "Счета: 300115473001" in user.last.text
    assert "300522810001" not in user.last.text


async def _open_selection_page(user: ChatUser) -> None:
    """The selection's screen again, as its pager shows it (the ticks are kept in the chat)."""
    await user.press_data(user.last.message_id, SelCb(action=SelAction.PAGE).pack())


async def _user_id(tester: BotTester, login: str) -> int:
    from tests.accounts_data import demo_user_id

    return await demo_user_id(tester.session_maker, login)


async def test_statistics_chart_per_category_account_number(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 808)
    await user.send("/menu")
    await user.press("🧾 Лицевые счета")
    await user.press("📊 Статистика")
    chart = user.last
    assert chart.raw["photo"] is not None
    assert "Расходы за" in chart.text and "Всего:" in chart.text
    assert "Больше всего:" in chart.text
    assert "upload_photo" in bot_tester.sandbox.chat_actions(808)  # "sending a photo…"
    assert "🔘 Категории" in chart.buttons and "🔘 Этот месяц" in chart.buttons
    await user.press("⚪ Номера")
    assert user.last.raw["photo"] is not None
    assert "Самый затратный номер: +7" in user.last.text
    # The old chart gave way to the new one.
    assert sum(1 for m in user.bot_messages if m.raw.get("photo")) == 1
    await user.press("⚪ Счета")
    assert "Самый затратный счёт:" in user.last.text
    await user.press("⚪ Год")
    assert "(год)" in user.last.text
    await user.press("✍️ Свой период")
    await user.send("не помню")
    assert "Не понял период" in user.last.text
    await user.send(f"01.01.{local_today().year}-{local_today():%d.%m.%Y}")
    assert user.last.raw["photo"] is not None
    assert f"01.01.{local_today().year}" in user.last.text


async def test_a_mistyped_filter_keeps_its_buttons(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 809)
    await _open_selection(user)
    await user.press("▶️ Показать по всем")
    await user.press("📅 Период")
    await user.send("прошлый")
    refusal = user.last
    assert "Не понял период «прошлый»" in refusal.text and period_example() in refusal.text
    # Not a dead end: the quick choices and «Назад» are on the refusal itself.
    assert "⚪ Прошлый месяц" in refusal.buttons and "◀️ Назад" in refusal.buttons
    await user.press("⚪ Прошлый месяц")
    first, last = quick_range(QuickRange.LAST_MONTH, local_today())
    assert f"Период: {first:%d.%m.%Y} – {last:%d.%m.%Y} (прошлый месяц)" in user.last.text
    numbers = ["300115473001", "300115473002", "300115473003", "8102045761", "8102045762"]
    count, income, expense = await _sql_totals(bot_tester, numbers, first, last)
    assert _count_line(count) in user.last.text
    assert f"Поступления: {format_rub(income)}" in user.last.text
    assert f"Списания: {format_rub(expense)}" in user.last.text

    await user.press("💰 Сумма")
    await user.send("дорого")
    refusal = user.last
    assert "Не понял сумму «дорого»" in refusal.text and "◀️ Назад" in refusal.buttons
    await user.press("◀️ Назад")
    assert "Сумма:" not in user.last.text  # nothing was set
    assert "(прошлый месяц)" in user.last.text  # and nothing was lost
    await user.send("1000-5000")  # the question is closed: typing is no filter now
    assert "Сумма:" not in user.last.text


async def test_a_charge_row_names_its_number_and_what_it_was_for(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 809)
    account = await demo_account(bot_tester.session_maker, "300115473002")
    async with bot_tester.session_maker() as db:
        newest = (
            await db.execute(
                select(Charge.charged_at, Charge.description, Subscriber.msisdn)
                .join(Subscriber, Subscriber.id == Charge.subscriber_id)
                .where(Charge.account_id == account.id)
                .order_by(Charge.charged_at.desc(), Charge.id.desc())
                .limit(1)
            )
        ).one()
    await _open_selection(user)
    await user.press("⬜ 300115473002 · МегаФон")
    await user.press(next(b for b in user.last.buttons if b.startswith("▶️ Показать")))
    await user.press("📅 Период")
    day = as_utc(newest.charged_at).astimezone(MSK).date()
    await user.send(f"{day:%d.%m.%Y}-{day:%d.%m.%Y}")
    text = user.last.text
    assert f"300115473002 · {format_phone(newest.msisdn)}" in text
    assert newest.description[:30] in text


async def test_every_charge_on_the_list_says_whole_what_it_was_for(bot_tester: BotTester) -> None:
    """A description is never cut with «…»: cut, «тариф «Корпоративный 1000»» read
    «тариф «Корпоративный 100…» and the services' list lost its last names."""
    user = await demo_chat(bot_tester, NORTH_UNION, 810)
    account = await demo_account(bot_tester.session_maker, "300115473002")
    async with bot_tester.session_maker() as db:
        charges = (
            await db.execute(
                select(Charge.charged_at, Charge.description).where(Charge.account_id == account.id)
            )
        ).all()
    longest = max(charges, key=lambda c: len(c.description))

    def local_day(c: Any) -> date:
        return as_utc(c.charged_at).astimezone(MSK).date()

    day = local_day(longest)
    that_day = {c.description for c in charges if local_day(c) == day}
    assert len(longest.description) > 60  # the demo has descriptions a phone's row once cut
    await _open_selection(user)
    await user.press("⬜ 300115473002 · МегаФон")
    await user.press(next(b for b in user.last.buttons if b.startswith("▶️ Показать")))
    await user.press("📅 Период")
    await user.send(f"{day:%d.%m.%Y}")
    pages = [user.last.text]
    last_page = re.compile(r"стр\. (\d+)/\1$")
    while "▶️" in user.last.buttons and not any(last_page.match(b) for b in user.last.buttons):
        await user.press("▶️")
        pages.append(user.last.text)
    shown = "\n".join(pages)
    assert "…" not in shown
    for description in that_day:
        assert description in shown
