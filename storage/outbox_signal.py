"""A process-wide signal: "a transaction that wrote outbox rows has just committed".

The notifier delivers the outbox on a scheduler tick (2 s by default), which is what makes
several instances safe; in the process that wrote a row it need not wait for the tick. A
listener subscribed here is called right after such a commit (on the committing thread, which
for the async engine is the event loop's), and the notifier takes the row at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

_KEY = "outbox_written"
_listeners: list[Callable[[], None]] = []
_installed = False


def subscribe(listener: Callable[[], None]) -> None:
    install()
    if listener not in _listeners:
        _listeners.append(listener)


def unsubscribe(listener: Callable[[], None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    if any(getattr(obj, "__tablename__", None) == "outbox" for obj in session.new):
        session.info[_KEY] = True


def _after_commit(session: Session) -> None:
    if session.info.pop(_KEY, False):
        for listener in list(_listeners):
            listener()


def _after_rollback(session: Session, _previous_transaction: Any) -> None:
    session.info.pop(_KEY, None)


def install() -> None:
    """Listen on every ORM session of the process (idempotent)."""
    global _installed
    if _installed:
        return
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "after_commit", _after_commit)
    event.listen(Session, "after_soft_rollback", _after_rollback)
    _installed = True
