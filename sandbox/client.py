"""``SandboxClient``: the sandbox's user side over HTTP, for tests whose bot runs in
another process. The same operations as ``Sandbox``'s user side, plus ``wait_for``.

    async with SandboxClient("http://127.0.0.1:8081") as tg:
        mark = await tg.current_version(USER)
        await tg.send_text(USER, "/start")
        hello = await tg.wait_for_text(USER, "Здравствуйте", after_version=mark)
        await tg.press_button(USER, "Счета")
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from types import EllipsisType, TracebackType
from typing import Any

import aiohttp

from sandbox.core import SandboxUser

Message = dict[str, Any]
Predicate = Callable[[Message], bool]

# The server's events long poll waits at most this long per request.
_EVENTS_WAIT = 25.0


class SandboxApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class SandboxNotFound(SandboxApiError, LookupError):
    """No such button, message or file (the in-process Sandbox raises LookupError too)."""


class SandboxBadRequest(SandboxApiError, ValueError):
    """The request itself was wrong."""


class SandboxClient:
    def __init__(self, base_url: str, *, session: aiohttp.ClientSession | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._session = session
        self._own_session = session is None

    async def __aenter__(self) -> SandboxClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        if self._own_session and self._session is not None:
            await self._session.close()
            self._session = None

    # ------------------------------------------------------------------ user side

    async def add_user(self, user: SandboxUser) -> None:
        await self._post(
            "/users",
            {
                "id": user.id,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "username": user.username,
                "language_code": user.language_code,
                "phone_number": user.phone_number,
            },
        )

    async def send_text(self, user_id: int, text: str, *, chat_id: int | None = None) -> Message:
        return dict(
            await self._post(f"/users/{user_id}/messages", {"text": text, "chat_id": chat_id})
        )

    async def press(
        self, user_id: int, message_id: int, callback_data: str, *, chat_id: int | None = None
    ) -> str:
        body = {"message_id": message_id, "callback_data": callback_data, "chat_id": chat_id}
        answer = await self._post(f"/users/{user_id}/press", body)
        return str(answer["callback_query_id"])

    async def press_button(self, user_id: int, text: str, *, chat_id: int | None = None) -> str:
        body = {"button_text": text, "chat_id": chat_id}
        answer = await self._post(f"/users/{user_id}/press", body)
        return str(answer["callback_query_id"])

    async def press_reply_button(
        self, user_id: int, text: str, *, chat_id: int | None = None
    ) -> Message:
        body = {"text": text, "chat_id": chat_id}
        return dict(await self._post(f"/users/{user_id}/reply_button", body))

    async def share_contact(
        self,
        user_id: int,
        phone_number: str,
        *,
        contact_user_id: int | EllipsisType | None = ...,
        first_name: str = "",
        chat_id: int | None = None,
    ) -> Message:
        body: dict[str, Any] = {
            "phone_number": phone_number,
            "first_name": first_name,
            "chat_id": chat_id,
        }
        if contact_user_id is not ...:
            body["contact_user_id"] = contact_user_id
        return dict(await self._post(f"/users/{user_id}/contact", body))

    async def send_document(
        self,
        user_id: int,
        filename: str,
        content: bytes,
        mime_type: str | None = None,
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> Message:
        form = _upload_form(filename, content, caption, chat_id)
        if mime_type:
            form.add_field("mime_type", mime_type)
        return dict(await self._post_form(f"/users/{user_id}/document", form))

    async def send_photo(
        self,
        user_id: int,
        content: bytes,
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> Message:
        form = _upload_form("photo.jpg", content, caption, chat_id)
        return dict(await self._post_form(f"/users/{user_id}/photo", form))

    async def send_sticker(self, user_id: int, chat_id: int | None = None) -> Message:
        return dict(await self._post(f"/users/{user_id}/sticker", {"chat_id": chat_id}))

    async def reply_to(
        self, user_id: int, chat_id: int, reply_to_message_id: int, text: str
    ) -> Message:
        body = {"chat_id": chat_id, "reply_to_message_id": reply_to_message_id, "text": text}
        return dict(await self._post(f"/users/{user_id}/reply", body))

    async def block_bot(self, user_id: int, *, notify: bool = False) -> None:
        await self._post(f"/users/{user_id}/block", {"notify": notify})

    async def unblock_bot(self, user_id: int, *, notify: bool = False) -> None:
        await self._post(f"/users/{user_id}/unblock", {"notify": notify})

    async def set_flood(
        self, share: float, retry_after: int = 1, methods: set[str] | None = None
    ) -> None:
        body = {
            "share": share,
            "retry_after": retry_after,
            "methods": sorted(methods) if methods is not None else None,
        }
        await self._post("/flood", body)

    # ------------------------------------------------------------------ reading

    async def chat_state(self, chat_id: int) -> dict[str, Any]:
        """{chat_id, version, messages, reply_keyboard, callback_answers, chat_actions}."""
        return dict(await self._get(f"/chats/{chat_id}"))

    async def chat(self, chat_id: int) -> list[Message]:
        return list((await self.chat_state(chat_id))["messages"])

    async def current_version(self, chat_id: int) -> int:
        """A mark to pass as ``after_version``: only later changes count."""
        return int((await self.chat_state(chat_id))["version"])

    async def last_bot_message(self, chat_id: int) -> Message | None:
        bot_messages = [m for m in await self.chat(chat_id) if m["from_bot"]]
        return bot_messages[-1] if bot_messages else None

    async def callback_answers(self, chat_id: int) -> list[dict[str, Any]]:
        return list((await self.chat_state(chat_id))["callback_answers"])

    async def reply_keyboard(self, chat_id: int) -> dict[str, Any] | None:
        keyboard = (await self.chat_state(chat_id))["reply_keyboard"]
        return dict(keyboard) if keyboard else None

    async def chat_actions(self, chat_id: int) -> list[str]:
        return list((await self.chat_state(chat_id))["chat_actions"])

    async def commands(
        self, language_code: str | None = None, *, scope: str = "default"
    ) -> list[dict[str, Any]]:
        query = {"language_code": language_code or "", "scope": scope}
        return list((await self._get("/commands", query))["commands"])

    async def file_bytes(self, file_id: str) -> bytes:
        async with self._http().get(self._url(f"/files/{file_id}")) as response:
            if response.status != 200:
                await _raise_for(response)
            return await response.read()

    async def requests(self, start: int = 0) -> list[tuple[str, dict[str, Any]]]:
        """The Bot API calls the bot has made, from index ``start`` on."""
        answer = await self._get("/requests", {"start": str(start)})
        return [(r["method"], r["params"]) for r in answer["requests"]]

    async def events(self, chat_id: int, after: int, wait: float = _EVENTS_WAIT) -> dict[str, Any]:
        """Changes in the chat after version ``after``, waiting up to ``wait`` s for some."""
        query = {"after": str(after), "timeout": str(wait)}
        return dict(await self._get(f"/chats/{chat_id}/events", query, wait + 10))

    # ------------------------------------------------------------------ waiting

    async def wait_for(
        self,
        chat_id: int,
        predicate: Predicate,
        timeout: float = 10.0,
        *,
        after_version: int | None = None,
    ) -> Message:
        """The newest message satisfying ``predicate``, waiting for it to appear.

        Without ``after_version`` a message already in the chat counts; with it, only
        messages created or edited after that version (see ``current_version``).
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        cursor = after_version
        if cursor is None:
            state = await self.chat_state(chat_id)
            found = _newest_match(state["messages"], predicate)
            if found is not None:
                return found
            cursor = int(state["version"])
        while (remaining := deadline - loop.time()) > 0:
            events = await self.events(chat_id, cursor, min(remaining, _EVENTS_WAIT))
            found = _newest_match(events["messages"], predicate)
            if found is not None:
                return found
            cursor = int(events["version"])
        raise TimeoutError(
            f"no matching message in chat {chat_id} after {timeout}s; "
            f"the chat ends with: {_transcript(await self.chat(chat_id))}"
        )

    async def wait_for_text(
        self,
        chat_id: int,
        text: str,
        timeout: float = 10.0,
        *,
        after_version: int | None = None,
    ) -> Message:
        """The newest bot message whose text contains ``text``."""
        return await self.wait_for(
            chat_id,
            lambda m: m["from_bot"] and text in m["text"],
            timeout,
            after_version=after_version,
        )

    async def wait_for_callback_answer(
        self, chat_id: int, timeout: float = 10.0, *, after_version: int | None = None
    ) -> dict[str, Any]:
        """The next answerCallbackQuery for a button pressed in the chat (its toast/alert)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        cursor = await self.current_version(chat_id) if after_version is None else after_version
        while (remaining := deadline - loop.time()) > 0:
            events = await self.events(chat_id, cursor, min(remaining, _EVENTS_WAIT))
            if events["callback_answers"]:
                return dict(events["callback_answers"][0])
            cursor = int(events["version"])
        raise TimeoutError(f"the bot answered no button press in chat {chat_id} in {timeout}s")

    # ------------------------------------------------------------------ HTTP

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        return self._session

    def _url(self, path: str) -> str:
        return f"{self.base_url}/sandbox/api{path}"

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        payload = {k: v for k, v in body.items() if v is not None or k == "contact_user_id"}
        async with self._http().post(self._url(path), json=payload) as response:
            return await _json(response)

    async def _post_form(self, path: str, form: aiohttp.FormData) -> Any:
        async with self._http().post(self._url(path), data=form) as response:
            return await _json(response)

    async def _get(
        self, path: str, query: dict[str, str] | None = None, seconds: float = 30
    ) -> Any:
        timeout = aiohttp.ClientTimeout(total=seconds)
        async with self._http().get(self._url(path), params=query, timeout=timeout) as response:
            return await _json(response)


def _upload_form(
    filename: str, content: bytes, caption: str | None, chat_id: int | None
) -> aiohttp.FormData:
    form = aiohttp.FormData()
    form.add_field("file", content, filename=filename)
    if caption:
        form.add_field("caption", caption)
    if chat_id is not None:
        form.add_field("chat_id", str(chat_id))
    return form


async def _json(response: aiohttp.ClientResponse) -> Any:
    if response.status >= 400:
        await _raise_for(response)
    return await response.json()


async def _raise_for(response: aiohttp.ClientResponse) -> None:
    try:
        message = str((await response.json()).get("error"))
    except (aiohttp.ContentTypeError, ValueError):
        message = await response.text()
    error = SandboxNotFound if response.status == 404 else SandboxBadRequest
    raise error(response.status, message)


def _newest_match(messages: list[Message], predicate: Predicate) -> Message | None:
    live = [m for m in messages if not m.get("deleted")]
    return next((m for m in reversed(live) if predicate(m)), None)


def _transcript(messages: list[Message], last: int = 5) -> str:
    lines = [
        f"{'bot' if m['from_bot'] else 'user'} #{m['message_id']}: {m['text'][:80]!r}"
        for m in messages[-last:]
    ]
    return " | ".join(lines) or "(empty chat)"
