"""aiogram FSM storage in the cabinet's own database, so that dialogs survive a restart.

One row of `fsm_records` per storage key holds both the state and the data. Writes are
upserts (`INSERT … ON CONFLICT DO UPDATE`) on SQLite and PostgreSQL alike. A key whose state is
cleared and whose data is empty has its row deleted, so the table holds only live dialogs.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import timesource
from storage.models import Base, FsmRecord

_table = Base.metadata.tables[FsmRecord.__tablename__]


@dataclass
class _UpdateScope:
    session: AsyncSession
    active: bool = True
    touched: set[str] = field(default_factory=set)
    # What this update's session holds for a key it has read or written: (state, data). The same
    # session sees its own writes, so a second read in the update needs no query.
    seen: dict[str, tuple[str | None, dict[str, Any]]] = field(default_factory=dict)


_scope: ContextVar[_UpdateScope | None] = ContextVar("fsm_update_scope", default=None)


@contextmanager
def within_update(session: AsyncSession) -> Iterator[None]:
    """Run FSM reads and writes of one update in that update's own database session.

    The dialog state then commits or rolls back together with what the handler changed, and on
    SQLite a handler that has written something does not wait on a second connection for the
    write lock it holds itself.
    """
    scope = _UpdateScope(session)
    token = _scope.set(scope)
    try:
        yield
    finally:
        scope.active = False  # a task started by the handler must not use the closed session
        _scope.reset(token)


def _current_scope() -> _UpdateScope | None:
    scope = _scope.get()
    return scope if scope is not None and scope.active else None


def _state_name(state: StateType) -> str | None:
    return state.state if isinstance(state, State) else state


def _checked(data: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise DataNotDictLikeError(
            f"Data must be a dict or dict-like object, got {type(data).__name__}"
        )
    try:
        # A round trip: what is read back later is exactly what JSON keeps (tuples → lists).
        copied: dict[str, Any] = json.loads(json.dumps(data))
    except (TypeError, ValueError) as exc:
        raise TypeError(f"FSM data must be JSON-serialisable: {exc}") from exc
    return copied


class SqlAlchemyStorage(BaseStorage):
    """FSM storage over an `async_sessionmaker`; each call is one short transaction.

    With `cache=True` (one process owns the database: the embedded SQLite default) reads are
    served from memory and a write that changes nothing is skipped; every change is still
    written through, so a restart finds it. Several instances must not use the cache.
    """

    def __init__(
        self,
        session_maker: async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
        *,
        cache: bool = False,
        cache_size: int = 100_000,
    ) -> None:
        self._session_maker = session_maker
        self._key_builder = key_builder or DefaultKeyBuilder(
            with_bot_id=True, with_business_connection_id=True, with_destiny=True
        )
        self._cache: OrderedDict[str, tuple[str | None, dict[str, Any]]] | None = (
            OrderedDict() if cache else None
        )
        self._cache_size = cache_size

    def _cached(self, key: str) -> tuple[str | None, dict[str, Any]] | None:
        if self._cache is None or key not in self._cache:
            return None
        self._cache.move_to_end(key)
        return self._cache[key]

    def _remember(self, key: str, state: str | None, data: dict[str, Any]) -> None:
        if self._cache is None:
            return
        self._cache[key] = (state, data)
        self._cache.move_to_end(key)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    @asynccontextmanager
    async def _tx(self) -> AsyncIterator[AsyncSession]:
        """The update's session when inside one (it commits), else a short transaction."""
        scope = _current_scope()
        if scope is not None:
            yield scope.session
            return
        async with self._session_maker() as session, session.begin():
            yield session

    @asynccontextmanager
    async def _reader(self) -> AsyncIterator[AsyncSession]:
        scope = _current_scope()
        if scope is not None:
            yield scope.session
            return
        async with self._session_maker() as session:
            yield session

    def _forget(self, key: str) -> None:
        # Written through first, read back on next use: the database stays the truth.
        if self._cache is not None:
            self._cache.pop(key, None)
        scope = _current_scope()
        if scope is not None:
            # Not committed yet: until the update commits, this key is not cached again.
            scope.touched.add(key)

    @staticmethod
    def _saw_state(key: str, state: str | None) -> None:
        """After a write in an update whose session read the key: what that session now holds."""
        scope = _current_scope()
        if scope is not None and key in scope.seen:
            scope.seen[key] = (state, scope.seen[key][1])

    @staticmethod
    def _saw_data(key: str, data: dict[str, Any]) -> None:
        scope = _current_scope()
        if scope is not None and key in scope.seen:
            scope.seen[key] = (scope.seen[key][0], dict(data))

    async def _load(self, key: str) -> tuple[str | None, dict[str, Any]]:
        cached = self._cached(key)
        scope = _current_scope()
        if cached is not None:
            if scope is not None:
                scope.seen.setdefault(key, (cached[0], dict(cached[1])))
            return cached
        if scope is not None and key in scope.seen:
            return scope.seen[key]
        async with self._reader() as session:
            row = (
                await session.execute(
                    select(FsmRecord.state, FsmRecord.data).where(FsmRecord.key == key)
                )
            ).one_or_none()
        state, data = (row.state, dict(row.data or {})) if row is not None else (None, {})
        if scope is None or key not in scope.touched:
            self._remember(key, state, data)
        if scope is not None:
            scope.seen[key] = (state, data)
        return state, data

    def _key(self, key: StorageKey) -> str:
        return self._key_builder.build(key)

    @staticmethod
    async def _upsert(session: AsyncSession, key: str, column: str, value: Any) -> None:
        """Set one column (`state` or `data`) of the key's row, creating the row if needed."""
        now = timesource.utcnow()
        row = {"key": key, "state": None, "data": {}, column: value, "updated_at": now}
        update = {column: value, "updated_at": now}
        dialect = session.get_bind().dialect.name
        if dialect == "postgresql":
            await session.execute(
                postgresql.insert(_table)
                .values(**row)
                .on_conflict_do_update(index_elements=[_table.c.key], set_=update)
            )
        elif dialect == "sqlite":
            await session.execute(
                sqlite.insert(_table)
                .values(**row)
                .on_conflict_do_update(index_elements=[_table.c.key], set_=update)
            )
        else:  # pragma: no cover - only the two supported databases are expected
            record = await session.get(FsmRecord, key, with_for_update=True)
            if record is None:
                session.add(FsmRecord(**row))
            else:
                setattr(record, column, value)

    @staticmethod
    async def _ensure_row(session: AsyncSession, key: str) -> None:
        """Create the key's empty row if missing.

        Writing first makes the transaction a writer from its start: on PostgreSQL the row then
        exists to be locked, on SQLite the write lock is taken before the read, so concurrent
        merges into one key queue up instead of losing each other's keys.
        """
        row: dict[str, Any] = {"key": key, "state": None, "data": {}}
        dialect = session.get_bind().dialect.name
        if dialect == "postgresql":
            await session.execute(postgresql.insert(_table).values(**row).on_conflict_do_nothing())
        elif dialect == "sqlite":
            await session.execute(sqlite.insert(_table).values(**row).on_conflict_do_nothing())

    @staticmethod
    async def _delete_if_empty(session: AsyncSession, key: str) -> None:
        query = select(FsmRecord.state, FsmRecord.data).where(FsmRecord.key == key)
        row = (await session.execute(query)).one_or_none()
        if row is not None and row.state is None and not row.data:
            await session.execute(
                delete(FsmRecord).where(FsmRecord.key == key, FsmRecord.state.is_(None))
            )

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        name = _state_name(state)
        k = self._key(key)
        cached = self._cached(k)
        if cached is not None and cached[0] == name:
            return
        self._forget(k)
        async with self._tx() as session:
            if name is None:
                await session.execute(_table.update().where(_table.c.key == k).values(state=None))
                await self._delete_if_empty(session, k)
            else:
                await self._upsert(session, k, "state", name)
        self._saw_state(k, name)

    async def get_state(self, key: StorageKey) -> str | None:
        if self._cache is not None:
            return (await self._load(self._key(key)))[0]
        async with self._reader() as session:
            result = await session.execute(
                select(FsmRecord.state).where(FsmRecord.key == self._key(key))
            )
            return result.scalar_one_or_none()

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        value = _checked(data)
        k = self._key(key)
        cached = self._cached(k)
        if cached is not None and cached[1] == value:
            return
        self._forget(k)
        async with self._tx() as session:
            await self._write_data(session, k, value)
        self._saw_data(k, value)

    async def _write_data(self, session: AsyncSession, key: str, value: dict[str, Any]) -> None:
        if value:
            await self._upsert(session, key, "data", value)
        else:
            await session.execute(_table.update().where(_table.c.key == key).values(data={}))
            await self._delete_if_empty(session, key)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        if self._cache is not None:
            return dict((await self._load(self._key(key)))[1])
        async with self._reader() as session:
            result = await session.execute(
                select(FsmRecord.data).where(FsmRecord.key == self._key(key))
            )
            data = result.scalar_one_or_none()
            return dict(data) if data else {}

    async def update_data(self, key: StorageKey, data: Mapping[str, Any]) -> dict[str, Any]:
        """Merge into the current data atomically: concurrent merges into one key all land."""
        patch = _checked(dict(data))
        k = self._key(key)
        self._forget(k)
        async with self._tx() as session:
            await self._ensure_row(session, k)
            current = (
                await session.execute(
                    select(FsmRecord.data).where(FsmRecord.key == k).with_for_update()
                )
            ).scalar_one_or_none()
            merged = dict(current or {})
            merged.update(patch)
            await self._write_data(session, k, merged)
        self._forget(k)
        self._saw_data(k, merged)
        return merged.copy()

    async def close(self) -> None:
        # The session maker (and its engine) belongs to the application, which disposes of it.
        return None
