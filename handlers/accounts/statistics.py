"""Spending statistics: a chart image with a short summary, per category, account or number,
for a quick period or one the user types; for one account (from its card) or for all."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import ClassVar

from aiogram import F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.chat_action import ChatActionSender

from domain.access.checks import Principal
from domain.accounts import balance as acc
from domain.accounts.payments import QuickRange, parse_period, period_example, quick_range
from domain.accounts.statistics import (
    SpendingReport,
    StatsView,
    display_msisdn,
    spending,
    spending_chart,
)
from domain.db import Db
from domain.errors import ValidationFailed
from domain.money import format_rub
from handlers.dialog_data import DialogData
from handlers.gate import category, money_router, period_text, quick_label
from handlers.typed import TextState
from keyboards.accounts import AccAction, AccCb, StatCb, StatTypeCb, input_kb, stats_kb
from keyboards.texts import Translator


class StatInput(StatesGroup):
    period = TextState()


class StatData(DialogData):
    """The chart a typed period is for, and the period the user typed last."""

    KEY: ClassVar[str] = "acc_stat"
    view: StatsView = StatsView.CATEGORIES
    account_id: int = 0
    first: date | None = None
    last: date | None = None


def _top_line(_: Translator, rep: SpendingReport) -> list[str]:
    """What the chart's view puts first: the biggest category, account or number."""
    if rep.view is StatsView.CATEGORIES and rep.by_category:
        cat, kop = rep.by_category[0]
        share = rep.share(kop)
        return [
            _(
                "acc-stats-top-category",
                category=category(_, cat),
                amount=format_rub(kop),
                share=share,
            )
        ]
    if rep.view is StatsView.ACCOUNTS and rep.by_account:
        ref, kop = rep.by_account[0]
        share = rep.share(kop)
        return [_("acc-stats-top-account", number=ref.number, amount=format_rub(kop), share=share)]
    if rep.view is StatsView.NUMBERS and rep.top_numbers:
        return _numbers_lines(_, rep)
    return []


def _numbers_lines(_: Translator, rep: SpendingReport) -> list[str]:
    top = rep.top_numbers[0]
    name = f" ({escape(top.employee_name)})" if top.employee_name else ""
    number = display_msisdn(top.msisdn)
    lines = [_("acc-stats-top-number", number=number, name=name, amount=format_rub(top.amount_kop))]
    if rep.numbers_count:
        avg = (rep.total_kop - rep.without_number_kop) // rep.numbers_count
        lines.append(_("acc-stats-numbers", n=rep.numbers_count, avg=format_rub(avg)))
    return lines


def summary_text(_: Translator, rep: SpendingReport, account_number: str | None) -> str:
    lines = [_("acc-stats-caption-title", period=period_text(_, rep.first, rep.last))]
    if account_number:
        lines.append(_("acc-pay-accounts", numbers=account_number))
    if rep.total_kop == 0:
        lines.append(_("acc-stats-empty"))
        return "\n".join(lines)
    lines.append(_("acc-stats-total", amount=format_rub(rep.total_kop)))
    return "\n".join([*lines, *_top_line(_, rep)])


def _markup(
    _: Translator, account_id: int, view: StatsView, rng: QuickRange | None
) -> InlineKeyboardMarkup:
    order = (StatsView.CATEGORIES, StatsView.ACCOUNTS, StatsView.NUMBERS)
    views = [(v, _(f"acc-stats-view-{v.value}")) for v in order]
    if account_id:
        # One account: its numbers and categories; "per account" says nothing new.
        views = [(c, label) for c, label in views if c is not StatsView.ACCOUNTS]
    ranges = [(q, quick_label(_, q)) for q in QuickRange]
    return stats_kb(_, account_id, view, rng, views, ranges)


async def _period(
    state: FSMContext, rng: QuickRange | None
) -> tuple[QuickRange | None, tuple[date, date]]:
    """The quick range's days; without one, the typed period (this month if none was typed)."""
    if rng is None:
        data = await StatData.load(state)
        if data.first is not None and data.last is not None:
            return None, (data.first, data.last)
        rng = QuickRange.THIS_MONTH
    return rng, quick_range(rng, acc.local_today())


async def _send_stats(
    target: CallbackQuery | Message,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    screen: StatCb,
) -> None:
    """Closes any question and draws `screen`; its `rng` None: the period the user typed
    (kept in `StatData`), else the quick range."""
    await state.set_state(None)
    view, account_id = screen.view, screen.account_id
    rng, (first, last) = await _period(state, screen.rng)
    ids = [account_id] if account_id else []
    origin = target if isinstance(target, Message) else target.message
    assert origin is not None and target.bot is not None
    # A year of charges takes a moment to sum and draw: Telegram shows "sending a photo…".
    async with ChatActionSender.upload_photo(bot=target.bot, chat_id=origin.chat.id):
        rep, png = await spending_chart(spending(db, principal, first, last, view, ids), _)
    number = rep.accounts[0].number if account_id and rep.accounts else None
    caption = summary_text(_, rep, number)
    markup = _markup(_, account_id, view, rng)
    photo = BufferedInputFile(png, filename="statistics.png")
    # The chart's period buttons are its question: a period typed here is taken too.
    await state.set_state(StatInput.period)
    await StatData.change(state, view=view, account_id=account_id)
    if isinstance(target, Message):
        await target.answer_photo(photo, caption=caption, reply_markup=markup)
        return
    msg = target.message
    if isinstance(msg, Message):
        await msg.answer_photo(photo, caption=caption, reply_markup=markup)
        if msg.photo:
            # The previous chart gives way to the new one: one chart on the screen.
            try:
                await msg.delete()
            except TelegramAPIError:
                pass
    await target.answer()


async def cb_stats(
    callback: CallbackQuery,
    callback_data: StatCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await _send_stats(callback, db, principal, state, _, callback_data)


async def cb_from_card(
    callback: CallbackQuery,
    callback_data: AccCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    first_screen = StatCb(
        view=StatsView.CATEGORIES, rng=QuickRange.THIS_MONTH, account_id=callback_data.account_id
    )
    await _send_stats(callback, db, principal, state, _, first_screen)


async def cb_own_period(
    callback: CallbackQuery, callback_data: StatTypeCb, state: FSMContext, _: Translator
) -> None:
    await state.set_state(StatInput.period)
    await StatData.change(state, view=callback_data.view, account_id=callback_data.account_id)
    back = StatCb(
        view=callback_data.view,
        rng=QuickRange.THIS_MONTH,
        account_id=callback_data.account_id,
    )
    msg = callback.message
    if isinstance(msg, Message):
        ask = _("acc-stats-period-ask", example=period_example())
        await msg.answer(ask, reply_markup=input_kb(_, back))
    await callback.answer()


async def on_period(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    try:
        first, last = parse_period(message.text or "")
    except ValidationFailed as err:
        await message.answer(_(err.key, **err.params))
        return
    data = await StatData.change(state, first=first, last=last)
    typed = StatCb(view=data.view, rng=None, account_id=data.account_id)
    await _send_stats(message, db, principal, state, _, typed)


async def on_not_text(message: Message, _: Translator) -> None:
    question = _("acc-ask-period-short", example=period_example())
    await message.answer(_("acc-err-text-only", question=question))


def build_router() -> Router:
    router = money_router("statistics")
    router.callback_query.register(cb_stats, StatCb.filter())
    router.callback_query.register(cb_from_card, AccCb.filter(F.action == AccAction.STATS))
    router.callback_query.register(cb_own_period, StatTypeCb.filter())
    router.message.register(on_period, StatInput.period, F.text)
    router.message.register(on_not_text, StateFilter(StatInput))
    return router
