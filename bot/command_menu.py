"""The command menus Telegram shows: the guest one for every chat, and per chat the one of the
level logged in there (`domain.auth.command_menu` decides which commands, the notifier calls
`set_chat_commands` when a row asks)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand, BotCommandScopeChat

from domain.auth.command_menu import commands_for
from domain.types import Role
from keyboards.texts import Translator


def menu(_: Translator, role: Role | None) -> list[BotCommand]:
    return [BotCommand(command=c, description=_(f"cmd-{c}")) for c in commands_for(role)]


async def set_chat_commands(bot: Bot, chat_id: int, _: Translator, level: str | None) -> None:
    role = Role(level) if level else None
    await bot.set_my_commands(menu(_, role), scope=BotCommandScopeChat(chat_id=chat_id))
