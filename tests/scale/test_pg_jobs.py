"""The short scheduled jobs on PostgreSQL with three instances running each at once: every
low-balance alert, every spending-limit push and every order reminder is written once.

A fourth instance that takes rows and then hangs keeps them only until the claim timeout
(`domain.claims`). Skipped without a reachable server, mandatory under CI.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain import claims
from domain.accounts.alerts import check_low_balances
from domain.auth.login import open_session
from domain.clock import today_local
from domain.orders.placing import remind_upcoming_orders
from domain.subscribers.limits import check_limits
from domain.types import OrderKind, OrderStatus, Role
from storage.models import Account, Order, Outbox, Subscriber
from tests.accounts_data import make_account, make_company, make_subscriber, make_user
from tests.scale.test_pg_orders import pg_session_maker as pg_session_maker  # the fixture

pytestmark = pytest.mark.scale

SM = async_sessionmaker[AsyncSession]
Job = Callable[[AsyncSession], Awaitable[int]]
N = 40  # accounts below their threshold, numbers past 80 % and 100 %, orders due tomorrow
CHAT = 7001


@pytest.fixture
async def world(pg_session_maker: SM) -> AsyncIterator[SM]:
    """One company whose coordinator is logged in from one chat: N accounts under their
    threshold, N numbers at 80 % and N at 100 % of a limit that bars, N orders for tomorrow."""
    async with pg_session_maker() as db:
        company = await make_company(db)
        boss = await make_user(db, company, Role.COORDINATOR)
        await open_session(db, boss.id, CHAT, CHAT)
        account = await make_account(db, company)
        for _ in range(N):
            await make_account(db, company, balance_kop=10_00, threshold_kop=100_00)
        for i in range(2 * N):
            sub = await make_subscriber(db, account)
            sub.spending_limit_kop = 1000_00
            sub.month_spent_kop = 850_00 if i < N else 1200_00
            sub.limit_blocks = True
        tomorrow = today_local() + timedelta(days=1)
        for i in range(N):
            db.add(
                Order(
                    company_id=company.id,
                    created_by_user_id=boss.id,
                    kind=OrderKind.CHANGE_TARIFF,
                    status=OrderStatus.SCHEDULED,
                    params={"tariff_name": "Тест"},
                    effective_date=tomorrow,
                    request_key=f"remind-{i}",
                )
            )
        await db.commit()
    yield pg_session_maker


async def instance(sm: SM, job: Job) -> int:
    async with sm() as db:
        n = await job(db)
        await db.commit()
        return n


async def three_at_once(sm: SM, job: Job, rounds: int = 3) -> int:
    """Three instances run the job together, a few ticks in a row (as their schedulers do)."""
    done = 0
    for _ in range(rounds):
        done += sum(await asyncio.gather(*(instance(sm, job) for _ in range(3))))
    return done


async def pushes(sm: SM, key_prefix: str) -> Counter[tuple[str, str]]:
    async with sm() as db:
        rows = await db.scalars(select(Outbox).order_by(Outbox.id))
        return Counter(
            (r.payload["key"], str(r.payload.get("card") or r.payload["params"]))
            for r in rows
            if r.payload["key"].startswith(key_prefix)
        )


async def test_three_instances_alert_each_low_balance_once(world: SM) -> None:
    assert await three_at_once(world, check_low_balances) == N
    alerts = await pushes(world, "acc-alert-low-balance")
    assert len(alerts) == N and set(alerts.values()) == {1}
    async with world() as db:
        flags = set(
            await db.scalars(
                select(Account.low_balance_alerted).where(
                    Account.low_balance_threshold_kop.is_not(None)
                )
            )
        )
    assert flags == {True}


async def test_three_instances_push_each_spending_limit_once(world: SM) -> None:
    assert await three_at_once(world, check_limits) == 2 * N
    limits = await pushes(world, "sub-push-limit")
    assert len(limits) == 2 * N and set(limits.values()) == {1}
    kinds = Counter(key for key, _card in limits)
    assert kinds == {"sub-push-limit-80": N, "sub-push-limit-barred": N}
    async with world() as db:
        barred = await db.scalars(select(Subscriber).where(Subscriber.outgoing_barred.is_(True)))
        assert len(list(barred)) == N


async def test_three_instances_remind_each_order_once(world: SM) -> None:
    assert await three_at_once(world, remind_upcoming_orders) == N
    reminders = await pushes(world, "orders-push-reminder")
    assert len(reminders) == N and set(reminders.values()) == {1}
    async with world() as db:
        assert None not in set(await db.scalars(select(Order.reminded_at)))


async def test_rows_a_hung_instance_holds_are_done_by_the_others_after_the_claim_timeout(
    world: SM,
) -> None:
    claims.install(timedelta(seconds=1))
    hung = world()
    try:
        # It takes every low balance and then says nothing more, its transaction open.
        held = await hung.scalars(
            await claims.claimable(
                hung, select(Account).where(Account.low_balance_threshold_kop.is_not(None))
            )
        )
        assert len(list(held)) == N
        # Meanwhile the others skip those rows rather than wait for them.
        assert await three_at_once(world, check_low_balances, rounds=1) == 0
        await asyncio.sleep(1.5)  # past the timeout: the server ends the hung transaction
        assert await three_at_once(world, check_low_balances, rounds=1) == N
        with pytest.raises(DBAPIError):  # its connection was closed under it
            await hung.rollback()
    finally:
        claims.install(None)
        await hung.close()
    alerts = await pushes(world, "acc-alert-low-balance")
    assert len(alerts) == N and set(alerts.values()) == {1}
