"""Keyboards of the profile: the card, its dialogs, Telegram sessions, logins to switch among."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

from keyboards.menu import MenuCb, Section
from keyboards.texts import Translator
from keyboards.widgets import back_cancel_row, button, markup


class ProfileAction(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    PASSWORD = "password"
    QUESTION = "question"
    BACK = "back"
    CANCEL = "cancel"
    SESSIONS = "sessions"
    END = "end"
    SWITCH = "switch"
    ADD = "add"
    LOGOUT = "logout"


class ProfileCb(CallbackData, prefix="pf"):
    action: ProfileAction
    # A session id for "end" and "switch".
    id: int = 0


def card(_: Translator) -> InlineKeyboardMarkup:
    # Two short labels a row at most: half of a phone's width holds about 16 characters, and
    # "❓ Секретный вопрос" does not fit there.
    return markup(
        [
            [
                button(_("profile-btn-email"), ProfileCb(action=ProfileAction.EMAIL)),
                button(_("profile-btn-password"), ProfileCb(action=ProfileAction.PASSWORD)),
            ],
            [
                button(_("profile-btn-phone"), ProfileCb(action=ProfileAction.PHONE)),
                button(_("profile-btn-sessions"), ProfileCb(action=ProfileAction.SESSIONS)),
            ],
            [button(_("profile-btn-question"), ProfileCb(action=ProfileAction.QUESTION))],
            [
                button(_("profile-btn-switch"), MenuCb(section=Section.SWITCH_LOGIN)),
                button(_("profile-btn-logout"), ProfileCb(action=ProfileAction.LOGOUT)),
            ],
            [button(_("btn-main-menu"), MenuCb(section=Section.MAIN))],
        ]
    )


def dialog(_: Translator) -> InlineKeyboardMarkup:
    return markup(
        [
            back_cancel_row(
                _, ProfileCb(action=ProfileAction.BACK), ProfileCb(action=ProfileAction.CANCEL)
            )
        ]
    )


def sessions(_: Translator, others: Iterable[tuple[int, int]]) -> InlineKeyboardMarkup:
    """`others`: (number shown in the list, session id) of the sessions that may be ended."""
    rows = [
        [button(_("profile-btn-end-session", n=n), ProfileCb(action=ProfileAction.END, id=sid))]
        for n, sid in others
    ]
    rows.append(back_cancel_row(_, ProfileCb(action=ProfileAction.BACK)))
    return markup(rows)


def logins(_: Translator, items: Iterable[tuple[str, int]]) -> InlineKeyboardMarkup:
    """`items`: (label, session id) of the logins this Telegram account holds."""
    rows = [[button(label, ProfileCb(action=ProfileAction.SWITCH, id=sid))] for label, sid in items]
    rows.append([button(_("profile-btn-add-login"), ProfileCb(action=ProfileAction.ADD))])
    rows.append(back_cancel_row(_, ProfileCb(action=ProfileAction.BACK)))
    return markup(rows)


def add_login(_: Translator) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(_("menu-login-megafon"), MenuCb(section=Section.LOGIN_MEGAFON)),
                button(_("menu-login-yota"), MenuCb(section=Section.LOGIN_YOTA)),
            ],
            back_cancel_row(_, MenuCb(section=Section.SWITCH_LOGIN)),
        ]
    )
