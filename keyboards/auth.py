"""Keyboards of the login dialogs.

The login steps wait for typed text (a number, a code, a password), so their buttons are a reply
keyboard under the input field: "share my number", "log in with a password", "forgot password",
"back" and "cancel" are one tap away and the field stays free for typing.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from domain.types import Brand
from keyboards.texts import Translator
from keyboards.widgets import button, markup


class AuthAction(StrEnum):
    LOGOUT = "logout"


class AuthCb(CallbackData, prefix="au"):
    action: AuthAction


def _reply(rows: list[list[str]], *, contact_first: str | None = None) -> ReplyKeyboardMarkup:
    keyboard: list[list[KeyboardButton]] = []
    if contact_first:
        keyboard.append([KeyboardButton(text=contact_first, request_contact=True)])
    keyboard += [[KeyboardButton(text=t) for t in row] for row in rows]
    return ReplyKeyboardMarkup(keyboard=keyboard, resize_keyboard=True, one_time_keyboard=False)


def _back_cancel(_: Translator) -> list[str]:
    return [_("btn-back"), _("btn-cancel")]


def login_start(_: Translator, brand: Brand) -> ReplyKeyboardMarkup:
    """MegaFon: share-contact first; both: password login, recovery, back, cancel."""
    share = _("auth-btn-share") if brand is Brand.MEGAFON else None
    return _reply(
        [[_("auth-btn-password"), _("auth-btn-forgot")], _back_cancel(_)], contact_first=share
    )


def code_step(_: Translator) -> ReplyKeyboardMarkup:
    return _reply([[_("auth-btn-new-code")], _back_cancel(_)])


def login_step(_: Translator, brand: Brand) -> ReplyKeyboardMarkup:
    """Typing a login for the password: MegaFon may share the contact instead."""
    share = _("auth-btn-share") if brand is Brand.MEGAFON else None
    return _reply([_back_cancel(_)], contact_first=share)


def back_cancel(_: Translator) -> ReplyKeyboardMarkup:
    return _reply([_back_cancel(_)])


def channel_step(_: Translator) -> ReplyKeyboardMarkup:
    return _reply([[_("auth-btn-sms"), _("auth-btn-email")], _back_cancel(_)])


def forced_password(_: Translator) -> InlineKeyboardMarkup:
    """The forced new-password step offers only one way out: logging out."""
    return markup([[button(_("auth-btn-logout"), AuthCb(action=AuthAction.LOGOUT))]])


def remove() -> ReplyKeyboardRemove:
    return ReplyKeyboardRemove()
