"""Labels of the subscribers section: the company's labels and the numbers that carry one,
labels on one number (from its card) and on the numbers checked in the list. One handler per
button."""

from __future__ import annotations

from html import escape
from typing import ClassVar

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.access.checks import Principal
from domain.db import Db
from domain.errors import ValidationFailed
from domain.subscribers import labels
from domain.subscribers.numbers import ListFilter
from handlers.dialog_data import DialogData
from handlers.gate import ask_about, edit_or_send, money_router
from handlers.item_screen import ItemScreen, View, opening
from handlers.subscribers.screens import (
    bulk_markup,
    bulk_text,
    changing_checked,
    checked_or_alert,
    list_screen,
    picking_for_checked,
    selected,
    set_filter,
    start_browsing,
)
from handlers.typed import TextState
from keyboards import subscribers as kb
from keyboards.subscribers import Bulk, BulkCb, LabelAction, LabelCb, ListMode, SubAction, SubCb
from keyboards.texts import Translator


class LabelInput(StatesGroup):
    one = TextState()  # a label for the number of `LabelFor.sub_id`
    bulk = TextState()  # a label for the checked numbers


class LabelFor(DialogData):
    KEY: ClassVar[str] = "sub_label"
    sub_id: int = 0


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


async def labels_one_view(db: Db, principal: Principal, _: Translator, sub_id: int) -> View:
    items = await labels.subscriber_labels(db, principal, sub_id)
    text = _("sub-labels-one", n=len(items))
    return text, kb.labels_one_kb(_, sub_id, [(lb.id, lb.name) for lb in items])


labels_one_screen = ItemScreen(labels_one_view)


async def _label_question(db: Db, principal: Principal, _: Translator) -> str:
    names = [lb.name for lb in await labels.list_labels(db, principal)][:15]
    text = _("sub-label-ask")
    if names:
        text += "\n" + _("sub-label-existing", labels=escape(", ".join(names)))
    return text


# --- the company's labels ---------------------------------------------------------------------


async def cb_labels(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await show_labels(callback, db, principal, state, _)


async def cb_show(
    callback: CallbackQuery,
    callback_data: LabelCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    """A label pressed: the numbers list filtered by it."""
    await labels.ensure_can_show(db, principal, callback_data.label_id)
    await set_filter(state, ListFilter(label_id=callback_data.label_id))
    await start_browsing(state)
    text, markup = await list_screen(db, principal, state, _, 0, ListMode.BROWSE)
    await edit_or_send(callback, text, markup)


# --- one number's labels ----------------------------------------------------------------------


async def cb_add_one(
    callback: CallbackQuery,
    callback_data: LabelCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    sub_id = callback_data.sub_id
    await labels.ensure_can_label(db, principal, sub_id)
    question, markup = await _label_question(db, principal, _), kb.input_kb(_, sub_id)
    await ask_about(callback, state, LabelInput.one, LabelFor(sub_id=sub_id), question, markup)


async def cb_drop_one(
    callback: CallbackQuery, callback_data: LabelCb, db: Db, principal: Principal, _: Translator
) -> None:
    sub_id = callback_data.sub_id
    n = await labels.remove_label(db, principal, [sub_id], callback_data.label_id)
    await labels_one_screen(callback, db, principal, _, sub_id, _("sub-label-removed", n=n))


async def _add_label(
    message: Message,
    db: Db,
    principal: Principal,
    _: Translator,
    ids: list[int],
    back: InlineKeyboardMarkup,
) -> str | None:
    """The typed label put on `ids`: the note to show, or None when it was asked again."""
    try:
        label_id, n = await labels.add_label(db, principal, ids, message.text or "")
    except ValidationFailed as err:
        question = await _label_question(db, principal, _)
        await message.answer(_(err.key, **err.params) + "\n" + question, reply_markup=back)
        return None
    # The label the company has, as it is written (typed «vip» puts «VIP» on).
    return _("sub-label-added", n=n, label=escape(await labels.label_name(db, label_id)))


async def on_label_one(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    sub_id = (await LabelFor.load(state)).sub_id
    note = await _add_label(message, db, principal, _, [sub_id], kb.input_kb(_, sub_id))
    if note is None:
        return
    await state.set_state(None)
    await labels_one_screen(message, db, principal, _, sub_id, note)


# --- labels on the checked numbers ------------------------------------------------------------


async def cb_bulk_add(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    chosen = await checked_or_alert(callback, state, _)
    if not chosen:
        return
    await labels.ensure_can_label_many(db, principal, chosen)
    await state.set_state(LabelInput.bulk)
    await edit_or_send(callback, await _label_question(db, principal, _), kb.bulk_input_kb(_))


async def on_label_bulk(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    ids = await selected(state)
    note = await _add_label(message, db, principal, _, ids, kb.bulk_input_kb(_))
    if note is None:
        return
    await state.set_state(None)
    await message.answer(
        bulk_text(_, len(ids), note), reply_markup=bulk_markup(_, principal, len(ids))
    )


async def _label_choices(db: Db, principal: Principal) -> list[tuple[int, str]]:
    return [(lb.id, f"🏷 {lb.name}") for lb in await labels.list_labels(db, principal)]


# «Снять метку»: which label to take off the checked numbers, then off they come.
cb_bulk_pick = picking_for_checked(_label_choices, "sub-bulk-label-pick", Bulk.LABEL_DROP)
cb_bulk_drop = changing_checked(labels.remove_label, "sub-label-removed")


async def on_not_text(message: Message, _: Translator) -> None:
    await message.answer(_("sub-err-text-only", question=_("sub-label-ask")))


def build_router() -> Router:
    router = money_router("subscriber-labels")
    on = router.callback_query.register
    on(cb_labels, LabelCb.filter(F.action == LabelAction.LIST))
    on(cb_show, LabelCb.filter(F.action == LabelAction.SHOW))
    on(cb_add_one, LabelCb.filter(F.action == LabelAction.ADD))
    on(cb_drop_one, LabelCb.filter(F.action == LabelAction.DROP))
    on(opening(labels_one_screen, "sub_id"), SubCb.filter(F.action == SubAction.LABELS))
    on(cb_bulk_add, BulkCb.filter(F.action == Bulk.LABEL_ADD))
    on(cb_bulk_pick, BulkCb.filter(F.action == Bulk.LABEL_REMOVE))
    on(cb_bulk_drop, BulkCb.filter(F.action == Bulk.LABEL_DROP))
    router.message.register(on_label_one, LabelInput.one, F.text)
    router.message.register(on_label_bulk, LabelInput.bulk, F.text)
    router.message.register(on_not_text, StateFilter(LabelInput))
    return router
