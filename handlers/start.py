"""Start, main menu, help, cancel and language: what works from anywhere."""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import Any

from aiogram import BaseMiddleware, F, Router
from aiogram.filters import Command, CommandStart, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, TelegramObject

from domain.access.checks import Principal
from domain.auth import preferences
from domain.db import Db
from domain.validation import format_phone as _format_phone
from handlers.common import NextHandler, allowed_sections, quick_keys, show
from keyboards.menu import MenuCb, Section, anon_menu, back_to_menu, main_menu
from keyboards.texts import Translator


@lru_cache(maxsize=4096)
def format_phone(e164: str) -> str:
    # The menu is the most shown screen; parsing the same login every time is wasted work.
    return _format_phone(e164)


def main_menu_text(principal: Principal, _: Translator) -> str:
    from html import escape

    return _(
        "start-main",
        company=escape(principal.company_name),
        login=escape(
            format_phone(principal.login) if principal.login.startswith("+") else principal.login
        ),
        role=_(f"role-{principal.role.value}"),
    )


async def show_main_menu(
    target: Message | CallbackQuery, principal: Principal | None, _: Translator
) -> int | None:
    """The main menu for a logged-in user, or the login choices for everyone else.

    Returns the id of the message that shows it."""
    if principal is None:
        return await show(target, _("start-anon"), anon_menu(_))
    return await show(
        target, main_menu_text(principal, _), main_menu(_, allowed_sections(principal))
    )


class MenuPlaces:
    """Where each chat's main menu was last shown, so that a stray text can point to it instead
    of repeating it. Kept in memory, not in the FSM: writing it to the database on every /menu
    would cost a commit per update. Bounded; with several instances a chat may get one menu
    more than needed, never fewer pointers to a menu that is there."""

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self._where: OrderedDict[int, int] = OrderedDict()

    def remember(self, chat_id: int, message_id: int | None) -> None:
        if message_id is None:
            return
        self._where[chat_id] = message_id
        self._where.move_to_end(chat_id)
        while len(self._where) > self.size:
            self._where.popitem(last=False)

    def get(self, chat_id: int) -> int | None:
        return self._where.get(chat_id)


class ProvideMenus(BaseMiddleware):
    """Hands a router's handlers the `MenuPlaces` of their Dispatcher as `menus`."""

    def __init__(self, menus: MenuPlaces) -> None:
        self.menus = menus

    async def __call__(
        self, handler: NextHandler, event: TelegramObject, data: dict[str, Any]
    ) -> Any:
        data["menus"] = self.menus
        return await handler(event, data)


def provide_menus(router: Router, menus: MenuPlaces) -> None:
    """The routers that show or point to the menu share one `MenuPlaces` per Dispatcher
    (`handlers.build_routers` makes one for each set of routers it builds): two bots, or two
    test harnesses, in one process never take each other's chats' menus for their own."""
    router.message.middleware(ProvideMenus(menus))
    router.callback_query.middleware(ProvideMenus(menus))


def _chat_of(target: Message | CallbackQuery) -> int | None:
    msg = target.message if isinstance(target, CallbackQuery) else target
    return msg.chat.id if msg is not None else None


async def remember_menu(
    target: Message | CallbackQuery, menus: MenuPlaces, message_id: int | None
) -> None:
    chat_id = _chat_of(target)
    if chat_id is not None:
        menus.remember(chat_id, message_id)


async def cmd_start(
    message: Message,
    state: FSMContext,
    principal: Principal | None,
    menus: MenuPlaces,
    _: Translator,
) -> None:
    if principal is not None:
        # The reply keyboard keeps the balance and the menu one tap away.
        await message.answer(_("reply-menu"), reply_markup=quick_keys(_, principal))
    await open_menu(message, state, principal, menus, _)


async def open_menu(
    target: Message | CallbackQuery,
    state: FSMContext,
    principal: Principal | None,
    menus: MenuPlaces,
    _: Translator,
) -> None:
    """/menu, «Меню» under the input, a «В меню» button: the main menu, any dialog left."""
    await state.clear()
    await remember_menu(target, menus, await show_main_menu(target, principal, _))


async def open_help(target: Message | CallbackQuery, _: Translator) -> None:
    await show(target, _("help-text"), back_to_menu(_))


async def cmd_cancel(
    message: Message, state: FSMContext, principal: Principal | None, _: Translator
) -> None:
    had_state = await state.get_state() is not None
    await state.clear()
    # A dialog may have put its own reply keyboard (share contact); put back the everyday one.
    keyboard = quick_keys(_, principal)
    await message.answer(
        _("cancelled") if had_state else _("nothing-to-cancel"), reply_markup=keyboard
    )
    await show_main_menu(message, principal, _)


async def cmd_language(message: Message, db: Db, i18n: Any, _: Translator) -> None:
    assert message.from_user is not None
    new = "en" if _.locale == "ru" else "ru"
    await preferences.set_locale(db, message.from_user.id, message.chat.id, new)
    await message.answer(i18n.get(new)("language-set"))


def build_router(i18n: Any, menus: MenuPlaces) -> Router:
    router = Router(name="start")
    provide_menus(router, menus)
    # These work in every state: a user is never stuck in a dialog.
    any_state = StateFilter("*")
    router.message.register(cmd_start, CommandStart(), any_state)
    router.message.register(open_menu, Command("menu"), any_state)
    router.message.register(open_menu, F.text.in_(i18n.all_variants("reply-menu")), any_state)
    router.message.register(open_help, Command("help"), any_state)
    router.message.register(cmd_cancel, Command("cancel"), any_state)
    router.message.register(cmd_language, Command("language"), any_state)
    router.callback_query.register(open_menu, MenuCb.filter(F.section == Section.MAIN), any_state)
    router.callback_query.register(open_help, MenuCb.filter(F.section == Section.HELP), any_state)
    return router
