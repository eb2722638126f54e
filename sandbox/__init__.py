"""A local Telegram Bot API emulator with a "user side", for running and testing the bot
without a Telegram account. See ``state.Sandbox`` (in-process) and ``server`` (HTTP)."""

from sandbox.core import SandboxUser
from sandbox.errors import TelegramError
from sandbox.state import ButtonNotFound, Sandbox

__all__ = ["ButtonNotFound", "Sandbox", "SandboxUser", "TelegramError"]
