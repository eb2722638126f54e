"""Log lines that say which update and which user they are about; text or JSON.

`LOG_FORMAT=json` writes one JSON object a line for log collectors. Every time is UTC and says
so (`+00:00`). APScheduler's two INFO lines a tick are kept out unless `LOG_LEVEL=DEBUG`; its
WARNING that a tick ran late on a busy machine, and aiogram's that a stop signal came, are INFO
(`ExpectedWarningIsInfo`), so a normal run and a normal stop log no WARNING.
"""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TextIO

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update

from bot.middlewares import NextHandler

update_id_var: ContextVar[int | None] = ContextVar("update_id", default=None)
user_id_var: ContextVar[int | None] = ContextVar("user_id", default=None)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s%(context)s: %(message)s"


class ContextFilter(logging.Filter):
    """Adds `update_id`, `user_id` and a ready-made ` [update 5 user 42]` to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        update_id, user_id = update_id_var.get(), user_id_var.get()
        record.update_id = update_id
        record.user_id = user_id
        parts = []
        if update_id is not None:
            parts.append(f"update {update_id}")
        if user_id is not None:
            parts.append(f"user {user_id}")
        record.context = f" [{' '.join(parts)}]" if parts else ""
        return True


def utc_time(record: logging.LogRecord) -> str:
    """When the line was logged, in UTC and saying so: `2026-12-03T09:15:02.311+00:00`."""
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")


class TextFormatter(logging.Formatter):
    """`TEXT_FORMAT` whose time names its zone (logging's own `asctime` is the machine's local
    time with no zone at all)."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return utc_time(record)


# What libraries say at WARNING about normal operation: APScheduler on a busy machine (a tick
# that ran late is skipped, the next comes within seconds; one still running is not started
# twice) and aiogram when the operator stops the bot (SIGTERM from systemd or the container,
# SIGINT from a terminal). Not faults, so INFO here: a normal run and a normal stop log no
# WARNING.
EXPECTED_WARNINGS = {
    "apscheduler.executors.default": ("was missed by", "maximum number of running instances"),
    "apscheduler.scheduler": ("was missed by", "maximum number of running instances"),
    "aiogram.dispatcher": ("Received %s signal",),
}


class ExpectedWarningIsInfo(logging.Filter):
    def __init__(self, marks: tuple[str, ...]) -> None:
        super().__init__()
        self.marks = marks

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and any(m in str(record.msg) for m in self.marks):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return record.levelno >= logging.getLogger().getEffectiveLevel()


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": utc_time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("update_id", "user_id"):
            value = getattr(record, key, None)
            if value is not None:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(level: str = "INFO", fmt: str = "text", stream: TextIO | None = None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(ContextFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    # aiosqlite logs statements with their parameters at DEBUG; those may hold one-time codes.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    # Alembic lists its seven plugins at every start; the upgrades it runs are still logged.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    # fpdf2 subsets the document font with fontTools, which reports every table it prunes
    # (some 260 lines at the first document after start).
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    # "Running job …" and "… executed successfully" every tick: only when debugging.
    logging.getLogger("apscheduler").setLevel(
        logging.NOTSET if level == "DEBUG" else logging.WARNING
    )
    for name, marks in EXPECTED_WARNINGS.items():
        library_log = logging.getLogger(name)
        for old in [f for f in library_log.filters if isinstance(f, ExpectedWarningIsInfo)]:
            library_log.removeFilter(old)
        library_log.addFilter(ExpectedWarningIsInfo(marks))


class LogContextMiddleware(BaseMiddleware):
    """Outermost: every line logged while an update is handled names it and its user."""

    async def __call__(
        self, handler: NextHandler, event: TelegramObject, data: dict[str, Any]
    ) -> Any:
        user = data.get("event_from_user")
        update_token = update_id_var.set(event.update_id if isinstance(event, Update) else None)
        user_token = user_id_var.set(user.id if user is not None else None)
        try:
            return await handler(event, data)
        finally:
            update_id_var.reset(update_token)
            user_id_var.reset(user_token)
