"""Payments and charges: pick accounts with check boxes, a paged list under the current
filters (period, operation types, amount, account type), reset, and exports in the background.

The filter lives in the FSM data (`acc_flt`), never in callback data: a button only says
"next page" or "this period", and every screen asks the domain again, which checks the accounts.
"""

from __future__ import annotations

import asyncio
import logging
from types import ModuleType
from typing import TYPE_CHECKING, Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message

from domain.access.checks import Permission, Principal
from domain.accounts import balance as acc
from domain.accounts.payments import (
    PaymentFilter,
    QuickRange,
    list_operations,
    matching_quick_range,
    operations_summary,
    parse_amount_range,
    parse_period,
    quick_range,
)
from domain.db import Db
from domain.errors import ValidationFailed
from domain.money import format_rub
from domain.types import AccountType, ExportFormat

if TYPE_CHECKING:
    from domain.accounts import exports
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
from keyboards.accounts import (
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
    """The export writers, loaded on first use: openpyxl is not needed to start the bot."""
    from domain.accounts import exports

    return exports


PER_PAGE = 10
SELECT_PER_PAGE = 10
# Telegram allows about one edit a second per chat; a progress message changes no faster.
PROGRESS_EVERY_SECONDS = 1.0

# Exports under way, by chat: one at a time per chat, any number of chats at once.
_RUNNING: dict[int, asyncio.Task[None]] = {}


class PayInput(StatesGroup):
    period = State()
    amount = State()


def default_filter(account_ids: frozenset[int] = frozenset()) -> PaymentFilter:
    """Where the list starts, and where «Сбросить фильтры» returns: this month, every type."""
    first, last = quick_range(QuickRange.THIS_MONTH, acc.local_today())
    return PaymentFilter(account_ids=account_ids, date_from=first, date_to=last)


async def _filter(state: FSMContext) -> PaymentFilter:
    data = await state.get_data()
    raw = data.get("acc_flt")
    return PaymentFilter.from_data(raw) if raw else default_filter()


async def _save(state: FSMContext, flt: PaymentFilter) -> None:
    await state.update_data(acc_flt=flt.to_data())


async def _back(state: FSMContext) -> CallbackData:
    origin = int((await state.get_data()).get("acc_origin") or 0)
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
    refs = await acc.reachable_accounts(db, principal, Permission.VIEW_PAYMENTS, "payments")
    selected = set((await state.get_data()).get("acc_sel") or [])
    pages = max(1, -(-len(refs) // SELECT_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    chunk = refs[page * SELECT_PER_PAGE : (page + 1) * SELECT_PER_PAGE]
    items = [(r.id, f"{r.number} · {brand(_, r.brand)}", r.id in selected) for r in chunk]
    markup = select_accounts_kb(_, items, page, pages, len(selected))
    await edit_or_send(callback, _("acc-select-title", total=len(refs)), markup)


async def cb_select(
    callback: CallbackQuery,
    callback_data: SelCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await state.set_state(None)
    action = callback_data.action
    if action is SelAction.OPEN:
        await state.update_data(acc_sel=[], acc_origin=0)
    elif action is SelAction.TOGGLE:
        ref = await acc.checked_account(
            db, principal, callback_data.account_id, Permission.VIEW_PAYMENTS, "payments"
        )
        selected = set((await state.get_data()).get("acc_sel") or [])
        selected.symmetric_difference_update({ref.id})
        await state.update_data(acc_sel=sorted(selected))
    elif action is SelAction.ALL:
        refs = await acc.reachable_accounts(db, principal, Permission.VIEW_PAYMENTS)
        await state.update_data(acc_sel=[r.id for r in refs])
    elif action is SelAction.NONE:
        await state.update_data(acc_sel=[])
    elif action is SelAction.SHOW:
        chosen = frozenset(int(i) for i in (await state.get_data()).get("acc_sel") or [])
        await state.update_data(acc_origin=0)
        await _save(state, default_filter(chosen))
        await _list(callback, db, principal, state, _, 0)
        return
    await _selection_screen(callback, db, principal, state, _, callback_data.page)


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
    ref = await acc.checked_account(
        db, principal, callback_data.account_id, Permission.VIEW_PAYMENTS, "payments"
    )
    await state.update_data(acc_origin=ref.id)
    await _save(state, default_filter(frozenset({ref.id})))
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
        else await acc.reachable_accounts(db, principal, Permission.VIEW_PAYMENTS, "payments")
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
        can_export=principal.can(Permission.EXPORT_PAYMENTS) and s.count > 0,
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
    if isinstance(target, Message):
        await target.answer(text, reply_markup=markup)
    else:
        await edit_or_send(target, text, markup)


async def cb_pay(
    callback: CallbackQuery,
    callback_data: PayCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    bot: Bot,
    _: Translator,
) -> None:
    action, page = callback_data.action, callback_data.page
    flt = await _filter(state)
    if action is not PayAction.PERIOD and action is not PayAction.AMOUNT:
        await state.set_state(None)
    if action is PayAction.LIST:
        await _list(callback, db, principal, state, _, page)
    elif action is PayAction.PERIOD:
        await state.set_state(PayInput.period)
        await edit_or_send(callback, _("acc-period-ask"), _period_markup(_, flt, page))
    elif action is PayAction.QUICK:
        rng = callback_data.rng
        flt = flt.with_period(*(quick_range(rng, acc.local_today()) if rng else (None, None)))
        await _save(state, flt)
        await _list(callback, db, principal, state, _, 0)
    elif action in (PayAction.TYPES, PayAction.TOGGLE_TYPE):
        if action is PayAction.TOGGLE_TYPE:
            if callback_data.op is None:
                await callback.answer(_("forged-button"), show_alert=True)
                return
            flt = flt.toggle_type(callback_data.op)
            await _save(state, flt)
        items = [(t, _(f"acc-op-{t.value}"), t in flt.types) for t in OP_ORDER]
        await edit_or_send(callback, _("acc-types-ask"), types_kb(_, page, items))
    elif action is PayAction.ATYPE:
        types: list[tuple[AccountType | None, str, bool]]
        types = [(None, _("acc-atype-any"), flt.account_type is None)]
        types += [(t, account_type(_, t), flt.account_type is t) for t in AccountType]
        await edit_or_send(callback, _("acc-atype-ask"), account_type_kb(_, page, types))
    elif action is PayAction.SET_ATYPE:
        atype = callback_data.atype
        flt = PaymentFilter.from_data({**flt.to_data(), "atype": atype.value if atype else None})
        await _save(state, flt)
        await _list(callback, db, principal, state, _, 0)
    elif action is PayAction.AMOUNT:
        await state.set_state(PayInput.amount)
        await edit_or_send(
            callback, _("acc-amount-ask"), amount_kb(_, page, flt.amount is not None)
        )
    elif action is PayAction.CLEAR_AMOUNT:
        await _save(state, PaymentFilter.from_data({**flt.to_data(), "amount": None}))
        await _list(callback, db, principal, state, _, 0)
    elif action is PayAction.RESET:
        await _save(state, default_filter(flt.account_ids))
        await _list(callback, db, principal, state, _, 0)
    elif action is PayAction.EXPORT:
        _refs, summary = await operations_summary(db, principal, flt, Permission.EXPORT_PAYMENTS)
        if summary.count == 0:
            await callback.answer(_("acc-export-empty"), show_alert=True)
            return
        await edit_or_send(callback, _("acc-export-ask", n=summary.count), export_kb(_, page))
    elif action is PayAction.FORMAT:
        if callback_data.fmt is None:
            await callback.answer(_("forged-button"), show_alert=True)
            return
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


async def on_not_text(message: Message, state: FSMContext, _: Translator) -> None:
    current = await state.get_state()
    key = "acc-ask-period-short" if current == PayInput.period.state else "acc-ask-amount-short"
    await message.answer(_("acc-err-text-only", question=_(key)))


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


async def _export_job(
    bot: Bot,
    chat_id: int,
    message_id: int,
    sessions: Any,
    plan: exports.ExportPlan,
    _: Translator,
) -> None:
    """Write the file with a session of its own, editing the progress message as it goes."""
    loop = asyncio.get_running_loop()
    fmt = plan.fmt.value.upper()
    shown = {"percent": 0, "at": loop.time()}

    async def on_progress(fraction: float) -> None:
        percent = int(fraction * 100) // 10 * 10
        now = loop.time()
        if percent >= 100 or percent <= shown["percent"]:
            return
        if now - shown["at"] < PROGRESS_EVERY_SECONDS:
            return
        shown.update(percent=percent, at=now)
        try:
            await bot.edit_message_text(
                _("acc-export-progress", format=fmt, percent=percent),
                chat_id=chat_id,
                message_id=message_id,
            )
        except TelegramAPIError:
            log.debug("progress edit skipped", exc_info=True)

    try:
        async with sessions() as db:
            result = await _exports().write_export(db, plan, on_progress, lang=_.locale)
    except Exception:
        log.exception("export for chat %s failed", chat_id)
        try:
            await bot.edit_message_text(
                _("acc-export-failed"), chat_id=chat_id, message_id=message_id
            )
        except TelegramAPIError:
            log.debug("failure notice not delivered", exc_info=True)
        return
    s = result.summary
    try:
        await bot.edit_message_text(
            _("acc-export-done", format=fmt, n=result.rows), chat_id=chat_id, message_id=message_id
        )
    except TelegramAPIError:
        log.debug("final progress edit skipped", exc_info=True)
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


def build_router() -> Router:
    router = money_router("payments")
    router.callback_query.register(cb_select, SelCb.filter())
    router.callback_query.register(cb_from_card, AccCb.filter(F.action == AccAction.PAYMENTS))
    router.callback_query.register(cb_pay, PayCb.filter())
    router.message.register(on_period, PayInput.period, F.text)
    router.message.register(on_amount, PayInput.amount, F.text)
    router.message.register(on_not_text, StateFilter(PayInput))
    return router
