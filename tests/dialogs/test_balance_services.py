"""From the account card: prepayment invoice, cashback, document delivery, low-balance alert."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select, update

from bot.jobs import run_domain_job
from domain.accounts.alerts import check_low_balances
from domain.money import format_rub
from domain.types import DeliveryMethod, DocumentKind, PaymentType
from keyboards.accounts import AccAction, AccCb, AlrAction, AlrCb, CbkAction, CbkCb, DlvCb
from storage.models import Account, Document, Payment
from tests.accounts_data import (
    NORTH_ASSISTANT,
    NORTH_COORD,
    NORTH_UNION,
    demo_account,
    demo_chat,
)
from tests.harness import BotTester, ChatUser


async def _card(user: ChatUser, number: str) -> None:
    await user.send("/menu")
    await user.press("🧾 Лицевые счета")
    await user.press(next(b for b in user.last.buttons if number in b))
    assert f"Лицевой счёт {number}" in user.last.text


async def test_prepayment_invoice_for_a_typed_sum(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 901)
    await _card(user, "300115473001")
    await user.press("🧾 Счёт на предоплату")
    # «Счёт … по счёту» read as one word twice; the account is a «лицевой счёт».
    assert "Счёт на предоплату по лицевому счёту 300115473001" in user.last.text
    assert "<code>15000</code>" in user.last.html
    await user.send("пятнадцать тысяч")
    assert "Не понял сумму «пятнадцать тысяч»" in user.last.text
    assert "15000" in user.last.text
    await user.send("50")
    assert "от 100,00" in user.last.text.replace("\u00a0", " ")
    await user.send("15 000,50")
    doc = next(m for m in user.bot_messages if m.document)
    assert doc.document["file_name"].endswith(".pdf")
    assert "Счёт на предоплату №" in doc.text
    pdf_text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(user.file(doc))).pages
    ).replace("\u00a0", " ")
    assert "ООО «Северный ветер»" in pdf_text and "ПАО «МегаФон»" in pdf_text
    assert "В том числе НДС (22 %): 2 705,01" in pdf_text  # 15 000,50 × 22 / 122
    assert "Пятнадцать тысяч рублей 50 копеек" in pdf_text
    assert "НДС 22 %" in user.last.text and "Лицевой счёт 300115473001" in user.last.text
    async with bot_tester.session_maker() as db:
        stored = await db.scalar(
            select(Document).where(Document.kind == DocumentKind.PREPAYMENT_INVOICE)
        )
    assert stored is not None and stored.amount_kop == 15_000_50
    assert "upload_document" in bot_tester.sandbox.chat_actions(901)  # "sending a file…"


async def test_cashback_spend_with_confirmation(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 902)
    before = await demo_account(bot_tester.session_maker, "300115473001")
    assert before.cashback_kop > 100_00
    await _card(user, "300115473001")
    await user.press("🎁 Кешбэк")
    assert f"Накоплено: {format_rub(before.cashback_kop)}" in user.last.text
    assert "начислено" in user.last.text
    await user.press("💸 Потратить на баланс счёта")
    assert "Доступно" in user.last.text
    await user.send(str(before.cashback_kop))  # roubles, so 100× too much
    assert "Столько кешбэка нет" in user.last.text
    await user.send("100")
    assert "Зачислить <b>100,00" in user.last.html
    await user.press("✖️ Отмена")
    assert "Списание кешбэка отменено" in user.alerts[-1]["text"]
    unchanged = await demo_account(bot_tester.session_maker, "300115473001")
    assert unchanged.cashback_kop == before.cashback_kop

    await user.press("💸 Потратить на баланс счёта")
    await user.send("100")
    confirm = user.last
    await user.press("✅ Подтвердить")
    assert "Зачислено 100,00" in user.last.text
    after = await demo_account(bot_tester.session_maker, "300115473001")
    assert after.cashback_kop == before.cashback_kop - 100_00
    assert after.balance_kop == before.balance_kop + 100_00
    async with bot_tester.session_maker() as db:
        paid = (await db.scalars(select(Payment).where(Payment.type == PaymentType.CASHBACK))).all()
    assert [p.amount_kop for p in paid if p.account_id == after.id][-1] == 100_00
    # The same confirmation pressed again spends nothing more.
    await user.press_data(
        confirm.message_id, CbkCb(action=CbkAction.CONFIRM, account_id=after.id).pack()
    )
    again = await demo_account(bot_tester.session_maker, "300115473001")
    assert again.cashback_kop == after.cashback_kop


async def test_assistant_cannot_spend_cashback(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_ASSISTANT, 903)
    acc = await demo_account(bot_tester.session_maker, "300115473001")
    await _card(user, "300115473001")
    await user.press("🎁 Кешбэк")
    assert "💸 Потратить на баланс счёта" not in user.last.buttons
    await user.press_data(
        user.last.message_id, CbkCb(action=CbkAction.SPEND, account_id=acc.id).pack()
    )
    assert "Недостаточно прав" in user.alerts[-1]["text"]


async def test_document_delivery_is_remembered(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_COORD, 904)
    await _card(user, "300115473002")
    button = next(b for b in user.last.buttons if b.startswith("📬"))
    await user.press(button)
    assert "Доставка документов" in user.last.text
    await user.press("⚪ ЭДО")
    assert "Способ доставки сохранён: ЭДО" in user.last.text
    assert "🔘 ЭДО" in user.last.buttons
    acc = await demo_account(bot_tester.session_maker, "300115473002")
    assert acc.delivery_method is DeliveryMethod.EDO
    await user.press("⚪ E-mail")
    assert "Письма уходят на" in user.last.text
    # Another company's account, by a forged button: refused, nothing changes.
    foreign = await demo_account(bot_tester.session_maker, "300522810001")
    await user.press_data(
        user.last.message_id,
        DlvCb(account_id=foreign.id, method=DeliveryMethod.EDO).pack(),
    )
    assert "Недостаточно прав" in user.alerts[-1]["text"]
    assert (await demo_account(bot_tester.session_maker, "300522810001")).delivery_method is (
        foreign.delivery_method
    )


async def test_low_balance_alert_set_pushed_once_and_switched_off(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 905)
    # The state is set here, whatever the demo drew: a positive balance and no alert yet, and
    # no other account of the company that could push too.
    async with bot_tester.session_maker() as db:
        await db.execute(
            update(Account)
            .where(Account.number != "8102045761")
            .values(low_balance_threshold_kop=None)
        )
        await db.execute(
            update(Account)
            .where(Account.number == "8102045761")
            .values(balance_kop=2_345_67, low_balance_threshold_kop=None, low_balance_alerted=False)
        )
        await db.commit()
    acc = await demo_account(bot_tester.session_maker, "8102045761")
    await _card(user, "8102045761")
    await user.press("🔕 Порог баланса: выключен")
    assert "Уведомление выключено" in user.last.text
    await user.press("✍️ Задать порог")
    await user.send("ноль")
    assert "Не понял сумму «ноль»" in user.last.text
    threshold_rub = acc.balance_kop // 100 + 1000
    await user.send(str(threshold_rub))
    assert f"Порог сохранён: {format_rub(threshold_rub * 100)}" in user.last.text

    for _ in range(2):
        await run_domain_job(bot_tester.session_maker, "low_balances", check_low_balances)
        await bot_tester.notifier.run_once()
    pushes = [m for m in user.bot_messages if "Низкий баланс" in m.text]
    assert len(pushes) == 1
    assert "8102045761" in pushes[0].text and format_rub(acc.balance_kop) in pushes[0].text

    await _card(user, "8102045761")
    assert "⚠️ Ниже порога" in user.last.text
    await user.press(next(b for b in user.last.buttons if b.startswith("🔔")))
    await user.press("🔕 Выключить")
    assert "выключено" in user.last.text
    async with bot_tester.session_maker() as db:
        stored = await db.get(Account, acc.id)
        assert stored is not None and stored.low_balance_threshold_kop is None


async def test_non_text_answer_to_a_question_repeats_it(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 906)
    await _card(user, "300115473001")
    await user.press("🧾 Счёт на предоплату")
    await user.send_sticker()
    assert "Напишите ответ текстом" in user.last.text and "15000" in user.last.text
    await user.send("2000")
    assert any(m.document for m in user.bot_messages)


async def test_forged_prepayment_for_a_foreign_account(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_COORD, 907)
    await user.send("/balance")
    other = await demo_account(bot_tester.session_maker, "300115473001")  # not this coordinator's
    await user.press_data(
        user.last.message_id, AccCb(action=AccAction.PREPAY, account_id=other.id).pack()
    )
    assert "Недостаточно прав" in user.alerts[-1]["text"]
    await user.send("15000")
    assert not any(m.document for m in user.bot_messages)


async def test_threshold_question_names_the_account_and_survives_a_photo(
    bot_tester: BotTester,
) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 907)
    await _card(user, "300115473003")
    await user.press(next(b for b in user.last.buttons if b.startswith("🔔 Порог баланса")))
    await user.press("✍️ Задать порог")
    asked = user.last
    assert "Порог баланса для счёта 300115473003" in asked.text  # which account, on a phone
    assert "<code>5000</code>" in asked.html and "◀️ Назад" in asked.buttons
    await user.send_document("photo.jpg", b"\xff\xd8\xff")
    # «Напишите …» and the question itself again, with its buttons.
    assert "Напишите ответ текстом" in user.last.text
    assert "Порог баланса для счёта 300115473003" in user.last.text
    assert "например 5000" in user.last.text and user.last.buttons == asked.buttons
    await user.send("7 500")
    assert f"Порог сохранён: {format_rub(7_500_00)}" in user.last.text
    stored = await demo_account(bot_tester.session_maker, "300115473003")
    assert stored.low_balance_threshold_kop == 7_500_00


async def test_switching_the_alert_off_closes_an_open_threshold_question(
    bot_tester: BotTester,
) -> None:
    """«🔕 Выключить» (an older message's button) while the threshold is being asked: the alert
    is off and the question is closed, so a sum typed afterwards sets nothing."""
    user = await demo_chat(bot_tester, NORTH_UNION, 911)
    acc = await demo_account(bot_tester.session_maker, "8102045761")
    await _card(user, "8102045761")
    await user.press(next(b for b in user.last.buttons if "Порог баланса" in b))
    await user.press("✍️ Задать порог")
    assert "8102045761" in user.last.text
    off = AlrCb(action=AlrAction.OFF, account_id=acc.id).pack()
    await user.press_data(user.last.message_id, off)
    assert "выключено" in user.last.text
    await user.send("5000")
    assert "Порог сохранён" not in user.last.text
    async with bot_tester.session_maker() as db:
        stored = await db.get(Account, acc.id)
        assert stored is not None and stored.low_balance_threshold_kop is None
