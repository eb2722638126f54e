"""Money: integer kopecks in storage, `Decimal` roubles in arithmetic, Russian text on screen.

VAT is dated: `vat_percent_on` reads the rate in force on a day from the `vat_rates` table, and
the formulas take the percent as a parameter, so a change of the rate is a new row, not new code.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import select

from domain.db import Db
from domain.errors import ValidationFailed
from storage.models import VatRate

KOP_PER_RUB = 100
CURRENCY = "₽"
# Thousands are grouped with a narrow no-break space, the currency sign follows a no-break
# space: a phone never wraps an amount in the middle.
THOUSANDS_SEP = "\u202f"
CURRENCY_SEP = "\u00a0"
MINUS = "\u2212"

# The rates in force in Russia since 2019, used when the table holds no row for a day (an empty
# database before the demo data or a migration filled it).
DEFAULT_VAT_RATES: tuple[tuple[date, int], ...] = (
    (date(2019, 1, 1), 20),
    (date(2026, 1, 1), 22),
)

_TWO_PLACES = Decimal("0.01")


def to_kop(rub: Decimal | int | str) -> int:
    """Roubles → kopecks, exactly; more than two decimal places is an error, not a rounding."""
    try:
        value = Decimal(rub)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"not an amount: {rub!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not an amount: {rub!r}")
    kop = value * KOP_PER_RUB
    if kop != kop.to_integral_value():
        raise ValueError(f"more than two decimal places: {rub!r}")
    return int(kop)


def to_rub(kop: int) -> Decimal:
    """Kopecks → roubles as a `Decimal` with exactly two places."""
    return (Decimal(kop) / KOP_PER_RUB).quantize(_TWO_PLACES)


def group_thousands(n: int, sep: str = THOUSANDS_SEP) -> str:
    digits = str(abs(n))
    groups = []
    while digits:
        groups.append(digits[-3:])
        digits = digits[:-3]
    return sep.join(reversed(groups))


def format_amount(kop: int, *, sep: str = THOUSANDS_SEP, minus: str = MINUS) -> str:
    """`123456` → `"1 234,56"` (no currency sign), for tables."""
    sign = minus if kop < 0 else ""
    rub, k = divmod(abs(kop), KOP_PER_RUB)
    return f"{sign}{group_thousands(rub, sep)},{k:02d}"


def format_rub(kop: int, *, signed: bool = False) -> str:
    """`123456` → `"1 234,56 ₽"`; `signed=True` puts a plus before a positive amount."""
    text = format_amount(kop)
    if signed and kop > 0:
        text = "+" + text
    return f"{text}{CURRENCY_SEP}{CURRENCY}"


def format_rub_short(kop: int) -> str:
    """A price on a button: `55000` → `"550 ₽"`, kopecks only when there are any."""
    if kop % KOP_PER_RUB:
        return format_rub(kop)
    return f"{format_amount(kop)[:-3]}{CURRENCY_SEP}{CURRENCY}"


_AMOUNT_RE = re.compile(r"^(\d{1,12})(?:[.,](\d{1,2}))?$")
_AMOUNT_NOISE = re.compile(r"(?:₽|руб(?:лей|ля|ль)?\.?|rub\.?|р\.)$", re.IGNORECASE)


def parse_amount(text: str) -> int:
    """A typed amount in roubles → kopecks: `1234`, `1 234,56`, `1234.5`, `1234 ₽`, `1234 руб.`

    Raises `ValidationFailed("acc-err-amount")`; negative amounts are not an amount a user types.
    """
    cleaned = text.strip()
    cleaned = _AMOUNT_NOISE.sub("", cleaned).strip()
    for space in (" ", "\u00a0", "\u202f", "\u2009", "'"):
        cleaned = cleaned.replace(space, "")
    m = _AMOUNT_RE.match(cleaned)
    if m is None:
        raise ValidationFailed("acc-err-amount", value=text.strip()[:40])
    rub = int(m.group(1))
    frac = (m.group(2) or "0").ljust(2, "0")
    return rub * KOP_PER_RUB + int(frac)


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    """The Russian plural form for `n`: 1 рубль, 2 рубля, 5 рублей, 11 рублей, 21 рубль."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def amount_in_words(kop: int) -> str:
    """`123456` → "Одна тысяча двести тридцать четыре рубля 56 копеек", as invoices write it."""
    if kop < 0:
        raise ValueError("an amount in words is never negative")
    rub, k = divmod(kop, KOP_PER_RUB)
    from num2words import num2words  # here: only documents need it, not start-up

    words = num2words(rub, lang="ru")
    rub_word = plural_ru(rub, "рубль", "рубля", "рублей")
    kop_word = plural_ru(k, "копейка", "копейки", "копеек")
    text = f"{words} {rub_word} {k:02d} {kop_word}"
    return text[:1].upper() + text[1:]


def round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def vat_from_gross(kop: int, percent: int) -> int:
    """VAT included in a gross amount, rounded to the kopeck half up: 122,00 ₽ at 22 % → 22,00 ₽.

    Russian invoices compute it per line as gross × rate / (100 + rate).
    """
    if percent < 0:
        raise ValueError("a VAT rate is never negative")
    sign = -1 if kop < 0 else 1
    return sign * round_half_up(Decimal(abs(kop)) * percent / (100 + percent))


def vat_on_net(kop: int, percent: int) -> int:
    """VAT charged on top of a net amount, rounded to the kopeck half up."""
    if percent < 0:
        raise ValueError("a VAT rate is never negative")
    sign = -1 if kop < 0 else 1
    return sign * round_half_up(Decimal(abs(kop)) * percent / 100)


def default_vat_percent_on(day: date) -> int:
    rate = DEFAULT_VAT_RATES[0][1]
    for valid_from, percent in DEFAULT_VAT_RATES:
        if valid_from <= day:
            rate = percent
    return rate


async def vat_percent_on(db: Db, day: date) -> int:
    """The VAT rate in force on `day`: the latest `vat_rates` row that starts on or before it."""
    percent = await db.scalar(
        select(VatRate.percent)
        .where(VatRate.valid_from <= day)
        .order_by(VatRate.valid_from.desc())
        .limit(1)
    )
    if percent is None:
        return default_vat_percent_on(day)
    return int(percent)


async def ensure_vat_rates(db: Db) -> None:
    """Fill an empty `vat_rates` table with the rates in `DEFAULT_VAT_RATES`."""
    existing = set(await db.scalars(select(VatRate.valid_from)))
    for valid_from, percent in DEFAULT_VAT_RATES:
        if valid_from not in existing:
            db.add(VatRate(valid_from=valid_from, percent=percent))
    await db.flush()
