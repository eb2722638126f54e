"""What an operator watches, in Prometheus' text format (`GET /metrics`, bot/web.py).

Counters are counted where things happen (updates by an outer middleware, pushes by the
notifier, 429s by a request middleware on the bot's session); the gauges about the work the
database holds (the outbox, due orders and documents) are read from it at each scrape. Each App
has its own registry, so tests can build as many as they like.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from aiogram import BaseMiddleware
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import TelegramObject, Update
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.middlewares import NextHandler
from domain.clock import utcnow
from domain.types import DocumentStatus, OrderStatus, OutboxStatus
from storage.models import Document, Order, Outbox

if TYPE_CHECKING:
    from aiogram import Bot

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.updates = Counter(
            "cabinet_updates",
            "Updates handled, by type and outcome",
            ["type", "outcome"],
            registry=r,
        )
        self.latency = Histogram(
            "cabinet_update_seconds",
            "Time an update took, from the dispatcher taking it to its handler's end",
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=r,
        )
        self.in_hand = Gauge("cabinet_updates_in_hand", "Updates being handled now", registry=r)
        self.pushes = Counter(
            "cabinet_pushes",
            "Outbox rows by outcome: sent, failed, retried, gone",
            ["outcome"],
            registry=r,
        )
        self.retry_after = Counter(
            "cabinet_telegram_429", "Telegram's 429 Too Many Requests answers received", registry=r
        )
        self.outbox_depth = Gauge("cabinet_outbox_pending", "Outbox rows waiting", registry=r)
        self.outbox_age = Gauge(
            "cabinet_outbox_oldest_seconds", "Age of the oldest waiting outbox row", registry=r
        )
        self.orders = Gauge("cabinet_orders", "Orders due and executing", ["state"], registry=r)
        self.documents = Gauge(
            "cabinet_documents", "Documents queued and being made", ["state"], registry=r
        )

    async def render(self, session_maker: async_sessionmaker[AsyncSession]) -> bytes:
        """The text of /metrics: the database's gauges read now, then everything."""
        async with session_maker() as db:
            await self._read_work(db)
        return generate_latest(self.registry)

    def text(self) -> bytes:
        return generate_latest(self.registry)

    async def _read_work(self, db: AsyncSession) -> None:
        now = utcnow()
        depth, oldest = (
            await db.execute(
                select(func.count(), func.min(Outbox.created_at)).where(
                    Outbox.status == OutboxStatus.PENDING
                )
            )
        ).one()
        self.outbox_depth.set(depth)
        age = (now - oldest.replace(tzinfo=now.tzinfo)) if oldest is not None else timedelta()
        self.outbox_age.set(max(0.0, age.total_seconds()))
        due = await db.scalar(
            select(func.count()).where(
                Order.status == OrderStatus.SCHEDULED, Order.effective_date <= now.date()
            )
        )
        self.orders.labels("due").set(due or 0)
        executing = await db.scalar(
            select(func.count()).where(Order.status == OrderStatus.IN_PROGRESS)
        )
        self.orders.labels("executing").set(executing or 0)
        for state, status in (("due", DocumentStatus.QUEUED), ("executing", DocumentStatus.MAKING)):
            n = await db.scalar(select(func.count()).where(Document.status == status))
            self.documents.labels(state).set(n or 0)


def update_type(update: Update) -> str:
    return update.event_type if update.event_type != "update" else "unknown"


class UpdateMetricsMiddleware(BaseMiddleware):
    """Counts each update by type and outcome (handled, unhandled, error) and times it."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    async def __call__(
        self, handler: NextHandler, event: TelegramObject, data: dict[str, Any]
    ) -> Any:
        kind = update_type(event) if isinstance(event, Update) else "unknown"
        started = time.perf_counter()
        outcome = "error"
        self.metrics.in_hand.inc()
        try:
            result = await handler(event, data)
            outcome = "unhandled" if result is UNHANDLED else "handled"
            return result
        finally:
            self.metrics.in_hand.dec()
            self.metrics.latency.observe(time.perf_counter() - started)
            self.metrics.updates.labels(kind, outcome).inc()


class RetryAfterCounter(BaseRequestMiddleware):
    """Counts every 429 the bot's requests get, whoever made them (a handler, the notifier)."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except TelegramRetryAfter:
            self.metrics.retry_after.inc()
            raise
