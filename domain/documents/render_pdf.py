"""PDF renderers of the period's documents: invoice (with or without detail), VAT invoice in the
official form's blocks and columns 1–11, reconciliation statement. Pure functions of the data.
"""

from __future__ import annotations

from pathlib import Path

from fpdf.enums import Align

from domain.documents.accounting import (
    CATEGORY_ORDER,
    CATEGORY_SHORT,
    CURRENCY,
    UNIT_CODE,
    UNIT_NAME,
    InvoiceData,
    ReconciliationData,
    seller_party,
)
from domain.documents.layout import Column, DocumentPdf, Grid, small_table
from domain.documents.pdf import date_in_words
from domain.money import amount_in_words, format_amount


def amount(kop: int) -> str:
    # No-break spaces between thousands: an amount never splits in a narrow column.
    return format_amount(kop, sep="\u00a0", minus="-")


def _labelled(pdf: DocumentPdf, label: str, value: str, label_w: float = 38.0) -> None:
    y = pdf.get_y()
    pdf.regular(9)
    pdf.set_xy(pdf.l_margin, y)
    pdf.multi_cell(label_w, 4.5, label, align=Align.L, new_x="RIGHT", new_y="TOP")
    y_label = pdf.get_y()
    pdf.bold(9)
    pdf.set_xy(pdf.l_margin + label_w, y)
    pdf.multi_cell(
        pdf.content_width - label_w, 4.5, value, align=Align.L, new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_y(max(pdf.get_y(), y_label + 4.5))
    pdf.ln(1.5)


def _totals(pdf: DocumentPdf, rows: list[tuple[str, str]]) -> None:
    for label, value in rows:
        pdf.bold(9)
        pdf.cell(pdf.content_width - 35, 5, label, align=Align.R)
        pdf.cell(35, 5, value, align=Align.R, new_x="LMARGIN", new_y="NEXT")


def _signatures(pdf: DocumentPdf, rows: list[tuple[str, str]]) -> None:
    pdf.ln(8)
    half = pdf.content_width / 2
    for title, name in rows:
        if pdf.get_y() + 16 > pdf.page_break_trigger:
            pdf.new_page()
        x, y = pdf.l_margin, pdf.get_y()
        pdf.bold(9)
        pdf.multi_cell(half - 12, 5, title, align=Align.L, new_x="LMARGIN", new_y="NEXT")
        bottom = pdf.get_y()
        pdf.regular(9)
        pdf.set_xy(x + half - 10, y)
        pdf.multi_cell(
            half + 10, 5, f"______________ / {name} /", align=Align.L, new_x="LMARGIN", new_y="NEXT"
        )
        pdf.regular(6)
        pdf.set_x(x + half - 10)
        pdf.cell(30, 3, "(подпись)", align=Align.C)
        pdf.cell(50, 3, "(ф.и.о.)", align=Align.C, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(bottom, pdf.get_y()))
        pdf.ln(4)


def _invoice_head(pdf: DocumentPdf, data: InvoiceData) -> None:
    pdf.title_line(f"Счёт № {data.number} от {date_in_words(data.date)}")
    pdf.para(
        f"за услуги связи по лицевому счёту № {data.account_number}, период {data.period.text()}"
    )
    pdf.rule()
    _labelled(pdf, "Поставщик\n(Исполнитель):", seller_party(data.seller).requisites())
    _labelled(
        pdf,
        "Банковские\nреквизиты:",
        f"р/с {data.seller.settlement_account} в {data.seller.bank_name}, "
        f"БИК {data.seller.bik}, к/с {data.seller.correspondent_account}",
    )
    _labelled(pdf, "Покупатель\n(Заказчик):", data.buyer.requisites())
    _labelled(pdf, "Основание:", f"Лицевой счёт № {data.account_number}")
    pdf.ln(1)


INVOICE_COLUMNS = (
    Column("№", 6, "C"),
    Column("Наименование услуги", 50),
    Column("Кол-во", 10, "R"),
    Column("Ед.", 11, "C"),
    Column("Сумма без НДС", 16, "R"),
    Column("Ставка НДС", 9, "C"),
    Column("НДС", 14, "R"),
    Column("Сумма с НДС", 16, "R"),
)


def _invoice_lines(pdf: DocumentPdf, data: InvoiceData) -> None:
    rows = [
        (
            str(line.position),
            line.name,
            str(line.quantity),
            UNIT_NAME,
            amount(line.net_kop),
            f"{line.vat_percent} %",
            amount(line.vat_kop),
            amount(line.amount_kop),
        )
        for line in data.lines
    ]
    small_table(pdf, INVOICE_COLUMNS, rows, size=7.5, heading_size=7, line_height=3.6)
    pdf.ln(2)
    _totals(
        pdf,
        [
            ("Итого без НДС:", amount(data.net_kop)),
            (f"НДС ({data.vat_percent} %):", amount(data.vat_kop)),
            ("Всего к оплате:", amount(data.total_kop)),
        ],
    )
    pdf.ln(2)
    pdf.para(f"Всего наименований {len(data.lines)}, на сумму {amount(data.total_kop)} руб.", 9)
    pdf.para(data.total_in_words, 9, bold=True)
    pdf.rule()
    _signatures(
        pdf,
        [("Руководитель", data.seller.head_name), ("Бухгалтер", data.seller.accountant_name)],
    )


def _detail(pdf: DocumentPdf, data: InvoiceData) -> None:
    """The itemised detail: each number's charges by category, on pages of their own."""
    pdf.new_page()
    pdf.para(f"Детализация начислений к счёту № {data.number} по номерам", 11, bold=True, h=6)
    pdf.para(
        f"Лицевой счёт № {data.account_number}, период {data.period.text()}, "
        f"номеров: {len(data.detail)}. Суммы с НДС, руб.",
        8,
    )
    pdf.ln(1)
    cats = [c for c in CATEGORY_ORDER if any(c in d.by_category for d in data.detail)]
    grid = Grid(
        pdf,
        (
            Column("№", 6, "R"),
            Column("Номер", 17),
            Column("Сотрудник", 30),
            *(Column(CATEGORY_SHORT[c], 14, "R") for c in cats),
            Column("Итого", 16, "R"),
        ),
        size=6.5,
        line_height=2.9,
    )
    grid.start()
    for i, d in enumerate(data.detail, 1):
        grid.row(
            (
                str(i),
                d.msisdn,
                d.employee,
                *(amount(d.by_category[c]) if c in d.by_category else "" for c in cats),
                amount(d.total_kop),
            )
        )
    grid.row(
        (
            "",
            "Итого",
            "",
            *(amount(sum(d.by_category.get(c, 0) for d in data.detail)) for c in cats),
            amount(sum(d.total_kop for d in data.detail)),
        ),
        bold=True,
        fill=True,
    )


def render_invoice_pdf(data: InvoiceData, font_path: str | Path | None = None) -> bytes:
    """«Счёт» for the month's services; with itemised detail when `data.detail` is filled."""
    pdf = DocumentPdf(font_path, footer_note=f"Счёт № {data.number}")
    pdf.set_title(f"Счёт № {data.number}")
    pdf.set_author(data.seller.name)
    pdf.new_page()
    _invoice_head(pdf, data)
    _invoice_lines(pdf, data)
    if data.detail:
        _detail(pdf, data)
    return pdf.to_bytes()


def _vat_blocks(data: InvoiceData) -> tuple[tuple[str, str, str], ...]:
    seller, buyer = seller_party(data.seller), data.buyer
    return (
        ("Продавец", seller.name, "(2)"),
        ("Адрес", seller.address, "(2а)"),
        ("ИНН/КПП продавца", seller.inn_kpp, "(2б)"),
        ("Грузоотправитель и его адрес", "—", "(3)"),
        ("Грузополучатель и его адрес", "—", "(4)"),
        ("К платёжно-расчётному документу №", "—", "(5)"),
        (
            "Документ об отгрузке",
            f"№ п/п 1–{len(data.lines)} № {data.number} от {data.date:%d.%m.%Y}",
            "(5а)",
        ),
        ("Покупатель", buyer.name, "(6)"),
        ("Адрес", buyer.address, "(6а)"),
        ("ИНН/КПП покупателя", buyer.inn_kpp, "(6б)"),
        ("Валюта: наименование, код", CURRENCY, "(7)"),
        (
            "Идентификатор государственного контракта, договора (соглашения) (при наличии)",
            "—",
            "(8)",
        ),
    )


def _block_row(pdf: DocumentPdf, label: str, value: str, mark: str) -> None:
    """One line of the form's head: the label, the value underlined, the line's mark; a long
    label or value wraps and the line grows."""
    label_w, mark_w, h = 95.0, 12.0, 4.2
    value_w = pdf.content_width - label_w - mark_w
    x, y = pdf.l_margin, pdf.get_y()
    if y + 2 * h > pdf.page_break_trigger:
        pdf.new_page()
        y = pdf.get_y()
    pdf.regular(8)
    pdf.set_xy(x, y)
    pdf.multi_cell(label_w - 1, h, f"{label}:", align=Align.L, new_x="LMARGIN", new_y="NEXT")
    bottom = pdf.get_y()
    pdf.bold(8)
    pdf.set_xy(x + label_w, y)
    pdf.multi_cell(value_w - 1, h, value, align=Align.L, new_x="LMARGIN", new_y="NEXT")
    bottom = max(bottom, pdf.get_y())
    pdf.line(x + label_w, bottom, x + label_w + value_w - 1, bottom)
    pdf.regular(8)
    pdf.set_xy(x + label_w + value_w, y)
    pdf.cell(mark_w, h, mark, align=Align.R)
    pdf.set_xy(x, bottom)


VAT_COLUMNS = (
    Column("№ п/п", 6, "C"),
    Column("Наименование товара (описание выполненных работ, оказанных услуг)", 56),
    Column("Код вида товара", 9, "C"),
    Column("Ед. изм. код", 9, "C"),
    Column("Ед. изм. усл. обозн.", 11, "C"),
    Column("Коли\u00adчество (объём)", 10, "R"),
    Column("Цена (тариф) за единицу", 14, "R"),
    Column("Стоимость без налога — всего", 17, "R"),
    Column("В том числе акциз", 10, "C"),
    Column("Нало\u00adговая ставка", 9, "C"),
    Column("Сумма налога, предъявляемая покупателю", 17, "R"),
    Column("Стоимость с налогом — всего", 17, "R"),
    Column("Страна происх. код", 9, "C"),
    Column("Страна краткое наим.", 10, "C"),
    Column("Рег. номер деклара\u00adции", 14, "C"),
)
VAT_COLUMN_NUMBERS = (
    "А",
    "1",
    "1а",
    "2",
    "2а",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "10",
    "10а",
    "11",
)


def _vat_rows(data: InvoiceData) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [
        (
            str(line.position),
            line.name,
            "—",
            UNIT_CODE,
            UNIT_NAME,
            "1",
            amount(line.net_kop),
            amount(line.net_kop),
            "без акциза",
            f"{line.vat_percent}%",
            amount(line.vat_kop),
            amount(line.amount_kop),
            "—",
            "—",
            "—",
        )
        for line in data.lines
    ]
    total = ("", "Всего к оплате (9)", "", "", "", "", "", amount(data.net_kop), "X", "")
    rows.append((*total, amount(data.vat_kop), amount(data.total_kop), "", "", ""))
    return rows


def render_vat_invoice_pdf(data: InvoiceData, font_path: str | Path | None = None) -> bytes:
    """«Счёт-фактура» in the blocks (1)–(8) and table columns А, 1–11 of the official form."""
    pdf = DocumentPdf(font_path, landscape=True, footer_note=f"Счёт-фактура № {data.number}")
    pdf.set_title(f"Счёт-фактура № {data.number}")
    pdf.set_author(data.seller.name)
    pdf.new_page()
    pdf.regular(6.5)
    pdf.multi_cell(
        0,
        3,
        "Приложение № 1 к постановлению Правительства Российской Федерации "
        "от 26 декабря 2011 г. № 1137",
        align=Align.R,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(1)
    pdf.para(f"Счёт-фактура № {data.number} от {date_in_words(data.date)} (1)", 11, bold=True, h=6)
    pdf.para("Исправление № — от — (1а)", 9)
    pdf.ln(1)
    for label, value, mark in _vat_blocks(data):
        _block_row(pdf, label, value, mark)
    pdf.ln(2)
    small_table(
        pdf,
        VAT_COLUMNS,
        _vat_rows(data),
        size=7,
        heading_size=5.8,
        line_height=3.2,
        bold_last=True,
        numbers=VAT_COLUMN_NUMBERS,
    )
    pdf.ln(2)
    pdf.para(
        f"Всего к оплате: {data.total_in_words}, в том числе НДС "
        f"{data.vat_percent} % — {amount(data.vat_kop)} руб.",
        8,
    )
    _signatures(
        pdf,
        [
            ("Руководитель организации или иное уполномоченное лицо", data.seller.head_name),
            ("Главный бухгалтер или иное уполномоченное лицо", data.seller.accountant_name),
        ],
    )
    pdf.para(
        "Индивидуальный предприниматель или иное уполномоченное лицо ______________ / — /   "
        "Реквизиты свидетельства о государственной регистрации индивидуального "
        "предпринимателя: —",
        7,
        h=3.5,
    )
    return pdf.to_bytes()


def _balance_side(kop: int) -> tuple[str, str]:
    """A balance as the (debit, credit) pair of the seller's books."""
    return (amount(kop), "") if kop >= 0 else ("", amount(-kop))


RECON_COLUMNS = (
    Column("Дата", 11, "C"),
    Column("Документ", 31),
    Column("Дебет", 19, "R"),
    Column("Кредит", 19, "R"),
    Column("Дата", 11, "C"),
    Column("Документ", 31),
    Column("Дебет", 19, "R"),
    Column("Кредит", 19, "R"),
)


def _recon_head(pdf: DocumentPdf, data: ReconciliationData) -> None:
    seller, buyer = seller_party(data.seller), data.buyer
    pdf.bold(12)
    pdf.multi_cell(
        0, 6, "Акт сверки взаимных расчётов", align=Align.C, new_x="LMARGIN", new_y="NEXT"
    )
    pdf.regular(9)
    pdf.multi_cell(
        0,
        4.5,
        f"№ {data.number} от {data.date:%d.%m.%Y}\nза период {data.period.text()}\n"
        f"между {seller.name} и {buyer.name}\nпо лицевому счёту № {data.account_number}",
        align=Align.C,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    pdf.para(
        f"Мы, нижеподписавшиеся, {seller.name} (ИНН {seller.inn}, КПП {seller.kpp}), с одной "
        f"стороны, и {buyer.requisites()}, с другой стороны, составили настоящий акт сверки "
        "в том, что состояние взаимных расчётов по данным учёта следующее:",
        8.5,
    )
    pdf.ln(2)


def _recon_rows(grid: Grid, data: ReconciliationData) -> None:
    o_debit, o_credit = _balance_side(data.opening_kop)
    first = f"{data.period.first:%d.%m.%y}"
    opening = "Сальдо начальное"
    grid.row((first, opening, o_debit, o_credit, first, opening, o_credit, o_debit), bold=True)
    for r in data.rows:
        day = f"{r.day:%d.%m.%y}"
        sold = amount(r.sales_kop) if r.sales_kop else ""
        paid = amount(r.paid_kop) if r.paid_kop else ""
        grid.row((day, r.document, sold, paid, day, r.document, paid, sold))
    sold, paid = amount(data.sales_kop), amount(data.paid_kop)
    turnover = "Обороты за период"
    grid.row(("", turnover, sold, paid, "", turnover, paid, sold), bold=True, fill=True)
    c_debit, c_credit = _balance_side(data.closing_kop)
    last = f"{data.period.last:%d.%m.%y}"
    closing = "Сальдо конечное"
    grid.row((last, closing, c_debit, c_credit, last, closing, c_credit, c_debit), bold=True)


def _verdict(data: ReconciliationData) -> str:
    seller, buyer = seller_party(data.seller), data.buyer
    last = f"{data.period.last:%d.%m.%Y}"
    closing = data.closing_kop
    if closing > 0:
        return (
            f"По данным {seller.name} на {last} задолженность в пользу {seller.name} "
            f"составляет {amount(closing)} руб. ({amount_in_words(closing)})."
        )
    if closing < 0:
        return (
            f"По данным {seller.name} на {last} задолженность в пользу {buyer.name} "
            f"(аванс) составляет {amount(-closing)} руб. ({amount_in_words(-closing)})."
        )
    return f"По данным {seller.name} на {last} задолженность отсутствует."


def _recon_signatures(pdf: DocumentPdf, data: ReconciliationData) -> None:
    seller, buyer = seller_party(data.seller), data.buyer
    half = pdf.content_width / 2
    if pdf.get_y() + 30 > pdf.page_break_trigger:
        pdf.new_page()
    y = pdf.get_y()
    bottom = y
    for i, (party, head) in enumerate(
        ((seller.name, data.seller.head_name), (buyer.name, "________________"))
    ):
        x = pdf.l_margin + i * half
        pdf.set_xy(x, y)
        pdf.bold(8)
        pdf.multi_cell(half - 4, 4, f"От {party}", align=Align.L, new_x="LEFT", new_y="NEXT")
        pdf.regular(8)
        pdf.multi_cell(half - 4, 4, "Руководитель", align=Align.L, new_x="LEFT", new_y="NEXT")
        pdf.ln(3)
        pdf.set_x(x)
        pdf.multi_cell(
            half - 4, 4, f"______________ / {head} /", align=Align.L, new_x="LEFT", new_y="NEXT"
        )
        pdf.set_x(x)
        pdf.multi_cell(half - 4, 4, "М. П.", align=Align.L, new_x="LEFT", new_y="NEXT")
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(pdf.l_margin, bottom)


def render_reconciliation_pdf(
    data: ReconciliationData, font_path: str | Path | None = None
) -> bytes:
    """«Акт сверки взаимных расчётов»: both sides' columns, opening and closing balances."""
    seller, buyer = seller_party(data.seller), data.buyer
    pdf = DocumentPdf(font_path, footer_note=f"Акт сверки № {data.number}")
    pdf.set_title(f"Акт сверки № {data.number}")
    pdf.set_author(seller.name)
    pdf.new_page()
    _recon_head(pdf, data)
    # The two sides over their columns (a long company name wraps), on every page.
    sides = ((f"По данным {seller.name}, руб.", 4), (f"По данным {buyer.name}, руб.", 4))
    grid = Grid(pdf, RECON_COLUMNS, size=6.5, line_height=2.9, over=sides)
    grid.start()
    _recon_rows(grid, data)
    pdf.ln(3)
    pdf.para(_verdict(data), 8.5, bold=True)
    pdf.ln(4)
    _recon_signatures(pdf, data)
    return pdf.to_bytes()
