"""The period's documents agree with the database to the kopeck, read back from the PDF.

Each test makes its own charges and payments (seeded random amounts, numbers and days), makes a
document, extracts the PDF's text with pypdf and compares every total with sums the test
computes from what it wrote.
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import replace
from datetime import date, timedelta

import html5lib
from pypdf import PdfReader

from domain.documents.accounting import (
    Period,
    invoice_data,
    month_period,
    reconciliation_data,
)
from domain.documents.render_html import render_invoice_html
from domain.documents.render_pdf import (
    amount,
    render_invoice_pdf,
    render_reconciliation_pdf,
    render_vat_invoice_pdf,
)
from domain.money import amount_in_words, vat_from_gross
from domain.types import ChargeCategory, DocumentKind
from tests.accounts_data import (
    add_charge,
    add_payment,
    add_vat_rates,
    at,
    make_subscriber,
    small_world,
)


def pdf_text(content: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\u00a0", " ").split()), len(reader.pages)


def shown(kop: int) -> str:
    return amount(kop).replace("\u00a0", " ")


CATS = list(ChargeCategory)


async def _world(session):  # type: ignore[no-untyped-def]
    w = await small_world(session)
    await add_vat_rates(session)
    return w


async def _random_month(session, rng: random.Random, year: int, month: int, numbers: int, acc=None):  # type: ignore[no-untyped-def]
    if acc is None:
        acc = (await _world(session)).accounts[0]
    subs = [await make_subscriber(session, acc) for _ in range(numbers)]
    expected: dict[ChargeCategory, int] = {}
    per_sub: dict[str, int] = {}
    for _ in range(numbers * 6):
        cat = rng.choice(CATS)
        kop = rng.randint(1, 250_000)
        sub = rng.choice(subs)
        await add_charge(session, acc, at(year, month, rng.randint(1, 28)), kop, cat, sub)
        expected[cat] = expected.get(cat, 0) + kop
        per_sub[sub.msisdn] = per_sub.get(sub.msisdn, 0) + kop
    # Charges outside the month must not count: the day before and the day after (Moscow).
    prev = month_period(year, month).first - timedelta(days=1)
    await add_charge(session, acc, at(prev.year, prev.month, prev.day, 20, 59), 555_55)
    last = month_period(year, month).last
    await add_charge(session, acc, at(last.year, last.month, last.day, 21, 30), 777_77)
    await session.flush()
    return acc, expected, per_sub


async def test_invoice_totals_vat_and_words_match_the_charges(session) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(8)
    w = await _world(session)
    for i, (year, month) in enumerate(((2025, rng.randint(1, 12)), (2026, rng.randint(1, 11)))):
        acc, expected, _ = await _random_month(session, rng, year, month, 7, w.accounts[i])
        data = await invoice_data(session, acc.id, month_period(year, month), DocumentKind.INVOICE)
        percent = 20 if year == 2025 else 22
        total = sum(expected.values())
        vat = sum(vat_from_gross(v, percent) for v in expected.values())
        assert data.total_kop == total and data.vat_kop == vat and data.vat_percent == percent
        text, _pages = pdf_text(render_invoice_pdf(data))
        assert f"Счёт № {data.number}" in text
        assert f"Всего к оплате: {shown(total)}" in text
        assert f"НДС ({percent} %): {shown(vat)}" in text
        assert f"Итого без НДС: {shown(total - vat)}" in text
        assert amount_in_words(total) in text
        assert "ИНН 7812014560" in text and f"ИНН {data.buyer.inn}" in text
        for cat, kop in expected.items():
            assert shown(kop) in text, cat


async def test_detailed_invoice_lists_every_number_and_repeats_the_heading(session) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(81)
    acc, _expected, per_sub = await _random_month(session, rng, 2026, 10, 120)
    data = await invoice_data(
        session, acc.id, month_period(2026, 10), DocumentKind.INVOICE_DETAILED
    )
    assert {d.msisdn: d.total_kop for d in data.detail} == per_sub
    content = render_invoice_pdf(data)
    text, pages = pdf_text(content)
    assert pages >= 3
    assert f"Стр. 1 из {pages}" in text and f"Стр. {pages} из {pages}" in text
    reader = PdfReader(io.BytesIO(content))
    detail_pages = [p.extract_text() for p in reader.pages][1:]
    # The detail's heading is on every page it spans.
    assert all("№ Номер Сотрудник" in p for p in detail_pages)
    # Each number's row ends with its total; the «Итого» row with the sum of them all.
    # Thousands are separated by no-break spaces, cells by plain ones.
    row = re.compile(r"^\d+ (\+7\d{10}) .* (\d{1,3}(?:\u00a0\d{3})*,\d{2})$")
    shown_totals: dict[str, str] = {}
    grand = ""
    for page in detail_pages:
        for line in page.splitlines():
            m = row.match(line)
            if m:
                shown_totals[m.group(1)] = m.group(2)
            elif line.startswith("Итого "):
                grand = line.rsplit(" ", 1)[1]
    assert shown_totals == {msisdn: amount(kop) for msisdn, kop in per_sub.items()}
    assert grand == amount(sum(per_sub.values()))


async def test_vat_invoice_has_the_forms_blocks_columns_and_totals(session) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(82)
    acc, expected, _ = await _random_month(session, rng, 2026, 3, 5)
    data = await invoice_data(session, acc.id, month_period(2026, 3), DocumentKind.VAT_INVOICE)
    text, _ = pdf_text(render_vat_invoice_pdf(data))
    total = sum(expected.values())
    vat = sum(vat_from_gross(v, 22) for v in expected.values())
    assert f"Счёт-фактура № {data.number} от 31 марта 2026 г. (1)" in text
    for mark in (
        "(1а)",
        "(2)",
        "(2а)",
        "(2б)",
        "(3)",
        "(4)",
        "(5)",
        "(5а)",
        "(6)",
        "(6а)",
        "(6б)",
        "(7)",
        "(8)",
    ):
        assert mark in text, mark
    for column in ("1а", "2а", "10а", "11"):
        assert column in text
    assert "Российский рубль, 643" in text
    assert f"ИНН/КПП покупателя: {data.buyer.inn}/{data.buyer.kpp}" in text
    assert f"Всего к оплате (9) {shown(total - vat)} X {shown(vat)} {shown(total)}" in text
    assert "Главный бухгалтер или иное уполномоченное лицо" in text
    assert "22%" in text


async def test_reconciliation_balances_match_payments_and_charges(session) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(83)
    w = await small_world(session)
    await add_vat_rates(session)
    acc = w.accounts[1]
    before_charges = before_payments = in_charges = in_payments = 0
    monthly: dict[int, int] = {}
    for _ in range(40):
        kop = rng.randint(100, 900_000)
        m = rng.randint(1, 12)
        await add_charge(session, acc, at(2026, m, rng.randint(1, 28)), kop)
        if m < 4:
            before_charges += kop
        elif m <= 9:
            in_charges += kop
            monthly[m] = monthly.get(m, 0) + kop
    payments = []
    for _ in range(25):
        kop = rng.randint(100, 2_000_000)
        m = rng.randint(1, 12)
        p = await add_payment(session, acc, at(2026, m, rng.randint(1, 28)), kop)
        if m < 4:
            before_payments += kop
        elif m <= 9:
            in_payments += kop
            payments.append(p)
    await session.flush()
    period = Period(date(2026, 4, 1), date(2026, 9, 30))
    data = await reconciliation_data(session, acc.id, period, date(2026, 10, 5))
    opening = before_charges - before_payments
    assert data.opening_kop == opening
    assert data.sales_kop == in_charges and data.paid_kop == in_payments
    assert data.closing_kop == opening + in_charges - in_payments
    text, _ = pdf_text(render_reconciliation_pdf(data))
    assert "Акт сверки взаимных расчётов" in text
    assert f"Обороты за период {shown(in_charges)} {shown(in_payments)}" in text
    for p in payments:
        assert f"Оплата, п/п № {p.document_number}" in text
    for kop in monthly.values():
        assert shown(kop) in text
    closing = data.closing_kop
    side = (shown(closing), "") if closing >= 0 else ("", shown(-closing))
    assert f"30.09.26 Сальдо конечное {' '.join(s for s in side if s)}" in text
    o_side = (shown(opening), "") if opening >= 0 else ("", shown(-opening))
    assert f"01.04.26 Сальдо начальное {' '.join(s for s in o_side if s)}" in text
    assert amount_in_words(abs(closing)) in text


async def test_invoice_html_is_valid_and_escapes_the_buyer(session) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(84)
    acc, expected, per_sub = await _random_month(session, rng, 2026, 11, 4)
    data = await invoice_data(
        session, acc.id, month_period(2026, 11), DocumentKind.INVOICE_DETAILED
    )
    data = replace(data, buyer=replace(data.buyer, name="ООО «<b>Ромашка</b> & Co»"))
    html = render_invoice_html(data).decode()
    parser = html5lib.HTMLParser(strict=True)
    tree = parser.parse(html)  # raises on any parse error
    assert tree is not None
    assert "&lt;b&gt;Ромашка&lt;/b&gt; &amp; Co" in html
    assert 'name="viewport"' in html
    # Demo requisites carry the «ОБРАЗЕЦ» mark; the operator's own do not.
    assert data.seller.is_sample and "ОБРАЗЕЦ" in html
    real = replace(data, seller=replace(data.seller, is_sample=False))
    assert "ОБРАЗЕЦ" not in render_invoice_html(real).decode()
    assert amount(sum(expected.values())) in html
    for msisdn in per_sub:
        assert msisdn in html
