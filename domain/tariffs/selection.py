"""Which numbers an order is for: picked one by one, a group, a label, an account, or all.

Every id that comes from a button or a saved dialog is checked here against the principal's
reach (company, accounts, own number) before it names a number; one id out of reach refuses the
whole request, audited. Removed numbers are never offered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from domain.access.checks import Permission, Principal, deny, ensure_permission, scope_subscribers
from domain.db import Db
from domain.errors import NotFound
from domain.subscribers.numbers import MAX_QUERY as MAX_QUERY
from domain.subscribers.numbers import search_condition
from domain.types import PickMode as PickMode  # in types: keyboards use it
from domain.types import SubscriberStatus
from storage.models import Account, Group, Label, Subscriber, SubscriberLabel

_CHUNK = 500


@dataclass(frozen=True)
class NumberRef:
    id: int
    msisdn: str
    name: str


@dataclass(frozen=True)
class NumbersPage:
    items: list[NumberRef]
    page: int
    pages: int
    total: int


@dataclass(frozen=True)
class Bucket:
    """A group, a label or an account, with how many of its numbers are in reach."""

    id: int
    name: str
    count: int


def _live(stmt: Any, principal: Principal) -> Any:
    """Limit a select over `Subscriber` to the live numbers in the principal's reach."""
    return scope_subscribers(stmt, principal).where(Subscriber.status != SubscriberStatus.REMOVED)


async def numbers_page(
    db: Db,
    principal: Principal,
    permission: Permission,
    page: int,
    per_page: int = 8,
    *,
    query: str = "",
) -> NumbersPage:
    """The numbers in reach, in number order, one page of them (for the check-box list);
    `query`: only those matching part of a number, a name, a label or a group (as the numbers
    list's search)."""
    await ensure_permission(db, principal, permission)

    def matching(stmt: Any) -> Any:
        stmt = _live(stmt, principal)
        cond = search_condition(query, principal.company_id)
        return stmt if cond is None else stmt.where(cond)

    total = await db.scalar(matching(select(func.count(Subscriber.id)))) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 0), pages - 1)
    rows = await db.execute(
        matching(select(Subscriber.id, Subscriber.msisdn, Subscriber.employee_name))
        .order_by(Subscriber.msisdn)
        .offset(page * per_page)
        .limit(per_page)
    )
    return NumbersPage(
        [NumberRef(r.id, r.msisdn, r.employee_name) for r in rows], page, pages, total
    )


async def buckets(
    db: Db, principal: Principal, permission: Permission, mode: PickMode
) -> list[Bucket]:
    """Groups, labels or accounts that hold numbers in reach, with their counts."""
    await ensure_permission(db, principal, permission)
    if mode is PickMode.GROUP:
        stmt = (
            select(Group.id, Group.name, func.count(Subscriber.id))
            .join(Subscriber, Subscriber.group_id == Group.id)
            .group_by(Group.id, Group.name)
            .order_by(Group.name)
        )
    elif mode is PickMode.LABEL:
        stmt = (
            select(Label.id, Label.name, func.count(Subscriber.id))
            .join(SubscriberLabel, SubscriberLabel.label_id == Label.id)
            .join(Subscriber, Subscriber.id == SubscriberLabel.subscriber_id)
            .group_by(Label.id, Label.name)
            .order_by(Label.name)
        )
    elif mode is PickMode.ACCOUNT:
        stmt = (
            select(Account.id, Account.number, func.count(Subscriber.id))
            .join(Subscriber, Subscriber.account_id == Account.id)
            .group_by(Account.id, Account.number)
            .order_by(Account.number)
        )
    else:
        return []
    rows = await db.execute(_live(stmt, principal))
    return [Bucket(r[0], r[1], r[2]) for r in rows]


async def checked_numbers(
    db: Db,
    principal: Principal,
    subscriber_ids: Iterable[int],
    permission: Permission,
    action: str,
) -> list[int]:
    """The named numbers, each one checked; any out of reach (another company's, another
    account's, not the own number) refuses the whole request, audited."""
    await ensure_permission(db, principal, permission, action=action)
    wanted = sorted(set(subscriber_ids))
    found: set[int] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        found.update(
            await db.scalars(
                _live(select(Subscriber.id), principal).where(Subscriber.id.in_(chunk))
            )
        )
    missing = [i for i in wanted if i not in found]
    if missing:
        sub = await db.get(Subscriber, missing[0])
        other = sub is None or sub.company_id != principal.company_id
        raise await deny(
            db,
            principal,
            action,
            object_type="subscriber",
            object_id=missing[0],
            permission=permission,
            reason="other_company" if other else "scope",
        )
    return wanted


async def numbers_of(
    db: Db,
    principal: Principal,
    mode: PickMode,
    object_id: int,
    permission: Permission,
    action: str,
) -> list[int]:
    """Every number in reach of a group, a label, an account, or all of them (`ALL`, id 0).
    A group, label or account of another company (or an account out of reach) is refused,
    audited."""
    await ensure_permission(db, principal, permission, action=action)
    stmt = _live(select(Subscriber.id), principal)
    if mode is PickMode.GROUP or mode is PickMode.LABEL:
        obj: Group | Label | None = (
            await db.get(Group, object_id)
            if mode is PickMode.GROUP
            else await db.get(Label, object_id)
        )
        if obj is None:
            raise NotFound()
        if obj.company_id != principal.company_id:
            raise await deny(
                db,
                principal,
                action,
                object_type=mode.value,
                object_id=object_id,
                permission=permission,
                reason="other_company",
            )
        if mode is PickMode.GROUP:
            stmt = stmt.where(Subscriber.group_id == object_id)
        else:
            stmt = stmt.join(SubscriberLabel, SubscriberLabel.subscriber_id == Subscriber.id).where(
                SubscriberLabel.label_id == object_id
            )
    elif mode is PickMode.ACCOUNT:
        account = await db.get(Account, object_id)
        if account is None:
            raise NotFound()
        reachable = account.company_id == principal.company_id and (
            principal.account_ids is None or account.id in principal.account_ids
        )
        if not reachable or principal.own_number_only:
            raise await deny(
                db,
                principal,
                action,
                object_type="account",
                object_id=object_id,
                permission=permission,
                reason="other_company" if account.company_id != principal.company_id else "scope",
            )
        stmt = stmt.where(Subscriber.account_id == object_id)
    elif mode is not PickMode.ALL:
        raise NotFound()
    return list(await db.scalars(stmt.order_by(Subscriber.msisdn)))
