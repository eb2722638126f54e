"""The Bot API methods the cabinet uses, with Telegram's checks and error texts.

Each method first validates everything it was given (text, markup, files) and only
then looks at the chat, in the order the real Bot API server does, so the *first*
error a request gets is the same one Telegram would give.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from sandbox import webhook
from sandbox.core import ChatState, SandboxState, StoredMessage
from sandbox.entities import Entity, utf16_len
from sandbox.errors import TelegramError, bad_request
from sandbox.files import (
    StoredFile,
    check_upload,
    document_dict,
    file_dict,
    guess_mime,
    image_size,
    photo_media,
)
from sandbox.formatting import formatted
from sandbox.markup import Markup, parse_inline_markup, parse_reply_markup
from sandbox.params import Params

Upload = tuple[str, bytes, str]  # (file name, content, content type)
Uploads = Mapping[str, Upload]
Handler = Callable[["BotApi", Params, Uploads], Awaitable[Any]]

_HANDLERS: dict[str, Handler] = {}

CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
_SIMPLE_SCOPES = {"default", "all_private_chats", "all_group_chats", "all_chat_administrators"}
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")


def api_method(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _HANDLERS[name.lower()] = handler  # Telegram's method names are case-insensitive
        return handler

    return register


def known_method(method: str) -> bool:
    return method.lower() in _HANDLERS


class BotApi:
    def __init__(self, state: SandboxState) -> None:
        self.s = state

    async def call(self, method: str, params: Params, uploads: Uploads) -> Any:
        handler = _HANDLERS.get(method.lower())
        if handler is None:
            raise TelegramError(404, "Not Found: method not found")
        return await handler(self, params, uploads)

    # ------------------------------------------------------------------ bot and updates

    @api_method("getMe")
    async def get_me(self, p: Params, uploads: Uploads) -> Any:
        return {
            **self.s.bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": not self.s.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    @api_method("getUpdates")
    async def get_updates(self, p: Params, uploads: Uploads) -> Any:
        if self.s.webhook_url:
            raise TelegramError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        allowed = p.get_json("allowed_updates")
        if allowed is not None:
            if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
                raise bad_request("can't parse allowed_updates JSON object")
            self.s.allowed_updates = allowed or None
        return await self.s.get_updates(
            offset=p.get_int("offset"),
            limit=p.get_int("limit", 100) or 100,
            timeout=p.get_float("timeout", 0.0),
        )

    @api_method("setWebhook")
    async def set_webhook(self, p: Params, uploads: Uploads) -> Any:
        url = p.get_str("url") or ""
        secret = p.get_str("secret_token")
        if url:
            webhook.check_webhook_url(url)
        webhook.check_secret(secret)
        allowed = p.get_json("allowed_updates")
        if allowed is not None:
            if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
                raise bad_request("can't parse allowed_updates JSON object")
            self.s.allowed_updates = allowed or None
        # The server's pusher (sandbox/webhook.py) posts the queued updates to it from now on.
        hook = webhook.target(self.s)
        hook.url, hook.secret = url, secret
        self.s.webhook_url = url
        self.s.notify()
        if p.get_bool("drop_pending_updates"):
            self.s.updates.clear()
        return True

    @api_method("deleteWebhook")
    async def delete_webhook(self, p: Params, uploads: Uploads) -> Any:
        self.s.webhook_url = ""
        if p.get_bool("drop_pending_updates"):
            self.s.updates.clear()
        return True

    @api_method("getWebhookInfo")
    async def get_webhook_info(self, p: Params, uploads: Uploads) -> Any:
        return {
            "url": self.s.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.s.updates),
            **webhook.info(self.s),
        }

    # ------------------------------------------------------------------ commands

    @api_method("setMyCommands")
    async def set_my_commands(self, p: Params, uploads: Uploads) -> Any:
        commands = _commands(p.get_json("commands"))
        key = (_scope_key(p.get_json("scope")), _language(p))
        self.s.my_commands[key] = commands
        return True

    @api_method("getMyCommands")
    async def get_my_commands(self, p: Params, uploads: Uploads) -> Any:
        key = (_scope_key(p.get_json("scope")), _language(p))
        return self.s.my_commands.get(key, [])

    @api_method("deleteMyCommands")
    async def delete_my_commands(self, p: Params, uploads: Uploads) -> Any:
        key = (_scope_key(p.get_json("scope")), _language(p))
        self.s.my_commands.pop(key, None)
        return True

    # ------------------------------------------------------------------ sending

    @api_method("sendMessage")
    async def send_message(self, p: Params, uploads: Uploads) -> Any:
        text, entities = formatted(
            p.get_str("text"), p.get_str("parse_mode"), p.get_json("entities")
        )
        markup = parse_reply_markup(p.raw.get("reply_markup"))
        chat = self.s.chat_for_bot(p.chat_id())
        message = self._post(
            chat,
            markup,
            kind="text",
            text=text,
            entities=entities,
            reply_to=self._reply_to(chat, p),
        )
        return self.s.message_dict(message)

    @api_method("sendDocument")
    async def send_document(self, p: Params, uploads: Uploads) -> Any:
        return self._send_file(p, uploads, "document", "documents", document_dict)

    @api_method("sendPhoto")
    async def send_photo(self, p: Params, uploads: Uploads) -> Any:
        return self._send_file(p, uploads, "photo", "photos", photo_media)

    def _send_file(
        self,
        p: Params,
        uploads: Uploads,
        kind: str,
        folder: str,
        media: Callable[[Any], Any],
    ) -> Any:
        """sendDocument and sendPhoto: one file with a caption and a keyboard."""
        caption, entities = self._caption(p)
        markup = parse_reply_markup(p.raw.get("reply_markup"))
        stored = self._input_file(p.raw.get(kind), uploads, kind, folder)
        chat = self.s.chat_for_bot(p.chat_id())
        message = self._post(
            chat,
            markup,
            kind=kind,
            text=caption,
            entities=entities,
            media=media(stored),
            reply_to=self._reply_to(chat, p),
        )
        return self.s.message_dict(message)

    @api_method("sendMediaGroup")
    async def send_media_group(self, p: Params, uploads: Uploads) -> Any:
        items = p.get_json("media")
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise bad_request("can't parse media JSON object")
        if len(items) > 10:
            raise bad_request("too much messages to send as an album")
        if len(items) < 2:
            raise bad_request("media group must include 2-10 items")
        prepared = [self._album_item(item, uploads) for item in items]
        kinds = {kind for kind, *_ in prepared}
        if "document" in kinds and len(kinds) > 1:
            raise bad_request("can't use the media of the specified type in the album")
        chat = self.s.chat_for_bot(p.chat_id())
        reply_to = self._reply_to(chat, p)
        group_id = str(10**12 + self.s.unique_id())
        messages = [
            self._post(
                chat,
                None,
                kind=kind,
                text=caption,
                entities=entities,
                media=media,
                media_group_id=group_id,
                reply_to=reply_to,
            )
            for kind, caption, entities, media in prepared
        ]
        return [self.s.message_dict(m) for m in messages]

    @api_method("sendChatAction")
    async def send_chat_action(self, p: Params, uploads: Uploads) -> Any:
        chat = self.s.chat_for_bot(p.chat_id())
        action = p.get_str("action")
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        chat.actions.append((self.s.next_version(), action))
        self.s.notify()
        return True

    @api_method("copyMessage")
    async def copy_message(self, p: Params, uploads: Uploads) -> Any:
        original = self._source_message(p, "message to copy not found")
        text, entities = original.text, original.entities
        if p.has("caption") and original.kind != "text":
            text, entities = self._caption(p)
        markup = parse_reply_markup(p.raw.get("reply_markup"))
        chat = self.s.chat_for_bot(p.chat_id())
        copy = self._post(
            chat,
            markup,
            kind=original.kind,
            text=text,
            entities=list(entities),
            media=original.media,
            reply_to=self._reply_to(chat, p),
        )
        return {"message_id": copy.message_id}

    @api_method("forwardMessage")
    async def forward_message(self, p: Params, uploads: Uploads) -> Any:
        original = self._source_message(p, "message to forward not found")
        chat = self.s.chat_for_bot(p.chat_id())
        origin = {"type": "user", "sender_user": original.sender, "date": original.date}
        forwarded = self._post(
            chat,
            None,
            kind=original.kind,
            text=original.text,
            entities=list(original.entities),
            media=original.media,
            extra={"forward_origin": origin},
        )
        return self.s.message_dict(forwarded)

    # ------------------------------------------------------------------ editing

    @api_method("editMessageText")
    async def edit_message_text(self, p: Params, uploads: Uploads) -> Any:
        text, entities = formatted(
            p.get_str("text"), p.get_str("parse_mode"), p.get_json("entities")
        )
        markup = parse_inline_markup(p.raw.get("reply_markup"))
        message = self._editable(p)
        if message.kind != "text":
            raise bad_request("there is no text in the message to edit")
        self._apply_edit(message, text, entities, markup)
        return self.s.message_dict(message)

    @api_method("editMessageCaption")
    async def edit_message_caption(self, p: Params, uploads: Uploads) -> Any:
        caption, entities = self._caption(p)
        markup = parse_inline_markup(p.raw.get("reply_markup"))
        message = self._editable(p)
        if message.kind == "text":
            raise bad_request("there is no caption in the message to edit")
        self._apply_edit(message, caption, entities, markup)
        return self.s.message_dict(message)

    @api_method("editMessageReplyMarkup")
    async def edit_message_reply_markup(self, p: Params, uploads: Uploads) -> Any:
        markup = parse_inline_markup(p.raw.get("reply_markup"))
        message = self._editable(p)
        self._apply_edit(message, message.text, message.entities, markup)
        return self.s.message_dict(message)

    @api_method("deleteMessage")
    async def delete_message(self, p: Params, uploads: Uploads) -> Any:
        chat = self.s.known_chat(p.chat_id())
        message_id = p.require_int("message_id", "message identifier is not specified")
        if message_id not in chat.messages:
            raise bad_request("message to delete not found")
        self.s.remove_message(chat, message_id)
        return True

    @api_method("deleteMessages")
    async def delete_messages(self, p: Params, uploads: Uploads) -> Any:
        chat = self.s.known_chat(p.chat_id())
        ids = p.get_json("message_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise bad_request("message_ids must contain 1-100 message identifiers")
        for message_id in ids:
            if message_id in chat.messages:  # Telegram skips the ones already gone
                self.s.remove_message(chat, message_id)
        return True

    # ------------------------------------------------------------------ the rest

    @api_method("answerCallbackQuery")
    async def answer_callback_query(self, p: Params, uploads: Uploads) -> Any:
        query_id = p.get_str("callback_query_id") or ""
        text = p.get_str("text")
        if text is not None and utf16_len(text) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        record = self.s.callback_queries.get(query_id)
        if record is None or record.answered:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        record.answered = True
        self.s.read_as_user("answered", text or "")
        self.s.answers.append(
            {
                "callback_query_id": query_id,
                "text": text,
                "show_alert": p.get_bool("show_alert"),
                "url": p.get_str("url"),
                "chat_id": record.chat_id,
                "message_id": record.message_id,
                "version": self.s.next_version(),
            }
        )
        self.s.notify()
        return True

    @api_method("getFile")
    async def get_file(self, p: Params, uploads: Uploads) -> Any:
        file_id = p.get_str("file_id")
        if not file_id:
            raise bad_request("file_id not specified")
        return file_dict(self.s.files.get(file_id))

    @api_method("getChat")
    async def get_chat(self, p: Params, uploads: Uploads) -> Any:
        chat = self.s.known_chat(p.chat_id())
        gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription")
        return {
            **chat.to_telegram(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {**dict.fromkeys(gifts, False), "gifts_from_channels": False},
        }

    @api_method("getChatMember")
    async def get_chat_member(self, p: Params, uploads: Uploads) -> Any:
        chat = self.s.known_chat(p.chat_id())
        user_id = p.require_int("user_id", "user_id not specified")
        if user_id == self.s.bot_id:
            return {"status": "member", "user": self.s.bot_user()}
        if user_id not in self.s.users:
            raise bad_request("PARTICIPANT_ID_INVALID")
        user = self.s.users[user_id].to_telegram()
        if chat.type == "private":
            status = "member" if user_id == chat.id else "left"
        else:
            status = chat.members.get(user_id, "left")
        member: dict[str, Any] = {"status": status, "user": user}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(ADMIN_RIGHTS)
        elif status == "kicked":
            member["until_date"] = 0
        return member

    # ------------------------------------------------------------------ helpers

    def _post(self, chat: ChatState, markup: Markup | None, **fields: Any) -> StoredMessage:
        """Add a bot message; a reply keyboard goes to the chat, an inline one stays on it."""
        inline = markup if markup and "inline_keyboard" in markup else None
        self.s.read_as_user("sent", str(fields.get("text") or ""), inline)
        message = self.s.add_message(chat, self.s.bot_user(), reply_markup=inline, **fields)
        if markup and "keyboard" in markup:
            self.s.set_reply_keyboard(chat, markup)
        elif markup and markup.get("remove_keyboard"):
            self.s.set_reply_keyboard(chat, None)
        return message

    def _caption(self, p: Params) -> tuple[str, list[Entity]]:
        return formatted(
            p.get_str("caption"),
            p.get_str("parse_mode"),
            p.get_json("caption_entities"),
            caption=True,
        )

    def _reply_to(self, chat: ChatState, p: Params) -> int | None:
        reply = p.get_json("reply_parameters")
        if isinstance(reply, dict):
            target = reply.get("message_id")
            allow = bool(reply.get("allow_sending_without_reply"))
        else:
            target = p.get_int("reply_to_message_id")
            allow = p.get_bool("allow_sending_without_reply")
        if target is None:
            return None
        if target in chat.messages:
            return int(target)
        if allow:
            return None
        raise bad_request("message to be replied not found")

    def _editable(self, p: Params) -> StoredMessage:
        if p.has("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")  # the sandbox has no inline mode
        chat = self.s.chat_for_bot(p.chat_id())
        message_id = p.require_int("message_id", "message identifier is not specified")
        message = chat.messages.get(message_id)
        if message is None or not message.from_bot:
            raise bad_request("message to edit not found")
        return message

    def _apply_edit(
        self, message: StoredMessage, text: str, entities: list[Entity], markup: Markup | None
    ) -> None:
        if (message.text, message.entities, message.reply_markup) == (text, entities, markup):
            raise bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        self.s.read_as_user("edited", text, markup)
        message.text, message.entities, message.reply_markup = text, entities, markup
        self.s.touch(message)

    def _source_message(self, p: Params, not_found: str) -> StoredMessage:
        chat = self.s.known_chat(p.chat_id("from_chat_id"))
        message_id = p.require_int("message_id", "message identifier is not specified")
        message = chat.messages.get(message_id)
        if message is None:
            raise bad_request(not_found)
        return message

    def _album_item(
        self, item: dict[str, Any], uploads: Uploads
    ) -> tuple[str, str, list[Entity], Any]:
        kind = item.get("type")
        if kind not in ("photo", "document"):
            raise bad_request(f"the sandbox supports only photo and document albums, not {kind!r}")
        caption, entities = formatted(
            item.get("caption"), item.get("parse_mode"), item.get("caption_entities"), caption=True
        )
        folder = "photos" if kind == "photo" else "documents"
        stored = self._input_file(item.get("media"), uploads, "media", folder)
        media = photo_media(stored) if kind == "photo" else document_dict(stored)
        return kind, caption, entities, media

    def _input_file(self, value: Any, uploads: Uploads, field: str, kind: str) -> StoredFile:
        """An InputFile: an upload (the field itself or attach://name), or a file_id."""
        upload = uploads.get(field)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = uploads.get(value.removeprefix("attach://"))
            if upload is None:
                raise bad_request(f"there is no {field} in the request")
        if upload is not None:
            return self._store_upload(upload, kind)
        if not isinstance(value, str) or not value:
            raise bad_request(f"there is no {field} in the request")
        if value.startswith(("http://", "https://")):
            raise bad_request(
                "failed to get HTTP URL content: the sandbox has no internet access, "
                "upload the file instead"
            )
        stored = self.s.files.get(value)
        if stored.kind != kind:
            raise bad_request("type of file mismatch")
        return stored

    def _store_upload(self, upload: Upload, kind: str) -> StoredFile:
        name, data, content_type = upload
        check_upload(data, photo=kind == "photos")
        if kind == "photos" and image_size(data) is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        generic = content_type in ("", "application/octet-stream")
        # Telegram works out a document's type itself; aiohttp labels every part generic.
        mime = guess_mime(name) if generic else content_type
        return self.s.files.add(data, name, mime, kind)


# What getChatMember tells of an administrator besides its status: an ordinary one.
ADMIN_RIGHTS: dict[str, bool] = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_send_welcome_messages": False,
}


def _commands(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        raise bad_request("can't parse commands JSON object")
    if len(raw) > 100:
        raise bad_request("too much commands specified")
    result = []
    for command in raw:
        name, description = command.get("command"), command.get("description")
        if not isinstance(name, str) or not _COMMAND_NAME.match(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        result.append({"command": name, "description": description})
    return result


def _language(p: Params) -> str:
    language = p.get_str("language_code") or ""
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request("invalid language code specified")
    return language


def _scope_key(scope: Any) -> str:
    if scope is None:
        return "default"
    if not isinstance(scope, dict) or not isinstance(scope.get("type"), str):
        raise bad_request("can't parse BotCommandScope JSON object")
    kind = scope["type"]
    if kind in _SIMPLE_SCOPES:
        return str(kind)
    if kind in ("chat", "chat_administrators"):
        return f"{kind}:{scope.get('chat_id')}"
    if kind == "chat_member":
        return f"chat_member:{scope.get('chat_id')}:{scope.get('user_id')}"
    raise bad_request("wrong BotCommandScope type specified")
