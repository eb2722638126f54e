"""Where storage takes "now" from: the program's one clock, which lives in `domain.clock`.

Storage may use nothing of the domain but its vocabulary (`domain/types.py`), yet the times it
writes (a row's `created_at`, the FSM's `updated_at`, the demo's history) must follow the clock a
test or `CABINET_TODAY` pins. So storage declares this port and `domain.clock.install` fills it
when an entry point wires the program (`bot.wiring.configure`); storage never reads a clock of
its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

MSK = ZoneInfo("Europe/Moscow")

_source: Callable[[], datetime] | None = None


def install(source: Callable[[], datetime]) -> None:
    """Make `source` (an aware UTC "now") the clock every storage module asks."""
    global _source
    _source = source


def utcnow() -> datetime:
    if _source is None:
        raise RuntimeError("no clock installed: the entry point calls bot.wiring.configure first")
    return _source()


def today_local() -> date:
    return utcnow().astimezone(MSK).date()
