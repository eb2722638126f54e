"""Buttons of the subscribers section: the numbers list (with page jumps and a check-box
selection), the subscriber card and what hangs off it, groups, labels, limits and access."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from domain.types import ForwardingType, Role
from keyboards.menu import MenuCb, Section
from keyboards.texts import Translator
from keyboards.widgets import (
    PickAction,
    PickCb,
    Row,
    back_cancel_row,
    button,
    markup,
    pick_all_none_row,
    pick_done_row,
    pick_rows,
    yes_no_row,
)


class SubAction(StrEnum):
    CARD = "card"
    PHOTO = "photo"
    EDIT = "edit"
    EDIT_NAME = "ename"
    EDIT_COMMENT = "ecomm"
    EDIT_EMAIL = "email"
    EDIT_PHOTO = "ephoto"
    LABELS = "labels"
    LIMIT = "limit"
    ACCESS = "access"
    REMOVE = "rm"
    REMOVE_YES = "rmyes"
    CODE = "code"
    RESEND = "resend"
    MANAGE = "manage"  # number management: SIM, block, personal SIM
    FORWARDING = "fwd"
    BLOCK = "block"
    UNBLOCK = "unblock"
    SIM = "sim"
    ATTACH = "attach"


class SubCb(CallbackData, prefix="sb"):
    action: SubAction
    sub_id: int


class ListMode(StrEnum):
    BROWSE = "b"
    SELECT = "s"


class SubListCb(CallbackData, prefix="sbl"):
    """A page of the list; the filter (search, group, label) is the dialog's, in its state."""

    page: int
    mode: ListMode = ListMode.BROWSE


class SubMenu(StrEnum):
    SEARCH = "search"
    RESET = "reset"
    ADD = "add"
    SELECT = "select"
    GROUPS = "groups"
    LABELS = "labels"
    MINE = "mine"
    PAGE = "page"  # type a page number


class SubMenuCb(CallbackData, prefix="sbm"):
    action: SubMenu


# The check-box selection of numbers for bulk changes (`keyboards.widgets.PickCb`).
PICK = "sub"


def to_bulk() -> PickCb:
    """Back to «what to do with the checked numbers» (the selection's «done» again)."""
    return PickCb(of=PICK, action=PickAction.DONE)


class Bulk(StrEnum):
    LABEL_ADD = "ladd"
    LABEL_REMOVE = "lrm"  # which label to take off
    LABEL_DROP = "ldrop"  # `target`: that label taken off
    GROUP_SET = "gset"  # which group to put them in
    GROUP_JOIN = "gjoin"  # `target`: into that group
    GROUP_UNSET = "gunset"
    REMOVE = "rm"
    REMOVE_YES = "rmyes"  # `target`: the token of the question answered


class BulkCb(CallbackData, prefix="sbb"):
    action: Bulk
    target: int = 0  # a label or group id, or the removal question's token


class AddAction(StrEnum):
    SKIP = "skip"
    ACCOUNT = "acc"  # the next account for a number from outside
    CREATE = "create"
    BACK = "back"


class AddCb(CallbackData, prefix="sba"):
    action: AddAction


class GroupAction(StrEnum):
    LIST = "list"
    NEW = "new"
    CARD = "card"
    MEMBERS = "members"
    ADD = "add"
    DROP = "drop"
    RENAME = "rename"
    LOOK = "look"
    ICON = "icon"
    COLOR = "color"
    DELETE = "del"
    DELETE_YES = "delyes"


class GroupCb(CallbackData, prefix="sg"):
    action: GroupAction
    group_id: int = 0
    value: int = 0  # an index into the icons or the colours


class LabelAction(StrEnum):
    LIST = "list"
    SHOW = "show"  # numbers with the label
    ADD = "add"  # type a label for one number
    DROP = "drop"  # take a label off one number


class LabelCb(CallbackData, prefix="slb"):
    action: LabelAction
    label_id: int = 0
    sub_id: int = 0


class LimitAction(StrEnum):
    SET = "set"
    BLOCKS = "blocks"  # toggle: bar outgoing at 100 %
    OFF = "off"


class LimitCb(CallbackData, prefix="slm"):
    action: LimitAction
    sub_id: int


class GrantAction(StrEnum):
    GIVE = "give"
    GIVE_YES = "giveyes"
    TAKE = "take"
    TAKE_YES = "takeyes"


class GrantCb(CallbackData, prefix="sga"):
    action: GrantAction
    sub_id: int
    role: Role | None = None


def to_section(_: Translator) -> Row:
    return [button(_("sub-btn-to-list"), SubListCb(page=0))]


def main_menu_row(_: Translator) -> Row:
    return [button(_("btn-main-menu"), MenuCb(section=Section.MAIN))]


def jump_row(page: int, pages: int, mode: ListMode) -> Row:
    """For long lists: to the first and last page and ten pages either way."""
    if pages <= 3:
        return []
    row: Row = [button("⏮ 1", SubListCb(page=0, mode=mode))]
    if pages > 10:
        row.append(button("−10", SubListCb(page=max(0, page - 10), mode=mode)))
        row.append(button("+10", SubListCb(page=min(pages - 1, page + 10), mode=mode)))
    row.append(button(f"{pages} ⏭", SubListCb(page=pages - 1, mode=mode)))
    return row


def list_pager(_: Translator, page: int, pages: int, mode: ListMode) -> Row:
    if pages <= 1:
        return []
    return [
        button("◀️", SubListCb(page=(page - 1) % pages, mode=mode)),
        button(_("pager", page=page + 1, pages=pages), SubMenuCb(action=SubMenu.PAGE)),
        button("▶️", SubListCb(page=(page + 1) % pages, mode=mode)),
    ]


def list_kb(
    _: Translator,
    items: Sequence[tuple[int, str]],
    page: int,
    pages: int,
    *,
    filtered: bool,
    manage: bool,
    groups: bool,
) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [button(label, SubCb(action=SubAction.CARD, sub_id=i))] for i, label in items
    ]
    rows.append(list_pager(_, page, pages, ListMode.BROWSE))
    rows.append(jump_row(page, pages, ListMode.BROWSE))
    search: Row = [button(_("sub-btn-search"), SubMenuCb(action=SubMenu.SEARCH))]
    if filtered:
        search.append(button(_("sub-btn-reset"), SubMenuCb(action=SubMenu.RESET)))
    rows.append(search)
    if manage:
        rows.append(
            [
                button(_("sub-btn-add"), SubMenuCb(action=SubMenu.ADD)),
                button(_("sub-btn-select"), SubMenuCb(action=SubMenu.SELECT)),
            ]
        )
    rows.append(
        [
            button(_("sub-btn-groups"), SubMenuCb(action=SubMenu.GROUPS))
            if groups
            else button(_("sub-btn-groups-view"), SubMenuCb(action=SubMenu.GROUPS)),
            button(_("sub-btn-labels"), SubMenuCb(action=SubMenu.LABELS)),
        ]
    )
    rows.append(main_menu_row(_))
    return markup(rows)


def select_kb(
    _: Translator,
    items: Sequence[tuple[int, str, bool]],
    page: int,
    pages: int,
    chosen: int,
    *,
    done_key: str = "sub-btn-sel-done",
) -> InlineKeyboardMarkup:
    rows: list[Row] = pick_rows(PICK, items, page)
    rows.append(list_pager(_, page, pages, ListMode.SELECT))
    rows.append(jump_row(page, pages, ListMode.SELECT))
    rows.append(pick_all_none_row(PICK, page, _("sub-btn-sel-all"), _("sub-btn-sel-none")))
    rows.append([button(_("sub-btn-search"), SubMenuCb(action=SubMenu.SEARCH))])
    if chosen:
        rows.append(pick_done_row(PICK, _(done_key, n=chosen)))
    rows.append([button(_("btn-cancel"), SubListCb(page=0))])
    return markup(rows)


def bulk_kb(_: Translator, n: int, *, groups: bool) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [
            button(_("sub-btn-bulk-label-add"), BulkCb(action=Bulk.LABEL_ADD)),
            button(_("sub-btn-bulk-label-rm"), BulkCb(action=Bulk.LABEL_REMOVE)),
        ]
    ]
    if groups:
        rows.append(
            [
                button(_("sub-btn-bulk-group"), BulkCb(action=Bulk.GROUP_SET)),
                button(_("sub-btn-bulk-ungroup"), BulkCb(action=Bulk.GROUP_UNSET)),
            ]
        )
    rows.append([button(_("sub-btn-bulk-remove", n=n), BulkCb(action=Bulk.REMOVE))])
    rows.append(back_cancel_row(_, SubListCb(page=0, mode=ListMode.SELECT), SubListCb(page=0)))
    return markup(rows)


def bulk_pick_kb(
    _: Translator, items: Sequence[tuple[int, str]], action: Bulk
) -> InlineKeyboardMarkup:
    rows: list[Row] = [[button(label, BulkCb(action=action, target=i))] for i, label in items]
    rows.append(back_cancel_row(_, to_bulk(), SubListCb(page=0)))
    return markup(rows)


def confirm_kb(_: Translator, yes: CallbackData, no: CallbackData) -> InlineKeyboardMarkup:
    return markup([yes_no_row(_, yes, no)])


def _manage_rows(_: Translator, sub_id: int, *, pending: bool) -> list[Row]:
    """A coordinator's buttons on a card: the code of a pending number, edit, labels, limit."""
    rows: list[Row] = []
    if pending:
        rows.append(
            [
                button(_("sub-btn-code"), SubCb(action=SubAction.CODE, sub_id=sub_id)),
                button(_("sub-btn-resend"), SubCb(action=SubAction.RESEND, sub_id=sub_id)),
            ]
        )
    rows.append(
        [
            button(_("sub-btn-edit"), SubCb(action=SubAction.EDIT, sub_id=sub_id)),
            button(_("sub-btn-labels-one"), SubCb(action=SubAction.LABELS, sub_id=sub_id)),
        ]
    )
    rows.append([button(_("sub-btn-limit"), SubCb(action=SubAction.LIMIT, sub_id=sub_id))])
    return rows


def card_kb(
    _: Translator,
    sub_id: int,
    *,
    manage: bool,
    pending: bool,
    grant: bool,
    forwarding: bool,
    number_management: bool,
    has_photo: bool,
    own_view: bool,
    own_services: bool = False,
) -> InlineKeyboardMarkup:
    def one(key: str, action: SubAction) -> Row:
        return [button(_(key), SubCb(action=action, sub_id=sub_id))]

    rows: list[Row] = [one("sub-btn-photo", SubAction.PHOTO)] if has_photo else []
    if manage:
        rows += _manage_rows(_, sub_id, pending=pending)
    if forwarding:
        rows.append(one("sub-btn-forwarding", SubAction.FORWARDING))
    if own_services:
        # Services of the own number are changed in the tariffs section.
        rows.append([button(_("sub-btn-services"), MenuCb(section=Section.TARIFFS))])
    if number_management:
        rows.append(one("sub-btn-manage", SubAction.MANAGE))
    if grant:
        rows.append(one("sub-btn-access", SubAction.ACCESS))
    if manage:
        rows.append(one("sub-btn-remove", SubAction.REMOVE))
    rows.append(main_menu_row(_) if own_view else [*to_section(_), *main_menu_row(_)])
    return markup(rows)


def back_to_card(_: Translator, sub_id: int) -> Row:
    return [button(_("sub-btn-to-card"), SubCb(action=SubAction.CARD, sub_id=sub_id))]


def edit_kb(_: Translator, sub_id: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(_("sub-btn-edit-name"), SubCb(action=SubAction.EDIT_NAME, sub_id=sub_id)),
                button(
                    _("sub-btn-edit-comment"), SubCb(action=SubAction.EDIT_COMMENT, sub_id=sub_id)
                ),
            ],
            [
                button(_("sub-btn-edit-email"), SubCb(action=SubAction.EDIT_EMAIL, sub_id=sub_id)),
                button(_("sub-btn-edit-photo"), SubCb(action=SubAction.EDIT_PHOTO, sub_id=sub_id)),
            ],
            back_to_card(_, sub_id),
        ]
    )


def input_kb(_: Translator, sub_id: int) -> InlineKeyboardMarkup:
    """Under a question: back to the card (which also cancels the question)."""
    return markup([[button(_("btn-cancel"), SubCb(action=SubAction.CARD, sub_id=sub_id))]])


def labels_one_kb(
    _: Translator, sub_id: int, labels: Sequence[tuple[int, str]]
) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [button(f"✖️ {name}", LabelCb(action=LabelAction.DROP, label_id=i, sub_id=sub_id))]
        for i, name in labels
    ]
    rows.append([button(_("sub-btn-label-add"), LabelCb(action=LabelAction.ADD, sub_id=sub_id))])
    rows.append(back_to_card(_, sub_id))
    return markup(rows)


def labels_kb(_: Translator, items: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [button(label, LabelCb(action=LabelAction.SHOW, label_id=i))] for i, label in items
    ]
    rows.append([*to_section(_), *main_menu_row(_)])
    return markup(rows)


def limit_kb(_: Translator, sub_id: int, *, has_limit: bool, blocks: bool) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [
            button(
                _("sub-btn-limit-change" if has_limit else "sub-btn-limit-set"),
                LimitCb(action=LimitAction.SET, sub_id=sub_id),
            )
        ]
    ]
    if has_limit:
        rows.append(
            [
                button(
                    _("sub-btn-limit-blocks-on" if blocks else "sub-btn-limit-blocks-off"),
                    LimitCb(action=LimitAction.BLOCKS, sub_id=sub_id),
                )
            ]
        )
        rows.append(
            [button(_("sub-btn-limit-off"), LimitCb(action=LimitAction.OFF, sub_id=sub_id))]
        )
    rows.append(back_to_card(_, sub_id))
    return markup(rows)


def access_kb(
    _: Translator, sub_id: int, current: Role | None, grantable: Sequence[Role]
) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [
            button(
                _("sub-btn-grant", role=_(f"role-{role.value}")),
                GrantCb(action=GrantAction.GIVE, sub_id=sub_id, role=role),
            )
        ]
        for role in grantable
        if role is not current
    ]
    if current is not None and current in grantable:
        rows.append([button(_("sub-btn-revoke"), GrantCb(action=GrantAction.TAKE, sub_id=sub_id))])
    rows.append(back_to_card(_, sub_id))
    return markup(rows)


def add_skip_kb(_: Translator) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(_("sub-btn-skip"), AddCb(action=AddAction.SKIP))],
            back_cancel_row(_, AddCb(action=AddAction.BACK), SubListCb(page=0)),
        ]
    )


def add_step_kb(_: Translator, *, back: bool = True) -> InlineKeyboardMarkup:
    return markup(
        [back_cancel_row(_, AddCb(action=AddAction.BACK) if back else None, SubListCb(page=0))]
    )


def add_summary_kb(_: Translator, *, other_accounts: bool) -> InlineKeyboardMarkup:
    rows: list[Row] = [[button(_("sub-btn-create"), AddCb(action=AddAction.CREATE))]]
    if other_accounts:
        rows.append([button(_("sub-btn-other-account"), AddCb(action=AddAction.ACCOUNT))])
    rows.append(back_cancel_row(_, AddCb(action=AddAction.BACK), SubListCb(page=0)))
    return markup(rows)


def groups_kb(
    _: Translator, items: Sequence[tuple[int, str]], *, manage: bool
) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [button(label, GroupCb(action=GroupAction.CARD, group_id=i))] for i, label in items
    ]
    if manage:
        rows.append([button(_("sub-btn-group-new"), GroupCb(action=GroupAction.NEW))])
    rows.append([*to_section(_), *main_menu_row(_)])
    return markup(rows)


def group_kb(_: Translator, group_id: int, *, manage: bool) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [button(_("sub-btn-group-members"), GroupCb(action=GroupAction.MEMBERS, group_id=group_id))]
    ]
    if manage:
        rows.append(
            [
                button(_("sub-btn-group-add"), GroupCb(action=GroupAction.ADD, group_id=group_id)),
                button(
                    _("sub-btn-group-drop"), GroupCb(action=GroupAction.DROP, group_id=group_id)
                ),
            ]
        )
        rows.append(
            [
                button(
                    _("sub-btn-group-rename"),
                    GroupCb(action=GroupAction.RENAME, group_id=group_id),
                ),
                button(
                    _("sub-btn-group-look"), GroupCb(action=GroupAction.LOOK, group_id=group_id)
                ),
            ]
        )
        rows.append(
            [
                button(
                    _("sub-btn-group-delete"), GroupCb(action=GroupAction.DELETE, group_id=group_id)
                )
            ]
        )
    rows.append([button(_("btn-back"), GroupCb(action=GroupAction.LIST))])
    return markup(rows)


def icons_kb(
    _: Translator, icons: Sequence[str], group_id: int, back: CallbackData
) -> InlineKeyboardMarkup:
    buttons = [
        button(icon, GroupCb(action=GroupAction.ICON, group_id=group_id, value=k))
        for k, icon in enumerate(icons)
    ]
    rows: list[Row] = [buttons[i : i + 5] for i in range(0, len(buttons), 5)]
    rows.append(back_cancel_row(_, back, GroupCb(action=GroupAction.LIST)))
    return markup(rows)


def colors_kb(
    _: Translator, colors: Sequence[tuple[str, str]], group_id: int, back: CallbackData
) -> InlineKeyboardMarkup:
    buttons = [
        button(
            f"{mark} {_(f'sub-color-{name}')}",
            GroupCb(action=GroupAction.COLOR, group_id=group_id, value=k),
        )
        for k, (name, mark) in enumerate(colors)
    ]
    rows: list[Row] = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append(back_cancel_row(_, back, GroupCb(action=GroupAction.LIST)))
    return markup(rows)


def group_input_kb(_: Translator) -> InlineKeyboardMarkup:
    return markup([back_cancel_row(_, None, GroupCb(action=GroupAction.LIST))])


def search_kb(_: Translator) -> InlineKeyboardMarkup:
    return markup([[button(_("btn-cancel"), SubListCb(page=0))]])


def card_back_kb(_: Translator, sub_id: int) -> InlineKeyboardMarkup:
    return markup([back_to_card(_, sub_id)])


def bulk_input_kb(_: Translator) -> InlineKeyboardMarkup:
    """Under a question about the checked numbers: back to what to do with them, or cancel."""
    return markup([back_cancel_row(_, to_bulk(), SubListCb(page=0))])


class NetAction(StrEnum):
    MANAGE = "m"  # the number management screen
    SIM = "sim"  # ask the ICC
    SIM_YES = "simy"
    ATTACH = "att"  # ask the personal number
    ATTACH_YES = "atty"
    BLOCK = "blk"  # ask the reason
    BLOCK_YES = "blky"
    UNBLOCK = "ublk"
    UNBLOCK_YES = "ublky"
    FWD = "fwd"  # the forwarding screen
    FWD_ADD = "fadd"  # choose the type
    FWD_TYPE = "ftype"  # `ftype`
    FWD_YES = "fyes"
    FWD_DROP = "fdrop"  # value: the rule's id
    FWD_DROP_YES = "fdropy"


class NetCb(CallbackData, prefix="sn"):
    """A forwarding type that is not one of the enum's is not this callback at all (the
    fallback answers «Эта кнопка недоступна»)."""

    action: NetAction
    sub_id: int
    value: int = 0  # FWD_DROP, FWD_DROP_YES: the rule's id
    ftype: ForwardingType | None = None


def manage_kb(
    _: Translator, sub_id: int, *, blocked: bool, can_block: bool
) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [button(_("sub-btn-sim"), NetCb(action=NetAction.SIM, sub_id=sub_id))],
        [button(_("sub-btn-attach"), NetCb(action=NetAction.ATTACH, sub_id=sub_id))],
    ]
    if can_block:
        rows.append(
            [
                button(_("sub-btn-unblock"), NetCb(action=NetAction.UNBLOCK, sub_id=sub_id))
                if blocked
                else button(_("sub-btn-block"), NetCb(action=NetAction.BLOCK, sub_id=sub_id))
            ]
        )
    rows.append(back_to_card(_, sub_id))
    return markup(rows)


def net_input_kb(
    _: Translator, sub_id: int, back: NetAction = NetAction.MANAGE
) -> InlineKeyboardMarkup:
    return markup(
        [
            back_cancel_row(
                _,
                NetCb(action=back, sub_id=sub_id),
                SubCb(action=SubAction.CARD, sub_id=sub_id),
            )
        ]
    )


def net_confirm_kb(
    _: Translator, sub_id: int, yes: NetAction, yes_key: str, back: NetAction, value: int = 0
) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(_(yes_key), NetCb(action=yes, sub_id=sub_id, value=value))],
            back_cancel_row(
                _,
                NetCb(action=back, sub_id=sub_id),
                SubCb(action=SubAction.CARD, sub_id=sub_id),
            ),
        ]
    )


def forwarding_kb(
    _: Translator, sub_id: int, rules: Sequence[tuple[int, str]], *, can_add: bool
) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [button(f"✖️ {label}", NetCb(action=NetAction.FWD_DROP, sub_id=sub_id, value=i))]
        for i, label in rules
    ]
    if can_add:
        rows.append([button(_("sub-btn-fwd-add"), NetCb(action=NetAction.FWD_ADD, sub_id=sub_id))])
    rows.append(back_to_card(_, sub_id))
    return markup(rows)


def fwd_types_kb(
    _: Translator, sub_id: int, types: Sequence[ForwardingType]
) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [
            button(
                _(f"sub-fwd-type-{t.value}"),
                NetCb(action=NetAction.FWD_TYPE, sub_id=sub_id, ftype=t),
            )
        ]
        for t in types
    ]
    rows.append(
        back_cancel_row(
            _,
            NetCb(action=NetAction.FWD, sub_id=sub_id),
            SubCb(action=SubAction.CARD, sub_id=sub_id),
        )
    )
    return markup(rows)


def order_placed_kb(
    _: Translator, sub_id: int, order_button: InlineKeyboardButton
) -> InlineKeyboardMarkup:
    return markup([[order_button], back_to_card(_, sub_id)])


def subscriber_card_markup(_: Translator, sub_id: int) -> InlineKeyboardMarkup:
    """Under a push about a number (its spending limit): «📱 К карточке номера»."""
    return markup([[button(_("sub-btn-open-card"), SubCb(action=SubAction.CARD, sub_id=sub_id))]])
