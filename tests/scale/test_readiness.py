"""/readyz follows the database: 503 with the reason when PostgreSQL is cut off, 200 when back.

The outage is simulated with a TCP proxy this test owns in front of the shared server (which
other tests use, so it is never stopped).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest
from aiohttp import ClientSession
from sqlalchemy.engine import make_url

from bot.app import build_app
from bot.config import Settings
from bot.web import start_web
from storage.migrate import upgrade_to_head
from tests.scale.test_pg_migrations import fresh_database, require_postgres
from tests.scale.test_scale_out import require_redis

pytestmark = pytest.mark.scale


class CutProxy:
    """Forwards 127.0.0.1:<port> to the server until `cut` closes it and every connection."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.server: asyncio.Server | None = None
        self.port = 0
        self._pipes: set[asyncio.StreamWriter] = set()

    async def open(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in list(self._pipes):
            writer.close()
        await self.server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self._pipes |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self._pipes -= {writer, up_writer}


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    server = await asyncio.to_thread(require_postgres)
    async with fresh_database(server) as url:
        await upgrade_to_head(url)
        yield url


async def test_readyz_goes_503_when_postgresql_is_cut_off_and_200_when_it_is_back(
    pg_url: str,
) -> None:
    real = make_url(pg_url)
    proxy = CutProxy(real.host or "127.0.0.1", real.port or 5432)
    await proxy.open()
    via_proxy = real.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=via_proxy, redis_url=await require_redis()
    )
    app = build_app(settings)
    runner, port = await start_web(app, "127.0.0.1", 0)
    ready = f"http://127.0.0.1:{port}/readyz"
    try:
        async with ClientSession() as http:
            async with http.get(ready) as r:
                assert (r.status, await r.json()) == (200, {"status": "ready"})
            await proxy.cut()
            async with http.get(ready) as r:
                assert r.status == 503
                body = await r.json()
            assert body["status"] == "unavailable" and "database" in body
            assert "redis" not in body  # Redis is fine: the answer names what is wrong
            async with http.get(f"http://127.0.0.1:{port}/healthz") as r:
                assert r.status == 200  # the process is up: it is not to be restarted
            await proxy.open()  # the same port: the server is back
            for _ in range(50):
                async with http.get(ready) as r:
                    answer = (r.status, await r.json())
                if answer[0] == 200:
                    break
                await asyncio.sleep(0.1)
            assert answer == (200, {"status": "ready"})
    finally:
        await runner.cleanup()
        await app.close()
        if proxy.server is not None:
            proxy.server.close()
