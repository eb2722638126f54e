"""Billing's input: payments and charges the operator loads from CSV (`python -m bot admin
payments import …`, `… charges import …`).

In the operator's world billing takes in payments and rates calls; here the back-office loads
what billing produced. Each file is all or nothing (every bad line named with its column). A
loaded payment raises its account's balance, a charge lowers it and adds to its number's spending
this month; in the same transaction the low-balance and spending-limit checks run, so their
pushes are outbox rows of the change that causes them. A number whose outgoing calls are barred
by its spending limit has no outgoing calls, SMS, internet or roaming to bill: such a line is
refused.
A payment's document number is its identity on its account, and so is a charge's `id` (billing's
own id of the row, when the file has that column): loading a file twice adds nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, TypeVar

from sqlalchemy import select, update

from domain.accounts import alerts
from domain.backoffice.admin import record
from domain.backoffice.csv_table import LineError, Row, all_or_nothing, read_table
from domain.clock import MSK, as_utc, month_start, today_local, utcnow
from domain.db import Db
from domain.errors import ValidationFailed
from domain.money import parse_amount
from domain.subscribers import limits
from domain.types import ChargeCategory, PaymentType
from domain.validation import parse_phone
from storage.models import Account, Charge, Payment, Subscriber

# Charges a barred number cannot run up: no outgoing calls, SMS, mobile internet, roaming.
OUTGOING = frozenset(
    {ChargeCategory.CALLS, ChargeCategory.SMS, ChargeCategory.INTERNET, ChargeCategory.ROAMING}
)

PAYMENT_COLUMNS = ("account", "date", "amount", "type", "document", "description")
CHARGE_COLUMNS = ("account", "msisdn", "date", "amount", "category", "description", "id")

_COMMON = {
    "account": "account",
    "лицевой счёт": "account",
    "лицевой счет": "account",
    "счёт": "account",
    "счет": "account",
    "date": "date",
    "дата": "date",
    "amount": "amount",
    "сумма": "amount",
    "description": "description",
    "назначение": "description",
    "описание": "description",
    "комментарий": "description",
}
_PAYMENT_ALIASES = {
    **_COMMON,
    "type": "type",
    "тип": "type",
    "вид": "type",
    "document": "document",
    "номер документа": "document",
    "документ": "document",
    "№": "document",
}
_CHARGE_ALIASES = {
    **_COMMON,
    "msisdn": "msisdn",
    "номер": "msisdn",
    "телефон": "msisdn",
    "phone": "msisdn",
    "category": "category",
    "вид": "category",
    "категория": "category",
    "id": "id",
    "идентификатор": "id",
}
_PAYMENT_TYPES: Mapping[str, PaymentType] = {
    **{t.value: t for t in PaymentType},
    "безнал": PaymentType.BANK_TRANSFER,
    "платёжное поручение": PaymentType.BANK_TRANSFER,
    "платежное поручение": PaymentType.BANK_TRANSFER,
    "карта": PaymentType.CARD,
    "кешбэк": PaymentType.CASHBACK,
    "корректировка": PaymentType.ADJUSTMENT,
}
_CATEGORIES: Mapping[str, ChargeCategory] = {
    **{c.value: c for c in ChargeCategory},
    "звонки": ChargeCategory.CALLS,
    "связь": ChargeCategory.CALLS,
    "sms": ChargeCategory.SMS,
    "смс": ChargeCategory.SMS,
    "интернет": ChargeCategory.INTERNET,
    "роуминг": ChargeCategory.ROAMING,
    "абонентская плата": ChargeCategory.SUBSCRIPTION,
    "абонплата": ChargeCategory.SUBSCRIPTION,
}
_DATE_FORMATS = ("%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M")


@dataclass(frozen=True)
class Loaded:
    """What a file added: rows, their sum, the accounts touched, pushes queued by the checks."""

    rows: int
    total_kop: int
    accounts: int
    pushes: int


def parse_moment(raw: str) -> datetime:
    """`01.12.2026`, `01.12.2026 14:30`, `2026-12-01` or `2026-12-01T14:30`, Moscow time → UTC;
    a day alone is its first minute. Not after now."""
    text = raw.strip()
    local: datetime | None = None
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            local = datetime.combine(datetime.strptime(text, fmt).date(), time())
            break
        except ValueError:
            pass
    for fmt in _DATE_FORMATS if local is None else ():
        try:
            local = datetime.strptime(text, fmt)
            break
        except ValueError:
            pass
    if local is None:
        raise ValidationFailed("admin-csv-date", value=text[:40])
    moment = as_utc(local.replace(tzinfo=MSK))
    if moment > utcnow():
        raise ValidationFailed("admin-csv-date-future", value=text[:40])
    return moment


def _amount(raw: str, *, negative_allowed: bool) -> int:
    text = raw.strip()
    sign = -1 if text.startswith(("-", "−")) else 1
    try:
        kop = sign * parse_amount(text.lstrip("-−"))
    except ValidationFailed:
        raise ValidationFailed("admin-csv-amount", value=text[:40]) from None
    if kop == 0 or (kop < 0 and not negative_allowed):
        raise ValidationFailed("admin-csv-amount", value=text[:40])
    return kop


async def _accounts(
    db: Db, company_id: int, rows: list[Row], errors: list[LineError]
) -> dict[int, Account]:
    """Each line's account by its number, if it is this company's; else a line error."""
    numbers = {r["account"] for _, r in rows}
    found = {
        a.number: a for a in await db.scalars(select(Account).where(Account.number.in_(numbers)))
    }
    by_line: dict[int, Account] = {}
    for line, row in rows:
        account = found.get(row["account"])
        if account is None:
            errors.append(
                LineError(line, "account", "admin-no-account", {"number": row["account"]})
            )
        elif account.company_id != company_id:
            errors.append(
                LineError(
                    line, "account", "admin-account-other-company", {"number": account.number}
                )
            )
        else:
            by_line[line] = account
    return by_line


T = TypeVar("T")


def _parsed(
    errors: list[LineError], line: int, column: str, parse: Callable[[str], T], raw: str
) -> T | None:
    """`parse(raw)`, or None with the error added to the line's column."""
    try:
        return parse(raw)
    except ValidationFailed as err:
        errors.append(LineError(line, column, err.key, dict(err.params)))
        return None


def _mobile(raw: str) -> str:
    return parse_phone(raw, mobile_only=True)


def _positive(raw: str) -> int:
    return _amount(raw, negative_allowed=False)


def _signed(raw: str) -> int:
    return _amount(raw, negative_allowed=True)


async def _balances(db: Db, totals: Counter[int]) -> None:
    for account_id, delta in totals.items():
        await db.execute(
            update(Account)
            .where(Account.id == account_id)
            .values(balance_kop=Account.balance_kop + delta)
        )


async def _loaded(
    db: Db, company_id: int, action: str, rows: int, totals: Counter[int], pushes: int, sign: int
) -> Loaded:
    """The file's audit record, and what it added (`totals`: each account's change; `sign` -1
    for charges, which lower the balances)."""
    total = sign * sum(totals.values())
    await record(
        db, action, "company", company_id, company_id, details={"rows": rows, "total_kop": total}
    )
    return Loaded(rows, total, len(totals), pushes)


async def import_payments(db: Db, *, company_id: int, text: str) -> Loaded:
    """Payments to the company's accounts: account, date, amount, type (bank_transfer, card,
    cashback, adjustment, or in Russian), document (its number: unique per account), description.
    An adjustment may be negative."""
    errors: list[LineError] = []
    rows = read_table(
        text,
        _PAYMENT_ALIASES,
        PAYMENT_COLUMNS,
        ("account", "date", "amount", "document"),
        errors,
        empty_example="account;date;amount;type;document;description",
    )
    accounts = await _accounts(db, company_id, rows, errors)
    payments: list[Payment] = []
    seen: dict[tuple[int, str], int] = {}
    for line, row in rows:
        payment = _payment(errors, line, row, accounts.get(line))
        if payment is None:
            continue
        key = (payment.account_id, payment.document_number)
        if key in seen:
            errors.append(
                LineError(line, "document", "admin-csv-duplicate-doc", {"other": seen[key]})
            )
            continue
        seen[key] = line
        payments.append(payment)
    if seen:
        await _loaded_before(
            db,
            Payment.account_id,
            Payment.document_number,
            seen,
            errors,
            ("document", "admin-csv-loaded", "document"),
        )
    all_or_nothing(errors, payments)
    db.add_all(payments)
    totals: Counter[int] = Counter()
    for p in payments:
        totals[p.account_id] += p.amount_kop
    await _balances(db, totals)
    pushes = await alerts.check_low_balances(db)  # a payment may lift an account back: re-armed
    return await _loaded(db, company_id, "admin.payments_import", len(payments), totals, pushes, 1)


def _payment(
    errors: list[LineError], line: int, row: dict[str, str], account: Account | None
) -> Payment | None:
    """A line's payment, or None with its errors added."""
    kind = _PAYMENT_TYPES.get((row.get("type") or "bank_transfer").lower())
    if kind is None:
        allowed = ", ".join(t.value for t in PaymentType)
        errors.append(LineError(line, "type", "admin-csv-choice", {"allowed": allowed}))
    moment = _parsed(errors, line, "date", parse_moment, row["date"])
    parse = _signed if kind is PaymentType.ADJUSTMENT else _positive
    amount = _parsed(errors, line, "amount", parse, row["amount"])
    document = row["document"]
    if not document or len(document) > 40:
        errors.append(LineError(line, "document", "admin-csv-document", {"max": 40}))
    _check_description(errors, line, row)
    if account is None or kind is None or moment is None or amount is None:
        return None
    return Payment(
        account_id=account.id,
        paid_at=moment,
        amount_kop=amount,
        type=kind,
        document_number=document,
        description=row.get("description", ""),
    )


def _check_description(errors: list[LineError], line: int, row: dict[str, str]) -> None:
    if len(row.get("description", "")) > 300:
        errors.append(LineError(line, "description", "admin-csv-too-long", {"max": 300}))


async def _loaded_before(
    db: Db,
    account_column: Any,
    key_column: Any,
    lines: dict[tuple[int, str], int],
    errors: list[LineError],
    error: tuple[str, str, str],
) -> None:
    """A row whose key (a payment's document number, a charge's billing id) its account has
    already is an error on its line: `error` = (column, message id, its variable)."""
    loaded = await db.execute(
        select(account_column, key_column).where(
            account_column.in_({a for a, _ in lines}),
            key_column.in_({k for _, k in lines}),
        )
    )
    column, key, variable = error
    for account_id, value in loaded:
        line = lines.get((account_id, str(value)))
        if line is not None:
            errors.append(LineError(line, column, key, {variable: value}))


async def import_charges(db: Db, *, company_id: int, text: str) -> Loaded:
    """Charges of the company's accounts: account, msisdn (a number on that account; empty for a
    charge of the account itself), date, amount, category (calls, sms, internet, roaming,
    subscription, or in Russian), description."""
    errors: list[LineError] = []
    rows = read_table(
        text,
        _CHARGE_ALIASES,
        CHARGE_COLUMNS,
        ("account", "date", "amount", "category"),
        errors,
        empty_example="account;msisdn;date;amount;category;description",
    )
    accounts = await _accounts(db, company_id, rows, errors)
    numbers = await _numbers(db, company_id, rows)
    charges: list[tuple[Charge, Subscriber | None]] = []
    ids: dict[tuple[int, str], int] = {}  # (account, billing's id) → line
    for line, row in rows:
        found = _charge(errors, line, row, accounts.get(line), numbers)
        if found is None:
            continue
        external = found[0].external_id
        if external is not None:
            key = (found[0].account_id, external)
            if key in ids:
                params = {"other": ids[key]}
                errors.append(LineError(line, "id", "admin-csv-duplicate-charge", params))
                continue
            ids[key] = line
        charges.append(found)
    if ids:
        await _loaded_before(
            db,
            Charge.account_id,
            Charge.external_id,
            ids,
            errors,
            ("id", "admin-csv-charge-loaded", "id"),
        )
    all_or_nothing(errors, charges)
    totals: Counter[int] = Counter()
    this_month = month_start(today_local())
    for charge, sub in charges:
        db.add(charge)
        totals[charge.account_id] -= charge.amount_kop
        if sub is not None and _local_day(charge.charged_at) >= this_month:
            sub.month_spent_kop += charge.amount_kop
    await _balances(db, totals)
    await db.flush()
    # The pushes these charges cause (below a threshold, 80 % / 100 % of a limit), written now.
    pushes = await alerts.check_low_balances(db) + await limits.check_limits(db)
    return await _loaded(db, company_id, "admin.charges_import", len(charges), totals, pushes, -1)


async def _numbers(db: Db, company_id: int, rows: list[Row]) -> dict[str, Subscriber]:
    """The company's numbers the lines name, by number (a number that does not parse is named
    on its line later)."""
    msisdns: set[str] = set()
    for _line, row in rows:
        try:
            if row.get("msisdn"):
                msisdns.add(parse_phone(row["msisdn"], mobile_only=True))
        except ValidationFailed:
            pass
    return {
        s.msisdn: s
        for s in await db.scalars(
            select(Subscriber).where(
                Subscriber.msisdn.in_(msisdns), Subscriber.company_id == company_id
            )
        )
    }


def _charge(
    errors: list[LineError],
    line: int,
    row: dict[str, str],
    account: Account | None,
    numbers: dict[str, Subscriber],
) -> tuple[Charge, Subscriber | None] | None:
    """A line's charge and its number (None: of the account), or None with its errors added."""
    category = _CATEGORIES.get(row["category"].lower())
    if category is None:
        allowed = ", ".join(c.value for c in ChargeCategory)
        errors.append(LineError(line, "category", "admin-csv-choice", {"allowed": allowed}))
    moment = _parsed(errors, line, "date", parse_moment, row["date"])
    amount = _parsed(errors, line, "amount", _positive, row["amount"])
    _check_description(errors, line, row)
    sub: Subscriber | None = None
    if row.get("msisdn"):
        msisdn = _parsed(errors, line, "msisdn", _mobile, row["msisdn"])
        if msisdn is None:
            return None
        sub = numbers.get(msisdn)
        if sub is None or (account is not None and sub.account_id != account.id):
            errors.append(LineError(line, "msisdn", "admin-csv-not-on-account", {"value": msisdn}))
            return None
        if sub.outgoing_barred and category in OUTGOING:
            errors.append(LineError(line, "msisdn", "admin-csv-barred", {"value": msisdn}))
            return None
    external = row.get("id") or None
    if external is not None and len(external) > 64:
        errors.append(LineError(line, "id", "admin-csv-too-long", {"max": 64}))
        return None
    if account is None or category is None or moment is None or amount is None:
        return None
    charge = Charge(
        account_id=account.id,
        subscriber_id=sub.id if sub else None,
        charged_at=moment,
        amount_kop=amount,
        category=category,
        description=row.get("description", ""),
        external_id=external,
    )
    return charge, sub


def _local_day(moment: datetime) -> date:
    return as_utc(moment).astimezone(MSK).date()
