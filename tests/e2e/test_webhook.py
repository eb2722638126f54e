"""Webhook mode as an operator runs it: `python -m bot` with WEBHOOK_URL and WEBHOOK_SECRET.

The sandbox beside it delivers updates to the webhook as Telegram does (setWebhook → a POST of
each update with the secret header); a person talks to the bot through the sandbox's user side,
an operator probes /healthz, /readyz and /metrics, and SIGTERM stops it cleanly.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from sandbox.client import SandboxClient
from tests.e2e.processes import ROOT, RunningBot, bot_running, free_port, greeted_and_helped

pytestmark = pytest.mark.e2e

SECRET = "s3cret_for-the-tests"


@pytest.fixture
async def webhook_bot(tmp_path: Path) -> AsyncIterator[tuple[RunningBot, str]]:
    sandbox_port, hook_port = free_port(), free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "TELEGRAM_API_URL"}},
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'hook.db'}",
        "SANDBOX_PORT": str(sandbox_port),
        "WEBHOOK_URL": f"http://127.0.0.1:{hook_port}/telegram/hook",
        "WEBHOOK_HOST": "127.0.0.1",
        "WEBHOOK_PORT": str(hook_port),
        "WEBHOOK_SECRET": SECRET,
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": str(ROOT),  # this checkout's code, whatever is installed
    }
    async with bot_running(tmp_path, env) as (proc, out):
        async with SandboxClient(f"http://127.0.0.1:{sandbox_port}") as client:
            yield RunningBot(proc, client, env, out), f"http://127.0.0.1:{hook_port}"


async def test_a_person_talks_to_the_bot_through_its_webhook(
    webhook_bot: tuple[RunningBot, str],
) -> None:
    running, base = webhook_bot
    client = running.client
    await greeted_and_helped(client)

    # The bot never polled: the updates came by webhook, limited to what its handlers use.
    requests = [method.lower() for method, _params in await client.requests()]
    assert "getupdates" not in requests, " ".join(requests)
    hook = [p for m, p in await client.requests() if m.lower() == "setwebhook"][-1]
    assert hook["url"] == f"{base}/telegram/hook"
    assert "message" in json.loads(hook["allowed_updates"])
    assert "inline_query" not in json.loads(hook["allowed_updates"])

    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/healthz") as r:
            assert r.status == 200
        async with http.get(f"{base}/readyz") as r:
            assert r.status == 200, await r.text()
            assert (await r.json())["status"] == "ready"
        for _ in range(50):  # a handler is counted when it ends, a moment after its answer
            async with http.get(f"{base}/metrics") as r:
                metrics = await r.text()
            if "cabinet_update_seconds_count 2.0" in metrics:
                break
            await asyncio.sleep(0.1)
    assert 'cabinet_updates_total{outcome="handled",type="message"} 1.0' in metrics
    assert 'cabinet_updates_total{outcome="handled",type="callback_query"} 1.0' in metrics
    assert "cabinet_outbox_pending 0.0" in metrics
    assert "cabinet_update_seconds_count 2.0" in metrics

    running.proc.send_signal(signal.SIGTERM)
    assert running.proc.wait(timeout=20) == 0
    assert running.proc.stdout is not None
    tail = running.proc.stdout.read()
    assert "stopping: taking no more updates" in tail
    assert "Traceback" not in tail
    assert " WARNING " not in tail


async def test_a_request_without_the_secret_is_refused_and_not_handled(
    webhook_bot: tuple[RunningBot, str],
) -> None:
    running, base = webhook_bot
    forged = {
        "update_id": 999_001,
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": {"id": 7002, "type": "private", "first_name": "Мошенник"},
            "from": {"id": 7002, "is_bot": False, "first_name": "Мошенник"},
            "text": "/start PRIVATE-BODY-TEXT",
        },
    }
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            async with http.post(f"{base}/telegram/hook", json=forged, headers=headers) as r:
                assert r.status == 401
        async with http.get(f"{base}/metrics") as r:
            metrics = await r.text()
    assert "cabinet_updates_total{" not in metrics  # nothing was handled
    assert await running.client.chat(7002) == []
    running.proc.send_signal(signal.SIGTERM)
    running.proc.wait(timeout=20)
    assert running.proc.stdout is not None
    printed = "".join(running.output) + running.proc.stdout.read()
    assert printed.count("without the right secret") == 2
    assert "PRIVATE-BODY-TEXT" not in printed


def test_webhook_mode_refuses_to_start_without_its_secret(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "WEBHOOK_SECRET"}},
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'x.db'}",
        "WEBHOOK_URL": "https://bot.example.org/telegram/hook",
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "Setting WEBHOOK_SECRET is missing" in proc.stderr
    assert not (tmp_path / "x.db").exists()  # refused before anything was done
