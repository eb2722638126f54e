"""Time in one place: UTC in storage, Moscow time on screen.

Every "now" and "today" of the program (domain, demo data, jobs, values written to the
database) comes from here. `CABINET_TODAY=YYYY-MM-DD` (or `YYYY-MM-DDTHH:MM`, Moscow time) pins
the date the whole program sees: the clock starts at that moment (12:00 Moscow time when only a
date is given) and runs on at the real pace, so durations still pass but the date is the same on
every machine. Tests pin a fixed date by default (`tests/conftest.py`).
"""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from storage import timesource

MSK = ZoneInfo("Europe/Moscow")
ENV_VAR = "CABINET_TODAY"
PINNED_HOUR = 12

# The pinned start as (UTC moment, monotonic reading when pinned); None: the real clock.
_pin: tuple[datetime, float] | None = None


def parse_pin(value: str) -> datetime:
    """`2027-03-01` (noon Moscow time) or `2027-03-01T00:30` (Moscow time) as a UTC moment.

    Raises ValueError with a readable message for anything else.
    """
    text = value.strip()
    try:
        if "T" in text or " " in text:
            local = datetime.fromisoformat(text)
            if local.tzinfo is None:
                local = local.replace(tzinfo=MSK)
        else:
            day = date.fromisoformat(text)
            local = datetime(day.year, day.month, day.day, PINNED_HOUR, tzinfo=MSK)
    except ValueError:
        raise ValueError(
            f"{ENV_VAR}: expected a date like 2027-03-01 or 2027-03-01T00:30, got {value!r}"
        ) from None
    return local.astimezone(UTC)


def pin(when: date | datetime | str | None) -> None:
    """Pin the program's clock (a date means 12:00 Moscow time), or unpin it with None."""
    global _pin
    if when is None:
        _pin = None
        return
    if isinstance(when, str):
        start = parse_pin(when)
    elif isinstance(when, datetime):
        start = as_utc(when) if when.tzinfo is not None else when.replace(tzinfo=MSK)
        start = start.astimezone(UTC)
    else:
        start = datetime(when.year, when.month, when.day, PINNED_HOUR, tzinfo=MSK).astimezone(UTC)
    _pin = (start, time.monotonic())


def pin_from_env() -> None:
    """Pin from `CABINET_TODAY` when it is set (and non-empty); leave the clock alone otherwise."""
    value = os.environ.get(ENV_VAR, "").strip()
    if value:
        pin(value)


def is_pinned() -> bool:
    return _pin is not None


def utcnow() -> datetime:
    if _pin is None:
        return datetime.now(UTC)
    start, mono = _pin
    return start + timedelta(seconds=time.monotonic() - mono)


def as_utc(dt: datetime) -> datetime:
    # SQLite returns naive datetimes even for timezone-aware columns; they are UTC.
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def to_local(dt: datetime, tz: ZoneInfo = MSK) -> datetime:
    return as_utc(dt).astimezone(tz)


def now_local(tz: ZoneInfo = MSK) -> datetime:
    # `utcnow` is looked up at call time, so a test's replacement of it is seen here too.
    return utcnow().astimezone(tz)


def today_local(tz: ZoneInfo = MSK) -> date:
    return now_local(tz).date()


def month_start(day: date) -> date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def next_month_start(day: date) -> date:
    """The first day of the month after `day`'s (the «1st of next month» of a change)."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_end(day: date) -> date:
    """The last day of `day`'s month."""
    return next_month_start(day) - timedelta(days=1)


def fmt_datetime(dt: datetime, tz: ZoneInfo = MSK) -> str:
    return to_local(dt, tz).strftime("%d.%m.%Y %H:%M")


def fmt_date(d: date | datetime, tz: ZoneInfo = MSK) -> str:
    if isinstance(d, datetime):
        d = to_local(d, tz).date()
    return d.strftime("%d.%m.%Y")


def _now_for_storage() -> datetime:
    # Looked up at call time, so a test's replacement of `utcnow` reaches storage's rows too.
    return utcnow()


def install(today: str | None = None) -> None:
    """Make this the clock of the whole program, pinned to `today` when given (`Settings` reads
    it from `CABINET_TODAY`), and the one storage asks when it writes times (a row's
    `created_at`, the FSM's `updated_at`: storage may not import the domain, so it reads them
    through its port). Called by the entry points' `configure`, never at import."""
    if today:
        pin(today)
    timesource.install(_now_for_storage)
