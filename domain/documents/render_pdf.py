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
from domain.documents.layout import Column, DocumentPdf, FastTable
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
        if pdf.get_y() + 12 > pdf.page_break_trigger:
            pdf.new_page()
        pdf.bold(9)
        pdf.cell(half - 10, 5, title)
        pdf.regular(9)
        pdf.cell(half + 10, 5, f"______________ / {name} /", new_x="LMARGIN", new_y="NEXT")
        pdf.regular(6)
        pdf.set_x(pdf.l_margin + half - 10)
        pdf.cell(30, 3, "(подпись)", align=Align.C)
        pdf.cell(50, 3, "(ф.и.о.)", align=Align.C, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)


def render_invoice_pdf(data: InvoiceData, font_path: str | Path | None = None) -> bytes:
    """«Счёт» for the month's services; with itemised detail when `data.detail` is filled."""
    pdf = DocumentPdf(font_path, footer_note=f"Счёт № {data.number}")
    pdf.set_title(f"Счёт № {data.number}")
    pdf.set_author(data.seller.name)
    pdf.new_page()
    pdf.bold(12)
    pdf.multi_cell(
        0,
        6.5,
        f"Счёт № {data.number} от {date_in_words(data.date)}",
        align=Align.L,
        new_x="LMARGIN",
        new_y="NEXT",
    )
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

    table = FastTable(
        pdf,
        (
            Column("№", 6, "C"),
            Column("Наименование услуги", 52),
            Column("Кол-во", 10, "R"),
            Column("Ед.", 9, "C"),
            Column("Сумма\nбез НДС", 16, "R"),
            Column("Ставка\nНДС", 9, "C"),
            Column("НДС", 14, "R"),
            Column("Сумма\nс НДС", 16, "R"),
        ),
        size=7.5,
        row_height=5,
    )
    table.start()
    for line in data.lines:
        table.row(
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
        )
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

    if data.detail:
        pdf.new_page()
        pdf.para(
            f"Детализация начислений к счёту № {data.number} по номерам",
            11,
            bold=True,
            h=6,
        )
        pdf.para(
            f"Лицевой счёт № {data.account_number}, период {data.period.text()}, "
            f"номеров: {len(data.detail)}. Суммы с НДС, руб.",
            8,
        )
        pdf.ln(1)
        cats = [c for c in CATEGORY_ORDER if any(c in d.by_category for d in data.detail)]
        detail = FastTable(
            pdf,
            (
                Column("№", 6, "R"),
                Column("Номер", 17),
                Column("Сотрудник", 30),
                *(Column(CATEGORY_SHORT[c], 12, "R") for c in cats),
                Column("Итого", 14, "R"),
            ),
            size=6.5,
            row_height=4,
        )
        detail.start()
        for i, d in enumerate(data.detail, 1):
            detail.row(
                (
                    str(i),
                    d.msisdn,
                    d.employee,
                    *(amount(d.by_category[c]) if c in d.by_category else "" for c in cats),
                    amount(d.total_kop),
                )
            )
        detail.row(
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
    return pdf.to_bytes()


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
    pdf.bold(11)
    pdf.cell(
        0,
        6,
        f"Счёт-фактура № {data.number} от {date_in_words(data.date)} (1)",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.regular(9)
    pdf.cell(0, 4.5, "Исправление № — от — (1а)", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    seller, buyer = seller_party(data.seller), data.buyer
    blocks = (
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
    label_w = 95.0
    for label, value, mark in blocks:
        pdf.regular(8)
        pdf.cell(label_w, 4.2, pdf.fit(f"{label}:", label_w - 1))
        pdf.bold(8)
        pdf.cell(
            pdf.content_width - label_w - 12,
            4.2,
            pdf.fit(value, pdf.content_width - label_w - 13),
            border="B",
        )
        pdf.regular(8)
        pdf.cell(12, 4.2, mark, align=Align.R, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    table = FastTable(
        pdf,
        (
            Column("№\nп/п\nА", 6, "C"),
            Column("Наименование товара (описание\nвыполненных работ, оказанных\nуслуг)\n1", 56),
            Column("Код\nвида\nтовара\n1а", 9, "C"),
            Column("Ед. изм.\nкод\n2", 9, "C"),
            Column("Ед. изм.\nусл. обозн.\n2а", 11, "C"),
            Column("Коли-\nчество\n(объём)\n3", 10, "R"),
            Column("Цена\n(тариф)\nза единицу\n4", 14, "R"),
            Column("Стоимость\nбез налога\n— всего\n5", 17, "R"),
            Column("В том\nчисле\nакциз\n6", 10, "C"),
            Column("Нало-\nговая\nставка\n7", 9, "C"),
            Column("Сумма налога,\nпредъявляемая\nпокупателю\n8", 17, "R"),
            Column("Стоимость\nс налогом\n— всего\n9", 17, "R"),
            Column("Страна\nпроисх.\nкод\n10", 9, "C"),
            Column("Страна\nкраткое\nнаим.\n10а", 10, "C"),
            Column("Рег. номер\nдекларации\n11", 14, "C"),
        ),
        size=7,
        row_height=5,
        heading_height=14,
        heading_size=5.8,
    )
    table.start()
    for line in data.lines:
        table.row(
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
        )
    table.row(
        (
            "",
            "Всего к оплате (9)",
            "",
            "",
            "",
            "",
            "",
            amount(data.net_kop),
            "X",
            "",
            amount(data.vat_kop),
            amount(data.total_kop),
            "",
            "",
            "",
        ),
        bold=True,
        fill=True,
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
    pdf.regular(7)
    pdf.multi_cell(
        0,
        3.5,
        "Индивидуальный предприниматель или иное уполномоченное лицо ______________ / — /   "
        "Реквизиты свидетельства о государственной регистрации индивидуального "
        "предпринимателя: —",
        align=Align.L,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return pdf.to_bytes()


def _balance_side(kop: int) -> tuple[str, str]:
    """A balance as the (debit, credit) pair of the seller's books."""
    return (amount(kop), "") if kop >= 0 else ("", amount(-kop))


def render_reconciliation_pdf(
    data: ReconciliationData, font_path: str | Path | None = None
) -> bytes:
    """«Акт сверки взаимных расчётов»: both sides' columns, opening and closing balances."""
    seller, buyer = seller_party(data.seller), data.buyer
    pdf = DocumentPdf(font_path, footer_note=f"Акт сверки № {data.number}")
    pdf.set_title(f"Акт сверки № {data.number}")
    pdf.set_author(seller.name)
    pdf.new_page()
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
    pdf.bold(7)
    half = pdf.content_width / 2
    pdf.cell(
        half, 4.5, pdf.fit(f"По данным {seller.name}, руб.", half - 1), border=1, align=Align.C
    )
    pdf.cell(
        half,
        4.5,
        pdf.fit(f"По данным {buyer.name}, руб.", half - 1),
        border=1,
        align=Align.C,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    table = FastTable(
        pdf,
        (
            Column("Дата", 12, "C"),
            Column("Документ", 36),
            Column("Дебет", 16, "R"),
            Column("Кредит", 16, "R"),
            Column("Дата", 12, "C"),
            Column("Документ", 36),
            Column("Дебет", 16, "R"),
            Column("Кредит", 16, "R"),
        ),
        size=6.5,
        row_height=4,
        heading_height=5,
    )
    table.start()
    o_debit, o_credit = _balance_side(data.opening_kop)
    first = f"{data.period.first:%d.%m.%y}"
    table.row(
        (
            first,
            "Сальдо начальное",
            o_debit,
            o_credit,
            first,
            "Сальдо начальное",
            o_credit,
            o_debit,
        ),
        bold=True,
        fill=True,
    )
    for r in data.rows:
        day = f"{r.day:%d.%m.%y}"
        sold = amount(r.sales_kop) if r.sales_kop else ""
        paid = amount(r.paid_kop) if r.paid_kop else ""
        table.row((day, r.document, sold, paid, day, r.document, paid, sold))
    turnover = amount(data.sales_kop), amount(data.paid_kop)
    table.row(
        (
            "",
            "Обороты за период",
            turnover[0],
            turnover[1],
            "",
            "Обороты за период",
            turnover[1],
            turnover[0],
        ),
        bold=True,
        fill=True,
    )
    c_debit, c_credit = _balance_side(data.closing_kop)
    table.row(
        (
            f"{data.period.last:%d.%m.%y}",
            "Сальдо конечное",
            c_debit,
            c_credit,
            f"{data.period.last:%d.%m.%y}",
            "Сальдо конечное",
            c_credit,
            c_debit,
        ),
        bold=True,
        fill=True,
    )
    pdf.ln(3)
    last = f"{data.period.last:%d.%m.%Y}"
    closing = data.closing_kop
    if closing > 0:
        verdict = (
            f"По данным {seller.name} на {last} задолженность в пользу {seller.name} "
            f"составляет {amount(closing)} руб. ({amount_in_words(closing)})."
        )
    elif closing < 0:
        verdict = (
            f"По данным {seller.name} на {last} задолженность в пользу {buyer.name} "
            f"(аванс) составляет {amount(-closing)} руб. ({amount_in_words(-closing)})."
        )
    else:
        verdict = f"По данным {seller.name} на {last} задолженность отсутствует."
    pdf.para(verdict, 8.5, bold=True)
    pdf.ln(4)
    if pdf.get_y() + 30 > pdf.page_break_trigger:
        pdf.new_page()
    y = pdf.get_y()
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
    return pdf.to_bytes()
