"""The data of the period's accounting documents, read from charges and payments.

- **Invoice** (счёт) for a month of an account: one line per charge category, VAT computed per
  line from the gross amount at the rate in force on the document's date (the month's last day),
  the totals and the total in words. **With itemised detail** it also lists each number's
  charges of the month by category.
- **VAT invoice** (счёт-фактура): the same lines in the columns of the official form.
- **Reconciliation statement** (акт сверки) for a period: the opening balance, each month's
  sales (the month's charges, as the VAT invoice of that month names them) and each payment,
  seen from both sides, and the closing balance.

Documents are always in Russian: they are Russian accounting papers, whatever the chat language.
Nothing here checks access: the order that asks for a document has checked it (`orders`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from sqlalchemy import func, select

from domain.accounts.balance import month_start, next_month_start, utc_bounds
from domain.clock import to_local
from domain.db import Db
from domain.documents.operators import OperatorRequisites, operator_for
from domain.errors import NotFound
from domain.money import amount_in_words, vat_from_gross, vat_percent_on
from domain.types import ChargeCategory, DocumentKind, PaymentType
from storage.models import Account, Charge, Company, Payment, Subscriber

CATEGORY_ORDER = (
    ChargeCategory.SUBSCRIPTION,
    ChargeCategory.CALLS,
    ChargeCategory.SMS,
    ChargeCategory.INTERNET,
    ChargeCategory.ROAMING,
    ChargeCategory.SERVICES,
)

SERVICE_NAMES: dict[ChargeCategory, str] = {
    ChargeCategory.SUBSCRIPTION: "Абонентская плата за услуги связи",
    ChargeCategory.CALLS: "Услуги местной, внутризоновой и междугородной телефонной связи",
    ChargeCategory.SMS: "Услуги передачи коротких текстовых сообщений (SMS)",
    ChargeCategory.INTERNET: "Услуги передачи данных (мобильный интернет)",
    ChargeCategory.ROAMING: "Услуги связи в роуминге",
    ChargeCategory.SERVICES: "Дополнительные услуги связи",
}

CATEGORY_SHORT: dict[ChargeCategory, str] = {
    ChargeCategory.SUBSCRIPTION: "Абон. плата",
    ChargeCategory.CALLS: "Звонки",
    ChargeCategory.SMS: "SMS",
    ChargeCategory.INTERNET: "Интернет",
    ChargeCategory.ROAMING: "Роуминг",
    ChargeCategory.SERVICES: "Услуги",
}

UNIT_NAME = "усл. ед."
UNIT_CODE = "876"  # ОКЕИ: условная единица
CURRENCY = "Российский рубль, 643"

MONTHS_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)


@dataclass(frozen=True)
class Period:
    """Whole Moscow days `first` … `last`, inclusive."""

    first: date
    last: date

    def months(self) -> Iterator[Period]:
        day = month_start(self.first)
        while day <= self.last:
            end = next_month_start(day) - timedelta(days=1)
            yield Period(max(day, self.first), min(end, self.last))
            day = end + timedelta(days=1)

    @property
    def month_label(self) -> str:
        return f"{MONTHS_NOMINATIVE[self.first.month - 1]} {self.first.year}"

    def text(self) -> str:
        return f"{self.first:%d.%m.%Y} – {self.last:%d.%m.%Y}"


def month_period(year: int, month: int) -> Period:
    first = date(year, month, 1)
    return Period(first, next_month_start(first) - timedelta(days=1))


@dataclass(frozen=True)
class Party:
    name: str
    inn: str
    kpp: str | None
    address: str

    @property
    def inn_kpp(self) -> str:
        return f"{self.inn}/{self.kpp}" if self.kpp else self.inn

    def requisites(self) -> str:
        parts = [self.name, f"ИНН {self.inn}"]
        if self.kpp:
            parts.append(f"КПП {self.kpp}")
        if self.address:
            parts.append(self.address)
        return ", ".join(parts)


def seller_party(seller: OperatorRequisites) -> Party:
    return Party(seller.name, seller.inn, seller.kpp, seller.address)


def is_sample(seller: OperatorRequisites) -> bool:
    """Demo requisites get an «ОБРАЗЕЦ» mark (the flag appears on `OperatorRequisites`)."""
    return bool(getattr(seller, "is_sample", False))


@dataclass(frozen=True)
class ServiceLine:
    position: int
    category: ChargeCategory
    name: str
    quantity: int  # how many charges make the line
    amount_kop: int  # with VAT
    vat_percent: int
    vat_kop: int

    @property
    def net_kop(self) -> int:
        return self.amount_kop - self.vat_kop


@dataclass(frozen=True)
class NumberDetail:
    msisdn: str
    employee: str
    by_category: dict[ChargeCategory, int]

    @property
    def total_kop(self) -> int:
        return sum(self.by_category.values())


class _VatLine(Protocol):
    @property
    def amount_kop(self) -> int: ...  # with VAT

    @property
    def vat_kop(self) -> int: ...


class VatTotals:
    """The sums of a paper made of lines with VAT (an invoice, a prepayment invoice): VAT is
    computed per line and summed, as Russian invoices do."""

    lines: Sequence[_VatLine]

    @property
    def total_kop(self) -> int:
        return sum(line.amount_kop for line in self.lines)

    @property
    def vat_kop(self) -> int:
        return sum(line.vat_kop for line in self.lines)

    @property
    def net_kop(self) -> int:
        return self.total_kop - self.vat_kop

    @property
    def total_in_words(self) -> str:
        return amount_in_words(self.total_kop)


@dataclass(frozen=True)
class Paper:
    """What every paper of an account names: its number and date, the account, the seller and
    the buyer."""

    number: str
    date: date
    account_number: str
    seller: OperatorRequisites
    buyer: Party

    @property
    def sample(self) -> bool:
        return is_sample(self.seller)


@dataclass(frozen=True)
class InvoiceData(Paper, VatTotals):
    kind: DocumentKind  # INVOICE, INVOICE_DETAILED or VAT_INVOICE
    period: Period
    lines: list[ServiceLine]
    vat_percent: int
    detail: list[NumberDetail] = field(default_factory=list)

    @property
    def title(self) -> str:
        if self.kind == DocumentKind.VAT_INVOICE:
            return f"Счёт-фактура № {self.number}"
        return f"Счёт № {self.number}"


@dataclass(frozen=True)
class ReconRow:
    day: date
    document: str
    sales_kop: int  # the seller's debit, the buyer's credit
    paid_kop: int  # the seller's credit, the buyer's debit


@dataclass(frozen=True)
class ReconciliationData(Paper):
    period: Period
    # Positive: the buyer owes the seller (the seller's debit balance); negative: an advance.
    opening_kop: int
    rows: list[ReconRow]

    @property
    def sales_kop(self) -> int:
        return sum(r.sales_kop for r in self.rows)

    @property
    def paid_kop(self) -> int:
        return sum(r.paid_kop for r in self.rows)

    @property
    def closing_kop(self) -> int:
        return self.opening_kop + self.sales_kop - self.paid_kop


# ----------------------------------------------------------------------------------------------
# Numbers of documents: derived from the account and the period, so a document made again for
# the same month carries the same number, as a billing system's would.


def invoice_number(account_number: str, month: Period) -> str:
    return f"{account_number}/{month.first:%m%y}"


def vat_invoice_number(account_number: str, month: Period) -> str:
    return f"СФ-{account_number}/{month.first:%m%y}"


def reconciliation_number(account_number: str, period: Period) -> str:
    return f"АС-{account_number}/{period.first:%m%y}-{period.last:%m%y}"


def payment_label(kind: PaymentType, document_number: str, day: date) -> str:
    """How a payment reads in the statement: a payment order by its number; cashback (set off
    against the services, so it lowers the debt like a payment) as what it is."""
    if kind == PaymentType.CASHBACK:
        return f"Кешбэк за {MONTHS_NOMINATIVE[day.month - 1]} {day.year}"
    return f"Оплата, п/п № {document_number}" if document_number else "Оплата"


async def _parties(db: Db, account_id: int) -> tuple[Account, OperatorRequisites, Party]:
    account = await db.get(Account, account_id)
    company = await db.get(Company, account.company_id) if account else None
    if account is None or company is None:
        raise NotFound()
    buyer = Party(company.name, company.inn, company.kpp, company.legal_address)
    return account, operator_for(account.brand), buyer


async def _detail(db: Db, in_period: tuple[Any, ...]) -> list[NumberDetail]:
    """Each number's charges of the month by category, in number order."""
    detail: list[NumberDetail] = []
    per_number: dict[int | None, dict[ChargeCategory, int]] = defaultdict(dict)
    for sub_id, cat, total in await db.execute(
        select(Charge.subscriber_id, Charge.category, func.sum(Charge.amount_kop))
        .where(*in_period)
        .group_by(Charge.subscriber_id, Charge.category)
    ):
        per_number[sub_id][ChargeCategory(cat)] = int(total or 0)
    ids = [i for i in per_number if i is not None]
    who: dict[int, tuple[str, str]] = {}
    for chunk_start in range(0, len(ids), 900):
        chunk = ids[chunk_start : chunk_start + 900]
        for row in await db.execute(
            select(Subscriber.id, Subscriber.msisdn, Subscriber.employee_name).where(
                Subscriber.id.in_(chunk)
            )
        ):
            who[row[0]] = (row[1], row[2])
    for key, cats in per_number.items():
        msisdn, name = who.get(key, ("", "")) if key is not None else ("", "")
        detail.append(
            NumberDetail(
                msisdn=msisdn or "—",
                employee=name if key is not None else "Начисления по лицевому счёту",
                by_category=cats,
            )
        )
    detail.sort(key=lambda d: (d.msisdn == "—", d.msisdn))
    return detail


async def invoice_data(db: Db, account_id: int, month: Period, kind: DocumentKind) -> InvoiceData:
    """An invoice (with or without detail) or a VAT invoice for one account and one month."""
    account, seller, buyer = await _parties(db, account_id)
    start, end = utc_bounds(month.first, month.last)
    percent = await vat_percent_on(db, month.last)
    in_period = (
        Charge.account_id == account.id,
        Charge.charged_at >= start,
        Charge.charged_at < end,
    )
    sums = {
        ChargeCategory(cat): (int(total or 0), int(n or 0))
        for cat, total, n in await db.execute(
            select(Charge.category, func.sum(Charge.amount_kop), func.count(Charge.id))
            .where(*in_period)
            .group_by(Charge.category)
        )
    }
    lines: list[ServiceLine] = []
    for cat in CATEGORY_ORDER:
        if cat not in sums:
            continue
        amount, n = sums[cat]
        lines.append(
            ServiceLine(
                position=len(lines) + 1,
                category=cat,
                name=SERVICE_NAMES[cat],
                quantity=n,
                amount_kop=amount,
                vat_percent=percent,
                vat_kop=vat_from_gross(amount, percent),
            )
        )
    detail = await _detail(db, in_period) if kind == DocumentKind.INVOICE_DETAILED else []
    number = (
        vat_invoice_number(account.number, month)
        if kind == DocumentKind.VAT_INVOICE
        else invoice_number(account.number, month)
    )
    return InvoiceData(
        kind=kind,
        number=number,
        date=month.last,
        period=month,
        account_number=account.number,
        seller=seller,
        buyer=buyer,
        lines=lines,
        vat_percent=percent,
        detail=detail,
    )


async def reconciliation_data(
    db: Db, account_id: int, period: Period, today: date
) -> ReconciliationData:
    """The statement of an account for a period, made `today`."""
    account, seller, buyer = await _parties(db, account_id)
    start, end = utc_bounds(period.first, period.last)
    charged_before = await db.scalar(
        select(func.coalesce(func.sum(Charge.amount_kop), 0)).where(
            Charge.account_id == account.id, Charge.charged_at < start
        )
    )
    paid_before = await db.scalar(
        select(func.coalesce(func.sum(Payment.amount_kop), 0)).where(
            Payment.account_id == account.id, Payment.paid_at < start
        )
    )
    rows: list[ReconRow] = []
    for month in period.months():
        m_start, m_end = utc_bounds(month.first, month.last)
        sold = await db.scalar(
            select(func.coalesce(func.sum(Charge.amount_kop), 0)).where(
                Charge.account_id == account.id,
                Charge.charged_at >= m_start,
                Charge.charged_at < m_end,
            )
        )
        if sold:
            rows.append(
                ReconRow(
                    day=month.last,
                    document=(
                        f"Услуги связи за {month.month_label}, "
                        f"с/ф № {vat_invoice_number(account.number, month)}"
                    ),
                    sales_kop=int(sold),
                    paid_kop=0,
                )
            )
    for paid_at, amount, doc_no, kind in await db.execute(
        select(Payment.paid_at, Payment.amount_kop, Payment.document_number, Payment.type)
        .where(Payment.account_id == account.id, Payment.paid_at >= start, Payment.paid_at < end)
        .order_by(Payment.paid_at, Payment.id)
    ):
        day = to_local(paid_at).date()
        rows.append(ReconRow(day, payment_label(kind, doc_no, day), 0, int(amount)))
    # Sales of a month are dated its last day; a stable sort keeps payments in their order.
    rows.sort(key=lambda r: (r.day, r.sales_kop == 0))
    return ReconciliationData(
        number=reconciliation_number(account.number, period),
        date=today,
        period=period,
        account_number=account.number,
        seller=seller,
        buyer=buyer,
        opening_kop=int(charged_before or 0) - int(paid_before or 0),
        rows=rows,
    )
