"""How a scheduled job takes its rows, so that each is done once whatever the number of instances.

Two shapes (docs/deploy.md, "Every job claims its rows"):

- Long work (orders, documents, pushes) commits a claim first (`claimed_by`, `claimed_at` /
  `claimed_until`), works, then commits the result; a claim older than its timeout is taken
  again by another instance, which is how a killed instance's work gets finished.
- Short work (balance alerts, spending limits, order reminders) is one transaction: the state
  change and its pushes are written together. The rows are read with `claimable` (on
  PostgreSQL `FOR UPDATE SKIP LOCKED`: another instance's rows are skipped, not waited for)
  and written with `write_if_unchanged`, a conditional update that is the claim on SQLite
  (one writer at a time; a row another instance changed since it was read is left alone).
  A killed instance's transaction dies with its connection; one that hangs loses its locks
  after the claim timeout (`idle_in_transaction_session_timeout` for that transaction).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any, TypeVar

from sqlalchemy import Select, text, update
from sqlalchemy.orm import InstrumentedAttribute

from domain.db import Db

T = TypeVar("T")

# How long a short job's transaction may hold its rows while its instance says nothing.
HOLD_FOR = timedelta(minutes=1)

_timeout: timedelta | None = None


def install(timeout: timedelta | None) -> None:
    """One claim timeout for every job (`CLAIM_TIMEOUT_SECONDS`); None: each job's own."""
    global _timeout
    _timeout = timeout


def timeout(default: timedelta) -> timedelta:
    """The job's claim timeout: the installed one, else the job's `default`."""
    return _timeout if _timeout is not None else default


async def claimable(db: Db, stmt: Select[T]) -> Select[T]:
    """`stmt` taking its rows for this transaction: PostgreSQL locks them and skips rows another
    instance holds; SQLite reads them as they are (`write_if_unchanged` decides there)."""
    stmt = stmt.execution_options(populate_existing=True)
    if db.get_bind().dialect.name != "postgresql":
        return stmt
    ms = int(timeout(HOLD_FOR).total_seconds() * 1000)
    await db.execute(text(f"SET LOCAL idle_in_transaction_session_timeout = {max(ms, 1)}"))
    return stmt.with_for_update(skip_locked=True)


async def write_if_unchanged(
    db: Db, row: Any, read: Sequence[InstrumentedAttribute[Any]], **values: Any
) -> bool:
    """Write `values` into `row` if the columns `read` still hold what this job read; → whether
    it did. False means another instance has done this row: leave it (and push nothing)."""
    model = type(row)
    result = await db.execute(
        update(model)
        .where(model.id == row.id, *(col == getattr(row, col.key) for col in read))
        .values(**values)
    )
    return bool(getattr(result, "rowcount", 0) == 1)
