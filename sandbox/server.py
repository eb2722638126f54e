"""The sandbox over HTTP: the Bot API routes a real bot talks to, plus the user side.

Bot API:   ``POST|GET /bot{token}/{method}`` and ``GET /file/bot{token}/{file_path}``,
           exactly where aiogram's ``TelegramAPIServer.from_base(url)`` looks for them.
User side: JSON routes under ``/sandbox/api/`` (see ``user_routes.py``); ``GET /sandbox/api/``
           lists them.
Web chat:  ``/`` in a browser is a page that looks and behaves like a Telegram private chat, for
           a person to talk to the bot (``web/``: plain HTML, CSS and JavaScript, no build step,
           nothing fetched from the internet); see docs/sandbox-web.md. Without ``text/html``
           in Accept (curl, scripts), ``/`` is the list of routes, as ``/sandbox/api/`` is.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from aiohttp import web

from sandbox.botapi import Upload
from sandbox.errors import TelegramError
from sandbox.state import Sandbox
from sandbox.user_routes import (
    DEMO_LOGINS_KEY,
    PRESENCE_KEY,
    SANDBOX_KEY,
    USER_ROUTES_HELP,
    BotPresence,
    add_user_routes,
)
from sandbox.webhook import WebhookPusher

log = logging.getLogger(__name__)

# Uploads up to Telegram's 50 MB limit must reach the method to be refused properly.
MAX_BODY = 60 * 1024 * 1024
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

json_response = partial(web.json_response, dumps=partial(json.dumps, ensure_ascii=False))

WEB_DIR = Path(__file__).resolve().parent / "web"
_WEB_FILES = {
    "index.html": "text/html",
    "app.css": "text/css",
    "app.js": "text/javascript",
}
DemoLogins = Iterable[Mapping[str, Any]]


def build_app(sandbox: Sandbox, *, demo_logins: DemoLogins = ()) -> web.Application:
    """The sandbox's HTTP app. ``demo_logins``: what the web page's "share contact" picker
    and user switcher offer, as dicts with ``phone`` and optionally ``label``, ``name``,
    ``company``, ``password`` (the program passes its demo logins; the sandbox knows none).
    """
    app = web.Application(client_max_size=MAX_BODY)
    app[SANDBOX_KEY] = sandbox
    app[PRESENCE_KEY] = BotPresence()
    app[DEMO_LOGINS_KEY] = [dict(login) for login in demo_logins]
    app.router.add_get("/", _index)
    app.router.add_get("/sandbox/web/{name}", _web_file)
    app.router.add_get("/sandbox/api/", _api_help)
    app.router.add_route("*", "/bot{token}/{method}", _bot_method)
    app.router.add_get("/file/bot{token}/{file_path:.+}", _download)
    add_user_routes(app)
    app.on_shutdown.append(_release_long_polls)
    app.cleanup_ctx.append(_webhook_pusher)
    return app


async def _webhook_pusher(app: web.Application) -> AsyncIterator[None]:
    """Posts updates to the bot's webhook once it sets one (sandbox/webhook.py)."""
    pusher = WebhookPusher(app[SANDBOX_KEY])
    await pusher.start()
    yield
    await pusher.stop()


async def start_sandbox(
    host: str, port: int, sandbox: Sandbox, *, demo_logins: DemoLogins = ()
) -> tuple[web.AppRunner, int]:
    """Serve ``sandbox`` on host:port (0 = any free port); → (runner, actual port).

    Stop it with ``await runner.cleanup()``.
    """
    # A short shutdown timeout: the only requests still open at shutdown are long polls.
    app = build_app(sandbox, demo_logins=demo_logins)
    runner = web.AppRunner(app, shutdown_timeout=1.0, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    actual_port = int(runner.addresses[0][1])
    return runner, actual_port


async def run_forever(
    host: str,
    port: int,
    token: str,
    sandbox: Sandbox | None = None,
    *,
    demo_logins: DemoLogins = (),
) -> None:
    """Serve a fresh sandbox (or the given one) until cancelled."""
    sandbox = sandbox or Sandbox(token)
    runner, actual_port = await start_sandbox(host, port, sandbox, demo_logins=demo_logins)
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
    method = request.match_info["method"]
    polling = method.lower() == "getupdates"
    presence = request.app[PRESENCE_KEY]
    if polling:
        presence.poll_started()
    try:
        params, uploads = await _read_params(request)
        result = await sandbox.call(method, params, uploads)
    except TelegramError as error:
        return _telegram_error(error)
    finally:
        if polling:
            presence.poll_ended()
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
    """The web chat page for a browser; the list of routes for curl and scripts."""
    if "text/html" in request.headers.get("Accept", ""):
        return _web_response("index.html")
    return await _api_help(request)


async def _web_file(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in _WEB_FILES:
        raise web.HTTPNotFound(text=f"no file {name!r} in the web chat")
    return _web_response(name)


def _web_response(name: str) -> web.Response:
    # Read on every request: the files are small, and an edited page shows on reload.
    body = (WEB_DIR / name).read_bytes()
    return web.Response(
        body=body,
        content_type=_WEB_FILES[name],
        charset="utf-8",
        headers={"Cache-Control": "no-cache"},
    )


async def _api_help(request: web.Request) -> web.Response:
    sandbox = request.app[SANDBOX_KEY]
    text = (
        "Telegram Bot API sandbox is running.\n\n"
        f"Bot API:  {request.url.origin()}/bot<token>/<method>   "
        f"(bot @{sandbox.bot_username})\n"
        f"Files:    {request.url.origin()}/file/bot<token>/<file_path>\n\n"
        f"User side (JSON):\n{USER_ROUTES_HELP}\n"
        f"Web chat: {request.url.origin()}/"
    )
    return web.Response(text=text)
