"""HTML renderers: the invoice (with or without detail) from a Jinja2 template.

The page is valid HTML5 (a test parses it with a strict parser), readable on a phone (a viewport,
wide tables scroll sideways), every value escaped by the template's autoescape. One variable,
`sample`, puts the «ОБРАЗЕЦ» mark over documents made with demo requisites.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from domain.documents.accounting import (
    CATEGORY_ORDER,
    CATEGORY_SHORT,
    UNIT_NAME,
    InvoiceData,
    seller_party,
)
from domain.documents.pdf import date_in_words
from domain.documents.render_pdf import amount

TEMPLATES = str(Path(__file__).with_name("templates"))


@cache
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_invoice_html(data: InvoiceData) -> bytes:
    cats = [c for c in CATEGORY_ORDER if any(c in d.by_category for d in data.detail)]
    html = (
        _env()
        .get_template("invoice.html")
        .render(
            doc=data,
            seller=seller_party(data.seller),
            sample=data.sample,
            date_words=date_in_words(data.date),
            unit=UNIT_NAME,
            amount=amount,
            categories=cats,
            category_names=CATEGORY_SHORT,
            category_totals={c: sum(d.by_category.get(c, 0) for d in data.detail) for c in cats},
            detail_total=sum(d.total_kop for d in data.detail),
        )
    )
    return html.encode("utf-8")
