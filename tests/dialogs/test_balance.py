"""Quick balance, the accounts list and the account card, as a coordinator uses them."""

from __future__ import annotations

from sqlalchemy import func, select, update

from domain.money import format_rub
from domain.types import AuditResult, Brand, DeliveryMethod
from keyboards.accounts import (
    AccAction,
    AccCb,
    AlrAction,
    AlrCb,
    BalCb,
    CbkAction,
    CbkCb,
    DlvCb,
    StatCb,
)
from storage.models import Account, AuditLog, Company
from storage.models import Session as SessionRow
from tests.accounts_data import (
    NORTH_ASSISTANT,
    NORTH_UNION,
    NORTH_VIEWER,
    demo_account,
    demo_chat,
)
from tests.harness import BotTester


async def _balances(tester: BotTester, company_name: str) -> dict[str, int]:
    async with tester.session_maker() as db:
        rows = await db.execute(
            select(Account.number, Account.balance_kop)
            .join(Company, Company.id == Account.company_id)
            .where(Company.name == company_name)
        )
        return {n: b for n, b in rows}


async def test_balance_in_one_tap_shows_every_account(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 701)
    await user.send("/start")
    await user.press("💰 Баланс")
    text = user.last.text
    assert "Баланс лицевых счетов · 5 лицевых счетов" in text
    for number, kop in (await _balances(bot_tester, "ООО «Северный ветер»")).items():
        assert number in text
        assert format_rub(kop) in text
    assert "Yota" in text and "МегаФон" in text
    assert f"кредитный лимит {format_rub(80_000_00)}" in text
    assert user.last.buttons == ["🧾 Лицевые счета", "☰ Главное меню"]


async def test_balance_command_and_reply_button_work_from_anywhere(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 702)
    await user.send("/balance")
    assert "Баланс лицевых счетов" in user.last.text
    # In the middle of a question (a prepayment sum), the reply button still answers.
    acc = await demo_account(bot_tester.session_maker, "300115473001")
    shown = await user.send("/start")
    assert shown
    await user.press("🧾 Лицевые счета")
    await user.press(next(b for b in user.last.buttons if b.startswith("300115473001")))
    await user.press("🧾 Счёт на предоплату")
    assert "Введите сумму" in user.last.text
    await user.send("💰 Баланс")
    assert "Баланс лицевых счетов" in user.last.text
    # The question was dropped: a number now is not a prepayment sum.
    await user.send("15000")
    assert "Счёт на предоплату №" not in user.last.text
    assert acc.id


async def test_fifty_accounts_come_in_pages(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 703)
    north = await demo_account(bot_tester.session_maker, "300115473001")
    async with bot_tester.session_maker() as db:
        for i in range(45):
            db.add(
                Account(
                    company_id=north.company_id,
                    number=f"3999{i:08d}",
                    brand=Brand.MEGAFON,
                    balance_kop=i * 100_00,
                )
            )
        await db.commit()
    await user.send("/balance")
    first = user.last
    assert "50 лицевых счетов" in first.text
    assert first.buttons[:3] == ["◀️", "стр. 1/5", "▶️"]
    assert first.text.count("\n\n") == 10  # ten accounts on a page
    await user.press("▶️")
    assert "стр. 2/5" in user.last.buttons
    assert user.last.message_id == first.message_id  # the same message, edited
    await user.press("стр. 2/5")  # the page number is not a button that does anything
    assert "стр. 2/5" in user.last.buttons
    await user.press("◀️")
    await user.press("◀️")
    assert "стр. 5/5" in user.last.buttons  # wraps around
    assert len(user.last.text) < 4096


async def test_warning_sign_below_the_alert_threshold(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 704)
    # The state is set here, whatever the demo drew: no alert anywhere but on one account,
    # whose balance is 100 ₽ below its threshold.
    async with bot_tester.session_maker() as db:
        north = await db.scalar(select(Company.id).where(Company.name == "ООО «Северный ветер»"))
        await db.execute(
            update(Account)
            .where(Account.company_id == north)
            .values(low_balance_threshold_kop=None, low_balance_alerted=False)
        )
        acc = await db.scalar(select(Account).where(Account.number == "8102045761"))
        assert acc is not None
        acc.balance_kop = 1_500_00
        acc.low_balance_threshold_kop = 1_600_00
        await db.commit()
    await user.send("/balance")
    assert "⚠️ Ниже порога: 1" in user.last.text
    assert "— ниже порога" in user.last.text
    # Raised to the threshold, the account is no longer flagged.
    async with bot_tester.session_maker() as db:
        await db.execute(
            update(Account).where(Account.number == "8102045761").values(balance_kop=1_600_00)
        )
        await db.commit()
    await user.send("/balance")
    assert "Ниже порога" not in user.last.text


async def test_assistant_sees_only_its_account(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_ASSISTANT, 705)
    await user.send("/balance")
    assert "1 лицевой счёт" in user.last.text
    assert "300115473001" in user.last.text and "300115473002" not in user.last.text


async def test_view_only_level_and_strangers_get_no_balance(bot_tester: BotTester) -> None:
    viewer = await demo_chat(bot_tester, NORTH_VIEWER, 706)
    await viewer.send("/balance")
    assert "Недостаточно прав" in viewer.last.text
    stranger = await bot_tester.user(707)
    await stranger.send("/balance")
    assert "после входа" in stranger.last.text


async def test_account_card(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 708)
    await user.send("/menu")
    await user.press("🧾 Лицевые счета")
    assert "Выберите счёт" in user.last.text
    await user.press(next(b for b in user.last.buttons if b.startswith("300115473002")))
    card = user.last.text
    assert "Лицевой счёт 300115473002 · МегаФон, постоплата" in card
    assert "ООО «Северный ветер»" in card
    assert "Персональный менеджер: Кузнецова Анна Сергеевна" in card
    assert "+7 926 123-45-00" in card
    assert "Текущий баланс:" in card and "Баланс предыдущего периода:" in card
    assert "Кредитный лимит: 80\u202f000,00\u00a0₽" in card
    assert "Начисления за" in card
    buttons = user.last.buttons
    for b in ("💳 Платежи", "📊 Статистика", "📑 Документы", "🧾 Счёт на предоплату"):
        assert b in buttons
    assert any(b.startswith("🎁 Кешбэк") for b in buttons)
    await user.press("🧾 Все счета")
    assert "Выберите счёт" in user.last.text


async def test_forged_callbacks_reach_no_other_account(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_ASSISTANT, 709)
    await user.send("/balance")
    msg = user.last
    foreign = await demo_account(bot_tester.session_maker, "300522810001")  # another company
    sibling = await demo_account(bot_tester.session_maker, "300115473002")  # not the assistant's
    for account in (foreign, sibling):
        for action in (AccAction.CARD, AccAction.PAYMENTS, AccAction.STATS, AccAction.PREPAY):
            await user.press_data(
                msg.message_id, AccCb(action=action, account_id=account.id).pack()
            )
            assert "Недостаточно прав" in user.alerts[-1]["text"], action
        for data in (
            StatCb(view="num", rng="year", account_id=account.id),
            CbkCb(action=CbkAction.HISTORY, account_id=account.id),
            AlrCb(action=AlrAction.OFF, account_id=account.id),
            DlvCb(account_id=account.id, method=DeliveryMethod.EDO),
        ):
            await user.press_data(msg.message_id, data.pack())
            assert "Недостаточно прав" in user.alerts[-1]["text"], data
    # Nothing of theirs was shown, and every attempt is in the audit log.
    assert all("300522810001" not in m.text for m in user.bot_messages)
    async with bot_tester.session_maker() as db:
        denied = await db.scalar(
            select(func.count(AuditLog.id)).where(AuditLog.result == AuditResult.DENIED)
        )
    assert denied == 16
    # A page number past the end is harmless.
    await user.press_data(msg.message_id, BalCb(page=99).pack())
    assert "300115473001" in user.last.text


async def test_card_buttons_fit_a_phone(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 711)
    await user.send("/menu")
    await user.press("🧾 Лицевые счета")
    await user.press(next(b for b in user.last.buttons if b.startswith("300115473002")))
    rows = [[b["text"] for b in row] for row in user.last.raw["reply_markup"]["inline_keyboard"]]
    # The long «Счёт на предоплату» is alone in its row (beside another button a phone cuts it).
    assert ["🧾 Счёт на предоплату"] in rows
    assert all(len(row) == 1 for row in rows if any(len(b) > 18 for b in row))
    balances = await _balances(bot_tester, "ООО «Северный ветер»")
    assert f"Текущий баланс: {format_rub(balances['300115473002'])}" in user.last.text


async def test_logged_out_user_is_sent_to_log_in_from_every_money_screen(
    bot_tester: BotTester,
) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 712)
    await user.send("/menu")
    await user.press("🧾 Лицевые счета")
    await user.press(next(b for b in user.last.buttons if b.startswith("300115473002")))
    await user.press("💳 Платежи")
    await user.press("💰 Сумма")
    list_id = user.last.message_id
    page_data = user.last.callback_data["◀️ Назад"]
    async with bot_tester.session_maker() as db:  # the session ends elsewhere (expiry, logout)
        await db.execute(
            update(SessionRow).where(SessionRow.telegram_user_id == 712).values(ended_at=func.now())
        )
        await db.commit()
    await user.send(">10000")  # an answer to the open question
    assert "после входа" in user.last.text
    await user.press_data(list_id, page_data)
    screen = next(m for m in user.bot_messages if m.message_id == list_id)
    assert "после входа" in screen.text and "☰ Главное меню" in screen.buttons
    await user.send("5000")  # the question was closed: no filter, no list
    assert "Платежи и списания" not in user.last.text
    async with bot_tester.session_maker() as db:
        active = await db.scalar(
            select(func.count())
            .select_from(SessionRow)
            .where(SessionRow.telegram_user_id == 712, SessionRow.ended_at.is_(None))
        )
    assert active == 0


async def test_callback_data_of_an_unknown_kind_is_refused_before_any_handler(
    bot_tester: BotTester,
) -> None:
    # Typed fields: a view or a period that is not one of the enums never reaches a handler.
    user = await demo_chat(bot_tester, NORTH_UNION, 720)
    await user.send("/balance")
    for forged in ("st:everything:year:0", "st:num:decade:0", "st:num:year:x"):
        await user.press_data(user.last.message_id, forged)
        assert user.alerts[-1]["text"] == "Эта кнопка недоступна."
    assert not any(m.raw.get("photo") for m in user.bot_messages)
