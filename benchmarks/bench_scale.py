"""Scale-out figures on PostgreSQL and Redis (127.0.0.1:5432 and :6379, as the scale tests):

- pushes with 3 instances sharing one pace in Redis (NOTIFIER_RATE=25, one a second a chat):
  the total rate, the most sent within any one second, lost and doubled;
- `/readyz` answer time (p50, p95) of an instance on PostgreSQL and Redis.

Everything runs in this one process against the sandbox, as the scale tests do.

    python benchmarks/bench_scale.py [PUSHES]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp
from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware
from redis.asyncio import Redis
from sqlalchemy import func, insert, select

from bot.app import build_app, build_bot
from bot.config import Settings
from bot.gateways.email import ConsoleEmail
from bot.gateways.sms import ConsoleSms
from bot.i18n import I18n
from bot.notifier import Notifier
from bot.ratelimit import RedisPacer
from bot.web import start_web
from bot.wiring import configure
from domain.clock import utcnow
from domain.types import Channel, OutboxStatus
from sandbox.server import start_sandbox
from sandbox.state import Sandbox
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade_to_head
from storage.models import Outbox
from tests.scale.test_pg_migrations import create_database, drop_database, server_url
from tests.scale.test_scale_out import REDIS_URL

# Telegram allows ~30 a second; the shared pace lets NOTIFIER_RATE+1 through in the worst second
# (bot.ratelimit), so 29.
RATE = 29.0


class SendTimes(BaseRequestMiddleware):
    def __init__(self, times: list[float]) -> None:
        self.times = times

    async def __call__(self, make_request, bot, method):  # type: ignore[no-untyped-def]
        # The moment the request leaves: what Telegram counts, less the network's jitter.
        if type(method).__name__ == "SendMessage":
            self.times.append(time.monotonic())
        return await make_request(bot, method)


async def pushes(url: str, n: int) -> None:
    sandbox = Sandbox()
    runner, port = await start_sandbox("127.0.0.1", 0, sandbox)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        telegram_api_url=f"http://127.0.0.1:{port}",
        database_url=url,
        notifier_rate=RATE,
    )
    configure(settings)
    engine = make_engine(url)
    sm = make_sessionmaker(engine)
    chats = [700_000 + i for i in range(n // 2)]  # two pushes a chat: the per-chat second counts
    for c in chats:
        sandbox.send_text(c, "hi")
    sandbox.take_updates()
    now = utcnow()
    async with sm() as db:
        await db.execute(
            insert(Outbox),
            [
                {
                    "channel": Channel.TELEGRAM,
                    "recipient": str(c),
                    "text": "menu-help",
                    "payload": {"key": "menu-help", "params": {}},
                    "status": OutboxStatus.PENDING,
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
                for c in chats
                for _ in range(2)
            ],
        )
        await db.commit()
    redis = Redis.from_url(REDIS_URL)
    prefix = f"bench:{uuid.uuid4().hex}"
    times: list[float] = []
    bots: list[Bot] = []
    notifiers = []
    for i in range(3):
        bot = build_bot(settings)
        bot.session.middleware(SendTimes(times))
        bots.append(bot)
        pacer = RedisPacer(
            redis, settings.notifier_rate, settings.notifier_per_chat_interval, prefix
        )
        notifiers.append(
            Notifier(bot, sm, I18n(), ConsoleSms(), ConsoleEmail(), worker_id=f"b{i}", pacer=pacer)
        )

    async def work(notifier: Notifier) -> None:
        while True:
            if not await notifier.run_once(limit=50):
                await asyncio.sleep(0.2)

    started = time.monotonic()
    tasks = [asyncio.create_task(work(x)) for x in notifiers]
    while True:
        async with sm() as db:
            left = await db.scalar(
                select(func.count()).where(Outbox.status == OutboxStatus.PENDING)
            )
        if not left:
            break
        await asyncio.sleep(0.2)
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    elapsed = times[-1] - times[0] if len(times) > 1 else time.monotonic() - started
    times.sort()
    peak = max(sum(1 for t in times if s <= t < s + 1.0) for s in times)
    per_chat = Counter(int(p["chat_id"]) for m, p in sandbox.requests if m == "sendMessage")
    lost = sum(max(0, 2 - per_chat.get(c, 0)) for c in chats)
    doubled = sum(max(0, v - 2) for v in per_chat.values())
    print(
        f"pushes, 3 instances, NOTIFIER_RATE={settings.notifier_rate:g}: {len(times)} sent in "
        f"{elapsed:.1f} s = {(len(times) - 1) / elapsed:.1f}/s; most in any 1 s: {peak}; "
        f"lost {lost}, doubled {doubled}; shares {[x.sent for x in notifiers]}"
    )
    for x in notifiers:
        await x.pacer.settle()  # type: ignore[attr-defined]
    for bot in bots:
        await bot.session.close()
    await redis.aclose()
    await engine.dispose()
    await runner.cleanup()


async def readyz(url: str, n: int = 300) -> None:
    settings = Settings(_env_file=None, database_url=url, redis_url=REDIS_URL)  # type: ignore[call-arg]
    app = build_app(settings)
    runner, port = await start_web(app, "127.0.0.1", 0)
    took: list[float] = []
    async with aiohttp.ClientSession() as http:
        for _ in range(n):
            started = time.perf_counter()
            async with http.get(f"http://127.0.0.1:{port}/readyz") as r:
                await r.read()
                assert r.status == 200
            took.append((time.perf_counter() - started) * 1000)
    q = statistics.quantiles(took, n=20)
    print(f"/readyz on PostgreSQL + Redis, {n} requests: p50 {q[9]:.1f} ms, p95 {q[18]:.1f} ms")
    await runner.cleanup()
    await app.close()


async def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    server = server_url()
    url = await create_database(server)
    try:
        await upgrade_to_head(url)
        await readyz(url)
        await pushes(url, n)
    finally:
        await drop_database(server, url)


if __name__ == "__main__":
    asyncio.run(main())
