"""Cashback (кешбэк): what an account has accumulated, its history, and spending it on the
account's balance.

Spending is one guarded UPDATE (`cashback_kop >= amount`), so two taps on «Подтвердить» or two
coordinators at once never spend the same kopeck twice. It writes a `CashbackTransaction`
(SPEND), a `Payment` of type CASHBACK that the payments list shows, and moves the balance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update

from domain import clock
from domain.access.checks import Permission, Principal
from domain.accounts.balance import (
    AccountRef,
    checked_account,
    pages_for,
    reach_condition,
    record_done,
    require,
)
from domain.clock import as_utc
from domain.db import Db
from domain.errors import Conflict, ValidationFailed
from domain.money import format_rub
from domain.texts import row_text
from domain.types import Brand, CashbackKind, PaymentType
from storage.models import Account, CashbackTransaction, Payment


@dataclass(frozen=True)
class CashbackBalance:
    account_id: int
    number: str
    brand: Brand
    cashback_kop: int
    balance_kop: int


@dataclass(frozen=True)
class CashbackEntry:
    id: int
    at: datetime
    kind: CashbackKind
    amount_kop: int
    description: str


@dataclass(frozen=True)
class CashbackHistory:
    account: AccountRef
    cashback_kop: int
    items: list[CashbackEntry]
    page: int
    pages: int
    total: int


@dataclass(frozen=True)
class SpendResult:
    account_id: int
    number: str
    spent_kop: int
    cashback_kop: int  # what is left
    balance_kop: int  # the account's balance after
    payment_id: int


async def cashback_overview(db: Db, principal: Principal) -> list[CashbackBalance]:
    """Cashback of every account the principal may see, biggest first."""
    await require(db, principal, Permission.VIEW_BALANCE, "cashback")
    rows = await db.execute(
        select(Account.id, Account.number, Account.brand, Account.cashback_kop, Account.balance_kop)
        .where(reach_condition(principal))
        .order_by(Account.cashback_kop.desc(), Account.number)
    )
    return [CashbackBalance(r.id, r.number, r.brand, r.cashback_kop, r.balance_kop) for r in rows]


async def cashback_history(
    db: Db, principal: Principal, account_id: int, page: int = 0, per_page: int = 10
) -> CashbackHistory:
    ref = await checked_account(
        db, principal, account_id, Permission.VIEW_BALANCE, "cashback_history"
    )
    total = int(
        await db.scalar(
            select(func.count(CashbackTransaction.id)).where(
                CashbackTransaction.account_id == account_id
            )
        )
        or 0
    )
    pages = pages_for(total, per_page)
    page = min(max(page, 0), pages - 1)
    rows = await db.scalars(
        select(CashbackTransaction)
        .where(CashbackTransaction.account_id == account_id)
        .order_by(CashbackTransaction.at.desc(), CashbackTransaction.id.desc())
        .limit(per_page)
        .offset(page * per_page)
    )
    items = [CashbackEntry(t.id, as_utc(t.at), t.kind, t.amount_kop, t.description) for t in rows]
    cashback = int(
        await db.scalar(select(Account.cashback_kop).where(Account.id == account_id)) or 0
    )
    return CashbackHistory(ref, cashback, items, page, pages, total)


async def spend_cashback(
    db: Db, principal: Principal, account_id: int, amount_kop: int
) -> SpendResult:
    """Move `amount_kop` of the account's cashback onto its balance (after the user confirmed).

    Errors: `acc-err-cashback-amount` (zero or less), `acc-err-cashback-not-enough` (more than
    there is; nothing changes), `AccessDenied`.
    """
    ref = await checked_account(
        db, principal, account_id, Permission.MANAGE_CASHBACK, "cashback_spend"
    )
    if amount_kop <= 0:
        raise ValidationFailed("acc-err-cashback-amount")
    result = await db.execute(
        update(Account)
        .where(Account.id == account_id, Account.cashback_kop >= amount_kop)
        .values(
            cashback_kop=Account.cashback_kop - amount_kop,
            balance_kop=Account.balance_kop + amount_kop,
        )
        .returning(Account.cashback_kop, Account.balance_kop)
        .execution_options(synchronize_session="fetch")
    )
    row = result.one_or_none()
    if row is None:
        have = await db.scalar(select(Account.cashback_kop).where(Account.id == account_id))
        raise Conflict("acc-err-cashback-not-enough", available=format_rub(int(have or 0)))
    now = clock.utcnow()
    db.add(
        CashbackTransaction(
            account_id=account_id,
            at=now,
            amount_kop=amount_kop,
            kind=CashbackKind.SPEND,
            description=row_text("acc-row-cashback-to-balance", number=ref.number),
        )
    )
    payment = Payment(
        account_id=account_id,
        paid_at=now,
        amount_kop=amount_kop,
        type=PaymentType.CASHBACK,
        document_number=f"КБ-{now:%Y%m%d%H%M%S}",
        description=row_text("acc-row-cashback-payment"),
    )
    db.add(payment)
    await db.flush()
    await record_done(db, principal, "cashback_spend", "account", account_id, amount_kop=amount_kop)
    return SpendResult(
        account_id=account_id,
        number=ref.number,
        spent_kop=amount_kop,
        cashback_kop=int(row[0]),
        balance_kop=int(row[1]),
        payment_id=payment.id,
    )


async def cashback_account_to_spend(db: Db, principal: Principal, account_id: int) -> AccountRef:
    """The account whose cashback the principal is about to spend (before the sum is asked)."""
    return await checked_account(
        db, principal, account_id, Permission.MANAGE_CASHBACK, "cashback_spend"
    )
