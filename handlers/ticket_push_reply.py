"""«Ответить» on a push about a ticket: the text is added to that ticket.

Its router comes before the sections', so that a reply to a push reaches its ticket whatever
dialog the chat is in (the dialog stays as it was). Anything else passes on untouched.
"""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Filter, StateFilter
from aiogram.types import Message

from domain.access.checks import Principal
from domain.db import Db
from domain.tickets import pushes
from domain.tickets.pushes import ticket_of_push
from handlers.gate import money_router
from keyboards import tickets as kb
from keyboards.texts import Translator


class RepliesToTicketPush(Filter):
    """A message in a private chat that replies to a push the bot sent there about a ticket."""

    async def __call__(self, message: Message, db: Db) -> bool | dict[str, Any]:
        reply = message.reply_to_message
        if reply is None or message.chat.type != "private":
            return False
        ticket_id = await ticket_of_push(db, message.chat.id, reply.message_id)
        return False if ticket_id is None else {"push_ticket_id": ticket_id}


async def on_push_reply(
    message: Message,
    db: Db,
    principal: Principal,
    settings: Any,
    _: Translator,
    push_ticket_id: int,
) -> None:
    assert message.reply_to_message is not None
    number = await pushes.reply_to_push(
        db,
        principal,
        message.chat.id,
        message.reply_to_message.message_id,
        message.text or "",
        staff_chat_id=getattr(settings, "support_chat_id", None),
    )
    await message.answer(
        _("tic-push-reply-added", number=number or ""),
        reply_markup=kb.open_ticket_kb(_, push_ticket_id),
    )


def build_router() -> Router:
    router = money_router("ticket_push_reply")
    router.message.register(
        on_push_reply,
        RepliesToTicketPush(),
        F.text,
        ~F.text.startswith("/"),
        StateFilter("*"),
    )
    return router
