"""The bot as a process (`python -m bot`), exactly as `make run` starts it without a token:
it migrates a fresh SQLite file, creates the demo company, starts the sandbox beside itself,
and a person talks to it through the sandbox's user side over HTTP."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sandbox.client import SandboxClient
from tests.e2e.processes import RunningBot, bot_running, free_port, greeted_and_helped

pytestmark = pytest.mark.e2e


@pytest.fixture
async def running_bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "TELEGRAM_API_URL"}},
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'e2e.db'}",
        "SANDBOX_PORT": str(port),
        "SCHEDULER_TICK_SECONDS": "0.5",
        "PYTHONUNBUFFERED": "1",
    }
    async with bot_running(tmp_path, env) as (proc, out):
        async with SandboxClient(f"http://127.0.0.1:{port}") as client:
            yield RunningBot(proc, client, env, out)


async def test_a_person_talks_to_the_bot_process(running_bot: RunningBot) -> None:
    printed = "".join(running_bot.output)
    assert "Sandbox (local Telegram) at http://127.0.0.1:" in printed
    assert "union_coordinator" in printed  # the demo logins are listed

    client = running_bot.client
    await greeted_and_helped(client)

    commands = await client.commands("ru")
    assert "start" in {c["command"] for c in commands}

    # The operator stops it as systemd or a container does: a clean exit, and neither the run
    # nor the stop logged a WARNING.
    running_bot.proc.send_signal(signal.SIGTERM)
    assert running_bot.proc.wait(timeout=20) == 0
    assert running_bot.proc.stdout is not None
    log = printed + running_bot.proc.stdout.read()
    assert "Received SIGTERM signal" in log
    assert [line for line in log.splitlines() if " WARNING " in line or "Traceback" in line] == []


def test_demo_command_prints_logins_as_json(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'demo.db'}",
    }

    def run_demo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", "demo", "--json"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    proc = run_demo()
    assert proc.returncode == 0, proc.stderr
    logins = json.loads(proc.stdout)
    roles = {row["role"] for row in logins}
    assert roles >= {"union_coordinator", "coordinator", "assistant", "number_manager", "viewer"}
    assert {row["brand"] for row in logins} == {"megafon", "yota"}
    # A second run finds the demo in place and prints the same logins, creating nothing twice.
    again = run_demo()
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == logins
