"""Call forwarding: four types, Russian numbers only (any operator). Adding or removing a rule
is an order executed by the network (`domain.orders.network.numbers`). Unconditional forwarding
takes
every call, so while it is on the other rules are suspended (`subscribers.effective_rules`);
forwarded calls are charged as outgoing ones.
"""

from __future__ import annotations

from sqlalchemy import select

from domain.access.checks import Permission, Principal
from domain.db import Db
from domain.errors import ValidationFailed
from domain.orders.network.numbers import forwarding_refusal
from domain.orders.placing import OrderRef
from domain.subscribers.numbers import (
    ForwardingRule,
    checked_subscriber,
    effective_rules,
    place_number_order,
    placed_before,
)
from domain.types import ForwardingType, OrderKind
from domain.validation import parse_phone
from storage.models import Forwarding, Subscriber

_REFUSALS = {
    "network-reason-blocked": "sub-err-fwd-blocked",
    "network-reason-pending": "sub-err-fwd-pending",
    "network-reason-removed": "sub-err-removed",
    "network-reason-forward-self": "sub-err-fwd-self",
}


async def _checked(db: Db, principal: Principal, subscriber_id: int) -> Subscriber:
    return await checked_subscriber(
        db, principal, subscriber_id, Permission.MANAGE_FORWARDING, "forwarding"
    )


async def ensure_can_see(db: Db, principal: Principal, subscriber_id: int) -> None:
    """The forwarding screen: the number management level (own number) and coordinators."""
    await _checked(db, principal, subscriber_id)


async def checked_rule(
    db: Db, principal: Principal, subscriber_id: int, rule_id: int
) -> ForwardingRule:
    """An active rule of this number (a forged id of another number's rule is not found here)."""
    sub = await _checked(db, principal, subscriber_id)
    rows = await db.scalars(select(Forwarding).where(Forwarding.subscriber_id == sub.id))
    for rule in effective_rules(list(rows)):
        if rule.id == rule_id:
            return rule
    raise ValidationFailed("sub-err-fwd-gone")


async def check_can_forward(db: Db, principal: Principal, subscriber_id: int) -> None:
    sub = await _checked(db, principal, subscriber_id)
    reason = forwarding_refusal(sub, None)
    if reason is not None:
        raise ValidationFailed(_REFUSALS.get(reason, reason))


async def check_target(db: Db, principal: Principal, subscriber_id: int, raw: str) -> str:
    """The typed number, if it is a valid Russian number the rule may forward to."""
    sub = await _checked(db, principal, subscriber_id)
    target = parse_phone(raw, russian_only=True)
    reason = forwarding_refusal(sub, target)
    if reason is not None:
        raise ValidationFailed(_REFUSALS.get(reason, reason))
    return target


async def add_forwarding(
    db: Db,
    principal: Principal,
    subscriber_id: int,
    fwd_type: ForwardingType,
    target: str,
    request_key: str,
) -> OrderRef:
    found = await placed_before(db, principal, request_key)
    if found is not None:
        return found
    clean = await check_target(db, principal, subscriber_id, target)
    params = {"action": "add", "type": fwd_type.value, "target": clean}
    return await place_number_order(
        db, principal, subscriber_id, OrderKind.FORWARDING, request_key, params
    )


async def remove_forwarding(
    db: Db, principal: Principal, subscriber_id: int, rule_id: int, request_key: str
) -> OrderRef:
    found = await placed_before(db, principal, request_key)
    if found is not None:
        return found
    rule = await checked_rule(db, principal, subscriber_id, rule_id)
    params = {"action": "remove", "type": rule.type.value, "target": rule.target}
    return await place_number_order(
        db, principal, subscriber_id, OrderKind.FORWARDING, request_key, params
    )
