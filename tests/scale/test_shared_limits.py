"""Instances that share PostgreSQL and Redis: every push once, one pace and one throttle for all.

Skipped with a reason when a server is unreachable; mandatory under CI.
"""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from redis.asyncio import Redis
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.app import build_bot
from bot.gateways.email import ConsoleEmail
from bot.gateways.sms import ConsoleSms
from bot.notifier import Notifier
from bot.ratelimit import RedisBuckets, RedisPacer
from domain.clock import utcnow
from domain.types import Channel, OutboxStatus
from storage.models import Outbox
from tests.harness import BotTester
from tests.scale.test_scale_out import pg as pg  # the fixture
from tests.scale.test_scale_out import require_redis

pytestmark = pytest.mark.scale

PG = tuple[AsyncEngine, async_sessionmaker[AsyncSession]]
# 1,500 pushes: enough for the three to interleave on every chat, short enough for CI (the
# 5,000 of benchmarks/bench_scale.py take minutes on this machine, in one process).
CHATS, PER_CHAT = 300, 5


async def queue_pushes(sm: async_sessionmaker[AsyncSession], first_chat: int) -> None:
    now = utcnow()
    rows = [
        {
            "channel": Channel.TELEGRAM,
            "recipient": str(first_chat + c),
            "text": "menu-help",
            "payload": {"key": "menu-help", "params": {}},
            "status": OutboxStatus.PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for c in range(CHATS)
        for _ in range(PER_CHAT)
    ]
    async with sm() as db:
        await db.execute(insert(Outbox), rows)
        await db.commit()


def instances(tester: BotTester, redis: Redis, prefix: str, n: int) -> list[Notifier]:
    return [
        Notifier(
            build_bot(tester.settings),
            tester.session_maker,
            tester.i18n,
            ConsoleSms(),
            ConsoleEmail(),
            worker_id=f"{prefix}-{i}",
            pacer=RedisPacer(redis, rate=5000, per_chat=0, prefix=prefix),
            claim_for=timedelta(seconds=3),
        )
        for i in range(n)
    ]


async def work(notifier: Notifier) -> None:
    """An instance's scheduler: run, and when nothing was due, wait a tick."""
    while True:
        if not await notifier.run_once(limit=100):
            await asyncio.sleep(0.2)


async def until_all_sent(sm: async_sessionmaker[AsyncSession], limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        async with sm() as db:
            waiting = await db.scalar(
                select(func.count()).where(Outbox.status == OutboxStatus.PENDING)
            )
        if not waiting:
            return
        await asyncio.sleep(0.3)
    raise AssertionError(f"{waiting} pushes still waiting")


async def until_requests(tester: BotTester, n: int) -> None:
    for _ in range(6000):
        if sum(sends_per_chat(tester).values()) >= n:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"fewer than {n} pushes were sent")


def sends_per_chat(tester: BotTester) -> Counter[int]:
    return Counter(
        int(p["chat_id"]) for m, p in tester.sandbox.requests if m.lower() == "sendmessage"
    )


async def start(db: PG, redis_url: str) -> tuple[BotTester, Redis, int]:
    engine, sm = db
    tester = await BotTester(engine, sm).start()
    first = 600_000
    for c in range(CHATS):
        tester.sandbox.send_text(first + c, "hi")  # the chats exist for the sandbox
    tester.sandbox.take_updates()
    return tester, Redis.from_url(redis_url), first


async def test_three_instances_send_5000_pushes_none_lost_none_doubled(pg: PG) -> None:
    tester, redis, first = await start(pg, await require_redis())
    prefix = f"test:{uuid.uuid4().hex}"
    notifiers = instances(tester, redis, prefix, 3)
    try:
        await queue_pushes(tester.session_maker, first)
        tasks = [asyncio.create_task(work(n)) for n in notifiers]
        await until_all_sent(tester.session_maker)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        assert sends_per_chat(tester) == {first + c: PER_CHAT for c in range(CHATS)}
        assert all(n.sent > 0 for n in notifiers)  # the three shared the work
        assert sum(n.sent for n in notifiers) == CHATS * PER_CHAT
    finally:
        for n in notifiers:
            await n.pacer.settle()  # type: ignore[attr-defined]
            await n.bot.session.close()
        await redis.aclose()
        await tester.close()


async def test_an_instance_killed_mid_way_leaves_its_claims_to_the_others(pg: PG) -> None:
    tester, redis, first = await start(pg, await require_redis())
    prefix = f"test:{uuid.uuid4().hex}"
    doomed, *others = instances(tester, redis, prefix, 3)
    try:
        await queue_pushes(tester.session_maker, first)
        killed = asyncio.create_task(work(doomed))
        await until_requests(tester, 150)  # mid-way through its second batch of 100
        killed.cancel()  # no release, no goodbye: its claimed rows stay claimed
        await asyncio.gather(killed, return_exceptions=True)
        async with tester.session_maker() as db:
            orphaned = await db.scalar(
                select(func.count()).where(
                    Outbox.claimed_by == doomed.worker_id, Outbox.status == OutboxStatus.PENDING
                )
            )
        assert orphaned  # it died holding work
        tasks = [asyncio.create_task(work(n)) for n in others]
        await until_all_sent(tester.session_maker)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        per_chat = sends_per_chat(tester)
        assert set(per_chat) == {first + c for c in range(CHATS)}
        assert min(per_chat.values()) >= PER_CHAT  # nothing lost
        # At most the requests it had in flight when it died can go twice: Telegram took them,
        # their "sent" mark was never written.
        assert sum(per_chat.values()) - CHATS * PER_CHAT <= 8
    finally:
        for n in (doomed, *others):
            await n.pacer.settle()  # type: ignore[attr-defined]
            await n.bot.session.close()
        await redis.aclose()
        await tester.close()


async def test_three_instances_keep_one_pace() -> None:
    redis = Redis.from_url(await require_redis())
    prefix = f"test:{uuid.uuid4().hex}"
    pacers = [RedisPacer(redis, rate=20, per_chat=0.25, prefix=prefix) for _ in range(3)]
    times: list[float] = []

    async def send(pacer: RedisPacer, chat: str) -> None:
        await pacer.acquire(chat)
        times.append(time.monotonic())

    try:
        await asyncio.gather(*(send(pacers[i % 3], f"c{i}") for i in range(30)))
        times.sort()
        # 20 a second together: any 11 sends span at least half a second.
        assert all(times[i + 10] - times[i] >= 0.5 - 0.02 for i in range(len(times) - 10))
        one_chat: list[float] = []
        for i in range(4):
            await pacers[i % 3].acquire("same-chat")
            one_chat.append(time.monotonic())
        assert all(b - a >= 0.25 - 0.02 for a, b in itertools.pairwise(one_chat))
    finally:
        await redis.aclose()


async def test_a_users_flood_is_counted_across_instances() -> None:
    redis = Redis.from_url(await require_redis())
    prefix = f"test:{uuid.uuid4().hex}"
    a, b = RedisBuckets(redis, prefix), RedisBuckets(redis, prefix)
    try:
        answers = [await (a if i % 2 else b).allow(42, rate=0.01, burst=3) for i in range(6)]
        assert answers == [True, True, True, False, False, False]
        assert await a.allow(43, rate=0.01, burst=3)  # another user has a bucket of their own
    finally:
        await redis.aclose()
