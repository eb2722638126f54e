"""Webhook delivery, as Telegram does it: after `setWebhook`, each update is POSTed to the URL.

The request carries the update as JSON and, when `setWebhook` was given a `secret_token`, the
`X-Telegram-Bot-Api-Secret-Token` header. An update leaves the queue once the bot has answered
it with a 2xx; any other answer (or no answer within `TIMEOUT`) is tried again after a pause,
as Telegram does, so a bot that is restarting loses nothing. Updates go one at a time, in
order (Telegram's `max_connections=1`): two updates of one user never overtake each other.

Unlike Telegram, the sandbox also accepts `http://` addresses on the loopback interface, so
that webhook mode can be tried on one machine without a certificate (`setWebhook` refuses any
other plain-http address, as Telegram does).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from sandbox.core import SandboxState
from sandbox.errors import bad_request

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
TIMEOUT = 10.0  # seconds the bot has to answer one update
RETRY_AFTER = 0.5  # seconds before an unanswered update is posted again
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_SECRET_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


@dataclass
class WebhookTarget:
    url: str = ""
    secret: str | None = None
    delivered: int = 0
    failures: int = 0
    last_error: str | None = None
    answers: list[int] = field(default_factory=list)  # recent HTTP statuses, newest last


def check_webhook_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK):
        return
    raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")


def check_secret(secret: str | None) -> None:
    if secret is None:
        return
    if not 1 <= len(secret) <= 256 or not set(secret) <= _SECRET_CHARS:
        raise bad_request("secret token contains unallowed characters")


def target(state: SandboxState) -> WebhookTarget:
    """The webhook settings kept beside the state (created on first use)."""
    existing = getattr(state, "webhook_target", None)
    if isinstance(existing, WebhookTarget):
        return existing
    created = WebhookTarget()
    state.webhook_target = created  # type: ignore[attr-defined]
    return created


def info(state: SandboxState) -> dict[str, Any]:
    """getWebhookInfo's fields about the delivery (the last error, as Telegram shows it)."""
    hook = target(state)
    return {"last_error_message": hook.last_error} if hook.last_error and state.webhook_url else {}


class WebhookPusher:
    """Posts the queued updates to the webhook while one is set; `start`/`stop` with the server."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self._task: asyncio.Task[None] | None = None
        self._http: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT))
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._http is not None:
            await self._http.close()

    async def _run(self) -> None:
        while not self.state.closing:
            hook = target(self.state)
            batch = self.state.deliverable_updates(1) if self.state.webhook_url else []
            if not batch:
                await self.state.wait_change(1.0)
                continue
            update = batch[0]
            if await self._post(hook, update):
                self.state.updates = [
                    u for u in self.state.updates if u["update_id"] != update["update_id"]
                ]
            else:
                await asyncio.sleep(RETRY_AFTER)

    async def _post(self, hook: WebhookTarget, update: dict[str, Any]) -> bool:
        assert self._http is not None
        headers = {SECRET_HEADER: hook.secret} if hook.secret else {}
        try:
            async with self._http.post(self.state.webhook_url, json=update, headers=headers) as r:
                status = r.status
                await r.read()
        except (aiohttp.ClientError, TimeoutError) as exc:
            hook.failures += 1
            hook.last_error = f"{type(exc).__name__}: {exc}"[:200]
            return False
        hook.answers = [*hook.answers[-99:], status]
        if 200 <= status < 300:
            hook.delivered += 1
            return True
        hook.failures += 1
        hook.last_error = f"Wrong response from the webhook: {status}"
        return False
