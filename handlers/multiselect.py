"""One check-box multi-select for every section: tick, tick all, untick all, done.

A section keeps its own screen and its own use of the ticked ids; the widget keeps the ticks and
checks them. To adopt it:

1. Draw the page with `keyboards.widgets.pick_rows(of, items, page)`, plus
   `pick_all_none_row(of, page, …)` and `pick_done_row(of, …)` where they fit. `of` is a few
   letters naming the selection (`"sub"` is taken by the subscribers' list).
2. Build one `MultiSelect` for it and register it on the section's gated router (a
   `handlers.gate.money_router`, which turns `AccessDenied` into «⛔ Недостаточно прав…»)::

       PICK = MultiSelect(
           of="doc",
           check=lambda db, p, ids: checked_account_ids(db, p, ids),  # the domain's scope check
           everything=all_ids,    # async (db, principal, state) -> ids that «all» ticks
           redraw=accounts_page,  # async (callback, db, principal, state, _, page) -> None
           done=use_accounts,     # async (callback, db, principal, state, _, ids) -> None
           empty_key="doc-err-no-accounts",
       )
       PICK.register(router)

3. Read the ticks with `await PICK.chosen(state)` (or `picked(state, "doc")` where the
   instance is out of reach), start afresh with `await PICK.clear(state)`.

Every id a button names passes `check` before it is kept: `check` is a domain use case that
refuses (raises `AccessDenied`, audited) an id of another company, outside the user's accounts
or beyond the user's level, and returns the ids it lets through. `everything` must be a domain
query inside the user's scope; its ids are kept as they come. The use case `done` calls checks
the ids again, as every use case does with ids it is given.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import ClassVar

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from pydantic import Field

from domain.access.checks import Principal
from domain.db import Db
from handlers.dialog_data import DialogData
from keyboards.texts import Translator
from keyboards.widgets import PickAction, PickCb

CheckIds = Callable[[Db, Principal, list[int]], Awaitable[list[int]]]
AllIds = Callable[[Db, Principal, FSMContext], Awaitable[list[int]]]
Redraw = Callable[[CallbackQuery, Db, Principal, FSMContext, Translator, int], Awaitable[None]]
Done = Callable[[CallbackQuery, Db, Principal, FSMContext, Translator, list[int]], Awaitable[None]]


class Picks(DialogData):
    """The ticked ids of every open selection, by its `of`."""

    KEY: ClassVar[str] = "picks"
    ids: dict[str, list[int]] = Field(default_factory=dict)


async def picked(state: FSMContext, of: str) -> list[int]:
    """The ids ticked in the selection `of` (for screens that show it beside the widget)."""
    return list((await Picks.load(state)).ids.get(of, []))


async def keep_picked(state: FSMContext, of: str, ids: list[int]) -> None:
    """Replace the ticks of `of`; only ids a domain check let through belong here."""
    picks = await Picks.load(state)
    await Picks.change(state, ids={**picks.ids, of: list(ids)})


@dataclass(frozen=True)
class MultiSelect:
    of: str
    check: CheckIds
    everything: AllIds
    redraw: Redraw
    done: Done
    limit: int = 10_000
    # Shown as an alert when «done» is pressed with nothing ticked; None lets `done` decide.
    empty_key: str | None = None

    async def chosen(self, state: FSMContext) -> list[int]:
        return await picked(state, self.of)

    async def keep(self, state: FSMContext, ids: list[int]) -> None:
        await keep_picked(state, self.of, ids[: self.limit])

    async def clear(self, state: FSMContext) -> None:
        await self.keep(state, [])

    def on(self, action: PickAction) -> CallbackQueryFilter:
        return PickCb.filter((F.of == self.of) & (F.action == action))

    def register(self, router: Router) -> None:
        """One handler per action, in any FSM state (a check box under an open question works)."""
        on, anywhere = router.callback_query.register, StateFilter("*")
        on(self.toggle, self.on(PickAction.TOGGLE), anywhere)
        on(self.tick_all, self.on(PickAction.ALL), anywhere)
        on(self.untick_all, self.on(PickAction.NONE), anywhere)
        on(self.finish, self.on(PickAction.DONE), anywhere)

    async def toggle(
        self,
        callback: CallbackQuery,
        callback_data: PickCb,
        db: Db,
        principal: Principal,
        state: FSMContext,
        _: Translator,
    ) -> None:
        # Checked now, not only when the selection is used: a forged id is refused at once.
        [item] = await self.check(db, principal, [callback_data.item_id])
        ids = await self.chosen(state)
        await self.keep(state, [i for i in ids if i != item] if item in ids else [*ids, item])
        await self.redraw(callback, db, principal, state, _, callback_data.page)

    async def tick_all(
        self,
        callback: CallbackQuery,
        callback_data: PickCb,
        db: Db,
        principal: Principal,
        state: FSMContext,
        _: Translator,
    ) -> None:
        found = await self.everything(db, principal, state)
        ids = await self.chosen(state)
        await self.keep(state, [*ids, *sorted(set(found) - set(ids))])
        await self.redraw(callback, db, principal, state, _, callback_data.page)

    async def untick_all(
        self,
        callback: CallbackQuery,
        callback_data: PickCb,
        db: Db,
        principal: Principal,
        state: FSMContext,
        _: Translator,
    ) -> None:
        await self.clear(state)
        await self.redraw(callback, db, principal, state, _, callback_data.page)

    async def finish(
        self,
        callback: CallbackQuery,
        db: Db,
        principal: Principal,
        state: FSMContext,
        _: Translator,
    ) -> None:
        ids = await self.chosen(state)
        if not ids and self.empty_key is not None:
            await callback.answer(_(self.empty_key), show_alert=True)
            return
        await self.done(callback, db, principal, state, _, ids)
