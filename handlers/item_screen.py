"""One item's screen: a number's limit, access, labels, management or forwarding, a group, an
account's delivery method or low-balance alert.

Its view draws it for the item's id; the screen puts a note of what was just done on top and
answers a typed answer with a new message, a button by editing its message. `opening` is the
handler of the button that shows it, leaving any question asked on the way; `paging` the
same for a page of a list.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.access.checks import Principal
from domain.db import Db
from handlers.gate import edit_or_send
from keyboards.texts import Translator

View = tuple[str, InlineKeyboardMarkup]
ItemView = Callable[[Db, Principal, Translator, int], Awaitable[View]]
Screen = Callable[[CallbackQuery, Db, Principal, Translator, int], Awaitable[None]]
PageScreen = Callable[[CallbackQuery, Db, Principal, FSMContext, Translator, int], Awaitable[None]]


class Paged(Protocol):
    page: int


@dataclass(frozen=True)
class ItemScreen:
    view: ItemView

    async def __call__(
        self,
        target: Message | CallbackQuery,
        db: Db,
        principal: Principal,
        _: Translator,
        item_id: int,
        note: str = "",
    ) -> None:
        text, markup = await self.view(db, principal, _, item_id)
        await edit_or_send(target, note + "\n\n" + text if note else text, markup)


def opening(screen: Screen, id_field: str) -> Callable[..., Awaitable[Any]]:
    """The handler of a button that shows `screen` for the id its callback data carries in
    `id_field`."""

    async def open_screen(
        callback: CallbackQuery,
        callback_data: CallbackData,
        db: Db,
        principal: Principal,
        state: FSMContext,
        _: Translator,
    ) -> None:
        await state.set_state(None)
        await screen(callback, db, principal, _, getattr(callback_data, id_field))

    return open_screen


def paging(screen: PageScreen) -> Callable[..., Awaitable[Any]]:
    """The handler of a pager's button (or «Назад» to a list): the page its callback data
    names."""

    async def turn(
        callback: CallbackQuery,
        callback_data: Paged,
        db: Db,
        principal: Principal,
        state: FSMContext,
        _: Translator,
    ) -> None:
        await state.set_state(None)
        await screen(callback, db, principal, state, _, callback_data.page)

    return turn
