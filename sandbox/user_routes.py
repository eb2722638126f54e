"""The user side over HTTP: JSON routes mirroring ``Sandbox``'s user methods.

Used by ``SandboxClient`` (e2e tests with the bot in another process) and by the web
chat page. Errors are ``{"error": "..."}``: 400 for a malformed request, 404 for a
thing that is not there (no such button, message or file).
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial, wraps
from types import EllipsisType
from typing import Any
from urllib.parse import quote

from aiohttp import web

from sandbox.core import SandboxUser
from sandbox.state import Sandbox

SANDBOX_KEY = web.AppKey("sandbox", Sandbox)
PREFIX = "/sandbox/api"
# How long the chat events long poll waits at most (the page re-polls right away).
EVENTS_WAIT = 25.0
# A bot that polls keeps a getUpdates open all the time and opens the next one within
# milliseconds of the last one returning; this long without one, it is not polling.
BOT_SILENT_AFTER = 2.0


@dataclass
class BotPresence:
    """When the bot last called getUpdates over HTTP (the web page asks "is the bot up?")."""

    polls_open: int = 0
    last_poll: float | None = None  # time.monotonic() of the last getUpdates start or end

    def poll_started(self) -> None:
        self.polls_open += 1
        self.last_poll = time.monotonic()

    def poll_ended(self) -> None:
        self.polls_open -= 1
        self.last_poll = time.monotonic()

    def seconds_since_poll(self) -> float | None:
        if self.polls_open > 0:
            return 0.0
        return None if self.last_poll is None else time.monotonic() - self.last_poll

    def polling(self) -> bool:
        silent = self.seconds_since_poll()
        return silent is not None and silent < BOT_SILENT_AFTER


PRESENCE_KEY = web.AppKey("bot_presence", BotPresence)
# What the web page offers as "demo logins": dicts the program passes to build_app.
DEMO_LOGINS_KEY = web.AppKey("demo_logins", list[dict[str, Any]])

USER_ROUTES_HELP = """\
  POST /sandbox/api/users                          {id, first_name, last_name?, username?,
                                                    language_code?, phone_number?}
  POST /sandbox/api/users/{id}/messages            {text, chat_id?}
  POST /sandbox/api/users/{id}/press               {message_id, callback_data, chat_id?}
                                                   or {button_text, chat_id?}
  POST /sandbox/api/users/{id}/reply_button        {text, chat_id?}  (reply keyboard)
  POST /sandbox/api/users/{id}/contact             {phone_number, contact_user_id?, first_name?}
  POST /sandbox/api/users/{id}/document            multipart: file, caption?, chat_id?,
                                                   reply_to_message_id?
  POST /sandbox/api/users/{id}/photo               multipart: file, caption?, chat_id?,
                                                   reply_to_message_id?
  POST /sandbox/api/users/{id}/sticker             {chat_id?}
  POST /sandbox/api/users/{id}/reply               {chat_id, reply_to_message_id, text}
  POST /sandbox/api/users/{id}/block | /unblock    {notify?}
  GET  /sandbox/api/chats/{chat_id}                the chat as it looks now
  GET  /sandbox/api/chats/{chat_id}/events?after=N long poll for changes after version N
  POST /sandbox/api/chats/{chat_id}/members        {user_id, status: member|administrator|…}
  GET  /sandbox/api/commands?language_code=ru      the bot's command menu
  POST /sandbox/api/flood                          {share, retry_after?, methods?}
  GET  /sandbox/api/files/{file_id}                a file's bytes
  GET  /sandbox/api/requests?start=N               the Bot API calls the bot made
  GET  /sandbox/api/status                         the bot (is it polling?), group chats
  GET  /sandbox/api/demo-logins                    the demo logins the web page offers
  GET  /sandbox/api/inbox?after=N                  SMS and e-mails the bot sent (codes)
  POST /sandbox/api/inbox {channel,to,text,subject} the bot's gateways put a copy there
"""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
json_response = partial(web.json_response, dumps=partial(json.dumps, ensure_ascii=False))


def add_user_routes(app: web.Application) -> None:
    user = f"{PREFIX}/users/{{user_id}}"
    routes = [
        web.post(f"{PREFIX}/users", _add_user),
        web.post(f"{user}/messages", _send_text),
        web.post(f"{user}/press", _press),
        web.post(f"{user}/reply_button", _press_reply_button),
        web.post(f"{user}/contact", _share_contact),
        web.post(f"{user}/document", _send_document),
        web.post(f"{user}/photo", _send_photo),
        web.post(f"{user}/sticker", _send_sticker),
        web.post(f"{user}/reply", _reply_to),
        web.post(f"{user}/block", _block),
        web.post(f"{user}/unblock", _unblock),
        web.get(f"{PREFIX}/chats/{{chat_id}}", _chat),
        web.get(f"{PREFIX}/chats/{{chat_id}}/events", _chat_events),
        web.post(f"{PREFIX}/chats/{{chat_id}}/members", _set_member),
        web.get(f"{PREFIX}/commands", _commands),
        web.post(f"{PREFIX}/flood", _flood),
        web.get(f"{PREFIX}/files/{{file_id}}", _file),
        web.get(f"{PREFIX}/requests", _requests),
        web.get(f"{PREFIX}/status", _status),
        web.get(f"{PREFIX}/demo-logins", _demo_logins),
        web.get(f"{PREFIX}/inbox", _inbox),
        web.post(f"{PREFIX}/inbox", _deliver),
    ]
    app.router.add_routes([web.route(r.method, r.path, _json_errors(r.handler)) for r in routes])


def _json_errors(handler: Any) -> Handler:
    """Turn the user side's exceptions into JSON errors a test can read."""

    @wraps(handler)
    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            response: web.StreamResponse = await handler(request)
        except LookupError as error:  # no such button / message / file
            return json_response({"error": _message(error)}, status=404)
        except (ValueError, TypeError) as error:
            return json_response({"error": _message(error)}, status=400)
        return response

    return wrapped


def _message(error: Exception) -> str:
    # KeyError's str() is the repr of its argument; the text itself reads better.
    return str(error.args[0]) if error.args else type(error).__name__


def _sandbox(request: web.Request) -> Sandbox:
    return request.app[SANDBOX_KEY]


def _path_int(request: web.Request, name: str) -> int:
    try:
        return int(request.match_info[name])
    except ValueError:
        raise ValueError(f"{name} must be an integer") from None


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except json.JSONDecodeError:
        raise ValueError("the body must be a JSON object") from None
    if not isinstance(body, dict):
        raise ValueError("the body must be a JSON object")
    return body


def _optional_int(body: dict[str, Any], name: str) -> int | None:
    value = body.get(name)
    return None if value is None else int(value)


def _required(body: dict[str, Any], name: str) -> Any:
    if body.get(name) is None:
        raise ValueError(f"{name!r} is required")
    return body[name]


# ---------------------------------------------------------------------------- users


async def _add_user(request: web.Request) -> web.Response:
    body = await _body(request)
    user = SandboxUser(
        id=int(_required(body, "id")),
        first_name=str(_required(body, "first_name")),
        last_name=body.get("last_name"),
        username=body.get("username"),
        language_code=body.get("language_code", "ru"),
        phone_number=body.get("phone_number"),
    )
    _sandbox(request).add_user(user)
    return json_response(user.to_telegram())


async def _send_text(request: web.Request) -> web.Response:
    body = await _body(request)
    message = _sandbox(request).send_text(
        _path_int(request, "user_id"),
        str(_required(body, "text")),
        chat_id=_optional_int(body, "chat_id"),
    )
    return json_response(message)


async def _press(request: web.Request) -> web.Response:
    body = await _body(request)
    user_id, chat_id = _path_int(request, "user_id"), _optional_int(body, "chat_id")
    sandbox = _sandbox(request)
    if body.get("button_text") is not None:
        query_id = sandbox.press_button(user_id, str(body["button_text"]), chat_id=chat_id)
    else:
        query_id = sandbox.press(
            user_id,
            int(_required(body, "message_id")),
            str(_required(body, "callback_data")),
            chat_id=chat_id,
        )
    return json_response({"callback_query_id": query_id})


async def _press_reply_button(request: web.Request) -> web.Response:
    body = await _body(request)
    message = _sandbox(request).press_reply_button(
        _path_int(request, "user_id"),
        str(_required(body, "text")),
        chat_id=_optional_int(body, "chat_id"),
    )
    return json_response(message)


async def _share_contact(request: web.Request) -> web.Response:
    body = await _body(request)
    # An absent contact_user_id means "my own contact"; an explicit null means "none".
    owner: int | EllipsisType | None = ...
    if "contact_user_id" in body:
        owner = _optional_int(body, "contact_user_id")
    message = _sandbox(request).share_contact(
        _path_int(request, "user_id"),
        str(_required(body, "phone_number")),
        contact_user_id=owner,
        first_name=str(body.get("first_name") or ""),
        chat_id=_optional_int(body, "chat_id"),
    )
    return json_response(message)


async def _upload(request: web.Request) -> tuple[str, bytes, str | None, dict[str, str]]:
    """(file name, bytes, content type, other fields) of a multipart upload."""
    if request.content_type != "multipart/form-data":
        raise ValueError("send the file as multipart/form-data with a 'file' part")
    form = await request.post()
    upload = form.get("file")
    if not isinstance(upload, web.FileField):
        raise ValueError("a 'file' part is required")
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    generic = upload.content_type in ("", "application/octet-stream")
    return upload.filename, upload.file.read(), None if generic else upload.content_type, fields


def _reply_field(fields: dict[str, str]) -> int | None:
    value = fields.get("reply_to_message_id")
    return int(value) if value else None


async def _send_document(request: web.Request) -> web.Response:
    name, data, content_type, fields = await _upload(request)
    message = _sandbox(request).send_document(
        _path_int(request, "user_id"),
        name,
        data,
        mime_type=fields.get("mime_type") or content_type,
        caption=fields.get("caption") or None,
        chat_id=int(fields["chat_id"]) if fields.get("chat_id") else None,
        reply_to=_reply_field(fields),
    )
    return json_response(message)


async def _send_photo(request: web.Request) -> web.Response:
    _, data, _, fields = await _upload(request)
    message = _sandbox(request).send_photo(
        _path_int(request, "user_id"),
        data,
        caption=fields.get("caption") or None,
        chat_id=int(fields["chat_id"]) if fields.get("chat_id") else None,
        reply_to=_reply_field(fields),
    )
    return json_response(message)


async def _send_sticker(request: web.Request) -> web.Response:
    body = await _body(request)
    message = _sandbox(request).send_sticker(
        _path_int(request, "user_id"), chat_id=_optional_int(body, "chat_id")
    )
    return json_response(message)


async def _reply_to(request: web.Request) -> web.Response:
    body = await _body(request)
    message = _sandbox(request).reply_to(
        _path_int(request, "user_id"),
        int(_required(body, "chat_id")),
        int(_required(body, "reply_to_message_id")),
        str(_required(body, "text")),
    )
    return json_response(message)


async def _block(request: web.Request) -> web.Response:
    body = await _body(request)
    _sandbox(request).block_bot(_path_int(request, "user_id"), notify=bool(body.get("notify")))
    return json_response({"ok": True})


async def _unblock(request: web.Request) -> web.Response:
    body = await _body(request)
    _sandbox(request).unblock_bot(_path_int(request, "user_id"), notify=bool(body.get("notify")))
    return json_response({"ok": True})


# ---------------------------------------------------------------------------- reading


async def _chat(request: web.Request) -> web.Response:
    sandbox, chat_id = _sandbox(request), _path_int(request, "chat_id")
    return json_response(
        {
            "chat_id": chat_id,
            "version": sandbox.version,
            "messages": sandbox.chat(chat_id),
            "reply_keyboard": sandbox.reply_keyboard(chat_id),
            "callback_answers": sandbox.callback_answers(chat_id),
            "chat_actions": sandbox.chat_actions(chat_id),
        }
    )


async def _chat_events(request: web.Request) -> web.Response:
    chat_id = _path_int(request, "chat_id")
    after = int(request.query.get("after", "0"))
    wait = min(float(request.query.get("timeout", EVENTS_WAIT)), EVENTS_WAIT)
    events = await _sandbox(request).wait_chat_events(chat_id, after, max(wait, 0.0))
    return json_response(events)


async def _set_member(request: web.Request) -> web.Response:
    body = await _body(request)
    _sandbox(request).set_member(
        _path_int(request, "chat_id"),
        int(_required(body, "user_id")),
        str(body.get("status") or "member"),
    )
    return json_response({"ok": True})


async def _commands(request: web.Request) -> web.Response:
    sandbox = _sandbox(request)
    language = request.query.get("language_code") or None
    scope = request.query.get("scope", "default")
    return json_response({"commands": sandbox.commands(language, scope=scope)})


async def _flood(request: web.Request) -> web.Response:
    body = await _body(request)
    methods = body.get("methods")
    _sandbox(request).set_flood(
        float(_required(body, "share")),
        int(body.get("retry_after", 1)),
        set(methods) if methods is not None else None,
    )
    return json_response({"ok": True})


async def _file(request: web.Request) -> web.Response:
    sandbox, file_id = _sandbox(request), request.match_info["file_id"]
    data = sandbox.file_bytes(file_id)  # KeyError → 404
    stored = sandbox.files.get(file_id)
    return web.Response(
        body=data,
        content_type=stored.mime_type,
        headers={"Content-Disposition": _attachment(stored.file_name)},
    )


def _attachment(file_name: str) -> str:
    ascii_name = file_name.encode("ascii", "replace").decode().replace('"', "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(file_name)}"


async def _requests(request: web.Request) -> web.Response:
    start = int(request.query.get("start", "0"))
    calls = _sandbox(request).requests
    return json_response(
        {
            "count": len(calls),
            "requests": [
                {"index": i, "method": method, "params": _jsonable(params)}
                for i, (method, params) in enumerate(calls)
                if i >= start
            ],
        }
    )


def _jsonable(params: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v if isinstance(v, str | int | float | bool | list | dict) else str(v)
        for k, v in params.items()
    }


# ---------------------------------------------------------------------------- the web page


async def _status(request: web.Request) -> web.Response:
    """The bot as the web page needs to know it: who it is, and whether it is polling.

    ``bot_stalled``: updates are waiting and the bot has not asked for them for a while,
    so whatever the user just did goes unanswered (the bot is not running, or it hangs).
    """
    sandbox = _sandbox(request)
    presence = request.app.get(PRESENCE_KEY) or BotPresence()
    silent = presence.seconds_since_poll()
    polling = presence.polling()
    return json_response(
        {
            "bot": sandbox.bot_user(),
            "bot_polling": polling,
            "seconds_since_poll": None if silent is None else round(silent, 3),
            "pending_updates": len(sandbox.updates),
            "bot_stalled": bool(sandbox.updates) and not polling,
            "group_chats": [
                {"id": chat.id, "title": chat.to_telegram()["title"], "type": chat.type}
                for chat in sandbox.chats.values()
                if chat.type != "private"
            ],
        }
    )


async def _demo_logins(request: web.Request) -> web.Response:
    return json_response({"logins": request.app.get(DEMO_LOGINS_KEY, [])})


async def _deliver(request: web.Request) -> web.Response:
    """An SMS ("sms") or an e-mail ("email") the bot sent, for the web chat to show."""
    body = await request.json()
    channel, to, text = body.get("channel"), body.get("to"), body.get("text")
    if channel not in {"sms", "email"} or not isinstance(to, str) or not isinstance(text, str):
        return json_response({"error": "channel (sms|email), to and text are needed"}, status=400)
    subject = body.get("subject")
    _sandbox(request).deliver(
        channel, to, text, subject=subject if isinstance(subject, str) else None
    )
    return json_response({"ok": True})


async def _inbox(request: web.Request) -> web.Response:
    """SMS and e-mails the bot's gateways sent, newer than ``after`` (an id)."""
    try:
        after = int(request.query.get("after", "0"))
    except ValueError:
        return json_response({"error": "'after' must be a number"}, status=400)
    items = [m for m in _sandbox(request).inbox if m["id"] > after]
    return json_response({"messages": items})
