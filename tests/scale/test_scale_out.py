"""Scale-out: the bot on PostgreSQL with its FSM in Redis, and two instances sharing the outbox.

Skipped with a reason when a server is unreachable; mandatory under CI.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator

import pytest
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.redis import RedisStorage
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.app import build_storage
from bot.config import Settings
from bot.gateways.email import ConsoleEmail
from bot.gateways.sms import ConsoleSms
from bot.notifier import Notifier
from domain import notifications
from domain.types import OutboxStatus
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade_to_head
from storage.models import Outbox
from tests.harness import BotTester
from tests.scale.test_pg_migrations import create_database, drop_database, require_postgres

pytestmark = pytest.mark.scale

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


async def require_redis() -> str:
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        await client.ping()
    except Exception as exc:
        message = f"Redis not reachable at {REDIS_URL} ({type(exc).__name__})"
        if os.environ.get("CI"):
            pytest.fail(message + "; it is mandatory under CI")
        pytest.skip(message)
    finally:
        await client.aclose()
    return REDIS_URL


@pytest.fixture
async def pg() -> AsyncIterator[tuple[AsyncEngine, async_sessionmaker[AsyncSession]]]:
    server = await asyncio.to_thread(require_postgres)
    url = await create_database(server)
    await upgrade_to_head(url)
    engine = make_engine(url)
    try:
        yield engine, make_sessionmaker(engine)
    finally:
        await engine.dispose()
        await drop_database(server, url)


async def test_fsm_in_redis_survives_a_restart() -> None:
    url = await require_redis()
    settings = Settings(_env_file=None, redis_url=url)  # type: ignore[call-arg]
    key = StorageKey(bot_id=1, chat_id=uuid.uuid4().int % 10**9, user_id=5)
    storage, isolation = build_storage(settings, None)  # type: ignore[arg-type]
    assert isinstance(storage, RedisStorage)
    assert type(isolation).__name__ == "RedisEventIsolation"  # one user's events in order
    await storage.set_state(key, "Login:code")
    await storage.set_data(key, {"phone": "+79161234567"})
    await storage.close()
    again, _ = build_storage(settings, None)  # type: ignore[arg-type]
    try:
        assert await again.get_state(key) == "Login:code"
        assert await again.get_data(key) == {"phone": "+79161234567"}
        await again.set_state(key, None)
        await again.set_data(key, {})
    finally:
        await again.close()


async def test_the_bot_on_postgresql_and_redis_answers_a_person(
    pg: tuple[AsyncEngine, async_sessionmaker[AsyncSession]],
) -> None:
    url = await require_redis()
    engine, sm = pg
    tester = await BotTester(engine, sm, redis_url=url).start()
    try:
        user = await tester.user(uuid.uuid4().int % 10**9)
        await user.send("/start")
        assert "Войти: МегаФон" in user.last.buttons
        await user.press("❓ Помощь")
        assert "/balance" in user.last.text
    finally:
        await tester.close()


async def test_two_instances_on_postgresql_deliver_each_push_once(
    pg: tuple[AsyncEngine, async_sessionmaker[AsyncSession]],
) -> None:
    engine, sm = pg
    tester = await BotTester(engine, sm).start()
    try:
        for uid in range(400, 420):
            tester.sandbox.send_text(uid, "hi")
        tester.sandbox.take_updates()
        async with sm() as db:
            for uid in range(400, 420):
                for _ in range(3):
                    await notifications.notify_chat(db, uid, "menu-help")
            await db.commit()
        instances = [
            Notifier(
                tester.bot,
                sm,
                tester.i18n,
                ConsoleSms(),
                ConsoleEmail(),
                rate=1000,
                per_chat=0,
                worker_id=f"instance-{i}",
            )
            for i in range(3)
        ]
        sent = sum(await asyncio.gather(*(n.run_once(limit=25) for n in instances)))
        while True:
            more = sum(await asyncio.gather(*(n.run_once(limit=25) for n in instances)))
            if not more:
                break
            sent += more
        assert sent == 60
        sends = [p for m, p in tester.sandbox.requests if m == "sendMessage"]
        assert len(sends) == 60
        async with sm() as db:
            statuses = set(await db.scalars(select(Outbox.status)))
        assert statuses == {OutboxStatus.SENT}
    finally:
        await tester.close()
