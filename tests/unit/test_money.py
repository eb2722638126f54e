from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ValidationFailed
from domain.money import (
    amount_in_words,
    ensure_vat_rates,
    format_amount,
    format_rub,
    parse_amount,
    plural_ru,
    to_kop,
    to_rub,
    vat_from_gross,
    vat_on_net,
    vat_percent_on,
)
from storage.models import VatRate

NNBSP = "\u202f"
NBSP = "\u00a0"


def test_roubles_and_kopecks_round_trip_exactly() -> None:
    assert to_kop(Decimal("1234.56")) == 123456
    assert to_kop("0.01") == 1
    assert to_kop(5) == 500
    assert to_rub(123456) == Decimal("1234.56")
    assert to_rub(-1) == Decimal("-0.01")
    assert str(to_rub(500)) == "5.00"


def test_more_than_two_places_is_an_error_not_a_rounding() -> None:
    with pytest.raises(ValueError):
        to_kop("1.005")
    with pytest.raises(ValueError):
        to_kop("abc")
    with pytest.raises(ValueError):
        to_kop("NaN")


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_kop_rub_round_trip(kop: int) -> None:
    assert to_kop(to_rub(kop)) == kop


def test_format_rub_groups_thousands_with_narrow_no_break_space() -> None:
    assert format_rub(123456) == f"1{NNBSP}234,56{NBSP}₽"
    assert format_rub(0) == f"0,00{NBSP}₽"
    assert format_rub(5) == f"0,05{NBSP}₽"
    assert format_rub(100_000_000_00) == f"100{NNBSP}000{NNBSP}000,00{NBSP}₽"
    assert format_rub(-500_00) == f"\u2212500,00{NBSP}₽"
    assert format_rub(500_00, signed=True) == f"+500,00{NBSP}₽"
    assert format_amount(-123456, sep=" ", minus="-") == "-1 234,56"


@pytest.mark.parametrize(
    ("text", "kop"),
    [
        ("1234", 123400),
        ("1 234,56", 123456),
        ("1234.5", 123450),
        ("1\u00a0234,56 ₽", 123456),
        ("1234 руб.", 123400),
        ("0,01", 1),
        ("  500  ", 50000),
    ],
)
def test_parse_amount(text: str, kop: int) -> None:
    assert parse_amount(text) == kop


@pytest.mark.parametrize("text", ["", "abc", "-5", "1,234", "12.345", "1e5", "5 долларов"])
def test_parse_amount_refuses_with_the_key(text: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_amount(text)
    assert err.value.key == "acc-err-amount"


def test_russian_plurals() -> None:
    forms = ("рубль", "рубля", "рублей")
    assert [plural_ru(n, *forms) for n in (1, 2, 5, 11, 12, 21, 22, 25, 101, 111, 1000)] == [
        "рубль",
        "рубля",
        "рублей",
        "рублей",
        "рублей",
        "рубль",
        "рубля",
        "рублей",
        "рубль",
        "рублей",
        "рублей",
    ]


@pytest.mark.parametrize(
    ("kop", "words"),
    [
        (123456, "Одна тысяча двести тридцать четыре рубля 56 копеек"),
        (100, "Один рубль 00 копеек"),
        (1, "Ноль рублей 01 копейка"),
        (2_100_002, "Двадцать одна тысяча рублей 02 копейки"),
        (1_000_000_00, "Один миллион рублей 00 копеек"),
        (2_222_22, "Две тысячи двести двадцать два рубля 22 копейки"),
        (11_11, "Одиннадцать рублей 11 копеек"),
    ],
)
def test_amount_in_words(kop: int, words: str) -> None:
    assert amount_in_words(kop) == words


def test_vat_is_computed_from_the_gross_amount_half_up() -> None:
    assert vat_from_gross(122_00, 22) == 22_00
    assert vat_from_gross(100_000_00, 22) == 18_032_79  # 100 000 × 22 / 122 = 18 032,786…
    assert vat_from_gross(1, 22) == 0
    assert vat_from_gross(3, 22) == 1  # 0,54 → 1
    assert vat_from_gross(120_00, 20) == 20_00
    assert vat_from_gross(-122_00, 22) == -22_00
    assert vat_on_net(100_00, 22) == 22_00
    assert vat_on_net(1_23, 22) == 27  # 0,2706 → 0,27


@given(st.integers(min_value=0, max_value=10**13), st.sampled_from([0, 10, 18, 20, 22]))
def test_vat_plus_net_is_gross(kop: int, percent: int) -> None:
    vat = vat_from_gross(kop, percent)
    net = kop - vat
    # The VAT of the net never differs from the included VAT by more than a kopeck.
    assert abs(vat_on_net(net, percent) - vat) <= 1
    assert 0 <= vat <= kop


async def test_vat_rate_is_read_from_the_dated_table(session) -> None:  # type: ignore[no-untyped-def]
    # An empty table falls back to the rates of Russian law.
    assert await vat_percent_on(session, date(2025, 12, 31)) == 20
    assert await vat_percent_on(session, date(2026, 1, 1)) == 22
    await ensure_vat_rates(session)
    await ensure_vat_rates(session)  # twice is harmless
    session.add(VatRate(valid_from=date(2030, 7, 1), percent=25))
    await session.flush()
    assert await vat_percent_on(session, date(2025, 6, 1)) == 20
    assert await vat_percent_on(session, date(2026, 9, 15)) == 22
    assert await vat_percent_on(session, date(2030, 6, 30)) == 22
    assert await vat_percent_on(session, date(2030, 7, 1)) == 25
