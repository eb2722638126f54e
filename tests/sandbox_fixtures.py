"""Fixtures for the sandbox's own tests: a sandbox served on a free port, a real aiogram
``Bot`` talking to it over HTTP, and a ``SandboxClient`` for the user side.

Use with ``pytest_plugins = ["tests.sandbox_fixtures"]``.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import AsyncIterator, Callable

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from sandbox.client import SandboxClient
from sandbox.server import start_sandbox
from sandbox.state import Sandbox


class _QuickCloseSession(AiohttpSession):
    async def close(self) -> None:
        # aiogram sleeps 250 ms after closing for TLS connections to finish; plain local
        # HTTP has none, and the pause would add seconds to every test module.
        if self._session is not None and not self._session.closed:
            await self._session.close()


def http_bot(token: str, url: str) -> Bot:
    session = _QuickCloseSession(api=TelegramAPIServer.from_base(url))
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode="HTML"))


@pytest.fixture
def make_http_bot() -> Callable[[str, str], Bot]:
    """``http_bot`` as a fixture, so test modules need not import this plugin module."""
    return http_bot


@pytest.fixture
def make_png() -> Callable[..., bytes]:
    return png_bytes


@pytest.fixture
def sandbox() -> Sandbox:
    return Sandbox()


@pytest.fixture
async def sandbox_url(sandbox: Sandbox) -> AsyncIterator[str]:
    runner, port = await start_sandbox("127.0.0.1", 0, sandbox)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@pytest.fixture
async def bot(sandbox: Sandbox, sandbox_url: str) -> AsyncIterator[Bot]:
    bot = http_bot(sandbox.token, sandbox_url)
    try:
        yield bot
    finally:
        await bot.session.close()


@pytest.fixture
async def client(sandbox_url: str) -> AsyncIterator[SandboxClient]:
    async with SandboxClient(sandbox_url) as client:
        yield client


def png_bytes(width: int = 3, height: int = 2) -> bytes:
    """A real (tiny, grey) PNG, since the sandbox refuses photos that are not pictures."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
