"""FSM state and data kept in the database: they survive a restart and keys do not mix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.db import make_engine, make_sessionmaker
from storage.fsm import SqlAlchemyStorage
from storage.models import Base, FsmRecord


class AddEmployee(StatesGroup):
    name = State()
    number = State()


ALICE = StorageKey(bot_id=42, chat_id=100, user_id=100)
BOB = StorageKey(bot_id=42, chat_id=200, user_id=200)


@pytest.fixture
def storage(session_maker: async_sessionmaker[AsyncSession]) -> SqlAlchemyStorage:
    return SqlAlchemyStorage(session_maker)


async def _rows(session_maker: async_sessionmaker[AsyncSession]) -> int:
    async with session_maker() as s:
        return int((await s.execute(select(func.count()).select_from(FsmRecord))).scalar_one())


async def test_empty_key_has_no_state_and_no_data(storage: SqlAlchemyStorage) -> None:
    assert await storage.get_state(ALICE) is None
    assert await storage.get_data(ALICE) == {}
    assert await storage.get_value(ALICE, "missing", "default") == "default"


async def test_state_object_or_string(storage: SqlAlchemyStorage) -> None:
    await storage.set_state(ALICE, AddEmployee.name)
    assert await storage.get_state(ALICE) == "AddEmployee:name"
    await storage.set_state(ALICE, "AddEmployee:number")
    assert await storage.get_state(ALICE) == AddEmployee.number.state


async def test_state_and_data_survive_a_restart(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fsm.db'}"
    engine = make_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    first = SqlAlchemyStorage(make_sessionmaker(engine))
    await first.set_state(ALICE, AddEmployee.number)
    await first.set_data(ALICE, {"name": "Иванов Иван Иванович", "numbers": ["+79261234567"]})
    await first.close()
    await engine.dispose()

    engine = make_engine(url)  # the bot restarted
    second = SqlAlchemyStorage(make_sessionmaker(engine))
    try:
        assert await second.get_state(ALICE) == "AddEmployee:number"
        assert await second.get_data(ALICE) == {
            "name": "Иванов Иван Иванович",
            "numbers": ["+79261234567"],
        }
    finally:
        await engine.dispose()


async def test_two_keys_do_not_mix(storage: SqlAlchemyStorage) -> None:
    await storage.set_state(ALICE, AddEmployee.name)
    await storage.set_data(ALICE, {"step": 1})
    await storage.set_state(BOB, AddEmployee.number)
    await storage.set_data(BOB, {"step": 2})
    assert await storage.get_state(ALICE) == "AddEmployee:name"
    assert await storage.get_data(ALICE) == {"step": 1}
    assert await storage.get_state(BOB) == "AddEmployee:number"
    assert await storage.get_data(BOB) == {"step": 2}


async def test_destiny_and_bot_are_part_of_the_key(storage: SqlAlchemyStorage) -> None:
    other_destiny = StorageKey(bot_id=42, chat_id=100, user_id=100, destiny="export")
    other_bot = StorageKey(bot_id=43, chat_id=100, user_id=100)
    await storage.set_state(ALICE, "a:b")
    await storage.set_state(other_destiny, "c:d")
    assert await storage.get_state(ALICE) == "a:b"
    assert await storage.get_state(other_destiny) == "c:d"
    assert await storage.get_state(other_bot) is None


async def test_setting_state_keeps_data_and_setting_data_keeps_state(
    storage: SqlAlchemyStorage,
) -> None:
    await storage.set_data(ALICE, {"a": 1})
    await storage.set_state(ALICE, AddEmployee.name)
    assert await storage.get_data(ALICE) == {"a": 1}
    await storage.set_data(ALICE, {"b": 2})
    assert await storage.get_state(ALICE) == "AddEmployee:name"
    assert await storage.get_data(ALICE) == {"b": 2}


async def test_update_data_merges(storage: SqlAlchemyStorage) -> None:
    await storage.set_data(ALICE, {"a": 1, "b": 2})
    merged = await storage.update_data(ALICE, {"b": 3, "c": [1, 2]})
    assert merged == {"a": 1, "b": 3, "c": [1, 2]}
    assert await storage.get_data(ALICE) == merged
    assert await storage.get_value(ALICE, "c") == [1, 2]
    # The first write of a key through update_data creates it.
    assert await storage.update_data(BOB, {"x": "y"}) == {"x": "y"}


async def test_concurrent_merges_into_one_key_all_land(storage: SqlAlchemyStorage) -> None:
    import asyncio

    await asyncio.gather(*(storage.update_data(ALICE, {f"k{i}": i}) for i in range(8)))
    assert await storage.get_data(ALICE) == {f"k{i}": i for i in range(8)}


async def test_update_with_nothing_leaves_no_row(
    storage: SqlAlchemyStorage, session_maker: async_sessionmaker[AsyncSession]
) -> None:
    assert await storage.update_data(ALICE, {}) == {}
    assert await _rows(session_maker) == 0


async def test_returned_data_is_a_copy(storage: SqlAlchemyStorage) -> None:
    data = {"a": 1}
    await storage.set_data(ALICE, data)
    data["a"] = 2
    got = await storage.get_data(ALICE)
    got["a"] = 3
    assert await storage.get_data(ALICE) == {"a": 1}


async def test_clear_removes_the_row(
    storage: SqlAlchemyStorage, session_maker: async_sessionmaker[AsyncSession]
) -> None:
    await storage.set_state(ALICE, AddEmployee.name)
    await storage.set_data(ALICE, {"a": 1})
    await storage.set_state(BOB, AddEmployee.name)
    assert await _rows(session_maker) == 2
    # What FSMContext.clear() does:
    await storage.set_state(ALICE, None)
    assert await storage.get_data(ALICE) == {"a": 1}
    await storage.set_data(ALICE, {})
    assert await storage.get_state(ALICE) is None
    assert await storage.get_data(ALICE) == {}
    assert await _rows(session_maker) == 1
    # Clearing in the other order too.
    await storage.set_data(BOB, {})
    assert await storage.get_state(BOB) == "AddEmployee:name"
    await storage.set_state(BOB, None)
    assert await _rows(session_maker) == 0


async def test_data_must_be_a_json_dict(storage: SqlAlchemyStorage) -> None:
    with pytest.raises(DataNotDictLikeError):
        await storage.set_data(ALICE, [("a", 1)])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="JSON"):
        await storage.set_data(ALICE, {"when": object()})
    assert await storage.get_data(ALICE) == {}


async def test_works_through_fsm_context(storage: SqlAlchemyStorage) -> None:
    from aiogram.fsm.context import FSMContext

    ctx = FSMContext(storage=storage, key=ALICE)
    await ctx.set_state(AddEmployee.name)
    await ctx.update_data(name="Петрова Анна Сергеевна")
    assert await ctx.get_state() == AddEmployee.name.state
    assert await ctx.get_data() == {"name": "Петрова Анна Сергеевна"}
    await ctx.clear()
    assert await ctx.get_state() is None
    assert await ctx.get_data() == {}


async def test_cached_storage_writes_through_and_skips_writes_that_change_nothing(
    engine: Any, session_maker: async_sessionmaker[AsyncSession]
) -> None:
    from sqlalchemy import event

    key = StorageKey(bot_id=1, chat_id=77, user_id=77)
    cached = SqlAlchemyStorage(session_maker, cache=True)
    await cached.set_state(key, "Login:code")
    await cached.update_data(key, {"phone": "+79161234567"})
    assert await cached.get_state(key) == "Login:code"
    # A new process (no cache) reads exactly what the cached one wrote.
    fresh = SqlAlchemyStorage(session_maker)
    assert await fresh.get_state(key) == "Login:code"
    assert await fresh.get_data(key) == {"phone": "+79161234567"}

    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        await cached.get_state(key)
        await cached.get_data(key)
        await cached.set_state(key, "Login:code")  # the same state
        await cached.set_data(key, {"phone": "+79161234567"})  # the same data
        assert statements == []  # served from memory, nothing written
        await cached.set_state(key, None)
        await cached.set_data(key, {})
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
    assert any(s.startswith("UPDATE") or s.startswith("DELETE") for s in statements)
    assert await fresh.get_state(key) is None
    async with session_maker() as db:
        assert await db.get(FsmRecord, cached._key(key)) is None
