"""Blocking and unblocking a number: an order with the reason, executed by the network."""

from __future__ import annotations

from domain.access.checks import Permission, Principal
from domain.db import Db
from domain.errors import ValidationFailed
from domain.orders.placing import OrderRef
from domain.subscribers.numbers import checked_subscriber, place_number_order, placed_before
from domain.types import OrderKind, SubscriberStatus
from domain.validation import parse_text


def parse_reason(raw: str) -> str:
    return parse_text(raw, min_len=3, max_len=200, key="sub-err-block-reason")


async def check_can_block(db: Db, principal: Principal, subscriber_id: int, block: bool) -> None:
    sub = await checked_subscriber(
        db, principal, subscriber_id, Permission.MANAGE_SUBSCRIBERS, "sub.block"
    )
    if sub.status is SubscriberStatus.PENDING:
        raise ValidationFailed("sub-err-block-pending")
    if block and sub.status is SubscriberStatus.BLOCKED:
        raise ValidationFailed("sub-err-already-blocked")
    if not block and sub.status is not SubscriberStatus.BLOCKED:
        raise ValidationFailed("sub-err-not-blocked")


async def set_blocked(
    db: Db,
    principal: Principal,
    subscriber_id: int,
    block: bool,
    reason: str,
    request_key: str,
) -> OrderRef:
    """Place a block (with its reason) or unblock order; idempotent per `request_key`."""
    clean = parse_reason(reason) if block else reason[:200]
    found = await placed_before(db, principal, request_key)
    if found is not None:
        return found
    await check_can_block(db, principal, subscriber_id, block)
    kind = OrderKind.BLOCK if block else OrderKind.UNBLOCK
    params = {"reason": clean} if block else {}
    return await place_number_order(db, principal, subscriber_id, kind, request_key, params)
