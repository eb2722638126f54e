"""Payments and charges: pick accounts with check boxes, a paged list under the current
filters (period, operation types, amount, account type), reset, and exports in the background.

The filter lives in the dialog's data (`PayData`), never in callback data: a button only says
"next page" or "this period", and every screen asks the domain again, which checks the accounts.
The accounts' check boxes are the shared multi-select (`handlers.multiselect`, of `PAY_PICK`):
every ticked id passes `checked_payment_accounts` before it is kept. One handler per button.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from domain.access.checks import Principal
from domain.accounts import balance as acc
from domain.accounts.payments import (
    PaymentFilter,
    QuickRange,
    checked_payment_accounts,
    export_summary,
    list_operations,
    matching_quick_range,
    parse_amount_range,
    parse_period,
    payment_account,
    payment_accounts,
    period_example,
    quick_range,
)
from domain.db import Db
from domain.errors import ValidationFailed
from domain.money import format_rub
from domain.types import AccountType, ExportFormat

if TYPE_CHECKING:
    from domain.accounts import exports
from handlers.dialog_data import DialogData
from handlers.gate import (
    OP_ORDER,
    account_type,
    brand,
    edit_or_send,
    filter_lines,
    money_router,
    operation_row,
    quick_label,
)
from handlers.item_screen import paging
from handlers.multiselect import MultiSelect
from handlers.typed import TextState
from keyboards.accounts import (
    PAY_PICK,
    AccAction,
    AccCb,
    PayAction,
    PayCb,
    SelAction,
    SelCb,
    account_type_kb,
    amount_kb,
    export_kb,
    payments_kb,
    period_kb,
    select_accounts_kb,
    types_kb,
)
from keyboards.texts import Translator

log = logging.getLogger(__name__)


def _exports() -> ModuleType:
    """The export writers, loaded on first use: the xlsx writer is not needed to start the bot."""
    from domain.accounts import exports

    return exports


def export_headers(_: Translator) -> tuple[str, ...]:
    """The exported file's column headings in the user's language (`acc-export-col-*`)."""
    return tuple(_(f"acc-export-col-{column}") for column in _exports().COLUMNS)


PER_PAGE = 10
SELECT_PER_PAGE = 10
# Telegram allows about one edit a second per chat; a progress message changes no faster.
PROGRESS_EVERY_SECONDS = 1.0

# Exports under way, by chat: one at a time per chat, any number of chats at once.
_RUNNING: dict[int, asyncio.Task[None]] = {}


class PayInput(StatesGroup):
    period = TextState()
    amount = TextState()


class PayData(DialogData):
    """What the payments dialog remembers: its filter and where «Назад» returns."""

    KEY: ClassVar[str] = "acc_pay"
    flt: dict[str, Any] | None = None  # `PaymentFilter.to_data()`; None: the default filter
    origin: int = 0  # the account whose card opened the list; 0: the selection


def default_filter(account_ids: frozenset[int] = frozenset()) -> PaymentFilter:
    """Where the list starts, and where «Сбросить фильтры» returns: this month, every type."""
    first, last = quick_range(QuickRange.THIS_MONTH, acc.local_today())
    return PaymentFilter(account_ids=account_ids, date_from=first, date_to=last)


async def _filter(state: FSMContext) -> PaymentFilter:
    raw = (await PayData.load(state)).flt
    return PaymentFilter.from_data(raw) if raw else default_filter()


async def _save(state: FSMContext, flt: PaymentFilter) -> None:
    await PayData.change(state, flt=flt.to_data())


async def _back(state: FSMContext) -> CallbackData:
    origin = (await PayData.load(state)).origin
    if origin:
        return AccCb(action=AccAction.CARD, account_id=origin)
    return SelCb(action=SelAction.PAGE)


# --- choosing accounts ------------------------------------------------------------------------


async def _selection_screen(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    page: int,
) -> None:
    refs = await payment_accounts(db, principal)
    selected = set(await PICK.chosen(state))
    pages = max(1, -(-len(refs) // SELECT_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    chunk = refs[page * SELECT_PER_PAGE : (page + 1) * SELECT_PER_PAGE]
    items = [(r.id, f"{r.number} · {brand(_, r.brand)}", r.id in selected) for r in chunk]
    markup = select_accounts_kb(_, items, page, pages, len(selected))
    await edit_or_send(callback, _("acc-select-title", total=len(refs)), markup)


async def _all_payment_accounts(db: Db, principal: Principal, _state: FSMContext) -> list[int]:
    return [r.id for r in await payment_accounts(db, principal)]


async def _show_chosen(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    ids: list[int],
) -> None:
    """«▶️ Показать»: the list over the ticked accounts (none ticked: every account)."""
    await state.set_state(None)
    chosen = frozenset(await checked_payment_accounts(db, principal, ids))
    await PayData(flt=default_filter(chosen).to_data(), origin=0).save(state)
    await _list(callback, db, principal, state, _, 0)


PICK = MultiSelect(
    of=PAY_PICK,
    check=checked_payment_accounts,
    everything=_all_payment_accounts,
    redraw=_selection_screen,
    done=_show_chosen,
)


async def cb_open_selection(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    """«💳 Платежи по счетам»: the selection afresh, nothing ticked."""
    await state.set_state(None)
    await PICK.clear(state)
    await PayData.change(state, origin=0)
    await _selection_screen(callback, db, principal, state, _, 0)


async def cb_from_card(
    callback: CallbackQuery,
    callback_data: AccCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    """«💳 Платежи» on an account's card: that account alone."""
    await state.set_state(None)
    ref = await payment_account(db, principal, callback_data.account_id)
    await PayData(flt=default_filter(frozenset({ref.id})).to_data(), origin=ref.id).save(state)
    await _list(callback, db, principal, state, _, 0)


# --- the list ---------------------------------------------------------------------------------


async def list_text(
    db: Db, principal: Principal, state: FSMContext, _: Translator, page: int
) -> tuple[str, Any]:
    flt = await _filter(state)
    result = await list_operations(db, principal, flt, page, PER_PAGE)
    all_refs = (
        result.accounts
        if not flt.account_ids and flt.account_type is None
        else await payment_accounts(db, principal)
    )
    selected = [r for r in all_refs if r.id in flt.account_ids]
    lines = [_("acc-pay-title"), *filter_lines(_, flt, selected, len(all_refs)), "━━━━━━━━━━"]
    s = result.summary
    if s.count == 0:
        lines.append(_("acc-pay-empty"))
    else:
        lines.append(_("acc-pay-summary", n=s.count))
        lines.append(
            _(
                "acc-pay-totals",
                income=format_rub(s.income_kop),
                expense=format_rub(s.expense_kop),
            )
        )
        for op in result.items:
            lines.append("")
            lines.append(operation_row(_, op))
    markup = payments_kb(
        _,
        result.page,
        result.pages,
        back=await _back(state),
        has_filters=flt != default_filter(flt.account_ids),
        can_export=acc.account_rights(principal).export and s.count > 0,
    )
    return "\n".join(lines), markup


async def _list(
    target: CallbackQuery | Message,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    page: int,
) -> None:
    text, markup = await list_text(db, principal, state, _, page)
    await edit_or_send(target, text, markup)


# A page of the list (the pager, «Назад», «Готово» under the types).
cb_list = paging(_list)


async def _filtered(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    flt: PaymentFilter,
) -> None:
    """Keep the changed filter and show its list from the first page."""
    await state.set_state(None)
    await _save(state, flt)
    await _list(callback, db, principal, state, _, 0)


async def cb_period(
    callback: CallbackQuery, callback_data: PayCb, state: FSMContext, _: Translator
) -> None:
    """«📅 Период»: quick periods, or dates typed in."""
    await state.set_state(PayInput.period)
    markup = _period_markup(_, await _filter(state), callback_data.page)
    await edit_or_send(callback, _("acc-period-ask", example=period_example()), markup)


async def cb_quick(
    callback: CallbackQuery,
    callback_data: PayCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    """A quick period; the one without a range is «за всё время»."""
    rng = callback_data.rng
    period = quick_range(rng, acc.local_today()) if rng else (None, None)
    await _filtered(callback, db, principal, state, _, (await _filter(state)).with_period(*period))


async def _types_screen(
    callback: CallbackQuery, _: Translator, flt: PaymentFilter, page: int
) -> None:
    items = [(t, _(f"acc-op-{t.value}"), t in flt.types) for t in OP_ORDER]
    await edit_or_send(callback, _("acc-types-ask"), types_kb(_, page, items))


async def cb_types(
    callback: CallbackQuery, callback_data: PayCb, state: FSMContext, _: Translator
) -> None:
    await state.set_state(None)
    await _types_screen(callback, _, await _filter(state), callback_data.page)


async def cb_toggle_type(
    callback: CallbackQuery, callback_data: PayCb, state: FSMContext, _: Translator
) -> None:
    await state.set_state(None)
    if callback_data.op is None:
        await callback.answer(_("forged-button"), show_alert=True)
        return
    flt = (await _filter(state)).toggle_type(callback_data.op)
    await _save(state, flt)
    await _types_screen(callback, _, flt, callback_data.page)


async def cb_account_type(
    callback: CallbackQuery, callback_data: PayCb, state: FSMContext, _: Translator
) -> None:
    """«Тип счёта»: any, or one type."""
    await state.set_state(None)
    flt = await _filter(state)
    types: list[tuple[AccountType | None, str, bool]]
    types = [(None, _("acc-atype-any"), flt.account_type is None)]
    types += [(t, account_type(_, t), flt.account_type is t) for t in AccountType]
    await edit_or_send(callback, _("acc-atype-ask"), account_type_kb(_, callback_data.page, types))


async def cb_set_account_type(
    callback: CallbackQuery,
    callback_data: PayCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    atype = callback_data.atype
    data = {**(await _filter(state)).to_data(), "atype": atype.value if atype else None}
    await _filtered(callback, db, principal, state, _, PaymentFilter.from_data(data))


async def cb_amount(
    callback: CallbackQuery, callback_data: PayCb, state: FSMContext, _: Translator
) -> None:
    """«Сумма»: typed in; «Любая сумма» clears it."""
    await state.set_state(PayInput.amount)
    markup = amount_kb(_, callback_data.page, (await _filter(state)).amount is not None)
    await edit_or_send(callback, _("acc-amount-ask"), markup)


async def cb_clear_amount(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    data = {**(await _filter(state)).to_data(), "amount": None}
    await _filtered(callback, db, principal, state, _, PaymentFilter.from_data(data))


async def cb_reset(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    """«Сбросить фильтры»: the same accounts, this month, every type."""
    flt = default_filter((await _filter(state)).account_ids)
    await _filtered(callback, db, principal, state, _, flt)


async def cb_export(
    callback: CallbackQuery,
    callback_data: PayCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    """«📤 Экспорт»: how many rows, and which format."""
    await state.set_state(None)
    summary = await export_summary(db, principal, await _filter(state))
    if summary.count == 0:
        await callback.answer(_("acc-export-empty"), show_alert=True)
        return
    markup = export_kb(_, callback_data.page)
    await edit_or_send(callback, _("acc-export-ask", n=summary.count), markup)


async def cb_format(
    callback: CallbackQuery,
    callback_data: PayCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    bot: Bot,
    _: Translator,
) -> None:
    await state.set_state(None)
    if callback_data.fmt is None:
        await callback.answer(_("forged-button"), show_alert=True)
        return
    flt, page = await _filter(state), callback_data.page
    await _start_export(callback, db, principal, state, flt, callback_data.fmt, page, bot, _)


# --- typed filters ----------------------------------------------------------------------------


def _period_markup(_: Translator, flt: PaymentFilter, page: int) -> InlineKeyboardMarkup:
    current = matching_quick_range(flt.date_from, flt.date_to)
    quick: list[tuple[QuickRange | None, str, bool]]
    quick = [(q, quick_label(_, q), q is current) for q in QuickRange]
    quick.append((None, _("acc-quick-all"), flt.date_from is None and flt.date_to is None))
    return period_kb(_, page, quick)


async def on_period(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    try:
        first, last = parse_period(message.text or "")
    except ValidationFailed as err:
        # Say what is wrong, with an example; the question stays open with its buttons (a quick
        # period, «Назад»), the filters stay.
        markup = _period_markup(_, await _filter(state), 0)
        await message.answer(_(err.key, **err.params), reply_markup=markup)
        return
    await state.set_state(None)
    await _save(state, (await _filter(state)).with_period(first, last))
    await _list(message, db, principal, state, _, 0)


async def on_amount(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    try:
        rng = parse_amount_range(message.text or "")
    except ValidationFailed as err:
        markup = amount_kb(_, 0, (await _filter(state)).amount is not None)
        await message.answer(_(err.key, **err.params), reply_markup=markup)
        return
    await state.set_state(None)
    flt = await _filter(state)
    await _save(state, PaymentFilter.from_data({**flt.to_data(), "amount": rng.to_data()}))
    await _list(message, db, principal, state, _, 0)


async def on_period_not_text(message: Message, _: Translator) -> None:
    """A photo or a sticker where dates were asked: say so; the question stays open."""
    question = _("acc-ask-period-short", example=period_example())
    await message.answer(_("acc-err-text-only", question=question))


async def on_amount_not_text(message: Message, _: Translator) -> None:
    await message.answer(_("acc-err-text-only", question=_("acc-ask-amount-short")))


# --- export -----------------------------------------------------------------------------------


async def _start_export(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    flt: PaymentFilter,
    fmt: ExportFormat,
    page: int,
    bot: Bot,
    _: Translator,
) -> None:
    """Check and count in this update; write the file in a task of its own, so that this user
    and everyone else keep being answered while a big file is made."""
    msg = callback.message
    if not isinstance(msg, Message):
        await callback.answer()
        return
    chat_id = msg.chat.id
    running = _RUNNING.get(chat_id)
    if running is not None and not running.done():
        await callback.answer(_("acc-export-busy"), show_alert=True)
        return
    plan = await _exports().plan_export(db, principal, flt, fmt)
    # The screen goes back to the list (with its filters); the progress comes below it.
    await _list(callback, db, principal, state, _, page)
    progress = await msg.answer(_("acc-export-progress", format=fmt.value.upper(), percent=0))
    sessions = _exports().detached_sessions(db)
    task = asyncio.create_task(
        _export_job(bot, chat_id, progress.message_id, sessions, plan, _),
        name=f"export-{chat_id}",
    )
    _RUNNING[chat_id] = task
    task.add_done_callback(
        lambda t: _RUNNING.pop(chat_id, None) if _RUNNING.get(chat_id) is t else None
    )


async def _edit_quietly(bot: Bot, chat_id: int, message_id: int, text: str) -> None:
    """Edit the progress message; a message the user deleted (or an unchanged text) is fine."""
    try:
        await bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
    except TelegramAPIError:
        log.debug("progress edit skipped", exc_info=True)


def _progress_reporter(
    bot: Bot, chat_id: int, message_id: int, fmt: str, _: Translator
) -> Callable[[float], Awaitable[None]]:
    """Shows 10 %, 20 %… on the progress message, at most one edit a second."""
    loop = asyncio.get_running_loop()
    shown = {"percent": 0, "at": loop.time()}

    async def on_progress(fraction: float) -> None:
        percent, now = int(fraction * 100) // 10 * 10, loop.time()
        if percent >= 100 or percent <= shown["percent"]:
            return
        if now - shown["at"] < PROGRESS_EVERY_SECONDS:
            return
        shown.update(percent=percent, at=now)
        text = _("acc-export-progress", format=fmt, percent=percent)
        await _edit_quietly(bot, chat_id, message_id, text)

    return on_progress


async def _write(db: Db, plan: exports.ExportPlan, on_progress: Any, _: Translator) -> Any:
    """The file, in the user's language: its headings are this bot's texts."""
    return await _exports().write_export(
        db, plan, on_progress, headers=export_headers(_), lang=_.locale
    )


async def _export_job(
    bot: Bot,
    chat_id: int,
    message_id: int,
    sessions: Any,
    plan: exports.ExportPlan,
    _: Translator,
) -> None:
    """Write the file with a session of its own, editing the progress message as it goes."""
    fmt = plan.fmt.value.upper()
    on_progress = _progress_reporter(bot, chat_id, message_id, fmt, _)
    try:
        async with sessions() as db:
            result = await _write(db, plan, on_progress, _)
    except Exception:
        log.exception("export for chat %s failed", chat_id)
        await _edit_quietly(bot, chat_id, message_id, _("acc-export-failed"))
        return
    s = result.summary
    done = _("acc-export-done", format=fmt, n=result.rows)
    await _edit_quietly(bot, chat_id, message_id, done)
    await bot.send_document(
        chat_id,
        BufferedInputFile(result.content, filename=result.file_name),
        caption=_(
            "acc-export-caption",
            n=result.rows,
            income=format_rub(s.income_kop),
            expense=format_rub(s.expense_kop),
        ),
    )


_BUTTONS: dict[PayAction, Callable[..., Awaitable[None]]] = {
    PayAction.LIST: cb_list,
    PayAction.PERIOD: cb_period,
    PayAction.QUICK: cb_quick,
    PayAction.TYPES: cb_types,
    PayAction.TOGGLE_TYPE: cb_toggle_type,
    PayAction.ATYPE: cb_account_type,
    PayAction.SET_ATYPE: cb_set_account_type,
    PayAction.AMOUNT: cb_amount,
    PayAction.CLEAR_AMOUNT: cb_clear_amount,
    PayAction.RESET: cb_reset,
    PayAction.EXPORT: cb_export,
    PayAction.FORMAT: cb_format,
}


def build_router() -> Router:
    router = money_router("payments")
    cb = router.callback_query.register
    PICK.register(router)
    cb(cb_open_selection, SelCb.filter(F.action == SelAction.OPEN))
    cb(paging(_selection_screen), SelCb.filter(F.action == SelAction.PAGE))
    cb(cb_from_card, AccCb.filter(F.action == AccAction.PAYMENTS))
    for action, handler in _BUTTONS.items():
        cb(handler, PayCb.filter(F.action == action))
    router.message.register(on_period, PayInput.period, F.text)
    router.message.register(on_amount, PayInput.amount, F.text)
    router.message.register(on_period_not_text, PayInput.period)
    router.message.register(on_amount_not_text, PayInput.amount)
    return router
