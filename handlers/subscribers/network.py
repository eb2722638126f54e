"""What the network does to a number, from its card: SIM replacement, a personal SIM, blocking
and call forwarding. Each ends in an order (`domain.orders.placing`); its confirmation carries a
request
key kept in the dialog, so pressing it twice places one order."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from html import escape
from typing import Any, ClassVar

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from domain.access.checks import Principal
from domain.db import Db
from domain.errors import ValidationFailed
from domain.orders.placing import OrderRef
from domain.subscribers import blocking, forwarding, sim
from domain.subscribers import numbers as subs
from domain.subscribers.rights import rights_of
from domain.types import ForwardingType, SubscriberStatus
from domain.validation import format_phone
from handlers.dialog_data import DialogData
from handlers.gate import edit_or_send, money_router
from handlers.item_screen import ItemScreen, View, opening
from handlers.subscribers.screens import forwarding_lines
from handlers.typed import TextState
from keyboards import subscribers as kb
from keyboards.orders import order_card_button
from keyboards.subscribers import NetAction, NetCb, SubAction, SubCb
from keyboards.texts import Translator


class NetInput(StatesGroup):
    icc = TextState()
    personal = TextState()
    puk = TextState()
    reason = TextState()
    target = TextState()


class NetData(DialogData):
    """One order being prepared from a card: its number, what was typed, and the request key
    of its confirmation screen (the same screen's button twice places one order)."""

    KEY: ClassVar[str] = "sub_net"
    sub_id: int = 0
    request_key: str = ""
    icc: str = ""
    personal: str = ""
    puk_hash: str = ""
    reason: str = ""
    ftype: ForwardingType | None = None
    target: str = ""


async def _start(state: FSMContext, sub_id: int, question: State | None = None) -> None:
    """A new order from the card of `sub_id`: what an earlier one left is forgotten."""
    await state.set_state(question)
    await NetData(sub_id=sub_id).save(state)


async def _new_key(state: FSMContext, kind: str, sub_id: int, **typed: str) -> None:
    """What the answer told, and a new request key for the confirmation screen it opens."""
    await state.set_state(None)
    key = f"{kind}:{sub_id}:{uuid.uuid4().hex[:16]}"
    await NetData.change(state, request_key=key, **typed)


async def _confirmed(
    callback: CallbackQuery, state: FSMContext, _: Translator, sub_id: int, needs: str = ""
) -> NetData | None:
    """The dialog behind a confirmation button, or None (answered «устарела») when it is not
    this number's or lacks what the order needs (`needs`: a field name)."""
    data = await NetData.load(state)
    if not data.request_key or data.sub_id != sub_id or (needs and not getattr(data, needs)):
        await callback.answer(_("sub-add-stale"), show_alert=True)
        return None
    return data


async def _placed(
    target: CallbackQuery, _: Translator, sub_id: int, ref: OrderRef, key: str
) -> None:
    text = _(
        "sub-order-placed" if ref.created else "sub-order-again",
        id=ref.id,
        kind=_(key),
    )
    await edit_or_send(target, text, kb.order_placed_kb(_, sub_id, order_card_button(_, ref.id)))


async def _ask_again(
    message: Message,
    _: Translator,
    err: ValidationFailed,
    question: str,
    sub_id: int,
    back: NetAction = NetAction.MANAGE,
) -> None:
    """A typed answer refused: why, and the question again."""
    await message.answer(
        _(err.key, **err.params) + "\n\n" + question, reply_markup=kb.net_input_kb(_, sub_id, back)
    )


def _asking(
    check: Callable[[Db, Principal, int], Awaitable[None]], question: State, ask_key: str
) -> Callable[..., Awaitable[Any]]:
    """The handler of a button that starts an order from the card with a question (the new
    SIM's ICC, the personal number, the reason to block), once `check` lets the user."""

    async def ask(
        callback: CallbackQuery,
        callback_data: NetCb,
        db: Db,
        principal: Principal,
        state: FSMContext,
        _: Translator,
    ) -> None:
        sub_id = callback_data.sub_id
        await check(db, principal, sub_id)
        await _start(state, sub_id, question)
        await edit_or_send(callback, _(ask_key), kb.net_input_kb(_, sub_id))

    return ask


# --- number management ------------------------------------------------------------------------


async def manage_view(db: Db, principal: Principal, _: Translator, sub_id: int) -> View:
    card = await subs.subscriber_card(db, principal, sub_id)
    await sim.ensure_can_manage_sim(db, principal, sub_id)
    text = _("sub-manage-title", number=format_phone(card.msisdn), name=escape(card.name))
    text += "\n" + _(f"sub-status-{card.status.value}")
    blocked = card.status is SubscriberStatus.BLOCKED
    return text, kb.manage_kb(_, sub_id, blocked=blocked, can_block=rights_of(principal).manage)


manage_screen = ItemScreen(manage_view)


# --- SIM replacement --------------------------------------------------------------------------


async def cb_sim(
    callback: CallbackQuery,
    callback_data: NetCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    """«Заменить SIM-карту»: how many blank SIMs the company holds, and the ICC of one; with
    none, what to do to get some (no question that no answer could pass)."""
    sub_id = callback_data.sub_id
    blanks = await sim.reserve_count(db, principal, sub_id)
    if not blanks:
        await edit_or_send(callback, _("sub-sim-none"), kb.net_input_kb(_, sub_id))
        return
    await _start(state, sub_id, NetInput.icc)
    text = _("sub-sim-reserve", n=blanks) + "\n" + _("sub-sim-ask")
    await edit_or_send(callback, text, kb.net_input_kb(_, sub_id))


async def on_icc(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    sub_id = (await NetData.load(state)).sub_id
    try:
        icc = await sim.check_reserve_sim(db, principal, sub_id, message.text or "")
    except ValidationFailed as err:
        await _ask_again(message, _, err, _("sub-sim-ask"), sub_id)
        return
    card = await subs.subscriber_card(db, principal, sub_id)
    await _new_key(state, "sim", sub_id, icc=icc)
    await message.answer(
        _("sub-sim-confirm", number=format_phone(card.msisdn), icc=icc),
        reply_markup=kb.net_confirm_kb(
            _, sub_id, NetAction.SIM_YES, "sub-btn-sim-yes", NetAction.SIM
        ),
    )


async def cb_sim_yes(
    callback: CallbackQuery,
    callback_data: NetCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    sub_id = callback_data.sub_id
    data = await _confirmed(callback, state, _, sub_id, "icc")
    if data is None:
        return
    ref = await sim.replace_sim(db, principal, sub_id, data.icc, data.request_key)
    await _placed(callback, _, sub_id, ref, "sub-order-kind-sim")


# --- a personal SIM ---------------------------------------------------------------------------


cb_attach = _asking(sim.ensure_can_manage_sim, NetInput.personal, "sub-attach-number-ask")


async def on_personal(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    sub_id = (await NetData.load(state)).sub_id
    try:
        msisdn = await sim.check_personal_number(db, principal, sub_id, message.text or "")
    except ValidationFailed as err:
        await _ask_again(message, _, err, _("sub-attach-number-ask"), sub_id)
        return
    await NetData.change(state, personal=msisdn)
    await state.set_state(NetInput.puk)
    await message.answer(
        _("sub-attach-puk-ask"), reply_markup=kb.net_input_kb(_, sub_id, NetAction.ATTACH)
    )


async def on_puk(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    data = await NetData.load(state)
    raw = message.text or ""
    # A PUK is a secret: it leaves the chat as soon as it is read.
    try:
        await message.delete()
    except TelegramBadRequest:
        pass  # an old message may not be deletable; nothing else to do
    try:
        puk_hash = await sim.hash_puk(raw)
    except ValidationFailed as err:
        await _ask_again(message, _, err, _("sub-attach-puk-ask"), data.sub_id, NetAction.ATTACH)
        return
    card = await subs.subscriber_card(db, principal, data.sub_id)
    await _new_key(state, "attach", data.sub_id, puk_hash=puk_hash)
    personal = format_phone(data.personal)
    number, name = format_phone(card.msisdn), escape(card.name)
    await message.answer(
        _("sub-attach-confirm", number=number, name=name, personal=personal),
        reply_markup=kb.net_confirm_kb(
            _, data.sub_id, NetAction.ATTACH_YES, "sub-btn-attach-yes", NetAction.ATTACH
        ),
    )


async def cb_attach_yes(
    callback: CallbackQuery,
    callback_data: NetCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    sub_id = callback_data.sub_id
    data = await _confirmed(callback, state, _, sub_id, "puk_hash")
    if data is None:
        return
    ref = await sim.attach_personal_sim(
        db, principal, sub_id, data.personal, data.puk_hash, data.request_key
    )
    await _placed(callback, _, sub_id, ref, "sub-order-kind-attach")


# --- blocking ---------------------------------------------------------------------------------


async def _can_block(db: Db, principal: Principal, sub_id: int) -> None:
    await blocking.check_can_block(db, principal, sub_id, True)


cb_block = _asking(_can_block, NetInput.reason, "sub-block-reason-ask")


async def on_reason(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    sub_id = (await NetData.load(state)).sub_id
    try:
        reason = blocking.parse_reason(message.text or "")
    except ValidationFailed as err:
        await _ask_again(message, _, err, _("sub-block-reason-ask"), sub_id)
        return
    card = await subs.subscriber_card(db, principal, sub_id)
    await _new_key(state, "block", sub_id, reason=reason)
    await message.answer(
        _("sub-block-confirm", number=format_phone(card.msisdn), reason=escape(reason)),
        reply_markup=kb.net_confirm_kb(
            _, sub_id, NetAction.BLOCK_YES, "sub-btn-block-yes", NetAction.BLOCK
        ),
    )


async def cb_unblock(
    callback: CallbackQuery,
    callback_data: NetCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    sub_id = callback_data.sub_id
    await blocking.check_can_block(db, principal, sub_id, False)
    card = await subs.subscriber_card(db, principal, sub_id)
    await _start(state, sub_id)
    await _new_key(state, "unblock", sub_id)
    await edit_or_send(
        callback,
        _("sub-unblock-ask", number=format_phone(card.msisdn)),
        kb.net_confirm_kb(
            _, sub_id, NetAction.UNBLOCK_YES, "sub-btn-unblock-yes", NetAction.MANAGE
        ),
    )


async def _set_blocked(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    sub_id: int,
    block: bool,
) -> None:
    data = await _confirmed(callback, state, _, sub_id)
    if data is None:
        return
    ref = await blocking.set_blocked(db, principal, sub_id, block, data.reason, data.request_key)
    kind = "sub-order-kind-block" if block else "sub-order-kind-unblock"
    await _placed(callback, _, sub_id, ref, kind)


async def cb_block_yes(
    callback: CallbackQuery,
    callback_data: NetCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await _set_blocked(callback, db, principal, state, _, callback_data.sub_id, True)


async def cb_unblock_yes(
    callback: CallbackQuery,
    callback_data: NetCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await _set_blocked(callback, db, principal, state, _, callback_data.sub_id, False)


# --- call forwarding --------------------------------------------------------------------------


async def forwarding_view(db: Db, principal: Principal, _: Translator, sub_id: int) -> View:
    card = await subs.subscriber_card(db, principal, sub_id)
    await forwarding.ensure_can_see(db, principal, sub_id)
    text = _("sub-fwd-title", number=format_phone(card.msisdn))
    text += "\n" + forwarding_lines(_, card) + "\n\n" + _("sub-fwd-charged")
    if card.status is SubscriberStatus.BLOCKED:
        text += "\n" + _("sub-err-fwd-blocked")
    rules = [
        (r.id, f"{_(f'sub-fwd-type-{r.type.value}')} → {format_phone(r.target)}")
        for r in card.forwarding
    ]
    return text, kb.forwarding_kb(_, sub_id, rules, can_add=card.status is SubscriberStatus.ACTIVE)


forwarding_screen = ItemScreen(forwarding_view)


async def cb_fwd_add(
    callback: CallbackQuery, callback_data: NetCb, db: Db, principal: Principal, _: Translator
) -> None:
    sub_id = callback_data.sub_id
    await forwarding.check_can_forward(db, principal, sub_id)
    markup = kb.fwd_types_kb(_, sub_id, list(ForwardingType))
    await edit_or_send(callback, _("sub-fwd-type-ask"), markup)


async def cb_fwd_type(
    callback: CallbackQuery,
    callback_data: NetCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    sub_id, ftype = callback_data.sub_id, callback_data.ftype
    if ftype is None:
        await callback.answer(_("forged-button"), show_alert=True)
        return
    await forwarding.check_can_forward(db, principal, sub_id)
    await _start(state, sub_id, NetInput.target)
    await NetData.change(state, ftype=ftype)
    await edit_or_send(
        callback,
        _("sub-fwd-target-ask", type=_(f"sub-fwd-type-{ftype.value}")),
        kb.net_input_kb(_, sub_id, NetAction.FWD_ADD),
    )


async def on_target(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    data = await NetData.load(state)
    sub_id, ftype = data.sub_id, data.ftype or ForwardingType.UNCONDITIONAL
    kind = _(f"sub-fwd-type-{ftype.value}")
    try:
        target = await forwarding.check_target(db, principal, sub_id, message.text or "")
    except ValidationFailed as err:
        question = _("sub-fwd-target-ask", type=kind)
        await _ask_again(message, _, err, question, sub_id, NetAction.FWD_ADD)
        return
    card = await subs.subscriber_card(db, principal, sub_id)
    await _new_key(state, "fwd", sub_id, target=target)
    number = format_phone(card.msisdn)
    text = _("sub-fwd-confirm", number=number, type=kind, target=format_phone(target))
    if ftype is ForwardingType.UNCONDITIONAL and card.forwarding:
        text += "\n" + _("sub-fwd-uncond-note")
    text += "\n" + _("sub-fwd-charged")
    await message.answer(
        text,
        reply_markup=kb.net_confirm_kb(
            _, sub_id, NetAction.FWD_YES, "sub-btn-fwd-yes", NetAction.FWD_ADD
        ),
    )


async def cb_fwd_yes(
    callback: CallbackQuery,
    callback_data: NetCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    sub_id = callback_data.sub_id
    data = await _confirmed(callback, state, _, sub_id, "target")
    if data is None or data.ftype is None:
        return
    ref = await forwarding.add_forwarding(
        db, principal, sub_id, data.ftype, data.target, data.request_key
    )
    await _placed(callback, _, sub_id, ref, "sub-order-kind-fwd")


async def cb_fwd_drop(
    callback: CallbackQuery,
    callback_data: NetCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    sub_id = callback_data.sub_id
    rule = await forwarding.checked_rule(db, principal, sub_id, callback_data.value)
    await _start(state, sub_id)
    await _new_key(state, "fwdoff", sub_id)
    kind, target = _(f"sub-fwd-type-{rule.type.value}"), format_phone(rule.target)
    await edit_or_send(
        callback,
        _("sub-fwd-drop-ask", type=kind, target=target),
        kb.net_confirm_kb(
            _, sub_id, NetAction.FWD_DROP_YES, "sub-btn-fwd-drop-yes", NetAction.FWD, rule.id
        ),
    )


async def cb_fwd_drop_yes(
    callback: CallbackQuery,
    callback_data: NetCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    sub_id = callback_data.sub_id
    data = await _confirmed(callback, state, _, sub_id)
    if data is None:
        return
    rule_id = callback_data.value
    ref = await forwarding.remove_forwarding(db, principal, sub_id, rule_id, data.request_key)
    await _placed(callback, _, sub_id, ref, "sub-order-kind-fwd-off")


_QUESTIONS = {
    NetInput.icc.state: "sub-sim-ask",
    NetInput.personal.state: "sub-attach-number-ask",
    NetInput.puk.state: "sub-attach-puk-ask",
    NetInput.reason.state: "sub-block-reason-ask",
    NetInput.target.state: "sub-fwd-target-ask-short",
}


async def on_not_text(message: Message, state: FSMContext, _: Translator) -> None:
    key = _QUESTIONS.get(await state.get_state() or "", "sub-err-text")
    await message.answer(_("sub-err-text-only", question=_(key)))


def build_router() -> Router:
    router = money_router("subscriber-network")
    on = router.callback_query.register
    on(opening(manage_screen, "sub_id"), SubCb.filter(F.action == SubAction.MANAGE))
    on(opening(forwarding_screen, "sub_id"), SubCb.filter(F.action == SubAction.FORWARDING))
    for action, handler in (
        (NetAction.MANAGE, opening(manage_screen, "sub_id")),
        (NetAction.SIM, cb_sim),
        (NetAction.SIM_YES, cb_sim_yes),
        (NetAction.ATTACH, cb_attach),
        (NetAction.ATTACH_YES, cb_attach_yes),
        (NetAction.BLOCK, cb_block),
        (NetAction.BLOCK_YES, cb_block_yes),
        (NetAction.UNBLOCK, cb_unblock),
        (NetAction.UNBLOCK_YES, cb_unblock_yes),
        (NetAction.FWD, opening(forwarding_screen, "sub_id")),
        (NetAction.FWD_ADD, cb_fwd_add),
        (NetAction.FWD_TYPE, cb_fwd_type),
        (NetAction.FWD_YES, cb_fwd_yes),
        (NetAction.FWD_DROP, cb_fwd_drop),
        (NetAction.FWD_DROP_YES, cb_fwd_drop_yes),
    ):
        on(handler, NetCb.filter(F.action == action))
    msg = router.message.register
    msg(on_icc, NetInput.icc, F.text)
    msg(on_personal, NetInput.personal, F.text)
    msg(on_puk, NetInput.puk, F.text)
    msg(on_reason, NetInput.reason, F.text)
    msg(on_target, NetInput.target, F.text)
    msg(on_not_text, StateFilter(NetInput))
    return router
