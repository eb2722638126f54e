"""Payments and charges of selected accounts («Посмотреть платежи»): filters, pages, streams.

One list holds both directions of money: payments received (positive) and charges (negative).
A `PaymentFilter` says which accounts, dates (Moscow days, inclusive), operation types, amounts
and account type; the list, the totals and the exports all read the same query, so what a user
sees on screen is exactly what a file holds.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, func, literal, select, union_all

from domain.access.checks import Permission, Principal
from domain.accounts.balance import (
    AccountRef,
    checked_account,
    checked_accounts,
    pages_for,
    reachable_accounts,
    utc_bounds,
)
from domain.clock import as_utc, month_end, month_start, today_local
from domain.db import Db
from domain.errors import ValidationFailed
from domain.money import parse_amount
from domain.types import AccountType, ChargeCategory, PaymentType
from domain.types import OpType as OpType  # in types: keyboards use it
from domain.types import QuickRange as QuickRange  # in types: keyboards use it
from storage.models import Charge, Payment, Subscriber

PAYMENT_OP_TYPES = frozenset(t for t in OpType if t is not OpType.CHARGE)
_OP_OF_PAYMENT = {PaymentType(t.value): t for t in PAYMENT_OP_TYPES}


@dataclass(frozen=True)
class AmountRange:
    """Amounts in kopecks compared with the size of an operation (a charge of 500 ₽ is 500)."""

    low_kop: int | None = None
    high_kop: int | None = None
    low_strict: bool = False
    high_strict: bool = False

    def matches(self, kop: int) -> bool:
        size = abs(kop)
        if self.low_kop is not None and (
            size <= self.low_kop if self.low_strict else size < self.low_kop
        ):
            return False
        return not (
            self.high_kop is not None
            and (size >= self.high_kop if self.high_strict else size > self.high_kop)
        )

    def condition(self, size: ColumnElement[int]) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if self.low_kop is not None:
            conds.append(size > self.low_kop if self.low_strict else size >= self.low_kop)
        if self.high_kop is not None:
            conds.append(size < self.high_kop if self.high_strict else size <= self.high_kop)
        return conds

    def to_data(self) -> dict[str, Any]:
        return {
            "lo": self.low_kop,
            "hi": self.high_kop,
            "los": self.low_strict,
            "his": self.high_strict,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> AmountRange:
        return cls(
            low_kop=data.get("lo"),
            high_kop=data.get("hi"),
            low_strict=bool(data.get("los")),
            high_strict=bool(data.get("his")),
        )


@dataclass(frozen=True)
class PaymentFilter:
    """What the payments list shows. Empty `account_ids` = every account in reach;
    empty `types` = every type."""

    account_ids: frozenset[int] = frozenset()
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    types: frozenset[OpType] = frozenset()
    amount: AmountRange | None = None
    account_type: AccountType | None = None

    @property
    def has_filters(self) -> bool:
        """Anything beyond the account selection narrows the list."""
        return bool(
            self.date_from or self.date_to or self.types or self.amount or self.account_type
        )

    def reset(self) -> PaymentFilter:
        """«Сбросить фильтры»: the same accounts, nothing else."""
        return PaymentFilter(account_ids=self.account_ids)

    def with_period(self, first: date | None, last: date | None) -> PaymentFilter:
        return replace(self, date_from=first, date_to=last)

    def toggle_type(self, op: OpType) -> PaymentFilter:
        types = set(self.types)
        types.symmetric_difference_update({op})
        # Every type ticked is the same list as none ticked: keep one way to say it.
        if types == set(OpType):
            types = set()
        return replace(self, types=frozenset(types))

    def selects(self, op: OpType) -> bool:
        return not self.types or op in self.types

    def to_data(self) -> dict[str, Any]:
        """A JSON-able form, for FSM storage."""
        return {
            "acc": sorted(self.account_ids),
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "types": sorted(t.value for t in self.types),
            "amount": self.amount.to_data() if self.amount else None,
            "atype": self.account_type.value if self.account_type else None,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None) -> PaymentFilter:
        if not data:
            return cls()
        return cls(
            account_ids=frozenset(int(i) for i in data.get("acc") or ()),
            date_from=date.fromisoformat(data["from"]) if data.get("from") else None,
            date_to=date.fromisoformat(data["to"]) if data.get("to") else None,
            types=frozenset(OpType(t) for t in data.get("types") or ()),
            amount=AmountRange.from_data(data["amount"]) if data.get("amount") else None,
            account_type=AccountType(data["atype"]) if data.get("atype") else None,
        )


class Operation(NamedTuple):
    """One row of the list: a payment (positive) or a charge (negative).

    A named tuple, not a dataclass: an export makes a hundred thousand of them.
    """

    id: int
    at: datetime  # UTC
    account_id: int
    account_number: str
    type: OpType
    category: ChargeCategory | None  # for charges
    amount_kop: int  # signed
    document_number: str
    description: str
    msisdn: str = ""  # the number a charge is for (the list's page only; exports leave it out)

    @property
    def is_charge(self) -> bool:
        return self.type is OpType.CHARGE


@dataclass(frozen=True)
class OperationsSummary:
    count: int
    income_kop: int  # the sum of the positive amounts
    expense_kop: int  # the sum of the negative amounts, as a positive number
    max_abs_kop: int

    @property
    def net_kop(self) -> int:
        return self.income_kop - self.expense_kop


@dataclass(frozen=True)
class OperationsPage:
    items: list[Operation]
    page: int  # 0-based
    pages: int
    summary: OperationsSummary
    accounts: list[AccountRef] = field(default_factory=list)  # the accounts the filter covers

    @property
    def total(self) -> int:
        return self.summary.count


# ----------------------------------------------------------------------------------------------
# Typed input

_DATE_RE = r"(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})"
_PERIOD_RE = re.compile(rf"^{_DATE_RE}(?:\s*(?:-|–|—|\.\.|по)\s*{_DATE_RE})?$")
_PERIOD_PREFIX = re.compile(r"^\s*(?:с|c)\s+", re.IGNORECASE)
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


def _mkdate(d: str, m: str, y: str) -> date:
    year = int(y) + 2000 if len(y) == 2 else int(y)
    return date(year, int(m), int(d))


def period_example(today: date | None = None) -> str:
    """A period the period step takes, for its texts: last month, from its first to last day."""
    last = month_start(today or today_local()) - timedelta(days=1)
    return f"{month_start(last):%d.%m.%Y}-{last:%d.%m.%Y}"


def _bad_period(key: str, text: str) -> ValidationFailed:
    return ValidationFailed(key, value=text.strip()[:40], example=period_example())


def parse_period(text: str) -> tuple[date, date]:
    """`01.09.2026-30.09.2026` (or one date for one day) → the first and last day, inclusive.

    Errors: `acc-err-period-format` (not dates), `acc-err-period-date` (no such day, e.g.
    31.02.2026), `acc-err-period-order` (the end before the start).
    """
    cleaned = _PERIOD_PREFIX.sub("", text.strip())
    m = _PERIOD_RE.match(cleaned)
    if m is None:
        raise _bad_period("acc-err-period-format", text)
    g = m.groups()
    try:
        first = _mkdate(g[0], g[1], g[2])
        last = _mkdate(g[3], g[4], g[5]) if g[3] else first
    except ValueError:
        raise _bad_period("acc-err-period-date", text) from None
    if not (EARLIEST <= first <= LATEST and EARLIEST <= last <= LATEST):
        raise _bad_period("acc-err-period-date", text)
    if last < first:
        raise _bad_period("acc-err-period-order", text)
    return first, last


_NUM = r"(\d[\d\s\u00a0\u202f']*(?:[.,]\d{1,2})?)"
_RANGE_RE = re.compile(rf"^(?:от\s*)?{_NUM}\s*(?:-|–|—|\.\.|до)\s*{_NUM}$", re.IGNORECASE)
_CMP_RE = re.compile(rf"^(>=|≥|<=|≤|>|<|от|до|больше|меньше)\s*{_NUM}$", re.IGNORECASE)
_CURRENCY_TAIL = re.compile(r"\s*(?:₽|руб(?:лей|ля|ль)?\.?|р\.)\s*$", re.IGNORECASE)


def parse_amount_range(text: str) -> AmountRange:
    """`1000-5000`, `>10000`, `<500`, `>=1000`, `от 1000`, `до 5000`, `1000` → an `AmountRange`.

    Roubles, with optional kopecks (`1000,50`). Errors: `acc-err-amount-format`,
    `acc-err-amount-order` (the low end above the high one).
    """
    raw = text.strip()
    cleaned = _CURRENCY_TAIL.sub("", raw.replace("₽", " ₽")).strip()
    cleaned = re.sub(r"\s*(?:₽|руб\.?|р\.)\s*(?=[-–—]|до|\.\.)", " ", cleaned)

    def amount(s: str) -> int:
        try:
            return parse_amount(s)
        except ValidationFailed:
            raise ValidationFailed("acc-err-amount-format", value=raw[:40]) from None

    m = _RANGE_RE.match(cleaned)
    if m:
        lo, hi = amount(m.group(1)), amount(m.group(2))
        if lo > hi:
            raise ValidationFailed("acc-err-amount-order", value=raw[:40])
        return AmountRange(low_kop=lo, high_kop=hi)
    m = _CMP_RE.match(cleaned)
    if m:
        op, value = m.group(1).lower(), amount(m.group(2))
        if op in (">", "больше"):
            return AmountRange(low_kop=value, low_strict=True)
        if op in (">=", "≥", "от"):
            return AmountRange(low_kop=value)
        if op in ("<", "меньше"):
            return AmountRange(high_kop=value, high_strict=True)
        return AmountRange(high_kop=value)
    if re.fullmatch(_NUM, cleaned):
        value = amount(cleaned)
        return AmountRange(low_kop=value, high_kop=value)
    raise ValidationFailed("acc-err-amount-format", value=raw[:40])


def quick_range(kind: QuickRange, today: date | None = None) -> tuple[date, date]:
    """This month, last month, this quarter, this year — Moscow days, inclusive, to their end."""
    today = today or today_local()
    if kind is QuickRange.THIS_MONTH:
        return month_start(today), month_end(today)
    if kind is QuickRange.LAST_MONTH:
        last = month_start(today) - timedelta(days=1)
        return month_start(last), last
    if kind is QuickRange.QUARTER:
        q_first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        q_last_month = date(today.year, q_first.month + 2, 1)
        return q_first, month_end(q_last_month)
    return date(today.year, 1, 1), date(today.year, 12, 31)


def matching_quick_range(
    first: date | None, last: date | None, today: date | None = None
) -> QuickRange | None:
    if first is None or last is None:
        return None
    for kind in QuickRange:
        if quick_range(kind, today) == (first, last):
            return kind
    return None


# ----------------------------------------------------------------------------------------------
# Queries


async def resolve_accounts(
    db: Db, principal: Principal, flt: PaymentFilter, permission: Permission, action: str
) -> list[AccountRef]:
    """The accounts a filter covers, each checked for reach; a forged id refuses everything."""
    if flt.account_ids:
        refs = await checked_accounts(db, principal, flt.account_ids, permission, action)
    else:
        refs = await reachable_accounts(db, principal, permission, action)
    if flt.account_type is not None:
        refs = [r for r in refs if r.type is flt.account_type]
    return refs


def _bounds(flt: PaymentFilter) -> tuple[datetime | None, datetime | None]:
    start = utc_bounds(flt.date_from, flt.date_from)[0] if flt.date_from else None
    end = utc_bounds(flt.date_to, flt.date_to)[1] if flt.date_to else None
    return start, end


def _payment_keys(ids: list[int], flt: PaymentFilter) -> Select[*tuple[Any, ...]] | None:
    """(kind 0, id, at, signed amount) of the selected payments: index columns only."""
    types = [PaymentType(t.value) for t in OpType if t is not OpType.CHARGE and flt.selects(t)]
    if not types:
        return None
    start, end = _bounds(flt)
    conds: list[ColumnElement[bool]] = [Payment.account_id.in_(ids)]
    if start is not None:
        conds.append(Payment.paid_at >= start)
    if end is not None:
        conds.append(Payment.paid_at < end)
    if len(types) < len(PAYMENT_OP_TYPES):
        conds.append(Payment.type.in_(types))
    if flt.amount is not None:
        conds.extend(flt.amount.condition(func.abs(Payment.amount_kop)))
    return select(
        literal(0).label("kind"),
        Payment.id.label("id"),
        Payment.paid_at.label("at"),
        Payment.amount_kop.label("amount"),
    ).where(*conds)


def _charge_keys(ids: list[int], flt: PaymentFilter) -> Select[*tuple[Any, ...]] | None:
    """(kind 1, id, at, signed amount) of the selected charges: index columns only."""
    if not flt.selects(OpType.CHARGE):
        return None
    start, end = _bounds(flt)
    conds: list[ColumnElement[bool]] = [Charge.account_id.in_(ids)]
    if start is not None:
        conds.append(Charge.charged_at >= start)
    if end is not None:
        conds.append(Charge.charged_at < end)
    if flt.amount is not None:
        conds.extend(flt.amount.condition(func.abs(Charge.amount_kop)))
    return select(
        literal(1).label("kind"),
        Charge.id.label("id"),
        Charge.charged_at.label("at"),
        (-Charge.amount_kop).label("amount"),
    ).where(*conds)


def _parts(ids: list[int], flt: PaymentFilter) -> list[Select[*tuple[Any, ...]]]:
    if not ids:
        return []
    return [s for s in (_payment_keys(ids, flt), _charge_keys(ids, flt)) if s is not None]


def _ordered_keys(ids: list[int], flt: PaymentFilter) -> Select[*tuple[Any, ...]] | None:
    """(kind, id) of both directions in one stable order: newest first, payments before
    charges at the same instant, then the bigger id first.

    Only the narrow keys are sorted (from the covering indexes); the rows of a page or of an
    export chunk are read afterwards by primary key.
    """
    parts = _parts(ids, flt)
    if not parts:
        return None
    sub = (parts[0] if len(parts) == 1 else union_all(*parts)).subquery()
    return select(sub.c.kind, sub.c.id).order_by(sub.c.at.desc(), sub.c.kind, sub.c.id.desc())


async def _details(
    db: Db, keys: Sequence[tuple[int, int]], numbers: Mapping[int, str]
) -> list[Operation]:
    """The operations for (kind, id) keys, in the keys' order."""
    payment_ids = [i for k, i in keys if k == 0]
    charge_ids = [i for k, i in keys if k == 1]
    found: dict[tuple[int, int], Operation] = {}
    if payment_ids:
        for r in await db.execute(
            select(
                Payment.id,
                Payment.paid_at,
                Payment.account_id,
                Payment.type,
                Payment.amount_kop,
                Payment.document_number,
                Payment.description,
            ).where(Payment.id.in_(payment_ids))
        ):
            found[(0, r.id)] = Operation(
                id=r.id,
                at=as_utc(r.paid_at),
                account_id=r.account_id,
                account_number=numbers.get(r.account_id, ""),
                type=_OP_OF_PAYMENT[r.type],
                category=None,
                amount_kop=int(r.amount_kop),
                document_number=r.document_number or "",
                description=r.description or "",
            )
    if charge_ids:
        for c in await db.execute(
            select(
                Charge.id,
                Charge.charged_at,
                Charge.account_id,
                Charge.category,
                Charge.amount_kop,
                Charge.description,
                Subscriber.msisdn,
            )
            .join(Subscriber, Subscriber.id == Charge.subscriber_id, isouter=True)
            .where(Charge.id.in_(charge_ids))
        ):
            found[(1, c.id)] = Operation(
                id=c.id,
                at=as_utc(c.charged_at),
                account_id=c.account_id,
                account_number=numbers.get(c.account_id, ""),
                type=OpType.CHARGE,
                category=c.category,
                amount_kop=-int(c.amount_kop),
                document_number="",
                description=c.description or "",
                msisdn=c.msisdn or "",
            )
    return [found[k] for k in keys if k in found]


async def _summary(db: Db, ids: list[int], flt: PaymentFilter) -> OperationsSummary:
    count = income = expense = max_abs = 0
    for part in _parts(ids, flt):
        sub = part.subquery()
        amount = sub.c.amount
        row = (
            await db.execute(
                select(
                    func.count(),
                    func.coalesce(func.sum(amount).filter(amount > 0), 0),
                    func.coalesce(func.sum(-amount).filter(amount < 0), 0),
                    func.coalesce(func.max(func.abs(amount)), 0),
                ).select_from(sub)
            )
        ).one()
        count += int(row[0])
        income += int(row[1])
        expense += int(row[2])
        max_abs = max(max_abs, int(row[3]))
    return OperationsSummary(count, income, expense, max_abs)


async def list_operations(
    db: Db, principal: Principal, flt: PaymentFilter, page: int = 0, per_page: int = 10
) -> OperationsPage:
    """One page of what the filter selects, with the count and the totals of the whole list."""
    refs = await resolve_accounts(db, principal, flt, Permission.VIEW_PAYMENTS, "payments")
    ids = [r.id for r in refs]
    summary = await _summary(db, ids, flt)
    pages = pages_for(summary.count, per_page)
    page = min(max(page, 0), pages - 1)
    items: list[Operation] = []
    stmt = _ordered_keys(ids, flt)
    if stmt is not None and summary.count:
        numbers = {r.id: r.number for r in refs}
        keys = [
            (int(k), int(i))
            for k, i in await db.execute(stmt.limit(per_page).offset(page * per_page))
        ]
        items = await _details(db, keys, numbers)
    return OperationsPage(items=items, page=page, pages=pages, summary=summary, accounts=refs)


async def operations_summary(
    db: Db,
    principal: Principal,
    flt: PaymentFilter,
    permission: Permission = Permission.VIEW_PAYMENTS,
) -> tuple[list[AccountRef], OperationsSummary]:
    refs = await resolve_accounts(db, principal, flt, permission, "payments_summary")
    return refs, await _summary(db, [r.id for r in refs], flt)


def _wide_listing(ids: list[int], flt: PaymentFilter) -> Select[*tuple[Any, ...]] | None:
    """Every column an export writes, in the list's order (for streaming: one sorted pass)."""
    parts: list[Select[*tuple[Any, ...]]] = []
    p_keys, c_keys = (_payment_keys(ids, flt), _charge_keys(ids, flt)) if ids else (None, None)
    if p_keys is not None:
        parts.append(
            p_keys.add_columns(
                Payment.account_id.label("account_id"),
                Payment.type.label("ptype"),
                literal(None).label("category"),
                Payment.document_number.label("doc"),
                Payment.description.label("descr"),
            )
        )
    if c_keys is not None:
        parts.append(
            c_keys.add_columns(
                Charge.account_id.label("account_id"),
                literal(None).label("ptype"),
                Charge.category.label("category"),
                literal("").label("doc"),
                Charge.description.label("descr"),
            )
        )
    if not parts:
        return None
    sub = (parts[0] if len(parts) == 1 else union_all(*parts)).subquery()
    return select(sub).order_by(sub.c.at.desc(), sub.c.kind, sub.c.id.desc())


async def stream_operations(
    db: Db, refs: list[AccountRef], flt: PaymentFilter, chunk: int = 2000
) -> AsyncIterator[list[Operation]]:
    """Everything the filter selects on the already checked accounts, `chunk` rows at a time,
    in the list's order, read from one cursor: nothing holds the whole selection at once."""
    stmt = _wide_listing([r.id for r in refs], flt)
    if stmt is None:
        return
    numbers = {r.id: r.number for r in refs}
    charge = OpType.CHARGE
    # Core rows on the session's connection: the ORM's row objects cost a third of an export.
    conn = await db.connection()
    result = await conn.stream(stmt.execution_options(yield_per=chunk))
    try:
        async for rows in result.partitions(chunk):
            # Positional: kind, id, at, amount, account_id, ptype, category, doc, descr. `at` is
            # already an aware UTC datetime (storage.models.UtcDateTime).
            yield [
                Operation(
                    r[1],
                    r[2],
                    r[4],
                    numbers.get(r[4], ""),
                    # A StrEnum hashes as its value: the raw string finds its member too.
                    _OP_OF_PAYMENT[r[5]] if r[0] == 0 else charge,
                    None if r[0] == 0 else ChargeCategory(r[6]),
                    int(r[3]),
                    r[7] or "",
                    r[8] or "",
                )
                for r in rows
            ]
    finally:
        await result.close()


# ----------------------------------------------------------------------------------------------
# Use cases of the payments screens (each owns its permission and audit action)


async def payment_accounts(db: Db, principal: Principal) -> list[AccountRef]:
    """Every account whose payments the principal may see: the selection's list."""
    return await reachable_accounts(db, principal, Permission.VIEW_PAYMENTS, "payments")


async def checked_payment_accounts(
    db: Db, principal: Principal, account_ids: Iterable[int]
) -> list[int]:
    """The ids of the named accounts, each checked; one out of reach refuses them all."""
    refs = await checked_accounts(db, principal, account_ids, Permission.VIEW_PAYMENTS, "payments")
    return [r.id for r in refs]


async def payment_account(db: Db, principal: Principal, account_id: int) -> AccountRef:
    """One account's payments (from its card)."""
    return await checked_account(db, principal, account_id, Permission.VIEW_PAYMENTS, "payments")


async def export_summary(db: Db, principal: Principal, flt: PaymentFilter) -> OperationsSummary:
    """What an export of the filter would hold (refused without the right to export)."""
    _refs, summary = await operations_summary(db, principal, flt, Permission.EXPORT_PAYMENTS)
    return summary
