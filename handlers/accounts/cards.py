"""Accounts section: quick balance, the accounts list, the account card, and what hangs off the
card (prepayment invoice, cashback, document delivery, low-balance alert).

Payments and exports are in `handlers.accounts.payments`, statistics in
`handlers.accounts.statistics`; the package composes the three.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from html import escape
from types import ModuleType
from typing import Any, ClassVar

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.chat_action import ChatActionSender

from domain.access.checks import Principal
from domain.accounts import alerts, cashback, delivery
from domain.accounts import balance as acc
from domain.accounts.balance import AccountRef
from domain.clock import fmt_date
from domain.db import Db
from domain.documents.orders import last_closed_month
from domain.errors import ValidationFailed
from domain.money import format_rub, parse_amount
from domain.types import CashbackKind, DeliveryMethod
from domain.validation import format_phone
from handlers.common import ask_value
from handlers.dialog_data import DialogData
from handlers.gate import (
    ask_about,
    brand,
    category,
    edit_or_send,
    money_router,
    month_name,
)
from handlers.item_screen import ItemScreen, View, opening
from handlers.typed import TextState
from keyboards.accounts import (
    AccAction,
    AccCb,
    AccListCb,
    AlrAction,
    AlrCb,
    BalCb,
    CbkAction,
    CbkCb,
    DlvCb,
    accounts_list_kb,
    alert_kb,
    balance_kb,
    card_kb,
    cashback_confirm_kb,
    cashback_kb,
    cashback_overview_kb,
    delivery_kb,
    input_kb,
)
from keyboards.menu import MenuCb, Section
from keyboards.texts import Translator
from keyboards.widgets import NoopCb


def _prepayment() -> ModuleType:
    """The invoice renderer, loaded on first use: fpdf is not needed to start the bot."""
    from domain.documents import prepayment

    return prepayment


PER_PAGE = 10


class AccInput(StatesGroup):
    prepay = TextState()
    cashback = TextState()
    threshold = TextState()


class CardData(DialogData):
    """The account a card's question is about, and the cashback sum awaiting «Да»."""

    KEY: ClassVar[str] = "acc_card"
    account_id: int = 0
    cashback_kop: int | None = None  # typed and not yet confirmed (spent once, then None)


# --- quick balance ----------------------------------------------------------------------------


async def balance_text(db: Db, principal: Principal, _: Translator, page: int) -> tuple[str, Any]:
    bal = await acc.quick_balance(db, principal, page, PER_PAGE)
    if bal.total == 0:
        return _("acc-balance-none"), balance_kb(_, 0, 1)
    lines = [_("acc-balance-title", n=bal.total)]
    if bal.below_count:
        lines.append(_("acc-balance-below", n=bal.below_count))
    for item in bal.items:
        lines.append("")
        if item.below_threshold:
            assert item.threshold_kop is not None
            row = _(
                "acc-balance-row-below",
                number=item.number,
                brand=brand(_, item.brand),
                balance=format_rub(item.balance_kop),
                threshold=format_rub(item.threshold_kop),
            )
        else:
            row = _(
                "acc-balance-row",
                number=item.number,
                brand=brand(_, item.brand),
                balance=format_rub(item.balance_kop),
            )
        if item.credit_limit_kop:
            row += f" · {_('acc-balance-credit', limit=format_rub(item.credit_limit_kop))}"
        lines.append(row)
    return "\n".join(lines), balance_kb(_, bal.page, bal.pages)


async def show_balance(message: Message, db: Db, principal: Principal, _: Translator) -> None:
    """The quick balance as a new message: `/balance`, the reply button «💰 Баланс»."""
    text, markup = await balance_text(db, principal, _, 0)
    await message.answer(text, reply_markup=markup)


async def cmd_balance(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    # The quick balance works from anywhere; it interrupts a question waiting for input.
    await state.set_state(None)
    await show_balance(message, db, principal, _)


async def cb_balance(callback: CallbackQuery, db: Db, principal: Principal, _: Translator) -> None:
    await _balance_page(callback, db, principal, _, 0)


async def cb_balance_page(
    callback: CallbackQuery,
    callback_data: BalCb,
    db: Db,
    principal: Principal,
    _: Translator,
) -> None:
    await _balance_page(callback, db, principal, _, callback_data.page)


async def _balance_page(
    callback: CallbackQuery, db: Db, principal: Principal, _: Translator, page: int
) -> None:
    text, markup = await balance_text(db, principal, _, page)
    await edit_or_send(callback, text, markup)


# --- the accounts list and the card -----------------------------------------------------------


async def cb_accounts(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await _accounts_page(callback, db, principal, state, _, 0)


async def cb_accounts_page(
    callback: CallbackQuery,
    callback_data: AccListCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await _accounts_page(callback, db, principal, state, _, callback_data.page)


async def _accounts_page(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    page: int,
) -> None:
    await state.set_state(None)
    bal = await acc.quick_balance(db, principal, page, PER_PAGE)
    items = [
        (
            a.id,
            _(
                "acc-list-item-below" if a.below_threshold else "acc-list-item",
                number=a.number,
                brand=brand(_, a.brand),
                balance=format_rub(a.balance_kop),
            ),
        )
        for a in bal.items
    ]
    rights = acc.account_rights(principal)
    markup = accounts_list_kb(
        _,
        items,
        bal.page,
        bal.pages,
        payments=rights.payments,
        statistics=rights.statistics,
        cashback=True,
    )
    await edit_or_send(callback, _("acc-list-title", n=bal.total), markup)


def _manager_lines(_: Translator, card: acc.AccountCard) -> list[str]:
    if card.manager is None:
        return [_("acc-card-no-manager")]
    lines = [_("acc-card-manager", name=escape(card.manager.name))]
    phone = format_phone(card.manager.phone) if card.manager.phone else None
    contacts = ", ".join(escape(c) for c in (phone, card.manager.email) if c)
    if contacts:
        lines.append(_("acc-card-manager-contacts", contacts=contacts))
    return lines


def _money_lines(_: Translator, card: acc.AccountCard) -> list[str]:
    lines = [_("acc-card-balance", balance=format_rub(card.balance_kop))]
    if card.below_threshold and card.threshold_kop is not None:
        lines.append(_("acc-card-below", threshold=format_rub(card.threshold_kop)))
    lines.append(_("acc-card-prev", balance=format_rub(card.prev_balance_kop)))
    if card.credit_limit_kop:
        lines.append(_("acc-card-credit", limit=format_rub(card.credit_limit_kop)))
    lines += ["", _("acc-card-charges-title", period=month_name(_, card.period_start))]
    for cat, kop in card.charges:
        lines.append(_("acc-card-charge-row", category=category(_, cat), amount=format_rub(kop)))
    if card.charges:
        lines.append(_("acc-card-charges-total", amount=format_rub(card.charges_total_kop)))
    else:
        lines.append(_("acc-card-no-charges"))
    return lines


def _card_markup(_: Translator, principal: Principal, card: acc.AccountCard) -> Any:
    rights = acc.account_rights(principal)
    delivery_name = _(f"acc-delivery-{card.delivery_method.value}")
    alert_label = (
        _("acc-btn-card-alert", threshold=format_rub(card.threshold_kop))
        if card.threshold_kop is not None
        else _("acc-btn-card-alert-off")
    )
    return card_kb(
        _,
        card.id,
        payments=rights.payments,
        statistics=rights.statistics,
        documents=rights.documents,
        prepay=rights.prepay,
        cashback_label=_("acc-btn-card-cashback", amount=format_rub(card.cashback_kop)),
        delivery_label=_("acc-btn-card-delivery", method=delivery_name),
        alert_label=alert_label,
        invoice_month=last_closed_month(acc.local_today()),
    )


async def card_text(
    db: Db, principal: Principal, _: Translator, account_id: int
) -> tuple[str, Any]:
    card = await acc.account_card(db, principal, account_id)
    title = _(
        "acc-card-title",
        number=card.number,
        brand=brand(_, card.brand),
        type=_(f"acc-type-{card.type.value}"),
    )
    lines = [title, _("acc-card-company", company=escape(card.company_name))]
    lines += [*_manager_lines(_, card), "", *_money_lines(_, card)]
    lines.append(_("acc-card-subscribers", n=card.subscribers))
    return "\n".join(lines), _card_markup(_, principal, card)


async def cb_card(
    callback: CallbackQuery,
    callback_data: AccCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await state.set_state(None)
    text, markup = await card_text(db, principal, _, callback_data.account_id)
    await edit_or_send(callback, text, markup)


# --- prepayment invoice -----------------------------------------------------------------------


def _asking(
    checked_ref: Callable[[Db, Principal, int], Awaitable[AccountRef]],
    question: State,
    ask_key: str,
    back: AccAction,
) -> Callable[..., Awaitable[Any]]:
    """The handler of a button whose answer is typed in (a sum, a threshold): the account is
    checked (`checked_ref`) before the question is asked; «Назад» goes to `back`."""

    async def ask(
        callback: CallbackQuery,
        callback_data: AccCb | AlrCb,
        db: Db,
        principal: Principal,
        state: FSMContext,
        _: Translator,
    ) -> None:
        ref = await checked_ref(db, principal, callback_data.account_id)
        markup = input_kb(_, AccCb(action=back, account_id=ref.id))
        text = _(ask_key, number=ref.number)
        await ask_about(callback, state, question, CardData(account_id=ref.id), text, markup)

    return ask


cb_prepay = _asking(acc.prepayment_account, AccInput.prepay, "acc-prepay-ask", AccAction.CARD)


async def on_prepay_amount(
    message: Message,
    db: Db,
    principal: Principal,
    state: FSMContext,
    settings: Any,
    _: Translator,
) -> None:
    account_id = (await CardData.load(state)).account_id
    back = input_kb(_, AccCb(action=AccAction.CARD, account_id=account_id))
    try:
        kop = _prepayment().check_prepayment_amount(parse_amount(message.text or ""))
    except ValidationFailed as err:
        # The question stays open: the user types the sum again.
        await ask_value(message, _("acc-ask-prepay-short"), back, error=_(err.key, **err.params))
        return
    # The question is answered: leave the dialog (committed with the invoice, or not at all).
    await state.set_state(None)
    assert message.bot is not None
    # Telegram shows "sending a file…" while the PDF is made.
    async with ChatActionSender.upload_document(bot=message.bot, chat_id=message.chat.id):
        issued = await _prepayment().issue_prepayment_invoice(
            db, principal, account_id, kop, font_path=getattr(settings, "font_path", None)
        )
    await _send_prepayment(message, db, principal, _, account_id, issued)


async def _send_prepayment(
    message: Message, db: Db, principal: Principal, _: Translator, account_id: int, issued: Any
) -> None:
    """The invoice as a PDF, then the card again under a line saying what was issued."""
    inv = issued.invoice
    await message.answer_document(
        BufferedInputFile(issued.content, filename=issued.file_name),
        caption=_("acc-prepay-caption", doc=inv.number, amount=format_rub(inv.total_kop)),
    )
    text, markup = await card_text(db, principal, _, account_id)
    done = _(
        "acc-prepay-done",
        doc=inv.number,
        amount=format_rub(inv.total_kop),
        vat_percent=inv.vat_percent,
        vat=format_rub(inv.vat_kop),
    )
    await message.answer(done + "\n\n" + text, reply_markup=markup)


# --- cashback ---------------------------------------------------------------------------------


async def cb_cashback_from_card(
    callback: CallbackQuery,
    callback_data: AccCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await _cashback_history(callback, db, principal, state, _, callback_data.account_id, 0)


async def cb_cashback_overview(
    callback: CallbackQuery, db: Db, principal: Principal, _: Translator
) -> None:
    """«💰 Кешбэк» under the accounts list: every account's cashback, biggest first."""
    items = await cashback.cashback_overview(db, principal)
    total = sum(i.cashback_kop for i in items)
    buttons = [
        (
            i.account_id,
            _("acc-cashback-overview-row", number=i.number, amount=format_rub(i.cashback_kop)),
        )
        for i in items
    ]
    title = _("acc-cashback-overview-title", total=format_rub(total))
    await edit_or_send(callback, title, cashback_overview_kb(_, buttons))


async def cb_cashback_history(
    callback: CallbackQuery,
    callback_data: CbkCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    account_id, page = callback_data.account_id, callback_data.page
    await _cashback_history(callback, db, principal, state, _, account_id, page)


async def cb_cashback_cancel(
    callback: CallbackQuery,
    callback_data: CbkCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    """«Нет» under the confirmation: nothing is spent, the sum is forgotten."""
    await state.set_state(None)
    await CardData.change(state, cashback_kop=None)
    cancelled = _("acc-cashback-cancelled")
    await _cashback_history(
        callback, db, principal, state, _, callback_data.account_id, 0, notice=cancelled
    )


async def _cashback_history(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    account_id: int,
    page: int,
    notice: str | None = None,
) -> None:
    await state.set_state(None)
    hist = await cashback.cashback_history(db, principal, account_id, page, PER_PAGE)
    lines = [
        _("acc-cashback-title", number=hist.account.number, amount=format_rub(hist.cashback_kop)),
        "",
        _("acc-cashback-history"),
    ]
    if not hist.items:
        lines.append(_("acc-cashback-no-history"))
    for e in hist.items:
        key = "acc-cashback-accrual" if e.kind is CashbackKind.ACCRUAL else "acc-cashback-spend"
        lines.append(_(key, date=fmt_date(e.at), amount=format_rub(e.amount_kop)))
    markup = cashback_kb(
        _,
        account_id,
        hist.page,
        hist.pages,
        can_spend=acc.account_rights(principal).cashback and hist.cashback_kop > 0,
    )
    await edit_or_send(callback, "\n".join(lines), markup, notice=notice)


async def cb_cashback_spend(
    callback: CallbackQuery,
    callback_data: CbkCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    """«Потратить»: how much of the cashback goes onto the balance."""
    ref = await cashback.cashback_account_to_spend(db, principal, callback_data.account_id)
    hist = await cashback.cashback_history(db, principal, ref.id, 0, 1)
    if hist.cashback_kop <= 0:
        await callback.answer(_("acc-err-cashback-none"), show_alert=True)
        return
    text = _("acc-cashback-ask", number=ref.number, amount=format_rub(hist.cashback_kop))
    markup = input_kb(_, CbkCb(action=CbkAction.HISTORY, account_id=ref.id))
    await ask_about(callback, state, AccInput.cashback, CardData(account_id=ref.id), text, markup)


def _cashback_sum(text: str, available_kop: int) -> int:
    """The typed sum (or «все»), within what there is; `ValidationFailed` otherwise."""
    text = text.strip().lower()
    kop = available_kop if text in ("все", "всё", "all") else parse_amount(text)
    if kop <= 0:
        raise ValidationFailed("acc-err-cashback-amount")
    if kop > available_kop:
        raise ValidationFailed("acc-err-cashback-more", available=format_rub(available_kop))
    return kop


async def on_cashback_amount(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    account_id = (await CardData.load(state)).account_id
    back = input_kb(_, CbkCb(action=CbkAction.HISTORY, account_id=account_id))
    hist = await cashback.cashback_history(db, principal, account_id, 0, 1)
    try:
        kop = _cashback_sum(message.text or "", hist.cashback_kop)
    except ValidationFailed as err:
        error = _(err.key, **err.params)
        await ask_value(message, _("acc-ask-cashback-short"), back, error=error)
        return
    await state.set_state(None)
    await CardData(account_id=account_id, cashback_kop=kop).save(state)
    await message.answer(
        _("acc-cashback-confirm", amount=format_rub(kop), number=hist.account.number),
        reply_markup=cashback_confirm_kb(_, account_id),
    )


async def cb_cashback_confirm(
    callback: CallbackQuery,
    callback_data: CbkCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    account_id = callback_data.account_id
    data = await CardData.load(state)
    if not data.cashback_kop or data.account_id != account_id:
        # A confirmation from an old message: the amount it asked about is gone.
        await callback.answer(_("stale-button"), show_alert=True)
        return
    # One confirmation spends once: forget the amount before spending (see on_prepay_amount
    # on why the dialog state changes before the domain writes).
    await CardData.change(state, cashback_kop=None)
    res = await cashback.spend_cashback(db, principal, account_id, data.cashback_kop)
    done = _(
        "acc-cashback-done",
        amount=format_rub(res.spent_kop),
        number=res.number,
        balance=format_rub(res.balance_kop),
        left=format_rub(res.cashback_kop),
    )
    markup = cashback_kb(_, account_id, 0, 1, can_spend=res.cashback_kop > 0)
    await edit_or_send(callback, done, markup)


# --- document delivery ------------------------------------------------------------------------


async def _delivery_view(db: Db, principal: Principal, _: Translator, account_id: int) -> View:
    setting = await delivery.delivery_setting(db, principal, account_id)
    lines = [
        _(
            "acc-delivery-title",
            number=setting.number,
            method=_(f"acc-delivery-{setting.method.value}"),
        )
    ]
    if setting.method is DeliveryMethod.EMAIL:
        if setting.email:
            lines.append(_("acc-delivery-email-to", email=escape(setting.email)))
        else:
            lines.append(_("acc-delivery-email-missing"))
    else:
        lines.append(_("acc-delivery-edo-note"))
    items = [
        (m, _(f"acc-delivery-{m.value}"), m is setting.method)
        for m in (DeliveryMethod.EMAIL, DeliveryMethod.EDO)
    ]
    markup = delivery_kb(_, account_id, items, acc.account_rights(principal).delivery)
    return "\n".join(lines), markup


_delivery_screen = ItemScreen(_delivery_view)


async def cb_delivery(
    callback: CallbackQuery,
    callback_data: AccCb,
    db: Db,
    principal: Principal,
    _: Translator,
) -> None:
    await _delivery_screen(callback, db, principal, _, callback_data.account_id)


async def cb_delivery_set(
    callback: CallbackQuery,
    callback_data: DlvCb,
    db: Db,
    principal: Principal,
    _: Translator,
) -> None:
    setting = await delivery.set_delivery_method(
        db, principal, callback_data.account_id, callback_data.method
    )
    note = _("acc-delivery-saved", method=_(f"acc-delivery-{setting.method.value}"))
    await _delivery_screen(callback, db, principal, _, callback_data.account_id, note)


# --- low-balance alert ------------------------------------------------------------------------


async def _alert_view(db: Db, principal: Principal, _: Translator, account_id: int) -> View:
    s = await alerts.alert_setting(db, principal, account_id)
    lines = [_("acc-alert-title", number=s.number, balance=format_rub(s.balance_kop))]
    if s.threshold_kop is not None:
        lines.append(_("acc-alert-on", threshold=format_rub(s.threshold_kop)))
    else:
        lines.append(_("acc-alert-off-state"))
    markup = alert_kb(
        _,
        account_id,
        enabled=s.threshold_kop is not None,
        can_change=acc.account_rights(principal).alerts,
    )
    return "\n".join(lines), markup


_alert_screen = ItemScreen(_alert_view)


async def cb_alert_off(
    callback: CallbackQuery,
    callback_data: AlrCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await state.set_state(None)
    account_id = callback_data.account_id
    await alerts.set_alert_threshold(db, principal, account_id, None)
    await _alert_screen(callback, db, principal, _, account_id, _("acc-alert-disabled"))


# «Изменить порог»: the threshold is typed in.
cb_alert_edit = _asking(
    alerts.alert_account_to_change, AccInput.threshold, "acc-alert-ask", AccAction.ALERT
)


async def on_threshold(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    account_id = (await CardData.load(state)).account_id
    back = input_kb(_, AccCb(action=AccAction.ALERT, account_id=account_id))
    try:
        kop = alerts.check_threshold(parse_amount(message.text or ""))
    except ValidationFailed as err:
        error = _(err.key, **err.params)
        await ask_value(message, _("acc-ask-threshold-short"), back, error=error)
        return
    await state.set_state(None)
    s = await alerts.set_alert_threshold(db, principal, account_id, kop)
    assert s.threshold_kop is not None
    note = _("acc-alert-saved", threshold=format_rub(s.threshold_kop))
    await _alert_screen(message, db, principal, _, account_id, note)


# --- input that is not text -------------------------------------------------------------------

_QUESTIONS = (
    (AccInput.prepay, "acc-ask-prepay-short"),
    (AccInput.cashback, "acc-ask-cashback-short"),
    (AccInput.threshold, "acc-ask-threshold-short"),
)


def _not_text(question_key: str) -> Callable[..., Awaitable[None]]:
    """A photo or a sticker where a sum was asked: say so and ask the same question again."""

    async def on_not_text(message: Message, _: Translator) -> None:
        await message.answer(_("acc-err-text-only", question=_(question_key)))

    return on_not_text


async def cb_noop(callback: CallbackQuery) -> None:
    await callback.answer()


_CASHBACK: dict[CbkAction, Callable[..., Awaitable[None]]] = {
    CbkAction.OVERVIEW: cb_cashback_overview,
    CbkAction.HISTORY: cb_cashback_history,
    CbkAction.SPEND: cb_cashback_spend,
    CbkAction.CONFIRM: cb_cashback_confirm,
    CbkAction.CANCEL: cb_cashback_cancel,
}


def build_router(i18n: Any | None = None) -> Router:
    """Balance, accounts and cards. With `i18n`, the reply-keyboard button «💰 Баланс» is
    answered here too (in every language)."""
    router = money_router("accounts")
    any_state = StateFilter("*")
    router.message.register(cmd_balance, Command("balance"), any_state)
    if i18n is not None:
        router.message.register(
            cmd_balance, F.text.in_(i18n.all_variants("reply-balance")), any_state
        )
    router.callback_query.register(cb_noop, NoopCb.filter(), any_state, flags={"public": True})
    router.callback_query.register(cb_balance, MenuCb.filter(F.section == Section.BALANCE))
    router.callback_query.register(cb_balance_page, BalCb.filter())
    router.callback_query.register(cb_accounts, MenuCb.filter(F.section == Section.ACCOUNTS))
    router.callback_query.register(cb_accounts_page, AccListCb.filter())
    router.callback_query.register(cb_card, AccCb.filter(F.action == AccAction.CARD))
    router.callback_query.register(cb_prepay, AccCb.filter(F.action == AccAction.PREPAY))
    router.callback_query.register(
        cb_cashback_from_card, AccCb.filter(F.action == AccAction.CASHBACK)
    )
    for action, handler in _CASHBACK.items():
        router.callback_query.register(handler, CbkCb.filter(F.action == action))
    router.callback_query.register(cb_delivery, AccCb.filter(F.action == AccAction.DELIVERY))
    router.callback_query.register(cb_delivery_set, DlvCb.filter())
    router.callback_query.register(
        opening(_alert_screen, "account_id"), AccCb.filter(F.action == AccAction.ALERT)
    )
    router.callback_query.register(cb_alert_edit, AlrCb.filter(F.action == AlrAction.EDIT))
    router.callback_query.register(cb_alert_off, AlrCb.filter(F.action == AlrAction.OFF))
    router.message.register(on_prepay_amount, AccInput.prepay, F.text)
    router.message.register(on_cashback_amount, AccInput.cashback, F.text)
    router.message.register(on_threshold, AccInput.threshold, F.text)
    for question_state, key in _QUESTIONS:
        router.message.register(_not_text(key), question_state)
    return router
