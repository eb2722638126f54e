"""Small pieces every section's handlers share."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from domain.access.checks import Permission, Principal
from domain.errors import DomainError
from keyboards.menu import Section, quick_keyboard
from keyboards.texts import Translator

# Which permission opens which section of the main menu; HELP is open to everyone.
SECTION_PERMISSION: dict[Section, tuple[Permission, ...]] = {
    Section.BALANCE: (Permission.VIEW_BALANCE,),
    Section.ACCOUNTS: (Permission.VIEW_BALANCE,),
    # View-only levels see the history of their own number's documents.
    Section.DOCUMENTS: (Permission.ORDER_DOCUMENTS, Permission.VIEW_ORDERS),
    Section.SUBSCRIBERS: (Permission.VIEW_SUBSCRIBERS,),
    Section.TARIFFS: (Permission.CHANGE_TARIFF, Permission.MANAGE_SERVICES),
    Section.ORDERS: (Permission.VIEW_ORDERS,),
    Section.TICKETS: (Permission.MANAGE_TICKETS,),
    Section.PROFILE: (Permission.VIEW_PROFILE,),
    Section.HELP: (),
}


def allowed_sections(principal: Principal) -> list[Section]:
    return [
        section
        for section, perms in SECTION_PERMISSION.items()
        if not perms or any(principal.can(p) for p in perms)
    ]


def quick_keys(
    _: Translator, principal: Principal | None
) -> ReplyKeyboardMarkup | ReplyKeyboardRemove:
    """The everyday buttons under the input for this user, or none before a login (and while a
    new password is due, when they would only be refused)."""
    if principal is None or principal.must_change_password:
        return ReplyKeyboardRemove()
    return quick_keyboard(_, with_balance=principal.can(Permission.VIEW_BALANCE))


def error_text(_: Translator, err: DomainError) -> str:
    return _(err.key, **err.params)


# What Telegram answers an edit of a message that cannot be edited any more.
_GONE = ("message to edit not found", "message can't be edited")


async def show(
    target: Message | CallbackQuery,
    text: str,
    markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = None,
) -> int | None:
    """Answer a message with a new message, or a button press by editing its message.

    Editing keeps the chat short on a phone: one message per screen, not a scroll of them.
    Returns the id of the message that shows the text (None when unknown).
    """
    if isinstance(target, CallbackQuery):
        msg = target.message
        shown: int | None = None
        if (
            isinstance(msg, Message)
            and msg.text is not None
            and not isinstance(markup, ReplyKeyboardMarkup)
        ):
            shown = msg.message_id
            try:
                await msg.edit_text(text, reply_markup=markup)
            except TelegramBadRequest as exc:
                # A second press of the same button: the screen is already right. A message
                # deleted meanwhile, or one Telegram no longer lets us edit: a new one.
                if "message is not modified" in exc.message:
                    pass
                elif any(m in exc.message for m in _GONE):
                    shown = (await msg.answer(text, reply_markup=markup)).message_id
                else:
                    raise
        elif isinstance(msg, Message):
            shown = (await msg.answer(text, reply_markup=markup)).message_id
        await target.answer()
        return shown
    return (await target.answer(text, reply_markup=markup)).message_id


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
