"""The main menu of the cabinet and the reply keyboard that is always at hand."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder

from keyboards.texts import Translator


class Section(StrEnum):
    BALANCE = "bal"
    ACCOUNTS = "acc"
    DOCUMENTS = "doc"
    SUBSCRIBERS = "sub"
    TARIFFS = "tar"
    ORDERS = "ord"
    TICKETS = "tic"
    PROFILE = "prf"
    HELP = "hlp"
    MAIN = "main"
    LOGIN_MEGAFON = "lmf"
    LOGIN_YOTA = "lyo"
    APPLY = "apl"
    SWITCH_LOGIN = "swl"


class MenuCb(CallbackData, prefix="m"):
    section: Section


# The cabinet's sections in menu order, with their message ids.
MAIN_SECTIONS: tuple[tuple[Section, str], ...] = (
    (Section.BALANCE, "menu-balance"),
    (Section.ACCOUNTS, "menu-accounts"),
    (Section.DOCUMENTS, "menu-documents"),
    (Section.SUBSCRIBERS, "menu-subscribers"),
    (Section.TARIFFS, "menu-tariffs"),
    (Section.ORDERS, "menu-orders"),
    (Section.TICKETS, "menu-tickets"),
    (Section.PROFILE, "menu-profile"),
    (Section.HELP, "menu-help"),
)


def main_menu(_: Translator, sections: Iterable[Section]) -> InlineKeyboardMarkup:
    """Two buttons a row, only the sections given; built once per language and set of sections
    (the menu is the most shown screen, and building markup is not free)."""
    return _main_menu_cached(_.locale, frozenset(sections), _)


_MENU_CACHE: dict[tuple[str, frozenset[Section]], InlineKeyboardMarkup] = {}


def _main_menu_cached(
    locale: str, allowed: frozenset[Section], _: Translator
) -> InlineKeyboardMarkup:
    key = (locale, allowed)
    markup = _MENU_CACHE.get(key)
    if markup is None:
        buttons = [
            InlineKeyboardButton(text=_(text_key), callback_data=MenuCb(section=section).pack())
            for section, text_key in MAIN_SECTIONS
            if section in allowed
        ]
        rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        markup = _MENU_CACHE[key] = InlineKeyboardMarkup(inline_keyboard=rows)
    return markup


def anon_menu(_: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("menu-login-megafon"), callback_data=MenuCb(section=Section.LOGIN_MEGAFON)
    )
    builder.button(text=_("menu-login-yota"), callback_data=MenuCb(section=Section.LOGIN_YOTA))
    builder.button(text=_("menu-apply"), callback_data=MenuCb(section=Section.APPLY))
    builder.button(text=_("menu-help"), callback_data=MenuCb(section=Section.HELP))
    builder.adjust(2, 1, 1)
    return builder.as_markup()


def back_to_menu(_: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=_("btn-main-menu"), callback_data=MenuCb(section=Section.MAIN).pack()
                )
            ]
        ]
    )


def quick_keyboard(_: Translator, *, with_balance: bool = True) -> ReplyKeyboardMarkup:
    """Always under the input field: the balance in one tap (for levels that see balances),
    and the menu."""
    row = [KeyboardButton(text=_("reply-menu"))]
    if with_balance:
        row.insert(0, KeyboardButton(text=_("reply-balance")))
    return ReplyKeyboardMarkup(keyboard=[row], resize_keyboard=True, is_persistent=True)


def section_and_menu(_: Translator, section: Section) -> InlineKeyboardMarkup:
    """The section's own menu and the main menu: where a button out of its dialog leads."""
    key = dict(MAIN_SECTIONS)[section]
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text=_(key), callback_data=MenuCb(section=section).pack()),
                InlineKeyboardButton(
                    text=_("btn-main-menu"), callback_data=MenuCb(section=Section.MAIN).pack()
                ),
            ]
        ]
    )
