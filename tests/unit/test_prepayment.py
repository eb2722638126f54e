from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from domain.documents.pdf import date_in_words, default_font_dir, find_fonts
from domain.documents.prepayment import (
    build_prepayment_invoice,
    issue_prepayment_invoice,
    render_prepayment_pdf,
)
from domain.errors import AccessDenied, ValidationFailed
from domain.types import DocumentKind, DocumentStatus
from storage.models import Document, VatRate
from tests.accounts_data import add_vat_rates, assistant, coordinator, small_world, viewer


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _squash(s: str) -> str:
    # Extracted text may split words at line ends and use no-break spaces.
    return " ".join(s.replace("\u00a0", " ").split())


async def test_invoice_data_vat_22_and_words(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    await add_vat_rates(session)
    inv = await build_prepayment_invoice(
        session, coordinator(w), w.accounts[0].id, 1_234_56, today=date(2026, 9, 15)
    )
    assert inv.vat_percent == 22
    assert inv.total_kop == 1_234_56
    assert inv.vat_kop == 222_63  # 1 234,56 × 22 / 122 = 222,626…
    assert inv.net_kop == 1_011_93
    assert inv.total_in_words == "Одна тысяча двести тридцать четыре рубля 56 копеек"
    assert inv.seller.name == "ПАО «МегаФон»" and inv.seller.inn == "7812014560"
    assert inv.buyer.name == "ООО «Ромашка»"
    assert inv.number == "П-500100000001-001"
    # Before 2026 the table says 20 %.
    old = await build_prepayment_invoice(
        session, coordinator(w), w.accounts[0].id, 120_00, today=date(2025, 12, 31)
    )
    assert old.vat_percent == 20 and old.vat_kop == 20_00


async def test_yota_account_invoice_is_sold_by_yotas_operator(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    inv = await build_prepayment_invoice(session, coordinator(w), w.accounts[2].id, 500_00)
    assert inv.seller.brand_name == "Yota"
    assert inv.seller.name == "ООО «Скартел»"


async def test_pdf_reads_like_an_invoice(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    await add_vat_rates(session)
    issued = await issue_prepayment_invoice(
        session, coordinator(w), w.accounts[0].id, 1_234_56, today=date(2026, 9, 15)
    )
    assert issued.content.startswith(b"%PDF-")
    text = _squash(_text(issued.content))
    for needle in (
        "Счёт на предоплату № П-500100000001-001 от 15 сентября 2026 г.",
        "ПАО «МегаФон»",
        "ИНН 7812014560",
        "КПП 770701001",
        "ООО «Ромашка»",
        "ИНН 7700",
        "123456, г. Москва, ул. Тверская, д. 1",
        "БИК",
        "Банк получателя",
        "В том числе НДС (22 %): 222,63",
        "Всего к оплате: 1 234,56",
        "Одна тысяча двести тридцать четыре рубля 56 копеек",
        "Лицевой счёт № 500100000001",
    ):
        assert needle in text, needle
    doc = await session.scalar(select(Document).where(Document.id == issued.document_id))
    assert doc is not None
    assert doc.kind is DocumentKind.PREPAYMENT_INVOICE and doc.status is DocumentStatus.READY
    assert doc.amount_kop == 1_234_56 and doc.content == issued.content
    assert doc.file_name == issued.file_name and doc.file_name.endswith(".pdf")
    # One alphabet in the file name: no «П» among Latin letters.
    assert doc.file_name == "schet_na_predoplatu_P-500100000001-001.pdf"
    assert doc.file_name.isascii()
    # The next invoice of the account gets the next number.
    second = await issue_prepayment_invoice(session, coordinator(w), w.accounts[0].id, 100_00)
    assert second.invoice.number == "П-500100000001-002"


async def test_vat_rate_follows_the_table(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    await add_vat_rates(session)
    session.add(VatRate(valid_from=date(2027, 1, 1), percent=25))
    await session.flush()
    inv = await build_prepayment_invoice(
        session, coordinator(w), w.accounts[0].id, 125_00, today=date(2027, 3, 1)
    )
    assert inv.vat_percent == 25 and inv.vat_kop == 25_00
    text = _squash(_text(render_prepayment_pdf(inv)))
    assert "В том числе НДС (25 %): 25,00" in text


@pytest.mark.parametrize("kop", [0, 99_99, 100_000_000_01])
async def test_amount_out_of_range(session, kop: int) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    with pytest.raises(ValidationFailed) as err:
        await build_prepayment_invoice(session, coordinator(w), w.accounts[0].id, kop)
    assert err.value.key == "acc-err-prepay-range"
    assert "min" in err.value.params and "max" in err.value.params


async def test_invoice_refused_beyond_reach(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    for p, acc in (
        (assistant(w), w.accounts[1]),
        (coordinator(w), w.other_account),
        (viewer(w), w.accounts[0]),
    ):
        with pytest.raises(AccessDenied):
            await issue_prepayment_invoice(session, p, acc.id, 1_000_00)
    assert (await session.scalars(select(Document))).all() == []


def test_fonts() -> None:
    fonts = find_fonts()
    assert fonts.regular == default_font_dir() / "DejaVuSans.ttf" and fonts.regular.is_file()
    assert fonts.bold.is_file()
    with pytest.raises(FileNotFoundError):
        find_fonts("/nowhere/font.ttf")
    custom = find_fonts(default_font_dir() / "DejaVuSerif.ttf")
    assert custom.bold == Path(default_font_dir() / "DejaVuSerif-Bold.ttf")
    assert date_in_words(date(2026, 3, 1)) == "1 марта 2026 г."


async def test_font_path_setting_is_used(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    inv = await build_prepayment_invoice(session, coordinator(w), w.accounts[0].id, 500_00)
    pdf = render_prepayment_pdf(inv, default_font_dir() / "DejaVuSerif.ttf")
    assert b"DejaVuSerif" in pdf
    assert "Счёт на предоплату" in _text(pdf)
