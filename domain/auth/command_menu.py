"""Each chat's command menu follows the level of the login current in it.

After a login, a logout, a switch to another login or sessions ended from elsewhere (a level
revoked or changed, a password issued, a block), an outbox row (`commands`: the level, or ""
for nobody logged in) asks the notifier to set that chat's menu (`setMyCommands` with
`BotCommandScopeChat`), in the transaction of the change. Which commands a level gets is
`commands_for`: /balance only where the level may see balances.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from domain.db import Db
from domain.notifications import notify_chat
from domain.principal import MATRIX, Permission
from domain.types import Role
from storage.models import CabinetUser, Session, TelegramChat

MENU_KEY = "commands"
GUEST_COMMANDS = ("start", "cancel", "help", "language")


def commands_for(role: Role | None) -> tuple[str, ...]:
    """The commands a level may use, in the menu's order; None: nobody logged in."""
    if role is None:
        return GUEST_COMMANDS
    balance = ("balance",) if Permission.VIEW_BALANCE in MATRIX[role] else ()
    return ("menu", *balance, "cancel", "help", "language")


async def current_role(db: Db, chat: TelegramChat) -> Role | None:
    if chat.current_session_id is None:
        return None
    return await db.scalar(
        select(CabinetUser.role)
        .join(Session, Session.user_id == CabinetUser.id)
        .where(Session.id == chat.current_session_id, Session.ended_at.is_(None))
    )


async def follow_level(db: Db, chat: TelegramChat) -> None:
    """The chat's menu is set to the level of its current login (nobody's: the guest menu)."""
    role = await current_role(db, chat)
    await notify_chat(db, chat.chat_id, MENU_KEY, {}, extra={MENU_KEY: role.value if role else ""})


async def follow_ended(db: Db, session_ids: Iterable[int]) -> None:
    """Sessions ended from elsewhere: the chats they were current in get the guest menu."""
    ids = list(session_ids)
    if not ids:
        return
    chats = await db.scalars(select(TelegramChat).where(TelegramChat.current_session_id.in_(ids)))
    for chat in chats:
        await notify_chat(db, chat.chat_id, MENU_KEY, {}, extra={MENU_KEY: ""})
