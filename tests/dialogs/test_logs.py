"""A normal run of the demo logs no WARNING, even on a machine too busy for the scheduler's
ticks, and every line's time says its zone truly."""

from __future__ import annotations

import asyncio
import io
import logging
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.jobs import register_jobs
from bot.logs import setup_logging
from tests.accounts_data import NORTH_UNION, demo_chat
from tests.harness import BotTester

LINE = re.compile(r"^(\S+) (DEBUG|INFO|WARNING|ERROR|CRITICAL) ")


@pytest.fixture
def run_log() -> Iterator[io.StringIO]:
    """The program's own log set-up (`python -m bot run` calls it), writing here; afterwards
    the test process's logging as it was."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    stream = io.StringIO()
    setup_logging("INFO", "text", stream)
    yield stream
    root.handlers[:], level = saved
    root.setLevel(level)


async def test_a_busy_demo_run_logs_no_warning_and_true_times(
    bot_tester: BotTester, run_log: io.StringIO
) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 7401)
    scheduler = AsyncIOScheduler(timezone=bot_tester.settings.timezone)
    # The notifier ticks every TICK s from the start; the loop is then held for HELD s, past
    # its first run by more than APScheduler's 1 s grace and short of its second: that run is
    # "missed", whatever the machine's speed adds to HELD (up to a second and a half).
    tick, held = 5.0, 7.5
    register_jobs(scheduler, bot_tester.session_maker, bot_tester.notifier, tick)
    started = datetime.now(UTC)
    scheduler.start()
    try:
        time.sleep(held)  # noqa: ASYNC251 (a busy machine: holding the loop is the point)
        await asyncio.sleep(0.5)
        await user.send("/start")
        await user.press("💰 Баланс")
    finally:
        scheduler.shutdown(wait=False)
        await asyncio.sleep(1.0)  # the jobs under way end before the test's database closes
    lines = [line for line in run_log.getvalue().splitlines() if LINE.match(line)]
    # The late tick is there, as INFO; nothing at WARNING or above.
    assert any("was missed by" in line and " INFO " in line for line in lines), lines
    assert not [line for line in lines if LINE.match(line).group(2) != "INFO"]  # type: ignore[union-attr]
    # Each time names its zone, and it is the time it was in that zone.
    for line in lines:
        stamp = datetime.fromisoformat(LINE.match(line).group(1))  # type: ignore[union-attr]
        assert stamp.tzinfo is not None, line
        assert started - timedelta(seconds=1) <= stamp <= datetime.now(UTC), line
