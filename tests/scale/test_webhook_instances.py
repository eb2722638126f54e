"""Two instances in webhook mode behind a round-robin proxy, on PostgreSQL and Redis: one
person's login alternates between them step by step and loses nothing (the FSM is in Redis)."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.app import App, build_app
from bot.config import Settings
from bot.web import WebhookHandler, set_webhook, start_web
from bot.wiring import configure
from domain.auth.passwords import hash_password
from domain.types import Brand, Role
from sandbox.server import start_sandbox
from sandbox.state import Sandbox, SandboxUser
from storage.demo import create_demo
from storage.models import Outbox
from tests.scale.test_scale_out import pg as pg  # the fixture
from tests.scale.test_scale_out import require_redis

pytestmark = pytest.mark.scale

SECRET = "two-instances-secret"
PG = tuple[AsyncEngine, async_sessionmaker[AsyncSession]]


def round_robin(backends: list[str], seen: list[int]) -> web.Application:
    """A small load balancer: each request to the next backend; `seen` records which."""
    turn = itertools.count()
    proxy = web.Application()

    async def forward(request: web.Request) -> web.Response:
        i = next(turn) % len(backends)
        seen.append(i)
        headers = {k: v for k, v in request.headers.items() if k.lower().startswith("x-")}
        async with aiohttp.ClientSession() as http:
            async with http.post(
                backends[i] + request.path,
                data=await request.read(),
                headers={**headers, "Content-Type": "application/json"},
            ) as r:
                return web.Response(status=r.status, body=await r.read())

    proxy.router.add_post("/{tail:.*}", forward)
    return proxy


async def wait_for(sandbox: Sandbox, chat: int, check: Callable[[dict[str, Any]], bool]) -> str:
    for _ in range(300):
        for m in reversed(sandbox.chat(chat)):
            if m["from_bot"] and check(m):
                return str(m["text"])
        await asyncio.sleep(0.05)
    raise AssertionError(f"the bot did not answer: {sandbox.chat(chat)[-1]['text']}")


async def test_a_login_alternating_between_two_instances_loses_nothing(pg: PG) -> None:
    engine, sm = pg
    redis_url = await require_redis()
    login = next(
        d
        for d in (await create_demo(sm, hash_password)).logins
        if d.brand is Brand.MEGAFON and d.role is Role.COORDINATOR
    )
    sandbox = Sandbox()
    sandbox_runner, sandbox_port = await start_sandbox("127.0.0.1", 0, sandbox)
    seen: list[int] = []
    backends: list[str] = []
    proxy_runner = web.AppRunner(round_robin(backends, seen))
    apps: list[App] = []
    runners: list[web.AppRunner] = []
    try:
        await proxy_runner.setup()
        site = web.TCPSite(proxy_runner, "127.0.0.1", 0)
        await site.start()
        proxy_port = int(proxy_runner.addresses[0][1])
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            telegram_api_url=f"http://127.0.0.1:{sandbox_port}",
            database_url=engine.url.render_as_string(hide_password=False),
            redis_url=redis_url,
            webhook_url=f"http://127.0.0.1:{proxy_port}/hook",
            webhook_secret=SECRET,
        )
        configure(settings)
        for _ in range(2):
            app = build_app(settings)
            runner, port = await start_web(app, "127.0.0.1", 0, WebhookHandler(app, SECRET))
            apps.append(app)
            runners.append(runner)
            backends.append(f"http://127.0.0.1:{port}")
        await set_webhook(apps[0])
        sandbox.add_user(SandboxUser(id=8801, first_name="Ольга"))

        sandbox.send_text(8801, "/start")
        await wait_for(sandbox, 8801, lambda m: "Войти" in str(m))
        sandbox.press_button(8801, "Войти: МегаФон")
        await wait_for(sandbox, 8801, lambda m: "Вход в кабинет МегаФон" in m["text"])
        sandbox.send_text(8801, login.login)
        await wait_for(sandbox, 8801, lambda m: "Код отправлен в SMS" in m["text"])
        async with sm() as db:
            row = (
                await db.scalars(
                    select(Outbox).where(Outbox.recipient == login.login).order_by(Outbox.id)
                )
            ).all()[-1]
        sandbox.send_text(8801, str(row.payload["params"]["code"]))
        done = await wait_for(sandbox, 8801, lambda m: m["text"].startswith("✅ Вы вошли"))
        assert login.company in done
        # Every step went to the other instance than the one before.
        assert seen[:4] == [0, 1, 0, 1]

        def handled() -> list[float]:
            return [
                sum(
                    app.metrics.registry.get_sample_value(
                        "cabinet_updates_total", {"type": kind, "outcome": "handled"}
                    )
                    or 0
                    for kind in ("message", "callback_query")
                )
                for app in apps
            ]

        for _ in range(100):  # the last handler goes on after its first message (the menu)
            if sum(handled()) >= 4:
                break
            await asyncio.sleep(0.05)
        assert handled() == [2, 2]  # each instance handled its half
    finally:
        for runner in runners:
            await runner.cleanup()
        for app in apps:
            await app.close()
        await proxy_runner.cleanup()
        await sandbox_runner.cleanup()
