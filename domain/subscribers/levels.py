"""Granting and revoking cabinet access levels: a coordinator gives a subscriber of its company
a level (the number gets a password by SMS, the `*990*00#` step) or takes it away."""

from __future__ import annotations

from sqlalchemy import delete, select

from domain.access.checks import (
    GRANTABLE_ROLES,
    Permission,
    Principal,
    deny,
    ensure_permission,
    ensure_subscriber,
)
from domain.audit import audit
from domain.auth.login import end_user_sessions, send_new_password
from domain.db import Db
from domain.errors import ValidationFailed
from domain.types import Brand, Role
from storage.models import Account, CabinetUser, Subscriber, UserAccountAccess


async def grant_level(db: Db, principal: Principal | None, subscriber_id: int, role: Role) -> int:
    """A coordinator gives a level to a subscriber of its company; the number gets a password
    by SMS (the `*990*00#` step). Returns the cabinet user's id."""
    principal = await ensure_permission(
        db, principal, Permission.GRANT_ACCESS, action="access.grant"
    )
    sub = await ensure_subscriber(db, principal, subscriber_id, action="access.grant")
    if role not in GRANTABLE_ROLES:
        raise await deny(
            db,
            principal,
            "access.grant",
            object_type="subscriber",
            object_id=subscriber_id,
            permission=Permission.GRANT_ACCESS,
            reason=f"role:{role.value}",
        )
    account = await db.get(Account, sub.account_id)
    if account is None or account.brand is not Brand.MEGAFON:
        raise ValidationFailed("auth-grant-yota")
    user = await _user_of_number(db, principal, sub, role)
    if not user.phone:
        # Refused before any change: the level is given with its password by SMS, or not at all.
        raise ValidationFailed("admin-user-no-phone", login=user.login)
    user.role = role
    user.is_blocked = False
    user.subscriber_id = sub.id if role in (Role.NUMBER_MANAGER, Role.VIEWER) else None
    await db.execute(delete(UserAccountAccess).where(UserAccountAccess.user_id == user.id))
    if role is Role.ASSISTANT:
        db.add(UserAccountAccess(user_id=user.id, account_id=sub.account_id))
    await send_new_password(db, user)
    await audit(
        db,
        principal,
        "access.grant",
        object_type="subscriber",
        object_id=subscriber_id,
        details={"role": role.value, "cabinet_user_id": user.id},
    )
    return user.id


async def _user_of_number(db: Db, principal: Principal, sub: Subscriber, role: Role) -> CabinetUser:
    """The number's cabinet user (made when it has none yet): refused when that login is
    another company's (audited) or a coordinator's."""
    user = await db.scalar(
        select(CabinetUser).where(
            CabinetUser.brand == Brand.MEGAFON, CabinetUser.login == sub.msisdn
        )
    )
    if user is not None and user.company_id != principal.company_id:
        raise await deny(
            db,
            principal,
            "access.grant",
            object_type="subscriber",
            object_id=sub.id,
            reason="other_company_login",
        )
    if user is not None and user.role in (Role.COORDINATOR, Role.UNION_COORDINATOR):
        raise ValidationFailed("auth-grant-coordinator")
    if user is None:
        user = CabinetUser(
            company_id=principal.company_id,
            brand=Brand.MEGAFON,
            login=sub.msisdn,
            phone=sub.msisdn,
            email=sub.email,
            full_name=sub.employee_name,
            role=role,
        )
        db.add(user)
        await db.flush()
    return user


async def revoke_level(db: Db, principal: Principal | None, subscriber_id: int) -> bool:
    """Take the level away: the subscriber's login is blocked and its sessions end."""
    principal = await ensure_permission(
        db, principal, Permission.GRANT_ACCESS, action="access.revoke"
    )
    sub = await ensure_subscriber(db, principal, subscriber_id, action="access.revoke")
    user = await db.scalar(
        select(CabinetUser).where(
            CabinetUser.company_id == principal.company_id,
            CabinetUser.login == sub.msisdn,
            CabinetUser.role.in_(GRANTABLE_ROLES),
        )
    )
    if user is None or user.is_blocked:
        return False
    user.is_blocked = True
    await end_user_sessions(db, user.id, "level_revoked")
    await audit(
        db,
        principal,
        "access.revoke",
        object_type="subscriber",
        object_id=subscriber_id,
        details={"cabinet_user_id": user.id},
    )
    return True
