"""Subscribers (employees and their numbers): the list, the card, adding and removing employees,
personal data and the SMS confirmation of a number that is not the company's yet.

Every use case asks `checked_subscribers` first: the permission of the level, the company, the
principal's accounts and, for the number management and view-only levels, the own number only
(`domain.access.checks.scope_subscribers`). A forged id ends in `AccessDenied`, written to the
audit log.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, delete, func, literal, or_, select, update
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from domain.access.checks import (
    GRANTABLE_ROLES,
    Permission,
    Principal,
    deny,
    ensure_permission,
    scope_subscribers,
)
from domain.accounts.balance import AccountRef, checked_account, reachable_accounts
from domain.audit import audit
from domain.auth import codes
from domain.db import Db
from domain.errors import NotFound, ValidationFailed
from domain.notifications import notify_user, send_sms
from domain.orders.placing import ItemSpec, OrderRef, place_order
from domain.types import Brand, CodePurpose, ForwardingType, OrderKind, Role, SubscriberStatus
from domain.validation import format_phone, parse_email, parse_phone, parse_text
from storage.models import (
    Account,
    AuditLog,
    CabinetUser,
    Company,
    Forwarding,
    Group,
    Label,
    Order,
    OrderItem,
    Service,
    Subscriber,
    SubscriberLabel,
    SubscriberService,
    Tariff,
)
from storage.search import fold

PER_PAGE = 10
MAX_QUERY = 60
# Deep-link payload of the confirmation SMS: `sc_<subscriber id>_<code>` (Telegram allows
# letters, digits, `_` and `-`, up to 64 characters).
CONFIRM_PREFIX = "sc_"
_CONFIRM_PAYLOAD = re.compile(r"^sc_(\d{1,12})_(\d{6})$")


# ----------------------------------------------------------------------------------------------
# Reach


async def checked_subscribers(
    db: Db,
    principal: Principal,
    subscriber_ids: Iterable[int],
    permission: Permission,
    action: str,
) -> list[Subscriber]:
    """The named numbers, each one checked: refuses the whole request (audited) if any is
    another company's, outside the principal's accounts, or not the own number of a narrow
    level, or if the level lacks `permission`."""
    await ensure_permission(db, principal, permission, action=action)
    wanted = sorted(set(subscriber_ids))
    if not wanted:
        return []
    found: dict[int, Subscriber] = {}
    # Chunks keep each statement under every backend's limit of bound parameters.
    for start in range(0, len(wanted), 5000):
        chunk = wanted[start : start + 5000]
        rows = await db.scalars(
            scope_subscribers(select(Subscriber), principal).where(Subscriber.id.in_(chunk))
        )
        found.update({s.id: s for s in rows})
    missing = [i for i in wanted if i not in found]
    if missing:
        other = await db.scalar(select(Subscriber.company_id).where(Subscriber.id == missing[0]))
        raise await deny(
            db,
            principal,
            action,
            object_type="subscriber",
            object_id=missing[0],
            permission=permission,
            reason="other_company" if other not in (None, principal.company_id) else "scope",
        )
    return [found[i] for i in wanted]


async def checked_subscriber(
    db: Db, principal: Principal, subscriber_id: int, permission: Permission, action: str
) -> Subscriber:
    sub = (await checked_subscribers(db, principal, [subscriber_id], permission, action))[0]
    if sub.status is SubscriberStatus.REMOVED:
        raise NotFound("sub-err-removed")
    return sub


@dataclass(frozen=True)
class SubscriberBrief:
    """A number as a question about it names it: «Удалить Иванова (+7 916 …)?»."""

    id: int
    msisdn: str
    name: str


async def _to_change(
    db: Db, principal: Principal, subscriber_id: int, action: str
) -> SubscriberBrief:
    sub = await checked_subscriber(
        db, principal, subscriber_id, Permission.MANAGE_SUBSCRIBERS, action
    )
    return SubscriberBrief(sub.id, sub.msisdn, sub.employee_name)


async def number_to_remove(db: Db, principal: Principal, subscriber_id: int) -> SubscriberBrief:
    """The number a «remove» question is about, if the user may remove it (`sub.remove`)."""
    return await _to_change(db, principal, subscriber_id, "sub.remove")


async def number_to_edit(db: Db, principal: Principal, subscriber_id: int) -> SubscriberBrief:
    """The number whose personal data the user is about to change (`sub.personal`)."""
    return await _to_change(db, principal, subscriber_id, "sub.personal")


async def ensure_can_confirm(db: Db, principal: Principal, subscriber_id: int) -> None:
    """Before the code of a number from outside is asked (`sub.confirm`)."""
    await _to_change(db, principal, subscriber_id, "sub.confirm")


# ----------------------------------------------------------------------------------------------
# The list


@dataclass(frozen=True)
class ListFilter:
    query: str = ""
    group_id: int | None = None
    label_id: int | None = None


@dataclass(frozen=True)
class SubscriberRow:
    id: int
    msisdn: str
    name: str
    status: SubscriberStatus


@dataclass(frozen=True)
class SubscriberPage:
    items: list[SubscriberRow]
    page: int  # 0-based
    pages: int
    total: int


class _position(FunctionElement[int]):
    """Where a substring starts (1-based), 0 when absent: SQLite's `instr`, PostgreSQL's
    `strpos`. A plain substring test, much cheaper than LIKE's pattern matcher on 10,000 names
    in several case forms."""

    type = Integer()
    inherit_cache = True


@compiles(_position)
def _position_sqlite(element: _position, compiler: Any, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


@compiles(_position, "postgresql")
def _position_pg(element: _position, compiler: Any, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


def _has(column: Any, part: str) -> ColumnElement[bool]:
    return _position(column, literal(part)) > 0


def _number_parts(digits: str) -> list[ColumnElement[bool]]:
    """A number as typed (`8 916 123…`, `+7 (916) 123…`, `7916…`, `916-123`, digits only here)
    inside the stored `+7916…`: a leading 8 of a Russian number is its +7."""
    conds = [_has(Subscriber.msisdn, digits)]
    if digits.startswith("8") and len(digits) >= 4:
        conds.append(Subscriber.msisdn.startswith("+7" + digits[1:], autoescape=True))
    return conds


def search_condition(query: str, company_id: int) -> ColumnElement[bool] | None:
    """Part of a number (any form: `916 123`, `+7916…`, `8 916…`), of a name, a label's or a
    group's name; names compare folded (`storage.search.fold`: any case, `ё` as `е`)."""
    text = " ".join(query.split())[:MAX_QUERY]
    if not text:
        return None
    conds: list[ColumnElement[bool]] = []
    digits = re.sub(r"[\s\-()+.]", "", text)
    key = fold(text)
    if digits.isdigit():
        # Digits are a number's part; names have none, so they are not scanned for them.
        conds.extend(_number_parts(digits))
    else:
        conds.append(_has(Subscriber.name_key, key))
    label_ids = (
        select(Label.id)
        .where(Label.company_id == company_id, _has(Label.name_key, key))
        .scalar_subquery()
    )
    conds.append(
        Subscriber.id.in_(
            select(SubscriberLabel.subscriber_id).where(SubscriberLabel.label_id.in_(label_ids))
        )
    )
    group_ids = select(Group.id).where(Group.company_id == company_id, _has(Group.name_key, key))
    conds.append(Subscriber.group_id.in_(group_ids))
    return or_(*conds)


def _listed(principal: Principal, flt: ListFilter) -> Select[int]:
    stmt = scope_subscribers(select(Subscriber.id), principal).where(
        Subscriber.status != SubscriberStatus.REMOVED
    )
    if flt.group_id is not None:
        stmt = stmt.where(Subscriber.group_id == flt.group_id)
    if flt.label_id is not None:
        stmt = stmt.where(
            Subscriber.id.in_(
                select(SubscriberLabel.subscriber_id).where(
                    SubscriberLabel.label_id == flt.label_id
                )
            )
        )
    cond = search_condition(flt.query, principal.company_id)
    if cond is not None:
        stmt = stmt.where(cond)
    return stmt


async def _check_filter(db: Db, principal: Principal, flt: ListFilter, action: str) -> None:
    from domain.access.checks import ensure_company_object

    chosen: list[tuple[type[Group] | type[Label], str, int | None]] = [
        (Group, "group", flt.group_id),
        (Label, "label", flt.label_id),
    ]
    for model, object_type, object_id in chosen:
        if object_id is None:
            continue
        owner = await db.scalar(select(model.company_id).where(model.id == object_id))
        await ensure_company_object(
            db,
            principal,
            owner,
            object_type=object_type,
            object_id=object_id,
            action=action,
        )


async def list_subscribers(
    db: Db, principal: Principal, flt: ListFilter, page: int, per_page: int = PER_PAGE
) -> SubscriberPage:
    """One page of the numbers the principal may see, by number, with the filter applied."""
    await ensure_permission(db, principal, Permission.VIEW_SUBSCRIBERS, action="sub.list")
    await _check_filter(db, principal, flt, "sub.list")
    # One pass over the covering index `(company_id, msisdn, status, employee_name, …)` in
    # number order gives both the count and the page: a search scans once, not twice.
    ids = list(await db.scalars(_listed(principal, flt).order_by(Subscriber.msisdn)))
    total = len(ids)
    pages = max(1, -(-total // per_page))
    page = min(max(page, 0), pages - 1)
    wanted = ids[page * per_page : (page + 1) * per_page]
    rows = await db.execute(
        select(Subscriber.id, Subscriber.msisdn, Subscriber.employee_name, Subscriber.status)
        .where(Subscriber.id.in_(wanted))
        .order_by(Subscriber.msisdn)
    )
    items = [SubscriberRow(r.id, r.msisdn, r.employee_name, r.status) for r in rows]
    return SubscriberPage(items, page, pages, total)


async def matching_ids(
    db: Db, principal: Principal, flt: ListFilter, limit: int = 10_000
) -> list[int]:
    """Every listed id the filter matches (for «select all found»)."""
    await ensure_permission(db, principal, Permission.VIEW_SUBSCRIBERS, action="sub.list")
    await _check_filter(db, principal, flt, "sub.list")
    rows = await db.scalars(_listed(principal, flt).order_by(Subscriber.msisdn).limit(limit))
    return list(rows)


async def pick_subscribers(db: Db, principal: Principal, subscriber_ids: list[int]) -> list[int]:
    """Numbers ticked for a bulk change: each one checked (a refusal is audited as
    `sub.select`) — the company, the accounts, and a level that may change numbers at all."""
    rows = await checked_subscribers(
        db, principal, subscriber_ids, Permission.MANAGE_SUBSCRIBERS, "sub.select"
    )
    if any(s.status is SubscriberStatus.REMOVED for s in rows):
        raise NotFound("sub-err-removed")
    return [s.id for s in rows]


async def pickable_ids(
    db: Db, principal: Principal, flt: ListFilter, limit: int = 10_000
) -> list[int]:
    """«Select all found»: every number the filter lists, for a level that may change them."""
    await ensure_permission(db, principal, Permission.MANAGE_SUBSCRIBERS, action="sub.select")
    return await matching_ids(db, principal, flt, limit)


# ----------------------------------------------------------------------------------------------
# The card


@dataclass(frozen=True)
class ForwardingRule:
    id: int
    type: ForwardingType
    target: str
    suspended: bool  # another rule yields to an active unconditional one


@dataclass(frozen=True)
class SubscriberCard:
    id: int
    msisdn: str
    name: str
    photo_file_id: str | None
    comment: str
    email: str | None
    position: str | None
    account_number: str
    tariff: str | None
    services: list[str]
    status: SubscriberStatus
    block_reason: str | None
    limit_kop: int | None
    limit_blocks: bool
    outgoing_barred: bool
    month_spent_kop: int
    labels: list[str]
    group: str | None  # icon and name
    level: Role | None
    forwarding: list[ForwardingRule] = field(default_factory=list)

    @property
    def limit_percent(self) -> int | None:
        if not self.limit_kop:
            return None
        return self.month_spent_kop * 100 // self.limit_kop


def effective_rules(rows: Sequence[Forwarding]) -> list[ForwardingRule]:
    """Unconditional forwarding takes every call, so while it is on the others are suspended."""
    order = list(ForwardingType)
    uncond = any(r.type is ForwardingType.UNCONDITIONAL and r.is_active for r in rows)
    return [
        ForwardingRule(
            r.id, r.type, r.target_msisdn, uncond and r.type is not ForwardingType.UNCONDITIONAL
        )
        for r in sorted(rows, key=lambda r: order.index(r.type))
        if r.is_active
    ]


async def level_of(db: Db, sub: Subscriber) -> Role | None:
    """The access level the number's own login has in the cabinet, if any (not blocked)."""
    role = await db.scalar(
        select(CabinetUser.role).where(
            CabinetUser.company_id == sub.company_id,
            CabinetUser.login == sub.msisdn,
            CabinetUser.is_blocked.is_(False),
        )
    )
    return role


async def subscriber_card(db: Db, principal: Principal, subscriber_id: int) -> SubscriberCard:
    sub = await checked_subscriber(
        db, principal, subscriber_id, Permission.VIEW_SUBSCRIBERS, "sub.card"
    )
    account = await db.get(Account, sub.account_id)
    assert account is not None
    tariff = await db.get(Tariff, sub.tariff_id) if sub.tariff_id else None
    services = list(
        await db.scalars(
            select(Service.name)
            .join(SubscriberService, SubscriberService.service_id == Service.id)
            .where(SubscriberService.subscriber_id == sub.id)
            .order_by(Service.name)
        )
    )
    labels = list(
        await db.scalars(
            select(Label.name)
            .join(SubscriberLabel, SubscriberLabel.label_id == Label.id)
            .where(SubscriberLabel.subscriber_id == sub.id)
            .order_by(Label.name)
        )
    )
    group = await db.get(Group, sub.group_id) if sub.group_id else None
    rules = list(await db.scalars(select(Forwarding).where(Forwarding.subscriber_id == sub.id)))
    return SubscriberCard(
        id=sub.id,
        msisdn=sub.msisdn,
        name=sub.employee_name,
        photo_file_id=sub.photo_file_id,
        comment=sub.comment,
        email=sub.email,
        position=sub.position,
        account_number=account.number,
        tariff=tariff.name if tariff else None,
        services=services,
        status=sub.status,
        block_reason=sub.block_reason,
        limit_kop=sub.spending_limit_kop,
        limit_blocks=sub.limit_blocks,
        outgoing_barred=sub.outgoing_barred,
        month_spent_kop=sub.month_spent_kop,
        labels=labels,
        group=f"{group.icon} {group.name}" if group else None,
        level=await level_of(db, sub),
        forwarding=effective_rules(rules),
    )


# ----------------------------------------------------------------------------------------------
# Adding an employee


def parse_employee_name(raw: str) -> str:
    return parse_text(raw, min_len=2, max_len=200, key="sub-err-name")


def parse_comment(raw: str) -> str:
    return parse_text(raw, min_len=1, max_len=500, key="sub-err-comment")


@dataclass(frozen=True)
class NumberCheck:
    """What adding this number will do: join at once (the company's own number) or wait for
    the owner's SMS confirmation (a number from outside)."""

    msisdn: str
    own: bool
    account_id: int | None  # the account the company's number is on


async def check_can_add(db: Db, principal: Principal) -> None:
    """The level may add employees (the «add» button of a narrower level is refused here)."""
    await ensure_permission(db, principal, Permission.MANAGE_SUBSCRIBERS, action="sub.add")
    if principal.own_number_only:
        raise await deny(
            db, principal, "sub.add", permission=Permission.MANAGE_SUBSCRIBERS, reason="level"
        )


async def check_new_number(db: Db, principal: Principal, raw: str) -> NumberCheck:
    await ensure_permission(db, principal, Permission.MANAGE_SUBSCRIBERS, action="sub.add")
    msisdn = parse_phone(raw, mobile_only=True)
    sub = await db.scalar(select(Subscriber).where(Subscriber.msisdn == msisdn))
    if sub is None:
        return NumberCheck(msisdn, False, None)
    if sub.company_id != principal.company_id:
        raise ValidationFailed("sub-err-number-foreign")
    await checked_subscribers(db, principal, [sub.id], Permission.MANAGE_SUBSCRIBERS, "sub.add")
    if sub.status is SubscriberStatus.PENDING:
        raise ValidationFailed("sub-err-number-pending")
    if sub.status is not SubscriberStatus.REMOVED:
        raise ValidationFailed("sub-err-number-listed", name=sub.employee_name or sub.msisdn)
    return NumberCheck(msisdn, True, sub.account_id)


async def accounts_for_new(db: Db, principal: Principal) -> list[AccountRef]:
    """Accounts a number from outside may join: MegaFon ones first (a MegaFon login works by
    number), each group in number order."""
    refs = await reachable_accounts(db, principal, Permission.MANAGE_SUBSCRIBERS, "sub.add")
    return sorted(refs, key=lambda a: (a.brand is not Brand.MEGAFON, a.number))


@dataclass(frozen=True)
class AddedEmployee:
    id: int
    msisdn: str
    status: SubscriberStatus


async def add_employee(
    db: Db,
    principal: Principal,
    *,
    name: str,
    number: str,
    account_id: int,
    photo_file_id: str | None = None,
    comment: str = "",
    telegram_user_id: int | None = None,
) -> AddedEmployee:
    """A number of the company joins the list active at once; any other number is added as
    awaiting confirmation and gets an SMS with a code (and a deep link to confirm in the bot)."""
    name = parse_employee_name(name)
    check = await check_new_number(db, principal, number)
    if check.own:
        sub = await db.scalar(select(Subscriber).where(Subscriber.msisdn == check.msisdn))
        assert sub is not None
        sub.status = SubscriberStatus.ACTIVE
    else:
        await checked_account(db, principal, account_id, Permission.MANAGE_SUBSCRIBERS, "sub.add")
        # All or nothing: no employee is written unless its confirmation SMS can go now.
        await codes.ensure_can_issue(db, check.msisdn, telegram_user_id=telegram_user_id)
        sub = Subscriber(
            company_id=principal.company_id,
            account_id=account_id,
            msisdn=check.msisdn,
            status=SubscriberStatus.PENDING,
        )
        db.add(sub)
    sub.employee_name = name
    sub.photo_file_id = photo_file_id
    sub.comment = comment
    await db.flush()
    if not check.own:
        await send_confirmation(db, principal, sub, telegram_user_id)
    await audit(
        db,
        principal,
        "sub.add",
        object_type="subscriber",
        object_id=sub.id,
        details={"own": check.own, "status": sub.status.value},
    )
    return AddedEmployee(sub.id, sub.msisdn, sub.status)


async def send_confirmation(
    db: Db, principal: Principal, sub: Subscriber, telegram_user_id: int | None
) -> None:
    code = await codes.issue_code(
        db,
        CodePurpose.SUBSCRIBER_CONFIRM,
        sub.msisdn,
        subscriber_id=sub.id,
        telegram_user_id=telegram_user_id,
    )
    await send_sms(
        db,
        sub.msisdn,
        "sub-sms-confirm",
        {
            "code": code,
            "company": principal.company_name,
            "payload": f"{CONFIRM_PREFIX}{sub.id}_{code}",
        },
    )


async def resend_confirmation(
    db: Db, principal: Principal, subscriber_id: int, telegram_user_id: int | None
) -> str:
    sub = await checked_subscriber(
        db, principal, subscriber_id, Permission.MANAGE_SUBSCRIBERS, "sub.confirm"
    )
    if sub.status is not SubscriberStatus.PENDING:
        raise ValidationFailed("sub-err-not-pending")
    await send_confirmation(db, principal, sub, telegram_user_id)
    return sub.msisdn


async def _activate(db: Db, sub: Subscriber) -> None:
    sub.status = SubscriberStatus.ACTIVE
    await db.flush()


async def confirm_by_coordinator(
    db: Db, principal: Principal, subscriber_id: int, raw_code: str, telegram_user_id: int | None
) -> str:
    """The coordinator types the code the employee received. Returns the number."""
    sub = await checked_subscriber(
        db, principal, subscriber_id, Permission.MANAGE_SUBSCRIBERS, "sub.confirm"
    )
    if sub.status is not SubscriberStatus.PENDING:
        raise ValidationFailed("sub-err-not-pending")
    await codes.check_code(
        db,
        CodePurpose.SUBSCRIBER_CONFIRM,
        raw_code,
        subscriber_id=sub.id,
        telegram_user_id=telegram_user_id,
    )
    await _activate(db, sub)
    await audit(db, principal, "sub.confirm", object_type="subscriber", object_id=sub.id)
    return sub.msisdn


def is_confirm_payload(payload: str | None) -> bool:
    return bool(payload and payload.startswith(CONFIRM_PREFIX))


async def confirm_by_link(db: Db, payload: str, telegram_user_id: int | None) -> str:
    """The employee opened the link of the SMS (`/start sc_<id>_<code>`); no login needed, the
    code is the proof of the number. Returns the company's name."""
    m = _CONFIRM_PAYLOAD.fullmatch(payload)
    if m is None:
        raise ValidationFailed("sub-err-link")
    sub = await db.get(Subscriber, int(m.group(1)))
    if sub is None or sub.status is not SubscriberStatus.PENDING:
        raise ValidationFailed("sub-err-link")
    await codes.check_code(
        db,
        CodePurpose.SUBSCRIBER_CONFIRM,
        m.group(2),
        subscriber_id=sub.id,
        telegram_user_id=telegram_user_id,
    )
    await _activate(db, sub)
    await audit(
        db,
        None,
        "sub.confirm_link",
        object_type="subscriber",
        object_id=sub.id,
        company_id=sub.company_id,
        telegram_user_id=telegram_user_id,
    )
    # The coordinator who added the number hears that it is active now.
    added_by = await db.scalar(
        select(AuditLog.user_id)
        .where(
            AuditLog.action == "sub.add",
            AuditLog.object_type == "subscriber",
            AuditLog.object_id == str(sub.id),
        )
        .order_by(AuditLog.id.desc())
        .limit(1)
    )
    if added_by is not None:
        await notify_user(
            db,
            added_by,
            "sub-push-confirmed",
            {"number": format_phone(sub.msisdn), "name": html.escape(sub.employee_name)},
            card=("subscriber", sub.id),
        )
    company = await db.get(Company, sub.company_id)
    return company.name if company else ""


# ----------------------------------------------------------------------------------------------
# Removing


async def remove_subscribers(db: Db, principal: Principal, subscriber_ids: Iterable[int]) -> int:
    """Remove employees from the list. The numbers stay the company's (adding one back makes it
    active at once); their labels, group and cabinet logins go. Returns how many were removed;
    a second press of the same confirmation removes nothing more."""
    subs = await checked_subscribers(
        db, principal, subscriber_ids, Permission.MANAGE_SUBSCRIBERS, "sub.remove"
    )
    live = [s for s in subs if s.status is not SubscriberStatus.REMOVED]
    if not live:
        return 0
    ids = [s.id for s in live]
    own = [s.id for s in live if s.id == principal.subscriber_id or s.msisdn == principal.login]
    if own:
        raise ValidationFailed("sub-err-remove-self")
    await db.execute(delete(SubscriberLabel).where(SubscriberLabel.subscriber_id.in_(ids)))
    await db.execute(
        update(Subscriber)
        .where(Subscriber.id.in_(ids))
        .values(status=SubscriberStatus.REMOVED, group_id=None)
        .execution_options(synchronize_session="fetch")
    )
    await db.execute(
        update(CabinetUser)
        .where(
            CabinetUser.company_id == principal.company_id,
            CabinetUser.login.in_([s.msisdn for s in live]),
            CabinetUser.role.in_(GRANTABLE_ROLES),
        )
        .values(is_blocked=True)
    )
    await audit(
        db,
        principal,
        "sub.remove",
        object_type="subscriber",
        object_id=ids[0] if len(ids) == 1 else None,
        details={"count": len(ids), "ids": ids[:50]},
    )
    return len(ids)


# ----------------------------------------------------------------------------------------------
# Personal data


class PersonalField(StrEnum):
    NAME = "name"
    COMMENT = "comment"
    EMAIL = "email"
    PHOTO = "photo"


async def update_personal(
    db: Db, principal: Principal, subscriber_id: int, what: PersonalField, raw: str | None
) -> None:
    """Change the employee's name, comment, e-mail or photo (a Telegram file id); `None` (or
    `-` for the comment and e-mail) clears what may be empty."""
    sub = await checked_subscriber(
        db, principal, subscriber_id, Permission.MANAGE_SUBSCRIBERS, "sub.personal"
    )
    clear = raw is None or raw.strip() in ("-", "—")
    if what is PersonalField.NAME:
        if raw is None:
            raise ValidationFailed("sub-err-name", min=2, max=200)
        sub.employee_name = parse_employee_name(raw)
    elif what is PersonalField.COMMENT:
        sub.comment = "" if clear else parse_comment(raw or "")
    elif what is PersonalField.EMAIL:
        sub.email = None if clear else parse_email(raw or "")
    else:
        sub.photo_file_id = None if raw is None else raw[:200]
    await db.flush()
    await audit(
        db,
        principal,
        "sub.personal",
        object_type="subscriber",
        object_id=sub.id,
        details={"field": what.value},
    )


async def place_number_order(
    db: Db,
    principal: Principal,
    subscriber_id: int,
    kind: OrderKind,
    request_key: str,
    params: dict[str, Any],
    item_params: dict[str, Any] | None = None,
) -> OrderRef:
    """An order for one number (blocking, forwarding, SIM), in the caller's transaction; the
    caller has checked the number and looked for one `placed_before` under the same key."""
    return await place_order(
        db,
        principal,
        kind=kind,
        items=[ItemSpec(subscriber_id=subscriber_id, params=item_params or {})],
        params=params,
        request_key=request_key,
    )


async def placed_before(db: Db, principal: Principal, request_key: str) -> OrderRef | None:
    """The order a confirmation already placed under this key (a second press of the same
    button), so that the checks that its execution made false do not refuse the repeat."""
    order = await db.scalar(
        select(Order).where(
            Order.company_id == principal.company_id, Order.request_key == request_key[:64]
        )
    )
    if order is None:
        return None
    n = await db.scalar(select(func.count()).where(OrderItem.order_id == order.id)) or 0
    return OrderRef(order.id, order.status, int(n), False, order.effective_date)
