"""Orders: placing them, executing them at their date, and telling the people concerned.

Every change the operator's network makes (tariff, services, SIM, blocking, forwarding) and
every document order is an `Order` with one `OrderItem` per number (or account). A section
places it with `place_order` after its own scope checks; the scheduler's `execute_due_orders`
runs due orders through the installed network (`domain.orders.network`) and writes, in the same
transaction, each number's
result, the order's status, one push to its creator and the SMS / e-mail the subscribers were
promised.
"""

from __future__ import annotations

import html
import logging
import os
import socket
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from domain import claims
from domain.access.checks import Principal
from domain.audit import audit
from domain.claims import claimable, write_if_unchanged
from domain.clock import fmt_date, today_local, utcnow
from domain.db import Db
from domain.errors import AccessDenied
from domain.notifications import notify_user, send_email, send_sms
from domain.orders.network import core as network
from domain.orders.network.core import Executor
from domain.types import Channel, OrderItemStatus, OrderKind, OrderStatus
from storage.models import Order, OrderItem, Subscriber

log = logging.getLogger(__name__)

# What the operator's network does with each kind of order: installed by the entry point
# (`bot.wiring.configure`), the simulation by default, a real integration in its place.
_EXECUTORS: dict[OrderKind, Executor] = {}


def install_network(executors: Mapping[OrderKind, Executor]) -> None:
    """Let the network execute these kinds of orders (the others wait for their own job)."""
    _EXECUTORS.clear()
    _EXECUTORS.update(executors)


def network_executor(kind: OrderKind) -> Executor | None:
    return _EXECUTORS.get(kind)


# An order claimed by an instance that died mid-way is taken again after this long.
CLAIM_STALE = timedelta(minutes=10)
# What the reminder reads to decide (`domain.claims.write_if_unchanged`).
_REMINDER_STATE = (Order.status, Order.effective_date, Order.reminded_at)
# Orders taken per tick; the rest wait for the next tick (a few seconds).
CLAIM_BATCH = 20
_CHUNK = 500  # ids per IN (...) clause

OPEN_STATUSES = (OrderStatus.NEW, OrderStatus.SCHEDULED, OrderStatus.IN_PROGRESS)
FINAL_STATUSES = (
    OrderStatus.COMPLETED,
    OrderStatus.PARTIAL,
    OrderStatus.FAILED,
    OrderStatus.CANCELLED,
)


@dataclass(frozen=True)
class ItemSpec:
    """One number (or account) of an order, with what it needs beyond the order's params."""

    subscriber_id: int | None = None
    account_id: int | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OrderRef:
    id: int
    status: OrderStatus
    items: int
    # False when the request key named an order placed before ("apply" pressed twice).
    created: bool
    effective_date: date | None


def _worker_token() -> str:
    # Unique per claim, so that the rows this tick took are exactly those carrying it.
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _insert_ignoring_duplicate(db: Db) -> Any:
    dialect = db.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(Order).on_conflict_do_nothing(
            index_elements=["company_id", "request_key"]
        )
    return sqlite.insert(Order).on_conflict_do_nothing(index_elements=["company_id", "request_key"])


async def _existing(db: Db, company_id: int, request_key: str) -> OrderRef | None:
    order = await db.scalar(
        select(Order).where(Order.company_id == company_id, Order.request_key == request_key)
    )
    if order is None:
        return None
    n = await db.scalar(select(func.count()).where(OrderItem.order_id == order.id)) or 0
    return OrderRef(order.id, order.status, n, False, order.effective_date)


async def _write_items(db: Db, order_id: int, items: Sequence[ItemSpec]) -> None:
    """The order's items, pending, in bulk."""
    rows = [
        {
            "order_id": order_id,
            "subscriber_id": spec.subscriber_id,
            "account_id": spec.account_id,
            "status": OrderItemStatus.PENDING,
            "params": spec.params or None,
        }
        for spec in items
    ]
    for start in range(0, len(rows), _CHUNK):
        await db.execute(insert(OrderItem), rows[start : start + _CHUNK])


async def place_order(
    db: Db,
    principal: Principal | None,
    *,
    kind: OrderKind,
    items: Sequence[ItemSpec],
    request_key: str,
    params: dict[str, Any] | None = None,
    effective_date: date | None = None,
    notify_channel: Channel | None = None,
) -> OrderRef:
    """Write the order and its items in the caller's transaction and audit it.

    The caller has scope-checked every id. The same (company, request_key) again returns the
    order placed the first time instead of a second one. Due today or earlier: NEW, executed on
    the scheduler's next tick; a later date: SCHEDULED.
    """
    if principal is None:
        raise AccessDenied("need-login")
    request_key = request_key[:64]
    found = await _existing(db, principal.company_id, request_key)
    if found is not None:
        return found
    today = today_local()
    effective = effective_date or today
    status = OrderStatus.SCHEDULED if effective > today else OrderStatus.NEW
    stmt = (
        _insert_ignoring_duplicate(db)
        .values(
            company_id=principal.company_id,
            created_by_user_id=principal.user_id,
            kind=kind,
            status=status,
            params=params or {},
            effective_date=effective,
            notify_channel=notify_channel,
            request_key=request_key,
            created_at=utcnow(),
        )
        .returning(Order.id)
    )
    order_id = (await db.execute(stmt)).scalar()
    if order_id is None:
        # Another transaction placed it between our look and our insert.
        found = await _existing(db, principal.company_id, request_key)
        assert found is not None
        return found
    await _write_items(db, order_id, items)
    await audit(
        db,
        principal,
        f"order.{kind.value}",
        object_type="order",
        object_id=order_id,
        details={"items": len(items), "effective_date": effective.isoformat()},
    )
    return OrderRef(order_id, status, len(items), True, effective)


async def _claim_due(db: Db, limit: int) -> tuple[str, list[int]]:
    now = utcnow()
    stale = now - claims.timeout(CLAIM_STALE)
    kinds = list(_EXECUTORS)
    if not kinds:
        return "", []
    due = or_(
        Order.status.in_((OrderStatus.NEW, OrderStatus.SCHEDULED)),
        # Taken by an instance that died before finishing: nothing of it was committed.
        (Order.status == OrderStatus.IN_PROGRESS) & (Order.claimed_at < stale),
    )
    stmt = (
        select(Order.id)
        .where(due, Order.kind.in_(kinds), Order.effective_date <= today_local())
        .order_by(Order.effective_date, Order.id)
        .limit(limit)
    )
    if db.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    ids = list(await db.scalars(stmt))
    token = _worker_token()
    if not ids:
        await db.commit()
        return token, []
    # Conditional, so an order another instance took (or a user cancelled) in between is not
    # taken again.
    await db.execute(
        update(Order)
        .where(Order.id.in_(ids), due)
        .values(status=OrderStatus.IN_PROGRESS, claimed_by=token, claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    await db.commit()
    mine = await db.scalars(
        select(Order.id).where(Order.id.in_(ids), Order.claimed_by == token).order_by(Order.id)
    )
    return token, list(mine)


def _fluent_params(*sources: dict[str, Any] | None, escape: bool = False) -> dict[str, Any]:
    """Scalar parameters a locale message can use; `escape` for a push (HTML), not for SMS."""
    out: dict[str, Any] = {}
    for src in sources:
        for k, v in (src or {}).items():
            if isinstance(v, bool) or not isinstance(v, str | int | float):
                continue
            out[k] = html.escape(v) if escape and isinstance(v, str) else v
    return out


async def _finish(db: Db, order: Order, done: int, failed: int) -> None:
    if failed == 0:
        order.status = OrderStatus.COMPLETED
    elif done == 0:
        order.status = OrderStatus.FAILED
    else:
        order.status = OrderStatus.PARTIAL
    order.completed_at = utcnow()
    order.claimed_by = None
    if order.created_by_user_id is not None:
        await notify_user(
            db,
            order.created_by_user_id,
            "orders-push-finished",
            _fluent_params(
                order.params,
                {
                    "id": order.id,
                    "kind": order.kind.value,
                    "status": order.status.value,
                    "done": done,
                    "failed": failed,
                    "total": done + failed,
                    "n": done + failed,
                },
                escape=True,
            ),
            card=("order", order.id),
        )


async def _notify_subscribers(db: Db, order: Order, done_items: Sequence[OrderItem]) -> None:
    channel = order.notify_channel
    if channel not in (Channel.SMS, Channel.EMAIL) or not done_items:
        return
    when = fmt_date(order.effective_date or today_local())
    for item in done_items:
        if item.subscriber_id is None:
            continue
        sub = await db.get(Subscriber, item.subscriber_id)
        if sub is None:
            continue
        params = _fluent_params(order.params, item.params, {"kind": order.kind.value, "date": when})
        params["msisdn"] = sub.msisdn
        if channel is Channel.SMS:
            await send_sms(db, sub.msisdn, "orders-subscriber-notice", params)
        elif sub.email:
            await send_email(
                db,
                sub.email,
                "orders-subscriber-notice",
                params,
                subject_key="orders-subscriber-notice-subject",
            )


async def _run_items(
    db: Db, order: Order, items: Sequence[OrderItem], run: Executor, now: datetime
) -> list[OrderItem]:
    """Each pending number through the network; the numbers done (also those done before)."""
    done: list[OrderItem] = []
    for item in items:
        if item.status is OrderItemStatus.PENDING:
            reason = await run(db, order, item)
            item.done_at = now
            if reason is None:
                item.status = OrderItemStatus.DONE
            else:
                item.status = OrderItemStatus.FAILED
                item.reason = reason
        if item.status is OrderItemStatus.DONE:
            done.append(item)
    return done


async def _still_mine(db: Db, order_id: int, token: str) -> bool:
    """Whether this claim still holds the order, renewed and kept for this transaction (the row
    lock on PostgreSQL, the writer's lock on SQLite): a claim that went stale while the batch
    waited may have been taken by another instance, which then runs the order, not this one."""
    result = await db.execute(
        update(Order)
        .where(
            Order.id == order_id,
            Order.status == OrderStatus.IN_PROGRESS,
            Order.claimed_by == token,
        )
        .values(claimed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


async def _execute(db: Db, order_id: int, token: str) -> bool:
    """Run one claimed order; → False when the claim was lost (another instance runs it)."""
    if not await _still_mine(db, order_id, token):
        await db.rollback()
        return False
    order = await db.get(Order, order_id)
    if order is None:
        return False
    run = _EXECUTORS[order.kind]
    items = list(
        await db.scalars(
            select(OrderItem).where(OrderItem.order_id == order_id).order_by(OrderItem.id)
        )
    )
    now = utcnow()
    try:
        await network.prepare(db, items)
        # The executors read what `prepare` loaded; their changes are written in one flush.
        with db.no_autoflush:
            done = await _run_items(db, order, items, run, now)
        # The coordinator's push first: the notifier takes rows in id order, and it should
        # not wait behind thousands of SMS.
        await _finish(db, order, len(done), len(items) - len(done))
        await _notify_subscribers(db, order, done)
        await db.commit()
    except Exception:
        log.exception("order %s: the network simulation failed", order_id)
        await db.rollback()
        order = await db.get(Order, order_id) if await _still_mine(db, order_id, token) else None
        if order is None:
            await db.rollback()
            return False
        await db.execute(
            update(OrderItem)
            .where(OrderItem.order_id == order_id)
            .values(status=OrderItemStatus.FAILED, reason="network-reason-internal", done_at=now)
            .execution_options(synchronize_session=False)
        )
        order.failed_reason = "network-reason-internal"
        await _finish(db, order, 0, len(items))
        await db.commit()
    finally:
        network.release(db)
    return True


async def execute_due_orders(db: Db) -> int:
    """The scheduler's tick: execute every order due today or earlier; returns how many.

    Safe with several instances: an order is claimed (conditional update; `FOR UPDATE SKIP
    LOCKED` on PostgreSQL) and committed as IN_PROGRESS before it runs; its results, status and
    pushes are one transaction, so it either happened once or not at all. An instance that dies
    mid-way leaves a claim that goes stale after `CLAIM_STALE` (or `CLAIM_TIMEOUT_SECONDS`)
    and is taken again. Kinds without an executor (documents) are left to their own job.
    """
    n = 0
    while True:
        token, ids = await _claim_due(db, CLAIM_BATCH)
        for order_id in ids:
            n += await _execute(db, order_id, token)
        if len(ids) < CLAIM_BATCH:
            return n


async def remind_upcoming_orders(db: Db) -> int:
    """The day before a scheduled order takes effect, remind its creator once, however many
    instances run this (`domain.claims`)."""
    tomorrow = today_local() + timedelta(days=1)
    stmt = (
        select(Order)
        .where(
            Order.status == OrderStatus.SCHEDULED,
            Order.effective_date == tomorrow,
            Order.reminded_at.is_(None),
        )
        .order_by(Order.id)
        .limit(200)
    )
    orders = list(await db.scalars(await claimable(db, stmt)))
    now = utcnow()
    reminded = 0
    for order in orders:
        # Not reminded, still scheduled for tomorrow: else another instance (or a cancel) won.
        if not await write_if_unchanged(db, order, _REMINDER_STATE, reminded_at=now):
            continue
        reminded += 1
        if order.created_by_user_id is None:
            continue
        n = await db.scalar(select(func.count()).where(OrderItem.order_id == order.id)) or 0
        await notify_user(
            db,
            order.created_by_user_id,
            "orders-push-reminder",
            _fluent_params(
                order.params,
                {"id": order.id, "kind": order.kind.value, "date": fmt_date(tomorrow), "n": n},
                escape=True,
            ),
            card=("order", order.id),
        )
    return reminded
