"""Spending limits per number and the scheduled check that pushes at 80 % and 100 %.

The check compares a number's spending this month (`month_spent_kop`, kept by billing) with its
limit. It pushes once when the spending reaches 80 % and once more at 100 % (the share last
pushed is `limit_alert_percent`), to every coordinator and assistant who reaches the number. At
100 % it bars outgoing charges if the coordinator chose that (`limit_blocks`). When the share
falls back (a new month, a higher limit, the limit removed) the pushes arm again and the bar is
lifted.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from domain.access.checks import Permission, Principal
from domain.access.reach import users_reaching
from domain.audit import audit
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


async def check_limits(db: Db) -> int:
    """The scheduled check. Returns how many pushes it queued."""
    subs = await db.scalars(
        select(Subscriber)
        .where(
            or_(
                Subscriber.spending_limit_kop.is_not(None),
                Subscriber.limit_alert_percent > 0,
                Subscriber.outgoing_barred.is_(True),
            ),
            Subscriber.status != SubscriberStatus.REMOVED,
        )
        .order_by(Subscriber.id)
    )
    pushes = 0
    for sub in list(subs):
        step = share_step(sub.month_spent_kop, sub.spending_limit_kop)
        if step < sub.limit_alert_percent:
            sub.limit_alert_percent = step
        if sub.outgoing_barred and (step < 100 or not sub.limit_blocks):
            sub.outgoing_barred = False
        if step <= sub.limit_alert_percent:
            sub.limit_alerted = sub.limit_alert_percent >= 100
            continue
        sub.limit_alert_percent = step
        sub.limit_alerted = step >= 100
        barred = step >= 100 and sub.limit_blocks
        if barred:
            sub.outgoing_barred = True
        assert sub.spending_limit_kop is not None
        params = {
            "number": format_phone(sub.msisdn),
            "name": sub.employee_name,
            "percent": step,
            "spent": format_rub(sub.month_spent_kop),
            "limit": format_rub(sub.spending_limit_kop),
        }
        key = "sub-push-limit-barred" if barred else f"sub-push-limit-{step}"
        for user_id in await users_reaching(db, sub.company_id, sub.account_id):
            pushes += await notify_user(db, user_id, key, params, card=("subscriber", sub.id))
    await db.flush()
    return pushes
