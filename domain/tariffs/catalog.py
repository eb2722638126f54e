"""Tariffs and services: the catalogue, the availability check per number, and the orders that
change a tariff or switch a service on or off for many numbers at once.

The availability check and the execution use the same rules (`domain.orders.network.tariffs`);
on top of them
it refuses what only makes sense before an order: a number already on the tariff (or with the
service already on / not on), and a number already in an open order for the same tariff change
or the same service.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from domain.access.checks import Permission, Principal, ensure_permission, scope_subscribers
from domain.clock import next_month_start, today_local
from domain.db import Db
from domain.errors import AccessDenied, NotFound, ValidationFailed
from domain.orders.network.core import incompatible_codes
from domain.orders.network.tariffs import service_on_refusal, tariff_refusal
from domain.orders.placing import OPEN_STATUSES, ItemSpec, OrderRef, place_order
from domain.tariffs.selection import (
    Bucket,
    NumbersPage,
    buckets,
    checked_numbers,
    numbers_of,
    numbers_page,
)
from domain.types import AccountType, Brand, Channel, DatePick, OrderKind, PickMode
from storage.models import (
    Account,
    Order,
    OrderItem,
    Service,
    Subscriber,
    SubscriberService,
    Tariff,
)

_CHUNK = 500
# How far ahead a change may be scheduled.
MAX_AHEAD = timedelta(days=366)
KINDS = (OrderKind.CHANGE_TARIFF, OrderKind.SERVICE_ON, OrderKind.SERVICE_OFF)


def permission_for(kind: OrderKind) -> Permission:
    return (
        Permission.CHANGE_TARIFF if kind is OrderKind.CHANGE_TARIFF else Permission.MANAGE_SERVICES
    )


@dataclass(frozen=True)
class TariffInfo:
    id: int
    code: str
    name: str
    brand: Brand
    fee_kop: int
    description: str
    account_type: AccountType | None
    numbers_on: int  # the company's numbers in reach that are on it


@dataclass(frozen=True)
class ServiceInfo:
    id: int
    code: str
    name: str
    brand: Brand
    fee_kop: int
    description: str
    incompatible: tuple[str, ...]  # names of the tariffs it cannot be used with
    numbers_on: int


async def _section(db: Db, principal: Principal | None) -> Principal:
    if principal is not None and not principal.can(Permission.CHANGE_TARIFF):
        return await ensure_permission(db, principal, Permission.MANAGE_SERVICES, action="catalog")
    return await ensure_permission(db, principal, Permission.CHANGE_TARIFF, action="catalog")


async def _brands(db: Db, principal: Principal) -> set[Brand]:
    """The brands of the numbers in the principal's reach: a number manager of a MegaFon
    number, or the coordinator of a Yota account only, is offered that brand's catalogue."""
    rows = await db.scalars(
        scope_subscribers(
            select(Account.brand).join(Subscriber, Subscriber.account_id == Account.id),
            principal,
        ).distinct()
    )
    return set(rows) or {principal.brand}


async def _count_on(
    db: Db, principal: Principal, column: Any, ids: Sequence[int]
) -> dict[int, int]:
    if column is Subscriber.tariff_id:
        stmt = select(Subscriber.tariff_id, func.count()).group_by(Subscriber.tariff_id)
    else:
        stmt = (
            select(SubscriberService.service_id, func.count())
            .join(Subscriber, Subscriber.id == SubscriberService.subscriber_id)
            .group_by(SubscriberService.service_id)
        )
    rows = await db.execute(scope_subscribers(stmt, principal))
    return {k: v for k, v in rows if k in ids}


@dataclass(frozen=True)
class SectionAccess:
    tariffs: bool  # may change tariffs
    services: bool  # may switch services


async def open_section(db: Db, principal: Principal | None) -> SectionAccess:
    """What the user may do in «Тарифы и услуги»; refused (audited) with neither."""
    principal = await _section(db, principal)
    return SectionAccess(
        principal.can(Permission.CHANGE_TARIFF), principal.can(Permission.MANAGE_SERVICES)
    )


@dataclass(frozen=True)
class Target:
    kind: OrderKind
    id: int
    name: str
    fee_kop: int


async def start_change(
    db: Db, principal: Principal | None, kind: OrderKind, target_id: int
) -> Target:
    """The beginning of a change dialog: the level must allow it and the tariff or service must
    be on offer."""
    if kind not in KINDS:
        raise NotFound()
    await ensure_permission(db, principal, permission_for(kind), action=f"order.{kind.value}")
    target = await _target(db, kind, target_id)
    return Target(kind, target.id, target.name, target.monthly_fee_kop)


def may_change(principal: Principal) -> SectionAccess:
    """Which change buttons a card shows (each change still checks when it starts)."""
    return SectionAccess(
        principal.can(Permission.CHANGE_TARIFF), principal.can(Permission.MANAGE_SERVICES)
    )


# The numbers of a change: each use case checks the permission of the change `kind` and audits
# a refusal as `order.<kind>`, so the dialog names the change, never a permission.


async def numbers_for_change(
    db: Db, principal: Principal, kind: OrderKind, page: int, per_page: int, query: str = ""
) -> NumbersPage:
    """A page of the check-box list of the numbers a change may be for."""
    return await numbers_page(db, principal, permission_for(kind), page, per_page, query=query)


async def buckets_for_change(
    db: Db, principal: Principal, kind: OrderKind, mode: PickMode
) -> list[Bucket]:
    return await buckets(db, principal, permission_for(kind), mode)


async def pick_for_change(
    db: Db, principal: Principal, kind: OrderKind, subscriber_ids: list[int]
) -> list[int]:
    """Numbers ticked for a change, each one checked now."""
    action = f"order.{kind.value}"
    return await checked_numbers(db, principal, subscriber_ids, permission_for(kind), action)


async def numbers_of_bucket(
    db: Db, principal: Principal, kind: OrderKind, mode: PickMode, object_id: int = 0
) -> list[int]:
    """Every number in reach of a group, a label, an account, or all (`PickMode.ALL`)."""
    action = f"order.{kind.value}"
    return await numbers_of(db, principal, mode, object_id, permission_for(kind), action)


def _tariff_info(t: Tariff, n: int) -> TariffInfo:
    return TariffInfo(
        t.id, t.code, t.name, t.brand, t.monthly_fee_kop, t.description, t.account_type, n
    )


async def tariffs(db: Db, principal: Principal | None) -> list[TariffInfo]:
    """Tariffs on offer for the brands of the company's accounts, cheapest first."""
    principal = await _section(db, principal)
    brands = await _brands(db, principal)
    rows = list(
        await db.scalars(
            select(Tariff)
            .where(Tariff.is_active.is_(True), Tariff.brand.in_(brands))
            .order_by(Tariff.brand, Tariff.monthly_fee_kop, Tariff.name)
        )
    )
    counts = await _count_on(db, principal, Subscriber.tariff_id, [t.id for t in rows])
    return [_tariff_info(t, counts.get(t.id, 0)) for t in rows]


async def tariff_card(db: Db, principal: Principal | None, tariff_id: int) -> TariffInfo:
    principal = await _section(db, principal)
    t = await db.get(Tariff, tariff_id)
    if t is None or not t.is_active:
        raise NotFound("cat-tariff-gone")
    counts = await _count_on(db, principal, Subscriber.tariff_id, [t.id])
    return _tariff_info(t, counts.get(t.id, 0))


async def _service_info(
    db: Db, principal: Principal, services: Sequence[Service]
) -> list[ServiceInfo]:
    codes = set().union(*(incompatible_codes(s) for s in services)) if services else set()
    names = {
        c: n
        for c, n in await db.execute(select(Tariff.code, Tariff.name).where(Tariff.code.in_(codes)))
    }
    counts = await _count_on(db, principal, SubscriberService.service_id, [s.id for s in services])
    return [
        ServiceInfo(
            s.id,
            s.code,
            s.name,
            s.brand,
            s.monthly_fee_kop,
            s.description,
            tuple(names.get(c, c) for c in sorted(incompatible_codes(s))),
            counts.get(s.id, 0),
        )
        for s in services
    ]


async def services(db: Db, principal: Principal | None) -> list[ServiceInfo]:
    principal = await _section(db, principal)
    brands = await _brands(db, principal)
    rows = list(
        await db.scalars(
            select(Service)
            .where(Service.is_active.is_(True), Service.brand.in_(brands))
            .order_by(Service.brand, Service.name)
        )
    )
    return await _service_info(db, principal, rows)


async def service_card(db: Db, principal: Principal | None, service_id: int) -> ServiceInfo:
    principal = await _section(db, principal)
    s = await db.get(Service, service_id)
    if s is None or not s.is_active:
        raise NotFound("cat-service-gone")
    return (await _service_info(db, principal, [s]))[0]


# --- availability -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    subscriber_id: int
    msisdn: str
    reason: str  # a locale key
    order_id: int | None = None  # the overlapping order, when that is the reason


@dataclass(frozen=True)
class Availability:
    kind: OrderKind
    target_id: int
    target_name: str
    available: tuple[int, ...]
    refused: tuple[Refusal, ...]
    fee_delta_kop: int  # the monthly cost change for the available numbers
    # Available numbers with no e-mail: an e-mail notice does not reach them.
    without_email: int = 0


async def _target(db: Db, kind: OrderKind, target_id: int) -> Tariff | Service:
    obj: Tariff | Service | None
    if kind is OrderKind.CHANGE_TARIFF:
        obj = await db.get(Tariff, target_id)
        gone = "cat-tariff-gone"
    else:
        obj = await db.get(Service, target_id)
        gone = "cat-service-gone"
    if obj is None or not obj.is_active:
        raise NotFound(gone)
    return obj


async def _overlaps(db: Db, kind: OrderKind, target_id: int, ids: Sequence[int]) -> dict[int, int]:
    """Number → an open order that already changes the same tariff / the same service on it."""
    kinds = (
        (OrderKind.CHANGE_TARIFF,)
        if kind is OrderKind.CHANGE_TARIFF
        else (OrderKind.SERVICE_ON, OrderKind.SERVICE_OFF)
    )
    out: dict[int, int] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = await db.execute(
            select(OrderItem.subscriber_id, Order.id, Order.params)
            .join(Order, Order.id == OrderItem.order_id)
            .where(
                OrderItem.subscriber_id.in_(ids[start : start + _CHUNK]),
                Order.status.in_(OPEN_STATUSES),
                Order.kind.in_(kinds),
            )
        )
        for sub_id, order_id, params in rows:
            # Any open tariff change of a number conflicts (one number, one tariff); services
            # conflict only for the same service.
            if kind is OrderKind.CHANGE_TARIFF or (params or {}).get("service_id") == target_id:
                out.setdefault(sub_id, order_id)
    return out


@dataclass
class _Numbers:
    """The numbers asked about: each one's row, account and the services it has on."""

    subs: dict[int, Subscriber]
    accounts: dict[int, Account]
    on: dict[int, list[Service]]


async def _numbers(db: Db, ids: list[int]) -> _Numbers:
    found = _Numbers({}, {}, {})
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for sub, account in await db.execute(
            select(Subscriber, Account)
            .join(Account, Account.id == Subscriber.account_id)
            .where(Subscriber.id.in_(chunk))
        ):
            found.subs[sub.id] = sub
            found.accounts[sub.id] = account
        for sub_id, service in await db.execute(
            select(SubscriberService.subscriber_id, Service)
            .join(Service, Service.id == SubscriberService.service_id)
            .where(SubscriberService.subscriber_id.in_(chunk))
        ):
            found.on.setdefault(sub_id, []).append(service)
    return found


def _refusal(
    kind: OrderKind,
    target: Tariff | Service,
    sub: Subscriber,
    account: Account,
    current: Tariff | None,
    services_on: list[Service],
) -> str | None:
    """Why this number cannot take the change (a message id), or None."""
    if kind is OrderKind.CHANGE_TARIFF:
        assert isinstance(target, Tariff)
        if sub.tariff_id == target.id:
            return "avail-reason-same-tariff"
        return tariff_refusal(sub, account, target, services_on)
    if kind is OrderKind.SERVICE_ON:
        assert isinstance(target, Service)
        if any(s.id == target.id for s in services_on):
            return "avail-reason-service-already-on"
        return service_on_refusal(sub, account, current, target)
    return None if any(s.id == target.id for s in services_on) else "avail-reason-service-not-on"


def _fee_change(kind: OrderKind, target: Tariff | Service, current: Tariff | None) -> int:
    """How the monthly fee of one number changes with the order."""
    if kind is OrderKind.CHANGE_TARIFF:
        return target.monthly_fee_kop - (current.monthly_fee_kop if current else 0)
    if kind is OrderKind.SERVICE_ON:
        return target.monthly_fee_kop
    return -target.monthly_fee_kop


async def check_availability(
    db: Db,
    principal: Principal | None,
    kind: OrderKind,
    target_id: int,
    subscriber_ids: Iterable[int],
) -> Availability:
    """Per number: can this tariff be set / this service be switched on or off, and if not,
    why. Every number must be in the principal's reach (else the whole request is refused)."""
    if kind not in KINDS:
        raise NotFound()
    if principal is None:
        raise await _need_login()
    action = f"order.{kind.value}"
    ids = await checked_numbers(db, principal, subscriber_ids, permission_for(kind), action)
    target = await _target(db, kind, target_id)
    numbers = await _numbers(db, ids)
    tariffs_by_id = {t.id: t for t in await db.scalars(select(Tariff))}
    overlaps = await _overlaps(db, kind, target_id, ids)
    available: list[int] = []
    refused: list[Refusal] = []
    delta = 0
    for sub_id in ids:
        sub = numbers.subs[sub_id]
        current = tariffs_by_id.get(sub.tariff_id) if sub.tariff_id else None
        services_on = numbers.on.get(sub_id, [])
        reason = _refusal(kind, target, sub, numbers.accounts[sub_id], current, services_on)
        overlap = overlaps.get(sub_id)
        if reason is None and overlap is not None:
            refused.append(Refusal(sub_id, sub.msisdn, "avail-reason-overlap", overlap))
        elif reason is not None:
            refused.append(Refusal(sub_id, sub.msisdn, reason))
        else:
            available.append(sub_id)
            delta += _fee_change(kind, target, current)
    without_email = sum(1 for sub_id in available if not numbers.subs[sub_id].email)
    return Availability(
        kind, target.id, target.name, tuple(available), tuple(refused), delta, without_email
    )


async def _need_login() -> Exception:
    return AccessDenied("need-login")


def check_effective_date(value: date, today: date | None = None) -> date:
    """A date a change may take effect on: today or later, within a year."""
    today = today or today_local()
    if value < today:
        raise ValidationFailed("cat-date-past")
    if value > today + MAX_AHEAD:
        raise ValidationFailed("cat-date-far")
    return value


def date_span(today: date | None = None) -> tuple[date, date]:
    """The first and the last day a change may take effect on (what `check_effective_date`
    accepts): for a calendar to offer."""
    today = today or today_local()
    return today, today + MAX_AHEAD


def coming_days(today: date | None = None, n: int = 6) -> list[date]:
    """Tomorrow and the days after it, to pick from."""
    today = today or today_local()
    return [today + timedelta(days=i) for i in range(1, n + 1)]


def picked_date(pick: DatePick | date, today: date | None = None) -> date:
    """A date from a button: today, the 1st of next month, or a day (checked like a typed one:
    callback data can be forged)."""
    today = today or today_local()
    if pick is DatePick.TODAY:
        return today
    if pick is DatePick.NEXT_MONTH:
        return first_of_next_month(today)
    return check_effective_date(pick, today)


def first_of_next_month(today: date | None = None) -> date:
    """The 1st of next month (by the clock's today when none is given)."""
    return next_month_start(today or today_local())


async def order_change(
    db: Db,
    principal: Principal | None,
    *,
    kind: OrderKind,
    target_id: int,
    subscriber_ids: Iterable[int],
    effective_date: date,
    notify_channel: Channel | None,
    request_key: str,
) -> tuple[OrderRef, Availability | None]:
    """Place the order for the numbers that are available now (checked again: time passed since
    the summary). The same request key again returns the order placed the first time."""
    if principal is None:
        raise await _need_login()
    await ensure_permission(db, principal, permission_for(kind), action=f"order.{kind.value}")
    existing = await db.scalar(
        select(Order.id).where(
            Order.company_id == principal.company_id, Order.request_key == request_key
        )
    )
    if existing is not None:
        # "Apply" pressed twice: the numbers are now in that order, so do not check again.
        ref = await place_order(db, principal, kind=kind, items=(), request_key=request_key)
        return ref, None
    check_effective_date(effective_date)
    avail = await check_availability(db, principal, kind, target_id, subscriber_ids)
    if not avail.available:
        raise ValidationFailed("cat-none-available")
    key = "tariff" if kind is OrderKind.CHANGE_TARIFF else "service"
    ref = await place_order(
        db,
        principal,
        kind=kind,
        items=[ItemSpec(subscriber_id=i) for i in avail.available],
        request_key=request_key,
        params={
            f"{key}_id": avail.target_id,
            f"{key}_name": avail.target_name,
            "fee_delta_kop": avail.fee_delta_kop,
        },
        effective_date=effective_date,
        notify_channel=notify_channel,
    )
    return ref, avail
