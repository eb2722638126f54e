"""Groups of the subscribers section: the groups list and card, a new group (name, icon,
colour), rename, restyle, delete, members in bulk (from the check boxes of the list). One
handler per button; labels are in `handlers.subscribers.labels`."""

from __future__ import annotations

from html import escape
from typing import ClassVar

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import StatesGroup
from aiogram.types import CallbackQuery, Message

from domain.access.checks import Principal
from domain.db import Db
from domain.errors import ValidationFailed
from domain.subscribers import groups
from domain.subscribers.numbers import ListFilter
from domain.subscribers.rights import rights_of
from handlers.dialog_data import DialogData
from handlers.gate import ask_about, edit_or_send, money_router
from handlers.item_screen import ItemScreen, View, opening
from handlers.subscribers.screens import (
    Members,
    changing_checked,
    list_screen,
    picking_for_checked,
    set_filter,
    start_browsing,
    start_selecting,
)
from handlers.typed import TextState
from keyboards import subscribers as kb
from keyboards.subscribers import Bulk, BulkCb, GroupAction, GroupCb, ListMode
from keyboards.texts import Translator

COLOR_ITEMS = tuple(groups.COLORS.items())


class GroupInput(StatesGroup):
    name = TextState()
    rename = TextState()


class GroupDraft(DialogData):
    """A group being created (name, then icon, then colour) or restyled (`group_id`)."""

    KEY: ClassVar[str] = "sub_group"
    group_id: int = 0
    name: str = ""
    icon: str = ""


def group_label(g: groups.GroupInfo) -> str:
    return f"{g.icon} {g.name} {g.color_mark} · {g.members}"


async def show_groups(
    target: CallbackQuery | Message,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    note: str = "",
) -> None:
    await state.set_state(None)
    items = await groups.list_groups(db, principal)
    text = _("sub-groups-title", n=len(items))
    if not items:
        text += "\n" + _("sub-groups-none")
    if note:
        text = note + "\n\n" + text
    labels = [(g.id, group_label(g)) for g in items]
    await edit_or_send(target, text, kb.groups_kb(_, labels, manage=rights_of(principal).groups))


async def group_view(db: Db, principal: Principal, _: Translator, group_id: int) -> View:
    g = await groups.group_info(db, principal, group_id)
    text = _(
        "sub-group-card",
        icon=g.icon,
        name=escape(g.name),
        color=f"{g.color_mark} {_(f'sub-color-{g.color}')}",
        n=g.members,
    )
    return text, kb.group_kb(_, group_id, manage=rights_of(principal).groups)


show_group = ItemScreen(group_view)


# --- the list and a card ----------------------------------------------------------------------


async def cb_groups(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await show_groups(callback, db, principal, state, _)


async def cb_members(
    callback: CallbackQuery,
    callback_data: GroupCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    """«Участники»: the numbers list filtered by the group."""
    await groups.group_info(db, principal, callback_data.group_id)
    await set_filter(state, ListFilter(group_id=callback_data.group_id))
    await start_browsing(state)
    text, markup = await list_screen(db, principal, state, _, 0, ListMode.BROWSE)
    await edit_or_send(callback, text, markup)


async def _members_list(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    members: Members,
) -> None:
    await groups.ensure_can_change_members(db, principal, members.group_id)
    # Numbers to add come from the whole list, numbers to take out from the group's.
    await set_filter(state, ListFilter(group_id=None if members.adding else members.group_id))
    await start_selecting(state, members)
    text, markup = await list_screen(db, principal, state, _, 0, ListMode.SELECT)
    await edit_or_send(callback, text, markup)


async def cb_add_members(
    callback: CallbackQuery,
    callback_data: GroupCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    members = Members(adding=True, group_id=callback_data.group_id)
    await _members_list(callback, db, principal, state, _, members)


async def cb_drop_members(
    callback: CallbackQuery,
    callback_data: GroupCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    members = Members(adding=False, group_id=callback_data.group_id)
    await _members_list(callback, db, principal, state, _, members)


async def apply_members(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    members: Members,
    chosen: list[int],
) -> None:
    """The check-box list of a group's «add» or «remove» is done."""
    gid = members.group_id
    if members.adding:
        note = _("sub-group-added", n=await groups.set_group(db, principal, chosen, gid))
    else:
        note = _("sub-group-dropped", n=await groups.remove_from_group(db, principal, chosen, gid))
    await start_browsing(state)
    await show_group(callback, db, principal, _, gid, note)


# --- a new group, its name and look -----------------------------------------------------------


async def cb_new(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await groups.ensure_can_manage(db, principal)
    question, markup = _("sub-group-name-ask"), kb.group_input_kb(_)
    await ask_about(callback, state, GroupInput.name, GroupDraft(), question, markup)


async def cb_rename(
    callback: CallbackQuery,
    callback_data: GroupCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await groups.ensure_can_rename(db, principal, callback_data.group_id)
    draft = GroupDraft(group_id=callback_data.group_id)
    question, markup = _("sub-group-name-ask"), kb.group_input_kb(_)
    await ask_about(callback, state, GroupInput.rename, draft, question, markup)


async def _ask_name_again(message: Message, _: Translator, err: ValidationFailed) -> None:
    await message.answer(
        _(err.key, **err.params) + "\n" + _("sub-group-name-ask"),
        reply_markup=kb.group_input_kb(_),
    )


async def on_new_name(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    try:
        name = groups.parse_group_name(message.text or "")
        await groups.check_name_free(db, principal, name)
    except ValidationFailed as err:
        await _ask_name_again(message, _, err)
        return
    await GroupDraft(name=name).save(state)
    await state.set_state(None)
    await message.answer(
        _("sub-group-icon-ask"),
        reply_markup=kb.icons_kb(_, groups.ICONS, 0, GroupCb(action=GroupAction.NEW)),
    )


async def on_rename(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    gid = (await GroupDraft.load(state)).group_id
    try:
        await groups.rename_group(db, principal, gid, groups.parse_group_name(message.text or ""))
    except ValidationFailed as err:
        await _ask_name_again(message, _, err)
        return
    await state.set_state(None)
    await show_group(message, db, principal, _, gid, _("sub-saved"))


async def cb_look(
    callback: CallbackQuery,
    callback_data: GroupCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    gid = callback_data.group_id
    await groups.ensure_can_restyle(db, principal, gid)
    await GroupDraft(group_id=gid).save(state)
    back = GroupCb(action=GroupAction.CARD, group_id=gid)
    await edit_or_send(callback, _("sub-group-icon-ask"), kb.icons_kb(_, groups.ICONS, gid, back))


async def cb_icon(
    callback: CallbackQuery,
    callback_data: GroupCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    gid = callback_data.group_id
    if not 0 <= callback_data.value < len(groups.ICONS):
        await callback.answer(_("forged-button"), show_alert=True)
        return
    draft = await GroupDraft.load(state)
    if gid:
        await groups.ensure_can_restyle(db, principal, gid)
    elif not draft.name:
        await callback.answer(_("sub-add-stale"), show_alert=True)
        return
    await GroupDraft.change(state, icon=groups.ICONS[callback_data.value])
    back = (
        GroupCb(action=GroupAction.LOOK, group_id=gid) if gid else GroupCb(action=GroupAction.NEW)
    )
    await edit_or_send(callback, _("sub-group-color-ask"), kb.colors_kb(_, COLOR_ITEMS, gid, back))


async def cb_color(
    callback: CallbackQuery,
    callback_data: GroupCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    gid = callback_data.group_id
    if not 0 <= callback_data.value < len(COLOR_ITEMS):
        await callback.answer(_("forged-button"), show_alert=True)
        return
    draft = await GroupDraft.load(state)
    color, icon = COLOR_ITEMS[callback_data.value][0], draft.icon or groups.ICONS[0]
    if not gid and not draft.name:
        # The group was created by the first press already.
        await callback.answer(_("sub-add-stale"), show_alert=True)
        return
    if gid:
        await groups.restyle_group(db, principal, gid, icon, color)
        note = _("sub-saved")
    else:
        gid = await groups.create_group(db, principal, draft.name, icon, color)
        note = _("sub-group-created")
    await GroupDraft.drop(state)
    await show_group(callback, db, principal, _, gid, note)


# --- deleting ---------------------------------------------------------------------------------


async def cb_delete(
    callback: CallbackQuery, callback_data: GroupCb, db: Db, principal: Principal, _: Translator
) -> None:
    gid = callback_data.group_id
    name = await groups.group_to_delete(db, principal, gid)
    await edit_or_send(
        callback,
        _("sub-group-delete-ask", name=escape(name)),
        kb.confirm_kb(
            _,
            GroupCb(action=GroupAction.DELETE_YES, group_id=gid),
            GroupCb(action=GroupAction.CARD, group_id=gid),
        ),
    )


async def cb_delete_yes(
    callback: CallbackQuery,
    callback_data: GroupCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    deleted = await groups.delete_group(db, principal, callback_data.group_id)
    note = _("sub-group-deleted" if deleted else "sub-group-gone")
    await show_groups(callback, db, principal, state, _, note)


# --- the checked numbers into a group or out of any ------------------------------------------


async def _group_choices(db: Db, principal: Principal) -> list[tuple[int, str]]:
    return [(g.id, f"{g.icon} {g.name}") for g in await groups.list_groups(db, principal)]


async def _ungroup(db: Db, principal: Principal, ids: list[int], _target: int) -> int:
    return await groups.set_group(db, principal, ids, None)


cb_bulk_group_pick = picking_for_checked(_group_choices, "sub-bulk-group-pick", Bulk.GROUP_JOIN)
cb_bulk_group_join = changing_checked(groups.set_group, "sub-group-added")
cb_bulk_ungroup = changing_checked(_ungroup, "sub-group-dropped")


async def on_not_text(message: Message, _: Translator) -> None:
    await message.answer(_("sub-err-text-only", question=_("sub-group-name-ask")))


def build_router() -> Router:
    router = money_router("subscriber-groups")
    on = router.callback_query.register
    for action, handler in (
        (GroupAction.LIST, cb_groups),
        (GroupAction.CARD, opening(show_group, "group_id")),
        (GroupAction.MEMBERS, cb_members),
        (GroupAction.ADD, cb_add_members),
        (GroupAction.DROP, cb_drop_members),
        (GroupAction.NEW, cb_new),
        (GroupAction.RENAME, cb_rename),
        (GroupAction.LOOK, cb_look),
        (GroupAction.ICON, cb_icon),
        (GroupAction.COLOR, cb_color),
        (GroupAction.DELETE, cb_delete),
        (GroupAction.DELETE_YES, cb_delete_yes),
    ):
        on(handler, GroupCb.filter(F.action == action))
    on(cb_bulk_group_pick, BulkCb.filter(F.action == Bulk.GROUP_SET))
    on(cb_bulk_group_join, BulkCb.filter(F.action == Bulk.GROUP_JOIN))
    on(cb_bulk_ungroup, BulkCb.filter(F.action == Bulk.GROUP_UNSET))
    router.message.register(on_new_name, GroupInput.name, F.text)
    router.message.register(on_rename, GroupInput.rename, F.text)
    router.message.register(on_not_text, StateFilter(GroupInput))
    return router
