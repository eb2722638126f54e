"""The numbers list of the subscribers section: search and page jumps, the check boxes for bulk
changes (the shared multi-select), removing numbers, the subscriber card with its photo and
«My number». One handler per button.

Adding an employee is in `handlers.subscribers.adding`; personal data, limits and access in
`handlers.subscribers.card`; groups and labels in `groups` and `labels`; SIM, blocking and
forwarding in `network`; what they show in common in `screens`.
"""

from __future__ import annotations

import secrets
from html import escape
from typing import ClassVar

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from pydantic import Field

from domain.access.checks import Principal
from domain.db import Db
from domain.subscribers import numbers as subs
from domain.validation import format_phone
from handlers.common import show
from handlers.dialog_data import DialogData
from handlers.gate import edit_or_send, money_router
from handlers.item_screen import opening
from handlers.multiselect import MultiSelect
from handlers.subscribers import groups as sub_groups
from handlers.subscribers import labels as sub_labels
from handlers.subscribers.adding import start_add
from handlers.subscribers.screens import (
    MAX_SELECTED,
    ListData,
    ListInput,
    bulk_markup,
    bulk_text,
    checked_or_alert,
    get_filter,
    list_screen,
    set_filter,
    show_card,
    start_browsing,
    start_selecting,
)
from keyboards import subscribers as kb
from keyboards.menu import MenuCb, Section
from keyboards.subscribers import (
    Bulk,
    BulkCb,
    ListMode,
    SubAction,
    SubCb,
    SubListCb,
    SubMenu,
    SubMenuCb,
)
from keyboards.texts import Translator

__all__ = ["build_router"]


async def _list(
    target: CallbackQuery | Message,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    page: int,
    note: str = "",
) -> None:
    """The list in the dialog's mode (check boxes or not) at `page`."""
    mode = (await ListData.load(state)).mode
    text, markup = await list_screen(db, principal, state, _, page, mode)
    await edit_or_send(target, note + "\n\n" + text if note else text, markup)


async def cb_section(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    """«👥 Сотрудники»: the list; for the own-number levels, «My number» at once."""
    await state.clear()
    if principal.own_number_only:
        await show_card(callback, db, principal, _, principal.subscriber_id or 0)
        return
    await _list(callback, db, principal, state, _, 0)


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
        await start_browsing(state)
    else:
        await ListData.change(state, selecting=True)
    await _list(callback, db, principal, state, _, callback_data.page)


# --- the menu under the list ------------------------------------------------------------------


async def cb_search(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(ListInput.search)
    await edit_or_send(callback, _("sub-search-ask"), kb.search_kb(_))


async def cb_page_ask(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(ListInput.page)
    await edit_or_send(callback, _("sub-page-ask"), kb.search_kb(_))


async def cb_reset(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await set_filter(state, subs.ListFilter())
    await start_browsing(state)
    await _list(callback, db, principal, state, _, 0)


async def cb_select(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    """«☑️ Выбрать несколько»: the check boxes, none checked."""
    await start_selecting(state)
    await _list(callback, db, principal, state, _, 0)


async def cb_add(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await start_add(callback, db, principal, state, _)


async def cb_mine(callback: CallbackQuery, db: Db, principal: Principal, _: Translator) -> None:
    await show_card(callback, db, principal, _, principal.subscriber_id or 0)


async def cb_groups(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await sub_groups.show_groups(callback, db, principal, state, _)


async def cb_labels(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await sub_labels.show_labels(callback, db, principal, state, _)


async def on_search(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    query = " ".join((message.text or "").split())[: subs.MAX_QUERY]
    if not query:
        await message.answer(_("sub-search-ask"))
        return
    await ListData.change(state, query=query)
    await state.set_state(None)
    await _list(message, db, principal, state, _, 0)


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
    # A page beyond the last shows the last one.
    await _list(message, db, principal, state, _, int(text) - 1)


async def on_other(message: Message, state: FSMContext, _: Translator) -> None:
    current = await state.get_state()
    key = "sub-search-ask" if current == ListInput.search.state else "sub-page-ask"
    await message.answer(_("sub-err-text-only", question=_(key)))


# --- the check boxes and the bulk removal -----------------------------------------------------


async def _redraw_selection(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    page: int,
) -> None:
    await ListData.change(state, selecting=True)
    await _list(callback, db, principal, state, _, page)


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
    """«Готово»: into the group, out of it, or what to do with the checked numbers."""
    members = (await ListData.load(state)).members
    if members is not None:
        await sub_groups.apply_members(callback, db, principal, state, _, members, chosen)
        return
    await show(callback, bulk_text(_, len(chosen)), bulk_markup(_, principal, len(chosen)))


PICK = MultiSelect(
    of=kb.PICK,
    check=subs.pick_subscribers,
    everything=_everything_found,
    redraw=_redraw_selection,
    done=finish_selection,
    limit=MAX_SELECTED,
    empty_key="sub-sel-empty",
)


class Removal(DialogData):
    """The numbers a «remove?» question named: its «Да» removes these, whatever is checked
    now. `token` ties the answer to the question (an older question's «Да» is stale)."""

    KEY: ClassVar[str] = "sub_removal"
    token: int = 0
    ids: list[int] = Field(default_factory=list)


async def cb_bulk_remove(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    chosen = await checked_or_alert(callback, state, _)
    if not chosen:
        return
    token = secrets.randbelow(2**31 - 1) + 1
    await Removal(token=token, ids=chosen).save(state)
    yes = BulkCb(action=Bulk.REMOVE_YES, target=token)
    await show(
        callback, _("sub-remove-many-ask", n=len(chosen)), kb.confirm_kb(_, yes, kb.to_bulk())
    )


async def cb_bulk_remove_yes(
    callback: CallbackQuery,
    callback_data: BulkCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    removal = await Removal.load(state)
    if not removal.ids or removal.token != callback_data.target:
        await callback.answer(_("sub-add-stale"), show_alert=True)
        return
    asked = removal.ids
    # The question stays answered: pressed again, it says the numbers are gone already.
    n = await subs.remove_subscribers(db, principal, asked)
    await start_browsing(state)
    await _list(
        callback, db, principal, state, _, 0, _("sub-removed", n=n) if n else _("sub-removed-none")
    )


# --- the card ---------------------------------------------------------------------------------


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


async def cb_remove(
    callback: CallbackQuery, callback_data: SubCb, db: Db, principal: Principal, _: Translator
) -> None:
    sub = await subs.number_to_remove(db, principal, callback_data.sub_id)
    await edit_or_send(
        callback,
        _("sub-remove-one-ask", number=format_phone(sub.msisdn), name=escape(sub.name)),
        kb.confirm_kb(
            _,
            SubCb(action=SubAction.REMOVE_YES, sub_id=sub.id),
            SubCb(action=SubAction.CARD, sub_id=sub.id),
        ),
    )


async def cb_remove_yes(
    callback: CallbackQuery,
    callback_data: SubCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    n = await subs.remove_subscribers(db, principal, [callback_data.sub_id])
    await start_browsing(state)
    await _list(
        callback, db, principal, state, _, 0, _("sub-removed", n=n) if n else _("sub-removed-none")
    )


def build_router() -> Router:
    router = money_router("subscribers")
    on = router.callback_query.register
    on(cb_section, MenuCb.filter(F.section == Section.SUBSCRIBERS))
    on(cb_list, SubListCb.filter())
    for action, handler in (
        (SubMenu.SEARCH, cb_search),
        (SubMenu.PAGE, cb_page_ask),
        (SubMenu.RESET, cb_reset),
        (SubMenu.SELECT, cb_select),
        (SubMenu.ADD, cb_add),
        (SubMenu.MINE, cb_mine),
        (SubMenu.GROUPS, cb_groups),
        (SubMenu.LABELS, cb_labels),
    ):
        on(handler, SubMenuCb.filter(F.action == action))
    PICK.register(router)
    on(cb_bulk_remove, BulkCb.filter(F.action == Bulk.REMOVE))
    on(cb_bulk_remove_yes, BulkCb.filter(F.action == Bulk.REMOVE_YES))
    on(opening(show_card, "sub_id"), SubCb.filter(F.action == SubAction.CARD))
    on(cb_photo, SubCb.filter(F.action == SubAction.PHOTO))
    on(cb_remove, SubCb.filter(F.action == SubAction.REMOVE))
    on(cb_remove_yes, SubCb.filter(F.action == SubAction.REMOVE_YES))
    router.message.register(on_search, ListInput.search, F.text)
    router.message.register(on_page, ListInput.page, F.text)
    router.message.register(on_other, ListInput.search)
    router.message.register(on_other, ListInput.page)
    return router
