"""Spending limits per number and the scheduled check that pushes at 80 % and 100 %.

The check compares a number's spending this month (`month_spent_kop`, kept by billing) with its
limit. It pushes once when the spending reaches 80 % and once more at 100 % (the share last
pushed is `limit_alert_percent`), to every coordinator and assistant who reaches the number. At
100 % it bars outgoing charges if the coordinator chose that (`limit_blocks`). When the share
falls back (a new month, a higher limit, the limit removed) the pushes arm again and the bar is
lifted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import or_, select

from domain.access.checks import Permission, Principal
from domain.access.reach import users_reaching
from domain.audit import audit
from domain.claims import claimable, write_if_unchanged
from domain.db import Db
from domain.errors import ValidationFailed
from domain.money import format_rub
from domain.notifications import notify_user
from domain.subscribers.numbers import checked_subscriber
from domain.types import SubscriberStatus
from domain.validation import format_phone
from storage.models import Subscriber

MAX_LIMIT_KOP = 10_000_000_00
STEPS = (80, 100)
_CHUNK = 500  # ids per IN (...) clause


def check_limit(limit_kop: int) -> int:
    if not 100 <= limit_kop <= MAX_LIMIT_KOP:
        raise ValidationFailed("sub-err-limit-range", max=format_rub(MAX_LIMIT_KOP))
    return limit_kop


def share_step(spent_kop: int, limit_kop: int | None) -> int:
    """The highest of 0, 80, 100 that the spending has reached, in percent of the limit."""
    if not limit_kop:
        return 0
    reached = 0
    for step in STEPS:
        if spent_kop * 100 >= limit_kop * step:
            reached = step
    return reached


async def ensure_can_set_limit(db: Db, principal: Principal, subscriber_id: int) -> None:
    """Before the limit screen or its question is shown (`sub.limit`)."""
    await checked_subscriber(
        db, principal, subscriber_id, Permission.MANAGE_SUBSCRIBERS, "sub.limit"
    )


async def set_limit(
    db: Db, principal: Principal, subscriber_id: int, limit_kop: int | None, blocks: bool = False
) -> None:
    """Set or change the limit (kopecks) and whether 100 % bars outgoing charges; `None` removes
    it. The pushes re-arm from the share the spending has now."""
    sub = await checked_subscriber(
        db, principal, subscriber_id, Permission.MANAGE_SUBSCRIBERS, "sub.limit"
    )
    if limit_kop is not None:
        check_limit(limit_kop)
    old = sub.spending_limit_kop
    sub.spending_limit_kop = limit_kop
    sub.limit_blocks = blocks and limit_kop is not None
    step = share_step(sub.month_spent_kop, limit_kop)
    # Below the share already pushed: arm again. At or above it: the check pushes what is new.
    sub.limit_alert_percent = min(sub.limit_alert_percent, step)
    if sub.outgoing_barred and (step < 100 or not sub.limit_blocks):
        sub.outgoing_barred = False
    sub.limit_alerted = sub.limit_alert_percent >= 100
    await db.flush()
    await audit(
        db,
        principal,
        "sub.limit" if limit_kop is not None else "sub.limit_off",
        object_type="subscriber",
        object_id=sub.id,
        details={"old": old, "new": limit_kop, "blocks": sub.limit_blocks},
    )


@dataclass(frozen=True)
class _LimitChange:
    """What the check writes into a number's row, and the push it sends (None: none)."""

    values: Mapping[str, object]
    push: str | None
    step: int


# What the check reads to decide; another instance's change of any of them since then means
# the row is not ours to change.
_LIMIT_STATE = (
    Subscriber.month_spent_kop,
    Subscriber.spending_limit_kop,
    Subscriber.limit_blocks,
    Subscriber.limit_alert_percent,
    Subscriber.limit_alerted,
    Subscriber.outgoing_barred,
)


def _limit_change(sub: Subscriber) -> _LimitChange | None:
    """The number's new alert state from its spending, or None when it is as it should be."""
    step = share_step(sub.month_spent_kop, sub.spending_limit_kop)
    percent, barred, push = min(step, sub.limit_alert_percent), sub.outgoing_barred, None
    if barred and (step < 100 or not sub.limit_blocks):
        barred = False
    if step > percent:
        percent = step
        bars = step >= 100 and sub.limit_blocks
        barred = barred or bars
        push = "sub-push-limit-barred" if bars else f"sub-push-limit-{step}"
    values = {
        "limit_alert_percent": percent,
        "limit_alerted": percent >= 100,
        "outgoing_barred": barred,
    }
    if push is None and all(getattr(sub, k) == v for k, v in values.items()):
        return None
    return _LimitChange(values, push, step)


async def check_limits(db: Db) -> int:
    """The scheduled check. Returns how many pushes it queued; each 80 % and 100 % is pushed once
    however many instances run the check (`domain.claims`)."""
    watched = await db.scalars(
        select(Subscriber).where(
            or_(
                Subscriber.spending_limit_kop.is_not(None),
                Subscriber.limit_alert_percent > 0,
                Subscriber.outgoing_barred.is_(True),
            ),
            Subscriber.status != SubscriberStatus.REMOVED,
        )
    )
    to_change = [sub.id for sub in watched if _limit_change(sub) is not None]
    pushes = 0
    for start in range(0, len(to_change), _CHUNK):
        ids = to_change[start : start + _CHUNK]
        subs = await db.scalars(
            await claimable(
                db, select(Subscriber).where(Subscriber.id.in_(ids)).order_by(Subscriber.id)
            )
        )
        for sub in list(subs):
            pushes += await _apply_change(db, sub)
    await db.flush()
    return pushes


async def _apply_change(db: Db, sub: Subscriber) -> int:
    change = _limit_change(sub)  # again, on the row as it is now
    if change is None or not await write_if_unchanged(db, sub, _LIMIT_STATE, **change.values):
        return 0
    if change.push is None:
        return 0
    assert sub.spending_limit_kop is not None
    params = {
        "number": format_phone(sub.msisdn),
        "name": sub.employee_name,
        "percent": change.step,
        "spent": format_rub(sub.month_spent_kop),
        "limit": format_rub(sub.spending_limit_kop),
    }
    pushes = 0
    for user_id in await users_reaching(db, sub.company_id, sub.account_id):
        pushes += await notify_user(db, user_id, change.push, params, card=("subscriber", sub.id))
    return pushes
