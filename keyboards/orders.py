"""Buttons of «📋 Заказы и заявки»: the orders list with its filters, an order's card.

`OrderCb` is the shared way to open an order's card: any section (a push, a subscriber's
screen, a document order) puts `order_card_button(...)` under its message.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from domain.types import OrderKind, StatusFilter
from keyboards.documents import DocHistCb
from keyboards.menu import MenuCb, Section
from keyboards.texts import Translator
from keyboards.widgets import Row, button, markup, pager_row, radio_rows, yes_no_row


class OrdAction(StrEnum):
    LIST = "l"  # the orders list at `page`, filtered by `st` and `kd`
    CARD = "c"  # an order's card; `page` pages its numbers
    CANCEL = "x"  # ask to cancel a scheduled order
    CANCEL_YES = "xy"  # cancel it
    FILTERS = "f"  # the filters screen for `st` and `kd`; each choice on it carries its filters


class OrderCb(CallbackData, prefix="ord"):
    """`st` and `kd` are the list's filters, kept across screens. A value that is not one of
    the enum's is not this callback at all (the fallback answers «Эта кнопка недоступна»)."""

    action: OrdAction
    order_id: int = 0
    page: int = 0
    st: StatusFilter = StatusFilter.ANY
    kd: OrderKind | None = None  # None = every kind


def order_card_button(_: Translator, order_id: int) -> InlineKeyboardButton:
    """«📋 К заказу № N»: opens the order's card."""
    data = OrderCb(action=OrdAction.CARD, order_id=order_id)
    return button(_("orders-btn-open", id=order_id), data)


def order_card_markup(_: Translator, order_id: int) -> InlineKeyboardMarkup:
    return markup([[order_card_button(_, order_id)]])


def _menu() -> MenuCb:
    return MenuCb(section=Section.MAIN)


def orders_list_kb(
    _: Translator,
    orders: Sequence[tuple[int, str]],
    page: int,
    pages: int,
    st: StatusFilter,
    kd: OrderKind | None,
) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [button(label, OrderCb(action=OrdAction.CARD, order_id=oid, st=st, kd=kd))]
        for oid, label in orders
    ]
    rows.append(
        pager_row(_, page, pages, lambda p: OrderCb(action=OrdAction.LIST, page=p, st=st, kd=kd))
    )
    rows.append([button(_("orders-btn-filters"), OrderCb(action=OrdAction.FILTERS, st=st, kd=kd))])
    rows.append([button(_("btn-main-menu"), _menu())])
    return markup(rows)


def filters_kb(
    _: Translator,
    statuses: Sequence[tuple[StatusFilter, str]],
    kinds: Sequence[tuple[OrderKind | None, str]],
    st: StatusFilter,
    kd: OrderKind | None,
) -> InlineKeyboardMarkup:
    """`kinds`: (kind, label); the kind None means every kind."""
    rows: list[Row] = radio_rows(
        (label, s is st, OrderCb(action=OrdAction.FILTERS, st=s, kd=kd)) for s, label in statuses
    )
    rows += radio_rows(
        (label, k is kd, OrderCb(action=OrdAction.FILTERS, st=st, kd=k)) for k, label in kinds
    )
    rows.append([button(_("orders-btn-show"), OrderCb(action=OrdAction.LIST, st=st, kd=kd))])
    return markup(rows)


def order_card_kb(
    _: Translator,
    order_id: int,
    page: int,
    pages: int,
    *,
    can_cancel: bool,
    documents: bool = False,
    st: StatusFilter = StatusFilter.ANY,
    kd: OrderKind | None = None,
) -> InlineKeyboardMarkup:
    """`documents`: a documents order, with a button to its files (the history's screen)."""
    rows: list[Row] = [
        pager_row(
            _,
            page,
            pages,
            lambda p: OrderCb(action=OrdAction.CARD, order_id=order_id, page=p, st=st, kd=kd),
        )
    ]
    if documents:
        rows.append([button(_("orders-btn-documents"), DocHistCb(order_id=order_id))])
    if can_cancel:
        rows.append(
            [
                button(
                    _("orders-btn-cancel"),
                    OrderCb(action=OrdAction.CANCEL, order_id=order_id, st=st, kd=kd),
                )
            ]
        )
    rows.append(
        [
            button(_("orders-btn-list"), OrderCb(action=OrdAction.LIST, st=st, kd=kd)),
            button(_("btn-main-menu"), _menu()),
        ]
    )
    return markup(rows)


def cancel_confirm_kb(
    _: Translator, order_id: int, st: StatusFilter, kd: OrderKind | None
) -> InlineKeyboardMarkup:
    return markup(
        [
            yes_no_row(
                _,
                OrderCb(action=OrdAction.CANCEL_YES, order_id=order_id, st=st, kd=kd),
                OrderCb(action=OrdAction.CARD, order_id=order_id, st=st, kd=kd),
                yes_key="orders-btn-cancel-yes",
                no_key="orders-btn-cancel-no",
            )
        ]
    )


KIND_FILTERS: tuple[OrderKind, ...] = tuple(OrderKind)
