"""What people type: phones in every common form, requisites with their checksums, e-mail."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.ru import inn as stdnum_inn

from domain.errors import ValidationFailed
from domain.validation import (
    format_phone,
    mask_email,
    mask_phone,
    parse_account_number,
    parse_code_word,
    parse_date,
    parse_email,
    parse_full_name,
    parse_inn,
    parse_kpp,
    parse_ogrn,
    parse_ogrnip,
    parse_passport,
    parse_passport_code,
    parse_phone,
    parse_phone_list,
)


def key_of(func, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as exc:
        func(*args, **kwargs)
    return exc.value.key


@pytest.mark.parametrize(
    "typed",
    [
        "+7 916 123-45-67",
        "8 (916) 1234567",
        "9161234567",
        "89161234567",
        "+79161234567",
        "7 916 123 45 67",
        " +7(916)123-45-67 ",
    ],
)
def test_every_common_form_of_a_number_is_one_e164(typed: str) -> None:
    assert parse_phone(typed) == "+79161234567"


def test_phone_refusals_say_why() -> None:
    assert key_of(parse_phone, "12") == "val-phone"
    assert key_of(parse_phone, "") == "val-phone"
    assert key_of(parse_phone, "телефон") == "val-phone"
    assert key_of(parse_phone, "+7 701 234 56 78") == "val-phone-not-russian"  # Kazakhstan
    assert key_of(parse_phone, "+44 20 7946 0958") == "val-phone-not-russian"
    assert key_of(parse_phone, "+7 495 123-45-67", mobile_only=True) == "val-phone-not-mobile"
    assert parse_phone("+7 495 123-45-67") == "+74951234567"  # a landline is fine when allowed


def test_phone_list_names_the_bad_number_and_drops_duplicates() -> None:
    assert parse_phone_list("+7 916 123-45-67, 89261112233\n9161234567") == [
        "+79161234567",
        "+79261112233",
    ]
    with pytest.raises(ValidationFailed) as exc:
        parse_phone_list("+79161234567; 8 495 123 45 67")
    assert exc.value.key == "val-phone-list-bad"
    assert exc.value.params["number"] == "8 495 123 45 67"
    assert key_of(parse_phone_list, " , ") == "val-phone-list-empty"


def test_display_and_masks() -> None:
    assert format_phone("+79161234567") == "+7 916 123-45-67"
    assert mask_phone("+79161234567") == "+7 916 ***-**-67"
    assert mask_email("ivanov@example.org") == "i•••v@example.org"


def test_inn_of_company_and_person_with_checksums() -> None:
    assert parse_inn("7707083893") == "7707083893"
    assert parse_inn("7707 083 893") == "7707083893"
    assert parse_inn("500100732259") == "500100732259"
    assert key_of(parse_inn, "7707083894") == "val-inn-checksum"
    assert key_of(parse_inn, "500100732258") == "val-inn-checksum"
    assert key_of(parse_inn, "77070838") == "val-inn-format"
    assert key_of(parse_inn, "770708389A") == "val-inn-format"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_every_company_inn_with_the_right_check_digit_passes(body: str) -> None:
    number = body + stdnum_inn.calc_company_check_digit(body)
    assert parse_inn(number) == number
    wrong = body + str((int(number[-1]) + 1) % 10)
    assert key_of(parse_inn, wrong) == "val-inn-checksum"


def test_kpp_format() -> None:
    assert parse_kpp("770701001") == "770701001"
    assert parse_kpp("7707ab001") == "7707AB001"  # letters allowed in the 5th and 6th place
    assert key_of(parse_kpp, "77070100") == "val-kpp"
    assert key_of(parse_kpp, "7707010011") == "val-kpp"
    assert key_of(parse_kpp, "77A701001") == "val-kpp"


def test_ogrn_and_ogrnip() -> None:
    assert parse_ogrn("1027700132195") == "1027700132195"
    assert key_of(parse_ogrn, "1027700132196") == "val-ogrn-checksum"
    assert key_of(parse_ogrn, "102770013219") == "val-ogrn-format"
    assert parse_ogrnip("304500116000157") == "304500116000157"
    assert key_of(parse_ogrnip, "304500116000158") == "val-ogrnip-checksum"
    assert key_of(parse_ogrnip, "1027700132195") == "val-ogrnip-format"


def test_ogrnip_whose_remainder_is_two_digits_is_valid() -> None:
    # The check digit is the last digit of (first 14 digits mod 13); python-stdnum alone
    # refuses these numbers.
    body = "30000000000006"
    assert int(body) % 13 == 10
    assert parse_ogrnip(body + "0") == body + "0"
    assert key_of(parse_ogrnip, body + "1") == "val-ogrnip-checksum"


@given(st.text(alphabet="0123456789", min_size=13, max_size=13))
def test_any_ogrnip_with_the_fns_check_digit_passes(tail: str) -> None:
    body = "3" + tail
    number = body + str(int(body) % 13 % 10)
    assert parse_ogrnip(number) == number


def test_email_syntax_only() -> None:
    assert parse_email(" Ivanov@Example.ORG ") == "Ivanov@example.org"
    assert parse_email("buh@северный-ветер.рф").endswith("@северный-ветер.рф")
    assert key_of(parse_email, "ivanov@") == "val-email"
    assert key_of(parse_email, "ivanov example.org") == "val-email"
    assert key_of(parse_email, "a@b") == "val-email"


def test_passport_and_dates() -> None:
    assert parse_passport("4510 123456") == "4510 123456"
    assert parse_passport("45 10 123456") == "4510 123456"
    assert key_of(parse_passport, "4510 12345") == "val-passport"
    assert parse_passport_code("770001") == "770-001"
    assert key_of(parse_passport_code, "77-001") == "val-passport-code"
    assert parse_date("01.09.2020", past=True) == date(2020, 9, 1)
    assert key_of(parse_date, "31.02.2020") == "val-date"
    assert key_of(parse_date, "2020-09-01") == "val-date"
    assert key_of(parse_date, "01.01.2099", past=True) == "val-date-future"


def test_names_accounts_code_words() -> None:
    assert parse_full_name("  Иванов   Иван Иванович ") == "Иванов Иван Иванович"
    assert parse_full_name("Салтыков-Щедрин Михаил") == "Салтыков-Щедрин Михаил"
    assert key_of(parse_full_name, "Иванов") == "val-full-name"
    assert key_of(parse_full_name, "Иванов 123") == "val-full-name"
    assert parse_account_number("400 900 800 700") == "400900800700"
    assert key_of(parse_account_number, "12345") == "val-account-number"
    assert parse_code_word("Ромашка2026") == "Ромашка2026"
    assert key_of(parse_code_word, "два слова") == "val-code-word"
    assert key_of(parse_code_word, "abc") == "val-code-word"
