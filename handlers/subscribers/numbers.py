"""Subscribers section: the numbers list with search and page jumps, the subscriber card (with
its photo), adding and removing employees, the check-box selection for bulk changes, personal
data, the spending limit, access grants, «My number» and the SMS confirmation deep link.

What these screens show is in `handlers.subscribers.screens`; groups and labels are in
`handlers.subscribers.groups`; SIM, blocking and forwarding in `handlers.subscribers.network`.
"""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message

from domain.access.checks import GRANTABLE_ROLES, Permission, Principal
from domain.db import Db
from domain.errors import DomainError, ValidationFailed
from domain.money import format_rub, parse_amount
from domain.subscribers import grants, limits
from domain.subscribers import numbers as subs
from domain.subscribers.numbers import ListFilter, PersonalField
from domain.types import Role, SubscriberStatus
from domain.validation import format_phone
from handlers.common import show
from handlers.gate import edit_or_send, money_router
from handlers.multiselect import MultiSelect
from handlers.subscribers import groups as sub_groups
from handlers.subscribers.screens import (
    MAX_SELECTED,
    SubInput,
    get_filter,
    list_screen,
    selected,
    set_filter,
    show_card,
    unselect,
)
from keyboards import subscribers as kb
from keyboards.menu import MenuCb, Section, back_to_menu
from keyboards.subscribers import (
    AddAction,
    AddCb,
    Bulk,
    BulkCb,
    GrantAction,
    GrantCb,
    LimitAction,
    LimitCb,
    ListMode,
    SubAction,
    SubCb,
    SubListCb,
    SubMenu,
    SubMenuCb,
)
from keyboards.texts import Translator

__all__ = ["build_deeplink_router", "build_router"]

# --- helpers ----------------------------------------------------------------------------------


async def cb_section(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    """«👥 Сотрудники»: the list; for the own-number levels, «My number» at once."""
    await state.clear()
    if principal.own_number_only:
        await show_card(callback, db, principal, _, principal.subscriber_id or 0)
        return
    text, markup = await list_screen(db, principal, state, _, 0, ListMode.BROWSE)
    await edit_or_send(callback, text, markup)


async def cb_list(
    callback: CallbackQuery,
    callback_data: SubListCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await state.set_state(None)
    if principal.own_number_only:
        await show_card(callback, db, principal, _, principal.subscriber_id or 0)
        return
    if callback_data.mode is ListMode.BROWSE:
        await unselect(state)
        await state.update_data(purpose=None, sel_mode=False)
    text, markup = await list_screen(
        db, principal, state, _, callback_data.page, callback_data.mode
    )
    await edit_or_send(callback, text, markup)


async def cb_menu(
    callback: CallbackQuery,
    callback_data: SubMenuCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    action = callback_data.action
    if action is SubMenu.SEARCH:
        await state.set_state(SubInput.search)
        await edit_or_send(
            callback,
            _("sub-search-ask"),
            kb.search_kb(_),
        )
        return
    if action is SubMenu.PAGE:
        await state.set_state(SubInput.page)
        await edit_or_send(callback, _("sub-page-ask"), kb.search_kb(_))
        return
    if action is SubMenu.RESET:
        await set_filter(state, ListFilter())
        text, markup = await list_screen(db, principal, state, _, 0, ListMode.BROWSE)
        await edit_or_send(callback, text, markup)
        return
    if action is SubMenu.SELECT:
        await unselect(state)
        await state.update_data(purpose=None, sel_mode=True)
        text, markup = await list_screen(db, principal, state, _, 0, ListMode.SELECT)
        await edit_or_send(callback, text, markup)
        return
    if action is SubMenu.ADD:
        await start_add(callback, db, principal, state, _)
        return
    if action is SubMenu.MINE:
        await show_card(callback, db, principal, _, principal.subscriber_id or 0)
        return
    if action is SubMenu.GROUPS:
        await sub_groups.show_groups(callback, db, principal, state, _)
    else:
        await sub_groups.show_labels(callback, db, principal, state, _)


async def on_search(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    query = " ".join((message.text or "").split())[: subs.MAX_QUERY]
    if not query:
        await message.answer(_("sub-search-ask"))
        return
    flt = await get_filter(state)
    await set_filter(state, ListFilter(query, flt.group_id, flt.label_id))
    await state.set_state(None)
    mode = ListMode.SELECT if (await state.get_data()).get("sel_mode") else ListMode.BROWSE
    text, markup = await list_screen(db, principal, state, _, 0, mode)
    await message.answer(text, reply_markup=markup)


async def on_page(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    text = (message.text or "").strip()
    if not text.isdigit() or int(text) < 1:
        await message.answer(
            _("sub-err-page") + "\n" + _("sub-page-ask"), reply_markup=kb.search_kb(_)
        )
        return
    await state.set_state(None)
    mode = ListMode.SELECT if (await state.get_data()).get("sel_mode") else ListMode.BROWSE
    # A page beyond the last shows the last one.
    screen, markup = await list_screen(db, principal, state, _, int(text) - 1, mode)
    await message.answer(screen, reply_markup=markup)


# --- selection and bulk changes ---------------------------------------------------------------


async def _redraw_selection(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    page: int,
) -> None:
    await state.update_data(sel_mode=True)
    text, markup = await list_screen(db, principal, state, _, page, ListMode.SELECT)
    await edit_or_send(callback, text, markup)


async def _everything_found(db: Db, principal: Principal, state: FSMContext) -> list[int]:
    return await subs.pickable_ids(db, principal, await get_filter(state), MAX_SELECTED)


async def finish_selection(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    chosen: list[int],
) -> None:
    purpose = (await state.get_data()).get("purpose") or {}
    if purpose.get("kind") in ("group_add", "group_drop"):
        await sub_groups.apply_members(callback, db, principal, state, _, purpose, chosen)
        return
    await show(
        callback,
        _("sub-bulk-title", n=len(chosen)),
        kb.bulk_kb(_, len(chosen), groups=principal.can(Permission.MANAGE_GROUPS)),
    )


PICK = MultiSelect(
    of=kb.PICK,
    check=subs.pick_subscribers,
    everything=_everything_found,
    redraw=_redraw_selection,
    done=finish_selection,
    limit=MAX_SELECTED,
    empty_key="sub-sel-empty",
)


async def cb_bulk(
    callback: CallbackQuery,
    callback_data: BulkCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    chosen = await selected(state)
    if not chosen:
        await callback.answer(_("sub-sel-empty"), show_alert=True)
        return
    action = callback_data.action
    if action is Bulk.REMOVE:
        await show(
            callback,
            _("sub-remove-many-ask", n=len(chosen)),
            kb.confirm_kb(_, BulkCb(action=Bulk.REMOVE_YES), kb.to_bulk()),
        )
        return
    if action is Bulk.REMOVE_YES:
        n = await subs.remove_subscribers(db, principal, chosen)
        await unselect(state)
        await state.update_data(sel_mode=False)
        text, markup = await list_screen(db, principal, state, _, 0, ListMode.BROWSE)
        note = _("sub-removed", n=n) if n else _("sub-removed-none")
        await show(callback, note + "\n\n" + text, markup)
        return
    await sub_groups.bulk_action(callback, callback_data, db, principal, state, _, chosen)


async def cb_card(
    callback: CallbackQuery,
    callback_data: SubCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await state.set_state(None)
    await show_card(callback, db, principal, _, callback_data.sub_id)


async def cb_photo(
    callback: CallbackQuery, callback_data: SubCb, db: Db, principal: Principal, _: Translator
) -> None:
    """The employee's photo as a photo, its caption the name and number."""
    card = await subs.subscriber_card(db, principal, callback_data.sub_id)
    if card.photo_file_id is None or not isinstance(callback.message, Message):
        await callback.answer(_("sub-no-photo"), show_alert=True)
        return
    await callback.message.answer_photo(
        card.photo_file_id,
        caption=_("sub-photo-caption", name=escape(card.name), number=format_phone(card.msisdn)),
        reply_markup=kb.card_back_kb(_, card.id),
    )
    await callback.answer()


# --- adding an employee -----------------------------------------------------------------------


async def start_add(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await subs.check_can_add(db, principal)
    await state.set_state(SubInput.add_name)
    await state.update_data(add={})
    await edit_or_send(callback, _("sub-add-name-ask"), kb.add_step_kb(_, back=False))


ADD_STEPS = (
    SubInput.add_name,
    SubInput.add_number,
    SubInput.add_photo,
    SubInput.add_comment,
    SubInput.add_summary,
)
ADD_QUESTIONS = {
    SubInput.add_name.state: "sub-add-name-ask",
    SubInput.add_number.state: "sub-add-number-ask",
    SubInput.add_photo.state: "sub-add-photo-ask",
    SubInput.add_comment.state: "sub-add-comment-ask",
}


async def _draft(state: FSMContext) -> dict[str, Any]:
    return dict((await state.get_data()).get("add") or {})


async def _ask_step(
    target: Message | CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    step: State,
    error: str = "",
) -> None:
    await state.set_state(step)
    if step is SubInput.add_summary:
        await _summary(target, db, principal, state, _)
        return
    key = ADD_QUESTIONS[step.state or ""]
    text = (error + "\n\n" if error else "") + _(key)
    if step in (SubInput.add_photo, SubInput.add_comment):
        markup = kb.add_skip_kb(_)
    else:
        markup = kb.add_step_kb(_, back=step is not SubInput.add_name)
    if isinstance(target, Message):
        await target.answer(text, reply_markup=markup)
    else:
        await edit_or_send(target, text, markup)


async def on_add_name(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    try:
        name = subs.parse_employee_name(message.text or "")
    except ValidationFailed as err:
        await _ask_step(
            message, db, principal, state, _, SubInput.add_name, _(err.key, **err.params)
        )
        return
    draft = await _draft(state)
    draft["name"] = name
    await state.update_data(add=draft)
    await _ask_step(message, db, principal, state, _, SubInput.add_number)


async def on_add_number(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    try:
        check = await subs.check_new_number(db, principal, message.text or "")
    except ValidationFailed as err:
        await _ask_step(
            message, db, principal, state, _, SubInput.add_number, _(err.key, **err.params)
        )
        return
    draft = await _draft(state)
    draft.update(number=check.msisdn, own=check.own, account_id=check.account_id)
    await state.update_data(add=draft)
    await _ask_step(message, db, principal, state, _, SubInput.add_photo)


async def on_add_photo(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    if not message.photo:
        await _ask_step(message, db, principal, state, _, SubInput.add_photo, _("sub-err-photo"))
        return
    draft = await _draft(state)
    draft["photo"] = message.photo[-1].file_id
    await state.update_data(add=draft)
    await _ask_step(message, db, principal, state, _, SubInput.add_comment)


async def on_add_comment(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    try:
        comment = subs.parse_comment(message.text or "")
    except ValidationFailed as err:
        await _ask_step(
            message, db, principal, state, _, SubInput.add_comment, _(err.key, **err.params)
        )
        return
    draft = await _draft(state)
    draft["comment"] = comment
    await state.update_data(add=draft)
    await _ask_step(message, db, principal, state, _, SubInput.add_summary)


async def _summary(
    target: Message | CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    draft = await _draft(state)
    accounts = await subs.accounts_for_new(db, principal)
    if not draft.get("own") and not draft.get("account_id") and accounts:
        draft["account_id"] = accounts[0].id
        await state.update_data(add=draft)
    number = next((a.number for a in accounts if a.id == draft.get("account_id")), "—")
    lines = [
        _("sub-add-summary"),
        _("sub-card-name", name=escape(draft.get("name", ""))),
        _("sub-card-title", number=format_phone(draft.get("number", ""))),
        _("sub-add-photo-yes" if draft.get("photo") else "sub-add-photo-no"),
        _("sub-card-comment", comment=escape(draft.get("comment") or "—")),
        _("sub-card-account", account=number),
        _("sub-add-own" if draft.get("own") else "sub-add-foreign"),
    ]
    markup = kb.add_summary_kb(_, other_accounts=not draft.get("own") and len(accounts) > 1)
    if isinstance(target, Message):
        await target.answer("\n".join(lines), reply_markup=markup)
    else:
        await edit_or_send(target, "\n".join(lines), markup)


async def cb_add(
    callback: CallbackQuery,
    callback_data: AddCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    current = await state.get_state()
    steps = [s.state for s in ADD_STEPS]
    if current not in steps:
        # A button of a finished dialog: pressing «Создать» twice creates one employee.
        await callback.answer(_("sub-add-stale"), show_alert=True)
        return
    index = steps.index(current)
    action = callback_data.action
    if action is AddAction.BACK:
        if index == 0:
            await cb_list(callback, SubListCb(page=0), db, principal, state, _)
            return
        await _ask_step(callback, db, principal, state, _, ADD_STEPS[index - 1])
        return
    if action is AddAction.SKIP and current in (
        SubInput.add_photo.state,
        SubInput.add_comment.state,
    ):
        await _ask_step(callback, db, principal, state, _, ADD_STEPS[index + 1])
        return
    if current != SubInput.add_summary.state:
        await callback.answer(_("sub-add-stale"), show_alert=True)
        return
    draft = await _draft(state)
    if action is AddAction.ACCOUNT:
        ids = [a.id for a in await subs.accounts_for_new(db, principal)]
        if ids:
            k = ids.index(draft["account_id"]) if draft.get("account_id") in ids else -1
            draft["account_id"] = ids[(k + 1) % len(ids)]
            await state.update_data(add=draft)
        await _summary(callback, db, principal, state, _)
        return
    # CREATE: the dialog ends first, so that a second press finds no dialog.
    await state.set_state(None)
    await state.update_data(add={})
    try:
        added = await subs.add_employee(
            db,
            principal,
            name=draft.get("name", ""),
            number=draft.get("number", ""),
            account_id=int(draft.get("account_id") or 0),
            photo_file_id=draft.get("photo"),
            comment=draft.get("comment") or "",
            telegram_user_id=callback.from_user.id,
        )
    except ValidationFailed as err:
        await state.set_state(SubInput.add_number)
        await state.update_data(add=draft)
        await edit_or_send(
            callback, _(err.key, **err.params) + "\n\n" + _("sub-add-number-ask"), kb.add_step_kb(_)
        )
        return
    note = _(
        "sub-added-active" if added.status is SubscriberStatus.ACTIVE else "sub-added-pending",
        number=format_phone(added.msisdn),
    )
    await show_card(callback, db, principal, _, added.id, note)


# --- confirmation of a number from outside ----------------------------------------------------


async def cb_code(
    callback: CallbackQuery,
    callback_data: SubCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    sub_id = callback_data.sub_id
    if callback_data.action is SubAction.RESEND:
        number = await subs.resend_confirmation(db, principal, sub_id, callback.from_user.id)
        await show_card(
            callback, db, principal, _, sub_id, _("sub-code-resent", number=format_phone(number))
        )
        return
    await subs.checked_subscriber(
        db, principal, sub_id, Permission.MANAGE_SUBSCRIBERS, "sub.confirm"
    )
    await state.set_state(SubInput.code)
    await state.update_data(sub=sub_id)
    await edit_or_send(callback, _("sub-code-ask"), kb.input_kb(_, sub_id))


async def on_code(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    sub_id = int((await state.get_data()).get("sub") or 0)
    try:
        number = await subs.confirm_by_coordinator(
            db,
            principal,
            sub_id,
            message.text or "",
            message.from_user.id if message.from_user else None,
        )
    except ValidationFailed as err:
        await message.answer(
            _(err.key, **err.params) + "\n" + _("sub-code-ask"), reply_markup=kb.input_kb(_, sub_id)
        )
        return
    await state.set_state(None)
    await show_card(
        message, db, principal, _, sub_id, _("sub-confirmed", number=format_phone(number))
    )


async def on_start_confirm(
    message: Message, command: CommandObject, db: Db, state: FSMContext, _: Translator
) -> None:
    """`/start sc_<id>_<code>` from the SMS: the employee confirms the number in the bot."""
    await state.clear()
    try:
        company = await subs.confirm_by_link(
            db, command.args or "", message.from_user.id if message.from_user else None
        )
    except DomainError as err:
        await message.answer(_(err.key, **err.params), reply_markup=back_to_menu(_))
        return
    await message.answer(
        _("sub-confirmed-link", company=escape(company)), reply_markup=back_to_menu(_)
    )


# --- removing one -----------------------------------------------------------------------------


async def cb_remove(
    callback: CallbackQuery,
    callback_data: SubCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    sub_id = callback_data.sub_id
    if callback_data.action is SubAction.REMOVE:
        sub = await subs.checked_subscriber(
            db, principal, sub_id, Permission.MANAGE_SUBSCRIBERS, "sub.remove"
        )
        await edit_or_send(
            callback,
            _(
                "sub-remove-one-ask",
                number=format_phone(sub.msisdn),
                name=escape(sub.employee_name),
            ),
            kb.confirm_kb(
                _,
                SubCb(action=SubAction.REMOVE_YES, sub_id=sub_id),
                SubCb(action=SubAction.CARD, sub_id=sub_id),
            ),
        )
        return
    n = await subs.remove_subscribers(db, principal, [sub_id])
    text, markup = await list_screen(db, principal, state, _, 0, ListMode.BROWSE)
    await edit_or_send(
        callback, (_("sub-removed", n=n) if n else _("sub-removed-none")) + "\n\n" + text, markup
    )


# --- personal data ----------------------------------------------------------------------------

EDIT_STATES = {
    SubAction.EDIT_NAME: (SubInput.edit_name, "sub-edit-name-ask"),
    SubAction.EDIT_COMMENT: (SubInput.edit_comment, "sub-edit-comment-ask"),
    SubAction.EDIT_EMAIL: (SubInput.edit_email, "sub-edit-email-ask"),
    SubAction.EDIT_PHOTO: (SubInput.edit_photo, "sub-edit-photo-ask"),
}
STATE_FIELDS = {
    SubInput.edit_name.state: (PersonalField.NAME, "sub-edit-name-ask"),
    SubInput.edit_comment.state: (PersonalField.COMMENT, "sub-edit-comment-ask"),
    SubInput.edit_email.state: (PersonalField.EMAIL, "sub-edit-email-ask"),
    SubInput.edit_photo.state: (PersonalField.PHOTO, "sub-edit-photo-ask"),
}


async def cb_edit(
    callback: CallbackQuery,
    callback_data: SubCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    sub_id = callback_data.sub_id
    sub = await subs.checked_subscriber(
        db, principal, sub_id, Permission.MANAGE_SUBSCRIBERS, "sub.personal"
    )
    if callback_data.action is SubAction.EDIT:
        await edit_or_send(
            callback, _("sub-edit-title", number=format_phone(sub.msisdn)), kb.edit_kb(_, sub_id)
        )
        return
    new_state, key = EDIT_STATES[callback_data.action]
    await state.set_state(new_state)
    await state.update_data(sub=sub_id)
    await edit_or_send(callback, _(key), kb.input_kb(_, sub_id))


async def on_edit(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    current = await state.get_state() or ""
    what, key = STATE_FIELDS[current]
    sub_id = int((await state.get_data()).get("sub") or 0)
    if what is PersonalField.PHOTO:
        if not message.photo:
            await message.answer(
                _("sub-err-photo") + "\n" + _(key), reply_markup=kb.input_kb(_, sub_id)
            )
            return
        value: str | None = message.photo[-1].file_id
    else:
        if not message.text:
            await message.answer(_(key), reply_markup=kb.input_kb(_, sub_id))
            return
        value = message.text
    try:
        await subs.update_personal(db, principal, sub_id, what, value)
    except ValidationFailed as err:
        await message.answer(
            _(err.key, **err.params) + "\n" + _(key), reply_markup=kb.input_kb(_, sub_id)
        )
        return
    await state.set_state(None)
    await show_card(message, db, principal, _, sub_id, _("sub-saved"))


# --- spending limit ---------------------------------------------------------------------------


async def limit_screen(
    target: Message | CallbackQuery,
    db: Db,
    principal: Principal,
    _: Translator,
    sub_id: int,
    note: str = "",
) -> None:
    card = await subs.subscriber_card(db, principal, sub_id)
    await subs.checked_subscriber(db, principal, sub_id, Permission.MANAGE_SUBSCRIBERS, "sub.limit")
    if card.limit_kop:
        text = _(
            "sub-limit-screen",
            number=format_phone(card.msisdn),
            limit=format_rub(card.limit_kop),
            spent=format_rub(card.month_spent_kop),
            percent=card.limit_percent or 0,
        )
        text += "\n" + _("sub-limit-blocks-yes" if card.limit_blocks else "sub-limit-blocks-no")
    else:
        text = _(
            "sub-limit-none",
            number=format_phone(card.msisdn),
            spent=format_rub(card.month_spent_kop),
        )
    if note:
        text = note + "\n\n" + text
    markup = kb.limit_kb(_, sub_id, has_limit=card.limit_kop is not None, blocks=card.limit_blocks)
    if isinstance(target, Message):
        await target.answer(text, reply_markup=markup)
    else:
        await edit_or_send(target, text, markup)


async def cb_limit_open(
    callback: CallbackQuery,
    callback_data: SubCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await state.set_state(None)
    await limit_screen(callback, db, principal, _, callback_data.sub_id)


async def cb_limit(
    callback: CallbackQuery,
    callback_data: LimitCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    sub_id = callback_data.sub_id
    if callback_data.action is LimitAction.SET:
        await subs.checked_subscriber(
            db, principal, sub_id, Permission.MANAGE_SUBSCRIBERS, "sub.limit"
        )
        await state.set_state(SubInput.limit)
        await state.update_data(sub=sub_id)
        await edit_or_send(callback, _("sub-limit-ask"), kb.input_kb(_, sub_id))
        return
    card = await subs.subscriber_card(db, principal, sub_id)
    if callback_data.action is LimitAction.OFF:
        await limits.set_limit(db, principal, sub_id, None)
        note = _("sub-limit-removed")
    else:
        await limits.set_limit(db, principal, sub_id, card.limit_kop, not card.limit_blocks)
        note = _("sub-saved")
    await limit_screen(callback, db, principal, _, sub_id, note)


async def on_limit(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    sub_id = int((await state.get_data()).get("sub") or 0)
    try:
        card = await subs.subscriber_card(db, principal, sub_id)
        await limits.set_limit(
            db, principal, sub_id, parse_amount(message.text or ""), card.limit_blocks
        )
    except ValidationFailed as err:
        await message.answer(
            _(err.key, **err.params) + "\n" + _("sub-limit-ask"),
            reply_markup=kb.input_kb(_, sub_id),
        )
        return
    await state.set_state(None)
    await limit_screen(message, db, principal, _, sub_id, _("sub-limit-saved"))


# --- access grants ----------------------------------------------------------------------------


async def access_screen(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    _: Translator,
    sub_id: int,
    note: str = "",
) -> None:
    level = await grants.current_level(db, principal, sub_id)
    card = await subs.subscriber_card(db, principal, sub_id)
    text = _(
        "sub-access-screen",
        number=format_phone(card.msisdn),
        level=_(f"role-{level.value}") if level else _("sub-card-level-none"),
    )
    if level in (Role.COORDINATOR, Role.UNION_COORDINATOR):
        text += "\n" + _("auth-grant-coordinator")
    if note:
        text = note + "\n\n" + text
    await edit_or_send(callback, text, kb.access_kb(_, sub_id, level, GRANTABLE_ROLES))


async def cb_access_open(
    callback: CallbackQuery, callback_data: SubCb, db: Db, principal: Principal, _: Translator
) -> None:
    await access_screen(callback, db, principal, _, callback_data.sub_id)


async def cb_grant(
    callback: CallbackQuery, callback_data: GrantCb, db: Db, principal: Principal, _: Translator
) -> None:
    sub_id = callback_data.sub_id
    action = callback_data.action
    if action is GrantAction.GIVE and callback_data.role is not None:
        card = await subs.subscriber_card(db, principal, sub_id)
        await grants.current_level(db, principal, sub_id)
        await edit_or_send(
            callback,
            _(
                "sub-grant-ask",
                number=format_phone(card.msisdn),
                role=_(f"role-{callback_data.role.value}"),
            ),
            kb.confirm_kb(
                _,
                GrantCb(action=GrantAction.GIVE_YES, sub_id=sub_id, role=callback_data.role),
                SubCb(action=SubAction.ACCESS, sub_id=sub_id),
            ),
        )
        return
    if action is GrantAction.GIVE_YES and callback_data.role is not None:
        if await grants.current_level(db, principal, sub_id) is callback_data.role:
            # A second press of the same confirmation: the level and its password are there.
            await access_screen(callback, db, principal, _, sub_id, _("sub-grant-already"))
            return
        await grants.give_level(db, principal, sub_id, callback_data.role)
        await access_screen(callback, db, principal, _, sub_id, _("sub-granted"))
        return
    if action is GrantAction.TAKE:
        await grants.current_level(db, principal, sub_id)
        await edit_or_send(
            callback,
            _("sub-revoke-ask"),
            kb.confirm_kb(
                _,
                GrantCb(action=GrantAction.TAKE_YES, sub_id=sub_id),
                SubCb(action=SubAction.ACCESS, sub_id=sub_id),
            ),
        )
        return
    done = await grants.take_level(db, principal, sub_id)
    await access_screen(
        callback, db, principal, _, sub_id, _("sub-revoked" if done else "sub-revoked-none")
    )


# --- input that is not what was asked ---------------------------------------------------------


async def on_other(message: Message, state: FSMContext, _: Translator) -> None:
    current = await state.get_state() or ""
    key = ADD_QUESTIONS.get(current) or STATE_FIELDS.get(current, (None, "sub-err-text"))[1]
    if current == SubInput.search.state:
        key = "sub-search-ask"
    elif current == SubInput.page.state:
        key = "sub-page-ask"
    await message.answer(_("sub-err-text-only", question=_(key)))


def build_deeplink_router() -> Router:
    """`/start sc_…` from the confirmation SMS; before the start router, for anyone."""
    router = Router(name="subscribers-deeplink")
    router.message.register(
        on_start_confirm,
        CommandStart(deep_link=True, magic=F.args.startswith(subs.CONFIRM_PREFIX)),
        StateFilter("*"),
    )
    return router


def build_router() -> Router:
    router = money_router("subscribers")
    cb = router.callback_query
    cb.register(cb_section, MenuCb.filter(F.section == Section.SUBSCRIBERS))
    cb.register(cb_list, SubListCb.filter())
    cb.register(cb_menu, SubMenuCb.filter())
    PICK.register(router)
    cb.register(cb_bulk, BulkCb.filter())
    cb.register(cb_card, SubCb.filter(F.action == SubAction.CARD))
    cb.register(cb_photo, SubCb.filter(F.action == SubAction.PHOTO))
    cb.register(cb_code, SubCb.filter(F.action.in_({SubAction.CODE, SubAction.RESEND})))
    cb.register(cb_remove, SubCb.filter(F.action.in_({SubAction.REMOVE, SubAction.REMOVE_YES})))
    cb.register(cb_edit, SubCb.filter(F.action.in_({SubAction.EDIT, *EDIT_STATES})))
    cb.register(cb_limit_open, SubCb.filter(F.action == SubAction.LIMIT))
    cb.register(cb_limit, LimitCb.filter())
    cb.register(cb_access_open, SubCb.filter(F.action == SubAction.ACCESS))
    cb.register(cb_grant, GrantCb.filter())
    cb.register(cb_add, AddCb.filter())
    msg = router.message
    msg.register(on_search, SubInput.search, F.text)
    msg.register(on_page, SubInput.page, F.text)
    msg.register(on_add_name, SubInput.add_name, F.text)
    msg.register(on_add_number, SubInput.add_number, F.text)
    msg.register(on_add_photo, SubInput.add_photo)
    msg.register(on_add_comment, SubInput.add_comment, F.text)
    msg.register(on_code, SubInput.code, F.text)
    msg.register(
        on_edit,
        StateFilter(
            SubInput.edit_name, SubInput.edit_comment, SubInput.edit_email, SubInput.edit_photo
        ),
    )
    msg.register(on_limit, SubInput.limit, F.text)
    msg.register(on_other, StateFilter(SubInput))
    return router
