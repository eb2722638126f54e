"""Log lines name the update and the user; JSON on demand; APScheduler quiet by default."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.logs import ContextFilter, JsonFormatter, setup_logging, update_id_var, user_id_var


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.getLogger("apscheduler").setLevel(logging.NOTSET)


def _line(formatter: logging.Formatter, message: str) -> str:
    record = logging.LogRecord("bot", logging.INFO, __file__, 1, message, None, None)
    ContextFilter().filter(record)
    return formatter.format(record)


def test_a_line_names_the_update_and_the_user() -> None:
    update, user = update_id_var.set(5001), user_id_var.set(42)
    try:
        text = _line(logging.Formatter("%(name)s%(context)s: %(message)s"), "payment page")
        entry = json.loads(_line(JsonFormatter(), "payment page"))
    finally:
        update_id_var.reset(update)
        user_id_var.reset(user)
    assert text == "bot [update 5001 user 42]: payment page"
    assert entry["update_id"] == 5001 and entry["user_id"] == 42
    assert entry["message"] == "payment page" and entry["level"] == "INFO"
    # Outside an update nothing is added.
    assert _line(logging.Formatter("%(name)s%(context)s: %(message)s"), "tick") == "bot: tick"


def test_apscheduler_is_quiet_unless_debugging(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr("sys.stderr", out)
    setup_logging("INFO", "json")
    logging.getLogger("apscheduler.executors.default").info("Running job notifier")
    logging.getLogger("bot.jobs").info("job low_balances: 1")
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [x["message"] for x in lines] == ["job low_balances: 1"]
    setup_logging("DEBUG", "text")
    assert logging.getLogger("apscheduler").getEffectiveLevel() == logging.DEBUG
