"""Buttons of «📋 Заказы и заявки»: the orders list with its filters, an order's card.

`OrderCb` is the shared way to open an order's card: any section (a push, a subscriber's
screen, a document order) puts `order_card_button(...)` under its message.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from domain.types import OrderKind
from keyboards.menu import MenuCb, Section
from keyboards.texts import Translator
from keyboards.widgets import Row, button, markup, pager_row, radio_rows, yes_no_row


class OrdAction(StrEnum):
    LIST = "l"  # the orders list at `page`, filtered by `st` and `kd`
    CARD = "c"  # an order's card; `page` pages its numbers
    CANCEL = "x"  # ask to cancel a scheduled order
    CANCEL_YES = "xy"  # cancel it
    FILTERS = "f"  # the filters screen
    SET_STATUS = "fs"  # `value`: a StatusFilter value, "" = any
    SET_KIND = "fk"  # `value`: an OrderKind value, "" = any


class OrderCb(CallbackData, prefix="ord"):
    action: OrdAction
    order_id: int = 0
    page: int = 0
    value: str = ""
    st: str = ""  # the list's status filter (StatusFilter value), kept across screens
    kd: str = ""  # the list's kind filter (OrderKind value)


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
    st: str,
    kd: str,
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
    statuses: Sequence[tuple[str, str]],
    kinds: Sequence[tuple[str, str]],
    st: str,
    kd: str,
) -> InlineKeyboardMarkup:
    rows: list[Row] = radio_rows(
        (label, value == st, OrderCb(action=OrdAction.SET_STATUS, value=value, st=st, kd=kd))
        for value, label in statuses
    )
    rows += radio_rows(
        (label, value == kd, OrderCb(action=OrdAction.SET_KIND, value=value, st=st, kd=kd))
        for value, label in kinds
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
    st: str = "",
    kd: str = "",
) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        pager_row(
            _,
            page,
            pages,
            lambda p: OrderCb(action=OrdAction.CARD, order_id=order_id, page=p, st=st, kd=kd),
        )
    ]
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


def cancel_confirm_kb(_: Translator, order_id: int, st: str, kd: str) -> InlineKeyboardMarkup:
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
