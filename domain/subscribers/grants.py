"""Access grants from the subscriber card: a coordinator gives a number's employee a level of
the cabinet (assistant, number management, view only) or takes it away.

The rules and the password issuing live in `domain.subscribers.levels.grant_level` /
`revoke_level` (the
password goes by SMS through `domain.auth.login.send_new_password`, the `*990*00#` of the bot);
this module adds what the card shows.
"""

from __future__ import annotations

from domain.access.checks import GRANTABLE_ROLES, Permission, Principal
from domain.db import Db
from domain.subscribers.levels import grant_level, revoke_level
from domain.subscribers.numbers import checked_subscriber, level_of
from domain.types import Role

__all__ = ["GRANTABLE_ROLES", "current_level", "give_level", "take_level"]


async def current_level(db: Db, principal: Principal, subscriber_id: int) -> Role | None:
    sub = await checked_subscriber(
        db, principal, subscriber_id, Permission.GRANT_ACCESS, "access.view"
    )
    return await level_of(db, sub)


async def give_level(db: Db, principal: Principal, subscriber_id: int, role: Role) -> int:
    await checked_subscriber(db, principal, subscriber_id, Permission.GRANT_ACCESS, "access.grant")
    return await grant_level(db, principal, subscriber_id, role)


async def take_level(db: Db, principal: Principal, subscriber_id: int) -> bool:
    await checked_subscriber(db, principal, subscriber_id, Permission.GRANT_ACCESS, "access.revoke")
    return await revoke_level(db, principal, subscriber_id)
