"""Instances that share Redis: one pace and one throttle for all (every push once, in processes:
test_instances_processes.py).

Skipped with a reason when a server is unreachable; mandatory under CI.
"""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid

import pytest
from redis.asyncio import Redis

from bot.ratelimit import RedisBuckets, RedisPacer
from tests.scale.test_scale_out import require_redis

pytestmark = pytest.mark.scale


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
