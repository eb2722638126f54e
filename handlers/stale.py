"""A button whose dialog is gone: «Это уже сделано» or «Эта кнопка устарела…», in every section.

A wizard that has done its work (an employee added, a tariff change placed, documents ordered)
calls `finished_here` on the screen it finished on: the message is remembered (the chat's last
few, in the FSM data under `Finished`). A button of that message pressed again — a double tap,
a second device, a copy left above — is answered «Это уже сделано» and opens nothing. Any other
button whose dialog data is gone (after «Отмена», a restart, another device) is answered
«Эта кнопка устарела…» with the section's menu.
"""

from __future__ import annotations

from typing import ClassVar

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from pydantic import Field

from handlers.common import show
from handlers.dialog_data import DialogData
from keyboards.menu import Section, section_and_menu
from keyboards.texts import Translator

# How many finished screens a chat remembers: a wizard's buttons rarely outlive a few others.
KEEP = 20


class Finished(DialogData):
    KEY: ClassVar[str] = "finished"
    screens: list[int] = Field(default_factory=list)  # message ids, the newest last


def _screen(callback: CallbackQuery) -> int | None:
    msg = callback.message
    return msg.message_id if msg is not None else None


async def finished_here(state: FSMContext, callback: CallbackQuery) -> None:
    """The wizard on the pressed screen has done its work: its buttons are «уже сделано»."""
    screen = _screen(callback)
    done = await Finished.load(state)
    if screen is None or screen in done.screens:
        return
    done.screens = [*done.screens, screen][-KEEP:]
    await done.save(state)


async def is_finished(state: FSMContext, callback: CallbackQuery) -> bool:
    return _screen(callback) in (await Finished.load(state)).screens


async def stale_or_done(
    callback: CallbackQuery,
    state: FSMContext,
    _: Translator,
    section: Section,
    screen: str = "",
) -> None:
    """Answer a button whose dialog is gone; nothing is opened again. `screen`: what the stale
    message then says (the section's words; «Эта кнопка устарела…» without it)."""
    if await is_finished(state, callback):
        await callback.answer(_("already-done"), show_alert=True)
        return
    stale = _("stale-button")
    await show(callback, screen or stale, section_and_menu(_, section), notice=stale)
