"""Each kind of document read as an accountant reads the paper: every character dark enough on
white (WCAG AA), nothing cut with «…», nothing outside the page or its cell, no text over text,
and every amount the database holds for it on the page.

The data are the realistic worst cases: a company name of 160 characters, a service name of 120,
three-part Russian full names of 60, an account with 1,000 numbers. The first page of each is
rendered to PNG in the test's folder (`--basetemp` keeps them) for a person to look at.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from domain.documents.accounting import (
    Period,
    invoice_data,
    month_period,
    reconciliation_data,
)
from domain.documents.prepayment import build_prepayment_invoice, render_prepayment_pdf
from domain.documents.render_pdf import (
    amount,
    render_invoice_pdf,
    render_reconciliation_pdf,
    render_vat_invoice_pdf,
)
from domain.types import ChargeCategory, DocumentKind, PaymentType
from storage.models import Charge, Payment, Subscriber
from tests.accounts_data import add_vat_rates, at, coordinator, small_world
from tests.paper import Paper, read_paper

LONG_COMPANY = (
    "Общество с ограниченной ответственностью «Северо-Западное научно-производственное "
    "объединение телекоммуникаций, связи и цифровых сервисов имени А. С. Попова №2»"
)[:160]
LONG_SERVICE = (
    "Услуги местной, внутризоновой и междугородной телефонной связи с учётом пакетов минут "
    "корпоративного тарифного плана МСК"
)[:120]
LONG_NAMES = (
    "Константинопольская-Преображенская Александра Владимировна",
    "Соломонова-Великорецкая Елизавета-Мария Станиславовна",
)


def shown(kop: int) -> str:
    return amount(kop).replace("\u00a0", " ")


def assert_readable(paper: Paper, amounts: list[int]) -> None:
    assert paper.problems == [], paper.problems[:10]
    missing = [kop for kop in amounts if shown(kop) not in paper.text]
    assert missing == [], missing


async def _world(session, numbers: int):  # type: ignore[no-untyped-def]
    """Our company with the long name; `numbers` numbers on its first account with a month of
    charges (October 2026); returns the account and the sums by category and by number."""
    assert len(LONG_COMPANY) == 160 and len(LONG_SERVICE) == 120
    assert all(len(n) >= 53 for n in LONG_NAMES)
    w = await small_world(session)
    await add_vat_rates(session)
    w.company.name = LONG_COMPANY
    acc = w.accounts[0]
    rng = random.Random(18)
    subs = [
        Subscriber(
            company_id=acc.company_id,
            account_id=acc.id,
            msisdn=f"+7926{i:07d}",
            employee_name=LONG_NAMES[i % 2] if i % 7 == 0 else f"Петров Пётр Ильич {i}",
        )
        for i in range(numbers)
    ]
    session.add_all(subs)
    await session.flush()
    by_cat: dict[ChargeCategory, int] = {}
    by_number: dict[str, int] = {}
    charges = []
    for sub in subs:
        for cat in rng.sample(list(ChargeCategory), 3):
            kop = rng.randint(1, 400_000)
            charges.append(
                Charge(
                    account_id=acc.id,
                    subscriber_id=sub.id,
                    charged_at=at(2026, 10, rng.randint(1, 28)),
                    amount_kop=kop,
                    category=cat,
                )
            )
            by_cat[cat] = by_cat.get(cat, 0) + kop
            by_number[sub.msisdn] = by_number.get(sub.msisdn, 0) + kop
    session.add_all(charges)
    await session.flush()
    return w, acc, by_cat, by_number


async def test_invoice_without_detail_reads_on_paper(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _w, acc, by_cat, _ = await _world(session, 12)
    data = await invoice_data(session, acc.id, month_period(2026, 10), DocumentKind.INVOICE)
    data = replace(data, lines=[replace(data.lines[0], name=LONG_SERVICE), *data.lines[1:]])
    paper = read_paper(render_invoice_pdf(data), tmp_path / "invoice.png")
    assert_readable(paper, [*by_cat.values(), data.total_kop, data.vat_kop, data.net_kop])
    assert LONG_SERVICE in paper.text.replace("- ", "-") or _words_in(LONG_SERVICE, paper)
    assert _words_in(LONG_COMPANY, paper)


def _words_in(text: str, paper: Paper) -> bool:
    """Every word of `text` is on the paper, in order (a wrapped text breaks between words)."""
    at_ = 0
    for word in re.findall(r"[^\s-]+-?", text):
        found = paper.text.find(word, at_)
        if found < 0:
            return False
        at_ = found + len(word)
    return True


async def test_invoice_with_detail_of_1000_numbers_reads_on_paper(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _w, acc, by_cat, by_number = await _world(session, 1000)
    data = await invoice_data(
        session, acc.id, month_period(2026, 10), DocumentKind.INVOICE_DETAILED
    )
    paper = read_paper(render_invoice_pdf(data), tmp_path / "invoice_detailed.png")
    assert_readable(paper, [*by_cat.values(), *by_number.values(), data.total_kop])
    assert all(msisdn in paper.text for msisdn in by_number)
    assert all(_words_in(name, paper) for name in LONG_NAMES)
    assert f"Стр. {paper.pages} из {paper.pages}" in paper.text


async def test_vat_invoice_reads_on_paper(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _w, acc, by_cat, _ = await _world(session, 12)
    data = await invoice_data(session, acc.id, month_period(2026, 10), DocumentKind.VAT_INVOICE)
    data = replace(data, lines=[replace(data.lines[0], name=LONG_SERVICE), *data.lines[1:]])
    paper = read_paper(render_vat_invoice_pdf(data), tmp_path / "vat_invoice.png")
    nets = [line.net_kop for line in data.lines] + [line.vat_kop for line in data.lines]
    assert_readable(paper, [*by_cat.values(), *nets, data.total_kop, data.vat_kop])
    assert _words_in(LONG_COMPANY, paper) and _words_in(LONG_SERVICE, paper)
    # The form's columns keep their order: А, 1, 1а, 2, 2а, 3 … 11 under the headings.
    assert _words_in("А 1 1а 2 2а 3 4 5 6 7 8 9 10 10а 11", paper)


async def test_reconciliation_statement_reads_on_paper(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _w, acc, _by_cat, _ = await _world(session, 3)
    rng = random.Random(181)
    payments = []
    for month in range(1, 13):
        for _ in range(15):
            kop = rng.randint(100, 3_000_000)
            payments.append(
                Payment(
                    account_id=acc.id,
                    paid_at=at(2026, month, rng.randint(1, 28)),
                    amount_kop=kop,
                    type=PaymentType.BANK_TRANSFER,
                    document_number=f"{rng.randint(1, 999_999)}",
                )
            )
    # Cashback set off against the services: a line of its own, in the payments' column.
    cashback = Payment(
        account_id=acc.id,
        paid_at=at(2026, 3, 10),
        amount_kop=1_234_56,
        type=PaymentType.CASHBACK,
        document_number="CB-777001",
    )
    payments.append(cashback)
    session.add_all(payments)
    await session.flush()
    period = Period(date(2026, 1, 1), date(2026, 12, 31))
    data = await reconciliation_data(session, acc.id, period, date(2027, 1, 10))
    paper = read_paper(render_reconciliation_pdf(data), tmp_path / "reconciliation.png")
    amounts = [p.amount_kop for p in payments] + [r.sales_kop for r in data.rows if r.sales_kop]
    assert_readable(paper, [*amounts, data.sales_kop, data.paid_kop, abs(data.closing_kop)])
    assert _words_in(f"По данным {LONG_COMPANY}, руб.", paper)
    assert "10.03.26 Кешбэк за март 2026 1 234,56 10.03.26 Кешбэк за март 2026 1 234,56" in (
        paper.text
    )
    assert "CB-777001" not in paper.text
    assert data.paid_kop == sum(p.amount_kop for p in payments)


async def test_prepayment_invoice_reads_on_paper(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w, acc, _by_cat, _ = await _world(session, 1)
    invoice = await build_prepayment_invoice(
        session, coordinator(w), acc.id, 12_345_678_90, today=date(2026, 11, 5)
    )
    paper = read_paper(render_prepayment_pdf(invoice), tmp_path / "prepayment.png")
    assert_readable(paper, [invoice.total_kop, invoice.vat_kop, invoice.net_kop])
    assert _words_in(LONG_COMPANY, paper)
