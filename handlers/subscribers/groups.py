"""Groups and labels of the subscribers section: the groups list and card, a new group (name,
icon, colour), rename, restyle, delete, members in bulk; labels on one number or on many, and
the numbers that carry a label."""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from domain.access.checks import Permission, Principal
from domain.db import Db
from domain.errors import ValidationFailed
from domain.subscribers import groups, labels
from domain.subscribers.numbers import ListFilter
from handlers.gate import edit_or_send, money_router
from handlers.subscribers.screens import list_screen, selected, set_filter, unselect
from keyboards import subscribers as kb
from keyboards.subscribers import (
    Bulk,
    BulkCb,
    GroupAction,
    GroupCb,
    LabelAction,
    LabelCb,
    ListMode,
    SubAction,
    SubCb,
)
from keyboards.texts import Translator

COLOR_ITEMS = tuple(groups.COLORS.items())


class GroupInput(StatesGroup):
    name = State()
    rename = State()
    label_one = State()
    label_bulk = State()


# --- groups -----------------------------------------------------------------------------------


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
    markup = kb.groups_kb(
        _, [(g.id, group_label(g)) for g in items], manage=principal.can(Permission.MANAGE_GROUPS)
    )
    if isinstance(target, Message):
        await target.answer(text, reply_markup=markup)
    else:
        await edit_or_send(target, text, markup)


async def show_group(
    target: CallbackQuery | Message,
    db: Db,
    principal: Principal,
    _: Translator,
    group_id: int,
    note: str = "",
) -> None:
    g = await groups.group_info(db, principal, group_id)
    text = _(
        "sub-group-card",
        icon=g.icon,
        name=escape(g.name),
        color=f"{g.color_mark} {_(f'sub-color-{g.color}')}",
        n=g.members,
    )
    if note:
        text = note + "\n\n" + text
    markup = kb.group_kb(_, group_id, manage=principal.can(Permission.MANAGE_GROUPS))
    if isinstance(target, Message):
        await target.answer(text, reply_markup=markup)
    else:
        await edit_or_send(target, text, markup)


async def cb_group(
    callback: CallbackQuery,
    callback_data: GroupCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    action = callback_data.action
    gid = callback_data.group_id
    if action is GroupAction.LIST:
        await show_groups(callback, db, principal, state, _)
        return
    if action is GroupAction.CARD:
        await state.set_state(None)
        await show_group(callback, db, principal, _, gid)
        return
    if action is GroupAction.MEMBERS:
        await groups.group_info(db, principal, gid)
        await set_filter(state, ListFilter(group_id=gid))
        await unselect(state)
        await state.update_data(purpose=None, sel_mode=False)
        text, markup = await list_screen(db, principal, state, _, 0, ListMode.BROWSE)
        await edit_or_send(callback, text, markup)
        return
    if action in (GroupAction.ADD, GroupAction.DROP):
        await groups.checked_group(db, principal, gid, Permission.MANAGE_GROUPS, "group.members")
        kind = "group_add" if action is GroupAction.ADD else "group_drop"
        await set_filter(state, ListFilter(group_id=gid if kind == "group_drop" else None))
        await unselect(state)
        await state.update_data(purpose={"kind": kind, "group": gid}, sel_mode=True)
        text, markup = await list_screen(db, principal, state, _, 0, ListMode.SELECT)
        await edit_or_send(callback, text, markup)
        return
    if action is GroupAction.NEW:
        await groups.ensure_can_manage(db, principal)
        await state.set_state(GroupInput.name)
        await state.update_data(grp={"id": 0})
        await edit_or_send(callback, _("sub-group-name-ask"), kb.group_input_kb(_))
        return
    if action is GroupAction.RENAME:
        await groups.checked_group(db, principal, gid, Permission.MANAGE_GROUPS, "group.rename")
        await state.set_state(GroupInput.rename)
        await state.update_data(grp={"id": gid})
        await edit_or_send(callback, _("sub-group-name-ask"), kb.group_input_kb(_))
        return
    if action is GroupAction.LOOK:
        await groups.checked_group(db, principal, gid, Permission.MANAGE_GROUPS, "group.look")
        await state.update_data(grp={"id": gid})
        await edit_or_send(
            callback,
            _("sub-group-icon-ask"),
            kb.icons_kb(_, groups.ICONS, gid, GroupCb(action=GroupAction.CARD, group_id=gid)),
        )
        return
    if action is GroupAction.ICON:
        await _on_icon(callback, callback_data, db, principal, state, _)
        return
    if action is GroupAction.COLOR:
        await _on_color(callback, callback_data, db, principal, state, _)
        return
    if action is GroupAction.DELETE:
        g = await groups.checked_group(db, principal, gid, Permission.MANAGE_GROUPS, "group.delete")
        await edit_or_send(
            callback,
            _("sub-group-delete-ask", name=escape(g.name)),
            kb.confirm_kb(
                _,
                GroupCb(action=GroupAction.DELETE_YES, group_id=gid),
                GroupCb(action=GroupAction.CARD, group_id=gid),
            ),
        )
        return
    deleted = await groups.delete_group(db, principal, gid)
    await show_groups(
        callback, db, principal, state, _, _("sub-group-deleted" if deleted else "sub-group-gone")
    )


async def on_group_name(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    draft: dict[str, Any] = dict((await state.get_data()).get("grp") or {})
    try:
        name = groups.parse_group_name(message.text or "")
        if await state.get_state() == GroupInput.rename.state:
            await groups.rename_group(db, principal, int(draft.get("id") or 0), name)
            await state.set_state(None)
            await show_group(message, db, principal, _, int(draft["id"]), _("sub-saved"))
            return
        await groups.check_name_free(db, principal, name)
    except ValidationFailed as err:
        await message.answer(
            _(err.key, **err.params) + "\n" + _("sub-group-name-ask"),
            reply_markup=kb.group_input_kb(_),
        )
        return
    draft["name"] = name
    await state.update_data(grp=draft)
    await state.set_state(None)
    await message.answer(
        _("sub-group-icon-ask"),
        reply_markup=kb.icons_kb(_, groups.ICONS, 0, GroupCb(action=GroupAction.NEW)),
    )


async def _on_icon(
    callback: CallbackQuery,
    data: GroupCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    if not 0 <= data.value < len(groups.ICONS):
        await callback.answer(_("forged-button"), show_alert=True)
        return
    draft: dict[str, Any] = dict((await state.get_data()).get("grp") or {})
    if data.group_id:
        await groups.checked_group(
            db, principal, data.group_id, Permission.MANAGE_GROUPS, "group.look"
        )
    elif not draft.get("name"):
        await callback.answer(_("sub-add-stale"), show_alert=True)
        return
    draft["icon"] = groups.ICONS[data.value]
    await state.update_data(grp=draft)
    back = (
        GroupCb(action=GroupAction.LOOK, group_id=data.group_id)
        if data.group_id
        else GroupCb(action=GroupAction.NEW)
    )
    await edit_or_send(
        callback, _("sub-group-color-ask"), kb.colors_kb(_, COLOR_ITEMS, data.group_id, back)
    )


async def _on_color(
    callback: CallbackQuery,
    data: GroupCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    if not 0 <= data.value < len(COLOR_ITEMS):
        await callback.answer(_("forged-button"), show_alert=True)
        return
    draft: dict[str, Any] = dict((await state.get_data()).get("grp") or {})
    color = COLOR_ITEMS[data.value][0]
    icon = str(draft.get("icon") or groups.ICONS[0])
    if data.group_id:
        await groups.restyle_group(db, principal, data.group_id, icon, color)
        await state.update_data(grp={})
        await show_group(callback, db, principal, _, data.group_id, _("sub-saved"))
        return
    if not draft.get("name"):
        # The group was created by the first press already.
        await callback.answer(_("sub-add-stale"), show_alert=True)
        return
    gid = await groups.create_group(db, principal, str(draft["name"]), icon, color)
    await state.update_data(grp={})
    await show_group(callback, db, principal, _, gid, _("sub-group-created"))


async def apply_members(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    purpose: dict[str, Any],
    chosen: list[int],
) -> None:
    """The check-box list of a group's «add» or «remove» is done."""
    gid = int(purpose.get("group") or 0)
    if purpose.get("kind") == "group_add":
        n = await groups.set_group(db, principal, chosen, gid)
        note = _("sub-group-added", n=n)
    else:
        n = await groups.remove_from_group(db, principal, chosen, gid)
        note = _("sub-group-dropped", n=n)
    await unselect(state)
    await state.update_data(purpose=None, sel_mode=False)
    await show_group(callback, db, principal, _, gid, note)


# --- labels -----------------------------------------------------------------------------------


async def show_labels(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await state.set_state(None)
    items = await labels.list_labels(db, principal)
    text = _("sub-labels-title", n=len(items))
    if not items:
        text += "\n" + _("sub-labels-none")
    await edit_or_send(
        callback, text, kb.labels_kb(_, [(lb.id, f"🏷 {lb.name} · {lb.count}") for lb in items])
    )


async def labels_one_screen(
    target: CallbackQuery | Message,
    db: Db,
    principal: Principal,
    _: Translator,
    sub_id: int,
    note: str = "",
) -> None:
    items = await labels.subscriber_labels(db, principal, sub_id)
    text = _("sub-labels-one", n=len(items))
    if note:
        text = note + "\n\n" + text
    markup = kb.labels_one_kb(_, sub_id, [(lb.id, lb.name) for lb in items])
    if isinstance(target, Message):
        await target.answer(text, reply_markup=markup)
    else:
        await edit_or_send(target, text, markup)


async def cb_labels_one(
    callback: CallbackQuery,
    callback_data: SubCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await state.set_state(None)
    await labels_one_screen(callback, db, principal, _, callback_data.sub_id)


async def cb_label(
    callback: CallbackQuery,
    callback_data: LabelCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    action = callback_data.action
    if action is LabelAction.LIST:
        await show_labels(callback, db, principal, state, _)
        return
    if action is LabelAction.SHOW:
        await labels.checked_label(
            db, principal, callback_data.label_id, Permission.VIEW_SUBSCRIBERS, "label.show"
        )
        await set_filter(state, ListFilter(label_id=callback_data.label_id))
        await unselect(state)
        await state.update_data(purpose=None, sel_mode=False)
        text, markup = await list_screen(db, principal, state, _, 0, ListMode.BROWSE)
        await edit_or_send(callback, text, markup)
        return
    sub_id = callback_data.sub_id
    if action is LabelAction.ADD:
        await labels.ensure_can_label(db, principal, sub_id)
        await state.set_state(GroupInput.label_one)
        await state.update_data(sub=sub_id)
        await edit_or_send(
            callback, await _label_question(db, principal, _), kb.input_kb(_, sub_id)
        )
        return
    n = await labels.remove_label(db, principal, [sub_id], callback_data.label_id)
    await labels_one_screen(callback, db, principal, _, sub_id, _("sub-label-removed", n=n))


async def _label_question(db: Db, principal: Principal, _: Translator) -> str:
    names = [lb.name for lb in await labels.list_labels(db, principal)][:15]
    text = _("sub-label-ask")
    if names:
        text += "\n" + _("sub-label-existing", labels=escape(", ".join(names)))
    return text


async def on_label(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    data = await state.get_data()
    one = await state.get_state() == GroupInput.label_one.state
    if one:
        ids = [int(data.get("sub") or 0)]
        back = kb.input_kb(_, ids[0])
    else:
        ids = await selected(state)
        back = kb.bulk_input_kb(_)
    try:
        _label_id, n = await labels.add_label(db, principal, ids, message.text or "")
    except ValidationFailed as err:
        await message.answer(
            _(err.key, **err.params) + "\n" + await _label_question(db, principal, _),
            reply_markup=back,
        )
        return
    await state.set_state(None)
    note = _("sub-label-added", n=n, label=escape(labels.parse_label(message.text or "")))
    if one:
        await labels_one_screen(message, db, principal, _, ids[0], note)
        return
    await message.answer(
        note + "\n\n" + _("sub-bulk-title", n=len(ids)),
        reply_markup=kb.bulk_kb(_, len(ids), groups=principal.can(Permission.MANAGE_GROUPS)),
    )


async def bulk_action(
    callback: CallbackQuery,
    data: BulkCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    chosen: list[int],
) -> None:
    """Labels and groups for the numbers checked in the list."""
    action = data.action
    back_bulk = kb.bulk_kb(_, len(chosen), groups=principal.can(Permission.MANAGE_GROUPS))
    if action is Bulk.LABEL_ADD:
        await labels.ensure_can_label_many(db, principal, chosen)
        await state.set_state(GroupInput.label_bulk)
        await edit_or_send(
            callback,
            await _label_question(db, principal, _),
            kb.bulk_input_kb(_),
        )
        return
    if action is Bulk.LABEL_REMOVE:
        if data.target:
            n = await labels.remove_label(db, principal, chosen, data.target)
            await edit_or_send(
                callback,
                _("sub-label-removed", n=n) + "\n\n" + _("sub-bulk-title", n=len(chosen)),
                back_bulk,
            )
            return
        items = await labels.list_labels(db, principal)
        await edit_or_send(
            callback,
            _("sub-bulk-label-pick"),
            kb.bulk_pick_kb(_, [(lb.id, f"🏷 {lb.name}") for lb in items], Bulk.LABEL_REMOVE),
        )
        return
    if action is Bulk.GROUP_SET:
        if data.target:
            n = await groups.set_group(db, principal, chosen, data.target)
            await edit_or_send(
                callback,
                _("sub-group-added", n=n) + "\n\n" + _("sub-bulk-title", n=len(chosen)),
                back_bulk,
            )
            return
        found = await groups.list_groups(db, principal)
        await edit_or_send(
            callback,
            _("sub-bulk-group-pick"),
            kb.bulk_pick_kb(_, [(g.id, f"{g.icon} {g.name}") for g in found], Bulk.GROUP_SET),
        )
        return
    if action is Bulk.GROUP_UNSET:
        n = await groups.set_group(db, principal, chosen, None)
        await edit_or_send(
            callback,
            _("sub-group-dropped", n=n) + "\n\n" + _("sub-bulk-title", n=len(chosen)),
            back_bulk,
        )


async def on_not_text(message: Message, state: FSMContext, _: Translator) -> None:
    current = await state.get_state()
    key = (
        "sub-group-name-ask"
        if current in (GroupInput.name.state, GroupInput.rename.state)
        else "sub-label-ask"
    )
    await message.answer(_("sub-err-text-only", question=_(key)))


def build_router() -> Router:
    router = money_router("subscriber-groups")
    router.callback_query.register(cb_group, GroupCb.filter())
    router.callback_query.register(cb_label, LabelCb.filter())
    router.callback_query.register(cb_labels_one, SubCb.filter(F.action == SubAction.LABELS))
    router.message.register(on_group_name, StateFilter(GroupInput.name, GroupInput.rename), F.text)
    router.message.register(
        on_label, StateFilter(GroupInput.label_one, GroupInput.label_bulk), F.text
    )
    router.message.register(on_not_text, StateFilter(GroupInput))
    return router
