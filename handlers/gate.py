"""Text of the accounts section's screens: the domain's data in the user's language.

Shared by `handlers.accounts`, `handlers.payments` and `handlers.statistics`; no handlers here,
only `money_router`, whose gate every one of their handlers passes (login, shown refusals).
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from aiogram import BaseMiddleware, Router
from aiogram.dispatcher.flags import get_flag
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, TelegramObject

from domain.accounts.balance import AccountRef
from domain.accounts.payments import (
    AmountRange,
    Operation,
    OpType,
    PaymentFilter,
    QuickRange,
    matching_quick_range,
)
from domain.clock import fmt_date, fmt_datetime
from domain.errors import AccessDenied, DomainError
from domain.money import format_rub
from domain.types import AccountType, Brand, ChargeCategory
from domain.validation import format_phone
from handlers.common import NextHandler, show
from handlers.dialog_data import DialogData
from keyboards.menu import back_to_menu
from keyboards.texts import Translator

# Operation types in the order the filter screen lists them.
OP_ORDER = (OpType.BANK_TRANSFER, OpType.CARD, OpType.CASHBACK, OpType.ADJUSTMENT, OpType.CHARGE)


def brand(_: Translator, value: Brand) -> str:
    return _(f"acc-brand-{value.value}")


def account_type(_: Translator, value: AccountType) -> str:
    return _(f"acc-type-{value.value}")


def category(_: Translator, value: ChargeCategory) -> str:
    return _(f"acc-cat-{value.value}")


def op_label(_: Translator, op: Operation) -> str:
    if op.category is not None:
        name = category(_, op.category)
        # «Списание: звонки», but «Списание: SMS».
        if len(name) > 1 and name[1].islower():
            name = name[0].lower() + name[1:]
        return _("acc-op-charge-cat", category=name)
    return _(f"acc-op-{op.type.value}")


def period_text(_: Translator, first: date, last: date) -> str:
    quick = matching_quick_range(first, last)
    text = f"{fmt_date(first)} – {fmt_date(last)}" if first != last else fmt_date(first)
    if quick is not None:
        text += f" ({_(f'acc-quick-{quick.value}').lower()})"
    return text


def month_name(_: Translator, day: date) -> str:
    return f"{_(f'acc-month-{day.month}')} {day.year}"


def _bound(kop: int) -> str:
    # A bound the user typed as whole roubles reads as whole roubles: "от 1 000 ₽".
    text = format_rub(kop)
    return text.replace(",00", "") if kop % 100 == 0 else text


def amount_text(_: Translator, rng: AmountRange) -> str:
    low = _bound(rng.low_kop) if rng.low_kop is not None else ""
    high = _bound(rng.high_kop) if rng.high_kop is not None else ""
    if rng.low_kop is not None and rng.high_kop is not None:
        if rng.low_kop == rng.high_kop:
            return _("acc-amount-exact", low=low)
        return _("acc-amount-between", low=low, high=high)
    if rng.low_kop is not None:
        return _("acc-amount-above" if rng.low_strict else "acc-amount-from", low=low)
    return _("acc-amount-below" if rng.high_strict else "acc-amount-to", high=high)


def filter_lines(
    _: Translator, flt: PaymentFilter, selected: list[AccountRef], total_accounts: int
) -> list[str]:
    """The current filters, always shown above the list."""
    lines: list[str] = []
    if not flt.account_ids:
        lines.append(_("acc-pay-accounts-all", n=total_accounts))
    else:
        numbers = [a.number for a in selected]
        if len(numbers) <= 3:
            lines.append(_("acc-pay-accounts", numbers=", ".join(numbers)))
        else:
            lines.append(
                _("acc-pay-accounts-many", numbers=", ".join(numbers[:3]), more=len(numbers) - 3)
            )
    if flt.date_from and flt.date_to:
        lines.append(_("acc-pay-period", period=period_text(_, flt.date_from, flt.date_to)))
    else:
        lines.append(_("acc-pay-period-all"))
    if flt.types:
        names = [_(f"acc-op-{t.value}") for t in OP_ORDER if t in flt.types]
        lines.append(_("acc-pay-types", types=", ".join(names)))
    else:
        lines.append(_("acc-pay-types-all"))
    if flt.amount is not None:
        lines.append(_("acc-pay-amount", amount=amount_text(_, flt.amount)))
    if flt.account_type is not None:
        lines.append(_("acc-pay-atype", type=account_type(_, flt.account_type)))
    return lines


def operation_row(_: Translator, op: Operation) -> str:
    """Two lines: when, which account (and number, for a charge of one); what, how much. A
    charge's description is shown whole (billing keeps it within 300 characters, so a page of
    ten stays far below Telegram's 4,096): cut, it read «тариф «Корпоративный 100…»."""
    doc = _("acc-pay-doc", doc=escape(op.document_number)) if op.document_number else ""
    about = op.description if op.is_charge else ""
    return _(
        "acc-pay-row",
        date=fmt_datetime(op.at),
        number=op.account_number,
        who=_("acc-pay-who", msisdn=format_phone(op.msisdn)) if op.msisdn else "",
        # A charge says what it was for (its description) where billing gave one.
        type=escape(about) if about else op_label(_, op),
        amount=format_rub(op.amount_kop, signed=True),
        doc=doc,
    )


def quick_label(_: Translator, q: QuickRange) -> str:
    return _(f"acc-quick-{q.value}")


async def show_error(
    target: Message | CallbackQuery,
    _: Translator,
    err: DomainError,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """A refusal as a pop-up on a button (the screen stays), a message otherwise."""
    text = _(err.key, **err.params)
    if isinstance(target, CallbackQuery):
        if isinstance(err, AccessDenied) or markup is None:
            await target.answer(text[:200], show_alert=True)
            return
        await show(target, text, markup)
        return
    await target.answer(text, reply_markup=markup)


async def edit_or_send(
    target: Message | CallbackQuery,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    notice: str | None = None,
) -> None:
    """`show`, but a screen that was a photo or a file is answered with a new message."""
    if isinstance(target, CallbackQuery):
        msg = target.message
        if isinstance(msg, Message) and msg.text is None:
            await msg.answer(text, reply_markup=markup)
            await target.answer(notice)
            return
    try:
        await show(target, text, markup, notice=notice)
    except TelegramBadRequest:
        if isinstance(target, CallbackQuery) and isinstance(target.message, Message):
            await target.message.answer(text, reply_markup=markup)
        else:
            raise


async def ask_about(
    callback: CallbackQuery,
    state: FSMContext,
    question: State,
    about: DialogData,
    text: str,
    markup: InlineKeyboardMarkup,
) -> None:
    """A question put by a button: the dialog waits in `question` for the typed answer and
    keeps what it is `about` (the number, the group, the ticket, the account)."""
    await state.set_state(question)
    await about.save(state)
    await edit_or_send(callback, text, markup)


class MoneyGate(BaseMiddleware):
    """What every handler of the money routers would otherwise begin and end with.

    - It runs a handler only for a logged-in user (`principal`, set by the outer middleware).
      Anyone else is told to log in: a button's screen is replaced by «войдите» with a way to the
      menu, a typed answer gets the same text and the question it answered is closed. Handlers
      registered with `flags={"public": True}` (the pager's page counter) run for everyone.
    - A `DomainError` the handler lets through is shown (`show_error`: a pop-up on a button, a
      message otherwise) and the update counts as handled, so the session middleware still
      commits what the domain wrote (a denied attempt in `audit_log`). A handler catches one
      itself only where it answers with more than the text (the question again, its buttons).

    The domain still checks every permission itself; this only spares each handler the lines.
    """

    async def __call__(
        self, handler: NextHandler, event: TelegramObject, data: dict[str, Any]
    ) -> Any:
        _: Translator = data["_"]
        if data.get("principal") is not None or get_flag(data, "public"):
            try:
                return await handler(event, data)
            except DomainError as err:
                if isinstance(event, CallbackQuery | Message):
                    await show_error(event, _, err)
                    return None
                raise
        if isinstance(event, CallbackQuery):
            await show(event, _("need-login"), back_to_menu(_))
        elif isinstance(event, Message):
            state: FSMContext | None = data.get("state")
            if state is not None:
                await state.set_state(None)
            await event.answer(_("need-login"))
        return None


def money_router(name: str) -> Router:
    """A section router with the `MoneyGate` on its messages and buttons."""
    router = Router(name=name)
    router.message.middleware(MoneyGate())
    router.callback_query.middleware(MoneyGate())
    return router
