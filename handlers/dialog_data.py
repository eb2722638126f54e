"""Typed FSM data: one small pydantic model per dialog instead of string keys.

A dialog declares what it remembers once::

    class AddData(DialogData):
        KEY: ClassVar[str] = "sub_add"
        name: str = ""
        msisdn: str | None = None

and reads and writes it only through the model::

    data = await AddData.load(state)        # defaults when nothing (or something stale) is kept
    await data.save(state)                  # the whole model under its own key
    data = await AddData.change(state, name="Иванов")  # load, change fields, save
    await AddData.drop(state)               # forget it (the other dialogs' data stays)

Each model lives under its `KEY` in the FSM data, so two dialogs never overwrite each other's
fields. What a model keeps must survive JSON (the FSM storage is a JSON column): ints, strings,
enums, dates, lists and nested models are fine. Data that no longer validates (kept by an older
version of the bot) is read as a fresh dialog, never as an error.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from aiogram.fsm.context import FSMContext
from pydantic import BaseModel, ConfigDict, ValidationError


class DialogData(BaseModel):
    """Base of every dialog's data; a subclass sets `KEY` (unique in the whole bot)."""

    model_config = ConfigDict(extra="ignore")
    KEY: ClassVar[str]

    @classmethod
    async def load(cls, state: FSMContext) -> Self:
        raw = (await state.get_data()).get(cls.KEY)
        if not isinstance(raw, dict):
            return cls()
        try:
            return cls.model_validate(raw)
        except ValidationError:
            return cls()

    async def save(self, state: FSMContext) -> None:
        await state.update_data({self.KEY: self.model_dump(mode="json")})

    @classmethod
    async def change(cls, state: FSMContext, **fields: Any) -> Self:
        """Load, set `fields` (validated), save; returns what was saved."""
        current = await cls.load(state)
        changed = cls.model_validate({**current.model_dump(), **fields})
        await changed.save(state)
        return changed

    @classmethod
    async def drop(cls, state: FSMContext) -> None:
        data = await state.get_data()
        if cls.KEY in data:
            data.pop(cls.KEY)
            await state.set_data(data)
