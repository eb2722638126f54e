"""Remembers the question of a step that waits for text (`handlers.typed`).

`QuestionRecorder` (on the bot's session) notes each message the bot sends or edits while an
update is handled; `AskedMiddleware` (on the Dispatcher's updates, inside the update's
transaction) keeps the last one as the step's question when the update leaves the chat at a
`TextState`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.fsm.context import FSMContext
from aiogram.methods import EditMessageText, SendMessage, SendPhoto, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import InlineKeyboardMarkup, TelegramObject

from handlers.typed import remember_question, sent_now, text_states


class QuestionRecorder(BaseRequestMiddleware):
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        result = await make_request(bot, method)
        sent = sent_now.get()
        if sent is not None and isinstance(method, SendMessage | EditMessageText | SendPhoto):
            text = method.caption if isinstance(method, SendPhoto) else method.text
            markup = method.reply_markup
            inline = markup if isinstance(markup, InlineKeyboardMarkup) else None
            sent.append((text or "", inline))
        return result


class AskedMiddleware(BaseMiddleware):
    def __init__(self) -> None:
        self.states = text_states()

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        token = sent_now.set([])
        try:
            result = await handler(event, data)
            state = data.get("state")
            if isinstance(state, FSMContext):
                await remember_question(state, self.states)
            return result
        finally:
            sent_now.reset(token)
