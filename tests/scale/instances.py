"""Instances of the bot as an operator runs them: `python -m bot run` processes in webhook mode on
PostgreSQL and Redis, talking to a sandbox that stands in for Telegram (their BOT_TOKEN is the
sandbox's token, so they load no demo data). For the scale tests and benchmarks/bench_scale.py.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from domain.clock import utcnow
from domain.types import Channel, OutboxStatus
from sandbox.state import Sandbox, Upload

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:SANDBOX-TOKEN"
SECRET = "scale-instances-secret"


class TimedSandbox(Sandbox):
    """The sandbox, also noting when each message to a chat arrived (for the push rate)."""

    def __init__(self) -> None:
        super().__init__(TOKEN)
        self.sent_at: list[float] = []

    async def call(
        self, method: str, params: dict[str, Any], files: dict[str, Upload] | None = None
    ) -> Any:
        if method.lower() == "sendmessage":
            self.sent_at.append(time.monotonic())
        return await super().call(method, params, files)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Instance:
    proc: subprocess.Popen[str]
    port: int
    output: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL: no goodbye, its claims stay in the database."""
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=15)

    async def metric(self, line_start: str) -> float:
        async with aiohttp.ClientSession() as http, http.get(f"{self.base}/metrics") as r:
            text = await r.text()
        return sum(
            float(line.rsplit(" ", 1)[1])
            for line in text.splitlines()
            if line.startswith(line_start)
        )


def instance_env(database_url: str, redis_url: str, api_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=api_url,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_HOST="127.0.0.1",
        SMS_GATEWAY="console",
        EMAIL_GATEWAY="console",
        OPERATOR_REQUISITES_FILE="demo",
        LOG_LEVEL="WARNING",
        # The moment the test is at (its clock runs on from there), so that rows it wrote are
        # due for the instances as they are for it.
        CABINET_TODAY=utcnow().isoformat(),
        **extra,
    )
    return env


async def start_instances(env: dict[str, str], n: int, cwd: Path) -> list[Instance]:
    """`n` instances, each on a port of its own; returns once all of them are running."""
    started = []
    for _ in range(n):
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=cwd,
            env={
                **env,
                "WEBHOOK_PORT": str(port),
                "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram/hook",
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        started.append(Instance(proc, port))
    try:
        await asyncio.gather(*(_running(i, 120) for i in started))
    except BaseException:
        stop_instances(started)
        raise
    return started


async def _running(instance: Instance, limit: float) -> None:
    assert instance.proc.stdout is not None
    stdout = instance.proc.stdout
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        line = await asyncio.wait_for(asyncio.to_thread(stdout.readline), limit)
        if not line:
            break
        instance.output.append(line)
        if "is running" in line:
            # Keep reading, so that a chatty instance never blocks on a full pipe.
            asyncio.get_running_loop().run_in_executor(None, _drain, instance)
            return
    raise AssertionError("an instance did not start:\n" + "".join(instance.output))


def _drain(instance: Instance) -> None:
    assert instance.proc.stdout is not None
    for line in instance.proc.stdout:
        instance.output.append(line)


def stop_instances(instances: list[Instance]) -> None:
    """SIGTERM (the graceful stop) to those still running, SIGKILL to one that hangs."""
    for i in instances:
        if i.proc.poll() is None:
            i.proc.send_signal(signal.SIGTERM)
    for i in instances:
        try:
            i.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            i.proc.kill()
            i.proc.wait(timeout=15)


def push_rows(chats: list[int], per_chat: int) -> list[dict[str, Any]]:
    """Outbox rows, due now: `per_chat` pushes of the help text to each chat."""
    due = utcnow()
    return [
        {
            "channel": Channel.TELEGRAM,
            "recipient": str(chat),
            "text": "menu-help",
            "payload": {"key": "menu-help", "params": {}},
            "status": OutboxStatus.PENDING,
            "attempts": 0,
            "next_attempt_at": due,
            "created_at": due,
        }
        for chat in chats
        for _ in range(per_chat)
    ]
