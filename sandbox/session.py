"""``SandboxSession``: an aiogram session that calls a ``Sandbox`` in-process.

For dialog tests that feed ``sandbox.take_updates()`` to a Dispatcher: the bot's
requests go straight to ``Sandbox.call`` with the same parameters aiogram would put on
the wire (nested objects JSON-encoded, files as ``attach://`` parts), and the answers go
through aiogram's own response checking, so the exceptions are the real ones
(``TelegramBadRequest``, ``TelegramRetryAfter``, ...). No sockets, no ports.

    sandbox = Sandbox()
    bot = Bot(sandbox.token, session=SandboxSession(sandbox),
              default=DefaultBotProperties(parse_mode="HTML"))
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any, cast

from aiogram.client.session.base import BaseSession
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import InputFile

from sandbox.botapi import Upload
from sandbox.errors import TelegramError
from sandbox.state import Sandbox

if TYPE_CHECKING:
    from aiogram import Bot


class SandboxSession(BaseSession):
    def __init__(self, sandbox: Sandbox, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sandbox = sandbox

    async def close(self) -> None:
        """Nothing to close: there is no connection."""

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,
    ) -> TelegramType:
        params, uploads = await self._encode(bot, method)
        try:
            result = await self.sandbox.call(method.__api_method__, params, uploads)
            status, payload = 200, {"ok": True, "result": result}
        except TelegramError as error:
            status, payload = error.code, error.to_response()
        response = self.check_response(
            bot=bot, method=method, status_code=status, content=self.json_dumps(payload)
        )
        return cast(TelegramType, response.result)

    async def _encode(
        self, bot: Bot, method: TelegramMethod[TelegramType]
    ) -> tuple[dict[str, Any], dict[str, Upload]]:
        """The request as aiogram's aiohttp session would send it as form data."""
        files: dict[str, InputFile] = {}
        params: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files)
            if prepared:  # aiogram leaves out empty values the same way
                params[key] = prepared
        uploads: dict[str, Upload] = {}
        for key, input_file in files.items():
            chunks = [chunk async for chunk in input_file.read(bot)]
            content = b"".join(chunks)
            uploads[key] = (input_file.filename or key, content, "application/octet-stream")
        return params, uploads

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        """Downloads (``bot.download``) read the file straight from the sandbox."""
        _, _, rest = url.partition("/file/bot")
        token, _, file_path = rest.partition("/")
        stored = self.sandbox.files.by_path(file_path)
        if token != self.sandbox.token or stored is None:
            raise FileNotFoundError(f"no file at {url}")
        for start in range(0, len(stored.data), chunk_size):
            yield stored.data[start : start + chunk_size]
