"""Support tickets: the client's side (create, list, card, reply, close, reopen, rate), the
staff's side (reply, change the status) and the scheduled reminder and auto-close.

Reach: a client sees the tickets of its own company, and only its own unless it is a
coordinator (of an account or of a union). Every id that comes from a button passes
`checked_ticket` first; a refusal is audited (`domain.access.checks.deny`).

Everything that must reach someone else — the post in the staff chat, the client's push, the
SMS — is an outbox row written in the same transaction as the change (`domain.notifications`),
so nothing the client or the staff sent is lost if the bot stops in between. Outbox params are
ready for Telegram's HTML: user text in them is escaped here.
"""

from __future__ import annotations

import html
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import case, func, select

from domain import clock
from domain.access.checks import Permission, Principal, deny, ensure_permission
from domain.audit import audit
from domain.db import Db
from domain.errors import AccessDenied, Conflict, NotFound, RateLimited, ValidationFailed
from domain.long_text import TELEGRAM_TEXT_MAX, beginning, pieces, utf16_len
from domain.notifications import notify_chat, notify_user, send_sms
from domain.tickets.attachments import MAX_FILES, Attachment
from domain.types import (
    AttachmentKind,
    AuditResult,
    Role,
    TicketAuthor,
    TicketKind,
    TicketSort,
    TicketStatus,
    TicketTopic,
)
from domain.validation import format_phone, parse_phone
from storage.models import (
    CabinetUser,
    Company,
    Ticket,
    TicketAttachment,
    TicketMessage,
    TicketStaffPost,
)

CLIENT_TOPICS: tuple[TicketTopic, ...] = (
    TicketTopic.BILLING,
    TicketTopic.DOCUMENTS,
    TicketTopic.SIM,
    TicketTopic.TARIFFS,
    TicketTopic.QUALITY,
    TicketTopic.OTHER,
)
TEXT_MIN = 3
TEXT_MAX = TELEGRAM_TEXT_MAX  # what one Telegram message holds: every message is kept whole
COMMENT_MAX = 1000
# A push or a staff post shows a message whole up to this many characters (its frame, with the
# company's and the user's names, stays within Telegram's 4,096). A longer one: the client's
# push shows its beginning and a button that sends it whole; the staff post says so and the
# whole text follows it in pieces of at most TEXT_PIECE.
WHOLE_IN_POST = 3000
POST_BEGINNING = 1000
TEXT_PIECE = 4000
PER_DAY = 20
REOPEN_DAYS = 7
REMIND_AFTER = timedelta(days=3)
AUTOCLOSE_AFTER = timedelta(days=7)  # after the reminder
COORDINATORS = (Role.COORDINATOR, Role.UNION_COORDINATOR)
# "Sort by status": what asks for the client's attention first.
STATUS_ORDER = (
    TicketStatus.WAITING,
    TicketStatus.ANSWERED,
    TicketStatus.NEW,
    TicketStatus.IN_PROGRESS,
    TicketStatus.CLOSED,
)
STAFF_STATUSES = (
    TicketStatus.IN_PROGRESS,
    TicketStatus.WAITING,
    TicketStatus.ANSWERED,
    TicketStatus.CLOSED,
)
STAFF_MARKUP = "tic_staff"
# The note an auto-closed ticket gets in its conversation; the card renders it in the language.
AUTO_CLOSED_PREFIX = "auto-closed:"
CLIENT_MARKUP = "tic_client"
CLIENT_LONG_MARKUP = "tic_client_long"  # with «📄 Прочитать целиком» for the row's message_id


def ticket_number(ticket_id: int) -> str:
    return f"T-{ticket_id:06d}"


def topic_key(topic: TicketTopic) -> str:
    return f"tic-topic-{topic.value}"


def status_key(status: TicketStatus) -> str:
    return f"tic-status-{status.value}"


# --- what the dialog checks as it goes ----------------------------------------------------------


def parse_ticket_text(raw: str) -> str:
    text = (raw or "").strip()
    if len(text) < TEXT_MIN:
        raise ValidationFailed("tic-text-short", min=TEXT_MIN)
    if len(text) > TEXT_MAX:
        raise ValidationFailed("tic-text-long", max=TEXT_MAX, length=len(text))
    return text


def parse_notify_phone(raw: str) -> str:
    """Any Russian mobile number, in any common form → E.164."""
    return parse_phone(raw, mobile_only=True)


def parse_comment(raw: str) -> str:
    text = (raw or "").strip()
    if not text:
        raise ValidationFailed("tic-comment-empty")
    if len(text) > COMMENT_MAX:
        raise ValidationFailed("tic-comment-long", max=COMMENT_MAX)
    return text


def client_topic(raw: str) -> TicketTopic:
    try:
        topic = TicketTopic(raw)
    except ValueError:
        raise ValidationFailed("tic-topic-unknown") from None
    if topic not in CLIENT_TOPICS:
        raise ValidationFailed("tic-topic-unknown")
    return topic


async def ensure_can_create(db: Db, principal: Principal | None) -> None:
    await ensure_permission(db, principal, Permission.MANAGE_TICKETS, action="ticket.create")


async def default_notify_phone(db: Db, principal: Principal) -> str | None:
    """The user's own mobile number, offered as the number for the SMS."""
    user = await db.get(CabinetUser, principal.user_id)
    for candidate in (user.phone if user else None, principal.login):
        if candidate and candidate.startswith("+"):
            try:
                return parse_notify_phone(candidate)
            except ValidationFailed:
                continue
    return None


# --- reach -------------------------------------------------------------------------------------


def _sees_all(principal: Principal) -> bool:
    return principal.role in COORDINATORS


async def checked_ticket(
    db: Db, principal: Principal | None, ticket_id: int, action: str
) -> Ticket:
    """The ticket, if the principal may reach it: its company's, and its own unless it is a
    coordinator. Anything else is refused and audited."""
    principal = await ensure_permission(db, principal, Permission.MANAGE_TICKETS, action=action)
    ticket = await db.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFound()
    if ticket.company_id != principal.company_id or ticket.kind is not TicketKind.SUPPORT:
        raise await deny(
            db,
            principal,
            action,
            object_type="ticket",
            object_id=ticket_id,
            permission=Permission.MANAGE_TICKETS,
            reason="other_company",
        )
    if not _sees_all(principal) and ticket.author_user_id != principal.user_id:
        raise await deny(
            db,
            principal,
            action,
            object_type="ticket",
            object_id=ticket_id,
            permission=Permission.MANAGE_TICKETS,
            reason="scope",
        )
    return ticket


# --- creating ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Created:
    ticket_id: int
    number: str


def _attachments(files: Sequence[dict[str, Any]]) -> list[Attachment]:
    items = [Attachment.from_dict(f) for f in files]
    if len(items) > MAX_FILES:
        raise ValidationFailed("tic-file-too-many", limit=MAX_FILES)
    return items


def _add_message(
    db: Db,
    ticket: Ticket,
    author: TicketAuthor,
    author_name: str,
    text: str,
    files: Sequence[Attachment],
) -> TicketMessage:
    msg = TicketMessage(
        ticket_id=ticket.id,
        author=author,
        author_name=author_name[:200],
        text=text,
        created_at=clock.utcnow(),
    )
    db.add(msg)
    return msg


async def _add_files(db: Db, msg: TicketMessage, files: Sequence[Attachment]) -> None:
    await db.flush()
    for f in files:
        db.add(
            TicketAttachment(
                message_id=msg.id,
                telegram_file_id=f.file_id,
                file_name=f.name,
                mime_type=f.mime,
                size=f.size,
                kind=f.kind,
            )
        )


def _files_payload(files: Sequence[Attachment]) -> list[dict[str, str]]:
    return [{"file_id": f.file_id, "kind": f.kind.value, "name": f.name} for f in files]


def is_long_in_post(text: str) -> bool:
    return utf16_len(text) > WHOLE_IN_POST


def _shown(text: str) -> dict[str, Any]:
    """A message's text as a push shows it: whole (`long` 0), or its beginning (`long` 1) with
    the whole `length`, for the text to say so."""
    if not is_long_in_post(text):
        return {"text": html.escape(text), "long": 0, "length": len(text)}
    return {"text": html.escape(beginning(text, POST_BEGINNING)), "long": 1, "length": len(text)}


def _escaped_pieces(text: str) -> list[str]:
    return [html.escape(p) for p in pieces(text, TEXT_PIECE)]


def _for_staff(text: str) -> tuple[dict[str, Any], list[str]]:
    """A message's text as a staff post shows it, and the pieces that follow the post when it
    is too long for one (whole, escaped)."""
    if not is_long_in_post(text):
        return {"text": html.escape(text), "long": 0, "length": len(text)}, []
    return {"text": "", "long": 1, "length": len(text)}, _escaped_pieces(text)


async def _author(db: Db, principal: Principal) -> tuple[str, str]:
    """(name, login as shown) of the cabinet user."""
    user = await db.get(CabinetUser, principal.user_id)
    login = principal.login
    shown = format_phone(login) if login.startswith("+") else login
    name = (user.full_name if user else "") or shown
    return name, shown


async def _check_daily_limit(db: Db, principal: Principal, now: datetime) -> None:
    """At most PER_DAY tickets from one cabinet user in 24 hours."""
    today = await db.scalar(
        select(func.count())
        .select_from(Ticket)
        .where(Ticket.author_user_id == principal.user_id, Ticket.created_at > now - timedelta(1))
    )
    if int(today or 0) >= PER_DAY:
        raise RateLimited("tic-too-many", limit=PER_DAY)


async def _announce(
    db: Db,
    staff_chat_id: int,
    principal: Principal,
    ticket: Ticket,
    author: tuple[str, str],
    body: str,
    attachments: list[Attachment],
) -> None:
    """The new ticket's first post in the staff chat: who, from which company, what, files."""
    company = await db.get(Company, principal.company_id)
    name, login = author
    shown, parts = _for_staff(body)
    await _post_to_staff(
        db,
        staff_chat_id,
        ticket,
        _News(
            "tic-staff-new",
            {
                "company": html.escape(company.name if company else ""),
                "inn": company.inn if company else "",
                "user": html.escape(name),
                "login": html.escape(login),
                "role": f"role-{principal.role.value}",
                "phone": format_phone(ticket.notify_phone or ""),
                **shown,
                "files": len(attachments),
            },
            files=attachments,
            texts=parts,
            translate=("role",),
        ),
    )


async def create_ticket(
    db: Db,
    principal: Principal | None,
    *,
    topic: str,
    text: str,
    files: Sequence[dict[str, Any]],
    phone: str,
    staff_chat_id: int | None,
) -> Created:
    """Register a ticket with its first message and files; post it to the staff chat."""
    principal = await ensure_permission(
        db, principal, Permission.MANAGE_TICKETS, action="ticket.create"
    )
    topic_code = client_topic(topic)
    body = parse_ticket_text(text)
    notify = parse_notify_phone(phone)
    attachments = _attachments(files)
    now = clock.utcnow()
    await _check_daily_limit(db, principal, now)
    name, login = await _author(db, principal)
    ticket = Ticket(
        company_id=principal.company_id,
        number=f"tmp-{secrets.token_hex(6)}",  # the real one needs the id
        kind=TicketKind.SUPPORT,
        topic=topic_code.value,
        topic_code=topic_code,
        status=TicketStatus.NEW,
        author_user_id=principal.user_id,
        notify_phone=notify,
        created_at=now,
        updated_at=now,
    )
    db.add(ticket)
    await db.flush()
    ticket.number = ticket_number(ticket.id)
    msg = _add_message(db, ticket, TicketAuthor.CLIENT, name, body, attachments)
    await _add_files(db, msg, attachments)
    if staff_chat_id is not None:
        await _announce(db, staff_chat_id, principal, ticket, (name, login), body, attachments)
    await audit(
        db,
        principal,
        "ticket.create",
        object_type="ticket",
        object_id=ticket.id,
        details={"number": ticket.number, "topic": topic_code.value, "files": len(attachments)},
    )
    return Created(ticket.id, ticket.number)


@dataclass(frozen=True)
class _News:
    """What a push about a ticket says: a message key and its params, the pieces of a long text
    and the files it carries after its text, and the params that are message ids for the
    notifier to translate."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    files: Sequence[Attachment] = ()
    translate: Sequence[str] = ()
    texts: Sequence[str] = ()

    def about(
        self, ticket: Ticket, shown: Sequence[Literal["topic", "status"]]
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The params and the payload of the push: the ticket's number and the `shown` of its
        topic and status beside the news' params, and the ticket's files."""
        keys = {"topic": topic_key(ticket.topic_code), "status": status_key(ticket.status)}
        params: dict[str, Any] = {"number": ticket.number}
        params.update({name: keys[name] for name in shown})
        params.update(self.params)
        extra: dict[str, Any] = {
            "ticket_id": ticket.id,
            "files": _files_payload(self.files),
            "file_caption": "tic-file-caption",
            "translate": [*shown, *self.translate],
        }
        if self.texts:
            extra.update(texts=list(self.texts), text_key="tic-text-part")
        return params, extra


async def _post_to_staff(db: Db, staff_chat_id: int, ticket: Ticket, news: _News) -> None:
    """A post about the ticket in the staff chat, with its status buttons; the notifier
    remembers the posts it sent (`record_staff_post`) so that a reply to any of them answers
    this ticket."""
    params, extra = news.about(ticket, ("topic", "status"))
    # Later posts answer the ticket's first one, so the chat shows each ticket as a thread.
    first = await db.scalar(
        select(func.min(TicketStaffPost.message_id)).where(
            TicketStaffPost.ticket_id == ticket.id, TicketStaffPost.chat_id == staff_chat_id
        )
    )
    await notify_chat(
        db,
        staff_chat_id,
        news.key,
        params,
        extra={
            **extra,
            "markup": STAFF_MARKUP,
            "reply_to": int(first) if first is not None else None,
        },
    )


async def _push_client(
    db: Db, ticket: Ticket, news: _News, long_message: tuple[int, str] | None = None
) -> int:
    """A push to the ticket's author: every chat where the cabinet user is logged in, or the
    Telegram chat an application came from. A message too long for the push (`long_message`:
    its id and text) is offered whole by a button of the cabinet's ticket; an applicant, who
    has no cabinet, gets it whole in the messages that follow."""
    if long_message is not None and ticket.kind is not TicketKind.SUPPORT:
        params = {**news.params, "text": "", "long": 2}
        news = replace(news, params=params, texts=_escaped_pieces(long_message[1]))
    params, extra = news.about(ticket, ("status",))
    if ticket.kind is TicketKind.SUPPORT:
        extra["markup"] = CLIENT_MARKUP
        if long_message is not None:
            extra.update(markup=CLIENT_LONG_MARKUP, message_id=long_message[0])
    if ticket.author_user_id is not None:
        return await notify_user(db, ticket.author_user_id, news.key, params, extra=extra)
    if ticket.author_telegram_user_id is not None:
        await notify_chat(db, ticket.author_telegram_user_id, news.key, params, extra=extra)
        return 1
    return 0


# --- the list and the card ---------------------------------------------------------------------


@dataclass(frozen=True)
class TicketRow:
    id: int
    number: str
    created_at: datetime
    topic: TicketTopic
    status: TicketStatus


@dataclass(frozen=True)
class TicketPage:
    items: list[TicketRow]
    total: int
    page: int
    pages: int


async def list_tickets(
    db: Db,
    principal: Principal | None,
    *,
    page: int = 0,
    per_page: int = 8,
    status: TicketStatus | None = None,
    topic: TicketTopic | None = None,
    sort: TicketSort = TicketSort.DATE,
) -> TicketPage:
    """The principal's tickets (its company's for a coordinator), newest first or by status."""
    principal = await ensure_permission(
        db, principal, Permission.MANAGE_TICKETS, action="ticket.list"
    )
    where = [Ticket.company_id == principal.company_id, Ticket.kind == TicketKind.SUPPORT]
    if not _sees_all(principal):
        where.append(Ticket.author_user_id == principal.user_id)
    if status is not None:
        where.append(Ticket.status == status)
    if topic is not None:
        where.append(Ticket.topic_code == topic)
    total = int(await db.scalar(select(func.count()).select_from(Ticket).where(*where)) or 0)
    pages = max(1, -(-total // per_page))
    page = min(max(page, 0), pages - 1)
    order: list[Any] = [Ticket.created_at.desc(), Ticket.id.desc()]
    if sort is TicketSort.STATUS:
        rank = case({s.value: i for i, s in enumerate(STATUS_ORDER)}, value=Ticket.status)
        order.insert(0, rank)
    rows = await db.execute(
        select(Ticket.id, Ticket.number, Ticket.created_at, Ticket.topic_code, Ticket.status)
        .where(*where)
        .order_by(*order)
        .offset(page * per_page)
        .limit(per_page)
    )
    items = [TicketRow(r.id, r.number, r.created_at, r.topic_code, r.status) for r in rows]
    return TicketPage(items, total, page, pages)


@dataclass(frozen=True)
class FileView:
    id: int
    name: str
    kind: AttachmentKind
    size: int


@dataclass(frozen=True)
class MessageView:
    id: int
    author: TicketAuthor
    author_name: str
    text: str
    created_at: datetime
    files: list[FileView] = field(default_factory=list)


@dataclass(frozen=True)
class TicketCard:
    id: int
    number: str
    topic: TicketTopic
    status: TicketStatus
    created_at: datetime
    notify_phone: str | None
    author_name: str
    messages: list[MessageView]
    rating: int | None
    rating_comment: str | None
    can_reopen: bool

    @property
    def is_open(self) -> bool:
        return self.status is not TicketStatus.CLOSED

    @property
    def can_rate(self) -> bool:
        return self.status is TicketStatus.CLOSED and self.rating is None

    @property
    def files(self) -> list[FileView]:
        return [f for m in self.messages for f in m.files]


def _can_reopen(ticket: Ticket) -> bool:
    if ticket.status is not TicketStatus.CLOSED or ticket.closed_at is None:
        return False
    return clock.utcnow() - ticket.closed_at <= timedelta(days=REOPEN_DAYS)


async def _messages(db: Db, ticket_id: int) -> list[MessageView]:
    msgs = list(
        await db.scalars(
            select(TicketMessage)
            .where(TicketMessage.ticket_id == ticket_id)
            .order_by(TicketMessage.created_at, TicketMessage.id)
        )
    )
    ids = [m.id for m in msgs]
    files: dict[int, list[FileView]] = {}
    if ids:
        for a in await db.scalars(
            select(TicketAttachment)
            .where(TicketAttachment.message_id.in_(ids))
            .order_by(TicketAttachment.id)
        ):
            files.setdefault(a.message_id, []).append(
                FileView(a.id, a.file_name, a.kind, a.size or 0)
            )
    return [
        MessageView(m.id, m.author, m.author_name, m.text, m.created_at, files.get(m.id, []))
        for m in msgs
    ]


async def _card(db: Db, ticket: Ticket) -> TicketCard:
    author = await db.get(CabinetUser, ticket.author_user_id) if ticket.author_user_id else None
    return TicketCard(
        id=ticket.id,
        number=ticket.number,
        topic=ticket.topic_code,
        status=ticket.status,
        created_at=ticket.created_at,
        notify_phone=ticket.notify_phone,
        author_name=(author.full_name or author.login) if author else "",
        messages=await _messages(db, ticket.id),
        rating=ticket.rating,
        rating_comment=ticket.rating_comment,
        can_reopen=_can_reopen(ticket),
    )


async def ticket_card(db: Db, principal: Principal | None, ticket_id: int) -> TicketCard:
    ticket = await checked_ticket(db, principal, ticket_id, "ticket.view")
    return await _card(db, ticket)


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    name: str
    kind: AttachmentKind


async def ticket_files(
    db: Db, principal: Principal | None, ticket_id: int, attachment_id: int | None = None
) -> list[StoredFile]:
    """The ticket's files (or the one named), to send again; another ticket's file is refused."""
    ticket = await checked_ticket(db, principal, ticket_id, "ticket.file")
    q = (
        select(TicketAttachment)
        .join(TicketMessage, TicketMessage.id == TicketAttachment.message_id)
        .where(TicketMessage.ticket_id == ticket.id)
        .order_by(TicketAttachment.id)
    )
    if attachment_id is not None:
        q = q.where(TicketAttachment.id == attachment_id)
    found = [StoredFile(a.telegram_file_id, a.file_name, a.kind) for a in await db.scalars(q)]
    if attachment_id is not None and not found:
        raise await deny(
            db,
            principal,
            "ticket.file",
            object_type="ticket_attachment",
            object_id=attachment_id,
            reason="other_ticket",
        )
    return found


# --- the client's actions ----------------------------------------------------------------------


async def ensure_can_reply(db: Db, principal: Principal | None, ticket_id: int) -> None:
    """Before the reply dialog: the ticket is in reach and open."""
    ticket = await checked_ticket(db, principal, ticket_id, "ticket.reply")
    if ticket.status is TicketStatus.CLOSED:
        raise Conflict("tic-closed-reply")


async def client_reply(
    db: Db,
    principal: Principal | None,
    ticket_id: int,
    *,
    text: str,
    files: Sequence[dict[str, Any]],
    staff_chat_id: int | None,
) -> None:
    """The client adds a message and/or files to an open ticket; staff see it at once."""
    ticket = await checked_ticket(db, principal, ticket_id, "ticket.reply")
    assert principal is not None
    if ticket.status is TicketStatus.CLOSED:
        raise Conflict("tic-closed-reply")
    attachments = _attachments(files)
    body = text.strip()
    if body:
        body = parse_ticket_text(body)
    elif not attachments:
        raise ValidationFailed("tic-reply-empty")
    name, _login = await _author(db, principal)
    msg = _add_message(db, ticket, TicketAuthor.CLIENT, name, body, attachments)
    await _add_files(db, msg, attachments)
    if ticket.status in (TicketStatus.WAITING, TicketStatus.ANSWERED):
        await _set_status(db, ticket, TicketStatus.IN_PROGRESS)
    ticket.updated_at = clock.utcnow()
    if staff_chat_id is not None:
        company = await db.get(Company, principal.company_id)
        shown, parts = _for_staff(body)
        await _post_to_staff(
            db,
            staff_chat_id,
            ticket,
            _News(
                "tic-staff-client-message",
                {
                    "company": html.escape(company.name if company else ""),
                    "user": html.escape(name),
                    **shown,
                    "files": len(attachments),
                },
                files=attachments,
                texts=parts,
            ),
        )
    await audit(
        db,
        principal,
        "ticket.reply",
        object_type="ticket",
        object_id=ticket.id,
        details={"files": len(attachments)},
    )


async def _set_status(db: Db, ticket: Ticket, status: TicketStatus) -> None:
    """The new status, and the status row under the ticket's first post in each staff chat it
    was posted to (the notifier edits that post's buttons), so the thread's head shows it."""
    changed = ticket.status is not status
    _apply_status(ticket, status)
    if not changed:
        return
    firsts = await db.execute(
        select(TicketStaffPost.chat_id, func.min(TicketStaffPost.message_id))
        .where(TicketStaffPost.ticket_id == ticket.id)
        .group_by(TicketStaffPost.chat_id)
    )
    for chat_id, message_id in firsts.all():
        await notify_chat(
            db,
            chat_id,
            "tic-staff-status-set",
            {"number": ticket.number, "status": status_key(status)},
            extra={
                "ticket_id": ticket.id,
                "markup": STAFF_MARKUP,
                "edit_markup": int(message_id),
                "status": status.value,
                "translate": ["status"],
            },
        )


def _apply_status(ticket: Ticket, status: TicketStatus) -> None:
    now = clock.utcnow()
    ticket.status = status
    ticket.updated_at = now
    if status is TicketStatus.WAITING:
        ticket.waiting_since = now
        ticket.reminded_at = None
    else:
        ticket.waiting_since = None
        ticket.reminded_at = None
    if status is TicketStatus.CLOSED:
        ticket.closed_at = now
    else:
        ticket.closed_at = None


async def close_ticket(
    db: Db, principal: Principal | None, ticket_id: int, *, staff_chat_id: int | None
) -> str:
    ticket = await checked_ticket(db, principal, ticket_id, "ticket.close")
    if ticket.status is TicketStatus.CLOSED:
        raise Conflict("tic-already-closed")
    await _set_status(db, ticket, TicketStatus.CLOSED)
    if staff_chat_id is not None:
        await _post_to_staff(db, staff_chat_id, ticket, _News("tic-staff-closed-by-client"))
    await audit(db, principal, "ticket.close", object_type="ticket", object_id=ticket.id)
    return ticket.number


async def reopen_ticket(
    db: Db, principal: Principal | None, ticket_id: int, *, staff_chat_id: int | None
) -> str:
    ticket = await checked_ticket(db, principal, ticket_id, "ticket.reopen")
    if ticket.status is not TicketStatus.CLOSED:
        raise Conflict("tic-not-closed")
    if not _can_reopen(ticket):
        raise Conflict("tic-reopen-late", days=REOPEN_DAYS)
    await _set_status(db, ticket, TicketStatus.IN_PROGRESS)
    ticket.rating = None
    ticket.rating_comment = None
    if staff_chat_id is not None:
        await _post_to_staff(db, staff_chat_id, ticket, _News("tic-staff-reopened"))
    await audit(db, principal, "ticket.reopen", object_type="ticket", object_id=ticket.id)
    return ticket.number


async def rate_ticket(
    db: Db,
    principal: Principal | None,
    ticket_id: int,
    rating: int,
    *,
    staff_chat_id: int | None,
) -> str:
    ticket = await checked_ticket(db, principal, ticket_id, "ticket.rate")
    if ticket.status is not TicketStatus.CLOSED:
        raise Conflict("tic-rate-open")
    if ticket.rating is not None:
        raise Conflict("tic-rated-already")
    if not 1 <= rating <= 5:
        raise ValidationFailed("tic-rating-range")
    ticket.rating = rating
    if staff_chat_id is not None:
        await _post_to_staff(
            db, staff_chat_id, ticket, _News("tic-staff-rated", {"rating": rating})
        )
    await audit(
        db,
        principal,
        "ticket.rate",
        object_type="ticket",
        object_id=ticket.id,
        details={"rating": rating},
    )
    return ticket.number


async def comment_rating(
    db: Db,
    principal: Principal | None,
    ticket_id: int,
    raw: str,
    *,
    staff_chat_id: int | None,
) -> str:
    ticket = await checked_ticket(db, principal, ticket_id, "ticket.rate")
    if ticket.rating is None:
        raise Conflict("tic-rate-first")
    if ticket.rating_comment:
        raise Conflict("tic-rated-already")
    ticket.rating_comment = parse_comment(raw)
    if staff_chat_id is not None:
        await _post_to_staff(
            db,
            staff_chat_id,
            ticket,
            _News(
                "tic-staff-rating-comment",
                {"rating": ticket.rating, "comment": html.escape(ticket.rating_comment)},
            ),
        )
    return ticket.number


# --- the staff's side --------------------------------------------------------------------------


async def record_staff_post(db: Db, ticket_id: int, chat_id: int, message_id: int) -> None:
    """The notifier has posted about the ticket in the staff chat (called right after sending)."""
    if await db.get(TicketStaffPost, (chat_id, message_id)) is None:
        db.add(TicketStaffPost(chat_id=chat_id, message_id=message_id, ticket_id=ticket_id))
        await db.flush()


async def ticket_for_post(db: Db, chat_id: int, message_id: int) -> int | None:
    post = await db.get(TicketStaffPost, (chat_id, message_id))
    return post.ticket_id if post is not None else None


async def deny_staff(
    db: Db, telegram_user_id: int, action: str, ticket_id: int | None, reason: str
) -> AccessDenied:
    """A staff action by someone who is not a member of the staff chat: audited, refused."""
    await audit(
        db,
        None,
        action,
        object_type="ticket",
        object_id=ticket_id,
        result=AuditResult.DENIED,
        telegram_user_id=telegram_user_id,
        details={"reason": reason},
    )
    return AccessDenied("tic-staff-denied")


async def _staff_ticket(db: Db, ticket_id: int) -> Ticket:
    ticket = await db.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFound("tic-staff-unknown", id=ticket_id)
    return ticket


async def staff_reply(
    db: Db,
    ticket_id: int,
    *,
    staff_name: str,
    staff_telegram_id: int | None,
    text: str,
    files: Sequence[dict[str, Any]] = (),
) -> str:
    """A staff answer: kept in the ticket, pushed to the client with its files, SMS to the
    number the client chose; the ticket becomes "answered"."""
    ticket = await _staff_ticket(db, ticket_id)
    if ticket.status is TicketStatus.CLOSED:
        raise Conflict("tic-staff-closed-reply", number=ticket.number)
    attachments = _attachments(files)
    body = (text or "").strip()
    if not body and not attachments:
        raise ValidationFailed("tic-reply-empty")
    if len(body) > TEXT_MAX:  # more than Telegram carries: from the back-office, say
        raise ValidationFailed("tic-text-long", max=TEXT_MAX, length=len(body))
    msg = _add_message(db, ticket, TicketAuthor.STAFF, staff_name or "", body, attachments)
    await _add_files(db, msg, attachments)
    was = ticket.status
    await _set_status(db, ticket, TicketStatus.ANSWERED)
    await _push_client(
        db,
        ticket,
        _News("tic-push-reply", {**_shown(body), "files": len(attachments)}, files=attachments),
        long_message=(msg.id, body) if is_long_in_post(body) else None,
    )
    details = {"files": len(attachments), "staff": staff_name[:100]}
    answered = was is not TicketStatus.ANSWERED
    await _staff_done(db, ticket, "ticket.staff_reply", staff_telegram_id, details, answered)
    return ticket.number


async def staff_set_status(
    db: Db,
    ticket_id: int,
    status: TicketStatus,
    *,
    staff_name: str,
    staff_telegram_id: int | None,
) -> str:
    """Staff change the status; the client gets a push (and an SMS when it is answered)."""
    ticket = await _staff_ticket(db, ticket_id)
    if status is TicketStatus.NEW:
        raise ValidationFailed("tic-staff-bad-status")
    if ticket.status is status:
        raise Conflict("tic-staff-same-status", number=ticket.number)
    await _set_status(db, ticket, status)
    await _push_client(db, ticket, _News("tic-push-status"))
    details = {"status": status.value, "staff": staff_name[:100]}
    answered = status is TicketStatus.ANSWERED
    await _staff_done(db, ticket, "ticket.staff_status", staff_telegram_id, details, answered)
    return ticket.number


async def _staff_done(
    db: Db,
    ticket: Ticket,
    action: str,
    staff_telegram_id: int | None,
    details: dict[str, Any],
    newly_answered: bool,
) -> None:
    """After a staff action: an SMS to the client's phone when the ticket has just been
    answered, and the audit record."""
    if newly_answered and ticket.notify_phone:
        await send_sms(db, ticket.notify_phone, "tic-sms-answered", {"number": ticket.number})
    await audit(
        db,
        None,
        action,
        object_type="ticket",
        object_id=ticket.id,
        telegram_user_id=staff_telegram_id,
        company_id=ticket.company_id,
        details=details,
    )


@dataclass(frozen=True)
class StaffTicket:
    """A ticket as the back-office lists it."""

    id: int
    number: str
    company: str
    topic: TicketTopic
    status: TicketStatus
    created_at: datetime
    last_text: str


async def open_tickets(
    db: Db, *, status: TicketStatus | None = None, limit: int = 50
) -> list[StaffTicket]:
    """Tickets not closed (or of one status), oldest first: the staff's queue."""
    where = [Ticket.status == status] if status else [Ticket.status != TicketStatus.CLOSED]
    rows = list(
        await db.execute(
            select(Ticket, Company.name)
            .outerjoin(Company, Company.id == Ticket.company_id)
            .where(*where)
            .order_by(Ticket.created_at, Ticket.id)
            .limit(limit)
        )
    )
    result = []
    for ticket, company in rows:
        last = await db.scalar(
            select(TicketMessage.text)
            .where(TicketMessage.ticket_id == ticket.id)
            .order_by(TicketMessage.id.desc())
            .limit(1)
        )
        result.append(
            StaffTicket(
                ticket.id,
                ticket.number,
                company or str((ticket.payload or {}).get("company", "")),
                ticket.topic_code,
                ticket.status,
                ticket.created_at,
                last or ticket.topic,
            )
        )
    return result


async def staff_card(db: Db, ticket_id_or_number: str) -> TicketCard:
    """A ticket by its id or its number, for the back-office."""
    ref = ticket_id_or_number.strip().upper()
    if ref.isdigit():
        ticket = await db.get(Ticket, int(ref))
    else:
        ticket = await db.scalar(select(Ticket).where(Ticket.number == ref))
    if ticket is None:
        raise NotFound("tic-staff-unknown", id=ticket_id_or_number)
    return await _card(db, ticket)


# --- scheduled ---------------------------------------------------------------------------------


async def remind_and_autoclose(db: Db) -> int:
    """Tickets waiting for the client: a reminder after 3 days, closed 7 days after that with a
    note in the conversation. Returns how many tickets were touched."""
    now = clock.utcnow()
    n = 0
    due_reminder = await db.scalars(
        select(Ticket).where(
            Ticket.status == TicketStatus.WAITING,
            Ticket.reminded_at.is_(None),
            Ticket.waiting_since <= now - REMIND_AFTER,
        )
    )
    for ticket in list(due_reminder):
        ticket.reminded_at = now
        await _push_client(
            db,
            ticket,
            _News("tic-push-reminder", {"days": AUTOCLOSE_AFTER.days, "waited": REMIND_AFTER.days}),
        )
        n += 1
    due_close = await db.scalars(
        select(Ticket).where(
            Ticket.status == TicketStatus.WAITING,
            Ticket.reminded_at.is_not(None),
            Ticket.reminded_at <= now - AUTOCLOSE_AFTER,
        )
    )
    for ticket in list(due_close):
        days = (REMIND_AFTER + AUTOCLOSE_AFTER).days
        db.add(
            TicketMessage(
                ticket_id=ticket.id,
                author=TicketAuthor.STAFF,
                author_name="",
                text=f"{AUTO_CLOSED_PREFIX}{days}",
                created_at=now,
            )
        )
        await _set_status(db, ticket, TicketStatus.CLOSED)
        await _push_client(
            db, ticket, _News("tic-push-autoclosed", {"days": days, "reopen": REOPEN_DAYS})
        )
        await audit(
            db,
            None,
            "ticket.autoclose",
            object_type="ticket",
            object_id=ticket.id,
            company_id=ticket.company_id,
        )
        n += 1
    return n


async def deny_staff_reply(db: Db, telegram_user_id: int, ticket_id: int) -> AccessDenied:
    """A reply to a ticket's post by someone who is not staff (listed, or the chat's admin)."""
    return await deny_staff(db, telegram_user_id, "ticket.staff_reply", ticket_id, "not_staff")


async def deny_staff_status(
    db: Db, telegram_user_id: int, ticket_id: int, *, in_staff_chat: bool
) -> AccessDenied:
    """A status button pressed by someone who is not staff, or (forged) in another chat."""
    reason = "not_staff" if in_staff_chat else "other_chat"
    return await deny_staff(db, telegram_user_id, "ticket.staff_status", ticket_id, reason)
