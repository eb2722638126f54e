"""Employees and their numbers: the list, the card, adding and removing (`numbers`), groups
(`groups`), labels (`labels`), spending limits (`limits`), access levels and grants (`levels`,
`grants`), SIM replacement and a personal SIM (`sim`), blocking (`blocking`) and call
forwarding (`forwarding`). Changes the network makes are orders (`domain.orders`).
"""

from __future__ import annotations

from domain.subscribers.blocking import (
    check_can_block as check_can_block,
)
from domain.subscribers.blocking import (
    set_blocked as set_blocked,
)
from domain.subscribers.forwarding import (
    add_forwarding as add_forwarding,
)
from domain.subscribers.forwarding import (
    check_can_forward as check_can_forward,
)
from domain.subscribers.forwarding import (
    check_target as check_target,
)
from domain.subscribers.forwarding import (
    checked_rule as checked_rule,
)
from domain.subscribers.forwarding import (
    ensure_can_see as ensure_can_see,
)
from domain.subscribers.forwarding import (
    remove_forwarding as remove_forwarding,
)
from domain.subscribers.grants import (
    current_level as current_level,
)
from domain.subscribers.grants import (
    give_level as give_level,
)
from domain.subscribers.grants import (
    take_level as take_level,
)
from domain.subscribers.groups import (
    check_name_free as check_name_free,
)
from domain.subscribers.groups import (
    create_group as create_group,
)
from domain.subscribers.groups import (
    delete_group as delete_group,
)
from domain.subscribers.groups import (
    ensure_can_manage as ensure_can_manage,
)
from domain.subscribers.groups import (
    group_info as group_info,
)
from domain.subscribers.groups import (
    group_name as group_name,
)
from domain.subscribers.groups import (
    list_groups as list_groups,
)
from domain.subscribers.groups import (
    remove_from_group as remove_from_group,
)
from domain.subscribers.groups import (
    rename_group as rename_group,
)
from domain.subscribers.groups import (
    restyle_group as restyle_group,
)
from domain.subscribers.groups import (
    set_group as set_group,
)
from domain.subscribers.labels import (
    add_label as add_label,
)
from domain.subscribers.labels import (
    ensure_can_label as ensure_can_label,
)
from domain.subscribers.labels import (
    ensure_can_label_many as ensure_can_label_many,
)
from domain.subscribers.labels import (
    label_name as label_name,
)
from domain.subscribers.labels import (
    list_labels as list_labels,
)
from domain.subscribers.labels import (
    remove_label as remove_label,
)
from domain.subscribers.labels import (
    subscriber_labels as subscriber_labels,
)
from domain.subscribers.levels import (
    grant_level as grant_level,
)
from domain.subscribers.levels import (
    revoke_level as revoke_level,
)
from domain.subscribers.limits import (
    check_limits as check_limits,
)
from domain.subscribers.limits import (
    set_limit as set_limit,
)
from domain.subscribers.numbers import (
    accounts_for_new as accounts_for_new,
)
from domain.subscribers.numbers import (
    add_employee as add_employee,
)
from domain.subscribers.numbers import (
    check_can_add as check_can_add,
)
from domain.subscribers.numbers import (
    check_new_number as check_new_number,
)
from domain.subscribers.numbers import (
    confirm_by_coordinator as confirm_by_coordinator,
)
from domain.subscribers.numbers import (
    confirm_by_link as confirm_by_link,
)
from domain.subscribers.numbers import (
    level_of as level_of,
)
from domain.subscribers.numbers import (
    list_subscribers as list_subscribers,
)
from domain.subscribers.numbers import (
    matching_ids as matching_ids,
)
from domain.subscribers.numbers import (
    pick_subscribers as pick_subscribers,
)
from domain.subscribers.numbers import (
    pickable_ids as pickable_ids,
)
from domain.subscribers.numbers import (
    placed_before as placed_before,
)
from domain.subscribers.numbers import (
    remove_subscribers as remove_subscribers,
)
from domain.subscribers.numbers import (
    resend_confirmation as resend_confirmation,
)
from domain.subscribers.numbers import (
    send_confirmation as send_confirmation,
)
from domain.subscribers.numbers import (
    subscriber_card as subscriber_card,
)
from domain.subscribers.numbers import (
    update_personal as update_personal,
)
from domain.subscribers.sim import (
    attach_personal_sim as attach_personal_sim,
)
from domain.subscribers.sim import (
    check_personal_number as check_personal_number,
)
from domain.subscribers.sim import (
    check_reserve_sim as check_reserve_sim,
)
from domain.subscribers.sim import (
    ensure_can_manage_sim as ensure_can_manage_sim,
)
from domain.subscribers.sim import (
    hash_puk as hash_puk,
)
from domain.subscribers.sim import (
    replace_sim as replace_sim,
)
