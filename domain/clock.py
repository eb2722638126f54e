"""Time in one place: UTC in storage, Moscow time on screen."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

MSK = ZoneInfo("Europe/Moscow")


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(dt: datetime) -> datetime:
    # SQLite returns naive datetimes even for timezone-aware columns; they are UTC.
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def to_local(dt: datetime, tz: ZoneInfo = MSK) -> datetime:
    return as_utc(dt).astimezone(tz)


def today_local(tz: ZoneInfo = MSK) -> date:
    return datetime.now(tz).date()


def fmt_datetime(dt: datetime, tz: ZoneInfo = MSK) -> str:
    return to_local(dt, tz).strftime("%d.%m.%Y %H:%M")


def fmt_date(d: date | datetime, tz: ZoneInfo = MSK) -> str:
    if isinstance(d, datetime):
        d = to_local(d, tz).date()
    return d.strftime("%d.%m.%Y")
