"""The operator's network, simulated: what happens to a number when an order is executed.

A real integration replaces this module; the rest of the cabinet only sees the contract:

- An **executor** is `async (db, order, item) -> None | reason`. It runs inside the order's
  transaction, changes what the network would change (the number's tariff, its services, its
  SIM, its blocking, its forwarding) and returns None on success, or a locale key naming why the
  network refused this number (`network-reason-*`). It must not commit, and must not raise for a
  refusal: an exception means the simulation itself broke, and the whole order then fails with
  `network-reason-internal` and nothing of it is kept.
- Executors are registered per order kind with `@executor(OrderKind.X)`. The scheduler skips
  orders of kinds without an executor (documents are made by their own job), it never fails them.
- Reaching the goal state already counts as success (a number already on the tariff, a service
  already switched off), so executing an order again is harmless.

Rules of this simulation:

- A removed number, or one still waiting for its owner's confirmation, refuses everything.
- A blocked number refuses a tariff change and services (it must be unblocked first).
- A tariff or service is only for numbers of its brand (MegaFon or Yota), and a tariff made for
  one account type (postpaid / prepaid) only for accounts of that type; a withdrawn tariff or
  service is refused.
- A service lists the tariffs it cannot be used with (`Service.incompatible_tariffs`): switching
  it on for a number on such a tariff is refused, and so is a change to such a tariff while the
  service is on.

`tariff_refusal` and `service_on_refusal` are the same rules as pure functions, so that the
availability check before an order and the execution at its date never disagree.

Speed: before an order runs, `prepare(db, items)` loads its numbers, their accounts, the
catalogue and the services on the numbers in a few queries and keeps them for the executors
(`cached(db)`), so an order of thousands of numbers is not thousands of queries. An executor
must also work without it (called alone, `cached(db)` is None).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.types import OrderKind, SubscriberStatus
from storage.models import (
    Account,
    Order,
    OrderItem,
    Service,
    Subscriber,
    SubscriberService,
    Tariff,
)

Executor = Callable[[AsyncSession, Order, OrderItem], Awaitable[str | None]]

EXECUTORS: dict[OrderKind, Executor] = {}


def executor(kind: OrderKind) -> Callable[[Executor], Executor]:
    """Register the function as what the network does with orders of `kind`."""

    def register(fn: Executor) -> Executor:
        EXECUTORS[kind] = fn
        return fn

    return register


_CACHE_KEY = "domain.network.cache"
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


async def _subscriber(db: AsyncSession, item: OrderItem) -> Subscriber | None:
    if item.subscriber_id is None:
        return None
    c = cached(db)
    if c is not None and item.subscriber_id in c.subscribers:
        return c.subscribers[item.subscriber_id]
    return await db.get(Subscriber, item.subscriber_id)


async def _account(db: AsyncSession, sub: Subscriber | None) -> Account | None:
    if sub is None:
        return None
    c = cached(db)
    if c is not None and sub.account_id in c.accounts:
        return c.accounts[sub.account_id]
    return await db.get(Account, sub.account_id)


async def _tariff(db: AsyncSession, tariff_id: int | None) -> Tariff | None:
    if tariff_id is None:
        return None
    c = cached(db)
    if c is not None and tariff_id in c.tariffs:
        return c.tariffs[tariff_id]
    return await db.get(Tariff, tariff_id)


async def _service(db: AsyncSession, service_id: int | None) -> Service | None:
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


def tariff_refusal(
    sub: Subscriber | None,
    account: Account | None,
    tariff: Tariff,
    services_on: Iterable[Service],
) -> str | None:
    """Why `tariff` cannot be set on the number, or None. "Already on it" is not a refusal here
    (the availability check reports it separately; execution treats it as done)."""
    reason = number_refusal(sub)
    if reason is not None:
        return reason
    if not tariff.is_active:
        return "network-reason-tariff-withdrawn"
    if account is None or account.brand is not tariff.brand:
        return "network-reason-brand"
    if tariff.account_type is not None and tariff.account_type is not account.type:
        return "network-reason-account-type"
    for service in services_on:
        if tariff.code in incompatible_codes(service):
            return "network-reason-service-conflict"
    return None


def service_on_refusal(
    sub: Subscriber | None, account: Account | None, tariff: Tariff | None, service: Service
) -> str | None:
    """Why `service` cannot be switched on for the number, or None."""
    reason = number_refusal(sub)
    if reason is not None:
        return reason
    if not service.is_active:
        return "network-reason-service-withdrawn"
    if account is None or account.brand is not service.brand:
        return "network-reason-brand"
    if tariff is not None and tariff.code in incompatible_codes(service):
        return "network-reason-tariff-conflict"
    return None


async def services_on(db: AsyncSession, subscriber_id: int) -> list[Service]:
    c = cached(db)
    if c is not None and subscriber_id in c.subscribers:
        return list(c.services_on.get(subscriber_id, []))
    rows = await db.scalars(
        select(Service)
        .join(SubscriberService, SubscriberService.service_id == Service.id)
        .where(SubscriberService.subscriber_id == subscriber_id)
    )
    return list(rows)


def _param_int(order: Order, item: OrderItem, name: str) -> int | None:
    value: Any = (item.params or {}).get(name, (order.params or {}).get(name))
    return int(value) if value is not None else None


@executor(OrderKind.CHANGE_TARIFF)
async def change_tariff(db: AsyncSession, order: Order, item: OrderItem) -> str | None:
    tariff = await _tariff(db, _param_int(order, item, "tariff_id"))
    if tariff is None:
        return "network-reason-tariff-withdrawn"
    sub = await _subscriber(db, item)
    if sub is not None and sub.tariff_id == tariff.id and sub.status is SubscriberStatus.ACTIVE:
        return None
    account = await _account(db, sub)
    services = await services_on(db, sub.id) if sub is not None else []
    reason = tariff_refusal(sub, account, tariff, services)
    if reason is None and sub is not None:
        sub.tariff_id = tariff.id
    return reason


@executor(OrderKind.SERVICE_ON)
async def service_on(db: AsyncSession, order: Order, item: OrderItem) -> str | None:
    service = await _service(db, _param_int(order, item, "service_id"))
    if service is None:
        return "network-reason-service-withdrawn"
    sub = await _subscriber(db, item)
    account = await _account(db, sub)
    tariff = await _tariff(db, sub.tariff_id) if sub is not None else None
    reason = service_on_refusal(sub, account, tariff, service)
    if reason is not None or sub is None:
        return reason
    end_raw = (order.params or {}).get("end_date")
    end = date.fromisoformat(end_raw) if end_raw else None
    on = await services_on(db, sub.id)
    if all(s.id != service.id for s in on):
        db.add(
            SubscriberService(
                subscriber_id=sub.id,
                service_id=service.id,
                start_date=order.effective_date,
                end_date=end,
            )
        )
        c = cached(db)
        if c is not None:
            c.services_on.setdefault(sub.id, []).append(service)
    elif end is not None:
        row = await db.scalar(
            select(SubscriberService).where(
                SubscriberService.subscriber_id == sub.id,
                SubscriberService.service_id == service.id,
            )
        )
        if row is not None:
            row.end_date = end
    return None


@executor(OrderKind.SERVICE_OFF)
async def service_off(db: AsyncSession, order: Order, item: OrderItem) -> str | None:
    service_id = _param_int(order, item, "service_id")
    sub = await _subscriber(db, item)
    if sub is None or sub.status in (SubscriberStatus.REMOVED, SubscriberStatus.PENDING):
        return number_refusal(sub)
    on = await services_on(db, sub.id)
    if all(s.id != service_id for s in on):
        return None
    c = cached(db)
    if c is not None:
        c.services_on[sub.id] = [s for s in on if s.id != service_id]
    await db.execute(
        delete(SubscriberService).where(
            SubscriberService.subscriber_id == sub.id,
            SubscriberService.service_id == service_id,
        )
    )
    return None
