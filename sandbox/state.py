"""``Sandbox``: the emulated Telegram as tests drive it, with no HTTP involved.

The user side (``send_text``, ``press_button``, ...) changes the chat the way a person's
Telegram app would and queues the Update the bot would get; ``take_updates`` hands those
to an in-process Dispatcher, ``get_updates`` to a polling bot. The bot side is ``call``:
one Bot API method with Telegram's validation and error texts (see ``botapi.py``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import EllipsisType
from typing import Any

from sandbox.botapi import BotApi, Upload, known_method
from sandbox.core import (
    CallbackQueryRecord,
    ChatState,
    SandboxState,
    SandboxUser,
    StoredMessage,
)
from sandbox.entities import detect_bot_commands
from sandbox.errors import TelegramError, too_many_requests
from sandbox.files import document_dict, guess_mime, photo_media
from sandbox.markup import Markup, inline_buttons
from sandbox.params import Params

__all__ = ["ButtonNotFound", "Sandbox", "SandboxUser", "TelegramError"]

USER_TEXT_LIMIT = 4096
MEMBER_STATUSES = frozenset({"creator", "administrator", "member", "left", "kicked"})
# A minimal WebP header: stickers only need to exist as a file the bot could download.
_STICKER_BYTES = b"RIFF\x1a\x00\x00\x00WEBPVP8 \x0e\x00\x00\x00" + bytes(14)


class ButtonNotFound(LookupError, ValueError):
    """The user can't press that: no such button is visible in the chat."""


@dataclass
class _FloodRule:
    every: int  # answer every N-th matching request with 429
    retry_after: int
    methods: set[str] | None  # lowercased; None = every method but getUpdates
    counter: int = 0


class Sandbox(SandboxState):
    def __init__(
        self,
        token: str = "123456:SANDBOX-TOKEN",
        *,
        bot_id: int | None = None,
        bot_username: str = "b2b_cabinet_bot",
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(token, bot_id=bot_id, bot_username=bot_username, clock=clock)
        self._api = BotApi(self)
        self._flood: _FloodRule | None = None
        # SMS and e-mails the bot's gateways sent while it runs beside this sandbox, so that a
        # person trying the bot in the web chat reads one-time codes there.
        self.inbox: list[dict[str, Any]] = []

    def deliver(self, channel: str, to: str, text: str, subject: str | None = None) -> None:
        """Keep an SMS ("sms") or an e-mail ("email") the bot sent; the web chat shows it."""
        self.inbox.append(
            {
                "id": len(self.inbox) + 1,
                "channel": channel,
                "to": to,
                "subject": subject,
                "text": text,
                "date": self.now(),
            }
        )
        del self.inbox[:-200]  # a long-running sandbox keeps the recent ones

    # ================================================================== fault injection

    def set_flood(
        self, share: float, retry_after: int = 1, methods: set[str] | None = None
    ) -> None:
        """Answer ``share`` of the matching bot requests with 429 Too Many Requests.

        Deterministic: every ``round(1/share)``-th matching request fails (share=1.0 →
        all, 0.5 → every 2nd, 0.3 → every 3rd); ``share=0`` switches flooding off.
        ``methods=None`` matches every method except getUpdates, so a polling bot keeps
        receiving updates while its sends are throttled.
        """
        if not 0 <= share <= 1:
            raise ValueError(f"share must be within 0..1, got {share}")
        if share == 0:
            self._flood = None
            return
        lowered = {m.lower() for m in methods} if methods is not None else None
        self._flood = _FloodRule(max(1, round(1 / share)), retry_after, lowered)

    def block_bot(self, user_id: int, *, notify: bool = False) -> None:
        """The user blocks the bot: sending to them now fails with 403.

        ``notify=True`` also queues the ``my_chat_member`` update Telegram sends then.
        Any later message or button press from the user unblocks (Telegram's "Restart").
        """
        self.blocked.add(user_id)
        if notify:
            self._member_update(user_id, old="member", new="kicked")

    def unblock_bot(self, user_id: int, *, notify: bool = False) -> None:
        if user_id in self.blocked:
            self.blocked.discard(user_id)
            if notify:
                self._member_update(user_id, old="kicked", new="member")

    # ================================================================== user side

    def add_user(self, user: SandboxUser) -> None:
        self.users[user.id] = user

    def set_member(self, chat_id: int, user_id: int, status: str = "member") -> None:
        """A user joins a group ("member", "creator"), leaves it ("left") or is banned
        ("kicked"); getChatMember answers with this status."""
        if status not in MEMBER_STATUSES:
            raise ValueError(f"status must be one of {sorted(MEMBER_STATUSES)}, got {status!r}")
        chat = self.open_chat(chat_id)
        if chat.type == "private":
            raise ValueError("a private chat has no members to set")
        self.user(user_id)
        chat.members[user_id] = status

    def send_text(self, user_id: int, text: str, *, chat_id: int | None = None) -> dict[str, Any]:
        """The user sends a text message; /commands get their bot_command entities."""
        _check_user_text(text)
        return self._user_message(
            user_id, chat_id, kind="text", text=text, entities=detect_bot_commands(text)
        )

    def press(
        self, user_id: int, message_id: int, callback_data: str, *, chat_id: int | None = None
    ) -> str:
        """The user presses the inline button carrying ``callback_data``; → query id."""
        chat = self._existing_chat(user_id, chat_id)
        message = chat.messages.get(message_id)
        if message is None or not message.from_bot:
            raise ButtonNotFound(f"no bot message {message_id} in chat {chat.id}")
        datas = [b.get("callback_data") for b in inline_buttons(message.reply_markup)]
        if callback_data not in datas:
            raise ButtonNotFound(
                f"message {message_id} has no button with callback_data {callback_data!r}; "
                f"its buttons: {_button_summary(message.reply_markup)}"
            )
        return self._callback_query(user_id, chat, message, callback_data)

    def press_button(self, user_id: int, text: str, *, chat_id: int | None = None) -> str:
        """Press the inline button labelled ``text`` in the latest message showing one.

        An exact label wins over a partial one anywhere in the chat; → query id.
        """
        chat = self._existing_chat(user_id, chat_id)
        message, button = self._find_inline_button(chat, text)
        if "callback_data" not in button:
            action = next(k for k in button if k != "text")
            raise ButtonNotFound(
                f"button {button['text']!r} is a {action} button: pressing it sends "
                "nothing to the bot"
            )
        return self.press(user_id, message.message_id, button["callback_data"], chat_id=chat.id)

    def press_reply_button(
        self, user_id: int, text: str, *, chat_id: int | None = None
    ) -> dict[str, Any]:
        """Tap a button of the reply keyboard: sends its text, or the contact it asks for."""
        chat = self._existing_chat(user_id, chat_id)
        button = _find_reply_button(chat, text)
        if button.get("request_contact"):
            phone = self.user(user_id).phone_number
            if not phone:
                raise ValueError(f"user {user_id} has no phone_number to share")
            return self.share_contact(user_id, phone, chat_id=chat_id)
        return self.send_text(user_id, button["text"], chat_id=chat_id)

    def share_contact(
        self,
        user_id: int,
        phone_number: str,
        *,
        contact_user_id: int | EllipsisType | None = ...,
        first_name: str = "",
        chat_id: int | None = None,
    ) -> dict[str, Any]:
        """Send a contact: by default the user's own (as the request_contact button does)."""
        user = self.user(user_id)
        owner = user_id if contact_user_id is ... else contact_user_id
        own = owner == user_id
        contact: dict[str, Any] = {
            "phone_number": phone_number,
            "first_name": first_name or (user.first_name if own else "Contact"),
        }
        if own and user.last_name:
            contact["last_name"] = user.last_name
        if owner is not None:
            contact["user_id"] = owner
        return self._user_message(user_id, chat_id, kind="contact", media=contact)

    def send_document(
        self,
        user_id: int,
        filename: str,
        content: bytes,
        mime_type: str | None = None,
        caption: str | None = None,
        chat_id: int | None = None,
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        """Upload a file; without ``mime_type`` it is guessed from the name, as apps do."""
        stored = self.files.add(content, filename, mime_type or guess_mime(filename), "documents")
        return self._user_message(
            user_id,
            chat_id,
            kind="document",
            text=caption or "",
            media=document_dict(stored),
            reply_to=self._reply_target(user_id if chat_id is None else chat_id, reply_to),
        )

    def send_photo(
        self,
        user_id: int,
        content: bytes,
        caption: str | None = None,
        chat_id: int | None = None,
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        stored = self.files.add(content, "photo.jpg", "image/jpeg", "photos")
        return self._user_message(
            user_id,
            chat_id,
            kind="photo",
            text=caption or "",
            media=photo_media(stored),
            reply_to=self._reply_target(user_id if chat_id is None else chat_id, reply_to),
        )

    def _reply_target(self, chat_id: int, message_id: int | None) -> int | None:
        if message_id is not None and self.find_message(chat_id, message_id) is None:
            raise LookupError(f"no message {message_id} in chat {chat_id}")
        return message_id

    def send_sticker(self, user_id: int, chat_id: int | None = None) -> dict[str, Any]:
        stored = self.files.add(_STICKER_BYTES, "sticker.webp", "image/webp", "stickers")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
            "file_size": stored.size,
        }
        return self._user_message(user_id, chat_id, kind="sticker", media=sticker)

    def reply_to(
        self, user_id: int, chat_id: int, reply_to_message_id: int, text: str
    ) -> dict[str, Any]:
        """A text message replying to another one (how staff answer in the staff chat)."""
        _check_user_text(text)
        if self.find_message(chat_id, reply_to_message_id) is None:
            raise LookupError(f"no message {reply_to_message_id} in chat {chat_id}")
        return self._user_message(
            user_id,
            chat_id,
            kind="text",
            text=text,
            entities=detect_bot_commands(text),
            reply_to=reply_to_message_id,
        )

    def take_updates(self) -> list[dict[str, Any]]:
        """All pending updates, oldest first, removed from the queue."""
        taken, self.updates = self.updates, []
        return taken

    # ================================================================== reading the chat

    def chat(self, chat_id: int) -> list[dict[str, Any]]:
        """The chat as it looks now: edits applied, deleted messages gone."""
        chat = self.chats.get(chat_id)
        return [self.view(m) for m in chat.messages.values()] if chat else []

    def last_bot_message(self, chat_id: int) -> dict[str, Any] | None:
        bot_messages = [m for m in self.chat(chat_id) if m["from_bot"]]
        return bot_messages[-1] if bot_messages else None

    def callback_answers(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        return [dict(a) for a in self.answers if chat_id is None or a["chat_id"] == chat_id]

    def reply_keyboard(self, chat_id: int) -> Markup | None:
        chat = self.chats.get(chat_id)
        return chat.reply_keyboard if chat else None

    def file_bytes(self, file_id: str) -> bytes:
        if not self.files.known(file_id):
            raise KeyError(f"no file {file_id!r} in the sandbox")
        return self.files.get(file_id).data

    def commands(
        self, language_code: str | None = None, *, scope: str = "default"
    ) -> list[dict[str, Any]]:
        """The last setMyCommands for this language ("" or None = no language)."""
        return list(self.my_commands.get((scope, language_code or ""), []))

    def commands_seen(self, chat_id: int, language_code: str | None = None) -> list[str]:
        """The commands a private chat's menu shows, found as Telegram finds them: the chat's
        own scope, then all private chats, then the default; in each the user's language
        before no language."""
        for scope in (f"chat:{chat_id}", "all_private_chats", "default"):
            for lang in (language_code or "", ""):
                commands = self.my_commands.get((scope, lang))
                if commands is not None:
                    return [c["command"] for c in commands]
        return []

    def chat_actions(self, chat_id: int) -> list[str]:
        chat = self.chats.get(chat_id)
        return [action for _, action in chat.actions] if chat else []

    def chat_events(self, chat_id: int, after: int) -> dict[str, Any]:
        """What changed in a chat since version ``after`` (for the web page's long poll)."""
        chat = self.chats.get(chat_id)
        if chat is None:
            return {
                "version": self.version,
                "messages": [],
                "callback_answers": [],
                "chat_actions": [],
                "reply_keyboard": None,
                "keyboard_changed": False,
            }
        changed = [self.view(m) for m in chat.messages.values() if m.version > after]
        deleted = [
            {"message_id": mid, "deleted": True, "version": version}
            for mid, version in chat.tombstones.items()
            if version > after
        ]
        return {
            "version": self.version,
            "messages": sorted(changed + deleted, key=lambda m: m["version"]),
            "callback_answers": [a for a in self.callback_answers(chat_id) if a["version"] > after],
            "chat_actions": [
                {"action": action, "version": v} for v, action in chat.actions if v > after
            ],
            "reply_keyboard": chat.reply_keyboard,
            "keyboard_changed": chat.keyboard_version > after,
        }

    async def wait_chat_events(
        self, chat_id: int, after: int, wait_seconds: float
    ) -> dict[str, Any]:
        """``chat_events``, waiting up to ``wait_seconds`` for there to be any."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait_seconds
        while True:
            events = self.chat_events(chat_id, after)
            remaining = deadline - loop.time()
            if _has_changes(events) or remaining <= 0 or self.closing:
                return events
            await self.wait_change(remaining)

    # ================================================================== bot side

    async def call(
        self,
        method: str,
        params: dict[str, Any],
        files: dict[str, Upload] | None = None,
    ) -> Any:
        """Run one Bot API method; its ``result``, or TelegramError as Telegram answers."""
        self.requests.append((method, dict(params)))
        if not known_method(method):
            raise TelegramError(404, "Not Found: method not found")
        self._check_flood(method)
        try:
            return await self._api.call(method, Params(params), files or {})
        except TelegramError as error:
            self.record_refusal(method, params, error)
            raise

    # ================================================================== internals

    def _check_flood(self, method: str) -> None:
        rule = self._flood
        if rule is None:
            return
        name = method.lower()
        matches = name != "getupdates" if rule.methods is None else name in rule.methods
        if not matches:
            return
        rule.counter += 1
        if rule.counter % rule.every == 0:
            raise too_many_requests(rule.retry_after)

    def _user_message(self, user_id: int, chat_id: int | None, **fields: Any) -> dict[str, Any]:
        user = self.user(user_id)
        self.blocked.discard(user_id)  # writing to the bot again is Telegram's "Restart"
        chat = self.open_chat(user_id if chat_id is None else chat_id)
        if chat.type == "private" and chat.id != user_id:
            raise ValueError(f"user {user_id} can't write in the private chat of {chat.id}")
        if chat.type != "private":
            # Only members write in a group; someone the sandbox has not seen there counts as
            # having joined before writing.
            status = chat.members.setdefault(user_id, "member")
            if status not in ("member", "administrator", "creator"):
                raise ValueError(f"user {user_id} is not a member of chat {chat.id} ({status})")
        message = self.add_message(chat, user.to_telegram(), **fields)
        data = self.message_dict(message)
        if self._bot_sees(chat, message):
            self.enqueue("message", data)
        return data

    def _bot_sees(self, chat: ChatState, message: StoredMessage) -> bool:
        if chat.type == "private" or not self.privacy_mode:
            return True
        if message.text.startswith("/"):
            return True
        target = self.find_message(chat.id, message.reply_to) if message.reply_to else None
        return target is not None and target.from_bot

    def _existing_chat(self, user_id: int, chat_id: int | None) -> ChatState:
        chat = self.chats.get(user_id if chat_id is None else chat_id)
        if chat is None:
            raise ButtonNotFound(f"chat {chat_id or user_id} has no messages yet")
        return chat

    def _callback_query(
        self, user_id: int, chat: ChatState, message: StoredMessage, data: str
    ) -> str:
        self.blocked.discard(user_id)
        query_id = str(4_000_000_000_000 + self.unique_id())
        self.callback_queries[query_id] = CallbackQueryRecord(
            id=query_id, chat_id=chat.id, message_id=message.message_id, user_id=user_id
        )
        self.enqueue(
            "callback_query",
            {
                "id": query_id,
                "from": self.user(user_id).to_telegram(),
                "message": self.message_dict(message),
                "chat_instance": str(abs(chat.id) * 7919),
                "data": data,
            },
        )
        return query_id

    def _find_inline_button(self, chat: ChatState, text: str) -> tuple[StoredMessage, Markup]:
        with_buttons = [m for m in reversed(chat.messages.values()) if m.reply_markup]
        matchers: list[Callable[[str], bool]] = [
            lambda label: label == text,
            lambda label: text in label,
        ]
        for matches in matchers:
            for message in with_buttons:
                for button in inline_buttons(message.reply_markup):
                    if matches(button["text"]):
                        return message, button
        raise ButtonNotFound(
            f"no inline button {text!r} in chat {chat.id}; visible: {_visible_buttons(chat)}"
        )

    def _member_update(self, user_id: int, *, old: str, new: str) -> None:
        chat = self.open_chat(user_id)
        bot = self.bot_user()
        new_member: dict[str, Any] = {"status": new, "user": bot}
        if new == "kicked":
            new_member["until_date"] = 0
        self.enqueue(
            "my_chat_member",
            {
                "chat": chat.to_telegram(),
                "from": self.user(user_id).to_telegram(),
                "date": self.now(),
                "old_chat_member": {"status": old, "user": bot},
                "new_chat_member": new_member,
            },
        )


def _check_user_text(text: str) -> None:
    if not text.strip():
        raise ValueError("Telegram apps don't send empty messages")
    if len(text) > USER_TEXT_LIMIT:
        raise ValueError(f"Telegram apps split texts longer than {USER_TEXT_LIMIT} characters")


def _has_changes(events: dict[str, Any]) -> bool:
    return bool(
        events["messages"]
        or events["callback_answers"]
        or events["chat_actions"]
        or events["keyboard_changed"]
    )


def _button_summary(markup: Markup | None) -> str:
    buttons = inline_buttons(markup)
    return ", ".join(f"[{b['text']}]" for b in buttons) if buttons else "none"


def _visible_buttons(chat: ChatState) -> str:
    parts = [
        f"message {m.message_id}: {_button_summary(m.reply_markup)}"
        for m in chat.messages.values()
        if m.reply_markup
    ]
    keyboard = chat.reply_keyboard
    if keyboard:
        labels = ", ".join(f"[{b['text']}]" for row in keyboard["keyboard"] for b in row)
        parts.append(f"reply keyboard (use press_reply_button): {labels}")
    return "; ".join(parts) or "no buttons at all"


def _find_reply_button(chat: ChatState, text: str) -> Markup:
    keyboard = chat.reply_keyboard
    buttons: list[Markup] = [b for row in keyboard["keyboard"] for b in row] if keyboard else []
    for matches in (lambda label: label == text, lambda label: text in label):
        for button in buttons:
            if matches(button["text"]):
                return button
    raise ButtonNotFound(f"no reply keyboard button {text!r}; visible: {_visible_buttons(chat)}")
