"""A process-wide counter that moves whenever a row that decides who a user is changes.

Caches of "who is this Telegram user" (the principal) compare the counter they were filled at
with the current one, so a login, logout, password change, block or language switch made in
this process is seen by the very next update. Changes made by another process are seen when
the cache entry's time-to-live runs out.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

WATCHED = frozenset(
    {"sessions", "telegram_chats", "cabinet_users", "user_account_access", "companies"}
)

_generation = 0
_installed = False


def generation() -> int:
    return _generation


def bump() -> None:
    global _generation
    _generation += 1


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    for obj in chain(session.new, session.dirty, session.deleted):
        if getattr(obj, "__tablename__", None) in WATCHED:
            bump()
            return


def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in WATCHED:
        bump()


def install() -> None:
    """Listen on every ORM session of the process (idempotent)."""
    global _installed
    if _installed:
        return
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "do_orm_execute", _on_execute)
    _installed = True
