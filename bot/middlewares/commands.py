"""A command is a command, even while a question waits for its answer.

`/balance` typed at the SMS-code step, or in the middle of any dialog, leaves the dialog and
does what it says, instead of being read as a wrong answer. The commands the dialogs handle
themselves (/cancel, /help…) keep the state; so does the forced password change, which lets
nothing else through until the new password is set.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, TelegramObject

from bot.middlewares import NextHandler


class CommandsFirstMiddleware(BaseMiddleware):
    def __init__(self, commands: Iterable[str], keep_state: Iterable[str]) -> None:
        self.leave_dialog = frozenset(commands) - frozenset(keep_state)

    async def __call__(
        self, handler: NextHandler, event: TelegramObject, data: dict[str, Any]
    ) -> Any:
        if isinstance(event, Message) and data.get("raw_state") is not None:
            command = _command_of(event.text)
            principal = data.get("principal")
            forced = principal is not None and getattr(principal, "must_change_password", False)
            state: FSMContext | None = data.get("state")
            if command in self.leave_dialog and not forced and state is not None:
                await state.clear()
                data["raw_state"] = None  # what the state filters of this update read
        return await handler(event, data)


def _command_of(text: str | None) -> str | None:
    if not text or not text.startswith("/"):
        return None
    word = text[1:].split(maxsplit=1)[0] if len(text) > 1 else ""
    return word.split("@", 1)[0].lower() or None
