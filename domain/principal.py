"""Who a user is and what a level may do: the permission matrix and the `Principal`.

A leaf: it imports nothing of the program but `domain.types`, so the audit log, the access
checks, the login and the back-office can all use it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.types import Brand, Role


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
