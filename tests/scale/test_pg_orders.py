"""Orders on PostgreSQL: one order per request key under a race, and several instances
executing due orders each order exactly once (`FOR UPDATE SKIP LOCKED`).

Skipped without a reachable server, mandatory under CI (see test_pg_migrations).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.orders.placing import ItemSpec, execute_due_orders, place_order
from domain.types import Brand, Channel, OrderKind, OrderStatus, Role
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade_to_head
from storage.models import Order, OrderItem, Outbox, Tariff
from tests.accounts_data import make_account, make_company, make_subscriber, make_user, principal_of
from tests.scale.test_pg_migrations import create_database, drop_database, require_postgres

pytestmark = pytest.mark.scale

SM = async_sessionmaker[AsyncSession]


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


async def test_orders_are_placed_once_and_executed_once_by_several_instances(
    pg_session_maker: SM,
) -> None:
    async with pg_session_maker() as db:
        company = await make_company(db)
        account = await make_account(db, company)
        user = await make_user(db, company, Role.COORDINATOR)
        subs = [await make_subscriber(db, account) for _ in range(30)]
        tariff = Tariff(code="pg_t", name="Тест", brand=Brand.MEGAFON, monthly_fee_kop=100_00)
        db.add(tariff)
        await db.commit()
        boss = principal_of(user, company)
        ids = [s.id for s in subs]
        tariff_id = tariff.id

    async def place(key: str, part: list[int]) -> int:
        async with pg_session_maker() as db:
            ref = await place_order(
                db,
                boss,
                kind=OrderKind.CHANGE_TARIFF,
                items=[ItemSpec(subscriber_id=i) for i in part],
                request_key=key,
                params={"tariff_id": tariff_id, "tariff_name": "Тест"},
                notify_channel=Channel.SMS,
            )
            await db.commit()
            return ref.id

    # "Apply" pressed twice at once on two instances: one order.
    raced = await asyncio.gather(place("same", ids[:3]), place("same", ids[:3]))
    assert raced[0] == raced[1]
    for n in range(9):
        await place(f"k{n}", ids[3 + n * 3 : 6 + n * 3])

    async def instance() -> int:
        async with pg_session_maker() as db:
            n = await execute_due_orders(db)
            await db.commit()
            return n

    done = await asyncio.gather(*(instance() for _ in range(3)))
    assert sum(done) == 10
    async with pg_session_maker() as db:
        statuses = set(await db.scalars(select(Order.status)))
        assert statuses == {OrderStatus.COMPLETED}
        assert await db.scalar(select(func.count()).select_from(OrderItem)) == 30
        sms = await db.scalar(
            select(func.count()).select_from(Outbox).where(Outbox.channel == Channel.SMS)
        )
        assert sms == 30  # each number told once
