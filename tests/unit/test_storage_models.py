"""Model-level behaviour every layer relies on: times are timezone-aware UTC on SQLite too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain import clock
from domain.types import Channel
from storage.models import Outbox

MOSCOW = timezone(timedelta(hours=3))


async def add_sms(session_maker: async_sessionmaker[AsyncSession], when: datetime) -> None:
    """One SMS waiting in the outbox, due at `when` (aware or naive, as the test needs)."""
    async with session_maker() as s, s.begin():
        s.add(Outbox(channel=Channel.SMS, recipient="+79261110001", text="t", next_attempt_at=when))


async def test_aware_datetimes_round_trip_as_utc(
    session_maker: async_sessionmaker[AsyncSession],
) -> None:
    when = datetime(2026, 3, 1, 15, 0, tzinfo=MOSCOW)
    await add_sms(session_maker, when)
    async with session_maker() as s:
        row = (await s.scalars(select(Outbox))).one()
    # The same instant (not the Moscow wall time stored as if it were UTC), marked as UTC.
    assert row.next_attempt_at == when
    assert row.next_attempt_at.tzinfo is not None and row.next_attempt_at.utcoffset() == timedelta(
        0
    )
    assert row.next_attempt_at.hour == 12
    # Default times come from the program's clock (pinned in tests), and come back aware too.
    assert row.created_at.tzinfo is not None
    assert abs(row.created_at - clock.utcnow()) < timedelta(minutes=5)
    assert clock.to_local(row.created_at).date() == clock.today_local()


async def test_naive_datetimes_are_taken_as_utc(
    session_maker: async_sessionmaker[AsyncSession],
) -> None:
    await add_sms(session_maker, datetime(2026, 3, 1, 12, 0))
    async with session_maker() as s:
        row = (await s.scalars(select(Outbox))).one()
    assert row.next_attempt_at == datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


async def test_comparisons_in_sql_use_the_utc_instant(
    session_maker: async_sessionmaker[AsyncSession],
) -> None:
    await add_sms(session_maker, datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    async with session_maker() as s:
        # 14:30 Moscow is 11:30 UTC: before the row's time, though the wall clock reads later.
        earlier = datetime(2026, 3, 1, 14, 30, tzinfo=MOSCOW)
        later = datetime(2026, 3, 1, 15, 30, tzinfo=MOSCOW)
        due_at_earlier = await s.scalars(select(Outbox).where(Outbox.next_attempt_at <= earlier))
        assert due_at_earlier.all() == []
        due_at_later = await s.scalars(select(Outbox).where(Outbox.next_attempt_at <= later))
        assert len(due_at_later.all()) == 1
