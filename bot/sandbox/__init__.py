"""A local Telegram Bot API emulator with a "user side", for running and testing the bot
without a Telegram account. See ``state.Sandbox`` (in-process) and ``server`` (HTTP)."""

from bot.sandbox.core import SandboxUser
from bot.sandbox.errors import TelegramError
from bot.sandbox.state import ButtonNotFound, Sandbox

__all__ = ["ButtonNotFound", "Sandbox", "SandboxUser", "TelegramError"]
