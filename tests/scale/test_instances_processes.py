"""Three bot processes (`python -m bot run`, webhook mode, PostgreSQL + Redis) share the work:
1,000 due orders and 5,000 pushes, none lost, none doubled; one of them killed with SIGKILL
mid-way leaves its claims, and the others finish its work once the claim timeout has passed.

The sandbox in this process stands in for Telegram and counts what each chat received.
Skipped with a reason when a server is unreachable; mandatory under CI.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.auth.login import open_session
from domain.clock import today_local
from domain.types import Brand, OrderItemStatus, OrderKind, OrderStatus, OutboxStatus, Role
from sandbox.server import start_sandbox
from storage.models import Order, OrderItem, Outbox, Subscriber, Tariff
from tests.accounts_data import make_account, make_company, make_user
from tests.scale.instances import (
    Instance,
    TimedSandbox,
    instance_env,
    push_rows,
    start_instances,
    stop_instances,
)
from tests.scale.test_scale_out import pg as pg  # the fixture
from tests.scale.test_scale_out import require_redis

pytestmark = pytest.mark.scale

PG = tuple[AsyncEngine, async_sessionmaker[AsyncSession]]
CREATORS = 100  # people who placed the orders, each logged in from a chat of their own
FIRST_CREATOR_CHAT, FIRST_CHAT = 810_000, 820_000


@dataclass
class World:
    sm: async_sessionmaker[AsyncSession]
    sandbox: TimedSandbox
    api_url: str
    # What each chat must receive: its pushes, and one "order done" for each order of its person.
    expected: Counter[int]
    orders: int


@pytest.fixture
async def world(pg: PG) -> AsyncIterator[tuple[World, str]]:
    redis_url = await require_redis()
    sandbox = TimedSandbox()
    runner, port = await start_sandbox("127.0.0.1", 0, sandbox)
    try:
        yield World(pg[1], sandbox, f"http://127.0.0.1:{port}", Counter(), 0), redis_url
    finally:
        await runner.cleanup()


async def load(w: World, orders: int, chats: int, per_chat: int) -> None:
    """`orders` due orders (a tariff change for one number each) placed by CREATORS people, and
    `per_chat` pushes to each of `chats` chats, all waiting for the instances."""
    async with w.sm() as db:
        company = await make_company(db)
        account = await make_account(db, company)
        tariff = Tariff(code="scale", name="Масштаб", brand=Brand.MEGAFON, monthly_fee_kop=1)
        db.add(tariff)
        creators = []
        for i in range(CREATORS):
            user = await make_user(db, company, Role.COORDINATOR)
            await open_session(db, user.id, FIRST_CREATOR_CHAT + i, FIRST_CREATOR_CHAT + i)
            creators.append(user.id)
        subs = await db.scalars(
            insert(Subscriber).returning(Subscriber.id),
            [
                {"company_id": company.id, "account_id": account.id, "msisdn": f"+7926{n:07d}"}
                for n in range(orders)
            ],
        )
        sub_ids = list(subs)
        order_ids = list(
            await db.scalars(
                insert(Order).returning(Order.id),
                [
                    {
                        "company_id": company.id,
                        "created_by_user_id": creators[n % CREATORS],
                        "kind": OrderKind.CHANGE_TARIFF,
                        "status": OrderStatus.SCHEDULED,
                        "params": {"tariff_id": tariff.id, "tariff_name": tariff.name},
                        "effective_date": today_local(),
                        "request_key": f"scale-{n}",
                    }
                    for n in range(orders)
                ],
            )
        )
        await db.execute(
            insert(OrderItem),
            [
                {"order_id": o, "subscriber_id": s, "status": OrderItemStatus.PENDING}
                for o, s in zip(order_ids, sub_ids, strict=True)
            ],
        )
        push_chats = [FIRST_CHAT + c for c in range(chats)]
        await db.execute(insert(Outbox), push_rows(push_chats, per_chat))
        await db.commit()
    for c in [*push_chats, *(FIRST_CREATOR_CHAT + i for i in range(CREATORS))]:
        w.sandbox.send_text(c, "hi")  # the chats exist for the sandbox
    w.sandbox.take_updates()
    w.expected = Counter({c: per_chat for c in push_chats})
    for n in range(orders):
        w.expected[FIRST_CREATOR_CHAT + n % CREATORS] += 1
    w.orders = orders


async def until_done(w: World, limit: float = 600) -> None:
    """Until no order is open and no push waits."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        async with w.sm() as db:
            open_orders = await db.scalar(
                select(func.count()).where(Order.status != OrderStatus.COMPLETED)
            )
            waiting = await db.scalar(
                select(func.count()).where(Outbox.status == OutboxStatus.PENDING)
            )
        if not open_orders and not waiting:
            return
        await asyncio.sleep(0.5)
    raise AssertionError(f"{open_orders} orders still open, {waiting} pushes still waiting")


def received(w: World) -> Counter[int]:
    return Counter(int(p["chat_id"]) for m, p in w.sandbox.requests if m.lower() == "sendmessage")


def chat_menus(w: World) -> Counter[int]:
    """How many times each chat's own command menu was set (the default menus aside)."""
    found: Counter[int] = Counter()
    for method, params in w.sandbox.requests:
        scope = params.get("scope")
        if method.lower() == "setmycommands" and scope:
            found[int((json.loads(scope) if isinstance(scope, str) else scope)["chat_id"])] += 1
    return found


async def each_order_done_once(w: World) -> None:
    async with w.sm() as db:
        statuses = Counter(await db.scalars(select(Order.status)))
        items = Counter(await db.scalars(select(OrderItem.status)))
        on_tariff = await db.scalar(select(func.count()).where(Subscriber.tariff_id.is_not(None)))
    assert statuses == {OrderStatus.COMPLETED: w.orders}
    assert items == {OrderItemStatus.DONE: w.orders}
    assert on_tariff == w.orders


def settings_for(db: PG, w: World, redis_url: str, **extra: str) -> dict[str, str]:
    return instance_env(
        db[0].url.render_as_string(hide_password=False),
        redis_url,
        w.api_url,
        # Fast, so that the test is about sharing the work, not Telegram's pace.
        NOTIFIER_RATE="5000",
        NOTIFIER_PER_CHAT_INTERVAL="0",
        SCHEDULER_TICK_SECONDS="0.5",
        **extra,
    )


async def test_three_instances_execute_1000_orders_and_5000_pushes_none_lost_none_doubled(
    pg: PG, world: tuple[World, str], tmp_path: Path
) -> None:
    w, redis_url = world
    await load(w, orders=1000, chats=500, per_chat=10)
    instances = await start_instances(settings_for(pg, w, redis_url), 3, tmp_path)
    try:
        await until_done(w)
        shares = [await i.metric('cabinet_pushes_total{outcome="sent"}') for i in instances]
    finally:
        stop_instances(instances)
    await each_order_done_once(w)
    assert received(w) == w.expected  # every chat got each of its pushes exactly once
    assert sum(w.expected.values()) == 6000  # 5,000 pushes and 1,000 "order done"
    # The three shared them, and each creator's login also set its chat's command menu.
    assert sum(shares) == 6000 + CREATORS and min(shares) > 0, shares
    assert chat_menus(w) == Counter({FIRST_CREATOR_CHAT + i: 1 for i in range(CREATORS)})


async def test_an_instance_killed_with_sigkill_leaves_its_work_to_the_others(
    pg: PG, world: tuple[World, str], tmp_path: Path
) -> None:
    w, redis_url = world
    await load(w, orders=100, chats=50, per_chat=6)
    env = settings_for(pg, w, redis_url, CLAIM_TIMEOUT_SECONDS="3")
    instances = await start_instances(env, 3, tmp_path)
    doomed = instances[0]
    try:
        await until_it_holds_claims(w, doomed)
        doomed.kill()  # mid-way: orders taken and not done, pushes taken and not sent
        await until_done(w)
    finally:
        stop_instances(instances)
    assert doomed.proc.returncode == -9
    await each_order_done_once(w)  # an order's result and push are one transaction
    got = received(w)
    assert set(got) == set(w.expected)
    assert all(got[c] >= n for c, n in w.expected.items())  # nothing lost
    # At most the requests it had in flight when it died go twice: Telegram took them, their
    # "sent" mark was never written (bot.notifier.MAX_IN_FLIGHT).
    assert sum(got.values()) - sum(w.expected.values()) <= 8


async def until_it_holds_claims(w: World, instance: Instance, limit: float = 120) -> None:
    """Until `instance` holds both an order it has not finished and pushes it has not sent."""
    pid = instance.proc.pid
    host = socket.gethostname()
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        async with w.sm() as db:
            orders = await db.scalar(
                select(func.count()).where(
                    Order.status == OrderStatus.IN_PROGRESS,
                    Order.claimed_by.like(f"{host[:30]}:{pid}:%"),
                )
            )
            pushes = await db.scalar(
                select(func.count()).where(
                    Outbox.status == OutboxStatus.PENDING, Outbox.claimed_by == f"{host}:{pid}"
                )
            )
        if orders and pushes:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the instance never held an order and a push at once")
