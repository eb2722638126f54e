"""Small pieces every section's handlers share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    TelegramObject,
)

from domain.access.checks import Principal
from domain.auth.profile import CabinetRights, cabinet_rights
from domain.errors import DomainError
from domain.tickets.attachments import Attachment, check_file
from domain.types import AttachmentKind
from keyboards.menu import Section, quick_keyboard
from keyboards.texts import Translator

# What aiogram hands a middleware's `__call__` as `handler`: the rest of the chain (the gate and
# the menu places here; bot/middlewares has the same alias for bot's own).
NextHandler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]

# Which of the level's rights (`domain.auth.profile.cabinet_rights`) opens which section of the
# main menu, in the menu's order; HELP is open to everyone.
SECTION_RIGHT: dict[Section, Callable[[CabinetRights], bool]] = {
    Section.BALANCE: lambda r: r.balance,
    Section.ACCOUNTS: lambda r: r.balance,
    Section.DOCUMENTS: lambda r: r.documents,
    Section.SUBSCRIBERS: lambda r: r.subscribers,
    Section.TARIFFS: lambda r: r.tariffs,
    Section.ORDERS: lambda r: r.orders,
    Section.TICKETS: lambda r: r.tickets,
    Section.PROFILE: lambda r: r.profile,
    Section.HELP: lambda r: True,
}


def allowed_sections(principal: Principal) -> list[Section]:
    rights = cabinet_rights(principal)
    return [section for section, opens in SECTION_RIGHT.items() if opens(rights)]


def quick_keys(
    _: Translator, principal: Principal | None
) -> ReplyKeyboardMarkup | ReplyKeyboardRemove:
    """The everyday buttons under the input for this user, or none before a login (and while a
    new password is due, when they would only be refused)."""
    if principal is None or principal.must_change_password:
        return ReplyKeyboardRemove()
    return quick_keyboard(_, with_balance=cabinet_rights(principal).balance)


def short_name(name: str, size: int = 20) -> str:
    """`Иванова Надежда Константиновна` → `Иванова Н. К.`: a button naming a person fits a
    phone's width (the card shows the whole name); a longer surname is cut with «…»."""
    parts = name.split()
    if len(name) > size and len(parts) > 1 and all(p[0].isalpha() for p in parts[1:3]):
        name = parts[0] + " " + " ".join(p[0] + "." for p in parts[1:3])
    return name if len(name) <= size else name[: size - 1] + "…"


def error_text(_: Translator, err: DomainError) -> str:
    return _(err.key, **err.params)


# What Telegram answers an edit of a message that cannot be edited any more.
_GONE = ("message to edit not found", "message can't be edited")


async def show(
    target: Message | CallbackQuery,
    text: str,
    markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = None,
    *,
    notice: str | None = None,
) -> int | None:
    """Answer a message with a new message, or a button press by editing its message.

    Editing keeps the chat short on a phone: one message per screen, not a scroll of them.
    `notice`: what the press is answered with (a toast above the chat); a press is answered
    once, here, so a handler with something to say passes it rather than answering itself.
    Returns the id of the message that shows the text (None when unknown).
    """
    if isinstance(target, CallbackQuery):
        msg = target.message
        shown = await _edit_screen(msg, text, markup) if isinstance(msg, Message) else None
        await target.answer(notice)
        return shown
    return (await target.answer(text, reply_markup=markup)).message_id


async def _edit_screen(
    msg: Message, text: str, markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None
) -> int:
    """The pressed message edited to show `text` (a new message where it cannot be)."""
    if _unchanged(msg, text, markup):
        return msg.message_id  # a second press of the same button: already right
    if msg.text is None or isinstance(markup, ReplyKeyboardMarkup):
        return (await msg.answer(text, reply_markup=markup)).message_id
    try:
        await msg.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        # The same screen pressed from a stale copy of the message: already right. A message
        # deleted meanwhile, or one Telegram no longer lets us edit: a new one.
        if "message is not modified" in exc.message:
            return msg.message_id
        if any(m in exc.message for m in _GONE):
            return (await msg.answer(text, reply_markup=markup)).message_id
        raise
    return msg.message_id


def _unchanged(
    msg: object, text: str, markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None
) -> bool:
    """The message already shows this text and these buttons: Telegram refuses such an edit."""
    if not isinstance(msg, Message) or msg.text is None or msg.html_text != text.strip():
        return False
    shown, wanted = msg.reply_markup, markup
    if shown is None or wanted is None:
        return shown is None and wanted is None
    # As Telegram sends it back: no empty fields (the objects differ in what was set).
    return bool(shown.model_dump(exclude_none=True) == wanted.model_dump(exclude_none=True))


async def ask_value(
    target: Message | CallbackQuery,
    question: str,
    markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = None,
    *,
    error: str = "",
) -> int | None:
    """Ask for a typed value, or ask again after a wrong one: the error first, then the same
    question with its example and its buttons (back, cancel). What was entered before stays in
    the dialog's state; only the wrong answer is asked again. Every dialog asks through this."""
    return await show(target, f"{error}\n\n{question}" if error else question, markup)


async def alert(callback: CallbackQuery, text: str) -> None:
    await callback.answer(text, show_alert=True)


def incoming_file(message: Message, index: int = 1) -> Attachment:
    """The document or photo of a message (a ticket's, a staff answer's), checked
    (`ValidationFailed` says why not); `index`: its number among the ticket's files."""
    # What Telegram says of it: its id, name, type, size, and which of the two it is.
    sent: tuple[str, str | None, str | None, int | None, AttachmentKind]
    if message.photo:
        photo = message.photo[-1]
        sent = (photo.file_id, None, "image/jpeg", photo.file_size, AttachmentKind.PHOTO)
    else:
        doc = message.document
        assert doc is not None
        sent = (doc.file_id, doc.file_name, doc.mime_type, doc.file_size, AttachmentKind.DOCUMENT)
    file_id, name, mime, size, kind = sent
    return check_file(file_id=file_id, name=name, mime=mime, size=size, kind=kind, index=index)
