"""Buttons of «📋 Заказы и заявки»: the orders list with its filters, an order's card.

`OrderCb` is the shared way to open an order's card: any section (a push, a subscriber's
screen, a document order) puts `order_card_button(...)` under its message.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from keyboards.texts import Translator
from keyboards.widgets import button, markup


class OrdAction(StrEnum):
    LIST = "l"  # the orders list at `page`, with the filters kept in the dialog
    CARD = "c"  # an order's card; `page` pages its numbers
    CANCEL = "x"  # ask to cancel a scheduled order
    CANCEL_YES = "xy"  # cancel it
    FILTER_STATUS = "fs"  # `value`: an OrderStatus group code, "" = any
    FILTER_KIND = "fk"  # `value`: an OrderKind value, "" = any
    FILTERS = "f"  # the filters screen


class OrderCb(CallbackData, prefix="ord"):
    action: OrdAction
    order_id: int = 0
    page: int = 0
    value: str = ""


def order_card_button(_: Translator, order_id: int) -> InlineKeyboardButton:
    """«📋 К заказу № N»: opens the order's card."""
    return button(
        _("orders-btn-open", id=order_id), OrderCb(action=OrdAction.CARD, order_id=order_id)
    )


def order_card_markup(_: Translator, order_id: int) -> InlineKeyboardMarkup:
    return markup([[order_card_button(_, order_id)]])
