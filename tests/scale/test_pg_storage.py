"""Storage on PostgreSQL: FSM upserts, the demo and the large company in a fresh database.

Skipped without a reachable server, mandatory under CI (see test_pg_migrations).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.types import Channel, Role
from storage.db import make_engine, make_sessionmaker
from storage.demo import create_demo, create_large
from storage.fsm import SqlAlchemyStorage
from storage.migrate import upgrade_to_head
from storage.models import Account, CabinetUser, Charge, Outbox, Payment, Subscriber
from tests.scale.test_pg_migrations import create_database, drop_database, require_postgres

pytestmark = pytest.mark.scale

SM = async_sessionmaker[AsyncSession]


class Form(StatesGroup):
    step = State()


@pytest.fixture
async def pg_session_maker() -> AsyncIterator[SM]:
    server = await asyncio.to_thread(require_postgres)
    url = await create_database(server)
    engine = make_engine(url)
    try:
        await upgrade_to_head(url)
        yield make_sessionmaker(engine)
    finally:
        await engine.dispose()
        await drop_database(server, url)


async def test_fsm_on_postgres(pg_session_maker: SM) -> None:
    key = StorageKey(bot_id=1, chat_id=10, user_id=10)
    other = StorageKey(bot_id=1, chat_id=11, user_id=11)
    first = SqlAlchemyStorage(pg_session_maker)
    await first.set_state(key, Form.step)
    await first.set_data(key, {"a": 1, "list": [1, 2]})
    await first.set_data(other, {"b": 2})
    second = SqlAlchemyStorage(pg_session_maker)  # a restart, or another instance
    assert await second.get_state(key) == "Form:step"
    assert await second.get_data(key) == {"a": 1, "list": [1, 2]}
    assert await second.get_data(other) == {"b": 2}
    assert await second.get_state(other) is None
    # Concurrent updates of one key do not lose each other's keys (the row is locked),
    # also when the key did not exist before.
    await asyncio.gather(*(second.update_data(key, {f"k{i}": i}) for i in range(10)))
    data = await second.get_data(key)
    assert {f"k{i}" for i in range(10)} <= set(data)
    fresh = StorageKey(bot_id=1, chat_id=12, user_id=12)
    await asyncio.gather(*(second.update_data(fresh, {f"k{i}": i}) for i in range(10)))
    assert await second.get_data(fresh) == {f"k{i}": i for i in range(10)}
    await second.set_state(key, None)
    await second.set_data(key, {})
    assert await second.get_data(key) == {}


async def test_demo_and_large_on_postgres(pg_session_maker: SM) -> None:
    info = await create_demo(pg_session_maker, lambda p: "h:" + p, today=date(2026, 3, 18))
    again = await create_demo(pg_session_maker, lambda p: "h:" + p, today=date(2026, 3, 18))
    assert info.created and not again.created
    large = await create_large(
        pg_session_maker,
        lambda p: "h:" + p,
        accounts=3,
        subscribers=200,
        charges=5000,
        payments=1000,
    )
    async with pg_session_maker() as s:
        subs = await s.scalar(select(func.count()).where(Subscriber.company_id == info.company_id))
        assert subs == 60
        roles = set(
            (
                await s.scalars(
                    select(CabinetUser.role).where(CabinetUser.company_id == info.company_id)
                )
            ).all()
        )
        assert roles == set(Role)
        large_charges = await s.scalar(
            select(func.count())
            .select_from(Charge)
            .join(Account, Account.id == Charge.account_id)
            .where(Account.company_id == large.company_id)
        )
        assert large_charges == 5000
        for acc in (await s.scalars(select(Account))).all():
            paid = await s.scalar(
                select(func.coalesce(func.sum(Payment.amount_kop), 0)).where(
                    Payment.account_id == acc.id
                )
            )
            charged = await s.scalar(
                select(func.coalesce(func.sum(Charge.amount_kop), 0)).where(
                    Charge.account_id == acc.id
                )
            )
            assert acc.balance_kop == paid - charged


async def test_datetimes_come_back_as_utc(pg_session_maker: SM) -> None:
    moscow = timezone(timedelta(hours=3))
    when = datetime(2026, 3, 1, 15, 0, tzinfo=moscow)
    async with pg_session_maker() as s, s.begin():
        s.add(Outbox(channel=Channel.SMS, recipient="+79261110001", text="t", next_attempt_at=when))
    async with pg_session_maker() as s:
        row = (await s.scalars(select(Outbox))).one()
        assert row.next_attempt_at == when
        assert row.next_attempt_at.utcoffset() == timedelta(0)
        assert row.next_attempt_at.replace(tzinfo=None) == datetime(2026, 3, 1, 12, 0)
        assert row.created_at.tzinfo is not None
        assert row.created_at <= datetime.now(UTC) + timedelta(minutes=1)
