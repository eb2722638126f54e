"""Steps that wait for typed text, and one answer for a sticker, photo, voice or file there.

A dialog marks a step that waits for text with `TextState()` instead of `State()`. Whatever the
bot sends while handling an update that leaves the chat at such a step is the step's question;
it is remembered in the dialog's data (`Asked`, written by `bot.middlewares.asked`). A sticker,
photo, voice, video or file sent at the step is then answered «Напишите …» with that question
again (its text, example and buttons); nothing else in the dialog's data changes. No dialog has
to remember to do it: a new step gets it by being a `TextState`.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any, ClassVar

from aiogram import F, Router
from aiogram.filters import Filter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardMarkup, Message

from handlers.dialog_data import DialogData
from keyboards.texts import Translator


class TextState(State):
    """A dialog step that waits for the user to type something."""


class Asked(DialogData):
    """The question of the step the chat is at: as sent, with its inline buttons."""

    KEY: ClassVar[str] = "asked"
    step: str = ""  # the FSM state it was asked at: another step's question is never repeated
    text: str = ""
    markup: dict[str, Any] | None = None


# What the bot sent while handling the current update: (text, inline buttons); None outside
# an update. Filled by the bot's request middleware, read once the update has been handled.
sent_now: ContextVar[list[tuple[str, InlineKeyboardMarkup | None]] | None] = ContextVar(
    "sent_now", default=None
)

# What is not text: answered here at a `TextState` (a contact or a location is left to the step).
_NOT_TEXT = F.content_type.in_(
    {"sticker", "photo", "voice", "document", "video", "animation", "audio", "video_note"}
)


def _all_groups(group: type[StatesGroup]) -> list[type[StatesGroup]]:
    found = []
    for sub in group.__subclasses__():
        found += [sub, *_all_groups(sub)]
    return found


def text_states() -> frozenset[str]:
    """Every `TextState` of every dialog (`GroupInput:name`, …)."""
    return frozenset(
        st.state
        for group in _all_groups(StatesGroup)
        for st in group.__states__
        if isinstance(st, TextState) and st.state
    )


class AtTextState(Filter):
    def __init__(self) -> None:
        self.states = text_states()

    async def __call__(self, message: Message, state: FSMContext) -> bool:
        return await state.get_state() in self.states


async def remember_question(state: FSMContext, states: frozenset[str]) -> None:
    """After an update: what it sent is the question of the text step it left the chat at."""
    sent = sent_now.get()
    step = await state.get_state()
    if not sent or step not in states:
        return
    text, markup = sent[-1]
    dumped = markup.model_dump(mode="json", exclude_none=True) if markup else None
    await Asked(step=step, text=text, markup=dumped).save(state)


async def not_text(message: Message, state: FSMContext, _: Translator) -> None:
    asked = await Asked.load(state)
    if asked.step != await state.get_state():
        asked = Asked()  # asked at another step: only «Напишите …»
    sent = sent_now.get()
    markup = InlineKeyboardMarkup.model_validate(asked.markup) if asked.markup else None
    text = _("typed-write-text")
    if asked.text:
        text += "\n\n" + asked.text
    await message.answer(text, reply_markup=markup)
    if sent is not None:
        sent.clear()  # the answer above is not a new question: the step's question stays


def build_router() -> Router:
    router = Router(name="typed")
    router.message.register(not_text, F.chat.type == "private", _NOT_TEXT, AtTextState())
    return router
