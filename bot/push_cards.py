"""Buttons under pushes: an outbox row names an object (`{"type": "order", "id": 42}`) and the
notifier turns it into a button to that object's card, in the recipient's language.

The domain cannot build buttons (it never imports aiogram), so it names the card and this
registry, part of the running program, lays it out. A section adds its own card type here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram.types import InlineKeyboardMarkup

from keyboards.documents import document_order_markup
from keyboards.orders import order_card_markup
from keyboards.subscribers import subscriber_card_markup
from keyboards.texts import Translator

CardMarkup = Callable[[Translator, int], InlineKeyboardMarkup]

CARDS: dict[str, CardMarkup] = {
    "order": order_card_markup,
    "doc_order": document_order_markup,
    "subscriber": subscriber_card_markup,
}


def push_markup(_: Translator, payload: dict[str, Any]) -> InlineKeyboardMarkup | None:
    card = payload.get("card")
    if not isinstance(card, dict):
        return None
    make = CARDS.get(str(card.get("type")))
    if make is None or not isinstance(card.get("id"), int):
        return None
    return make(_, card["id"])
