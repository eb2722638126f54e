"""Groups of employees: a name, an icon from a fixed set and a colour; members in bulk.

A group belongs to the company as a whole (`ensure_company_object`); which members a user may
add, remove or see is still limited by its reach over numbers (`checked_subscribers`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select, update

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
from domain.validation import parse_text
from storage.models import Group, Subscriber
from storage.search import fold

# Icons a group may have (a chat has no colour picker: a set of emoji is the picker).
ICONS: tuple[str, ...] = ("👥", "💼", "🚚", "🛠", "📞", "💻", "🏭", "🎯", "📦", "⭐")
# Colours by name, each with the emoji circle that shows it.
COLORS: dict[str, str] = {
    "red": "🔴",
    "orange": "🟠",
    "yellow": "🟡",
    "green": "🟢",
    "blue": "🔵",
    "purple": "🟣",
    "brown": "🟤",
    "grey": "⚪",
}
MAX_GROUPS = 200


@dataclass(frozen=True)
class GroupInfo:
    id: int
    name: str
    icon: str
    color: str
    members: int

    @property
    def color_mark(self) -> str:
        return COLORS.get(self.color, "⚪")


def parse_group_name(raw: str) -> str:
    return parse_text(raw, min_len=2, max_len=60, key="sub-err-group-name")


def check_look(icon: str, color: str) -> None:
    if icon not in ICONS or color not in COLORS:
        raise ValidationFailed("sub-err-group-look")


async def checked_group(
    db: Db, principal: Principal, group_id: int, permission: Permission, action: str
) -> Group:
    return await ensure_company_row(db, principal, Group, "group", group_id, permission, action)


async def ensure_can_change_members(db: Db, principal: Principal, group_id: int) -> None:
    await checked_group(db, principal, group_id, Permission.MANAGE_GROUPS, "group.members")


async def ensure_can_rename(db: Db, principal: Principal, group_id: int) -> None:
    await checked_group(db, principal, group_id, Permission.MANAGE_GROUPS, "group.rename")


async def ensure_can_restyle(db: Db, principal: Principal, group_id: int) -> None:
    await checked_group(db, principal, group_id, Permission.MANAGE_GROUPS, "group.look")


async def group_to_delete(db: Db, principal: Principal, group_id: int) -> str:
    """The name of a group the user may delete (for the question «Удалить группу …?»)."""
    group = await checked_group(db, principal, group_id, Permission.MANAGE_GROUPS, "group.delete")
    return group.name


async def list_groups(db: Db, principal: Principal) -> list[GroupInfo]:
    await ensure_permission(db, principal, Permission.VIEW_SUBSCRIBERS, action="group.list")
    if principal.own_number_only:
        # The own-number levels see their number, not how the company is organised.
        raise await deny(db, principal, "group.list", reason="own_number_only")
    from domain.access.checks import scope_subscribers

    seen = scope_subscribers(select(Subscriber.id), principal).where(
        Subscriber.status != SubscriberStatus.REMOVED, Subscriber.group_id.is_not(None)
    )
    members = (
        select(Subscriber.group_id, func.count().label("n"))
        .where(Subscriber.id.in_(seen))
        .group_by(Subscriber.group_id)
        .subquery()
    )
    rows = await db.execute(
        select(Group.id, Group.name, Group.icon, Group.color, func.coalesce(members.c.n, 0))
        .outerjoin(members, members.c.group_id == Group.id)
        .where(Group.company_id == principal.company_id)
        .order_by(Group.name)
    )
    return [GroupInfo(r[0], r[1], r[2], r[3], int(r[4])) for r in rows]


async def group_info(db: Db, principal: Principal, group_id: int) -> GroupInfo:
    await checked_group(db, principal, group_id, Permission.VIEW_SUBSCRIBERS, "group.card")
    for g in await list_groups(db, principal):
        if g.id == group_id:
            return g
    raise AssertionError("a checked group is listed")


async def _name_free(db: Db, company_id: int, name: str, except_id: int | None = None) -> None:
    # «ИТ-отдел» and «ит-отдел» are one name (`storage.search.fold`): the message names the
    # group that holds it.
    taken = (
        await db.execute(
            select(Group.id, Group.name).where(
                Group.company_id == company_id, Group.name_key == fold(name)
            )
        )
    ).first()
    if taken is not None and taken.id != except_id:
        raise ValidationFailed("sub-err-group-taken", name=taken.name)


async def ensure_can_manage(db: Db, principal: Principal) -> None:
    await ensure_permission(db, principal, Permission.MANAGE_GROUPS, action="group.create")


async def check_name_free(db: Db, principal: Principal, name: str) -> None:
    """For the new-group dialog: the name is asked before the icon and colour."""
    await ensure_can_manage(db, principal)
    await _name_free(db, principal.company_id, parse_group_name(name))


async def create_group(db: Db, principal: Principal, name: str, icon: str, color: str) -> int:
    await ensure_permission(db, principal, Permission.MANAGE_GROUPS, action="group.create")
    clean = parse_group_name(name)
    check_look(icon, color)
    count = await db.scalar(
        select(func.count()).select_from(Group).where(Group.company_id == principal.company_id)
    )
    if (count or 0) >= MAX_GROUPS:
        raise ValidationFailed("sub-err-group-many", n=MAX_GROUPS)
    await _name_free(db, principal.company_id, clean)
    group = Group(company_id=principal.company_id, name=clean, icon=icon, color=color)
    db.add(group)
    await db.flush()
    await audit(db, principal, "group.create", object_type="group", object_id=group.id)
    return group.id


async def rename_group(db: Db, principal: Principal, group_id: int, name: str) -> None:
    group = await checked_group(db, principal, group_id, Permission.MANAGE_GROUPS, "group.rename")
    clean = parse_group_name(name)
    await _name_free(db, principal.company_id, clean, group.id)
    group.name = clean
    await db.flush()
    await audit(db, principal, "group.rename", object_type="group", object_id=group.id)


async def restyle_group(db: Db, principal: Principal, group_id: int, icon: str, color: str) -> None:
    group = await checked_group(db, principal, group_id, Permission.MANAGE_GROUPS, "group.look")
    check_look(icon, color)
    group.icon, group.color = icon, color
    await db.flush()


async def delete_group(db: Db, principal: Principal, group_id: int) -> bool:
    """Members stay, without a group. False when it was deleted already (a second press)."""
    group = await db.get(Group, group_id)
    if group is None:
        await ensure_permission(db, principal, Permission.MANAGE_GROUPS, action="group.delete")
        return False
    await checked_group(db, principal, group_id, Permission.MANAGE_GROUPS, "group.delete")
    await db.execute(
        update(Subscriber).where(Subscriber.group_id == group_id).values(group_id=None)
    )
    await db.delete(group)
    await db.flush()
    await audit(db, principal, "group.delete", object_type="group", object_id=group_id)
    return True


async def set_group(
    db: Db, principal: Principal, subscriber_ids: Iterable[int], group_id: int | None
) -> int:
    """Put the numbers into the group (or, with `None`, out of any group). Returns how many
    changed."""
    action = "group.members"
    if group_id is not None:
        await checked_group(db, principal, group_id, Permission.MANAGE_GROUPS, action)
    subs = await checked_subscribers(
        db, principal, subscriber_ids, Permission.MANAGE_GROUPS, action
    )
    ids = [
        s.id for s in subs if s.group_id != group_id and s.status is not SubscriberStatus.REMOVED
    ]
    for start in range(0, len(ids), 5000):
        await db.execute(
            update(Subscriber)
            .where(Subscriber.id.in_(ids[start : start + 5000]))
            .values(group_id=group_id)
            .execution_options(synchronize_session=False)
        )
    for s in subs:
        if s.id in set(ids):
            s.group_id = group_id
    await audit(
        db,
        principal,
        action,
        object_type="group",
        object_id=group_id,
        details={"count": len(ids)},
    )
    return len(ids)


async def remove_from_group(
    db: Db, principal: Principal, subscriber_ids: Iterable[int], group_id: int
) -> int:
    """Take the numbers out of this group (those in another group are left as they are)."""
    await checked_group(db, principal, group_id, Permission.MANAGE_GROUPS, "group.members")
    subs = await checked_subscribers(
        db, principal, subscriber_ids, Permission.MANAGE_GROUPS, "group.members"
    )
    return await set_group(db, principal, [s.id for s in subs if s.group_id == group_id], None)


async def group_name(db: Db, group_id: int) -> str:
    """The name of a group already checked (the list's filter line)."""
    group = await db.get(Group, group_id)
    return f"{group.icon} {group.name}" if group else ""
