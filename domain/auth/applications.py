"""Application for remote service (заявление на дистанционное обслуживание).

A company with no access yet fills it in field by field; each field is checked as it is typed
(INN, OGRN and OGRNIP checksums, KPP format, Russian mobile numbers, e-mail syntax). The finished
application becomes a ticket of kind REMOTE_SERVICE numbered like `Z-000123`.

The dialog keeps the answers as a plain dict of strings (it lives in the FSM storage); the code
word goes in already hashed, so that it is never stored or shown in clear.
"""

from __future__ import annotations

import html
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from domain import clock
from domain.audit import audit
from domain.auth.passwords import hash_password_async
from domain.db import Db
from domain.errors import RateLimited, ValidationFailed
from domain.notifications import notify_chat, send_email
from domain.texts import row_text
from domain.tickets.desk import STAFF_MARKUP
from domain.types import TicketKind, TicketTopic
from domain.validation import (
    format_phone,
    inn_is_company,
    parse_code_word,
    parse_date,
    parse_email,
    parse_full_name,
    parse_inn,
    parse_kpp,
    parse_ogrn,
    parse_ogrnip,
    parse_passport,
    parse_phone_list,
    parse_text,
)
from storage.models import Ticket

Data = dict[str, Any]
PER_DAY = 3
YES, NO = "yes", "no"


def _always(_: Data) -> bool:
    return True


def _company(data: Data) -> bool:
    # Until the INN is typed the applicant counts as an organisation (KPP asked), so that
    # "question N of M" does not grow by one after the second answer.
    inn = str(data.get("inn", ""))
    return not inn or inn_is_company(inn)


def _by_proxy(data: Data) -> bool:
    return data.get("by_proxy") == YES


async def _text(raw: str, _: Data) -> str:
    return parse_text(raw, min_len=2, max_len=200)


async def _company_name(raw: str, _: Data) -> str:
    return parse_text(raw, min_len=2, max_len=300, key="val-company-name")


async def _inn(raw: str, _: Data) -> str:
    return parse_inn(raw)


async def _kpp(raw: str, _: Data) -> str:
    return parse_kpp(raw)


async def _ogrn(raw: str, data: Data) -> str:
    return parse_ogrn(raw) if _company(data) else parse_ogrnip(raw)


async def _name(raw: str, _: Data) -> str:
    return parse_full_name(raw)


async def _passport(raw: str, _: Data) -> str:
    return parse_passport(raw)


async def _issued(raw: str, _: Data) -> str:
    return parse_date(raw, past=True).strftime("%d.%m.%Y")


async def _yes_no(raw: str, _: Data) -> str:
    text = raw.strip().casefold()
    if text in {YES, "да", "д", "yes", "y"}:
        return YES
    if text in {NO, "нет", "н", "no", "n"}:
        return NO
    raise ValidationFailed("val-yes-no")


async def _numbers(raw: str, _: Data) -> str:
    return ",".join(parse_phone_list(raw, mobile_only=True))


async def _code_word(raw: str, _: Data) -> str:
    return await hash_password_async(parse_code_word(raw).casefold())


async def _email(raw: str, _: Data) -> str:
    return parse_email(raw)


Parser = Callable[[str, Data], Awaitable[str]]


@dataclass(frozen=True)
class Field:
    name: str
    parse: Parser
    when: Callable[[Data], bool] = _always
    secret: bool = False
    # Fields whose answers a new answer to this one makes invalid.
    resets: tuple[str, ...] = field(default=())


FIELDS: tuple[Field, ...] = (
    Field("company", _company_name),
    Field("inn", _inn, resets=("kpp", "ogrn")),
    Field("kpp", _kpp, when=_company),
    Field("ogrn", _ogrn),
    Field("person_name", _name),
    Field("person_position", _text),
    Field("passport", _passport),
    Field("passport_issued", _issued),
    Field("passport_issuer", _text),
    Field("by_proxy", _yes_no),
    Field("head_name", _name, when=_by_proxy),
    Field("head_position", _text, when=_by_proxy),
    Field("proxy_doc", _text, when=_by_proxy),
    Field("numbers", _numbers),
    Field("code_word", _code_word, secret=True),
    Field("email", _email),
)
BY_NAME = {f.name: f for f in FIELDS}


def field_by_name(name: str) -> Field:
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValidationFailed("apply-unknown-field") from None


def next_field(data: Data) -> str | None:
    """The first field that applies and has no answer yet; None when the form is complete."""
    for f in FIELDS:
        if f.when(data) and f.name not in data:
            return f.name
    return None


def editable_fields(data: Data) -> list[str]:
    return [f.name for f in FIELDS if f.when(data)]


async def accept(name: str, raw: str, data: Data) -> Data:
    """Check one answer; returns the answers with it (and without those it makes invalid)."""
    f = field_by_name(name)
    value = await f.parse(raw, data)
    new = dict(data)
    if new.get(name) != value:
        for dep in f.resets:
            new.pop(dep, None)
    new[name] = value
    if name == "inn":
        new["inn_kind"] = "company" if inn_is_company(value) else "sole_trader"
    return new


def display_value(name: str, data: Data) -> str:
    """An answer as the summary shows it (the code word never)."""
    value = str(data.get(name, ""))
    if BY_NAME[name].secret:
        return "••••••" if value else ""
    if name == "numbers":
        return ", ".join(format_phone(n) for n in value.split(",") if n)
    return value


def summary(data: Data) -> list[tuple[str, str]]:
    return [(name, display_value(name, data)) for name in editable_fields(data)]


@dataclass(frozen=True)
class Submitted:
    ticket_id: int
    number: str


def ticket_number(ticket_id: int) -> str:
    return f"Z-{ticket_id:06d}"


async def submit(
    db: Db, data: Data, telegram_user_id: int, *, staff_chat_id: int | None = None
) -> Submitted:
    """Turn a complete application into a ticket for the operator."""
    missing = next_field(data)
    if missing is not None:
        raise ValidationFailed("apply-incomplete", field=missing)
    await _check_daily_limit(db, telegram_user_id)
    ticket = await _application_ticket(db, data, telegram_user_id)
    await send_email(
        db,
        str(data["email"]),
        "email-apply-received",
        {"number": ticket.number, "company": data["company"]},
        subject_key="email-apply-received-subject",
    )
    if staff_chat_id is not None:
        # A ticket of its own topic in the staff chat: staff answer it and set its status there.
        await notify_chat(
            db,
            staff_chat_id,
            "apply-staff-new",
            {
                "number": ticket.number,
                "company": html.escape(str(data["company"])),
                "inn": data["inn"],
                "count": len(str(data["numbers"]).split(",")),
            },
            extra={"ticket_id": ticket.id, "markup": STAFF_MARKUP},
        )
    await audit(
        db,
        None,
        "apply.submitted",
        object_type="ticket",
        object_id=ticket.id,
        telegram_user_id=telegram_user_id,
        details={"number": ticket.number, "inn": data["inn"]},
    )
    await db.flush()
    return Submitted(ticket.id, ticket.number)


async def _check_daily_limit(db: Db, telegram_user_id: int) -> None:
    """At most PER_DAY applications from one Telegram user in 24 hours."""
    since = clock.utcnow() - timedelta(days=1)
    today = await db.scalar(
        select(func.count())
        .select_from(Ticket)
        .where(
            Ticket.kind == TicketKind.REMOTE_SERVICE,
            Ticket.author_telegram_user_id == telegram_user_id,
            Ticket.created_at > since,
        )
    )
    if int(today or 0) >= PER_DAY:
        raise RateLimited("apply-too-many", limit=PER_DAY)


async def _application_ticket(db: Db, data: Data, telegram_user_id: int) -> Ticket:
    """The application as a ticket of no company yet, numbered Z-000123."""
    payload: Data = {}
    for name in editable_fields(data):
        key = "code_word_hash" if name == "code_word" else name
        payload[key] = data[name]
    payload["inn_kind"] = data.get("inn_kind", "company")
    numbers = str(data["numbers"]).split(",")
    now = clock.utcnow()
    ticket = Ticket(
        company_id=None,
        number=f"tmp-{secrets.token_hex(8)}",
        kind=TicketKind.REMOTE_SERVICE,
        topic_code=TicketTopic.REMOTE_SERVICE,
        topic=row_text("apply-row-topic", company=str(data["company"]))[:200],
        author_telegram_user_id=telegram_user_id,
        notify_phone=numbers[0] if numbers else None,
        payload=payload,
        created_at=now,
        updated_at=now,
    )
    db.add(ticket)
    await db.flush()
    ticket.number = ticket_number(ticket.id)
    return ticket
