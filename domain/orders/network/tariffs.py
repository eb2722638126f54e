"""What the simulated network does with a tariff change and with services switched on or off."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.orders.network.core import (
    account_of,
    cached,
    incompatible_codes,
    number_refusal,
    service_by_id,
    subscriber_of,
    tariff_by_id,
)
from domain.types import SubscriberStatus
from storage.models import Account, Order, OrderItem, Service, Subscriber, SubscriberService, Tariff


def _offer_refusal(
    sub: Subscriber | None, account: Account | None, offer: Tariff | Service, withdrawn: str
) -> str | None:
    """What refuses a tariff and a service alike: the number, the offer `withdrawn` (that key),
    or another brand than the account's."""
    reason = number_refusal(sub)
    if reason is not None:
        return reason
    if not offer.is_active:
        return withdrawn
    if account is None or account.brand is not offer.brand:
        return "network-reason-brand"
    return None


def tariff_refusal(
    sub: Subscriber | None,
    account: Account | None,
    tariff: Tariff,
    services_on: Iterable[Service],
) -> str | None:
    """Why `tariff` cannot be set on the number, or None. "Already on it" is not a refusal here
    (the availability check reports it separately; execution treats it as done)."""
    reason = _offer_refusal(sub, account, tariff, "network-reason-tariff-withdrawn")
    if reason is not None:
        return reason
    assert account is not None  # `_offer_refusal` refuses a missing account
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
    reason = _offer_refusal(sub, account, service, "network-reason-service-withdrawn")
    if reason is not None:
        return reason
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


async def change_tariff(db: AsyncSession, order: Order, item: OrderItem) -> str | None:
    tariff = await tariff_by_id(db, _param_int(order, item, "tariff_id"))
    if tariff is None:
        return "network-reason-tariff-withdrawn"
    sub = await subscriber_of(db, item)
    if sub is not None and sub.tariff_id == tariff.id and sub.status is SubscriberStatus.ACTIVE:
        return None
    account = await account_of(db, sub)
    services = await services_on(db, sub.id) if sub is not None else []
    reason = tariff_refusal(sub, account, tariff, services)
    if reason is None and sub is not None:
        sub.tariff_id = tariff.id
    return reason


async def service_on(db: AsyncSession, order: Order, item: OrderItem) -> str | None:
    service = await service_by_id(db, _param_int(order, item, "service_id"))
    if service is None:
        return "network-reason-service-withdrawn"
    sub = await subscriber_of(db, item)
    account = await account_of(db, sub)
    tariff = await tariff_by_id(db, sub.tariff_id) if sub is not None else None
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


async def service_off(db: AsyncSession, order: Order, item: OrderItem) -> str | None:
    service_id = _param_int(order, item, "service_id")
    sub = await subscriber_of(db, item)
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
