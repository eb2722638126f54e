"""Fixtures for the browser tests: Debian's Chromium driven by Playwright (no browser download)
and the bot — or only the sandbox — as a process, exactly as `make run` starts them.

Without /usr/bin/chromium the tests are skipped with a reason, except under CI (env var CI set),
where `.ci/run` installs it and its absence fails them.
"""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, ViewportSize

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "webchat"
TOKEN = "424242:WEBCHAT-TEST"
STAFF_CHAT = -1001234567890
# A phone-sized window: the page is meant for phones first.
PHONE: ViewportSize = {"width": 390, "height": 844}
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    """Skip without Debian's Chromium and the Playwright driver; under CI, fail instead."""
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} is missing (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the playwright package is not installed (pip install -e '.[dev]')"
    if problem is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{problem}; .ci/run installs it and browser tests are mandatory under CI")
    pytest.skip(problem)


def png_bytes(width: int, height: int) -> bytes:
    """A real grey PNG: the sandbox, like Telegram, refuses photos that are not pictures."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"IDAT", zlib.compress(rows)),
            chunk(b"IEND", b""),
        )
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Process:
    """A child process whose output is read all the time (a full pipe would block it)."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.output: list[str] = []
        self._changed = threading.Condition()
        self.proc = subprocess.Popen(
            args,
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._changed:
                self.output.append(line)
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait_for(self, marker: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not any(marker in line for line in self.output):
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self._reader.is_alive()):
                    raise AssertionError(
                        f"no {marker!r} from {self.proc.args!r}:\n" + "".join(self.output)
                    )
                self._changed.wait(min(left, 0.5))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=5)


def wait_port(port: int, timeout: float = 30) -> None:
    """Until something accepts connections on 127.0.0.1:port."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def start_bot_process(workdir: Path, *args: str, port: int, **env: str) -> Process:
    """`python -m bot <args>` without a BOT_TOKEN: the sandbox on ``port``, a fresh database."""
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "TELEGRAM_API_URL"}},
        "DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'webchat.db'}",
        "SANDBOX_PORT": str(port),
        "SANDBOX_TOKEN": TOKEN,
        "PYTHONUNBUFFERED": "1",
        **env,
    }
    return Process([sys.executable, "-m", "bot", *args], environment, workdir)


@dataclass
class RunningBot:
    url: str  # the sandbox's address: the web chat is its root
    process: Process


@pytest.fixture(scope="module")
def running_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningBot]:
    """The bot as `make run` starts it, with a staff chat configured."""
    require_chromium()
    port = free_port()
    process = start_bot_process(
        tmp_path_factory.mktemp("bot"), port=port, SUPPORT_CHAT_ID=str(STAFF_CHAT)
    )
    try:
        process.wait_for("is running", 120)
        yield RunningBot(f"http://127.0.0.1:{port}", process)
    finally:
        process.stop()


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=LAUNCH_ARGS,
            viewport=PHONE,
            locale="ru-RU",
            timezone_id="Europe/Moscow",
            accept_downloads=True,
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser_context: BrowserContext) -> Iterator[Page]:
    page = browser_context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        page.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


class Screenshots:
    """Numbered screenshots of each step under test-artifacts/webchat/."""

    def __init__(self, prefix: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for old in ARTIFACTS.glob(f"{prefix}-*.png"):
            old.unlink()
        self.prefix = prefix
        self.count = 0

    def __call__(self, page: Page, name: str, **options: Any) -> Path:
        self.count += 1
        path = ARTIFACTS / f"{self.prefix}-{self.count:02d}-{name}.png"
        # Finished animations: a dialog caught mid fade-in would look half transparent.
        page.screenshot(path=str(path), animations="disabled", **options)
        return path
