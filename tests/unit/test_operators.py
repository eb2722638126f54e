"""The operators' requisites: from the settings or a file, checked, the demo's marked «ОБРАЗЕЦ»."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from bot.config import SettingsError, load_settings
from domain.documents import operators
from domain.documents.prepayment import issue_prepayment_invoice
from domain.types import Brand
from tests.accounts_data import add_vat_rates, coordinator, small_world

REAL_MEGAFON = {
    "brand_name": "МегаФон",
    "name": "ПАО «МегаФон»",
    "inn": "7812014560",
    "kpp": "770701001",
    "ogrn": "1027809169585",
    "address": "127006, г. Москва, Оружейный пер., д. 41",
    "bank_name": "ПАО Сбербанк, г. Москва",
    "bik": "044525225",
    "correspondent_account": "30101810400000000225",
    "settlement_account": "40702810938000012345",
    "head_title": "Генеральный директор",
    "head_name": "Иванов И. И.",
    "accountant_name": "Петрова П. П.",
    "phone": "8 800 550-05-55",
    "email": "b2b@megafon.example",
}


@pytest.fixture(autouse=True)
def _demo_afterwards() -> Iterator[None]:
    yield
    operators.configure(None)


def _toml(values: dict[str, dict[str, str]]) -> str:
    lines = []
    for table, fields in values.items():
        lines.append(f"[{table}]")
        lines += [f'{k} = "{v}"' for k, v in fields.items()]
    return "\n".join(lines) + "\n"


def _real() -> dict[str, dict[str, str]]:
    yota = operators.demo_requisites()[Brand.YOTA]
    yota_values = {k: v for k, v in asdict(yota).items() if k in operators.FIELDS}
    return {"megafon": dict(REAL_MEGAFON), "yota": yota_values}


def test_without_settings_the_demo_requisites_are_used_and_marked() -> None:
    seller = operators.operator_for(Brand.MEGAFON)
    assert seller.is_sample and seller.name == "ПАО «МегаФон»"
    assert operators.samples_in_use()


def test_requisites_file_from_the_settings(tmp_path: Path) -> None:
    file = tmp_path / "requisites.toml"
    file.write_text(_toml(_real()), encoding="utf-8")
    found = load_settings(_env_file=None, operator_requisites_file=str(file)).operator_requisites()
    assert found is not None
    operators.configure(found)
    seller = operators.operator_for(Brand.MEGAFON)
    assert not seller.is_sample and seller.bik == "044525225"
    assert not operators.samples_in_use()


def test_requisites_one_setting_per_field(monkeypatch: pytest.MonkeyPatch) -> None:
    for brand, values in _real().items():
        for k, v in values.items():
            monkeypatch.setenv(f"OPERATOR_{brand.upper()}__{k.upper()}", v)
    found = load_settings(_env_file=None).operator_requisites()
    assert found is not None and found[Brand.MEGAFON].settlement_account == "40702810938000012345"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("bik", "04452522"),  # 8 digits
        ("settlement_account", "40702810938000012346"),  # control key broken
        ("correspondent_account", "30101810400000000226"),  # not this bank's
        ("inn", "7812014561"),
        ("ogrn", "1027809169586"),
    ],
)
def test_a_wrong_bank_identifier_stops_start_up_naming_it(
    monkeypatch: pytest.MonkeyPatch, field: str, value: str
) -> None:
    for brand, values in _real().items():
        for k, v in values.items():
            monkeypatch.setenv(f"OPERATOR_{brand.upper()}__{k.upper()}", v)
    monkeypatch.setenv(f"OPERATOR_MEGAFON__{field.upper()}", value)
    with pytest.raises(SettingsError) as info:
        load_settings(_env_file=None).operator_requisites()
    message = str(info.value)
    assert message.startswith(f"Setting OPERATOR_MEGAFON__{field.upper()} ")
    assert "\n" not in message


def test_a_real_bot_needs_requisites() -> None:
    with pytest.raises(SettingsError, match="OPERATOR_REQUISITES_FILE"):
        load_settings(_env_file=None, bot_token="1:abc").operator_requisites()
    demo = load_settings(_env_file=None, bot_token="1:abc", operator_requisites_file="demo")
    assert demo.operator_requisites() == operators.demo_requisites()


def _pdf_text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


async def test_a_demo_invoice_says_sample_a_real_one_does_not(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    await add_vat_rates(session)
    demo = await issue_prepayment_invoice(
        session, coordinator(w), w.accounts[0].id, 1_000_00, today=date(2026, 9, 15)
    )
    assert "ОБРАЗЕЦ" in _pdf_text(demo.content)

    operators.configure(
        {
            Brand.MEGAFON: operators.requisites_of(Brand.MEGAFON, REAL_MEGAFON),
            Brand.YOTA: operators.demo_requisites()[Brand.YOTA],
        }
    )
    real = await issue_prepayment_invoice(
        session, coordinator(w), w.accounts[0].id, 1_000_00, today=date(2026, 9, 15)
    )
    text = _pdf_text(real.content)
    assert "ОБРАЗЕЦ" not in text and "044525225" in text
