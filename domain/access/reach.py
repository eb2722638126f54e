"""Who reaches an account: the one rule behind a principal's `account_ids` (at login) and behind
the pushes about an account (low balance) or one of its numbers (spending limit).

A union coordinator reaches every account of its company. A coordinator or an assistant may be
given a list of accounts (`UserAccountAccess`): with one it reaches those, without one the whole
company. Number managers and viewers reach their own number only (`Principal.own_number_only`),
never an account as a whole, so they hear of no account here.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, or_, select

from domain.db import Db
from domain.types import Role
from storage.models import CabinetUser, UserAccountAccess

# The levels a list of accounts narrows.
LISTED_ROLES = (Role.COORDINATOR, Role.ASSISTANT)
# The levels that work with accounts as a whole.
ACCOUNT_ROLES = (Role.UNION_COORDINATOR, *LISTED_ROLES)


async def account_list(db: Db, user: CabinetUser) -> frozenset[int] | None:
    """The accounts the user's reach is narrowed to, or None for the whole company."""
    if user.role not in LISTED_ROLES:
        return None
    rows = await db.scalars(
        select(UserAccountAccess.account_id).where(UserAccountAccess.user_id == user.id)
    )
    return frozenset(rows) or None


def reaches_account(account_id: int) -> ColumnElement[bool]:
    """SQL condition on `CabinetUser` (of the account's company): the account is in its reach."""
    listed = select(UserAccountAccess.user_id).where(UserAccountAccess.user_id == CabinetUser.id)
    return or_(
        CabinetUser.role.not_in(LISTED_ROLES),
        ~listed.exists(),
        listed.where(UserAccountAccess.account_id == account_id).exists(),
    )


async def users_reaching(
    db: Db, company_id: int, account_id: int, roles: Iterable[Role] = ACCOUNT_ROLES
) -> list[int]:
    """Ids of the company's unblocked cabinet users at one of `roles` (those that work with
    accounts, by default) whose reach includes the account, in id order."""
    roles = [r for r in roles if r in ACCOUNT_ROLES]
    rows = await db.scalars(
        select(CabinetUser.id)
        .where(
            CabinetUser.company_id == company_id,
            CabinetUser.role.in_(roles),
            CabinetUser.is_blocked.is_(False),
            reaches_account(account_id),
        )
        .order_by(CabinetUser.id)
    )
    return list(rows)
