"""The bot as a child process, for the end-to-end tests: a free port, the process started with
`python -m bot …` and read until it says it runs, and stopped at the end whatever happened."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from sandbox.client import SandboxClient

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class RunningBot:
    proc: subprocess.Popen[str]
    client: SandboxClient
    env: dict[str, str]
    output: list[str]


async def read_until(
    proc: subprocess.Popen[str], marker: str, out: list[str], limit: float
) -> None:
    assert proc.stdout is not None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while loop.time() < deadline:
        line = await asyncio.wait_for(
            loop.run_in_executor(None, proc.stdout.readline), deadline - loop.time()
        )
        if not line:
            break
        out.append(line)
        if marker in line:
            return
    raise AssertionError("the bot did not start:\n" + "".join(out))


@asynccontextmanager
async def bot_running(
    cwd: Path, env: dict[str, str], *args: str
) -> AsyncIterator[tuple[subprocess.Popen[str], list[str]]]:
    """`python -m bot *args` in `cwd`, once it printed «is running»: the process and the lines
    it printed so far. At the end a process still running gets SIGTERM, and is killed after
    15 s."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    out: list[str] = []
    try:
        await read_until(proc, "is running", out, 90)
        yield proc, out
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


async def greeted_and_helped(client: SandboxClient) -> None:
    """A person sends /start and is greeted with the login offer, then presses «Помощь» and
    reads how to use the bot."""
    await client.send_text(7001, "/start")
    greeting = await client.wait_for(7001, lambda m: m["from_bot"] and "Войти" in str(m))
    assert "личный кабинет" in greeting["text"]
    await client.press_button(7001, "Помощь")
    helped = await client.wait_for(7001, lambda m: m["from_bot"] and "/balance" in m["text"])
    assert "Как пользоваться ботом" in helped["text"]
