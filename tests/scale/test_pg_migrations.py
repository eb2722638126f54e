"""Alembic on PostgreSQL: the stairway and the schema check, in a database made for the test.

The server is taken from TEST_POSTGRES_URL (default postgresql+asyncpg://postgres@127.0.0.1:5432/test).
Without a reachable server these tests are skipped, except under CI (env var CI set), where
they fail.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from storage.migrate import current_revision, head_revision, make_config, upgrade_to_head
from tests.unit.test_migrations import schema_diffs

pytestmark = pytest.mark.scale

DEFAULT_SERVER_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


def server_url() -> str:
    return os.environ.get("TEST_POSTGRES_URL", DEFAULT_SERVER_URL)


async def _server_reachable(url: str) -> str | None:
    """None when the server answers, else why not."""
    engine = create_async_engine(url, connect_args={"timeout": 5})
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return None
    except Exception as exc:  # any failure to connect means "not reachable"
        return f"{type(exc).__name__}: {exc}"
    finally:
        await engine.dispose()


def require_postgres() -> str:
    """The server URL, or skip (fail under CI) when no server answers."""
    url = server_url()
    why = asyncio.run(_server_reachable(url))
    if why is not None:
        safe = make_url(url).render_as_string(hide_password=True)
        message = f"PostgreSQL not reachable at {safe} ({why})"
        if os.environ.get("CI"):
            pytest.fail(message + "; it is mandatory under CI")
        pytest.skip(message)
    return url


async def create_database(url: str) -> str:
    """Create `cabinet_test_<random>` on the server at `url`; return the new database's URL."""
    name = f"cabinet_test_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await admin.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


async def drop_database(server: str, url: str) -> None:
    name = make_url(url).database
    admin = create_async_engine(server, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()


@asynccontextmanager
async def fresh_database(server: str) -> AsyncIterator[str]:
    """For async tests: a fresh database for the duration of the block."""
    url = await create_database(server)
    try:
        yield url
    finally:
        await drop_database(server, url)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one synchronous test."""
    server = require_postgres()
    url = asyncio.run(create_database(server))
    try:
        yield url
    finally:
        asyncio.run(drop_database(server, url))


def _tables(url: str) -> set[str]:
    async def go() -> set[str]:
        engine = create_async_engine(url)
        try:
            async with engine.connect() as conn:
                return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        finally:
            await engine.dispose()

    return asyncio.run(go())


def _diffs(url: str) -> list[Any]:
    async def go() -> list[Any]:
        engine = create_async_engine(url)
        try:
            async with engine.connect() as conn:
                return await conn.run_sync(schema_diffs)
        finally:
            await engine.dispose()

    return asyncio.run(go())


def test_stairway_postgres(pg_url: str) -> None:
    cfg = make_config(pg_url)
    script = ScriptDirectory.from_config(cfg)
    revisions = list(reversed(list(script.walk_revisions("base", "heads"))))
    assert revisions
    for revision in revisions:
        command.upgrade(cfg, revision.revision)
        command.downgrade(cfg, revision.down_revision or "base")
        command.upgrade(cfg, revision.revision)
    command.downgrade(cfg, "base")
    assert _tables(pg_url) <= {"alembic_version"}


def test_head_matches_models_postgres(pg_url: str) -> None:
    asyncio.run(upgrade_to_head(pg_url))
    assert asyncio.run(current_revision(pg_url)) == head_revision()
    assert _diffs(pg_url) == []


def test_concurrent_upgrades_postgres(pg_url: str) -> None:
    # Two instances starting at once: the advisory lock makes the second find nothing to do.
    async def both() -> None:
        await asyncio.gather(upgrade_to_head(pg_url), upgrade_to_head(pg_url))

    asyncio.run(both())
    assert asyncio.run(current_revision(pg_url)) == head_revision()
