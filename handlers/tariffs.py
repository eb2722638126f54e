"""«📶 Тарифы и услуги»: the catalogue, cards, and the change dialog for many numbers.

The dialog: tariff or service → numbers (ticked in a list, a group, a label, an account, all)
→ availability per number → date → notification → summary → apply. Its state is one typed
model in the FSM data (`ChangeData`), so a restart or a mistyped date loses nothing already
chosen. The request key
made when the dialog starts makes "apply" pressed twice one order.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from html import escape
from typing import Any, ClassVar

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import StatesGroup
from aiogram.types import CallbackQuery, Message
from pydantic import Field

from domain.access.checks import Principal
from domain.clock import fmt_date, today_local
from domain.db import Db
from domain.errors import ValidationFailed
from domain.money import format_rub, format_rub_short
from domain.tariffs import catalog, selection
from domain.tariffs.catalog import Availability, ServiceInfo, TariffInfo
from domain.types import AccountType, Channel, OrderKind, PickMode
from domain.validation import format_phone, parse_date
from handlers.common import ask_value, short_name, show
from handlers.dialog_data import DialogData
from handlers.gate import brand, money_router
from handlers.stale import finished_here, stale_or_done
from handlers.typed import TextState
from keyboards.menu import MenuCb, Section
from keyboards.tariffs import (
    CatAction,
    CatCb,
    ChgAction,
    ChgCb,
    NotifyChoice,
    availability_kb,
    back_home_kb,
    buckets_kb,
    calendar_kb,
    catalogue_kb,
    date_kb,
    home_kb,
    notify_kb,
    numbers_kb,
    pick_kb,
    placed_kb,
    search_kb,
    service_card_kb,
    summary_kb,
    tariff_card_kb,
)
from keyboards.texts import Translator

PER_PAGE = 8
MAX_REFUSALS_SHOWN = 15


class ChangeDialog(StatesGroup):
    date = TextState()  # waits for a typed date (the buttons work too)
    search = TextState()  # waits for a part of a number or a name to narrow the check-box list


# --- catalogue --------------------------------------------------------------------------------


async def cb_home(callback: CallbackQuery, db: Db, principal: Principal, _: Translator) -> None:
    access = await catalog.open_section(db, principal)
    # A level working with its own number is not invited to change many numbers at once.
    home = "cat-home-own" if principal.own_number_only else "cat-home"
    await show(callback, _(home), home_kb(_, tariffs=access.tariffs))


def _page(items: list[Any], page: int) -> tuple[list[Any], int, int]:
    pages = max(1, -(-len(items) // PER_PAGE))
    page = min(max(page, 0), pages - 1)
    return items[page * PER_PAGE : (page + 1) * PER_PAGE], page, pages


def _catalogue(
    items_of: Callable[[Db, Principal], Awaitable[list[Any]]], what: str, open_item: CatAction
) -> Callable[..., Awaitable[Any]]:
    """The handler of one page of the tariffs or the services (`what`), each a button with its
    monthly fee."""

    async def catalogue_page(
        callback: CallbackQuery, callback_data: CatCb, db: Db, principal: Principal, _: Translator
    ) -> None:
        items = await items_of(db, principal)
        if not items:
            await show(callback, _(f"cat-{what}-none"), back_home_kb(_))
            return
        chunk, page, pages = _page(items, callback_data.page)
        # A company with accounts of both brands sees both catalogues: each item says whose it is.
        mixed = len({i.brand for i in items}) > 1
        labels = [
            (
                i.id,
                _(
                    "cat-item",
                    name=i.name,
                    brand=f"{brand(_, i.brand)} · " if mixed else "",
                    fee=format_rub_short(i.fee_kop),
                ),
            )
            for i in chunk
        ]
        list_action = CatAction.TARIFFS if open_item is CatAction.TARIFF else CatAction.SERVICES
        await show(
            callback,
            _(f"cat-{what}-title", n=len(items)),
            catalogue_kb(_, labels, page, pages, open_item, list_action),
        )

    return catalogue_page


cb_tariffs = _catalogue(catalog.tariffs, "tariffs", CatAction.TARIFF)


def _card_params(item: TariffInfo | ServiceInfo) -> dict[str, Any]:
    """What the card of a tariff and of a service both say."""
    return {
        "name": escape(item.name),
        "brand": item.brand.value,
        "fee": format_rub(item.fee_kop),
        "description": escape(item.description),
        "on": item.numbers_on,
    }


async def cb_tariff(
    callback: CallbackQuery, callback_data: CatCb, db: Db, principal: Principal, _: Translator
) -> None:
    t = await catalog.tariff_card(db, principal, callback_data.item_id)
    kind = t.account_type.value if isinstance(t.account_type, AccountType) else "any"
    text = _("cat-tariff-card", **_card_params(t), type=kind)
    markup = tariff_card_kb(_, t.id, can_change=catalog.may_change(principal).tariffs)
    await show(callback, text, markup)


cb_services = _catalogue(catalog.services, "services", CatAction.SERVICE)


async def cb_service(
    callback: CallbackQuery, callback_data: CatCb, db: Db, principal: Principal, _: Translator
) -> None:
    s = await catalog.service_card(db, principal, callback_data.item_id)
    text = _("cat-service-card", **_card_params(s))
    if s.incompatible:
        text += "\n" + _(
            "cat-service-incompatible", tariffs=escape(", ".join(f"«{n}»" for n in s.incompatible))
        )
    else:
        text += "\n" + _("cat-service-compatible", brand=s.brand.value)
    await show(
        callback,
        text,
        service_card_kb(_, s.id, can_manage=catalog.may_change(principal).services),
    )


# --- the change dialog ------------------------------------------------------------------------


class ChangeData(DialogData):
    """The change dialog so far; a restart or a mistyped date loses none of it."""

    KEY: ClassVar[str] = "tariff_change"
    kind: OrderKind | None = None  # None: no dialog (never started, cancelled)
    target_id: int = 0  # the tariff or service
    name: str = ""
    request_key: str = ""  # made when the dialog starts: "apply" twice is one order
    mode: PickMode | None = None
    query: str = ""  # the search in the check-box list
    ticked: list[int] = Field(default_factory=list)
    ids: list[int] = Field(default_factory=list)  # the numbers whose availability was shown
    effective: date | None = None
    notify: NotifyChoice | None = None


def _what(_: Translator, data: ChangeData) -> dict[str, Any]:
    return {"kind": data.kind.value if data.kind else "", "name": escape(data.name)}


async def _dialog(callback: CallbackQuery, state: FSMContext, _: Translator) -> ChangeData | None:
    """The open change dialog, or None (answered «начните заново») for a button of an old one."""
    data = await ChangeData.load(state)
    if data.kind is None:
        await stale_or_done(callback, state, _, Section.TARIFFS, _("cat-expired"))
        return None
    return data


async def cb_start(
    callback: CallbackQuery,
    callback_data: ChgCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    target = await catalog.start_change(db, principal, callback_data.kind, callback_data.item_id)
    await state.set_state(None)
    await ChangeData(
        kind=target.kind, target_id=target.id, name=target.name, request_key=uuid.uuid4().hex
    ).save(state)
    if principal.own_number_only and principal.subscriber_id is not None:
        # A number manager changes the own number only: nothing to pick.
        own = [principal.subscriber_id]
        data = await ChangeData.change(state, mode=PickMode.LIST, ticked=own)
        await _availability(callback, db, principal, state, _, data, own)
        return
    await _pick_screen(callback, db, principal, state, _)


async def _pick_screen(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    data = await _dialog(callback, state, _)
    if data is None or data.kind is None:
        return
    page = await catalog.numbers_for_change(db, principal, data.kind, 0, 1)
    modes = [
        (PickMode.LIST, _("cat-mode-list")),
        (PickMode.GROUP, _("cat-mode-group")),
        (PickMode.LABEL, _("cat-mode-label")),
        (PickMode.ACCOUNT, _("cat-mode-account")),
        (PickMode.ALL, _("cat-mode-all", n=page.total)),
    ]
    if principal.own_number_only:
        modes = modes[:1]  # the own number is the only one: no groups, labels or accounts
    card = CatAction.TARIFF if data.kind is OrderKind.CHANGE_TARIFF else CatAction.SERVICE
    back = CatCb(action=card, item_id=data.target_id)
    await show(callback, _("cat-pick", **_what(_, data)), pick_kb(_, modes, back))


async def cb_pick(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await state.set_state(None)
    await _pick_screen(callback, db, principal, state, _)


async def _numbers_screen(
    target: CallbackQuery | Message,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    page_no: int,
) -> None:
    data = await ChangeData.load(state)
    if data.kind is None:
        return
    ticked, query = set(data.ticked), data.query
    page = await catalog.numbers_for_change(db, principal, data.kind, page_no, PER_PAGE, query)
    items = [
        (
            n.id,
            _("cat-number", msisdn=format_phone(n.msisdn), name=short_name(n.name)),
            n.id in ticked,
        )
        for n in page.items
    ]
    if query:
        text = _("cat-numbers-found", query=escape(query), total=page.total, ticked=len(ticked))
        text = f"<b>{_('cat-what', **_what(_, data))}</b>\n" + text
    else:
        text = _("cat-numbers", total=page.total, ticked=len(ticked), **_what(_, data))
    kb = numbers_kb(_, items, page.page, page.pages, len(ticked), searching=bool(query))
    await show(target, text, kb)


async def cb_search(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    """«🔎 Поиск» above the check-box list: the ticks stay, the list narrows to what is typed."""
    if await _dialog(callback, state, _) is None:
        return
    await state.set_state(ChangeDialog.search)
    await ask_value(callback, _("cat-search-ask"), search_kb(_))


async def on_search_text(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    query = " ".join((message.text or "").split())
    if len(query) > selection.MAX_QUERY:
        error = _("cat-search-too-long", max=selection.MAX_QUERY)
        await ask_value(message, _("cat-search-ask"), search_kb(_), error=error)
        return
    await state.set_state(None)
    await ChangeData.change(state, query=query)
    await _numbers_screen(message, db, principal, state, _, 0)


async def on_search_not_text(message: Message, _: Translator) -> None:
    error = _("cat-search-text-only")
    await ask_value(message, _("cat-search-ask"), search_kb(_), error=error)


async def cb_all_numbers(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    if await _dialog(callback, state, _) is None:
        return
    await state.set_state(None)
    await ChangeData.change(state, query="")
    await _numbers_screen(callback, db, principal, state, _, 0)


async def _buckets_screen(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    _: Translator,
    data: ChangeData,
    page_no: int,
) -> None:
    if data.kind is None or data.mode is None:
        return
    found = await catalog.buckets_for_change(db, principal, data.kind, data.mode)
    chunk, page, pages = _page(found, page_no)
    labels = [(b.id, _("cat-bucket", name=escape(b.name), n=b.count)) for b in chunk]
    text = _(f"cat-buckets-{data.mode.value}", **_what(_, data))
    if not found:
        text += "\n\n" + _("cat-buckets-none")
    await show(callback, text, buckets_kb(_, labels, page, pages))


async def cb_mode(
    callback: CallbackQuery,
    callback_data: ChgCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    mode = callback_data.mode
    if mode is None:
        await callback.answer(_("forged-button"), show_alert=True)
        return
    data = await _dialog(callback, state, _)
    if data is None or data.kind is None:
        return
    kind = data.kind
    data = await ChangeData.change(state, mode=mode, query="")
    if mode is PickMode.LIST:
        await _numbers_screen(callback, db, principal, state, _, 0)
    elif mode is PickMode.ALL:
        ids = await catalog.numbers_of_bucket(db, principal, kind, mode)
        await _availability(callback, db, principal, state, _, data, ids)
    else:
        await _buckets_screen(callback, db, principal, _, data, 0)


async def cb_toggle(
    callback: CallbackQuery,
    callback_data: ChgCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    data = await _dialog(callback, state, _)
    if data is None or data.kind is None:
        return
    # Checked now, not only when the order is placed: a forged id is refused at once.
    [sub_id] = await catalog.pick_for_change(db, principal, data.kind, [callback_data.item_id])
    ticked = [i for i in data.ticked if i != sub_id]
    await ChangeData.change(state, ticked=ticked if sub_id in data.ticked else [*ticked, sub_id])
    await _numbers_screen(callback, db, principal, state, _, callback_data.page)


async def cb_page(
    callback: CallbackQuery,
    callback_data: ChgCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    data = await _dialog(callback, state, _)
    if data is None:
        return
    await state.set_state(None)  # also «Назад» from the search question
    if data.mode is PickMode.LIST:
        await _numbers_screen(callback, db, principal, state, _, callback_data.page)
    else:
        await _buckets_screen(callback, db, principal, _, data, callback_data.page)


async def cb_bucket(
    callback: CallbackQuery,
    callback_data: ChgCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    data = await ChangeData.load(state)
    if data.kind is None or data.mode not in (PickMode.GROUP, PickMode.LABEL, PickMode.ACCOUNT):
        await show(callback, _("cat-expired"), back_home_kb(_))
        return
    ids = await catalog.numbers_of_bucket(
        db, principal, data.kind, data.mode, callback_data.item_id
    )
    await _availability(callback, db, principal, state, _, data, ids)


async def cb_picked(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    data = await _dialog(callback, state, _)
    if data is None:
        return
    await _availability(callback, db, principal, state, _, data, data.ticked)


async def cb_avail(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await state.set_state(None)
    data = await _dialog(callback, state, _)
    if data is None:
        return
    await _availability(callback, db, principal, state, _, data, data.ids)


async def _check(db: Db, principal: Principal, data: ChangeData, ids: list[int]) -> Availability:
    assert data.kind is not None  # every caller has checked the dialog is open
    return await catalog.check_availability(db, principal, data.kind, data.target_id, ids)


def _reason(_: Translator, key: str, order_id: int | None) -> str:
    return _(key, order=order_id or 0)


def _refusal_lines(_: Translator, avail: Availability) -> list[str]:
    if not avail.refused:
        return []
    lines = ["", _("cat-avail-refused", n=len(avail.refused))]
    for r in avail.refused[:MAX_REFUSALS_SHOWN]:
        reason = _reason(_, r.reason, r.order_id)
        lines.append(_("cat-avail-refusal", msisdn=format_phone(r.msisdn), reason=reason))
    if len(avail.refused) > MAX_REFUSALS_SHOWN:
        lines.append(_("cat-avail-more", n=len(avail.refused) - MAX_REFUSALS_SHOWN))
    return lines


async def _availability(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    data: ChangeData,
    ids: list[int],
) -> None:
    avail = await _check(db, principal, data, ids)
    await ChangeData.change(state, ids=ids)
    lines = [_("cat-avail", n=len(ids), **_what(_, data))]
    if avail.available:
        lines.append(_("cat-avail-ok", n=len(avail.available)))
    else:
        lines.append(_("cat-avail-none"))
    lines += _refusal_lines(_, avail)
    await show(callback, "\n".join(lines), availability_kb(_, can_go_on=bool(avail.available)))


def _date_prompt(_: Translator, data: ChangeData) -> tuple[str, Any]:
    today = today_local()
    nxt = catalog.first_of_next_month(today)
    key = "cat-date-off" if data.kind is OrderKind.SERVICE_OFF else "cat-date"
    text = _(key, example=fmt_date(nxt), **_what(_, data))
    days = [
        (d, _("cat-btn-day", weekday=d.isoweekday(), date=d.strftime("%d.%m")))
        for d in catalog.coming_days(today, 6)
    ]
    kb = date_kb(
        _,
        _("cat-btn-next-month", date=fmt_date(nxt)),
        _("cat-btn-today", date=fmt_date(today)),
        days,
    )
    return text, kb


async def cb_date(
    callback: CallbackQuery, callback_data: ChgCb, state: FSMContext, _: Translator
) -> None:
    """The date screen, or a date picked on it (a quick day or a calendar day)."""
    data = await _dialog(callback, state, _)
    if data is None:
        return
    pick = callback_data.day or callback_data.on
    if pick is not None:
        await state.set_state(None)
        await ChangeData.change(state, effective=catalog.picked_date(pick))
        await show(callback, _("cat-notify", **_what(_, data)), notify_kb(_))
        return
    await state.set_state(ChangeDialog.date)
    text, kb = _date_prompt(_, data)
    await show(callback, text, kb)


async def cb_calendar(
    callback: CallbackQuery, callback_data: ChgCb, state: FSMContext, _: Translator
) -> None:
    """«📅 Календарь»: a month to pick the day from, today to a year ahead; typing a date still
    works (the question stays open)."""
    data = await _dialog(callback, state, _)
    if data is None:
        return
    first, last = catalog.date_span()
    text = _("cat-calendar", example=fmt_date(catalog.first_of_next_month()), **_what(_, data))
    await show(callback, text, calendar_kb(_, callback_data.on or first, first, last))


async def on_date_text(message: Message, state: FSMContext, _: Translator) -> None:
    data = await ChangeData.load(state)
    kb = _date_prompt(_, data)[1]
    try:
        chosen = catalog.check_effective_date(parse_date(message.text or ""))
    except ValidationFailed as err:
        example = fmt_date(catalog.first_of_next_month())
        await message.answer(
            _("cat-date-again", error=_(err.key, **err.params), example=example), reply_markup=kb
        )
        return
    await state.set_state(None)
    await ChangeData.change(state, effective=chosen)
    await message.answer(_("cat-notify", **_what(_, data)), reply_markup=notify_kb(_))


async def on_date_not_text(message: Message, state: FSMContext, _: Translator) -> None:
    text, kb = _date_prompt(_, await ChangeData.load(state))
    await message.answer(text, reply_markup=kb)


async def cb_notify(
    callback: CallbackQuery,
    callback_data: ChgCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    """The notification screen, or the choice made on it: then the summary."""
    data = await ChangeData.load(state)
    if data.kind is None or data.effective is None:
        await show(callback, _("cat-expired"), back_home_kb(_))
        return
    await state.set_state(None)
    notify = callback_data.notify
    if notify is None:
        await show(callback, _("cat-notify", **_what(_, data)), notify_kb(_))
        return
    effective = data.effective
    data = await ChangeData.change(state, notify=notify)
    avail = await _check(db, principal, data, data.ids)
    text = _(
        "cat-summary",
        n=len(avail.available),
        refused=len(avail.refused),
        date=fmt_date(effective),
        channel=notify.value,
        delta=format_rub(avail.fee_delta_kop, signed=True),
        **_what(_, data),
    )
    if notify is NotifyChoice.EMAIL and avail.without_email:
        text += "\n" + _("cat-summary-without-email", n=avail.without_email)
    await show(callback, text, summary_kb(_))


async def cb_apply(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    data = await ChangeData.load(state)
    if data.kind is None or data.effective is None or not data.request_key:
        await stale_or_done(callback, state, _, Section.TARIFFS, _("cat-expired"))
        return
    notify = data.notify or NotifyChoice.NONE
    ref, _avail = await catalog.order_change(
        db,
        principal,
        kind=data.kind,
        target_id=data.target_id,
        subscriber_ids=data.ids,
        effective_date=data.effective,
        notify_channel=None if notify is NotifyChoice.NONE else Channel(notify.value),
        request_key=data.request_key,
    )
    if not ref.created:
        await show(callback, _("cat-placed-again", id=ref.id), placed_kb(_, ref.id))
        return
    text = _("cat-placed", id=ref.id, n=ref.items, status=ref.status.value, **_what(_, data))
    await show(callback, text, placed_kb(_, ref.id))
    # The dialog is over: «Применить» or a step's button pressed again here is «уже сделано».
    await state.set_state(None)
    await ChangeData.drop(state)
    await finished_here(state, callback)


async def cb_cancel(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(None)
    await ChangeData.drop(state)
    await show(callback, _("cat-cancelled"), back_home_kb(_))


def build_router() -> Router:
    router = money_router("tariffs")
    router.callback_query.register(cb_home, MenuCb.filter(F.section == Section.TARIFFS))
    router.callback_query.register(cb_home, CatCb.filter(F.action == CatAction.HOME))
    router.callback_query.register(cb_tariffs, CatCb.filter(F.action == CatAction.TARIFFS))
    router.callback_query.register(cb_tariff, CatCb.filter(F.action == CatAction.TARIFF))
    router.callback_query.register(cb_services, CatCb.filter(F.action == CatAction.SERVICES))
    router.callback_query.register(cb_service, CatCb.filter(F.action == CatAction.SERVICE))
    any_state = StateFilter("*")
    on = router.callback_query.register
    on(cb_start, ChgCb.filter(F.action == ChgAction.START), any_state)
    on(cb_pick, ChgCb.filter(F.action == ChgAction.PICK), any_state)
    on(cb_mode, ChgCb.filter(F.action == ChgAction.MODE), any_state)
    on(cb_toggle, ChgCb.filter(F.action == ChgAction.TOGGLE), any_state)
    on(cb_page, ChgCb.filter(F.action == ChgAction.PAGE), any_state)
    on(cb_search, ChgCb.filter(F.action == ChgAction.SEARCH), any_state)
    on(cb_all_numbers, ChgCb.filter(F.action == ChgAction.ALL_NUMBERS), any_state)
    on(cb_bucket, ChgCb.filter(F.action == ChgAction.BUCKET), any_state)
    on(cb_picked, ChgCb.filter(F.action == ChgAction.PICKED), any_state)
    on(cb_avail, ChgCb.filter(F.action == ChgAction.AVAIL), any_state)
    on(cb_date, ChgCb.filter(F.action == ChgAction.DATE), any_state)
    on(cb_calendar, ChgCb.filter(F.action == ChgAction.CALENDAR), any_state)
    on(cb_notify, ChgCb.filter(F.action == ChgAction.NOTIFY), any_state)
    on(cb_apply, ChgCb.filter(F.action == ChgAction.APPLY), any_state)
    on(cb_cancel, ChgCb.filter(F.action == ChgAction.CANCEL), any_state)
    router.message.register(on_date_text, ChangeDialog.date, F.text)
    router.message.register(on_date_not_text, ChangeDialog.date)
    router.message.register(on_search_text, ChangeDialog.search, F.text)
    router.message.register(on_search_not_text, ChangeDialog.search)
    return router
