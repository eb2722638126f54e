"""The sandbox over HTTP: the Bot API routes a real bot talks to, plus the user side.

Bot API:   ``POST|GET /bot{token}/{method}`` and ``GET /file/bot{token}/{file_path}``,
           exactly where aiogram's ``TelegramAPIServer.from_base(url)`` looks for them.
User side: JSON routes under ``/sandbox/api/`` (see ``user_routes.py``).
``/`` is a short text page for now.
"""

from __future__ import annotations

import asyncio
import json
import logging
from functools import partial
from typing import Any

from aiohttp import web

from bot.sandbox.botapi import Upload
from bot.sandbox.errors import TelegramError
from bot.sandbox.state import Sandbox
from bot.sandbox.user_routes import SANDBOX_KEY, USER_ROUTES_HELP, add_user_routes

log = logging.getLogger(__name__)

# Uploads up to Telegram's 50 MB limit must reach the method to be refused properly.
MAX_BODY = 60 * 1024 * 1024
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

json_response = partial(web.json_response, dumps=partial(json.dumps, ensure_ascii=False))


def build_app(sandbox: Sandbox) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY)
    app[SANDBOX_KEY] = sandbox
    app.router.add_get("/", _index)
    app.router.add_route("*", "/bot{token}/{method}", _bot_method)
    app.router.add_get("/file/bot{token}/{file_path:.+}", _download)
    add_user_routes(app)
    app.on_shutdown.append(_release_long_polls)
    return app


async def start_sandbox(host: str, port: int, sandbox: Sandbox) -> tuple[web.AppRunner, int]:
    """Serve ``sandbox`` on host:port (0 = any free port); → (runner, actual port).

    Stop it with ``await runner.cleanup()``.
    """
    # A short shutdown timeout: the only requests still open at shutdown are long polls.
    runner = web.AppRunner(build_app(sandbox), shutdown_timeout=1.0, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    actual_port = int(runner.addresses[0][1])
    return runner, actual_port


async def run_forever(host: str, port: int, token: str, sandbox: Sandbox | None = None) -> None:
    """Serve a fresh sandbox (or the given one) until cancelled."""
    sandbox = sandbox or Sandbox(token)
    runner, actual_port = await start_sandbox(host, port, sandbox)
    log.info("Telegram sandbox at http://%s:%d/ (bot token %s)", host, actual_port, token)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


async def _release_long_polls(app: web.Application) -> None:
    app[SANDBOX_KEY].close()


# ---------------------------------------------------------------------------- Bot API


async def _bot_method(request: web.Request) -> web.Response:
    sandbox = request.app[SANDBOX_KEY]
    if request.match_info["token"] != sandbox.token:
        return _telegram_error(TelegramError(401, "Unauthorized"))
    try:
        params, uploads = await _read_params(request)
        result = await sandbox.call(request.match_info["method"], params, uploads)
    except TelegramError as error:
        return _telegram_error(error)
    return json_response({"ok": True, "result": result})


def _telegram_error(error: TelegramError) -> web.Response:
    return json_response(error.to_response(), status=error.code)


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Query string + body, whichever of JSON, urlencoded or multipart it is."""
    params: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if not request.can_read_body:
        return params, uploads
    if request.content_type == "application/json":
        params.update(await _json_object(request))
    elif request.content_type in _FORM_TYPES:
        for name, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                uploads[name] = (value.filename, value.file.read(), value.content_type)
            else:
                params[name] = value
    return params, uploads


async def _json_object(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise TelegramError(400, "Bad Request: can't parse JSON body") from None
    if not isinstance(body, dict):
        raise TelegramError(400, "Bad Request: JSON object expected")
    return body


async def _download(request: web.Request) -> web.StreamResponse:
    sandbox = request.app[SANDBOX_KEY]
    stored = sandbox.files.by_path(request.match_info["file_path"])
    if request.match_info["token"] != sandbox.token or stored is None:
        return _telegram_error(TelegramError(404, "Not Found"))
    return web.Response(body=stored.data, content_type=stored.mime_type)


async def _index(request: web.Request) -> web.Response:
    sandbox = request.app[SANDBOX_KEY]
    text = (
        "Telegram Bot API sandbox is running.\n\n"
        f"Bot API:  {request.url.origin()}/bot<token>/<method>   "
        f"(bot @{sandbox.bot_username})\n"
        f"Files:    {request.url.origin()}/file/bot<token>/<file_path>\n\n"
        f"User side (JSON):\n{USER_ROUTES_HELP}"
    )
    return web.Response(text=text)
