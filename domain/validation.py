"""Checks of what people type: phone numbers, requisites, e-mail, passport data.

Every check returns the value in its one stored form, or raises `ValidationFailed` whose key is a
locale message (in `validation.ftl`) that says what is wrong and gives an example. Checksums come
from libraries made for them (phonenumbers, python-stdnum, email-validator).
"""

from __future__ import annotations

import re
from datetime import date, datetime

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn as stdnum_inn
from stdnum.ru import ogrn as stdnum_ogrn

from domain.clock import today_local
from domain.errors import ValidationFailed

_MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})
_SEPARATORS = re.compile(r"[\s\-()./]+")


def _digits(raw: str) -> str:
    return _SEPARATORS.sub("", raw.strip())


def parse_phone(raw: str, *, mobile_only: bool = False, russian_only: bool = True) -> str:
    """A phone number in any common form → E.164 (`+79161234567`).

    `+7 916 123-45-67`, `8 (916) 1234567` and `9161234567` are the same number. Russian numbers
    only unless told otherwise (Kazakhstan shares +7 and is not Russian); `mobile_only` also
    refuses landlines and 8-800.
    """
    text = raw.strip()
    if not text or len(text) > 32:
        raise ValidationFailed("val-phone")
    try:
        number = phonenumbers.parse(text, "RU")
    except NumberParseException:
        raise ValidationFailed("val-phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationFailed("val-phone")
    if russian_only and phonenumbers.region_code_for_number(number) != "RU":
        raise ValidationFailed("val-phone-not-russian")
    if mobile_only and phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise ValidationFailed("val-phone-not-mobile")
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def parse_phone_list(raw: str, *, mobile_only: bool = True, limit: int = 100) -> list[str]:
    """Several numbers separated by commas, semicolons or new lines; duplicates dropped."""
    parts = [p.strip() for p in re.split(r"[,;\n]+", raw) if p.strip()]
    if not parts:
        raise ValidationFailed("val-phone-list-empty")
    if len(parts) > limit:
        raise ValidationFailed("val-phone-list-too-long", limit=limit)
    result: list[str] = []
    for part in parts:
        try:
            number = parse_phone(part, mobile_only=mobile_only)
        except ValidationFailed as err:
            raise ValidationFailed("val-phone-list-bad", number=part, reason=err.key) from None
        if number not in result:
            result.append(number)
    return result


def format_phone(e164: str) -> str:
    """`+79161234567` → `+7 916 123-45-67`."""
    try:
        number = phonenumbers.parse(e164, "RU")
    except NumberParseException:
        return e164
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def mask_phone(e164: str) -> str:
    """`+79161234567` → `+7 916 ***-**-67`: enough to recognise one's own number."""
    shown = format_phone(e164)
    digits_seen = 0
    total = sum(ch.isdigit() for ch in shown)
    out = []
    for ch in shown:
        if ch.isdigit():
            digits_seen += 1
            # Keep the country and operator code (first 4 digits) and the last two.
            out.append(ch if digits_seen <= 4 or digits_seen > total - 2 else "*")
        else:
            out.append(ch)
    return "".join(out)


def mask_email(email: str) -> str:
    """`ivanov@example.org` → `i•••v@example.org`."""
    local, _, domain = email.partition("@")
    if len(local) <= 2:
        return f"{local[:1]}•••@{domain}"
    return f"{local[0]}•••{local[-1]}@{domain}"


def parse_email(raw: str) -> str:
    """E-mail syntax only (no DNS lookups); the domain is lower-cased."""
    text = raw.strip()
    if not text or len(text) > 254:
        raise ValidationFailed("val-email")
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise ValidationFailed("val-email") from None
    return str(result.normalized)


def parse_inn(raw: str) -> str:
    """INN of a company (10 digits) or of a person / sole trader (12 digits), checksum checked."""
    number = _digits(raw)
    if not number.isdigit() or len(number) not in (10, 12):
        raise ValidationFailed("val-inn-format")
    try:
        return str(stdnum_inn.validate(number))
    except StdnumError:
        raise ValidationFailed("val-inn-checksum") from None


def inn_is_company(inn: str) -> bool:
    return len(inn) == 10


_KPP = re.compile(r"^\d{4}[\dA-Z]{2}\d{3}$")


def parse_kpp(raw: str) -> str:
    """KPP: 9 characters, the 5th and 6th may be Latin capitals (the FNS format since 2013)."""
    number = _digits(raw).upper()
    if not _KPP.fullmatch(number):
        raise ValidationFailed("val-kpp")
    return number


def _ogrn(number: str) -> str:
    try:
        return str(stdnum_ogrn.validate(number))
    except InvalidChecksum:
        # python-stdnum compares an OGRNIP's check digit with the whole remainder mod 13, so it
        # refuses the valid numbers whose remainder is 10, 11 or 12; the FNS rule takes the last
        # digit of the remainder.
        if len(number) == 15 and int(number[:-1]) % 13 % 10 == int(number[-1]):
            return number
        raise ValidationFailed("val-ogrn-checksum") from None
    except StdnumError:
        raise ValidationFailed("val-ogrn-format") from None


def parse_ogrn(raw: str) -> str:
    """OGRN of a company: 13 digits with its check digit."""
    number = _digits(raw)
    if not number.isdigit() or len(number) != 13:
        raise ValidationFailed("val-ogrn-format")
    return _ogrn(number)


def parse_ogrnip(raw: str) -> str:
    """OGRNIP of a sole trader: 15 digits with its check digit."""
    number = _digits(raw)
    if not number.isdigit() or len(number) != 15:
        raise ValidationFailed("val-ogrnip-format")
    try:
        return _ogrn(number)
    except ValidationFailed as err:
        raise ValidationFailed(err.key.replace("val-ogrn-", "val-ogrnip-")) from None


def parse_passport(raw: str) -> str:
    """Series and number of a Russian passport: `4510 123456` (4 + 6 digits) → `4510 123456`."""
    number = _digits(raw).replace("№", "")
    if not number.isdigit() or len(number) != 10:
        raise ValidationFailed("val-passport")
    return f"{number[:4]} {number[4:]}"


def parse_passport_code(raw: str) -> str:
    """Code of the issuing subdivision: `770-001`."""
    number = _digits(raw)
    if not number.isdigit() or len(number) != 6:
        raise ValidationFailed("val-passport-code")
    return f"{number[:3]}-{number[3:]}"


def parse_date(raw: str, *, past: bool = False, today: date | None = None) -> date:
    """`ДД.ММ.ГГГГ` → a date; `past` refuses dates after today."""
    text = raw.strip()
    try:
        value = datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError:
        raise ValidationFailed("val-date") from None
    if past and value > (today or today_local()):
        raise ValidationFailed("val-date-future")
    if value.year < 1900:
        raise ValidationFailed("val-date")
    return value


_NAME = re.compile(r"^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё'\- ]*[A-Za-zА-Яа-яЁё]$")


def parse_full_name(raw: str) -> str:
    """Surname, name and (optionally) patronymic: at least two words of letters."""
    text = " ".join(raw.split())
    if len(text) > 200 or not _NAME.fullmatch(text) or len(text.split()) < 2:
        raise ValidationFailed("val-full-name")
    return text


def parse_text(raw: str, *, min_len: int = 2, max_len: int = 200, key: str = "val-text") -> str:
    """A free-text field (position, issuing authority, company name): trimmed, bounded."""
    text = " ".join(raw.split())
    if not (min_len <= len(text) <= max_len):
        raise ValidationFailed(key, min=min_len, max=max_len)
    return text


def parse_account_number(raw: str) -> str:
    """A personal account number (лицевой счёт): 6–20 digits."""
    number = _digits(raw)
    if not number.isdigit() or not (6 <= len(number) <= 20):
        raise ValidationFailed("val-account-number")
    return number


_CODE_WORD = re.compile(r"^[A-Za-zА-Яа-яЁё0-9]{4,32}$")


def parse_code_word(raw: str) -> str:
    """The account's code word: 4–32 letters or digits, one word."""
    text = raw.strip()
    if not _CODE_WORD.fullmatch(text):
        raise ValidationFailed("val-code-word")
    return text
