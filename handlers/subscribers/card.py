"""What a coordinator changes from a subscriber's card: personal data (name, comment, e-mail,
photo), the spending limit, and the access level in the cabinet. One handler per button."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from domain.access.checks import GRANTABLE_ROLES, Principal
from domain.db import Db
from domain.errors import ValidationFailed
from domain.money import format_rub, parse_amount
from domain.subscribers import grants, limits
from domain.subscribers import numbers as subs
from domain.subscribers.numbers import PersonalField
from domain.types import Role
from domain.validation import format_phone
from handlers.dialog_data import DialogData
from handlers.gate import edit_or_send, money_router
from handlers.item_screen import ItemScreen, View, opening
from handlers.subscribers.screens import show_card
from handlers.typed import TextState
from keyboards import subscribers as kb
from keyboards.subscribers import GrantAction, GrantCb, LimitAction, LimitCb, SubAction, SubCb
from keyboards.texts import Translator


class CardInput(StatesGroup):
    edit_name = TextState()
    edit_comment = TextState()
    edit_email = TextState()
    edit_photo = State()
    limit = TextState()


class CardQuestion(DialogData):
    """The number a question from its card is about."""

    KEY: ClassVar[str] = "sub_card"
    sub_id: int = 0


FIELDS = {
    SubAction.EDIT_NAME: (CardInput.edit_name, PersonalField.NAME, "sub-edit-name-ask"),
    SubAction.EDIT_COMMENT: (CardInput.edit_comment, PersonalField.COMMENT, "sub-edit-comment-ask"),
    SubAction.EDIT_EMAIL: (CardInput.edit_email, PersonalField.EMAIL, "sub-edit-email-ask"),
    SubAction.EDIT_PHOTO: (CardInput.edit_photo, PersonalField.PHOTO, "sub-edit-photo-ask"),
}
BY_STATE = {st.state: (what, key) for st, what, key in FIELDS.values()}


async def _ask(
    callback: CallbackQuery, state: FSMContext, _: Translator, step: State, key: str, sub_id: int
) -> None:
    await state.set_state(step)
    await CardQuestion(sub_id=sub_id).save(state)
    await edit_or_send(callback, _(key), kb.input_kb(_, sub_id))


# --- personal data ----------------------------------------------------------------------------


async def cb_edit(
    callback: CallbackQuery, callback_data: SubCb, db: Db, principal: Principal, _: Translator
) -> None:
    sub = await subs.number_to_edit(db, principal, callback_data.sub_id)
    text = _("sub-edit-title", number=format_phone(sub.msisdn))
    await edit_or_send(callback, text, kb.edit_kb(_, sub.id))


Handler = Callable[[CallbackQuery, SubCb, Db, Principal, FSMContext, Translator], Awaitable[None]]


def asking(action: SubAction) -> Handler:
    """The handler of one «✏️ …» button: asks for that field."""
    step, _what, key = FIELDS[action]

    async def cb_ask_field(
        callback: CallbackQuery,
        callback_data: SubCb,
        db: Db,
        principal: Principal,
        state: FSMContext,
        _: Translator,
    ) -> None:
        await subs.number_to_edit(db, principal, callback_data.sub_id)
        await _ask(callback, state, _, step, key, callback_data.sub_id)

    return cb_ask_field


async def on_edit(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    what, key = BY_STATE[await state.get_state() or ""]
    sub_id = (await CardQuestion.load(state)).sub_id
    back = kb.input_kb(_, sub_id)
    value = message.photo[-1].file_id if message.photo else message.text
    if what is PersonalField.PHOTO and not message.photo:
        await message.answer(_("sub-err-photo") + "\n" + _(key), reply_markup=back)
        return
    if what is not PersonalField.PHOTO and not message.text:
        await message.answer(_(key), reply_markup=back)
        return
    try:
        await subs.update_personal(db, principal, sub_id, what, value)
    except ValidationFailed as err:
        await message.answer(_(err.key, **err.params) + "\n" + _(key), reply_markup=back)
        return
    await state.set_state(None)
    await show_card(message, db, principal, _, sub_id, _("sub-saved"))


# --- spending limit ---------------------------------------------------------------------------


async def limit_view(db: Db, principal: Principal, _: Translator, sub_id: int) -> View:
    card = await subs.subscriber_card(db, principal, sub_id)
    await limits.ensure_can_set_limit(db, principal, sub_id)
    number, spent = format_phone(card.msisdn), format_rub(card.month_spent_kop)
    if card.limit_kop:
        limit, percent = format_rub(card.limit_kop), card.limit_percent or 0
        text = _("sub-limit-screen", number=number, limit=limit, spent=spent, percent=percent)
        text += "\n" + _("sub-limit-blocks-yes" if card.limit_blocks else "sub-limit-blocks-no")
    else:
        text = _("sub-limit-none", number=number, spent=spent)
    has_limit = card.limit_kop is not None
    return text, kb.limit_kb(_, sub_id, has_limit=has_limit, blocks=card.limit_blocks)


limit_screen = ItemScreen(limit_view)


async def cb_limit_set(
    callback: CallbackQuery,
    callback_data: LimitCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await limits.ensure_can_set_limit(db, principal, callback_data.sub_id)
    await _ask(callback, state, _, CardInput.limit, "sub-limit-ask", callback_data.sub_id)


async def cb_limit_blocks(
    callback: CallbackQuery, callback_data: LimitCb, db: Db, principal: Principal, _: Translator
) -> None:
    """Bar outgoing charges at 100 %, or no longer."""
    sub_id = callback_data.sub_id
    card = await subs.subscriber_card(db, principal, sub_id)
    await limits.set_limit(db, principal, sub_id, card.limit_kop, not card.limit_blocks)
    await limit_screen(callback, db, principal, _, sub_id, _("sub-saved"))


async def cb_limit_off(
    callback: CallbackQuery, callback_data: LimitCb, db: Db, principal: Principal, _: Translator
) -> None:
    sub_id = callback_data.sub_id
    await subs.subscriber_card(db, principal, sub_id)
    await limits.set_limit(db, principal, sub_id, None)
    await limit_screen(callback, db, principal, _, sub_id, _("sub-limit-removed"))


async def on_limit(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    sub_id = (await CardQuestion.load(state)).sub_id
    try:
        card = await subs.subscriber_card(db, principal, sub_id)
        amount = parse_amount(message.text or "")
        await limits.set_limit(db, principal, sub_id, amount, card.limit_blocks)
    except ValidationFailed as err:
        await message.answer(
            _(err.key, **err.params) + "\n" + _("sub-limit-ask"),
            reply_markup=kb.input_kb(_, sub_id),
        )
        return
    await state.set_state(None)
    await limit_screen(message, db, principal, _, sub_id, _("sub-limit-saved"))


# --- access grants ----------------------------------------------------------------------------


async def access_view(db: Db, principal: Principal, _: Translator, sub_id: int) -> View:
    level = await grants.current_level(db, principal, sub_id)
    card = await subs.subscriber_card(db, principal, sub_id)
    text = _(
        "sub-access-screen",
        number=format_phone(card.msisdn),
        level=_(f"role-{level.value}") if level else _("sub-card-level-none"),
    )
    if level in (Role.COORDINATOR, Role.UNION_COORDINATOR):
        text += "\n" + _("auth-grant-coordinator")
    return text, kb.access_kb(_, sub_id, level, GRANTABLE_ROLES)


access_screen = ItemScreen(access_view)


async def cb_access_open(
    callback: CallbackQuery, callback_data: SubCb, db: Db, principal: Principal, _: Translator
) -> None:
    await access_screen(callback, db, principal, _, callback_data.sub_id)


async def cb_give(
    callback: CallbackQuery, callback_data: GrantCb, db: Db, principal: Principal, _: Translator
) -> None:
    sub_id, role = callback_data.sub_id, callback_data.role
    if role is None:
        await callback.answer(_("forged-button"), show_alert=True)
        return
    card = await subs.subscriber_card(db, principal, sub_id)
    await grants.current_level(db, principal, sub_id)
    await edit_or_send(
        callback,
        _("sub-grant-ask", number=format_phone(card.msisdn), role=_(f"role-{role.value}")),
        kb.confirm_kb(
            _,
            GrantCb(action=GrantAction.GIVE_YES, sub_id=sub_id, role=role),
            SubCb(action=SubAction.ACCESS, sub_id=sub_id),
        ),
    )


async def cb_give_yes(
    callback: CallbackQuery, callback_data: GrantCb, db: Db, principal: Principal, _: Translator
) -> None:
    sub_id, role = callback_data.sub_id, callback_data.role
    if role is None:
        await callback.answer(_("forged-button"), show_alert=True)
        return
    if await grants.current_level(db, principal, sub_id) is role:
        # A second press of the same confirmation: the level and its password are there.
        await access_screen(callback, db, principal, _, sub_id, _("sub-grant-already"))
        return
    await grants.give_level(db, principal, sub_id, role)
    await access_screen(callback, db, principal, _, sub_id, _("sub-granted"))


async def cb_take(
    callback: CallbackQuery, callback_data: GrantCb, db: Db, principal: Principal, _: Translator
) -> None:
    sub_id = callback_data.sub_id
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


async def cb_take_yes(
    callback: CallbackQuery, callback_data: GrantCb, db: Db, principal: Principal, _: Translator
) -> None:
    sub_id = callback_data.sub_id
    done = await grants.take_level(db, principal, sub_id)
    note = _("sub-revoked" if done else "sub-revoked-none")
    await access_screen(callback, db, principal, _, sub_id, note)


async def on_not_text(message: Message, state: FSMContext, _: Translator) -> None:
    current = await state.get_state() or ""
    key = BY_STATE[current][1] if current in BY_STATE else "sub-limit-ask"
    await message.answer(_("sub-err-text-only", question=_(key)))


def build_router() -> Router:
    router = money_router("subscriber-card")
    on = router.callback_query.register
    on(cb_edit, SubCb.filter(F.action == SubAction.EDIT))
    for action in FIELDS:
        on(asking(action), SubCb.filter(F.action == action))
    on(opening(limit_screen, "sub_id"), SubCb.filter(F.action == SubAction.LIMIT))
    on(cb_limit_set, LimitCb.filter(F.action == LimitAction.SET))
    on(cb_limit_blocks, LimitCb.filter(F.action == LimitAction.BLOCKS))
    on(cb_limit_off, LimitCb.filter(F.action == LimitAction.OFF))
    on(cb_access_open, SubCb.filter(F.action == SubAction.ACCESS))
    on(cb_give, GrantCb.filter(F.action == GrantAction.GIVE))
    on(cb_give_yes, GrantCb.filter(F.action == GrantAction.GIVE_YES))
    on(cb_take, GrantCb.filter(F.action == GrantAction.TAKE))
    on(cb_take_yes, GrantCb.filter(F.action == GrantAction.TAKE_YES))
    router.message.register(on_edit, StateFilter(*(st for st, _w, _k in FIELDS.values())))
    router.message.register(on_limit, CardInput.limit, F.text)
    router.message.register(on_not_text, StateFilter(CardInput))
    return router
