"""«📋 Заказы и заявки»: every order of every kind, filters, an order's card, cancelling."""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery

from domain.access.checks import Principal
from domain.clock import fmt_date, fmt_datetime
from domain.db import Db
from domain.orders import history as oh
from domain.types import OrderKind, StatusFilter
from domain.validation import format_phone
from handlers.common import show
from handlers.gate import money_router
from keyboards.menu import MenuCb, Section
from keyboards.orders import (
    OrdAction,
    OrderCb,
    cancel_confirm_kb,
    filters_kb,
    order_card_kb,
    orders_list_kb,
)
from keyboards.texts import Translator


def _subject(_: Translator, kind: OrderKind, params: dict[str, Any]) -> str:
    """«Смена тарифа «Бизнес»»: the kind, and what it is about when the order says."""
    text = _("orders-kind", kind=kind.value)
    name = params.get("tariff_name") or params.get("service_name")
    if isinstance(name, str) and name:
        text += f" «{escape(name)}»"
    return text


# Orders of documents: made at once, for accounts; no date of taking effect to show.
DOCUMENT_KINDS = (OrderKind.DOCUMENTS, OrderKind.RECONCILIATION)


async def _list(
    target: CallbackQuery,
    db: Db,
    principal: Principal,
    _: Translator,
    page: int,
    status: StatusFilter,
    kind: OrderKind | None,
) -> None:
    result = await oh.list_orders(db, principal, status=status, kind=kind, page=page)
    lines = [_("orders-title", n=result.total)]
    lines.append(
        _(
            "orders-filter-line",
            status=_("orders-filter-status", value=status.value or "any"),
            kind=_("orders-kind", kind=kind.value) if kind else _("orders-filter-kind-any"),
        )
    )
    if not result.items:
        filtered = status is not StatusFilter.ANY or kind is not None
        lines += ["", _("orders-empty" if filtered else "orders-none-yet")]
    else:
        # Each order once: as its button (the card has the rest); the marks its buttons carry
        # are named above them.
        marks = dict.fromkeys(_("orders-status", status=o.status.value) for o in result.items)
        lines += ["", _("orders-list-hint", marks=" · ".join(marks))]
    buttons = [
        (o.id, _("orders-btn-row", id=o.id, status=o.status.value, kind=o.kind.value))
        for o in result.items
    ]
    kb = orders_list_kb(_, buttons, result.page, result.pages, status, kind)
    await show(target, "\n".join(lines), kb)


async def cb_orders(callback: CallbackQuery, db: Db, principal: Principal, _: Translator) -> None:
    await _list(callback, db, principal, _, 0, StatusFilter.ANY, None)


async def cb_list(
    callback: CallbackQuery, callback_data: OrderCb, db: Db, principal: Principal, _: Translator
) -> None:
    await _list(callback, db, principal, _, callback_data.page, callback_data.st, callback_data.kd)


async def cb_filters(callback: CallbackQuery, callback_data: OrderCb, _: Translator) -> None:
    statuses = [(s, _("orders-filter-status", value=s.value or "any")) for s in StatusFilter]
    kinds: list[tuple[OrderKind | None, str]] = [(None, _("orders-filter-kind-any"))]
    kinds += [(k, _("orders-kind", kind=k.value)) for k in OrderKind]
    kb = filters_kb(_, statuses, kinds, callback_data.st, callback_data.kd)
    await show(callback, _("orders-filters"), kb)


def _item_lines(_: Translator, card: oh.OrderCard) -> list[str]:
    """The counts, then one line per number (or account) of this page of the order."""
    o = card.order
    counts = _(
        "orders-card-counts",
        kind=o.kind.value,
        n=o.items,
        done=card.done,
        failed=card.failed,
        pending=card.pending,
    )
    lines = [counts, ""]
    for item in card.lines:
        if item.msisdn:
            who = format_phone(item.msisdn) + (f" · {escape(item.name)}" if item.name else "")
        else:
            who = _("orders-item-account", number=item.account) if item.account else "—"
        line = _("orders-card-item", who=who, status=item.status.value)
        if item.reason:
            line += " — " + _(item.reason, order=0)
        lines.append(line)
    return lines


async def _card(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    _: Translator,
    data: OrderCb,
    note: str = "",
) -> None:
    card = await oh.order_card(db, principal, data.order_id, page=data.page)
    o = card.order
    lines = [note, ""] if note else []
    lines.append(_("orders-card-title", id=o.id, subject=_subject(_, o.kind, o.params)))
    lines.append(_("orders-card-created", at=fmt_datetime(o.created_at)))
    if o.effective_date and o.kind not in DOCUMENT_KINDS:
        lines.append(_("orders-card-effective", date=fmt_date(o.effective_date)))
    lines.append(_("orders-card-status", status=o.status.value))
    if card.completed_at:
        lines.append(_("orders-card-completed", at=fmt_datetime(card.completed_at)))
    if card.failed_reason:
        lines.append(_("orders-card-reason", reason=_(card.failed_reason)))
    if o.items:
        lines += _item_lines(_, card)
    documents = o.kind in DOCUMENT_KINDS
    kb = order_card_kb(
        _,
        o.id,
        card.page,
        card.pages,
        can_cancel=card.can_cancel,
        documents=documents,
        st=data.st,
        kd=data.kd,
    )
    await show(callback, "\n".join(lines), kb)


async def cb_card(
    callback: CallbackQuery, callback_data: OrderCb, db: Db, principal: Principal, _: Translator
) -> None:
    await _card(callback, db, principal, _, callback_data)


async def cb_cancel(
    callback: CallbackQuery, callback_data: OrderCb, db: Db, principal: Principal, _: Translator
) -> None:
    card = await oh.order_card(db, principal, callback_data.order_id)
    if not card.can_cancel:
        await _card(callback, db, principal, _, callback_data)
        return
    text = _(
        "orders-cancel-ask",
        id=card.order.id,
        subject=_subject(_, card.order.kind, card.order.params),
    )
    await show(
        callback,
        text,
        cancel_confirm_kb(_, card.order.id, callback_data.st, callback_data.kd),
    )


async def cb_cancel_yes(
    callback: CallbackQuery, callback_data: OrderCb, db: Db, principal: Principal, _: Translator
) -> None:
    await oh.cancel_order(db, principal, callback_data.order_id)
    data = OrderCb(
        action=OrdAction.CARD,
        order_id=callback_data.order_id,
        st=callback_data.st,
        kd=callback_data.kd,
    )
    await _card(
        callback, db, principal, _, data, note=_("orders-cancelled", id=callback_data.order_id)
    )


def build_router() -> Router:
    router = money_router("orders")
    on = router.callback_query.register
    any_state = StateFilter("*")
    on(cb_orders, MenuCb.filter(F.section == Section.ORDERS), any_state)
    on(cb_list, OrderCb.filter(F.action == OrdAction.LIST), any_state)
    on(cb_filters, OrderCb.filter(F.action == OrdAction.FILTERS), any_state)
    on(cb_card, OrderCb.filter(F.action == OrdAction.CARD), any_state)
    on(cb_cancel, OrderCb.filter(F.action == OrdAction.CANCEL), any_state)
    on(cb_cancel_yes, OrderCb.filter(F.action == OrdAction.CANCEL_YES), any_state)
    return router
