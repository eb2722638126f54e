"""The bot's web server: the webhook Telegram posts updates to, and what an operator probes.

- `POST <path of WEBHOOK_URL>`: an update, signed with `X-Telegram-Bot-Api-Secret-Token`. A
  request without the right secret is answered 401 and logged without its body. A signed one is
  answered at once and handled in a task, so Telegram never waits for a slow handler (and never
  sends the update again because of it); the FSM stays consistent because one user's updates
  are handled one after another by the Dispatcher's event isolation (Redis with several
  instances).
- `GET /healthz`: the process is up (200).
- `GET /readyz`: the database answers and is at the newest migration, Redis answers (when
  configured): 200, else 503 with the reason of each failing check as JSON.
- `GET /metrics`: Prometheus' text format (bot/metrics.py).

`serve(app)` runs the whole program until SIGTERM or SIGINT, then stops taking updates,
finishes those in hand (at most SHUTDOWN_GRACE_SECONDS), releases the rows it had claimed and
closes the pools.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import signal
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiogram.types import Update
from aiohttp import web
from pydantic import ValidationError
from sqlalchemy import text

from bot.metrics import CONTENT_TYPE
from storage.migrate import HEAD

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CHECK_TIMEOUT = 2.0  # seconds each /readyz check may take before it counts as failed


class WebhookHandler:
    """Takes signed updates and hands each to a task; `drain` waits for those in hand."""

    def __init__(self, app: App, secret: str) -> None:
        self.app = app
        self._secret = secret.encode()
        self.taking = True
        self._tasks: set[asyncio.Task[Any]] = set()

    async def handle(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            log.warning("webhook: a request from %s without the right secret", request.remote)
            return web.Response(status=401, text="Unauthorized")
        if not self.taking:
            # Stopping: Telegram delivers it again (to another instance behind the proxy).
            return web.Response(status=503, text="Stopping")
        try:
            update = Update.model_validate(await request.json(), context={"bot": self.app.bot})
        except (ValueError, ValidationError):
            log.warning("webhook: a signed request whose body is not an update")
            return web.Response(status=400, text="Bad Request")
        task = asyncio.create_task(self._handle(update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.json_response({})

    async def _handle(self, update: Update) -> None:
        try:
            await self.app.dp.feed_update(self.app.bot, update)
        except Exception:  # the Dispatcher's error handler has answered the user already
            log.exception("update %s failed", update.update_id)

    @property
    def in_hand(self) -> int:
        return len(self._tasks)

    async def drain(self, seconds: float) -> int:
        """Stop taking updates and wait up to `seconds` for those in hand; → how many were
        still unfinished (and are cancelled: Telegram has them answered, the user may retry)."""
        self.taking = False
        tasks = set(self._tasks)
        if not tasks:
            return 0
        _done, pending = await asyncio.wait(tasks, timeout=seconds)
        for task in pending:
            task.cancel()
        return len(pending)


async def _healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def readiness(app: App) -> dict[str, str]:
    """What fails, check by check (empty: ready)."""
    problems: dict[str, str] = {}
    try:
        async with app.engine.connect() as conn:
            at = await asyncio.wait_for(
                conn.scalar(text("SELECT version_num FROM alembic_version")), CHECK_TIMEOUT
            )
        if at != HEAD:
            problems["migrations"] = f"at {at}, the code needs {HEAD}: run python -m bot migrate"
    except Exception as exc:
        problems["database"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    redis = getattr(app.dp.storage, "redis", None)
    if redis is not None:
        try:
            await asyncio.wait_for(redis.ping(), CHECK_TIMEOUT)
        except Exception as exc:
            problems["redis"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    return problems


def build_web_app(app: App, webhook: WebhookHandler | None = None) -> web.Application:
    web_app = web.Application()

    async def readyz(request: web.Request) -> web.Response:
        problems = await readiness(app)
        if problems:
            return web.json_response({"status": "unavailable", **problems}, status=503)
        return web.json_response({"status": "ready"})

    async def metrics(request: web.Request) -> web.Response:
        try:
            body = await asyncio.wait_for(app.metrics.render(app.session_maker), CHECK_TIMEOUT)
        except Exception as exc:  # the counters are still worth having without the gauges
            log.warning("metrics: the database's gauges are not read (%s)", type(exc).__name__)
            body = app.metrics.text()
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})

    web_app.router.add_get("/healthz", _healthz)
    web_app.router.add_get("/readyz", readyz)
    web_app.router.add_get("/metrics", metrics)
    if webhook is not None:
        web_app.router.add_post(app.settings.webhook_path, webhook.handle)
    return web_app


async def start_web(
    app: App, host: str, port: int, webhook: WebhookHandler | None = None
) -> tuple[web.AppRunner, int]:
    """Serve the web app on host:port (0: any free port); → (runner, the actual port)."""
    runner = web.AppRunner(build_web_app(app, webhook), access_log=None, shutdown_timeout=2.0)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    return runner, int(runner.addresses[0][1])


async def set_webhook(app: App) -> None:
    settings = app.settings
    assert settings.webhook_url and settings.webhook_secret
    await app.bot.set_webhook(
        settings.webhook_url,
        secret_token=settings.webhook_secret.get_secret_value(),
        allowed_updates=app.dp.resolve_used_update_types(),
        drop_pending_updates=False,
    )


def _stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def serve_webhook(app: App, ready: Callable[[], None] = lambda: None) -> None:
    """Webhook mode until SIGTERM/SIGINT, then the graceful stop."""
    settings = app.settings
    assert settings.webhook_secret is not None
    hooks = WebhookHandler(app, settings.webhook_secret.get_secret_value())
    stop = _stop_event()
    runner, port = await start_web(app, settings.webhook_host, settings.webhook_port, hooks)
    try:
        await set_webhook(app)
        log.info("webhook mode: updates at %s (port %s)", settings.webhook_path, port)
        ready()
        await stop.wait()
        log.info("stopping: taking no more updates, finishing %s in hand", hooks.in_hand)
        left = await hooks.drain(settings.shutdown_grace_seconds)
        if left:
            log.warning("stopping: %s updates were not finished in time", left)
    finally:
        await runner.cleanup()


async def serve_polling(app: App, ready: Callable[[], None] = lambda: None) -> None:
    """Long polling (aiogram stops it on SIGTERM/SIGINT), with the probes on HEALTH_PORT."""
    runner = None
    if app.settings.health_port:
        runner, _port = await start_web(app, app.settings.webhook_host, app.settings.health_port)
    try:
        await app.bot.delete_webhook(drop_pending_updates=False)
        ready()
        await app.dp.start_polling(app.bot, handle_signals=True, close_bot_session=False)
    finally:
        if runner is not None:
            await runner.cleanup()
