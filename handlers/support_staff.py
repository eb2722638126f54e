"""Support tickets, the staff's side, in the staff group chat (`SUPPORT_CHAT_ID`).

Every new ticket and every client message is posted there by the notifier, with status buttons.
Staff answer a ticket by replying to any of its posts (text, a file or a photo with a caption);
the answer reaches the client. Only staff may act: members of that chat whom the operator lists
(`SUPPORT_STAFF_IDS`) or who administer it. Each action asks Telegram (`getChatMember`), since a
public group's messages, buttons included, can be seen by people who are not its members, and a
button's data can be forged anywhere. Nothing else is answered there: the router comes first,
so a client command typed in the staff chat (`/start`, `/menu`, `/balance`) gets no answer.
"""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram import Bot, Router
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, ChatMemberRestricted, Message, User

from domain.db import Db
from domain.errors import DomainError
from domain.tickets import desk as tk
from handlers.common import error_text, incoming_file
from keyboards.texts import Translator
from keyboards.tickets import StaffCb

_ADMINS = {ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR}


def _staff_chat(settings: Any) -> int | None:
    return getattr(settings, "support_chat_id", None)


def in_staff_chat(message: Message, settings: Any) -> bool:
    chat_id = _staff_chat(settings)
    return chat_id is not None and message.chat.id == chat_id


async def is_staff(bot: Bot, chat_id: int, user_id: int, settings: Any) -> bool:
    """The chat's administrator, or a member of it whom the operator lists as staff."""
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except TelegramBadRequest:
        return False
    if member.status in _ADMINS:
        return True
    if isinstance(member, ChatMemberRestricted):
        joined = member.is_member
    else:
        joined = member.status == ChatMemberStatus.MEMBER
    return joined and user_id in getattr(settings, "staff_ids", frozenset())


def _name(user: User | None) -> str:
    return user.full_name if user is not None else ""


def _staff_files(message: Message) -> list[dict[str, Any]]:
    """The photo or document of a staff answer, checked (`DomainError` says why not)."""
    if not (message.photo or message.document):
        return []
    return [incoming_file(message).as_dict()]


async def staff_message(message: Message, db: Db, bot: Bot, settings: Any, _: Translator) -> None:
    """A reply to a ticket's post answers the ticket; other talk in the chat is left alone."""
    reply = message.reply_to_message
    if reply is None or reply.from_user is None or reply.from_user.id != bot.id:
        return
    ticket_id = await tk.ticket_for_post(db, message.chat.id, reply.message_id)
    if ticket_id is None or message.from_user is None:
        return
    user = message.from_user
    if not await is_staff(bot, message.chat.id, user.id, settings):
        err = await tk.deny_staff_reply(db, user.id, ticket_id)
        await message.reply(error_text(_, err))
        return
    try:
        files = _staff_files(message)
        number = await tk.staff_reply(
            db,
            ticket_id,
            staff_name=_name(user),
            staff_telegram_id=user.id,
            text=message.text or message.caption or "",
            files=files,
        )
    except DomainError as err:
        await message.reply(error_text(_, err))
        return
    await message.reply(_("tic-staff-sent", number=number))


async def staff_status(
    callback: CallbackQuery,
    callback_data: StaffCb,
    db: Db,
    bot: Bot,
    settings: Any,
    _: Translator,
) -> None:
    chat_id = _staff_chat(settings)
    msg = callback.message
    user = callback.from_user
    where = msg.chat.id if msg is not None else None
    if chat_id is None or where != chat_id or not await is_staff(bot, chat_id, user.id, settings):
        err = await tk.deny_staff_status(
            db, user.id, callback_data.ticket_id, in_staff_chat=where == chat_id
        )
        await callback.answer(error_text(_, err)[:200], show_alert=True)
        return
    try:
        number = await tk.staff_set_status(
            db,
            callback_data.ticket_id,
            callback_data.status,
            staff_name=_name(user),
            staff_telegram_id=user.id,
        )
    except DomainError as err:
        await callback.answer(error_text(_, err)[:200], show_alert=True)
        return
    status = _(f"tic-status-{callback_data.status.value}")
    await callback.answer(_("tic-staff-status-set", number=number, status=status))
    if isinstance(msg, Message):
        await msg.reply(
            _("tic-staff-status-note", number=number, status=status, name=escape(_name(user)))
        )


def build_router() -> Router:
    router = Router(name="support_staff")
    router.message.register(staff_message, in_staff_chat, StateFilter("*"))
    router.callback_query.register(staff_status, StaffCb.filter(), StateFilter("*"))
    return router
