"""«Счёт на предоплату»: a prepayment invoice for a sum the user types, as a PDF.

It looks like the invoices Russian accountants pay every day: the bank block of the seller at
the top, the number and date, the seller (the operator of the account's brand) and the buyer
(the company) with INN, KPP and address, one line, VAT at the rate in force on the date (22 %
since 2026, from the dated `vat_rates` table, computed per line), the totals and the total in
words. The invoice is kept as a `Document`, so it is in the document history too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fpdf.enums import Align
from fpdf.fonts import FontFace
from sqlalchemy import func, select

from domain.access.checks import Permission, Principal
from domain.accounts.balance import checked_account, local_today, record_done
from domain.db import Db
from domain.documents.accounting import Paper, Party, VatTotals, seller_party
from domain.documents.operators import OperatorRequisites, operator_for
from domain.documents.pdf import CabinetPdf, date_in_words
from domain.errors import NotFound, ValidationFailed
from domain.money import format_amount, format_rub, vat_from_gross, vat_percent_on
from domain.types import DocumentFormat, DocumentKind, DocumentStatus
from storage.models import Account, Company, Document

MIN_PREPAYMENT_KOP = 100_00
MAX_PREPAYMENT_KOP = 100_000_000_00
VALID_BANK_DAYS = 10


@dataclass(frozen=True)
class InvoiceLine:
    position: int
    name: str
    unit: str
    quantity: int
    price_kop: int  # with VAT
    amount_kop: int  # with VAT
    vat_percent: int
    vat_kop: int


@dataclass(frozen=True)
class PrepaymentInvoice(Paper, VatTotals):
    lines: list[InvoiceLine]
    vat_percent: int

    @property
    def file_name(self) -> str:
        # One alphabet in a file name: the number's «П» (предоплата) is written as P too.
        number = self.number.replace("П", "P").replace("/", "-")
        return f"schet_na_predoplatu_{number}.pdf"


@dataclass(frozen=True)
class IssuedInvoice:
    document_id: int
    invoice: PrepaymentInvoice
    content: bytes

    @property
    def file_name(self) -> str:
        return self.invoice.file_name


def check_prepayment_amount(kop: int) -> int:
    if not MIN_PREPAYMENT_KOP <= kop <= MAX_PREPAYMENT_KOP:
        raise ValidationFailed(
            "acc-err-prepay-range",
            min=format_rub(MIN_PREPAYMENT_KOP),
            max=format_rub(MAX_PREPAYMENT_KOP),
        )
    return kop


async def build_prepayment_invoice(
    db: Db,
    principal: Principal,
    account_id: int,
    amount_kop: int,
    today: date | None = None,
) -> PrepaymentInvoice:
    """The invoice's data (nothing is stored): checks the level, the reach and the amount."""
    ref = await checked_account(
        db, principal, account_id, Permission.PREPAYMENT_INVOICE, "prepayment_invoice"
    )
    check_prepayment_amount(amount_kop)
    account = await db.get(Account, ref.id)
    company = await db.get(Company, account.company_id) if account else None
    if account is None or company is None:  # pragma: no cover - foreign keys
        raise NotFound()
    day = today or local_today()
    percent = await vat_percent_on(db, day)
    issued = await db.scalar(
        select(func.count(Document.id)).where(
            Document.account_id == account.id,
            Document.kind == DocumentKind.PREPAYMENT_INVOICE,
        )
    )
    number = f"П-{account.number}-{int(issued or 0) + 1:03d}"
    line = InvoiceLine(
        position=1,
        name=f"Предоплата за услуги связи по лицевому счёту № {account.number}",
        unit="усл. ед.",
        quantity=1,
        price_kop=amount_kop,
        amount_kop=amount_kop,
        vat_percent=percent,
        vat_kop=vat_from_gross(amount_kop, percent),
    )
    return PrepaymentInvoice(
        number=number,
        date=day,
        account_number=account.number,
        seller=operator_for(account.brand),
        buyer=Party(company.name, company.inn, company.kpp, company.legal_address),
        lines=[line],
        vat_percent=percent,
    )


async def issue_prepayment_invoice(
    db: Db,
    principal: Principal,
    account_id: int,
    amount_kop: int,
    *,
    font_path: str | Path | None = None,
    today: date | None = None,
) -> IssuedInvoice:
    """Make the PDF and keep it as a ready `Document` of the account."""
    invoice = await build_prepayment_invoice(db, principal, account_id, amount_kop, today)
    content = render_prepayment_pdf(invoice, font_path)
    doc = Document(
        company_id=principal.company_id,
        account_id=account_id,
        kind=DocumentKind.PREPAYMENT_INVOICE,
        format=DocumentFormat.PDF,
        number=invoice.number,
        doc_date=invoice.date,
        amount_kop=invoice.total_kop,
        status=DocumentStatus.READY,
        file_name=invoice.file_name,
        content=content,
    )
    db.add(doc)
    await db.flush()
    await record_done(
        db,
        principal,
        "prepayment_invoice",
        "document",
        doc.id,
        amount_kop=amount_kop,
        number=invoice.number,
    )
    return IssuedInvoice(document_id=doc.id, invoice=invoice, content=content)


# ----------------------------------------------------------------------------------------------
# Rendering


def _amount(kop: int) -> str:
    # No-break spaces between the thousands: a narrow column never splits an amount.
    return format_amount(kop, sep="\u00a0", minus="-")


def _bank_block(pdf: CabinetPdf, seller: OperatorRequisites) -> None:
    """The seller's bank requisites in the frame every Russian invoice starts with."""
    x0, y0 = pdf.l_margin, pdf.get_y()
    w_left, w_mid = 105.0, 17.0
    w_right = pdf.content_width - w_left - w_mid
    h_bank, h_inn, h_payee = 11.0, 5.5, 11.0

    def frame(x: float, y: float, w: float, h: float) -> None:
        pdf.rect(x, y, w, h)

    def text_at(x: float, y: float, w: float, s: str, size: float = 9, bold: bool = False) -> None:
        pdf.bold(size) if bold else pdf.regular(size)
        pdf.set_xy(x + 1, y + 0.8)
        pdf.multi_cell(w - 2, 4, s, align=Align.L, new_x="LEFT", new_y="NEXT")

    # The bank of the payee.
    frame(x0, y0, w_left, h_bank)
    text_at(x0, y0, w_left, seller.bank_name)
    text_at(x0, y0 + h_bank - 5, w_left, "Банк получателя", 7)
    frame(x0 + w_left, y0, w_mid, 5.5)
    text_at(x0 + w_left, y0, w_mid, "БИК")
    frame(x0 + w_left, y0 + 5.5, w_mid, h_bank - 5.5)
    text_at(x0 + w_left, y0 + 5.5, w_mid, "Сч. №")
    frame(x0 + w_left + w_mid, y0, w_right, 5.5)
    text_at(x0 + w_left + w_mid, y0, w_right, seller.bik)
    frame(x0 + w_left + w_mid, y0 + 5.5, w_right, h_bank - 5.5)
    text_at(x0 + w_left + w_mid, y0 + 5.5, w_right, seller.correspondent_account)
    # The payee.
    y1 = y0 + h_bank
    frame(x0, y1, w_left / 2, h_inn)
    text_at(x0, y1, w_left / 2, f"ИНН {seller.inn}")
    frame(x0 + w_left / 2, y1, w_left / 2, h_inn)
    text_at(x0 + w_left / 2, y1, w_left / 2, f"КПП {seller.kpp}")
    frame(x0, y1 + h_inn, w_left, h_payee)
    text_at(x0, y1 + h_inn, w_left, seller.name)
    text_at(x0, y1 + h_inn + h_payee - 5, w_left, "Получатель", 7)
    frame(x0 + w_left, y1, w_mid, h_inn + h_payee)
    text_at(x0 + w_left, y1, w_mid, "Сч. №")
    frame(x0 + w_left + w_mid, y1, w_right, h_inn + h_payee)
    text_at(x0 + w_left + w_mid, y1, w_right, seller.settlement_account)
    pdf.set_xy(x0, y1 + h_inn + h_payee + 6)


def _labelled(pdf: CabinetPdf, label: str, value: str) -> None:
    label_w = 38.0
    y = pdf.get_y()
    pdf.regular(9)
    pdf.set_xy(pdf.l_margin, y)
    pdf.multi_cell(label_w, 4.5, label, align=Align.L, new_x="RIGHT", new_y="TOP")
    pdf.bold(9)
    pdf.set_xy(pdf.l_margin + label_w, y)
    pdf.multi_cell(
        pdf.content_width - label_w, 4.5, value, align=Align.L, new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(2)


def _prepayment_head(pdf: CabinetPdf, invoice: PrepaymentInvoice) -> None:
    seller, buyer = invoice.seller, invoice.buyer
    pdf.regular(7)
    pdf.multi_cell(
        0,
        3.5,
        "Внимание! Оплата данного счёта означает согласие с условиями оказания услуг связи. "
        "В назначении платежа обязательно укажите номер счёта и номер лицевого счёта.",
        align=Align.C,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    _bank_block(pdf, seller)
    pdf.title_line(f"Счёт на предоплату № {invoice.number} от {date_in_words(invoice.date)}")
    _rule(pdf, 1, 4)
    _labelled(
        pdf,
        "Поставщик\n(Исполнитель):",
        seller_party(seller).requisites(),
    )
    _labelled(pdf, "Покупатель\n(Заказчик):", buyer.requisites())
    _labelled(pdf, "Основание:", f"Лицевой счёт № {invoice.account_number}")
    pdf.ln(1)


def _rule(pdf: CabinetPdf, before: float, after: float) -> None:
    y = pdf.get_y() + before
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, y, pdf.l_margin + pdf.content_width, y)
    pdf.set_line_width(0.2)
    pdf.set_y(y + after)


def _prepayment_lines(pdf: CabinetPdf, invoice: PrepaymentInvoice) -> None:
    pdf.regular(9)
    heading = FontFace(emphasis="BOLD", color=(0, 0, 0), fill_color=(232, 232, 232))
    with pdf.table(
        col_widths=(8, 82, 16, 16, 29, 29),
        text_align=("CENTER", "LEFT", "RIGHT", "CENTER", "RIGHT", "RIGHT"),
        headings_style=heading,
        line_height=5,
        padding=1,
    ) as table:
        table.row(("№", "Товары (работы, услуги)", "Кол-во", "Ед.", "Цена", "Сумма"))
        for line in invoice.lines:
            table.row(
                (
                    str(line.position),
                    line.name,
                    str(line.quantity),
                    line.unit,
                    _amount(line.price_kop),
                    _amount(line.amount_kop),
                )
            )
    pdf.ln(2)


def _prepayment_totals(pdf: CabinetPdf, invoice: PrepaymentInvoice) -> None:
    totals = (
        ("Итого:", _amount(invoice.total_kop)),
        (f"В том числе НДС ({invoice.vat_percent} %):", _amount(invoice.vat_kop)),
        ("Всего к оплате:", _amount(invoice.total_kop)),
    )
    for label, value in totals:
        pdf.bold(9)
        pdf.cell(pdf.content_width - 30, 5, label, align=Align.R)
        pdf.cell(30, 5, value, align=Align.R, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    lines = (
        (
            f"Всего наименований {len(invoice.lines)}, на сумму {_amount(invoice.total_kop)} руб.",
            False,
        ),
        (invoice.total_in_words, True),
        (
            f"Сумма без НДС: {_amount(invoice.net_kop)} руб., "
            f"НДС {invoice.vat_percent} %: {_amount(invoice.vat_kop)} руб.",
            False,
        ),
    )
    for text, bold in lines:
        pdf.bold(9) if bold else pdf.regular(9)
        pdf.multi_cell(0, 5, text, align=Align.L, new_x="LMARGIN", new_y="NEXT")
    _rule(pdf, 2, 4)


def _prepayment_foot(pdf: CabinetPdf, invoice: PrepaymentInvoice) -> None:
    seller = invoice.seller
    pdf.regular(8)
    pdf.multi_cell(
        0,
        4,
        f"Счёт действителен в течение {VALID_BANK_DAYS} банковских дней. Оплаченная сумма "
        f"зачисляется на лицевой счёт № {invoice.account_number} как аванс за услуги связи "
        f"{seller.brand_name}. Вопросы: {seller.phone}, {seller.email}.",
        align=Align.L,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(10)
    half = pdf.content_width / 2
    y = pdf.get_y()
    bottom = y
    for i, (title, name) in enumerate(
        (("Руководитель", seller.head_name), ("Бухгалтер", seller.accountant_name))
    ):
        x = pdf.l_margin + i * half
        pdf.set_xy(x, y)
        pdf.bold(9)
        pdf.cell(28, 5, title)
        pdf.regular(9)
        pdf.multi_cell(
            half - 30, 5, f"____________ / {name} /", align=Align.L, new_x="LMARGIN", new_y="NEXT"
        )
        bottom = max(bottom, pdf.get_y())
    pdf.set_y(bottom + 7)


def render_prepayment_pdf(invoice: PrepaymentInvoice, font_path: str | Path | None = None) -> bytes:
    pdf = CabinetPdf(font_path, sample=invoice.seller.is_sample)
    pdf.set_title(f"Счёт на предоплату № {invoice.number}")
    pdf.set_author(invoice.seller.name)
    pdf.set_creator("b2b-cabinet-bot")
    pdf.set_text_color(0, 0, 0)
    pdf.add_page()
    _prepayment_head(pdf, invoice)
    _prepayment_lines(pdf, invoice)
    _prepayment_totals(pdf, invoice)
    _prepayment_foot(pdf, invoice)
    return pdf.to_bytes()
