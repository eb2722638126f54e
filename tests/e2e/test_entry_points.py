"""Every command-line entry point runs the same, wired program on a fresh database and with a
clean environment: no `CABINET_TODAY`, no `.env` (the real date), as an operator runs it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.processes import ROOT, bot_running, free_port

pytestmark = pytest.mark.e2e


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CABINET_", "BOT_"))}
    env.pop("DATABASE_URL", None)
    env.pop("TELEGRAM_API_URL", None)
    env.update(DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}", **extra)
    return env


def run_bot(tmp_path: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,  # no .env of the project's
        env=clean_env(tmp_path, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_demo_on_a_fresh_database_prints_the_logins(tmp_path: Path) -> None:
    proc = run_bot(tmp_path, "demo", "--json")
    assert proc.returncode == 0, proc.stderr
    logins = json.loads(proc.stdout)
    roles = {d["role"] for d in logins}
    assert {"coordinator", "viewer"} <= roles
    assert all(d["login"] and d["password"] for d in logins)
    # The admin command line sees what the demo made, on the same database.
    admin = run_bot(tmp_path, "admin", "outbox", "--json")
    assert admin.returncode == 0, admin.stderr
    assert isinstance(json.loads(admin.stdout), list)


def test_demo_large_on_a_fresh_database_prints_what_it_made(tmp_path: Path) -> None:
    proc = run_bot(
        tmp_path,
        "demo-large",
        "--accounts",
        "2",
        "--subscribers",
        "20",
        "--charges",
        "200",
        "--payments",
        "40",
    )
    assert proc.returncode == 0, proc.stderr
    # It says what it is doing before the minutes it takes, then what it made, in words (once
    # a dataclass's repr: «LargeInfo(… login=DemoLogin(brand=<Brand.MEGAFON: 'megafon'>…»).
    starting, made, *login = proc.stdout.splitlines()
    assert starting.startswith("Creating the large demo company: 2 accounts, 20 numbers")
    assert "20 numbers" in made and "200 charges" in made and "40 payments" in made
    assert login[0] == "Login:"
    assert login[2].split()[:3] == ["megafon", "+79361000000", "union_coordinator"]


def test_sandbox_alone_starts_and_says_where_its_web_chat_is(tmp_path: Path) -> None:
    port = free_port()
    env = clean_env(tmp_path, PYTHONPATH=str(ROOT), SANDBOX_PORT=str(port))
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "sandbox"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in first
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        else:
            raise AssertionError("the sandbox does not listen")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


async def test_run_with_a_real_token_loads_no_demo_data(tmp_path: Path) -> None:
    """A real bot (BOT_TOKEN; here the sandbox stands in for Telegram at TELEGRAM_API_URL)
    serves only what the operator loaded: no demo companies, no demo logins printed."""
    import asyncio
    import signal

    from sqlalchemy import func, select

    from sandbox.server import start_sandbox
    from sandbox.state import Sandbox
    from storage.db import make_engine
    from storage.models import CabinetUser, Company

    token = "4242:REAL-LOOKING-TOKEN"
    runner, port = await start_sandbox("127.0.0.1", 0, Sandbox(token))
    env = clean_env(
        tmp_path,
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
        BOT_TOKEN=token,
        TELEGRAM_API_URL=f"http://127.0.0.1:{port}",
        SMS_GATEWAY="console",
        EMAIL_GATEWAY="console",
        OPERATOR_REQUISITES_FILE="demo",
    )
    try:
        async with bot_running(tmp_path, env, "run") as (proc, out):
            proc.send_signal(signal.SIGTERM)
            await asyncio.to_thread(proc.wait, 30)
    finally:
        await runner.cleanup()
    assert "Demo logins" not in "".join(out)
    engine = make_engine(env["DATABASE_URL"])
    try:
        async with engine.connect() as conn:
            companies = await conn.scalar(select(func.count()).select_from(Company))
            users = await conn.scalar(select(func.count()).select_from(CabinetUser))
    finally:
        await engine.dispose()
    assert (companies, users) == (0, 0)  # migrated, and empty
