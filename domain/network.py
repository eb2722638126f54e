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
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
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
    tariff_id = _param_int(order, item, "tariff_id")
    tariff = await db.get(Tariff, tariff_id) if tariff_id is not None else None
    if tariff is None:
        return "network-reason-tariff-withdrawn"
    sub = await db.get(Subscriber, item.subscriber_id) if item.subscriber_id else None
    if sub is not None and sub.tariff_id == tariff.id and sub.status is SubscriberStatus.ACTIVE:
        return None
    account = await db.get(Account, sub.account_id) if sub is not None else None
    services = await services_on(db, sub.id) if sub is not None else []
    reason = tariff_refusal(sub, account, tariff, services)
    if reason is None and sub is not None:
        sub.tariff_id = tariff.id
    return reason


@executor(OrderKind.SERVICE_ON)
async def service_on(db: AsyncSession, order: Order, item: OrderItem) -> str | None:
    service_id = _param_int(order, item, "service_id")
    service = await db.get(Service, service_id) if service_id is not None else None
    if service is None:
        return "network-reason-service-withdrawn"
    sub = await db.get(Subscriber, item.subscriber_id) if item.subscriber_id else None
    account = await db.get(Account, sub.account_id) if sub is not None else None
    tariff = await db.get(Tariff, sub.tariff_id) if sub is not None and sub.tariff_id else None
    reason = service_on_refusal(sub, account, tariff, service)
    if reason is not None or sub is None:
        return reason
    end_raw = (order.params or {}).get("end_date")
    end = date.fromisoformat(end_raw) if end_raw else None
    row = await db.scalar(
        select(SubscriberService).where(
            SubscriberService.subscriber_id == sub.id, SubscriberService.service_id == service.id
        )
    )
    if row is None:
        db.add(
            SubscriberService(
                subscriber_id=sub.id,
                service_id=service.id,
                start_date=order.effective_date,
                end_date=end,
            )
        )
    elif end is not None:
        row.end_date = end
    return None


@executor(OrderKind.SERVICE_OFF)
async def service_off(db: AsyncSession, order: Order, item: OrderItem) -> str | None:
    service_id = _param_int(order, item, "service_id")
    sub = await db.get(Subscriber, item.subscriber_id) if item.subscriber_id else None
    if sub is None or sub.status in (SubscriberStatus.REMOVED, SubscriberStatus.PENDING):
        return number_refusal(sub)
    await db.execute(
        delete(SubscriberService).where(
            SubscriberService.subscriber_id == sub.id,
            SubscriberService.service_id == service_id,
        )
    )
    return None
