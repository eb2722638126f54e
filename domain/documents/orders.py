"""Document orders: what a user asks for, the background job that makes it, the history.

- `place_document_order` checks the level and every account (`checked_accounts`), then writes
  one `Order` (kind DOCUMENTS or RECONCILIATION) with an item per account and one queued
  `Document` row per account × month × kind (a reconciliation statement: one per account for the
  whole period). Placing the same request key twice returns the first order.
- `make_due_documents` (a scheduler job) claims queued rows one at a time with a conditional
  update, builds the data from the database, renders in a worker thread (the event loop keeps
  serving users), stores the file and commits per document. A claim older than `STALE_AFTER`
  (the instance died) is taken again, so after a restart every document is made exactly once.
- When an order's last document is done, one conditional update closes the order, and in the
  same transaction the outbox gets the push «Документы по заказу № … готовы» with a button, the
  files for the chat (one file, an album, or one zip), the SMS or e-mail notice and the e-mail
  with the archive, as asked. The documents become SENT: handed to the outbox, which delivers
  each row once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from types import ModuleType
from typing import Any

from sqlalchemy import and_, func, or_, select, update

from domain import claims
from domain.access.checks import Permission, Principal, deny
from domain.accounts.balance import (
    checked_accounts,
    local_today,
    month_start,
    next_month_start,
    pages_for,
)
from domain.auth.passwords import generate_password
from domain.clock import utcnow
from domain.db import Db
from domain.documents import accounting as acc
from domain.documents.archive import aes_zip_files
from domain.errors import NotFound, ValidationFailed
from domain.notifications import notify_user, send_email, send_sms
from domain.orders.placing import ItemSpec, place_order
from domain.types import (
    Channel,
    DocumentFormat,
    DocumentKind,
    DocumentStatus,
    OrderItemStatus,
    OrderKind,
    OrderStatus,
)
from domain.types import NotifyBy as NotifyBy  # in types: keyboards use it
from storage.models import Account, CabinetUser, Company, Document, Order, OrderItem

STALE_AFTER = timedelta(minutes=5)
MAX_MONTHS = 12
MAX_DOCUMENTS = 240
ALBUM_LIMIT = 10  # Telegram's album size; more files go as one zip
ORDER_KINDS = (DocumentKind.INVOICE_DETAILED, DocumentKind.INVOICE, DocumentKind.VAT_INVOICE)
FINISHED = (DocumentStatus.READY, DocumentStatus.SENT, DocumentStatus.FAILED)

FILE_STEMS = {
    DocumentKind.INVOICE: "schet",
    DocumentKind.INVOICE_DETAILED: "schet_detalizaciya",
    DocumentKind.VAT_INVOICE: "schet-faktura",
    DocumentKind.RECONCILIATION: "akt_sverki",
    DocumentKind.PREPAYMENT_INVOICE: "schet_na_predoplatu",
}

log = logging.getLogger(__name__)


_font_path: str | None = None


def configure(*, font_path: str | None) -> None:
    """The TTF the background job's PDFs use (`FONT_PATH`); None: the default (DejaVu Sans)."""
    global _font_path
    _font_path = font_path


@dataclass(frozen=True)
class DocumentRequest:
    """What the dialog collects; kept in the FSM as `to_data()` and in the order's params."""

    account_ids: tuple[int, ...]
    first: date
    last: date
    kinds: tuple[DocumentKind, ...]  # (RECONCILIATION,) for a reconciliation statement
    format: DocumentFormat = DocumentFormat.PDF
    notify: NotifyBy = NotifyBy.NONE
    zip_email: bool = False
    protect: bool = False

    @property
    def reconciliation(self) -> bool:
        return self.kinds == (DocumentKind.RECONCILIATION,)

    def months(self) -> list[acc.Period]:
        return list(acc.Period(self.first, self.last).months())

    def format_of(self, kind: DocumentKind) -> DocumentFormat:
        # The VAT invoice and the reconciliation statement exist only as PDF.
        if kind in (DocumentKind.VAT_INVOICE, DocumentKind.RECONCILIATION):
            return DocumentFormat.PDF
        return self.format

    def to_data(self) -> dict[str, Any]:
        return {
            "account_ids": list(self.account_ids),
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "kinds": [k.value for k in self.kinds],
            "format": self.format.value,
            "notify": self.notify.value,
            "zip_email": self.zip_email,
            "protect": self.protect,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> DocumentRequest:
        return cls(
            account_ids=tuple(int(i) for i in data.get("account_ids") or ()),
            first=date.fromisoformat(data["first"]),
            last=date.fromisoformat(data["last"]),
            kinds=tuple(DocumentKind(k) for k in data.get("kinds") or ()),
            format=DocumentFormat(data.get("format") or DocumentFormat.PDF.value),
            notify=NotifyBy(data.get("notify") or NotifyBy.NONE.value),
            zip_email=bool(data.get("zip_email")),
            protect=bool(data.get("protect")),
        )


def formats_for(kinds: tuple[DocumentKind, ...] | list[DocumentKind]) -> tuple[DocumentFormat, ...]:
    """The formats every one of `kinds` can be made in: the VAT invoice and the statement are
    PDF only, so an order with one of them is PDF whatever else it has."""
    if any(k in (DocumentKind.VAT_INVOICE, DocumentKind.RECONCILIATION) for k in kinds):
        return (DocumentFormat.PDF,)
    return (DocumentFormat.PDF, DocumentFormat.HTML)


# ----------------------------------------------------------------------------------------------
# Periods


def last_closed_month(today: date) -> date:
    """The first day of the last month that has ended: documents are made for ended months
    only (an invoice is dated its month's last day, never after today)."""
    return month_start(month_start(today) - timedelta(days=1))


def period_example(today: date) -> str:
    """A range of months the period step takes today: the last two that have ended."""
    last = last_closed_month(today)
    first = last_closed_month(last)
    return f"{first:%m.%Y}-{last:%m.%Y}"


def recent_months(today: date, n: int = 6) -> list[date]:
    """The first days of the last `n` ended months, the latest first."""
    out: list[date] = []
    day = last_closed_month(today)
    for _ in range(n):
        out.append(day)
        day = month_start(day - timedelta(days=1))
    return out


def month_bounds(first_month: date, last_month: date) -> tuple[date, date]:
    return first_month, next_month_start(last_month) - timedelta(days=1)


_RANGE_RE = re.compile(
    r"^\s*(\d{1,2})[./](\d{4})\s*(?:[-–—]|по|to)?\s*(?:(\d{1,2})[./](\d{4}))?\s*$"
)


def not_ended(today: date) -> ValidationFailed:
    """A period that has not ended, with the last month that can be had."""
    return ValidationFailed("doc-err-period-future", last=f"{last_closed_month(today):%m.%Y}")


def parse_period(text: str, today: date) -> tuple[date, date]:
    """`09.2026-11.2026` (or one month `10.2026`) → the first and the last day of the months;
    the months must have ended."""
    m = _RANGE_RE.match(text)
    if m is None:
        raise ValidationFailed("doc-err-period-format")
    m1, y1 = int(m.group(1)), int(m.group(2))
    m2, y2 = (int(m.group(3)), int(m.group(4))) if m.group(3) else (m1, y1)
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12 and 2000 <= y1 <= 2100 and 2000 <= y2 <= 2100):
        raise ValidationFailed("doc-err-period-format")
    first, last = date(y1, m1, 1), date(y2, m2, 1)
    if first > last:
        raise ValidationFailed("doc-err-period-order")
    if last > last_closed_month(today):
        raise not_ended(today)
    if (last.year - first.year) * 12 + last.month - first.month + 1 > MAX_MONTHS:
        raise ValidationFailed("doc-err-period-long", months=MAX_MONTHS)
    return month_bounds(first, last)


# ----------------------------------------------------------------------------------------------
# Placing an order


@dataclass(frozen=True)
class PlacedOrder:
    order_id: int
    documents: int
    existed: bool


def _check_request(req: DocumentRequest, today: date) -> None:
    if not req.kinds:
        raise ValidationFailed("doc-err-no-kinds")
    if not req.reconciliation and any(k not in ORDER_KINDS for k in req.kinds):
        raise ValidationFailed("doc-err-no-kinds")
    if req.format not in formats_for(req.kinds):
        raise ValidationFailed("doc-err-format")
    if req.first > req.last:
        raise ValidationFailed("doc-err-period-order")
    # Whole ended months only, whatever a forged button or a stale dialog says: an invoice is
    # dated its month's last day and a statement ends with it, yesterday at the latest.
    whole_months = req.first == month_start(req.first) and req.last == next_month_start(
        req.last
    ) - timedelta(days=1)
    if not whole_months:
        raise ValidationFailed("doc-err-period-format")
    if req.last >= month_start(today):
        raise not_ended(today)
    if len(req.months()) > MAX_MONTHS:
        raise ValidationFailed("doc-err-period-long", months=MAX_MONTHS)


def _file_name(kind: DocumentKind, number: str, fmt: DocumentFormat) -> str:
    safe = re.sub(r"[^0-9A-Za-z_-]+", "-", number.replace("СФ-", "SF-").replace("АС-", "AS-"))
    return f"{FILE_STEMS[kind]}_{safe.strip('-')}.{fmt.value}"


@dataclass(frozen=True)
class Contacts:
    """Where the order's notice and zip can go: the user's e-mail, else the company's; the
    user's phone."""

    email: str | None
    phone: str | None


async def delivery_contacts(db: Db, principal: Principal) -> Contacts:
    user = await db.get(CabinetUser, principal.user_id)
    email = (user.email if user else None) or await _company_email(db, principal.company_id)
    return Contacts(email=email or None, phone=(user.phone if user else None) or None)


async def place_document_order(
    db: Db,
    principal: Principal,
    req: DocumentRequest,
    request_key: str,
    today: date | None = None,
) -> PlacedOrder:
    """Order the documents of `req`: one order, its items and queued documents, at once."""
    action = "order_reconciliation" if req.reconciliation else "order_documents"
    refs = await checked_accounts(
        db, principal, req.account_ids, Permission.ORDER_DOCUMENTS, action
    )
    if not refs:
        raise ValidationFailed("doc-err-no-accounts")
    day = today or local_today()
    _check_request(req, day)
    contacts = await delivery_contacts(db, principal)
    if (req.zip_email or req.notify is NotifyBy.EMAIL) and not contacts.email:
        raise ValidationFailed("doc-err-no-email")
    if req.notify is NotifyBy.SMS and not contacts.phone:
        raise ValidationFailed("doc-err-no-phone")
    if req.protect and not contacts.phone:
        raise ValidationFailed("doc-err-no-phone-password")
    months = req.months()
    count = len(refs) if req.reconciliation else len(refs) * len(months) * len(req.kinds)
    if count > MAX_DOCUMENTS:
        raise ValidationFailed("doc-err-too-many", n=count, max=MAX_DOCUMENTS)
    channel = {NotifyBy.SMS: Channel.SMS, NotifyBy.EMAIL: Channel.EMAIL}.get(req.notify)
    ref = await place_order(
        db,
        principal,
        kind=OrderKind.RECONCILIATION if req.reconciliation else OrderKind.DOCUMENTS,
        items=[ItemSpec(account_id=r.id) for r in refs],
        request_key=request_key,
        params=req.to_data(),
        notify_channel=channel,
    )
    if not ref.created:
        n = await db.scalar(select(func.count(Document.id)).where(Document.order_id == ref.id))
        return PlacedOrder(ref.id, int(n or 0), existed=True)
    _queue_documents(db, principal, ref.id, refs, req, day)
    await db.flush()
    return PlacedOrder(ref.id, count, existed=False)


def _queue_documents(
    db: Db, principal: Principal, order_id: int, refs: list[Any], req: DocumentRequest, day: date
) -> None:
    """One queued document per account × month × kind; a statement: one per account, for the
    whole period, dated the day it is ordered."""
    period = acc.Period(req.first, req.last)
    for account in refs:
        if req.reconciliation:
            number = acc.reconciliation_number(account.number, period)
            kind, fmt = DocumentKind.RECONCILIATION, DocumentFormat.PDF
            db.add(_queued(principal, order_id, account.id, kind, number, period, fmt, day))
            continue
        for month in req.months():
            for kind in req.kinds:
                number = (
                    acc.vat_invoice_number(account.number, month)
                    if kind == DocumentKind.VAT_INVOICE
                    else acc.invoice_number(account.number, month)
                )
                fmt = req.format_of(kind)
                db.add(
                    _queued(principal, order_id, account.id, kind, number, month, fmt, month.last)
                )


def _queued(
    principal: Principal,
    order_id: int,
    account_id: int,
    kind: DocumentKind,
    number: str,
    period: acc.Period,
    fmt: DocumentFormat,
    doc_date: date,
) -> Document:
    return Document(
        company_id=principal.company_id,
        account_id=account_id,
        order_id=order_id,
        kind=kind,
        format=fmt,
        number=number,
        doc_date=doc_date,
        period_start=period.first,
        period_end=period.last,
        status=DocumentStatus.QUEUED,
        file_name=_file_name(kind, number, fmt),
    )


# ----------------------------------------------------------------------------------------------
# The background job


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _renderers() -> tuple[ModuleType, ModuleType]:
    from domain.documents import render_html, render_pdf

    return render_html, render_pdf


_preloading: list[threading.Thread] = []


def start_loading_renderers() -> None:
    """Begin importing fpdf2 and Jinja2 in a daemon thread, once per process. The documents
    section calls it when a user opens it: the PDF ordered a few presses later then finds them
    loaded, and a bot whose users never order documents never holds them (docs/startup.md)."""
    if _preloading:
        return

    def load() -> None:
        try:
            _renderers()
        except Exception:  # the document job imports them again and reports what fails
            log.warning("loading the document renderers failed", exc_info=True)

    _preloading.append(threading.Thread(target=load, name="documents-import", daemon=True))
    _preloading[0].start()


async def render_document(doc: Document, db: Db, today: date) -> tuple[bytes, int]:
    """The file of a queued document and the amount it shows (rendered in a worker thread).

    fpdf2 and Jinja2 load on the first document after start, in a worker thread while its data
    is read (SQLite reads without the GIL): the first document costs about what the next do and
    the event loop never waits for the import."""
    loading = asyncio.ensure_future(asyncio.to_thread(_renderers))
    period = acc.Period(doc.period_start or doc.doc_date, doc.period_end or doc.doc_date)
    try:
        if doc.kind == DocumentKind.RECONCILIATION:
            rdata = await acc.reconciliation_data(db, doc.account_id, period, today)
        else:
            data = await acc.invoice_data(db, doc.account_id, period, doc.kind)
    finally:
        render_html, render_pdf = await loading
    if doc.kind == DocumentKind.RECONCILIATION:
        pdf = await asyncio.to_thread(render_pdf.render_reconciliation_pdf, rdata, _font_path)
        return pdf, rdata.closing_kop
    render: Callable[[acc.InvoiceData], bytes]
    if doc.kind == DocumentKind.VAT_INVOICE:
        render = partial(render_pdf.render_vat_invoice_pdf, font_path=_font_path)
    elif doc.format == DocumentFormat.HTML:
        render = render_html.render_invoice_html
    else:
        render = partial(render_pdf.render_invoice_pdf, font_path=_font_path)
    return await asyncio.to_thread(render, data), data.total_kop


async def _claim(db: Db, doc_id: int, worker: str) -> bool:
    now = utcnow()
    claimable = or_(
        Document.status == DocumentStatus.QUEUED,
        and_(
            Document.status == DocumentStatus.MAKING,
            Document.claimed_at < now - claims.timeout(STALE_AFTER),
        ),
    )
    result = await db.execute(
        update(Document)
        .where(Document.id == doc_id, claimable)
        .values(status=DocumentStatus.MAKING, claimed_by=worker, claimed_at=now)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


async def make_due_documents(db: Db, *, worker: str | None = None, limit: int = 50) -> int:
    """Make what is queued (and what a dead instance left half-made); returns how many."""
    worker = worker or worker_name()
    now = utcnow()
    due = list(
        await db.scalars(
            select(Document.id)
            .where(
                Document.order_id.is_not(None),
                or_(
                    Document.status == DocumentStatus.QUEUED,
                    and_(
                        Document.status == DocumentStatus.MAKING,
                        Document.claimed_at < now - claims.timeout(STALE_AFTER),
                    ),
                ),
            )
            .order_by(Document.id)
            .limit(limit)
        )
    )
    made = 0
    touched: set[int] = set()
    for doc_id in due:
        if not await _claim(db, doc_id, worker):
            await db.rollback()
            continue
        doc = await db.get(Document, doc_id, populate_existing=True)
        if doc is None or doc.order_id is None:  # pragma: no cover - just claimed
            continue
        await db.execute(
            update(Order)
            .where(Order.id == doc.order_id, Order.status == OrderStatus.NEW)
            .values(status=OrderStatus.IN_PROGRESS)
        )
        await db.commit()
        made_doc = await _make(db, doc)
        if made_doc is None:  # pragma: no cover
            continue
        doc = made_doc
        doc.made_at = utcnow()
        await db.commit()
        made += 1
        touched.add(doc.order_id or 0)
    for order_id in sorted(touched):
        await finish_order_if_done(db, order_id)
        await db.commit()
    return made


async def _make(db: Db, doc: Document) -> Document | None:
    """Render a claimed document (a protected statement zipped); one that cannot be made fails
    alone, with the exception's class name as its reason."""
    doc_id = doc.id
    order = await db.get(Order, doc.order_id)
    params = (order.params if order else None) or {}
    try:
        content, amount_kop = await render_document(doc, db, local_today())
        if doc.kind == DocumentKind.RECONCILIATION and params.get("protect") and order:
            content = await _protect(db, order, doc, content)
        doc.content = content
        doc.status = DocumentStatus.READY
        doc.amount_kop = amount_kop
        doc.reason = None
        return doc
    except Exception as exc:
        await db.rollback()
        failed = await db.get(Document, doc_id, populate_existing=True)
        if failed is not None:
            failed.status = DocumentStatus.FAILED
            failed.reason = type(exc).__name__[:300]
        return failed


async def _protect(db: Db, order: Order, doc: Document, pdf: bytes) -> bytes:
    """An AES zip with a fresh password. The password goes by SMS only; the outbox forgets it
    once delivered (the notifier wipes it and checkpoints SQLite, whose `secure_delete` zeroes
    the freed bytes): it is stored nowhere else."""
    password = generate_password(12)
    pdf_name = doc.file_name or "akt_sverki.pdf"
    content = await asyncio.to_thread(aes_zip_files, [(pdf_name, pdf)], password)
    doc.file_name = pdf_name.rsplit(".", 1)[0] + ".zip"
    user = await db.get(CabinetUser, order.created_by_user_id) if order.created_by_user_id else None
    if user is not None and user.phone:
        # By SMS only, never in the chat the archive goes to; the chat is told where it went.
        params = {"order": order.id, "number": doc.number, "password": password}
        await send_sms(db, user.phone, "doc-sms-password", params, secret=("password",))
        told = {"order": order.id, "number": doc.number, "phone": masked_phone(user.phone)}
        await notify_user(db, user.id, "doc-push-password-sent", told)
    return content


def masked_phone(e164: str) -> str:
    """`+79161234567` → `+7 ••• ••• 45-67`: the number on file, recognisable, not readable."""
    digits = "".join(ch for ch in e164 if ch.isdigit())
    return f"+{digits[:-10] or '7'} ••• ••• {digits[-4:-2]}-{digits[-2:]}"


async def finish_order_if_done(db: Db, order_id: int) -> bool:
    """Close the order when none of its documents is left to make, and hand the files over."""
    left = await db.scalar(
        select(func.count(Document.id)).where(
            Document.order_id == order_id,
            Document.status.in_((DocumentStatus.QUEUED, DocumentStatus.MAKING)),
        )
    )
    if left:
        return False
    docs = list(
        await db.scalars(
            select(Document)
            .where(Document.order_id == order_id)
            .order_by(Document.id)
            # Another worker may have made some of them since this session last read them.
            .execution_options(populate_existing=True)
        )
    )
    ready = [d for d in docs if d.status == DocumentStatus.READY]
    failed = [d for d in docs if d.status == DocumentStatus.FAILED]
    status = (
        OrderStatus.COMPLETED
        if not failed
        else OrderStatus.PARTIAL
        if ready
        else OrderStatus.FAILED
    )
    result = await db.execute(
        update(Order)
        .where(Order.id == order_id, Order.status.in_((OrderStatus.NEW, OrderStatus.IN_PROGRESS)))
        .values(status=status, completed_at=utcnow())
    )
    if getattr(result, "rowcount", 0) != 1:
        return False  # another run closed it
    await _mark_items(db, order_id, ready, failed)
    order = await db.get(Order, order_id)
    if order is None:  # pragma: no cover
        return False
    ids = [d.id for d in ready]
    user = await db.get(CabinetUser, order.created_by_user_id) if order.created_by_user_id else None
    if user is not None:
        await _hand_over(db, order, user, ids, len(failed))
    if ids:
        await db.execute(
            update(Document).where(Document.id.in_(ids)).values(status=DocumentStatus.SENT)
        )
    return True


async def _mark_items(db: Db, order_id: int, ready: list[Document], failed: list[Document]) -> None:
    """Each account of the order is done when its documents are, failed when one of them is:
    the order's card in «Заказы» shows them like the numbers of a network order."""
    failed_accounts = {d.account_id for d in failed}
    for account_ids, item_status, reason in (
        (failed_accounts, OrderItemStatus.FAILED, "orders-reason-documents-failed"),
        ({d.account_id for d in ready} - failed_accounts, OrderItemStatus.DONE, None),
    ):
        if account_ids:
            await db.execute(
                update(OrderItem)
                .where(OrderItem.order_id == order_id, OrderItem.account_id.in_(account_ids))
                .values(status=item_status, reason=reason, done_at=utcnow())
            )


async def _hand_over(db: Db, order: Order, user: CabinetUser, ids: list[int], failed: int) -> None:
    """The push, the files (one, an album, or a zip), the notice and the e-mailed zip."""
    params = order.params or {}
    push = "doc-push-ready" if not failed else "doc-push-partial" if ids else "doc-push-failed"
    info = {"order": order.id, "n": len(ids), "failed": failed}
    await notify_user(db, user.id, push, info, card=("doc_order", order.id))
    zip_name = f"dokumenty_zakaz_{order.id}.zip"
    if ids:
        as_zip = zip_name if len(ids) > ALBUM_LIMIT else None
        await notify_user(db, user.id, "doc-files-caption", info, document_ids=ids, zip_name=as_zip)
    email = user.email or await _company_email(db, order.company_id)
    notify = params.get("notify")
    if notify == NotifyBy.SMS.value and user.phone:
        await send_sms(db, user.phone, "doc-sms-ready", info)
    elif notify == NotifyBy.EMAIL.value and email:
        await send_email(db, email, "doc-email-ready", info, subject_key="doc-email-subject")
    if params.get("zip_email") and email and ids:
        await send_email(
            db,
            email,
            "doc-email-files",
            info,
            subject_key="doc-email-subject",
            document_ids=ids,
            zip_name=zip_name,
        )


async def _company_email(db: Db, company_id: int) -> str | None:
    company = await db.get(Company, company_id)
    return company.email if company else None


# ----------------------------------------------------------------------------------------------
# History


@dataclass(frozen=True)
class HistoryRow:
    id: int
    order_id: int | None
    kind: DocumentKind
    format: DocumentFormat
    number: str
    account_number: str
    period_start: date | None
    period_end: date | None
    status: DocumentStatus
    reason: str | None
    file_name: str | None
    made_at: datetime | None = None

    @property
    def file_format(self) -> str:
        """What the file is: PDF, HTML, or ZIP for a statement protected by a password."""
        if self.file_name and self.file_name.endswith(".zip"):
            return "ZIP"
        return self.format.value.upper()

    @property
    def downloadable(self) -> bool:
        return self.status in (DocumentStatus.READY, DocumentStatus.SENT)


@dataclass(frozen=True)
class HistoryPage:
    rows: list[HistoryRow]
    page: int
    pages: int
    total: int


def _history_scope(principal: Principal) -> Any:
    """The documents of the accounts in the principal's reach, and always those it ordered
    (an assistant whose accounts changed still finds its own orders' files)."""
    ordered = Document.order_id.in_(
        select(Order.id).where(
            Order.company_id == principal.company_id,
            Order.created_by_user_id == principal.user_id,
        )
    )
    cond = Document.company_id == principal.company_id
    if principal.own_number_only:  # and those of its own number, where a billing names it
        own = Document.subscriber_id == (principal.subscriber_id or -1)
        return and_(cond, or_(own, ordered))
    if principal.account_ids is not None:
        cond = and_(cond, or_(Document.account_id.in_(sorted(principal.account_ids)), ordered))
    return cond


async def checked_document_accounts(
    db: Db, principal: Principal, account_ids: list[int]
) -> list[int]:
    """The named accounts, each checked for ordering documents; one out of reach refuses them
    all (audited)."""
    refs = await checked_accounts(
        db, principal, account_ids, Permission.ORDER_DOCUMENTS, "documents"
    )
    return [r.id for r in refs]


async def ensure_documents_section(db: Db, principal: Principal) -> None:
    """«📑 Документы» is for levels that can order documents (or issue a prepayment
    invoice); any other is refused, audited."""
    if principal.can(Permission.ORDER_DOCUMENTS) or principal.can(Permission.PREPAYMENT_INVOICE):
        return
    raise await deny(
        db, principal, "documents", permission=Permission.ORDER_DOCUMENTS, reason="level"
    )


async def _ensure_history(db: Db, principal: Principal) -> None:
    if principal.can(Permission.ORDER_DOCUMENTS) or principal.can(Permission.VIEW_ORDERS):
        return
    raise await deny(
        db, principal, "document_history", permission=Permission.VIEW_ORDERS, reason="level"
    )


async def document_history(
    db: Db,
    principal: Principal,
    *,
    kind: DocumentKind | None = None,
    order_id: int | None = None,
    page: int = 0,
    per_page: int = 8,
) -> HistoryPage:
    """Documents the principal may see, newest first, a page at a time."""
    await _ensure_history(db, principal)
    cond = _history_scope(principal)
    if kind is not None:
        cond = and_(cond, Document.kind == kind)
    if order_id is not None:
        cond = and_(cond, Document.order_id == order_id)
    total = int(await db.scalar(select(func.count(Document.id)).where(cond)) or 0)
    pages = pages_for(total, per_page)
    page = max(0, min(page, pages - 1))
    rows = await db.execute(
        select(
            Document.id,
            Document.order_id,
            Document.kind,
            Document.format,
            Document.number,
            Account.number,
            Document.period_start,
            Document.period_end,
            Document.status,
            Document.reason,
            Document.file_name,
            func.coalesce(Document.made_at, Document.created_at),
        )
        .join(Account, Account.id == Document.account_id)
        .where(cond)
        .order_by(Document.id.desc())
        .offset(page * per_page)
        .limit(per_page)
    )
    return HistoryPage([HistoryRow(*r) for r in rows], page, pages, total)


@dataclass(frozen=True)
class DocumentFile:
    id: int
    file_name: str
    content: bytes


async def document_file(db: Db, principal: Principal, document_id: int) -> DocumentFile:
    """A made document to download again; another company's or an unreachable one is refused."""
    await _ensure_history(db, principal)
    doc = await db.scalar(
        select(Document).where(Document.id == document_id, _history_scope(principal))
    )
    if doc is None:
        raise await deny(
            db,
            principal,
            "document_download",
            object_type="document",
            object_id=document_id,
            reason="scope",
        )
    if doc.content is None or doc.status not in (DocumentStatus.READY, DocumentStatus.SENT):
        raise NotFound("doc-err-not-ready")
    return DocumentFile(doc.id, doc.file_name or f"document-{doc.id}", doc.content)


@dataclass(frozen=True)
class OrderSummary:
    id: int
    kind: OrderKind
    status: OrderStatus
    documents: int
    ready: int


async def order_summary(db: Db, principal: Principal, order_id: int) -> OrderSummary:
    await _ensure_history(db, principal)
    order = await db.scalar(
        select(Order).where(
            Order.id == order_id,
            Order.company_id == principal.company_id,
            Order.kind.in_((OrderKind.DOCUMENTS, OrderKind.RECONCILIATION)),
        )
    )
    foreign = (
        principal.account_ids is not None
        and order is not None
        and (order.created_by_user_id != principal.user_id)
    )
    if order is None or principal.own_number_only or foreign:
        raise await deny(
            db, principal, "document_order", object_type="order", object_id=order_id, reason="scope"
        )
    counts = await db.execute(
        select(Document.status, func.count(Document.id))
        .where(Document.order_id == order_id)
        .group_by(Document.status)
    )
    by_status = {DocumentStatus(s): int(n) for s, n in counts}
    ready = by_status.get(DocumentStatus.READY, 0) + by_status.get(DocumentStatus.SENT, 0)
    return OrderSummary(order.id, order.kind, order.status, sum(by_status.values()), ready)
