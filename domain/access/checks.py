"""Who may do what: the checks every use case makes before it touches the database.

Every use case takes a `Principal` and checks it here; the main menu shows only what the
matrix allows, but a hidden button is never the permission. The principal and the matrix
themselves are in the leaf module `domain.principal` (re-exported here); granting and revoking
levels is a use case of its own, `domain.subscribers.levels`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Select, select

from domain.audit import audit
from domain.db import Db
from domain.errors import AccessDenied, NotFound
from domain.principal import GRANTABLE_ROLES, MATRIX, Permission, Principal
from domain.types import AuditResult
from storage.models import Account, Group, Label, Subscriber

__all__ = [
    "GRANTABLE_ROLES",
    "MATRIX",
    "Permission",
    "Principal",
    "account_in_reach",
    "deny",
    "ensure_account",
    "ensure_company_object",
    "ensure_permission",
    "ensure_subscriber",
    "require",
    "scope_accounts",
    "scope_subscribers",
    "subscriber_in_reach",
    "visible_account_ids",
]

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


async def require(db: Db, principal: Principal, permission: Permission, action: str) -> None:
    """The level must hold `permission`; accounts are never for the own-number levels."""
    await ensure_permission(db, principal, permission, action=action)
    if principal.own_number_only:
        raise await deny(db, principal, action, permission=permission, reason="own_number_only")


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


_Reached = TypeVar("_Reached", Account, Subscriber)


async def _ensure_reached(
    db: Db,
    principal: Principal | None,
    model: type[_Reached],
    object_type: str,
    object_id: int,
    permission: Permission | None,
    action: str,
    reached: Callable[[Principal, _Reached], bool],
) -> _Reached:
    """The row of `model`, if it exists and `reached` says the principal reaches it; a refusal
    is audited with the reason: another company's, or out of the principal's scope."""
    if principal is None:
        raise AccessDenied("need-login")
    if permission is not None:
        await ensure_permission(db, principal, permission, action=action)
    row = await db.get(model, object_id)
    if row is None:
        raise NotFound()
    if not reached(principal, row):
        raise await deny(
            db,
            principal,
            action,
            object_type=object_type,
            object_id=object_id,
            permission=permission,
            reason="other_company" if row.company_id != principal.company_id else "scope",
        )
    return row


def _account_reached(principal: Principal, account: Account) -> bool:
    return account_in_reach(principal, account.company_id, account.id)


async def ensure_account(
    db: Db,
    principal: Principal | None,
    account_id: int,
    permission: Permission | None = None,
    *,
    action: str = "account",
) -> Account:
    """The account, if it exists, is the principal's company's, within its reach and level."""
    return await _ensure_reached(
        db, principal, Account, "account", account_id, permission, action, _account_reached
    )


async def ensure_subscriber(
    db: Db,
    principal: Principal | None,
    subscriber_id: int,
    permission: Permission | None = None,
    *,
    action: str = "subscriber",
) -> Subscriber:
    """The number, if it exists and the principal may reach it (company, accounts, own number)."""
    return await _ensure_reached(
        db,
        principal,
        Subscriber,
        "subscriber",
        subscriber_id,
        permission,
        action,
        subscriber_in_reach,
    )


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


_Owned = TypeVar("_Owned", Group, Label)


async def ensure_company_row(
    db: Db,
    principal: Principal,
    model: type[_Owned],
    object_type: str,
    object_id: int,
    permission: Permission,
    action: str,
) -> _Owned:
    """A row that belongs to a company as a whole (a group, a label), if it is the principal's
    company's: a missing one and another company's are refused alike, and audited."""
    row = await db.get(model, object_id)
    await ensure_company_object(
        db,
        principal,
        row.company_id if row else None,
        object_type=object_type,
        object_id=object_id,
        permission=permission,
        action=action,
    )
    assert row is not None
    return row
