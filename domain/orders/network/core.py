"""What every executor of the simulated network shares: the executor type, the per-order cache
and the refusal that applies to any change of a number."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.types import SubscriberStatus
from storage.models import (
    Account,
    Order,
    OrderItem,
    Service,
    Subscriber,
    SubscriberService,
    Tariff,
)

# What the network does with one number of an order (see the package's docstring).
Executor = Callable[[AsyncSession, Order, OrderItem], Awaitable[str | None]]

_CACHE_KEY = "domain.orders.network.cache"
_CHUNK = 500


@dataclass
class Cache:
    """What the executors of one order read, loaded up front (strong references: the session
    keeps unmodified objects only weakly)."""

    subscribers: dict[int, Subscriber] = field(default_factory=dict)
    accounts: dict[int, Account] = field(default_factory=dict)
    tariffs: dict[int, Tariff] = field(default_factory=dict)
    services: dict[int, Service] = field(default_factory=dict)
    services_on: dict[int, list[Service]] = field(default_factory=dict)


async def prepare(db: AsyncSession, items: Sequence[OrderItem]) -> Cache:
    cache = Cache()
    ids = sorted({i.subscriber_id for i in items if i.subscriber_id is not None})
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for sub in await db.scalars(select(Subscriber).where(Subscriber.id.in_(chunk))):
            cache.subscribers[sub.id] = sub
    account_ids = {s.account_id for s in cache.subscribers.values()}
    for account in await db.scalars(select(Account).where(Account.id.in_(account_ids))):
        cache.accounts[account.id] = account
    cache.tariffs = {t.id: t for t in await db.scalars(select(Tariff))}
    cache.services = {s.id: s for s in await db.scalars(select(Service))}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = await db.execute(
            select(SubscriberService.subscriber_id, SubscriberService.service_id).where(
                SubscriberService.subscriber_id.in_(chunk)
            )
        )
        for sub_id, service_id in rows:
            cache.services_on.setdefault(sub_id, []).append(cache.services[service_id])
    db.info[_CACHE_KEY] = cache
    return cache


def release(db: AsyncSession) -> None:
    db.info.pop(_CACHE_KEY, None)


def cached(db: AsyncSession) -> Cache | None:
    value = db.info.get(_CACHE_KEY)
    return value if isinstance(value, Cache) else None


async def subscriber_of(db: AsyncSession, item: OrderItem) -> Subscriber | None:
    if item.subscriber_id is None:
        return None
    c = cached(db)
    if c is not None and item.subscriber_id in c.subscribers:
        return c.subscribers[item.subscriber_id]
    return await db.get(Subscriber, item.subscriber_id)


async def account_of(db: AsyncSession, sub: Subscriber | None) -> Account | None:
    if sub is None:
        return None
    c = cached(db)
    if c is not None and sub.account_id in c.accounts:
        return c.accounts[sub.account_id]
    return await db.get(Account, sub.account_id)


async def tariff_by_id(db: AsyncSession, tariff_id: int | None) -> Tariff | None:
    if tariff_id is None:
        return None
    c = cached(db)
    if c is not None and tariff_id in c.tariffs:
        return c.tariffs[tariff_id]
    return await db.get(Tariff, tariff_id)


async def service_by_id(db: AsyncSession, service_id: int | None) -> Service | None:
    if service_id is None:
        return None
    c = cached(db)
    if c is not None and service_id in c.services:
        return c.services[service_id]
    return await db.get(Service, service_id)


def incompatible_codes(service: Service) -> set[str]:
    return {c.strip() for c in service.incompatible_tariffs.split(",") if c.strip()}


def number_refusal(sub: Subscriber | None) -> str | None:
    """Why the network refuses any change on this number, if it does."""
    if sub is None or sub.status is SubscriberStatus.REMOVED:
        return "network-reason-removed"
    if sub.status is SubscriberStatus.PENDING:
        return "network-reason-pending"
    if sub.status is SubscriberStatus.BLOCKED:
        return "network-reason-blocked"
    return None
