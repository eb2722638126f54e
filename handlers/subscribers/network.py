"""What the network does to a number, from its card: SIM replacement, a personal SIM, blocking
and call forwarding. Each ends in an order (`domain.orders.placing`); its confirmation carries a
request
key kept in the dialog, so pressing it twice places one order."""

from __future__ import annotations

import uuid
from html import escape

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from domain.access.checks import Permission, Principal
from domain.db import Db
from domain.errors import ValidationFailed
from domain.orders.placing import OrderRef
from domain.subscribers import blocking, forwarding, sim
from domain.subscribers import numbers as subs
from domain.types import ForwardingType, SubscriberStatus
from domain.validation import format_phone
from handlers.gate import edit_or_send, money_router
from handlers.subscribers.screens import forwarding_lines
from keyboards import subscribers as kb
from keyboards.orders import order_card_button
from keyboards.subscribers import NetAction, NetCb, SubAction, SubCb
from keyboards.texts import Translator


class NetInput(StatesGroup):
    icc = State()
    personal = State()
    puk = State()
    reason = State()
    target = State()


async def _sub_id(state: FSMContext) -> int:
    return int((await state.get_data()).get("sub") or 0)


async def _new_key(state: FSMContext, kind: str, sub_id: int) -> None:
    """A request key per confirmation screen: the same screen's button twice = one order."""
    await state.update_data(nk=f"{kind}:{sub_id}:{uuid.uuid4().hex[:16]}")


async def _key(state: FSMContext) -> str | None:
    key = (await state.get_data()).get("nk")
    return str(key) if key else None


async def _placed(
    target: CallbackQuery, _: Translator, sub_id: int, ref: OrderRef, key: str
) -> None:
    text = _(
        "sub-order-placed" if ref.created else "sub-order-again",
        id=ref.id,
        kind=_(key),
    )
    await edit_or_send(target, text, kb.order_placed_kb(_, sub_id, order_card_button(_, ref.id)))


# --- number management ------------------------------------------------------------------------


async def manage_screen(
    target: CallbackQuery | Message,
    db: Db,
    principal: Principal,
    _: Translator,
    sub_id: int,
    note: str = "",
) -> None:
    card = await subs.subscriber_card(db, principal, sub_id)
    await sim.ensure_can_manage_sim(db, principal, sub_id)
    text = _("sub-manage-title", number=format_phone(card.msisdn), name=escape(card.name))
    text += "\n" + _(f"sub-status-{card.status.value}")
    if note:
        text = note + "\n\n" + text
    markup = kb.manage_kb(
        _,
        sub_id,
        blocked=card.status is SubscriberStatus.BLOCKED,
        can_block=principal.can(Permission.MANAGE_SUBSCRIBERS),
    )
    if isinstance(target, Message):
        await target.answer(text, reply_markup=markup)
    else:
        await edit_or_send(target, text, markup)


async def cb_open(
    callback: CallbackQuery,
    callback_data: SubCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await state.set_state(None)
    if callback_data.action is SubAction.MANAGE:
        await manage_screen(callback, db, principal, _, callback_data.sub_id)
    else:
        await forwarding_screen(callback, db, principal, _, callback_data.sub_id)


async def cb_net(
    callback: CallbackQuery,
    callback_data: NetCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    action = callback_data.action
    sub_id = callback_data.sub_id
    data = await state.get_data()
    if action is NetAction.MANAGE:
        await state.set_state(None)
        await manage_screen(callback, db, principal, _, sub_id)
    elif action is NetAction.SIM:
        await sim.ensure_can_manage_sim(db, principal, sub_id)
        await state.set_state(NetInput.icc)
        await state.update_data(sub=sub_id)
        await edit_or_send(callback, _("sub-sim-ask"), kb.net_input_kb(_, sub_id))
    elif action is NetAction.SIM_YES:
        key = await _key(state)
        if key is None or data.get("sub") != sub_id or not data.get("icc"):
            await callback.answer(_("sub-add-stale"), show_alert=True)
            return
        ref = await sim.replace_sim(db, principal, sub_id, str(data["icc"]), key)
        await _placed(callback, _, sub_id, ref, "sub-order-kind-sim")
    elif action is NetAction.ATTACH:
        await sim.ensure_can_manage_sim(db, principal, sub_id)
        await state.set_state(NetInput.personal)
        await state.update_data(sub=sub_id)
        await edit_or_send(callback, _("sub-attach-number-ask"), kb.net_input_kb(_, sub_id))
    elif action is NetAction.ATTACH_YES:
        key = await _key(state)
        if key is None or data.get("sub") != sub_id or not data.get("puk_hash"):
            await callback.answer(_("sub-add-stale"), show_alert=True)
            return
        ref = await sim.attach_personal_sim(
            db, principal, sub_id, str(data["personal"]), str(data["puk_hash"]), key
        )
        await _placed(callback, _, sub_id, ref, "sub-order-kind-attach")
    elif action is NetAction.BLOCK:
        await blocking.check_can_block(db, principal, sub_id, True)
        await state.set_state(NetInput.reason)
        await state.update_data(sub=sub_id)
        await edit_or_send(callback, _("sub-block-reason-ask"), kb.net_input_kb(_, sub_id))
    elif action in (NetAction.BLOCK_YES, NetAction.UNBLOCK_YES):
        key = await _key(state)
        if key is None or data.get("sub") != sub_id:
            await callback.answer(_("sub-add-stale"), show_alert=True)
            return
        block = action is NetAction.BLOCK_YES
        ref = await blocking.set_blocked(
            db, principal, sub_id, block, str(data.get("reason") or ""), key
        )
        await _placed(
            callback, _, sub_id, ref, "sub-order-kind-block" if block else "sub-order-kind-unblock"
        )
    elif action is NetAction.UNBLOCK:
        await blocking.check_can_block(db, principal, sub_id, False)
        card = await subs.subscriber_card(db, principal, sub_id)
        await state.update_data(sub=sub_id)
        await _new_key(state, "unblock", sub_id)
        await edit_or_send(
            callback,
            _("sub-unblock-ask", number=format_phone(card.msisdn)),
            kb.net_confirm_kb(
                _, sub_id, NetAction.UNBLOCK_YES, "sub-btn-unblock-yes", NetAction.MANAGE
            ),
        )
    else:
        await _forwarding_action(callback, callback_data, db, principal, state, _)


# --- typed answers ----------------------------------------------------------------------------


async def on_icc(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    sub_id = await _sub_id(state)
    try:
        icc = await sim.check_reserve_sim(db, principal, sub_id, message.text or "")
    except ValidationFailed as err:
        await message.answer(
            _(err.key, **err.params) + "\n\n" + _("sub-sim-ask"),
            reply_markup=kb.net_input_kb(_, sub_id),
        )
        return
    card = await subs.subscriber_card(db, principal, sub_id)
    await state.set_state(None)
    await state.update_data(icc=icc)
    await _new_key(state, "sim", sub_id)
    await message.answer(
        _("sub-sim-confirm", number=format_phone(card.msisdn), icc=icc),
        reply_markup=kb.net_confirm_kb(
            _, sub_id, NetAction.SIM_YES, "sub-btn-sim-yes", NetAction.SIM
        ),
    )


async def on_personal(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    sub_id = await _sub_id(state)
    try:
        msisdn = await sim.check_personal_number(db, principal, sub_id, message.text or "")
    except ValidationFailed as err:
        await message.answer(
            _(err.key, **err.params) + "\n\n" + _("sub-attach-number-ask"),
            reply_markup=kb.net_input_kb(_, sub_id),
        )
        return
    await state.update_data(personal=msisdn)
    await state.set_state(NetInput.puk)
    await message.answer(
        _("sub-attach-puk-ask"), reply_markup=kb.net_input_kb(_, sub_id, NetAction.ATTACH)
    )


async def on_puk(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    sub_id = await _sub_id(state)
    raw = message.text or ""
    # A PUK is a secret: it leaves the chat as soon as it is read.
    try:
        await message.delete()
    except TelegramBadRequest:
        pass  # an old message may not be deletable; nothing else to do
    try:
        puk_hash = await sim.hash_puk(raw)
    except ValidationFailed as err:
        await message.answer(
            _(err.key, **err.params) + "\n\n" + _("sub-attach-puk-ask"),
            reply_markup=kb.net_input_kb(_, sub_id, NetAction.ATTACH),
        )
        return
    data = await state.get_data()
    card = await subs.subscriber_card(db, principal, sub_id)
    await state.set_state(None)
    await state.update_data(puk_hash=puk_hash)
    await _new_key(state, "attach", sub_id)
    await message.answer(
        _(
            "sub-attach-confirm",
            number=format_phone(card.msisdn),
            name=escape(card.name),
            personal=format_phone(str(data.get("personal") or "")),
        ),
        reply_markup=kb.net_confirm_kb(
            _, sub_id, NetAction.ATTACH_YES, "sub-btn-attach-yes", NetAction.ATTACH
        ),
    )


async def on_reason(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    sub_id = await _sub_id(state)
    try:
        reason = blocking.parse_reason(message.text or "")
    except ValidationFailed as err:
        await message.answer(
            _(err.key, **err.params) + "\n\n" + _("sub-block-reason-ask"),
            reply_markup=kb.net_input_kb(_, sub_id),
        )
        return
    card = await subs.subscriber_card(db, principal, sub_id)
    await state.set_state(None)
    await state.update_data(reason=reason)
    await _new_key(state, "block", sub_id)
    await message.answer(
        _("sub-block-confirm", number=format_phone(card.msisdn), reason=escape(reason)),
        reply_markup=kb.net_confirm_kb(
            _, sub_id, NetAction.BLOCK_YES, "sub-btn-block-yes", NetAction.BLOCK
        ),
    )


# --- call forwarding --------------------------------------------------------------------------


async def forwarding_screen(
    target: CallbackQuery | Message,
    db: Db,
    principal: Principal,
    _: Translator,
    sub_id: int,
    note: str = "",
) -> None:
    card = await subs.subscriber_card(db, principal, sub_id)
    await forwarding.ensure_can_see(db, principal, sub_id)
    text = _("sub-fwd-title", number=format_phone(card.msisdn))
    text += "\n" + forwarding_lines(_, card) + "\n\n" + _("sub-fwd-charged")
    if card.status is SubscriberStatus.BLOCKED:
        text += "\n" + _("sub-err-fwd-blocked")
    if note:
        text = note + "\n\n" + text
    rules = [
        (r.id, f"{_(f'sub-fwd-type-{r.type.value}')} → {format_phone(r.target)}")
        for r in card.forwarding
    ]
    markup = kb.forwarding_kb(_, sub_id, rules, can_add=card.status is SubscriberStatus.ACTIVE)
    if isinstance(target, Message):
        await target.answer(text, reply_markup=markup)
    else:
        await edit_or_send(target, text, markup)


async def _forwarding_action(
    callback: CallbackQuery,
    data: NetCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    sub_id = data.sub_id
    action = data.action
    fsm = await state.get_data()
    if action is NetAction.FWD:
        await state.set_state(None)
        await forwarding_screen(callback, db, principal, _, sub_id)
    elif action is NetAction.FWD_ADD:
        await forwarding.check_can_forward(db, principal, sub_id)
        await edit_or_send(
            callback,
            _("sub-fwd-type-ask"),
            kb.fwd_types_kb(_, sub_id, list(ForwardingType)),
        )
    elif action is NetAction.FWD_TYPE:
        if data.ftype is None:
            await callback.answer(_("forged-button"), show_alert=True)
            return
        await forwarding.check_can_forward(db, principal, sub_id)
        await state.set_state(NetInput.target)
        await state.update_data(sub=sub_id, ftype=data.ftype.value)
        await edit_or_send(
            callback,
            _("sub-fwd-target-ask", type=_(f"sub-fwd-type-{data.ftype.value}")),
            kb.net_input_kb(_, sub_id, NetAction.FWD_ADD),
        )
    elif action is NetAction.FWD_YES:
        key = await _key(state)
        if key is None or fsm.get("sub") != sub_id or not fsm.get("target"):
            await callback.answer(_("sub-add-stale"), show_alert=True)
            return
        ref = await forwarding.add_forwarding(
            db, principal, sub_id, ForwardingType(fsm["ftype"]), str(fsm["target"]), key
        )
        await _placed(callback, _, sub_id, ref, "sub-order-kind-fwd")
    elif action is NetAction.FWD_DROP:
        rule = await forwarding.checked_rule(db, principal, sub_id, data.value)
        await state.update_data(sub=sub_id)
        await _new_key(state, "fwdoff", sub_id)
        await edit_or_send(
            callback,
            _(
                "sub-fwd-drop-ask",
                type=_(f"sub-fwd-type-{rule.type.value}"),
                target=format_phone(rule.target_msisdn),
            ),
            kb.net_confirm_kb(
                _, sub_id, NetAction.FWD_DROP_YES, "sub-btn-fwd-drop-yes", NetAction.FWD, rule.id
            ),
        )
    elif action is NetAction.FWD_DROP_YES:
        key = await _key(state)
        if key is None or fsm.get("sub") != sub_id:
            await callback.answer(_("sub-add-stale"), show_alert=True)
            return
        ref = await forwarding.remove_forwarding(db, principal, sub_id, data.value, key)
        await _placed(callback, _, sub_id, ref, "sub-order-kind-fwd-off")


async def on_target(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    sub_id = await _sub_id(state)
    ftype = str((await state.get_data()).get("ftype") or ForwardingType.UNCONDITIONAL.value)
    question = _("sub-fwd-target-ask", type=_(f"sub-fwd-type-{ftype}"))
    try:
        target = await forwarding.check_target(db, principal, sub_id, message.text or "")
    except ValidationFailed as err:
        await message.answer(
            _(err.key, **err.params) + "\n\n" + question,
            reply_markup=kb.net_input_kb(_, sub_id, NetAction.FWD_ADD),
        )
        return
    card = await subs.subscriber_card(db, principal, sub_id)
    await state.set_state(None)
    await state.update_data(target=target)
    await _new_key(state, "fwd", sub_id)
    text = _(
        "sub-fwd-confirm",
        number=format_phone(card.msisdn),
        type=_(f"sub-fwd-type-{ftype}"),
        target=format_phone(target),
    )
    if ftype == ForwardingType.UNCONDITIONAL.value and card.forwarding:
        text += "\n" + _("sub-fwd-uncond-note")
    text += "\n" + _("sub-fwd-charged")
    await message.answer(
        text,
        reply_markup=kb.net_confirm_kb(
            _, sub_id, NetAction.FWD_YES, "sub-btn-fwd-yes", NetAction.FWD_ADD
        ),
    )


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
    router.callback_query.register(
        cb_open, SubCb.filter(F.action.in_({SubAction.MANAGE, SubAction.FORWARDING}))
    )
    router.callback_query.register(cb_net, NetCb.filter())
    router.message.register(on_icc, NetInput.icc, F.text)
    router.message.register(on_personal, NetInput.personal, F.text)
    router.message.register(on_puk, NetInput.puk, F.text)
    router.message.register(on_reason, NetInput.reason, F.text)
    router.message.register(on_target, NetInput.target, F.text)
    router.message.register(on_not_text, StateFilter(NetInput))
    return router
