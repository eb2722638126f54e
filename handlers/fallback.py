"""The last router: whatever no section took gets an answer that says what the bot expects."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from domain.access.checks import Principal
from handlers.common import show
from handlers.start import MenuPlaces, provide_menus, remember_menu, show_main_menu
from keyboards.menu import MAIN_SECTIONS, MenuCb, back_to_menu
from keyboards.texts import Translator

_SECTION_KEYS = dict(MAIN_SECTIONS)


async def section_not_ready(
    callback: CallbackQuery, callback_data: MenuCb, principal: Principal | None, _: Translator
) -> None:
    if principal is None:
        await show(callback, _("need-login"), back_to_menu(_))
        return
    key = _SECTION_KEYS.get(callback_data.section)
    name = _(key) if key else callback_data.section.value
    await show(callback, _("section-not-ready", section=name), back_to_menu(_))


async def unknown_callback(callback: CallbackQuery, _: Translator) -> None:
    # Data from an old keyboard, or made by hand: say so and change nothing.
    await callback.answer(_("forged-button"), show_alert=True)


# How many messages may follow the menu before it is taken to be out of sight on a phone.
MENU_IN_SIGHT = 6


async def unexpected_message(
    message: Message,
    state: FSMContext,
    principal: Principal | None,
    menus: MenuPlaces,
    _: Translator,
) -> None:
    if await state.get_state() is not None:
        # A dialog that did not recognise the input has already answered; this is a state
        # without a handler for this kind of message.
        await message.answer(_("unexpected-media") if not message.text else _("unexpected-text"))
        return
    menu_at = menus.get(message.chat.id)
    if isinstance(menu_at, int) and 0 < message.message_id - menu_at <= MENU_IN_SIGHT:
        # The menu is just above: point to it rather than fill the chat with copies of it.
        key = "unexpected-text-menu-above" if message.text else "unexpected-media-menu-above"
        await message.answer(_(key))
        return
    await message.answer(_("unexpected-text") if message.text else _("unexpected-media"))
    await remember_menu(message, menus, await show_main_menu(message, principal, _))


def build_router(menus: MenuPlaces) -> Router:
    router = Router(name="fallback")
    provide_menus(router, menus)
    router.callback_query.register(section_not_ready, MenuCb.filter())
    router.callback_query.register(unknown_callback)
    # In a group (the staff chat) people talk among themselves: the bot does not butt in.
    router.message.register(unexpected_message, F.chat.type == "private")
    return router
