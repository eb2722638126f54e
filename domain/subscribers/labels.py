"""Labels: the company's own words on numbers, created the first time they are used.

Adding a label to thousands of numbers at once is one existence query and one bulk insert per
5,000 numbers (the `benchmarks/bench_subscribers.py` figure).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select

from domain.access.checks import (
    Permission,
    Principal,
    deny,
    ensure_company_row,
    ensure_permission,
)
from domain.audit import audit
from domain.db import Db
from domain.errors import ValidationFailed
from domain.subscribers.numbers import checked_subscribers
from domain.types import SubscriberStatus
from storage.models import Label, Subscriber, SubscriberLabel
from storage.search import fold

MAX_LABEL = 40
_CHUNK = 5000


@dataclass(frozen=True)
class LabelInfo:
    id: int
    name: str
    count: int


def parse_label(raw: str) -> str:
    text = " ".join(raw.split()).lstrip("#")
    if not (1 <= len(text) <= MAX_LABEL):
        raise ValidationFailed("sub-err-label", max=MAX_LABEL)
    return text


async def checked_label(
    db: Db, principal: Principal, label_id: int, permission: Permission, action: str
) -> Label:
    return await ensure_company_row(db, principal, Label, "label", label_id, permission, action)


async def list_labels(db: Db, principal: Principal) -> list[LabelInfo]:
    """The company's labels with how many of the numbers the principal sees carry each."""
    await ensure_permission(db, principal, Permission.VIEW_SUBSCRIBERS, action="label.list")
    if principal.own_number_only:
        raise await deny(db, principal, "label.list", reason="own_number_only")
    from domain.access.checks import scope_subscribers

    seen = scope_subscribers(select(Subscriber.id), principal).where(
        Subscriber.status != SubscriberStatus.REMOVED
    )
    counts = (
        select(SubscriberLabel.label_id, func.count().label("n"))
        .where(SubscriberLabel.subscriber_id.in_(seen))
        .group_by(SubscriberLabel.label_id)
        .subquery()
    )
    rows = await db.execute(
        select(Label.id, Label.name, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.label_id == Label.id)
        .where(Label.company_id == principal.company_id)
        .order_by(Label.name)
    )
    return [LabelInfo(r[0], r[1], int(r[2])) for r in rows]


async def subscriber_labels(db: Db, principal: Principal, subscriber_id: int) -> list[LabelInfo]:
    await checked_subscribers(
        db, principal, [subscriber_id], Permission.VIEW_SUBSCRIBERS, "label.list"
    )
    rows = await db.execute(
        select(Label.id, Label.name)
        .join(SubscriberLabel, SubscriberLabel.label_id == Label.id)
        .where(SubscriberLabel.subscriber_id == subscriber_id)
        .order_by(Label.name)
    )
    return [LabelInfo(r[0], r[1], 1) for r in rows]


async def ensure_can_show(db: Db, principal: Principal, label_id: int) -> None:
    """The numbers with a label are listed only for a label of the user's company."""
    await checked_label(db, principal, label_id, Permission.VIEW_SUBSCRIBERS, "label.show")


async def ensure_can_label(db: Db, principal: Principal, subscriber_id: int) -> None:
    await ensure_can_label_many(db, principal, [subscriber_id])


async def ensure_can_label_many(db: Db, principal: Principal, subscriber_ids: list[int]) -> None:
    await checked_subscribers(
        db, principal, subscriber_ids, Permission.MANAGE_SUBSCRIBERS, "label.add"
    )


async def add_label(
    db: Db, principal: Principal, subscriber_ids: Iterable[int], name: str
) -> tuple[int, int]:
    """Put the label on the numbers, creating it if the company has none of that name.
    Returns (label id, how many numbers got it now)."""
    clean = parse_label(name)
    subs = await checked_subscribers(
        db, principal, subscriber_ids, Permission.MANAGE_SUBSCRIBERS, "label.add"
    )
    ids = [s.id for s in subs if s.status is not SubscriberStatus.REMOVED]
    # Case, ё and spaces aside, «VIP клиенты» and «vip клиенты» are one label
    # (`storage.search.fold`): the one the company has is put on.
    label_id = await db.scalar(
        select(Label.id).where(
            Label.company_id == principal.company_id, Label.name_key == fold(clean)
        )
    )
    if label_id is None:
        label = Label(company_id=principal.company_id, name=clean)
        db.add(label)
        await db.flush()
        label_id = label.id
        have: set[int] = set()
    else:
        have = set()
        for start in range(0, len(ids), _CHUNK):
            have.update(
                await db.scalars(
                    select(SubscriberLabel.subscriber_id).where(
                        SubscriberLabel.label_id == label_id,
                        SubscriberLabel.subscriber_id.in_(ids[start : start + _CHUNK]),
                    )
                )
            )
    new = [i for i in ids if i not in have]
    for start in range(0, len(new), _CHUNK):
        await db.execute(
            insert(SubscriberLabel),
            [{"subscriber_id": i, "label_id": label_id} for i in new[start : start + _CHUNK]],
        )
    await audit(
        db,
        principal,
        "label.add",
        object_type="label",
        object_id=label_id,
        details={"count": len(new)},
    )
    return label_id, len(new)


async def remove_label(
    db: Db, principal: Principal, subscriber_ids: Iterable[int], label_id: int
) -> int:
    """Take the label off the numbers; returns how many had it."""
    await checked_label(db, principal, label_id, Permission.MANAGE_SUBSCRIBERS, "label.remove")
    subs = await checked_subscribers(
        db, principal, subscriber_ids, Permission.MANAGE_SUBSCRIBERS, "label.remove"
    )
    ids = [s.id for s in subs]
    removed = 0
    for start in range(0, len(ids), _CHUNK):
        result = await db.execute(
            delete(SubscriberLabel).where(
                SubscriberLabel.label_id == label_id,
                SubscriberLabel.subscriber_id.in_(ids[start : start + _CHUNK]),
            )
        )
        removed += int(getattr(result, "rowcount", 0) or 0)
    await audit(
        db,
        principal,
        "label.remove",
        object_type="label",
        object_id=label_id,
        details={"count": removed},
    )
    return removed


async def label_name(db: Db, label_id: int) -> str:
    """The name of a label already checked (the list's filter line)."""
    label = await db.get(Label, label_id)
    return label.name if label else ""
