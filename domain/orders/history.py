"""«Заказы и заявки»: every order of every kind the user may see, its card with each number's
result, filters by status and kind, and cancelling a scheduled order until it starts.

Who sees what: coordinators (of the company or of its accounts) and assistants see the orders
of the company that they placed or that touch a number in their reach; number managers and
viewers, the orders they placed or that touch their own number. A card lists only the numbers in
the user's reach. Cancelling needs the level that may place that kind of order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select, update

from domain.access.checks import (
    Permission,
    Principal,
    deny,
    ensure_permission,
    scope_accounts,
    scope_subscribers,
)
from domain.audit import audit
from domain.clock import utcnow
from domain.db import Db
from domain.errors import Conflict, NotFound
from domain.types import OrderItemStatus, OrderKind, OrderStatus, Role
from domain.types import StatusFilter as StatusFilter  # in types: keyboards use it
from storage.models import Account, Order, OrderItem, Subscriber

_STATUS_SETS: dict[StatusFilter, tuple[OrderStatus, ...]] = {
    StatusFilter.OPEN: (OrderStatus.NEW, OrderStatus.SCHEDULED, OrderStatus.IN_PROGRESS),
    StatusFilter.DONE: (OrderStatus.COMPLETED,),
    StatusFilter.PROBLEM: (OrderStatus.PARTIAL, OrderStatus.FAILED),
    StatusFilter.CANCELLED: (OrderStatus.CANCELLED,),
}

# Who may cancel an order of each kind: the level that may place it.
_CANCEL_PERMISSION: dict[OrderKind, Permission] = {
    OrderKind.CHANGE_TARIFF: Permission.CHANGE_TARIFF,
    OrderKind.SERVICE_ON: Permission.MANAGE_SERVICES,
    OrderKind.SERVICE_OFF: Permission.MANAGE_SERVICES,
    OrderKind.FORWARDING: Permission.MANAGE_FORWARDING,
    OrderKind.REPLACE_SIM: Permission.REPLACE_SIM,
    OrderKind.ATTACH_SIM: Permission.REPLACE_SIM,
    OrderKind.BLOCK: Permission.MANAGE_SUBSCRIBERS,
    OrderKind.UNBLOCK: Permission.MANAGE_SUBSCRIBERS,
    OrderKind.DOCUMENTS: Permission.ORDER_DOCUMENTS,
    OrderKind.RECONCILIATION: Permission.ORDER_DOCUMENTS,
}


@dataclass(frozen=True)
class OrderRow:
    id: int
    kind: OrderKind
    status: OrderStatus
    created_at: datetime
    effective_date: date | None
    items: int
    params: dict[str, Any]


@dataclass(frozen=True)
class OrdersPage:
    items: list[OrderRow]
    page: int
    pages: int
    total: int


@dataclass(frozen=True)
class ItemRow:
    msisdn: str
    name: str
    status: OrderItemStatus
    reason: str | None
    account: str = ""  # an account's number, for the items of a documents order


@dataclass(frozen=True)
class OrderCard:
    order: OrderRow
    done: int
    failed: int
    pending: int
    lines: list[ItemRow]
    page: int
    pages: int
    failed_reason: str | None
    completed_at: datetime | None
    can_cancel: bool


def _visible(principal: Principal) -> ColumnElement[bool]:
    """SQL condition on `Order`: the orders this principal may see."""
    mine = Order.created_by_user_id == principal.user_id
    if (
        principal.role in (Role.UNION_COORDINATOR, Role.COORDINATOR)
        and principal.account_ids is None
    ):
        return Order.company_id == principal.company_id
    in_reach = scope_subscribers(select(Subscriber.id), principal)
    touches = exists(
        select(OrderItem.id).where(
            OrderItem.order_id == Order.id, OrderItem.subscriber_id.in_(in_reach.scalar_subquery())
        )
    )
    return (Order.company_id == principal.company_id) & or_(mine, touches)


async def list_orders(
    db: Db,
    principal: Principal | None,
    *,
    status: StatusFilter = StatusFilter.ANY,
    kind: OrderKind | None = None,
    page: int = 0,
    per_page: int = 8,
) -> OrdersPage:
    principal = await ensure_permission(db, principal, Permission.VIEW_ORDERS, action="orders")
    cond = [_visible(principal)]
    if status is not StatusFilter.ANY:
        cond.append(Order.status.in_(_STATUS_SETS[status]))
    if kind is not None:
        cond.append(Order.kind == kind)
    total = await db.scalar(select(func.count(Order.id)).where(*cond)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 0), pages - 1)
    count_items = (
        select(func.count(OrderItem.id)).where(OrderItem.order_id == Order.id).scalar_subquery()
    )
    rows = await db.execute(
        select(Order, count_items)
        .where(*cond)
        .order_by(Order.created_at.desc(), Order.id.desc())
        .offset(page * per_page)
        .limit(per_page)
    )
    items = [_row(o, n) for o, n in rows]
    return OrdersPage(items, page, pages, total)


def _row(o: Order, n: int) -> OrderRow:
    return OrderRow(o.id, o.kind, o.status, o.created_at, o.effective_date, n, dict(o.params or {}))


async def _checked_order(db: Db, principal: Principal, order_id: int, action: str) -> Order:
    order = await db.get(Order, order_id)
    if order is None:
        raise NotFound("orders-not-found")
    visible = await db.scalar(select(Order.id).where(Order.id == order_id, _visible(principal)))
    if visible is None:
        raise await deny(
            db,
            principal,
            action,
            object_type="order",
            object_id=order_id,
            reason="other_company" if order.company_id != principal.company_id else "scope",
        )
    return order


def _cancellable(principal: Principal, order: Order) -> bool:
    perm = _CANCEL_PERMISSION.get(order.kind)
    return (
        order.status is OrderStatus.SCHEDULED
        and perm is not None
        and principal.can(perm)
        and (
            order.created_by_user_id == principal.user_id
            or principal.role in (Role.UNION_COORDINATOR, Role.COORDINATOR)
        )
    )


def _visible_items(principal: Principal, order: Order) -> list[ColumnElement[bool]]:
    """The order's items the principal sees: all of them for a coordinator of the whole company
    or the order's author; a narrower level sees the numbers (or, for documents, the accounts)
    in its reach."""
    cond: list[ColumnElement[bool]] = [OrderItem.order_id == order.id]
    whole = principal.role in (Role.UNION_COORDINATOR, Role.COORDINATOR)
    if (whole and principal.account_ids is None) or order.created_by_user_id == principal.user_id:
        return cond
    in_reach = scope_subscribers(select(Subscriber.id), principal).scalar_subquery()
    accounts_in_reach = scope_accounts(select(Account.id), principal).scalar_subquery()
    cond.append(
        or_(
            OrderItem.subscriber_id.in_(in_reach),
            OrderItem.subscriber_id.is_(None) & OrderItem.account_id.in_(accounts_in_reach),
        )
    )
    return cond


async def order_card(
    db: Db, principal: Principal | None, order_id: int, *, page: int = 0, per_page: int = 10
) -> OrderCard:
    principal = await ensure_permission(db, principal, Permission.VIEW_ORDERS, action="order.card")
    order = await _checked_order(db, principal, order_id, "order.card")
    item_cond = _visible_items(principal, order)
    counts = dict(
        (
            await db.execute(
                select(OrderItem.status, func.count()).where(*item_cond).group_by(OrderItem.status)
            )
        ).all()
    )
    total = sum(counts.values())
    pages = max(1, -(-total // per_page))
    page = min(max(page, 0), pages - 1)
    # Failed numbers first: they are what the user has to act on.
    failed_first = OrderItem.status != OrderItemStatus.FAILED
    rows = await db.execute(
        select(
            Subscriber.msisdn,
            Subscriber.employee_name,
            OrderItem.status,
            OrderItem.reason,
            Account.number,
        )
        .join(Subscriber, Subscriber.id == OrderItem.subscriber_id, isouter=True)
        .join(Account, Account.id == OrderItem.account_id, isouter=True)
        .where(*item_cond)
        .order_by(failed_first, Subscriber.msisdn, Account.number, OrderItem.id)
        .offset(page * per_page)
        .limit(per_page)
    )
    lines = [ItemRow(m or "", n or "", s, r, a or "") for m, n, s, r, a in rows]
    return OrderCard(
        _row(order, total),
        counts.get(OrderItemStatus.DONE, 0),
        counts.get(OrderItemStatus.FAILED, 0),
        counts.get(OrderItemStatus.PENDING, 0),
        lines,
        page,
        pages,
        order.failed_reason,
        order.completed_at,
        _cancellable(principal, order),
    )


async def cancel_order(db: Db, principal: Principal | None, order_id: int) -> None:
    """Cancel a scheduled order that has not started; refused (audited) beyond the level."""
    principal = await ensure_permission(
        db, principal, Permission.VIEW_ORDERS, action="order.cancel"
    )
    order = await _checked_order(db, principal, order_id, "order.cancel")
    if not _cancellable(principal, order) and order.status is OrderStatus.SCHEDULED:
        raise await deny(
            db, principal, "order.cancel", object_type="order", object_id=order_id, reason="level"
        )
    # Conditional: the scheduler may have taken it a moment ago.
    done = await db.execute(
        update(Order)
        .where(Order.id == order_id, Order.status == OrderStatus.SCHEDULED)
        .values(status=OrderStatus.CANCELLED, cancelled_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if getattr(done, "rowcount", 0) != 1:
        raise Conflict("orders-cancel-too-late")
    await db.refresh(order)
    await audit(db, principal, "order.cancel", object_type="order", object_id=order_id)
