"""Which numbers an order is for: picked one by one, a group, a label, an account, or all.

Every id that comes from a button or a saved dialog is checked here against the principal's
reach (company, accounts, own number) before it names a number; one id out of reach refuses the
whole request, audited. Removed numbers are never offered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from domain.access.checks import (
    Permission,
    Principal,
    account_in_reach,
    deny,
    ensure_permission,
    scope_subscribers,
)
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


@dataclass(frozen=True)
class _Scope:
    """How a group, a label or an account holds numbers: its table, what its button shows, the
    column that names it beside a number (through `via`, a table joined to `Subscriber`), and
    who reaches it."""

    model: type[Group] | type[Label] | type[Account]
    name: Any
    key: Any
    reached: Callable[[Principal, Any], bool]
    via: Any = None

    def members(self, stmt: Any) -> Any:
        """`stmt` over `Subscriber`, joined to what names the bucket of each number."""
        if self.via is None:
            return stmt
        return stmt.join(self.via, self.via.subscriber_id == Subscriber.id)


def _same_company(principal: Principal, row: Group | Label) -> bool:
    return row.company_id == principal.company_id


def _account_reached(principal: Principal, account: Account) -> bool:
    return account_in_reach(principal, account.company_id, account.id)


_SCOPES = {
    PickMode.GROUP: _Scope(Group, Group.name, Subscriber.group_id, _same_company),
    PickMode.LABEL: _Scope(
        Label, Label.name, SubscriberLabel.label_id, _same_company, via=SubscriberLabel
    ),
    PickMode.ACCOUNT: _Scope(Account, Account.number, Subscriber.account_id, _account_reached),
}


async def buckets(
    db: Db, principal: Principal, permission: Permission, mode: PickMode
) -> list[Bucket]:
    """Groups, labels or accounts that hold numbers in reach, with their counts."""
    await ensure_permission(db, principal, permission)
    scope = _SCOPES.get(mode)
    if scope is None:
        return []
    stmt = (
        scope.members(
            select(scope.model.id, scope.name, func.count(Subscriber.id)).select_from(Subscriber)
        )
        .join(scope.model, scope.model.id == scope.key)
        .group_by(scope.model.id, scope.name)
        .order_by(scope.name)
    )
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
    scope = _SCOPES.get(mode)
    if scope is not None:
        row: Group | Label | Account | None = await db.get(scope.model, object_id)
        if row is None:
            raise NotFound()
        if not scope.reached(principal, row):
            raise await deny(
                db,
                principal,
                action,
                object_type=mode.value,
                object_id=object_id,
                permission=permission,
                reason="other_company" if row.company_id != principal.company_id else "scope",
            )
        stmt = scope.members(stmt).where(scope.key == object_id)
    elif mode is not PickMode.ALL:
        raise NotFound()
    return list(await db.scalars(stmt.order_by(Subscriber.msisdn)))
