"""Accounts (лицевые счета): who may see which, the quick balance and the account card.

Every use case of the accounts section asks `reachable_accounts` / `checked_accounts` first: the
permission of the level, the company, and the principal's own list of accounts
(`domain.access.checks`). A forged callback with another account's id ends here with `AccessDenied`,
written to the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, func, select

from domain.access.checks import Permission, Principal, deny, scope_accounts
from domain.access.checks import require as require  # re-exported: sections import it from here
from domain.audit import audit
from domain.clock import MSK, month_end, today_local

# The date helpers live in `domain.clock`; these names stay importable from here for the
# sections that still take them from the accounts' module.
from domain.clock import month_start as month_start
from domain.clock import next_month_start as next_month_start
from domain.db import Db
from domain.errors import NotFound
from domain.types import AccountType, Brand, ChargeCategory, DeliveryMethod, SubscriberStatus
from storage.models import Account, Charge, Company, Subscriber


@dataclass(frozen=True)
class AccountRef:
    """The little of an account every list needs."""

    id: int
    number: str
    brand: Brand
    type: AccountType


@dataclass(frozen=True)
class AccountBalance:
    id: int
    number: str
    brand: Brand
    type: AccountType
    balance_kop: int
    credit_limit_kop: int | None
    threshold_kop: int | None

    @property
    def below_threshold(self) -> bool:
        return self.threshold_kop is not None and self.balance_kop < self.threshold_kop


@dataclass(frozen=True)
class BalancePage:
    items: list[AccountBalance]
    page: int  # 0-based
    pages: int
    total: int
    below_count: int  # accounts under their alert threshold, over all pages


@dataclass(frozen=True)
class Manager:
    name: str
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class AccountCard:
    id: int
    number: str
    brand: Brand
    type: AccountType
    company_name: str
    manager: Manager | None
    balance_kop: int
    prev_balance_kop: int
    credit_limit_kop: int | None
    threshold_kop: int | None
    cashback_kop: int
    delivery_method: DeliveryMethod
    subscribers: int
    period_start: date
    period_end: date  # inclusive
    charges: list[tuple[ChargeCategory, int]]  # the current period, biggest first

    @property
    def charges_total_kop(self) -> int:
        return sum(k for _, k in self.charges)

    @property
    def below_threshold(self) -> bool:
        return self.threshold_kop is not None and self.balance_kop < self.threshold_kop


# ----------------------------------------------------------------------------------------------
# Reach


async def record_done(
    db: Db,
    principal: Principal,
    action: str,
    object_type: str | None = None,
    object_id: int | str | None = None,
    **details: object,
) -> None:
    """An audit row for a change of money or settings made by the principal."""
    await audit(
        db,
        principal,
        action,
        object_type=object_type,
        object_id=object_id,
        details={k: str(v) for k, v in details.items()},
    )


def reach_condition(principal: Principal) -> ColumnElement[bool]:
    """SQL condition on `Account`: the accounts the principal works with (`scope_accounts`)."""
    return Account.id.in_(scope_accounts(select(Account.id), principal).scalar_subquery())


def _account_refs_query() -> Select[int, str, Brand, AccountType]:
    return select(Account.id, Account.number, Account.brand, Account.type)


async def reachable_accounts(
    db: Db, principal: Principal, permission: Permission, action: str = "accounts"
) -> list[AccountRef]:
    """Every account the principal may see for `permission`, in number order."""
    await require(db, principal, permission, action)
    rows = await db.execute(
        _account_refs_query().where(reach_condition(principal)).order_by(Account.number, Account.id)
    )
    return [AccountRef(r.id, r.number, r.brand, r.type) for r in rows]


async def checked_accounts(
    db: Db,
    principal: Principal,
    account_ids: Iterable[int],
    permission: Permission,
    action: str,
) -> list[AccountRef]:
    """The named accounts, each one checked: refuses the whole request if any is out of reach."""
    await require(db, principal, permission, action)
    wanted = sorted(set(account_ids))
    if not wanted:
        return []
    rows = list(
        await db.execute(
            _account_refs_query().where(Account.id.in_(wanted), reach_condition(principal))
        )
    )
    found = {r.id for r in rows}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise await deny(
            db,
            principal,
            action,
            object_type="account",
            object_id=missing[0],
            permission=permission,
            reason="scope",
        )
    by_id = {r.id: AccountRef(r.id, r.number, r.brand, r.type) for r in rows}
    return sorted(by_id.values(), key=lambda a: (a.number, a.id))


async def checked_account(
    db: Db, principal: Principal, account_id: int, permission: Permission, action: str
) -> AccountRef:
    return (await checked_accounts(db, principal, [account_id], permission, action))[0]


# ----------------------------------------------------------------------------------------------
# Periods in Moscow time


def msk_day_start_utc(day: date) -> datetime:
    """Midnight of a Moscow day as a UTC instant."""
    return datetime.combine(day, time.min, MSK).astimezone(UTC)


def utc_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """[start, end) in UTC covering the Moscow days `first` … `last` inclusive."""
    return msk_day_start_utc(first), msk_day_start_utc(last + timedelta(days=1))


# ----------------------------------------------------------------------------------------------
# Quick balance and the card

# Today in Moscow: `domain.clock`'s, under the name the sections import from here.
local_today = today_local


def pages_for(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


async def quick_balance(
    db: Db, principal: Principal, page: int = 0, per_page: int = 10
) -> BalancePage:
    """The balances of the accounts the principal may see, a page at a time, in number order."""
    await require(db, principal, Permission.VIEW_BALANCE, "quick_balance")
    below = Account.low_balance_threshold_kop.is_not(None) & (
        Account.balance_kop < Account.low_balance_threshold_kop
    )
    counts = (
        await db.execute(
            select(func.count(Account.id), func.count(Account.id).filter(below)).where(
                reach_condition(principal)
            )
        )
    ).one()
    total, below_count = int(counts[0]), int(counts[1] or 0)
    pages = pages_for(total, per_page)
    page = min(max(page, 0), pages - 1)
    rows = await db.execute(
        select(
            Account.id,
            Account.number,
            Account.brand,
            Account.type,
            Account.balance_kop,
            Account.credit_limit_kop,
            Account.low_balance_threshold_kop,
        )
        .where(reach_condition(principal))
        .order_by(Account.number, Account.id)
        .limit(per_page)
        .offset(page * per_page)
    )
    items = [
        AccountBalance(
            id=r.id,
            number=r.number,
            brand=r.brand,
            type=r.type,
            balance_kop=r.balance_kop,
            credit_limit_kop=r.credit_limit_kop,
            threshold_kop=r.low_balance_threshold_kop,
        )
        for r in rows
    ]
    return BalancePage(items=items, page=page, pages=pages, total=total, below_count=below_count)


async def account_card(
    db: Db, principal: Principal, account_id: int, today: date | None = None
) -> AccountCard:
    """The card of one account: company, manager, balances, this month's charges by category."""
    await checked_account(db, principal, account_id, Permission.VIEW_BALANCE, "account_card")
    acc = await db.get(Account, account_id)
    if acc is None:  # pragma: no cover - checked_account has just found it
        raise NotFound()
    company = await db.get(Company, acc.company_id)
    if company is None:  # pragma: no cover - a foreign key
        raise NotFound()
    today = today or today_local()
    first, last = month_start(today), month_end(today)
    start, end = utc_bounds(first, last)
    rows = await db.execute(
        select(Charge.category, func.sum(Charge.amount_kop))
        .where(Charge.account_id == account_id, Charge.charged_at >= start, Charge.charged_at < end)
        .group_by(Charge.category)
    )
    charges = sorted(
        ((ChargeCategory(cat), int(total or 0)) for cat, total in rows),
        key=lambda c: (-c[1], c[0].value),
    )
    subscribers = await db.scalar(
        select(func.count(Subscriber.id)).where(
            Subscriber.account_id == account_id, Subscriber.status != SubscriberStatus.REMOVED
        )
    )
    manager = (
        Manager(company.manager_name, company.manager_phone, company.manager_email)
        if company.manager_name
        else None
    )
    return AccountCard(
        id=acc.id,
        number=acc.number,
        brand=acc.brand,
        type=acc.type,
        company_name=company.name,
        manager=manager,
        balance_kop=acc.balance_kop,
        prev_balance_kop=acc.prev_balance_kop,
        credit_limit_kop=acc.credit_limit_kop,
        threshold_kop=acc.low_balance_threshold_kop,
        cashback_kop=acc.cashback_kop,
        delivery_method=acc.delivery_method,
        subscribers=int(subscribers or 0),
        period_start=first,
        period_end=last,
        charges=charges,
    )


async def account_refs(db: Db, account_ids: Sequence[int]) -> dict[int, AccountRef]:
    """Numbers and brands of accounts already checked for reach."""
    if not account_ids:
        return {}
    rows = await db.execute(
        select(Account.id, Account.number, Account.brand, Account.type).where(
            Account.id.in_(sorted(set(account_ids)))
        )
    )
    return {r.id: AccountRef(r.id, r.number, r.brand, r.type) for r in rows}


# ----------------------------------------------------------------------------------------------
# What the accounts screens offer, and the use cases that open a question about one account


@dataclass(frozen=True)
class AccountRights:
    """Which buttons the accounts screens show this principal (every use case checks again)."""

    payments: bool
    statistics: bool
    documents: bool
    prepay: bool
    cashback: bool
    delivery: bool
    alerts: bool
    export: bool


def account_rights(principal: Principal) -> AccountRights:
    can = principal.can
    return AccountRights(
        payments=can(Permission.VIEW_PAYMENTS),
        statistics=can(Permission.VIEW_STATISTICS),
        documents=can(Permission.ORDER_DOCUMENTS),
        prepay=can(Permission.PREPAYMENT_INVOICE),
        cashback=can(Permission.MANAGE_CASHBACK),
        delivery=can(Permission.MANAGE_DELIVERY),
        alerts=can(Permission.MANAGE_ALERTS),
        export=can(Permission.EXPORT_PAYMENTS),
    )


async def prepayment_account(db: Db, principal: Principal, account_id: int) -> AccountRef:
    """The account a prepayment invoice is asked for (checked before the sum is asked)."""
    return await checked_account(
        db, principal, account_id, Permission.PREPAYMENT_INVOICE, "prepayment"
    )
