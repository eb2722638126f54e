"""Who may do what: roles, the permission matrix and the principal every handler acts as.

Every use case takes a `Principal` and checks it here; the main menu shows only what the
matrix allows, but a hidden button is never the permission.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Select, delete, select

from domain.errors import AccessDenied, NotFound, ValidationFailed
from domain.types import AuditResult, Brand, Role
from domain.uow import Db
from storage.models import Account, Subscriber, UserAccountAccess


class Permission(StrEnum):
    VIEW_BALANCE = "view_balance"
    VIEW_PAYMENTS = "view_payments"
    EXPORT_PAYMENTS = "export_payments"
    VIEW_STATISTICS = "view_statistics"
    PREPAYMENT_INVOICE = "prepayment_invoice"
    MANAGE_CASHBACK = "manage_cashback"
    MANAGE_DELIVERY = "manage_delivery"
    MANAGE_ALERTS = "manage_alerts"
    ORDER_DOCUMENTS = "order_documents"
    VIEW_SUBSCRIBERS = "view_subscribers"
    MANAGE_SUBSCRIBERS = "manage_subscribers"
    MANAGE_GROUPS = "manage_groups"
    MANAGE_OWN_NUMBER = "manage_own_number"
    REPLACE_SIM = "replace_sim"
    CHANGE_TARIFF = "change_tariff"
    MANAGE_SERVICES = "manage_services"
    MANAGE_FORWARDING = "manage_forwarding"
    VIEW_ORDERS = "view_orders"
    MANAGE_TICKETS = "manage_tickets"
    GRANT_ACCESS = "grant_access"
    VIEW_PROFILE = "view_profile"


_COMPANY_WIDE = frozenset(Permission)
_ASSISTANT = frozenset(Permission) - {Permission.GRANT_ACCESS, Permission.MANAGE_CASHBACK}
_NUMBER_MANAGER = frozenset(
    {
        Permission.VIEW_SUBSCRIBERS,
        Permission.MANAGE_OWN_NUMBER,
        Permission.MANAGE_SERVICES,
        Permission.MANAGE_FORWARDING,
        Permission.VIEW_ORDERS,
        Permission.MANAGE_TICKETS,
        Permission.VIEW_PROFILE,
    }
)
_VIEWER = frozenset(
    {
        Permission.VIEW_SUBSCRIBERS,
        Permission.VIEW_ORDERS,
        Permission.MANAGE_TICKETS,
        Permission.VIEW_PROFILE,
    }
)

MATRIX: dict[Role, frozenset[Permission]] = {
    Role.UNION_COORDINATOR: _COMPANY_WIDE,
    Role.COORDINATOR: _COMPANY_WIDE,
    Role.ASSISTANT: _ASSISTANT,
    Role.NUMBER_MANAGER: _NUMBER_MANAGER,
    Role.VIEWER: _VIEWER,
}


@dataclass(frozen=True)
class Principal:
    """The cabinet user an update acts as, with what limits its reach."""

    user_id: int
    session_id: int
    company_id: int
    company_name: str
    role: Role
    brand: Brand
    login: str
    # Accounts the user works with; None means every account of the company.
    account_ids: frozenset[int] | None
    # The own number for NUMBER_MANAGER and VIEWER.
    subscriber_id: int | None
    must_change_password: bool = False

    def can(self, permission: Permission) -> bool:
        # Until a one-time password is replaced by a permanent one, nothing is allowed.
        if self.must_change_password:
            return False
        return permission in MATRIX[self.role]

    @property
    def own_number_only(self) -> bool:
        return self.role in (Role.NUMBER_MANAGER, Role.VIEWER)


# Levels a coordinator may give to a subscriber; coordinators are appointed by the operator.
GRANTABLE_ROLES = (Role.ASSISTANT, Role.NUMBER_MANAGER, Role.VIEWER)

_S = TypeVar("_S", bound=Select[Any])


async def deny(
    db: Db,
    principal: Principal | None,
    action: str,
    *,
    object_type: str | None = None,
    object_id: int | str | None = None,
    permission: Permission | None = None,
    reason: str = "",
) -> AccessDenied:
    """Write the refusal to the audit log and return the error to raise."""
    from domain.audit import audit

    details: dict[str, Any] = {"reason": reason}
    if permission is not None:
        details["permission"] = permission.value
    await audit(
        db,
        principal,
        action,
        object_type=object_type,
        object_id=object_id,
        result=AuditResult.DENIED,
        details=details,
    )
    return AccessDenied()


async def ensure_permission(
    db: Db, principal: Principal | None, permission: Permission, *, action: str | None = None
) -> Principal:
    """The principal, if its level allows `permission`; else AccessDenied, audited."""
    if principal is None:
        raise AccessDenied("need-login")
    if not principal.can(permission):
        raise await deny(
            db,
            principal,
            action or permission.value,
            permission=permission,
            reason="level",
        )
    return principal


def scope_accounts(stmt: _S, principal: Principal) -> _S:
    """Limit a query over `Account` to the accounts the principal works with."""
    stmt = stmt.where(Account.company_id == principal.company_id)
    if principal.own_number_only:
        # Number managers and viewers see their number, never an account as a whole.
        return stmt.where(Account.id.is_(None))
    if principal.account_ids is not None:
        stmt = stmt.where(Account.id.in_(principal.account_ids))
    return stmt


def scope_subscribers(stmt: _S, principal: Principal) -> _S:
    """Limit a query over `Subscriber` to the numbers the principal may see."""
    stmt = stmt.where(Subscriber.company_id == principal.company_id)
    if principal.own_number_only:
        return stmt.where(Subscriber.id == (principal.subscriber_id or -1))
    if principal.account_ids is not None:
        stmt = stmt.where(Subscriber.account_id.in_(principal.account_ids))
    return stmt


async def visible_account_ids(db: Db, principal: Principal) -> list[int]:
    """Ids of the accounts the principal works with, in number order."""
    rows = await db.scalars(scope_accounts(select(Account.id), principal).order_by(Account.number))
    return list(rows)


def account_in_reach(principal: Principal, company_id: int, account_id: int) -> bool:
    if company_id != principal.company_id or principal.own_number_only:
        return False
    return principal.account_ids is None or account_id in principal.account_ids


def subscriber_in_reach(principal: Principal, sub: Subscriber) -> bool:
    if sub.company_id != principal.company_id:
        return False
    if principal.own_number_only:
        return sub.id == principal.subscriber_id
    return principal.account_ids is None or sub.account_id in principal.account_ids


async def ensure_account(
    db: Db,
    principal: Principal | None,
    account_id: int,
    permission: Permission | None = None,
    *,
    action: str = "account",
) -> Account:
    """The account, if it exists, is the principal's company's, within its reach and level."""
    if principal is None:
        raise AccessDenied("need-login")
    if permission is not None:
        await ensure_permission(db, principal, permission, action=action)
    account = await db.get(Account, account_id)
    if account is None:
        raise NotFound()
    if not account_in_reach(principal, account.company_id, account.id):
        raise await deny(
            db,
            principal,
            action,
            object_type="account",
            object_id=account_id,
            permission=permission,
            reason="other_company" if account.company_id != principal.company_id else "scope",
        )
    return account


async def ensure_subscriber(
    db: Db,
    principal: Principal | None,
    subscriber_id: int,
    permission: Permission | None = None,
    *,
    action: str = "subscriber",
) -> Subscriber:
    """The number, if it exists and the principal may reach it (company, accounts, own number)."""
    if principal is None:
        raise AccessDenied("need-login")
    if permission is not None:
        await ensure_permission(db, principal, permission, action=action)
    sub = await db.get(Subscriber, subscriber_id)
    if sub is None:
        raise NotFound()
    if not subscriber_in_reach(principal, sub):
        raise await deny(
            db,
            principal,
            action,
            object_type="subscriber",
            object_id=subscriber_id,
            permission=permission,
            reason="other_company" if sub.company_id != principal.company_id else "scope",
        )
    return sub


async def ensure_company_object(
    db: Db,
    principal: Principal | None,
    company_id: int | None,
    *,
    object_type: str,
    object_id: int | str,
    permission: Permission | None = None,
    action: str | None = None,
) -> Principal:
    """For objects that belong to a company as a whole (a group, a label, an order, a ticket):
    refuse, and audit, when it is another company's."""
    if principal is None:
        raise AccessDenied("need-login")
    act = action or object_type
    if permission is not None:
        await ensure_permission(db, principal, permission, action=act)
    if company_id != principal.company_id:
        raise await deny(
            db,
            principal,
            act,
            object_type=object_type,
            object_id=object_id,
            permission=permission,
            reason="other_company",
        )
    return principal


async def grant_level(db: Db, principal: Principal | None, subscriber_id: int, role: Role) -> int:
    """A coordinator gives a level to a subscriber of its company; the number gets a password
    by SMS (the `*990*00#` step). Returns the cabinet user's id."""
    from domain.backoffice import send_new_password
    from storage.models import CabinetUser

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
            object_id=subscriber_id,
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
    user.role = role
    user.is_blocked = False
    user.subscriber_id = sub.id if role in (Role.NUMBER_MANAGER, Role.VIEWER) else None
    await db.execute(delete(UserAccountAccess).where(UserAccountAccess.user_id == user.id))
    if role is Role.ASSISTANT:
        db.add(UserAccountAccess(user_id=user.id, account_id=sub.account_id))
    await send_new_password(db, user)
    from domain.audit import audit

    await audit(
        db,
        principal,
        "access.grant",
        object_type="subscriber",
        object_id=subscriber_id,
        details={"role": role.value, "cabinet_user_id": user.id},
    )
    return user.id


async def revoke_level(db: Db, principal: Principal | None, subscriber_id: int) -> bool:
    """Take the level away: the subscriber's login is blocked and its sessions end."""
    from domain.auth import end_user_sessions
    from storage.models import CabinetUser

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
    from domain.audit import audit

    await audit(
        db,
        principal,
        "access.revoke",
        object_type="subscriber",
        object_id=subscriber_id,
        details={"cabinet_user_id": user.id},
    )
    return True
