"""Bring a database to the newest schema with Alembic, from the program itself.

The migration scripts ship inside the package (`storage/migrations`), so this works from any
working directory and from an installed wheel; the repository's `alembic.ini` is only for the
`alembic` command line.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import pool, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision. A database already there is not handed to Alembic at all: importing it
# and reading the scripts is a tenth of a second of every start. tests/unit/test_migrations.py
# checks that this is Alembic's head, so a new migration cannot be forgotten here.
HEAD = "0010"

# Any constant will do: it only has to be the same for every instance of the bot.
_PG_MIGRATION_LOCK = 7_320_260_101


def make_config(url: str | None = None) -> Config:
    """An Alembic config that needs no ini file; the URL travels as an attribute (no % escaping)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["configure_logger"] = False
    if url is not None:
        cfg.attributes["sqlalchemy.url"] = url
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(make_config()).get_current_head()
    if head is None:  # pragma: no cover - there is always a first revision
        raise RuntimeError("no migrations found in " + str(MIGRATIONS_DIR))
    return head


def _prepare_sqlite_dir(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)


def _upgrade_on(connection: Connection, cfg: Config, revision: str) -> None:
    from alembic import command

    if connection.dialect.name == "postgresql":
        # Several instances may start at once: one migrates, the others wait and find no work.
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, revision)


async def upgrade_to_head(url: str) -> None:
    """Migrate the database at `url` (an async driver URL) to the newest revision.

    Safe to call from a running event loop: Alembic runs on the same connection, in a thread of
    SQLAlchemy's greenlet bridge, inside one transaction.
    """
    _prepare_sqlite_dir(url)
    engine = create_async_engine(url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as conn:
            try:
                at = (await conn.execute(text("SELECT version_num FROM alembic_version"))).all()
            except DBAPIError:  # a new database: no table yet
                at = []
        if [tuple(r) for r in at] == [(HEAD,)]:
            return
        async with engine.begin() as conn:
            await conn.run_sync(_upgrade_on, make_config(url), "head")
    finally:
        await engine.dispose()


def upgrade_to_head_sync(url: str) -> None:
    """The same for code without an event loop (the command line, tests).

    Must not be called from inside a running event loop; use `upgrade_to_head` there.
    """
    from alembic import command

    _prepare_sqlite_dir(url)
    command.upgrade(make_config(url), "head")


async def current_revision(url: str) -> str | None:
    """The revision the database at `url` is at, or None when it was never migrated."""

    def _current(connection: Connection) -> str | None:
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(connection).get_current_revision()

    engine = create_async_engine(url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(_current)
    finally:
        await engine.dispose()


if __name__ == "__main__":  # pragma: no cover - `python -m storage.migrate [URL]`
    import os
    import sys

    target = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("DATABASE_URL", "")
    if not target:
        sys.exit("usage: python -m storage.migrate DATABASE_URL")
    asyncio.run(upgrade_to_head(target))
