"""Document orders through the domain: placing once, making once, e-mail through real SMTP.

The SMTP server is aiosmtpd, started in this test process on a free port; the bot's SMTP
gateway (aiosmtplib) talks to it over TCP, as it would to a real mail server.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import io
import zipfile
from dataclasses import replace
from datetime import date
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.smtp import SMTP
from pypdf import PdfReader
from sqlalchemy import func, select

from bot.gateways.email import SmtpEmail
from bot.gateways.sms import ConsoleSms
from bot.i18n import I18n
from bot.notifier import Notifier
from domain.documents.orders import (
    DocumentRequest,
    NotifyBy,
    make_due_documents,
    parse_period,
    period_example,
    place_document_order,
    recent_months,
)
from domain.errors import AccessDenied, ValidationFailed
from domain.money import format_amount, vat_from_gross
from domain.types import ChargeCategory, DocumentFormat, DocumentKind, DocumentStatus
from storage.models import Document, Order, Outbox
from tests.accounts_data import (
    add_charge,
    add_vat_rates,
    assistant,
    at,
    coordinator,
    small_world,
    viewer,
)


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), msg))
        return "250 OK"


@pytest.fixture
async def smtp_server():  # type: ignore[no-untyped-def]
    """A real SMTP server on a free local port, in this test's event loop."""
    inbox = Inbox()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(inbox), "127.0.0.1", 0)
    try:
        yield inbox, server.sockets[0].getsockname()[1]
    finally:
        server.close()
        await server.wait_closed()


def test_period_is_typed_as_months() -> None:
    today = date(2026, 12, 10)
    assert parse_period("09.2026-11.2026", today) == (date(2026, 9, 1), date(2026, 11, 30))
    assert parse_period(" 2/2026 ", today) == (date(2026, 2, 1), date(2026, 2, 28))
    for bad, key in (
        ("сентябрь", "doc-err-period-format"),
        ("13.2026", "doc-err-period-format"),
        ("11.2026-09.2026", "doc-err-period-order"),
        ("01.2027", "doc-err-period-future"),
        # The running month has not ended: not yet.
        ("12.2026", "doc-err-period-future"),
        ("11.2026-12.2026", "doc-err-period-future"),
        ("01.2025-11.2026", "doc-err-period-long"),
    ):
        with pytest.raises(ValidationFailed) as err:
            parse_period(bad, today)
        assert err.value.key == key
        assert "example" not in err.value.params  # the question asked again gives the one
        if key == "doc-err-period-future":
            assert err.value.params["last"] == "11.2026"  # the last month that can be had
    # The question's example is a period the step takes, whatever the day.
    for day in (today, date(2026, 12, 1), date(2027, 1, 31), date(2028, 2, 29)):
        assert parse_period(period_example(day), day)
    assert period_example(today) == "10.2026-11.2026"
    # On the 1st the month just ended is the latest; the months offered are ended ones only.
    assert parse_period("11.2026", date(2026, 12, 1)) == (date(2026, 11, 1), date(2026, 11, 30))
    assert recent_months(date(2026, 12, 1), 3) == [
        date(2026, 11, 1),
        date(2026, 10, 1),
        date(2026, 9, 1),
    ]
    assert recent_months(date(2026, 1, 31), 1) == [date(2025, 12, 1)]


async def test_a_period_that_has_not_ended_is_refused_by_the_domain(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    await add_vat_rates(session)
    principal = coordinator(w)
    today = date(2026, 11, 5)
    base = DocumentRequest(
        account_ids=(w.accounts[0].id,),
        first=date(2026, 11, 1),
        last=date(2026, 11, 30),
        kinds=(DocumentKind.INVOICE,),
    )
    for req in (
        base,  # the running month, dated in the future
        replace(base, first=date(2026, 10, 1)),  # a range that ends in it
        replace(base, kinds=(DocumentKind.RECONCILIATION,)),  # a statement that ends after today
    ):
        with pytest.raises(ValidationFailed) as err:
            await place_document_order(session, principal, req, f"k-{req.first}", today=today)
        assert err.value.key == "doc-err-period-future" and err.value.params["last"] == "10.2026"
    # Part of a month is not a period either.
    with pytest.raises(ValidationFailed) as err:
        await place_document_order(
            session,
            principal,
            replace(base, first=date(2026, 10, 3), last=date(2026, 10, 31)),
            "k-part",
            today=today,
        )
    assert err.value.key == "doc-err-period-format"
    assert await session.scalar(select(func.count(Document.id))) == 0
    # The month that ended is made, dated its last day: before today.
    placed = await place_document_order(
        session,
        principal,
        replace(base, first=date(2026, 10, 1), last=date(2026, 10, 31)),
        "k-ok",
        today=today,
    )
    assert placed.documents == 1
    doc = await session.scalar(select(Document))
    assert doc is not None and doc.doc_date == date(2026, 10, 31) < today


async def test_order_once_made_once_and_mailed_through_smtp(
    session, session_maker, smtp_server
) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp_server
    w = await small_world(session)
    await add_vat_rates(session)
    acc = w.accounts[0]
    amounts = [1_000_00, 2_345_67, 99]
    for kop in amounts:
        await add_charge(session, acc, at(2026, 10, 15), kop, ChargeCategory.CALLS)
    await session.commit()
    req = DocumentRequest(
        account_ids=(acc.id,),
        first=date(2026, 10, 1),
        last=date(2026, 10, 31),
        kinds=(DocumentKind.INVOICE, DocumentKind.VAT_INVOICE),
        format=DocumentFormat.PDF,
        notify=NotifyBy.EMAIL,
        zip_email=True,
    )
    principal = coordinator(w)
    first = await place_document_order(session, principal, req, "key-1", today=date(2026, 11, 5))
    again = await place_document_order(session, principal, req, "key-1", today=date(2026, 11, 5))
    await session.commit()
    assert first.order_id == again.order_id and again.existed and first.documents == 2
    assert await session.scalar(select(func.count(Order.id))) == 1

    async with session_maker() as db:
        assert await make_due_documents(db, worker="a") == 2
    async with session_maker() as db:
        assert await make_due_documents(db, worker="b") == 0
    notifier = Notifier(
        None,  # type: ignore[arg-type]  # only e-mail here
        session_maker,
        I18n("ru"),
        ConsoleSms(),
        SmtpEmail("127.0.0.1", port, None, None, "cabinet@example.org", starttls=False),
        rate=1000.0,
        per_chat=0.0,
    )
    async with session_maker() as db:
        tg = await db.scalars(select(Outbox).where(Outbox.channel == "telegram"))
        for row in tg:  # no chat in this test: only the e-mails are delivered
            await db.delete(row)
        await db.commit()
    await notifier.run_once()
    for _ in range(50):
        if len(inbox.messages) >= 2:
            break
        await asyncio.sleep(0.05)
    assert len(inbox.messages) == 2
    by_subject = {m["Subject"]: (frm, to, m) for frm, to, m in inbox.messages}
    subject = f"Документы по заказу № {first.order_id}"
    assert set(by_subject) == {subject}
    mails = [m for _f, _t, m in inbox.messages]
    with_zip = next(m for m in mails if m.is_multipart())
    assert with_zip["To"] == w.company.email
    parts = [p for p in with_zip.walk() if p.get_filename()]
    assert [p.get_filename() for p in parts] == [f"dokumenty_zakaz_{first.order_id}.zip"]
    assert parts[0].get_content_type() == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(parts[0].get_payload(decode=True)))
    names = sorted(archive.namelist())
    assert len(names) == 2 and all(n.endswith(".pdf") for n in names)
    total = sum(amounts)
    vat = vat_from_gross(total, 22)
    for name in names:
        text = " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(archive.read(name))).pages
        ).replace("\u00a0", " ")
        assert "3 346,66" in text  # 1 000,00 + 2 345,67 + 0,99
        assert format_amount(vat, sep=" ") in text
    async with session_maker() as db:
        statuses = set(await db.scalars(select(Document.status)))
        sent = await db.scalar(
            select(func.count(Outbox.id)).where(Outbox.channel == "email", Outbox.status == "sent")
        )
    assert statuses == {DocumentStatus.SENT} and sent == 2


async def test_levels_and_scope_are_checked(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    req = DocumentRequest(
        account_ids=(w.other_account.id,),
        first=date(2026, 10, 1),
        last=date(2026, 10, 31),
        kinds=(DocumentKind.INVOICE,),
    )
    with pytest.raises(AccessDenied):
        await place_document_order(session, coordinator(w), req, "k1", today=date(2026, 11, 5))
    own_but_not_hers = DocumentRequest(
        account_ids=(w.accounts[1].id,), first=req.first, last=req.last, kinds=req.kinds
    )
    with pytest.raises(AccessDenied):
        await place_document_order(
            session, assistant(w), own_but_not_hers, "k2", today=date(2026, 11, 5)
        )
    with pytest.raises(AccessDenied):
        own = DocumentRequest(
            account_ids=(w.accounts[0].id,), first=req.first, last=req.last, kinds=req.kinds
        )
        await place_document_order(session, viewer(w), own, "k3", today=date(2026, 11, 5))
    assert await session.scalar(select(func.count(Order.id))) == 0


async def test_a_view_only_user_sees_its_own_numbers_documents_only(session) -> None:  # type: ignore[no-untyped-def]
    from domain.documents.orders import document_file, document_history

    w = await small_world(session)
    own_sub = w.subscribers[0]
    for i, sub_id in enumerate((own_sub.id, None)):
        session.add(
            Document(
                company_id=w.company.id,
                account_id=w.accounts[0].id,
                subscriber_id=sub_id,
                kind=DocumentKind.INVOICE_DETAILED,
                format=DocumentFormat.PDF,
                number=f"V-{i}",
                doc_date=date(2026, 10, 31),
                status=DocumentStatus.READY,
                file_name=f"v{i}.pdf",
                content=b"%PDF",
            )
        )
    await session.flush()
    page = await document_history(session, viewer(w))
    assert [r.number for r in page.rows] == ["V-0"]
    other = await session.scalar(select(Document.id).where(Document.number == "V-1"))
    with pytest.raises(AccessDenied):
        await document_file(session, viewer(w), int(other or 0))
    full = await document_history(session, coordinator(w))
    assert sorted(r.number for r in full.rows) == ["V-0", "V-1"]


async def test_ten_users_order_at_once_and_two_workers_make_each_document_once(
    session, session_maker
) -> None:  # type: ignore[no-untyped-def]
    from domain.access.checks import Principal
    from domain.types import Role
    from tests.accounts_data import make_user

    w = await small_world(session)
    await add_vat_rates(session)
    users = [await make_user(session, w.company, Role.COORDINATOR) for _ in range(10)]
    await session.commit()
    principals = [
        Principal(u.id, 0, w.company.id, w.company.name, u.role, u.brand, u.login, None, None)
        for u in users
    ]

    async def place(i: int) -> int:
        req = DocumentRequest(
            account_ids=(w.accounts[i % 3].id,),
            first=date(2026, 9, 1),
            last=date(2026, 10, 31),
            kinds=(DocumentKind.INVOICE,),
        )
        async with session_maker() as db:
            placed = await place_document_order(
                db, principals[i], req, f"ten-{i}", today=date(2026, 11, 5)
            )
            await db.commit()
            return placed.order_id

    orders = await asyncio.gather(*(place(i) for i in range(10)))
    assert len(set(orders)) == 10

    async def work(name: str) -> int:
        async with session_maker() as db:
            n = await make_due_documents(db, worker=name)
            await db.commit()
            return n

    made = 0
    for _ in range(5):
        made += sum(await asyncio.gather(work("w1"), work("w2")))
    assert made == 20  # 10 orders × 2 months, each made by exactly one worker
    async with session_maker() as db:
        statuses = list(await db.scalars(select(Document.status)))
        done = list(await db.scalars(select(Order.status)))
    assert statuses == [DocumentStatus.SENT] * 20
    assert all(s == "completed" for s in done)


async def test_a_document_that_cannot_be_made_fails_alone(
    session, session_maker, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from domain.documents import orders

    w = await small_world(session)
    await add_vat_rates(session)
    await add_charge(session, w.accounts[0], at(2026, 10, 15), 1_000_00, ChargeCategory.CALLS)
    req = DocumentRequest(
        account_ids=(w.accounts[0].id,),
        first=date(2026, 10, 1),
        last=date(2026, 10, 31),
        kinds=(DocumentKind.INVOICE, DocumentKind.VAT_INVOICE),
    )
    placed = await place_document_order(
        session, coordinator(w), req, "k-fail", today=date(2026, 11, 5)
    )
    await session.commit()
    real = orders.render_document

    async def vat_breaks(doc, db, today):  # type: ignore[no-untyped-def]
        if doc.kind == DocumentKind.VAT_INVOICE:
            raise TimeoutError("the renderer hung")
        return await real(doc, db, today)

    monkeypatch.setattr(orders, "render_document", vat_breaks)
    async with session_maker() as db:
        assert await make_due_documents(db, worker="a") == 2
    async with session_maker() as db:
        docs = {d.kind: d for d in await db.scalars(select(Document))}
        order = await db.get(Order, placed.order_id)
    assert docs[DocumentKind.VAT_INVOICE].status == DocumentStatus.FAILED
    assert docs[DocumentKind.VAT_INVOICE].reason == "TimeoutError"
    assert docs[DocumentKind.INVOICE].status == DocumentStatus.SENT
    assert order is not None and order.status.value == "partial"
