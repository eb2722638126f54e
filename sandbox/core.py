"""The sandbox's world: users, chats, messages, files and the update queue.

Everything here is plain in-memory state with the primitives both sides share; the Bot
API methods live in ``botapi.py`` and the user side in ``state.py``. All of it runs on
one event loop: the only awaiting is in the long polls, which never hold state across
an ``await`` they did not re-check.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sandbox.entities import Entity, render_html
from sandbox.errors import TelegramError, bad_request, forbidden
from sandbox.files import FileStore
from sandbox.layout import cut_labels
from sandbox.markup import Markup, inline_buttons

STAFF_TITLE = "Staff"
# What Fluent shows in place of a placeable it could not fill: a reader cannot read it.
BROKEN_PLACEABLE = "{???}"
# A hyphenated lower-case word standing alone (not part of an address, a file name or a URL).
_WORDS = re.compile(r"(?<![\w./@:-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w@/-]|\.\w)")


@dataclass
class SandboxUser:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str = "ru"
    # Sandbox-only: what a request_contact keyboard button shares for this user.
    phone_number: str | None = None

    def to_telegram(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass
class StoredMessage:
    chat_id: int
    message_id: int
    sender: dict[str, Any]
    from_bot: bool
    date: int
    version: int
    kind: str = "text"  # text | document | photo | sticker | contact
    text: str = ""  # the text of a text message, the caption of any other
    entities: list[Entity] = field(default_factory=list)
    media: Any = None  # the Telegram object of `kind` (Document, [PhotoSize], Sticker, ...)
    reply_markup: Markup | None = None  # only inline keyboards stay on a message
    reply_to: int | None = None
    media_group_id: str | None = None
    edit_date: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # forward_origin and such


@dataclass
class ChatState:
    id: int
    type: str  # "private" or "supergroup"
    title: str | None = None
    user: SandboxUser | None = None
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    last_message_id: int = 0
    tombstones: dict[int, int] = field(default_factory=dict)  # deleted id -> version
    reply_keyboard: Markup | None = None
    keyboard_version: int = 0
    actions: list[tuple[int, str]] = field(default_factory=list)  # (version, action)
    # Groups: user id → "creator" | "administrator" | "member" | "left" | "kicked"
    # (getChatMember's status).
    members: dict[int, str] = field(default_factory=dict)

    def to_telegram(self) -> dict[str, Any]:
        if self.type == "private" and self.user is not None:
            data = {"id": self.id, "type": "private", "first_name": self.user.first_name}
            if self.user.last_name:
                data["last_name"] = self.user.last_name
            if self.user.username:
                data["username"] = self.user.username
            return data
        return {"id": self.id, "type": self.type, "title": self.title or STAFF_TITLE}


@dataclass
class CallbackQueryRecord:
    id: str
    chat_id: int
    message_id: int
    user_id: int
    answered: bool = False


def _bot_id_from(token: str) -> int:
    head = token.split(":", 1)[0]
    return int(head) if head.isdigit() else 123456


class SandboxState:
    def __init__(
        self,
        token: str = "123456:SANDBOX-TOKEN",
        *,
        bot_id: int | None = None,
        bot_username: str = "b2b_cabinet_bot",
        clock: Callable[[], float] = time.time,
    ) -> None:
        # Seconds since the epoch for message dates; the program beside it passes its own
        # clock, so that a chat on a pinned day (CABINET_TODAY) is dated that day too.
        self.clock = clock
        self.token = token
        self.bot_id = bot_id if bot_id is not None else _bot_id_from(token)
        self.bot_username = bot_username
        self.bot_first_name = "B2B Cabinet (sandbox)"
        self.users: dict[int, SandboxUser] = {}
        self.chats: dict[int, ChatState] = {}
        self.blocked: set[int] = set()
        self.files = FileStore()
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        self.answers: list[dict[str, Any]] = []
        self.my_commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.webhook_url = ""
        # Off = the bot sees every group message, as when it is a group admin. On = only
        # /commands and replies to the bot, as Telegram's default privacy mode.
        self.privacy_mode = False
        self.version = 0
        self.updates: list[dict[str, Any]] = []
        self.allowed_updates: list[str] | None = None
        self.closing = False
        self.poll_generation = 0
        self._next_update_id = 1
        self._ids = itertools.count(1)
        self._changed = asyncio.Event()
        # What a test checks at its end: every Bad Request answered to the bot, and every text
        # or button a person could not read (see ``read_as_user``).
        self.refusals: list[dict[str, Any]] = []
        self.unreadable: list[str] = []
        # Words a reader must never meet: the program's message ids, and any word "prefix-…"
        # with a prefix its ids use (an id missing from the texts); set by its tests.
        self.forbidden_words: frozenset[str] = frozenset()
        self.forbidden_prefixes: frozenset[str] = frozenset()

    # ------------------------------------------------------------------ change signal

    def next_version(self) -> int:
        self.version += 1
        return self.version

    def notify(self) -> None:
        """Wake every long poll; each re-checks whether the change concerns it."""
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def wait_change(self, seconds: float) -> None:
        changed = self._changed
        try:
            await asyncio.wait_for(changed.wait(), seconds)
        except TimeoutError:
            pass

    def close(self) -> None:
        """Release the long polls at shutdown, so the HTTP server can stop at once."""
        self.closing = True
        self.notify()

    def unique_id(self) -> int:
        return next(self._ids)

    # ------------------------------------------------------------------ users and chats

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def user(self, user_id: int) -> SandboxUser:
        """The user, created with a default name on first use."""
        if user_id <= 0:
            raise ValueError(f"a user id must be positive, got {user_id}")
        if user_id not in self.users:
            self.users[user_id] = SandboxUser(id=user_id, first_name=f"User {user_id}")
        return self.users[user_id]

    def open_chat(self, chat_id: int, title: str = STAFF_TITLE) -> ChatState:
        """The chat, created if needed: private for a positive id, a group for a negative."""
        chat = self.chats.get(chat_id)
        if chat is None:
            if chat_id > 0:
                chat = ChatState(id=chat_id, type="private", user=self.user(chat_id))
            elif chat_id < 0:
                chat = ChatState(id=chat_id, type="supergroup", title=title)
            else:
                raise ValueError("chat id 0 is not valid")
            self.chats[chat_id] = chat
        return chat

    def known_chat(self, chat_id: int) -> ChatState:
        chat = self.chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def chat_for_bot(self, chat_id: int) -> ChatState:
        """A chat the bot may write to: known, and not a user who blocked the bot."""
        chat = self.known_chat(chat_id)
        if chat.type == "private" and chat_id in self.blocked:
            raise forbidden("bot was blocked by the user")
        return chat

    def now(self) -> int:
        return int(self.clock())

    # ------------------------------------------------------------------ what a test checks

    def record_refusal(self, method: str, params: dict[str, Any], error: TelegramError) -> None:
        """Keep a Bad Request the bot got, even if the bot then swallowed it."""
        if error.code != 400:
            return
        shown = {k: v for k, v in params.items() if k in ("chat_id", "message_id", "text")}
        self.refusals.append({"method": method, "description": error.description, "params": shown})

    def read_as_user(self, where: str, text: str, markup: Markup | None = None) -> None:
        """Note what a person could not read in a text and its buttons: a placeable Fluent
        left unfilled, a forbidden word (a message id shown instead of its text), a name in
        «» cut with «…» before its closing quote, a label Telegram cuts on a phone."""
        labels = [str(b.get("text", "")) for b in inline_buttons(markup)]
        for part in (text, *labels):
            if BROKEN_PLACEABLE in part:
                self.unreadable.append(f"{where}: {BROKEN_PLACEABLE} in {part[:200]!r}")
            words = {
                word
                for word in _WORDS.findall(part)
                if word in self.forbidden_words or word.split("-")[0] in self.forbidden_prefixes
            }
            if words:
                self.unreadable.append(f"{where}: message ids {sorted(words)} in {part[:200]!r}")
            for line in part.splitlines():
                # A name in «…» cut short by the bot: «тариф «Корпоративный 100… · −900 ₽».
                if "…" in line and line.count("«") > line.count("»"):
                    self.unreadable.append(f"{where}: a quoted name cut with «…»: {line!r}")
        for cut in cut_labels(markup):
            self.unreadable.append(f"{where}: button cut on a phone: {cut}")

    # ------------------------------------------------------------------ messages

    def add_message(self, chat: ChatState, sender: dict[str, Any], **fields: Any) -> StoredMessage:
        chat.last_message_id += 1
        message = StoredMessage(
            chat_id=chat.id,
            message_id=chat.last_message_id,
            sender=sender,
            from_bot=bool(sender.get("is_bot")),
            date=self.now(),
            version=self.next_version(),
            **fields,
        )
        chat.messages[message.message_id] = message
        self.notify()
        return message

    def find_message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        chat = self.chats.get(chat_id)
        return chat.messages.get(message_id) if chat else None

    def touch(self, message: StoredMessage) -> None:
        """Mark a message edited now."""
        message.edit_date = self.now()
        message.version = self.next_version()
        self.notify()

    def remove_message(self, chat: ChatState, message_id: int) -> None:
        del chat.messages[message_id]
        chat.tombstones[message_id] = self.next_version()
        self.notify()

    def set_reply_keyboard(self, chat: ChatState, markup: Markup | None) -> None:
        chat.reply_keyboard = markup
        chat.keyboard_version = self.next_version()

    def message_dict(self, message: StoredMessage, *, with_reply: bool = True) -> dict[str, Any]:
        """The message as the Bot API shows it."""
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "from": message.sender,
            "chat": self.chats[message.chat_id].to_telegram(),
            "date": message.date,
        }
        if message.kind == "text":
            data["text"] = message.text
            if message.entities:
                data["entities"] = message.entities
        else:
            data[message.kind] = message.media
            if message.text:
                data["caption"] = message.text
            if message.entities:
                data["caption_entities"] = message.entities
        self._add_optional_fields(message, data, with_reply)
        return data

    def _add_optional_fields(
        self, message: StoredMessage, data: dict[str, Any], with_reply: bool
    ) -> None:
        if message.reply_markup:
            data["reply_markup"] = message.reply_markup
        if message.edit_date is not None:
            data["edit_date"] = message.edit_date
        if message.media_group_id:
            data["media_group_id"] = message.media_group_id
        target = self.find_message(message.chat_id, message.reply_to) if message.reply_to else None
        # Telegram includes the replied message one level deep, and only while it exists.
        if with_reply and target is not None:
            data["reply_to_message"] = self.message_dict(target, with_reply=False)
        data.update(message.extra)

    def view(self, message: StoredMessage) -> dict[str, Any]:
        """The message as a person sees it in the chat (what tests and the web page read)."""
        photo = message.media[-1] if message.kind == "photo" else None
        return {
            "message_id": message.message_id,
            "version": message.version,
            "from_bot": message.from_bot,
            "from": message.sender,
            "date": message.date,
            "edited": message.edit_date is not None,
            "kind": message.kind,
            "text": message.text,
            "html": render_html(message.text, message.entities),
            "entities": message.entities,
            "reply_markup": message.reply_markup,
            "document": message.media if message.kind == "document" else None,
            "photo": photo,
            "sticker": message.media if message.kind == "sticker" else None,
            "contact": message.media if message.kind == "contact" else None,
            "reply_to_message_id": message.reply_to,
            "media_group_id": message.media_group_id,
            "forwarded": "forward_origin" in message.extra,
        }

    # ------------------------------------------------------------------ updates

    def enqueue(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": self._next_update_id, kind: payload}
        self._next_update_id += 1
        self.updates.append(update)
        self.notify()
        return update

    def confirm_updates(self, offset: int) -> None:
        """getUpdates' offset: confirm everything below it (negative: keep the last N)."""
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int = 100,
        timeout: float = 0,
    ) -> list[dict[str, Any]]:
        """getUpdates: confirm below ``offset``, then wait up to ``timeout`` s for any."""
        if offset is not None:
            self.confirm_updates(offset)
        limit = min(max(limit, 1), 100)
        self.poll_generation += 1
        generation = self.poll_generation
        self.notify()  # an older long poll still waiting is now superseded
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(timeout, 0.0)
        while True:
            if generation != self.poll_generation:
                raise TelegramError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            batch = self.deliverable_updates(limit)
            remaining = deadline - loop.time()
            if batch or remaining <= 0 or self.closing:
                return batch
            await self.wait_change(remaining)

    def deliverable_updates(self, limit: int) -> list[dict[str, Any]]:
        allowed = self.allowed_updates
        if allowed:
            # Telegram never delivers filtered-out updates later, so drop them for good.
            self.updates = [u for u in self.updates if _update_type(u) in allowed]
        return self.updates[:limit]


def _update_type(update: dict[str, Any]) -> str:
    return next(key for key in update if key != "update_id")
