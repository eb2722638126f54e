"""Typed FSM data: a dialog's model is read with its defaults, saved under its own key, and
stale data (kept by an older version) reads as a fresh dialog."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from pydantic import Field

from domain.types import OrderKind
from handlers.dialog_data import DialogData


class Draft(DialogData):
    KEY: ClassVar[str] = "test_draft"
    kind: OrderKind | None = None
    when: date | None = None
    ids: list[int] = Field(default_factory=list)


def context() -> FSMContext:
    return FSMContext(MemoryStorage(), StorageKey(bot_id=1, chat_id=2, user_id=3))


async def test_a_model_round_trips_beside_other_dialogs_data() -> None:
    state = context()
    await state.update_data(other={"x": 1})
    assert await Draft.load(state) == Draft()
    await Draft(kind=OrderKind.SERVICE_ON, when=date(2027, 3, 1)).save(state)
    changed = await Draft.change(state, ids=[5, 7])
    assert changed == Draft(kind=OrderKind.SERVICE_ON, when=date(2027, 3, 1), ids=[5, 7])
    raw = await state.get_data()
    assert raw["test_draft"] == {"kind": "service_on", "when": "2027-03-01", "ids": [5, 7]}
    assert raw["other"] == {"x": 1}
    await Draft.drop(state)
    assert await state.get_data() == {"other": {"x": 1}}


async def test_stale_data_reads_as_a_fresh_dialog() -> None:
    state = context()
    await state.update_data(test_draft={"kind": "no-such-kind", "ids": "not a list"})
    assert await Draft.load(state) == Draft()
    await state.update_data(test_draft="a string from an old version")
    assert await Draft.load(state) == Draft()
