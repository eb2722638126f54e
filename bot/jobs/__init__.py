"""What the scheduler runs: short ticks that take due rows from the database.

Each job opens its own session and calls a domain use case, the same code a handler calls.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_SUBMITTED,
    JobExecutionEvent,
    JobSubmissionEvent,
)
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.accounts import alerts
from domain.auth import codes
from domain.backoffice import maintenance
from domain.documents import orders as document_orders
from domain.orders import placing as orders
from domain.subscribers import limits
from domain.tickets import desk as tickets

if TYPE_CHECKING:
    from bot.notifier import Notifier

log = logging.getLogger(__name__)

DomainJob = Callable[[AsyncSession], Awaitable[int]]

# Domain use cases run on schedule, with their period in seconds.
PERIODIC: list[tuple[str, DomainJob, float]] = [
    ("cleanup_codes", maintenance.cleanup_expired_codes, 600.0),
    ("purge_login_failures", codes.purge_old_failures, 600.0),
    ("low_balances", alerts.check_low_balances, 300.0),
    ("spending_limits", limits.check_limits, 300.0),
    # Short, so that "order completed" reaches the user within seconds of its date.
    ("execute_orders", orders.execute_due_orders, 2.0),
    ("remind_orders", orders.remind_upcoming_orders, 600.0),
    # Documents are made one by one, each in a worker thread, and committed one by one.
    ("make_documents", document_orders.make_due_documents, 3.0),
    ("ticket_reminders", tickets.remind_and_autoclose, 600.0),
]

# Jobs whose work ends in pushes: when one did something, the notifier runs at once instead of
# on its next tick, so "order completed" reaches the user within a second of the execution.
PUSHING_JOBS = frozenset({"execute_orders"})


async def run_domain_job(
    session_maker: async_sessionmaker[AsyncSession],
    name: str,
    job: DomainJob,
    then: Callable[[], Awaitable[object]] | None = None,
) -> int:
    async with session_maker() as db:
        try:
            n = await job(db)
            await db.commit()
        except Exception:
            await db.rollback()
            log.exception("job %s failed", name)
            return 0
    if n:
        log.info("job %s: %s", name, n)
        if then is not None:
            await then()
    return n


async def run_all_once(
    session_maker: async_sessionmaker[AsyncSession], notifier: Notifier | None
) -> None:
    """Every job once, in order; tests use it instead of waiting for the scheduler."""
    for name, job, _period in PERIODIC:
        await run_domain_job(session_maker, name, job)
    if notifier is not None:
        await notifier.run_once()


class JobsInHand:
    """The scheduled jobs running now, counted from the scheduler's own events, so that a stop
    lets them end instead of cancelling them halfway (APScheduler's shutdown cancels a running
    coroutine job and logs it as an ERROR with a traceback)."""

    def __init__(self, scheduler: AsyncIOScheduler) -> None:
        self.running = 0
        self._idle = asyncio.Event()
        self._idle.set()
        scheduler.add_listener(self._on_submitted, EVENT_JOB_SUBMITTED)
        scheduler.add_listener(self._on_ended, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)

    def _on_submitted(self, event: JobSubmissionEvent) -> None:
        self.running += 1
        self._idle.clear()

    def _on_ended(self, event: JobExecutionEvent) -> None:
        self.running = max(0, self.running - 1)
        if not self.running:
            self._idle.set()

    async def drain(self, seconds: float) -> int:
        """Waits up to `seconds` for the running jobs to end; how many had not."""
        try:
            await asyncio.wait_for(self._idle.wait(), seconds)
        except TimeoutError:
            pass
        return self.running


def register_jobs(
    scheduler: AsyncIOScheduler,
    session_maker: async_sessionmaker[AsyncSession],
    notifier: Notifier,
    tick: float,
) -> None:
    scheduler.add_job(
        notifier.run_once,
        "interval",
        seconds=tick,
        id="notifier",
        max_instances=1,
        coalesce=True,
    )
    for name, job, period in PERIODIC:
        scheduler.add_job(
            run_domain_job,
            "interval",
            seconds=period,
            args=(session_maker, name, job, notifier.run_once if name in PUSHING_JOBS else None),
            id=name,
            max_instances=1,
            coalesce=True,
        )
