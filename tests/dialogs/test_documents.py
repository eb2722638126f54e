"""«📑 Документы» as a coordinator uses it: order, get the files, find them in the history;
the reconciliation statement with a password; forged buttons and narrower levels."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import html5lib
import pyzipper
from pypdf import PdfReader
from sqlalchemy import delete, func, select, update

from bot.i18n import I18n
from domain.accounts.balance import local_today, month_start
from domain.types import (
    AuditResult,
    DocumentFormat,
    DocumentKind,
    DocumentStatus,
    NotifyBy,
    OrderKind,
    OrderStatus,
)
from keyboards.documents import (
    DOC_PICK,
    DocFileCb,
    DocForAccountCb,
    DocFormatCb,
    DocHistCb,
    DocNavCb,
    DocNotifyCb,
    DocOrderNowCb,
    DocPeriodCb,
    DocQuickCb,
    DocStep,
)
from keyboards.menu import MenuCb, Section
from keyboards.widgets import PickAction, PickCb
from storage.models import (
    AuditLog,
    CabinetUser,
    Company,
    Document,
    Order,
    OrderItem,
    Outbox,
)
from tests.accounts_data import (
    NORTH_ASSISTANT,
    NORTH_UNION,
    NORTH_VIEWER,
    demo_account,
    demo_chat,
    demo_user_id,
)
from tests.harness import BotTester, forged

# The demo also has tariff and service orders: these tests count document orders only.
DOC_ORDERS = Order.kind.in_((OrderKind.DOCUMENTS, OrderKind.RECONCILIATION))


def _months_back(n: int) -> str:
    day = month_start(local_today())
    for _ in range(n):
        day = month_start(day - timedelta(days=1))
    return f"{day:%m.%Y}"


async def _chat(tester: BotTester, login: str, telegram_id: int):  # type: ignore[no-untyped-def]
    """`demo_chat` without the demo's own document order, so each test counts only its own."""
    user = await demo_chat(tester, login, telegram_id)
    async with tester.session_maker() as db:
        demo = await db.scalar(select(Order.id).where(Order.request_key == "demo-documents"))
        assert demo is not None  # the demo shows the section with a real order
        await db.execute(delete(Document).where(Document.order_id == demo))
        await db.execute(delete(OrderItem).where(OrderItem.order_id == demo))
        await db.execute(delete(Order).where(Order.id == demo))
        await db.commit()
    return user


async def _count(tester: BotTester, model, *where) -> int:  # type: ignore[no-untyped-def]
    async with tester.session_maker() as db:
        return int(await db.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def _open_order(user) -> None:  # type: ignore[no-untyped-def]
    await user.send("/start")
    await user.press("📑 Документы")
    assert "Закажите счета" in user.last.text
    await user.press("🧾 Заказать документы")
    assert "Отметьте лицевые счета" in user.last.text


async def test_order_documents_end_to_end(bot_tester: BotTester) -> None:
    user = await _chat(bot_tester, NORTH_UNION, 881)
    await _open_order(user)
    await user.press(next(b for b in user.last.buttons if "300115473001" in b))
    await user.press("Далее (1 счёт) ▶️")
    assert "За какой период?" in user.last.text
    await user.press("✍️ Ввести период")
    await user.send("13.2026")
    # The mistake is named, the question comes again with its one example, which the step takes.
    assert "Не понял период." in user.last.text
    [example] = re.findall(r"\d\d\.\d{4}-\d\d\.\d{4}", user.last.text)
    assert example == f"{_months_back(2)}-{_months_back(1)}"
    await user.send(example)
    assert "Какие документы подготовить?" in user.last.text
    await user.press("⬜ Счёт с детализацией")
    await user.press("⬜ Счёт-фактура")
    await user.press("Далее ▶️")
    # A VAT invoice is PDF only, so the whole order is: no choice offered, the reason said.
    assert "все документы этого заказа будут в PDF" in user.last.text
    assert "Сообщить, когда документы будут готовы?" in user.last.text
    # A forged «HTML» for it is refused.
    await user.press_data(user.last.message_id, DocFormatCb(fmt=DocumentFormat.HTML).pack())
    assert "только в PDF" in user.alerts[-1]["text"]
    await user.press("⚪ По SMS")
    await user.press("✅ Да")
    summary = user.last.text
    assert "Проверьте заказ документов" in summary
    assert "300115473001" in summary and "Счёт с детализацией, Счёт-фактура" in summary
    assert "Формат: PDF" in summary and "Архив на e-mail: да" in summary
    assert "✏️ Формат" not in user.last.buttons
    assert "Уведомление: По SMS" in summary
    # Edit one step from the summary: back to the summary, the rest kept.
    await user.press("✏️ Уведомление")
    await user.press("⚪ По e-mail")
    assert "Уведомление: По e-mail" in user.last.text and "Формат: PDF" in user.last.text
    summary_id = user.last.message_id

    await user.press("✅ Заказать")
    assert "Заказ №" in user.last.text and "4 документа" in user.last.text
    # «Заказать» pressed again on the old summary: done already, not a second order.
    placed = user.last.text
    await user.press_data(summary_id, DocOrderNowCb().pack())
    assert "Это уже сделано" in user.alerts[-1]["text"] and user.last.text == placed
    assert await _count(bot_tester, Order, DOC_ORDERS) == 1
    async with bot_tester.session_maker() as db:
        order = await db.scalar(select(Order).where(DOC_ORDERS))
        assert order is not None
        docs = list(await db.scalars(select(Document).where(Document.order_id == order.id)))
    assert len(docs) == 4 and all(d.status == DocumentStatus.QUEUED for d in docs)
    assert {(d.kind, d.format.value) for d in docs} == {
        (DocumentKind.INVOICE_DETAILED, "pdf"),
        (DocumentKind.VAT_INVOICE, "pdf"),
    }

    await bot_tester.run_jobs()
    await bot_tester.feed()
    texts = [m.text for m in user.bot_messages]
    assert any(f"Документы по заказу № {order.id} готовы" in t for t in texts)
    files = [m for m in user.bot_messages if m.document]
    assert len(files) == 4
    for shown in files:
        content = user.file(shown)
        name = shown.document["file_name"] if shown.document else ""
        assert name.endswith(".pdf")
        first_page = PdfReader(io.BytesIO(content)).pages[0].extract_text()
        assert "Счёт-фактура №" in first_page or "Счёт №" in first_page
    async with bot_tester.session_maker() as db:
        order = await db.get(Order, order.id)
        assert order is not None and order.status == OrderStatus.COMPLETED
        statuses = set(
            await db.scalars(select(Document.status).where(Document.order_id == order.id))
        )
        assert statuses == {DocumentStatus.SENT}
        emails = list(await db.scalars(select(Outbox).where(Outbox.channel == "email")))
    keys = sorted(e.payload["key"] for e in emails)
    assert keys == ["doc-email-files", "doc-email-ready"]
    zipped = next(e for e in emails if e.payload["key"] == "doc-email-files")
    assert zipped.payload["zip_name"].endswith(".zip") and len(zipped.payload["document_ids"]) == 4

    # A second run makes and sends nothing again.
    before = len(user.bot_messages)
    await bot_tester.run_jobs()
    await bot_tester.feed()
    assert len(user.bot_messages) == before

    # The push's button opens the order's documents; a ready one downloads again.
    # (The order's own screen above, unchanged since «Заказать», says when they will be ready.)
    push = next(m for m in user.bot_messages if "готовы" in m.text and m.message_id != summary_id)
    assert push.buttons == [f"📂 Документы заказа № {order.id}"]
    await user.press(f"📂 Документы заказа № {order.id}")
    assert f"Документы заказа № {order.id}" in user.last.text
    assert "✅ Выполнен: готово 4 из 4" in user.last.text
    assert user.last.text.count("📨 Отправлен") == 4
    download = next(b for b in user.last.buttons if b.startswith("⬇️ С/ф"))
    # Each button tells its document apart: kind, account, period, format, the day it was made.
    made = f"{local_today():%d.%m}"
    labels = {b for b in user.last.buttons if b.startswith("⬇️")}
    months = (_months_back(2), _months_back(1))
    assert labels == {
        f"⬇️ {kind} 3001 {m[:3]}{m[-2:]} PDF {made}" for kind in ("Счёт-Д", "С/ф") for m in months
    }
    assert all(len(b) <= 32 for b in labels)
    await user.press(download)
    assert user.last.document is not None
    assert user.last.document["file_name"].endswith(".pdf")

    # «Заказы и заявки» lists it by accounts, not numbers, done, with a way to its files.
    await user.send("/start")
    await user.press("📋 Заказы и заявки")
    [row] = [b for b in user.last.buttons if b.startswith(f"№ {order.id} ")]
    assert row.endswith("✅")
    await user.press(row)
    card = user.last.text
    assert "1 лицевой счёт: ✅ 1 · ❌ 0 · ⏳ 0" in card
    assert "Лицевой счёт 300115473001 — ✅ выполнено" in card
    assert "Вступает в силу" not in card
    await user.press("📂 Документы заказа")
    assert f"Документы заказа № {order.id}" in user.last.text


async def test_from_an_account_card_the_order_starts_with_that_account(
    bot_tester: BotTester,
) -> None:
    user = await _chat(bot_tester, NORTH_UNION, 889)
    await user.send("/menu")
    await user.press("🧾 Лицевые счета")
    await user.press(next(b for b in user.last.buttons if "300115473002" in b))
    await user.press("📑 Документы")
    assert "Лицевой счёт <b>300115473002</b>" in user.last.html
    # «Назад» goes back to the card; the order skips the choice of accounts.
    assert "◀️ Назад" in user.last.buttons
    await user.press("🧾 Заказать документы")
    assert "За какой период?" in user.last.text
    await user.press("✍️ Ввести период")
    await user.send(_months_back(1))
    await user.press("⬜ Счёт без детализации")
    await user.press("Далее ▶️")
    # Invoices alone can be HTML too.
    assert "⚪ HTML" in user.last.buttons
    await user.press("⚪ HTML")
    await user.press("⚪ Не сообщать")
    await user.press("✖️ Нет")
    assert "Лицевые счета (1): 300115473002" in user.last.text
    assert "Формат: HTML" in user.last.text and "✏️ Формат" in user.last.buttons
    await user.press("✅ Заказать")
    async with bot_tester.session_maker() as db:
        order = await db.scalar(select(Order).where(DOC_ORDERS))
        assert order is not None
        docs = list(await db.scalars(select(Document).where(Document.order_id == order.id)))
    assert {d.account_id for d in docs} == {
        (await demo_account(bot_tester.session_maker, "300115473002")).id
    }
    assert [d.format.value for d in docs] == ["html"]
    await bot_tester.run_jobs()
    await bot_tester.feed()
    page = user.file(next(m for m in user.bot_messages if m.document)).decode()
    assert html5lib.HTMLParser(strict=True).parse(page) and "300115473002" in page
    # The reconciliation statement from the card starts with the account too; «Назад» from its
    # period shows the account ticked in the list.
    await user.send("/menu")
    await user.press("🧾 Лицевые счета")
    await user.press(next(b for b in user.last.buttons if "300115473002" in b))
    await user.press("📑 Документы")
    await user.press("⚖️ Акт сверки")
    assert "За какой период?" in user.last.text
    await user.press("◀️ Назад")
    assert "☑️ 300115473002 · МегаФон" in user.last.buttons

    # Another company's account, or one out of an assistant's reach, named in these buttons:
    # refused and audited, nothing started.
    foreign = await demo_account(bot_tester.session_maker, "300522810001")
    await user.press_data(user.last.message_id, DocForAccountCb(account_id=foreign.id).pack())
    assert "Недостаточно прав" in user.alerts[-1]["text"]
    for step in (DocStep.ORDER, DocStep.RECON):
        await user.press_data(
            user.last.message_id, DocNavCb(step=step, account_id=foreign.id).pack()
        )
        assert "Недостаточно прав" in user.alerts[-1]["text"]
    await bot_tester.login(890, await demo_user_id(bot_tester.session_maker, NORTH_ASSISTANT))
    assistant = await bot_tester.user(890)
    not_hers = await demo_account(bot_tester.session_maker, "300115473002")
    await assistant.send("/start")
    await assistant.press_data(
        assistant.last.message_id, DocForAccountCb(account_id=not_hers.id).pack()
    )
    assert "Недостаточно прав" in assistant.alerts[-1]["text"]
    denied = await _count(
        bot_tester, AuditLog, AuditLog.action == "documents", AuditLog.result == AuditResult.DENIED
    )
    assert denied == 4


async def test_without_an_e_mail_nothing_is_promised_by_e_mail(bot_tester: BotTester) -> None:
    user = await _chat(bot_tester, NORTH_UNION, 891)
    me = await demo_user_id(bot_tester.session_maker, NORTH_UNION)
    async with bot_tester.session_maker() as db:
        cab = await db.get(CabinetUser, me)
        assert cab is not None
        await db.execute(update(Company).where(Company.id == cab.company_id).values(email=None))
        cab.email = None
        await db.commit()
    await _open_order(user)
    await user.press(next(b for b in user.last.buttons if "300115473001" in b))
    await user.press("Далее (1 счёт) ▶️")
    await user.press("✍️ Ввести период")
    await user.send(_months_back(1))
    await user.press("⬜ Счёт без детализации")
    await user.press("Далее ▶️")
    await user.press("⚪ PDF")
    # No «По e-mail», and the reason with where to add one.
    assert "E-mail не указан ни у вас, ни у компании" in user.last.text
    assert "⚪ По e-mail" not in user.last.buttons and "⚪ По SMS" in user.last.buttons
    # A forged «by e-mail» is taken as a choice, but the order is refused with the reason.
    await user.press_data(user.last.message_id, DocNotifyCb(by=NotifyBy.EMAIL).pack())
    # The zip question is not asked: straight to the summary, which says why.
    assert "Проверьте заказ документов" in user.last.text
    assert "Архив на e-mail: нет — e-mail не указан" in user.last.text
    await user.press("✅ Заказать")
    assert "E-mail не указан" in user.alerts[-1]["text"]
    assert await _count(bot_tester, Order, DOC_ORDERS) == 0
    await user.press("✏️ Уведомление")
    await user.press("⚪ По SMS")
    await user.press("✅ Заказать")
    assert "Заказ №" in user.last.text
    async with bot_tester.session_maker() as db:
        order = await db.scalar(select(Order).where(DOC_ORDERS))
    assert order is not None and order.params["zip_email"] is False
    assert order.params["notify"] == "sms"
    # The reconciliation statement has no zip by e-mail: its note speaks of the notice only.
    await user.send("/start")
    await user.press("📑 Документы")
    await user.press("⚖️ Акт сверки")
    await user.press(next(b for b in user.last.buttons if "300115473001" in b))
    await user.press(next(b for b in user.last.buttons if b.startswith("Далее")))
    await user.press("✍️ Ввести период")
    await user.send(_months_back(1))
    assert "уведомить по почте не получится" in user.last.text
    assert "архив" not in user.last.text and "⚪ По e-mail" not in user.last.buttons


async def test_history_pages_and_filters_by_kind(bot_tester: BotTester) -> None:
    user = await _chat(bot_tester, NORTH_UNION, 882)
    acc = await demo_account(bot_tester.session_maker, "300115473001")
    async with bot_tester.session_maker() as db:
        for i in range(11):
            kind = DocumentKind.VAT_INVOICE if i % 2 else DocumentKind.INVOICE
            db.add(
                Document(
                    company_id=acc.company_id,
                    account_id=acc.id,
                    kind=kind,
                    format="pdf",
                    number=f"T-{i}",
                    doc_date=local_today(),
                    status=DocumentStatus.FAILED if i == 10 else DocumentStatus.READY,
                    reason="TimeoutError" if i == 10 else None,
                    file_name=f"t{i}.pdf",
                    content=b"%PDF-1.4 test",
                )
            )
        await db.commit()
    await user.send("/start")
    await user.press("📑 Документы")
    await user.press("🗂 История документов")
    first = user.last.text
    assert "История документов" in first and "T-10" in first and "❌ Ошибка (TimeoutError)" in first
    # Newest first, paged.
    assert first.index("T-10") < first.index("T-9")
    assert "T-0" not in first
    await user.press("▶️")
    assert "T-0" in user.last.text
    await user.press("🔎 Фильтр по виду")
    await user.press("⚪ С/ф")
    shown = user.last.text
    assert "Вид: Счёт-фактура" in shown
    assert "T-9" in shown and "T-8" not in shown


async def test_reconciliation_with_a_password(bot_tester: BotTester) -> None:
    user = await _chat(bot_tester, NORTH_UNION, 883)
    await user.send("/start")
    await user.press("📑 Документы")
    await user.press("⚖️ Акт сверки")
    await user.press(next(b for b in user.last.buttons if "300115473002" in b))
    await user.press("Далее (1 счёт) ▶️")
    await user.press("✍️ Ввести период")
    await user.send(f"{_months_back(3)}-{_months_back(1)}")
    assert "Сообщить, когда документы будут готовы?" in user.last.text
    await user.press("⚪ Не сообщать")
    async with bot_tester.session_maker() as db:
        me = await db.get(CabinetUser, await demo_user_id(bot_tester.session_maker, NORTH_UNION))
        assert me is not None and me.phone
        phone = me.phone
    masked = f"+7 ••• ••• {phone[-4:-2]}-{phone[-2:]}"
    # The password is promised by SMS only, to the number on file, masked.
    assert "Защитить акт паролем" in user.last.text and f"только по SMS на номер {masked}" in (
        user.last.text
    )
    await user.press("✅ Да")
    assert "Пароль и архив: да" in user.last.text
    await user.press("✅ Заказать")
    assert "акт сверки готовится" in user.last.text
    await bot_tester.run_jobs()
    await bot_tester.feed()

    # The chat is told where the password went; the password itself is not in the chat.
    told = next(m for m in user.bot_messages if "Пароль к архиву" in m.text)
    assert f"отправлен по SMS на номер {masked}" in told.text and "tg-spoiler" not in told.html
    [sms] = [m for m in bot_tester.sandbox.inbox if m["to"] == phone and "Пароль" in m["text"]]
    password = sms["text"].rsplit(": ", 1)[1].strip()
    assert len(password) >= 12
    assert all(password not in m.text and password not in m.html for m in user.bot_messages)
    archive = next(m for m in user.bot_messages if m.document)
    assert archive.document is not None and archive.document["file_name"].endswith(".zip")
    content = user.file(archive)
    # Not readable without the password …
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        info = zf.infolist()[0]
        assert info.flag_bits & 0x1
    # … and the password from the SMS opens it.
    with pyzipper.AESZipFile(io.BytesIO(content)) as zf:
        zf.setpassword(password.encode())
        pdf = zf.read(zf.namelist()[0])
    assert "Акт сверки взаимных расчётов" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    # Delivered: the password is in no row of the database any more …
    async with bot_tester.session_maker() as db:
        rows = list(await db.scalars(select(Outbox)))
        assert all(password not in repr(r.payload) and password not in r.text for r in rows)
        docs = list(await db.scalars(select(Document)))
        assert all(password.encode() not in (d.content or b"") for d in docs)
    # … nor anywhere in the database's files: the pages, their free space, the WAL.
    path = Path(bot_tester.engine.url.database or "")
    files = [f for f in (path, path.with_name(path.name + "-wal")) if f.exists()]
    assert path in files
    assert all(password.encode() not in f.read_bytes() for f in files)


async def test_forged_buttons_and_narrower_levels_are_refused(bot_tester: BotTester) -> None:
    user = await _chat(bot_tester, NORTH_ASSISTANT, 884)
    await _open_order(user)
    # The assistant works with 300115473001 only: others are not offered …
    assert not any("300115473002" in b for b in user.last.buttons)
    # … and one named in a forged tick is refused at once, audited, and not ticked.
    foreign = await demo_account(bot_tester.session_maker, "300522810001")
    other_own = await demo_account(bot_tester.session_maker, "300115473002")
    for acc in (foreign, other_own):
        await user.press_data(
            user.last.message_id,
            PickCb(of=DOC_PICK, action=PickAction.TOGGLE, item_id=acc.id).pack(),
        )
        assert "Недостаточно прав" in user.alerts[-1]["text"]
    assert not any(b.startswith("Далее") for b in user.last.buttons)
    denied = await _count(
        bot_tester,
        AuditLog,
        AuditLog.action == "documents",
        AuditLog.result == AuditResult.DENIED,
    )
    assert denied == 2
    # Its own account ticks; the order goes on with it alone.
    await user.press(next(b for b in user.last.buttons if "300115473001" in b))
    await user.press(next(b for b in user.last.buttons if b.startswith("Далее")))
    await user.press("✍️ Ввести период")
    await user.send(_months_back(1))
    await user.press("⬜ Счёт без детализации")
    await user.press("Далее ▶️")
    await user.press("🔘 PDF" if "🔘 PDF" in user.last.buttons else "⚪ PDF")
    # A way to be told that no button carries, or none: refused, nothing chosen.
    sms = DocNotifyCb(by=NotifyBy.SMS)
    await user.press_unavailable(forged(sms, "by", "fax"), forged(sms, "by", ""))
    await user.press("⚪ Не сообщать")
    await user.press("✖️ Нет")
    assert "Лицевые счета (1): 300115473001" in user.last.text
    await user.press("✅ Заказать")
    async with bot_tester.session_maker() as db:
        order = await db.scalar(select(Order).where(DOC_ORDERS))
        assert order is not None
        accounts = set(
            await db.scalars(select(Document.account_id).where(Document.order_id == order.id))
        )
    own = await demo_account(bot_tester.session_maker, "300115473001")
    assert accounts == {own.id}

    # A view-only user: the section shows only the history, of its own number, here empty;
    # ordering and another company's document are refused.
    viewer = await bot_tester.user(885)
    viewer_id = await demo_user_id(bot_tester.session_maker, NORTH_VIEWER)
    await bot_tester.login(885, viewer_id)
    async with bot_tester.session_maker() as db:
        db.add(
            Document(
                company_id=foreign.company_id,
                account_id=foreign.id,
                kind=DocumentKind.INVOICE,
                format="pdf",
                number="FOREIGN-1",
                doc_date=local_today(),
                status=DocumentStatus.READY,
                file_name="f.pdf",
                content=b"%PDF-1.4 foreign",
            )
        )
        await db.commit()
        foreign_doc = await db.scalar(select(Document.id).where(Document.number == "FOREIGN-1"))
    await viewer.send("/start")
    # A level that can order no document is not offered the section; a forged way in is
    # refused and audited.
    assert "📑 Документы" not in viewer.last.buttons
    await viewer.press_data(viewer.last.message_id, MenuCb(section=Section.DOCUMENTS).pack())
    assert "Недостаточно прав" in viewer.alerts[-1]["text"]
    assert (
        await _count(
            bot_tester,
            AuditLog,
            AuditLog.action == "documents",
            AuditLog.result == AuditResult.DENIED,
            AuditLog.user_id == viewer_id,
        )
        == 1
    )
    # What it ordered (nothing) is all its history shows.
    await viewer.press_data(viewer.last.message_id, DocHistCb().pack())
    assert "Документов пока нет." in viewer.last.text
    # A kind of document no button carries: refused.
    invoices = DocHistCb(kind=DocumentKind.INVOICE, filters=1)
    await viewer.press_unavailable(forged(invoices, "kind", "contract"))
    await viewer.press_data(viewer.last.message_id, DocNavCb(step=DocStep.ORDER).pack())
    assert "Недостаточно прав" in viewer.alerts[-1]["text"]
    await viewer.press_data(viewer.last.message_id, DocFileCb(document_id=foreign_doc).pack())
    assert "Недостаточно прав" in viewer.alerts[-1]["text"]
    assert not any(m.document for m in viewer.bot_messages)
    # The coordinator of another company cannot download it either.
    await user.press_data(user.last.message_id, DocFileCb(document_id=foreign_doc).pack())
    assert "Недостаточно прав" in user.alerts[-1]["text"]
    # Another company's order (or one that does not exist) named in a button: refused.
    await user.press_data(user.last.message_id, DocHistCb(order_id=987654).pack())
    assert "Недостаточно прав" in user.alerts[-1]["text"]
    downloads = await _count(
        bot_tester,
        AuditLog,
        AuditLog.action == "document_download",
        AuditLog.result == AuditResult.DENIED,
    )
    assert downloads == 2


async def test_a_restart_while_making_loses_nothing_and_makes_it_once(
    bot_tester: BotTester,
) -> None:
    user = await _chat(bot_tester, NORTH_UNION, 886)
    await _open_order(user)
    await user.press(next(b for b in user.last.buttons if "300115473001" in b))
    await user.press("Далее (1 счёт) ▶️")
    # The last ended months are buttons, the latest first; «Назад» goes one step back.
    await user.press(user.last.buttons[0])
    assert "Какие документы подготовить?" in user.last.text
    await user.press("◀️ Назад")
    assert "За какой период?" in user.last.text
    await user.press(user.last.buttons[0])
    await user.press("⬜ Счёт без детализации")
    await user.press("Далее ▶️")
    await user.press("⚪ PDF")
    await user.press("⚪ Не сообщать")
    await user.press("✖️ Нет")
    await user.press("✅ Заказать")
    # An instance claimed the document and died before finishing it.
    async with bot_tester.session_maker() as db:
        start = await db.scalar(select(Document.period_start))
        assert start is not None and f"{start:%m.%Y}" == _months_back(1)
        await db.execute(
            update(Document).values(
                status=DocumentStatus.MAKING,
                claimed_by="dead-host:1",
                claimed_at=local_now_minus(minutes=30),
            )
        )
        await db.commit()
    await bot_tester.run_jobs()
    await bot_tester.run_jobs()
    await bot_tester.feed()
    files = [m for m in user.bot_messages if m.document]
    assert len(files) == 1
    pushes = [m for m in user.bot_messages if "по заказу" in m.text and "готовы" in m.text]
    assert len(pushes) == 1
    assert await _count(bot_tester, Document, Document.status == DocumentStatus.SENT) == 1


async def test_last_months_invoice_in_four_taps(bot_tester: BotTester) -> None:
    user = await _chat(bot_tester, NORTH_UNION, 893)
    last = month_start(month_start(local_today()) - timedelta(days=1))
    month = I18n("ru").get("ru")(f"acc-month-{last.month}")
    quick = f"🧾 Счёт за {month}"
    await user.send("/menu")
    taps = 0
    for label in ("🧾 Лицевые счета", None, quick):
        taps += 1
        if label is None:  # the account
            await user.press(next(b for b in user.last.buttons if "300115473002" in b))
        else:
            await user.press(label)
    summary = user.last.text
    assert "Проверьте заказ документов" in summary
    assert "Лицевые счета (1): 300115473002" in summary and "Документы: Счёт без детализации" in (
        summary
    )
    assert "Формат: PDF" in summary and "Уведомление: Не сообщать" in summary
    await user.press("✅ Заказать")
    taps += 1
    assert taps == 4 and "Заказ №" in user.last.text
    async with bot_tester.session_maker() as db:
        docs = list(await db.scalars(select(Document)))
    account = await demo_account(bot_tester.session_maker, "300115473002")
    assert [(d.account_id, d.kind, d.period_start, d.doc_date) for d in docs] == [
        (account.id, DocumentKind.INVOICE, last, month_start(local_today()) - timedelta(days=1))
    ]
    # From the section's first screen: the same, the account chosen first (there are several).
    await user.send("/start")
    await user.press("📑 Документы")
    await user.press(quick)
    assert "Отметьте лицевые счета" in user.last.text
    await user.press(next(b for b in user.last.buttons if "300115473001" in b))
    await user.press("Далее (1 счёт) ▶️")
    assert "Проверьте заказ документов" in user.last.text
    assert "Лицевые счета (1): 300115473001" in user.last.text
    # Another company's account in a forged shortcut: refused and audited, nothing started.
    foreign = await demo_account(bot_tester.session_maker, "300522810001")
    await user.press_data(user.last.message_id, DocQuickCb(account_id=foreign.id).pack())
    assert "Недостаточно прав" in user.alerts[-1]["text"]
    assert await _count(bot_tester, Order, DOC_ORDERS) == 1


async def test_only_ended_months_are_offered_and_accepted(bot_tester: BotTester) -> None:
    user = await _chat(bot_tester, NORTH_UNION, 892)
    await _open_order(user)
    await user.press(next(b for b in user.last.buttons if "300115473001" in b))
    await user.press("Далее (1 счёт) ▶️")
    running = month_start(local_today())
    last = month_start(running - timedelta(days=1))
    # The months offered have all ended: the latest is last month, the running one is not there.
    ru = I18n("ru").get("ru")
    name = {day: f"{ru(f'acc-month-{day.month}')} {day.year}" for day in (running, last)}
    assert user.last.buttons[0] == name[last]
    assert name[running] not in user.last.buttons
    # A typed running month: the reason, the last month that can be had, the question again.
    await user.press("✍️ Ввести период")
    await user.send(f"{running:%m.%Y}")
    assert "Период ещё не закончился" in user.last.text
    assert f"последний из них — {last:%m.%Y}" in user.last.text
    assert "Введите период" in user.last.text
    # A forged (or stale) button for the running month: the same, nothing chosen.
    code = running.year * 100 + running.month
    await user.press_data(user.last.message_id, DocPeriodCb(first=code, last=code).pack())
    assert "Период ещё не закончился" in user.last.text and "За какой период?" in user.last.text
    async with bot_tester.session_maker() as db:
        assert await db.scalar(select(func.count(Document.id))) == 0


def local_now_minus(minutes: int):  # type: ignore[no-untyped-def]
    from domain.clock import utcnow

    return utcnow() - timedelta(minutes=minutes)


async def test_the_demo_order_is_made_in_the_background_and_listed(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 887)
    await bot_tester.run_jobs()
    await bot_tester.feed()
    await user.send("/start")
    await user.press("📑 Документы")
    await user.press("🗂 История документов")
    assert "4 документа" in user.last.text
    assert user.last.text.count("📨 Отправлен") == 4
    assert sum(1 for b in user.last.buttons if b.startswith("⬇️")) == 4


async def test_a_prepayment_invoice_in_the_history_names_no_order_and_no_period(
    bot_tester: BotTester,
) -> None:
    """Made at once, it belongs to no order and covers no period: its row once read
    «ЛС 300115473001 · —» and «✅ Готов · заказ № 0»."""
    user = await demo_chat(bot_tester, NORTH_UNION, 894)
    await user.send("/menu")
    await user.press("🧾 Лицевые счета")
    await user.press(next(b for b in user.last.buttons if "300115473001" in b))
    await user.press("🧾 Счёт на предоплату")
    await user.send("15000")
    await user.send("/menu")
    await user.press("📑 Документы")
    await user.press("🗂 История документов")
    row = next(r for r in user.last.text.split("\n\n") if r.startswith("Счёт на предоплату"))
    assert row.splitlines()[1:] == ["ЛС 300115473001", "✅ Готов"]
    assert "заказ № 0" not in user.last.text and "· —" not in user.last.text
    assert "· заказ № " in user.last.text  # the demo's ordered documents still name theirs
