"""Alembic: every revision goes up, down and up again; head matches models.py exactly."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from storage.migrate import (
    HEAD,
    MIGRATIONS_DIR,
    current_revision,
    head_revision,
    make_config,
    upgrade_to_head,
    upgrade_to_head_sync,
)
from storage.models import Base


def _revisions() -> list[Any]:
    script = ScriptDirectory.from_config(make_config())
    return list(reversed(list(script.walk_revisions("base", "heads"))))


def _tables(url: str) -> set[str]:
    async def go() -> set[str]:
        engine = create_async_engine(url)
        try:
            async with engine.connect() as conn:
                return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        finally:
            await engine.dispose()

    return asyncio.run(go())


def schema_diffs(connection: Connection) -> list[Any]:
    ctx = MigrationContext.configure(
        connection,
        opts={"compare_type": True, "target_metadata": Base.metadata},
    )
    return list(compare_metadata(ctx, Base.metadata))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'migrations.db'}"


def test_there_is_a_single_head() -> None:
    script = ScriptDirectory.from_config(make_config())
    assert len(script.get_heads()) == 1
    assert head_revision() == script.get_current_head()
    # The start-up's shortcut (a database at HEAD is not handed to Alembic) names the real head.
    assert HEAD == head_revision()


async def test_a_database_behind_is_migrated_even_with_the_shortcut(sqlite_url: str) -> None:
    cfg = make_config(sqlite_url)
    previous = _revisions()[-2].revision
    await asyncio.to_thread(command.upgrade, cfg, previous)
    assert await current_revision(sqlite_url) == previous
    await upgrade_to_head(sqlite_url)
    assert await current_revision(sqlite_url) == HEAD


def test_stairway_sqlite(sqlite_url: str) -> None:
    cfg = make_config(sqlite_url)
    revisions = _revisions()
    assert revisions, "no revisions found"
    for revision in revisions:
        command.upgrade(cfg, revision.revision)
        command.downgrade(cfg, revision.down_revision or "base")
        command.upgrade(cfg, revision.revision)
    # Down to nothing: only Alembic's own table is left.
    command.downgrade(cfg, "base")
    assert _tables(sqlite_url) <= {"alembic_version"}


async def test_head_matches_models_sqlite(sqlite_url: str) -> None:
    await upgrade_to_head(sqlite_url)
    engine = create_async_engine(sqlite_url)
    try:
        async with engine.connect() as conn:
            diffs = await conn.run_sync(schema_diffs)
    finally:
        await engine.dispose()
    assert diffs == []


async def test_upgrade_seeds_dated_vat_rates(sqlite_url: str) -> None:
    await upgrade_to_head(sqlite_url)
    assert await current_revision(sqlite_url) == head_revision()
    engine = create_async_engine(sqlite_url)
    try:
        async with engine.connect() as conn:
            rows = (await conn.execute(text("SELECT valid_from, percent FROM vat_rates"))).all()
    finally:
        await engine.dispose()
    assert sorted((str(d), p) for d, p in rows) == [("2019-01-01", 20), ("2026-01-01", 22)]


async def test_upgrade_twice_is_a_no_op(sqlite_url: str) -> None:
    await upgrade_to_head(sqlite_url)
    await upgrade_to_head(sqlite_url)
    assert await current_revision(sqlite_url) == head_revision()


def test_sync_upgrade_works_from_any_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    url = f"sqlite+aiosqlite:///{tmp_path / 'nested' / 'dir' / 'cabinet.db'}"
    upgrade_to_head_sync(url)
    assert {t.name for t in Base.metadata.sorted_tables} <= _tables(url)


def test_migration_scripts_ship_in_the_package() -> None:
    # setuptools finds the versions only as package modules, and the template as package data.
    assert (MIGRATIONS_DIR / "__init__.py").is_file()
    assert (MIGRATIONS_DIR / "versions" / "__init__.py").is_file()
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()


async def test_fresh_database_is_not_migrated(sqlite_url: str) -> None:
    assert await current_revision(sqlite_url) is None


async def test_schema_comparison_sees_a_difference(sqlite_url: str) -> None:
    # Guards the check above against passing vacuously: an empty database must differ.
    engine = create_async_engine(sqlite_url)
    try:
        async with engine.connect() as conn:
            diffs = await conn.run_sync(schema_diffs)
    finally:
        await engine.dispose()
    assert len(diffs) >= len(Base.metadata.tables)


async def _company(conn: Any) -> None:
    """Company 1, as an older revision's rows refer to it."""
    await conn.execute(
        text(
            "INSERT INTO companies (name, inn, legal_address, created_at)"
            " VALUES ('A', '7707083893', '', '2026-01-01')"
        )
    )


async def test_a_group_coloured_gray_by_an_older_demo_becomes_grey(sqlite_url: str) -> None:
    cfg = make_config(sqlite_url)
    await asyncio.to_thread(command.upgrade, cfg, "0007")
    engine = create_async_engine(sqlite_url)
    try:
        async with engine.begin() as conn:
            await _company(conn)
            for name, color in (("ИТ", "gray"), ("Склад", "orange")):
                await conn.execute(
                    text(
                        "INSERT INTO groups (company_id, name, icon, color) VALUES (1, :n, '', :c)"
                    ),
                    {"n": name, "c": color},
                )
        await upgrade_to_head(sqlite_url)
        async with engine.connect() as conn:
            rows = (await conn.execute(text("SELECT name, color FROM groups ORDER BY name"))).all()
    finally:
        await engine.dispose()
    assert [tuple(r) for r in rows] == [("ИТ", "grey"), ("Склад", "orange")]


async def test_names_already_kept_are_folded_for_search(sqlite_url: str) -> None:
    cfg = make_config(sqlite_url)
    await asyncio.to_thread(command.upgrade, cfg, "0008")
    engine = create_async_engine(sqlite_url)
    try:
        async with engine.begin() as conn:
            await _company(conn)
            # Two labels an older version let in side by side: both stay, both are found.
            for name in ("VIP клиенты", "vip клиенты", "Алёна"):
                await conn.execute(
                    text("INSERT INTO labels (company_id, name) VALUES (1, :n)"), {"n": name}
                )
            await conn.execute(
                text(
                    "INSERT INTO groups (company_id, name, icon, color)"
                    " VALUES (1, 'ИТ-отдел', '', 'grey')"
                )
            )
        await upgrade_to_head(sqlite_url)
        async with engine.connect() as conn:
            labels = (
                await conn.execute(text("SELECT name, name_key FROM labels ORDER BY id"))
            ).all()
            groups = (await conn.execute(text("SELECT name_key FROM groups"))).all()
    finally:
        await engine.dispose()
    assert [tuple(r) for r in labels] == [
        ("VIP клиенты", "vip клиенты"),
        ("vip клиенты", "vip клиенты #2"),
        ("Алёна", "алена"),
    ]
    assert [tuple(r) for r in groups] == [("ит-отдел",)]
