"""What the subscribers section offers a level: which buttons its screens show.

Only for drawing the screens; every use case still checks its own permission when it runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.principal import Permission, Principal


@dataclass(frozen=True)
class SubscriberRights:
    manage: bool  # add, edit, remove numbers, limits, labels, bulk changes
    groups: bool  # create and change groups, their members
    grant: bool  # give and take access levels
    forwarding: bool
    number_management: bool  # SIM, a personal SIM, blocking
    own_services: bool  # the own number's services (the narrow levels, in tariffs)


def rights_of(principal: Principal) -> SubscriberRights:
    return SubscriberRights(
        manage=principal.can(Permission.MANAGE_SUBSCRIBERS),
        groups=principal.can(Permission.MANAGE_GROUPS),
        grant=principal.can(Permission.GRANT_ACCESS),
        forwarding=principal.can(Permission.MANAGE_FORWARDING),
        number_management=principal.can(Permission.REPLACE_SIM),
        own_services=principal.own_number_only and principal.can(Permission.MANAGE_SERVICES),
    )
