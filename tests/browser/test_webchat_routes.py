"""What the sandbox serves for its web chat, without a browser: the page and its two files,
the demo logins it offers, and the status that tells the page whether the bot is polling."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from sandbox import user_routes
from sandbox.server import start_sandbox
from sandbox.state import Sandbox

LOGINS = [
    {
        "phone": "+79261110001",
        "label": "Координатор объединения счетов",
        "name": "Козлова Нина Дмитриевна",
        "company": "ООО «Северный ветер»",
        "password": "Demo-2026!union",
    }
]


@pytest.fixture
def sandbox() -> Sandbox:
    return Sandbox()


@pytest.fixture
async def base(sandbox: Sandbox) -> AsyncIterator[str]:
    runner, port = await start_sandbox("127.0.0.1", 0, sandbox, demo_logins=LOGINS)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def get_json(http: aiohttp.ClientSession, url: str) -> Any:
    async with http.get(url) as response:
        assert response.status == 200, await response.text()
        return await response.json()


async def test_the_root_is_the_chat_page_with_its_files(
    base: str, http: aiohttp.ClientSession
) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    async with http.get(f"{base}/", headers=browser) as response:
        assert response.status == 200
        assert response.content_type == "text/html"
        assert response.charset == "utf-8"
        page = await response.text()
    assert '<html lang="ru">' in page
    assert 'src="/sandbox/web/app.js"' in page
    assert 'href="/sandbox/web/app.css"' in page
    assert "http://" not in page.replace("http://www.w3.org", "")  # nothing from elsewhere

    for name, kind in (("app.js", "text/javascript"), ("app.css", "text/css")):
        async with http.get(f"{base}/sandbox/web/{name}") as response:
            assert response.status == 200
            assert response.content_type == kind
            assert response.headers["Cache-Control"] == "no-cache"
            assert len(await response.read()) > 1000


@pytest.mark.parametrize("name", ["server.py", "..%2Fserver.py", "index.htm", ".."])
async def test_only_the_pages_own_files_are_served(
    base: str, http: aiohttp.ClientSession, name: str
) -> None:
    async with http.get(f"{base}/sandbox/web/{name}") as response:
        assert response.status == 404


@pytest.mark.parametrize("path", ["/", "/sandbox/api/"])
async def test_scripts_get_the_list_of_routes(
    base: str, http: aiohttp.ClientSession, path: str
) -> None:
    async with http.get(f"{base}{path}", headers={"Accept": "*/*"}) as response:
        assert response.content_type == "text/plain"
        text = await response.text()
    assert "/sandbox/api/users/{id}/messages" in text
    assert "/sandbox/api/status" in text
    assert f"Web chat: {base}/" in text


async def test_demo_logins_are_what_the_program_passed(
    base: str, http: aiohttp.ClientSession
) -> None:
    assert await get_json(http, f"{base}/sandbox/api/demo-logins") == {"logins": LOGINS}


async def test_without_demo_logins_the_list_is_empty(http: aiohttp.ClientSession) -> None:
    runner, port = await start_sandbox("127.0.0.1", 0, Sandbox())
    try:
        body = await get_json(http, f"http://127.0.0.1:{port}/sandbox/api/demo-logins")
    finally:
        await runner.cleanup()
    assert body == {"logins": []}


async def test_status_names_the_bot_and_the_group_chats(
    sandbox: Sandbox, base: str, http: aiohttp.ClientSession
) -> None:
    sandbox.open_chat(-1001234567890, "Чат сотрудников")
    status = await get_json(http, f"{base}/sandbox/api/status")
    assert status["bot"]["username"] == sandbox.bot_username
    assert status["group_chats"] == [
        {"id": -1001234567890, "title": "Чат сотрудников", "type": "supergroup"}
    ]


async def test_status_tells_a_polling_bot_from_a_missing_one(
    sandbox: Sandbox,
    base: str,
    http: aiohttp.ClientSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    status_url = f"{base}/sandbox/api/status"
    updates_url = f"{base}/bot{sandbox.token}/getUpdates"

    # No bot has ever asked for updates.
    status = await get_json(http, status_url)
    assert (status["bot_polling"], status["seconds_since_poll"]) == (False, None)
    assert not status["bot_stalled"]
    sandbox.send_text(7001, "Есть кто?")
    status = await get_json(http, status_url)
    assert status["pending_updates"] == 1
    assert status["bot_stalled"]  # a message waits and nobody takes it

    # A bot's long poll is open: it is polling, and takes the message at once.
    async with http.get(updates_url, params={"offset": "0", "timeout": "5"}) as response:
        first = (await response.json())["result"]
    assert [u["message"]["text"] for u in first] == ["Есть кто?"]
    confirm = asyncio.create_task(
        http.get(updates_url, params={"offset": str(first[-1]["update_id"] + 1), "timeout": "5"})
    )
    await asyncio.sleep(0.2)
    status = await get_json(http, status_url)
    assert status["bot_polling"] and status["seconds_since_poll"] == 0
    assert (status["pending_updates"], status["bot_stalled"]) == (0, False)
    sandbox.send_text(7001, "Ещё раз")
    async with await confirm as response:
        assert response.status == 200

    # The bot went away with the second message unconfirmed: stalled once it is silent.
    monkeypatch.setattr(user_routes, "BOT_SILENT_AFTER", 0.1)
    await asyncio.sleep(0.2)
    status = await get_json(http, status_url)
    assert not status["bot_polling"] and status["seconds_since_poll"] >= 0.1
    assert (status["pending_updates"], status["bot_stalled"]) == (1, True)


async def test_the_inbox_lists_what_the_bots_gateways_sent(
    sandbox: Sandbox, base: str, http: aiohttp.ClientSession
) -> None:
    from bot.gateways.sandbox import SandboxEmail, SandboxSms

    class Quiet:
        async def send(self, *args: object) -> None:
            return None

    await SandboxSms(Quiet(), base).send("+79261110001", "Код для входа: 123456")
    await SandboxEmail(Quiet(), base).send("a@example.org", "Код", "Код: 654321", [])
    answer = await get_json(http, f"{base}/sandbox/api/inbox?after=0")
    assert [(m["channel"], m["to"], m["text"]) for m in answer["messages"]] == [
        ("sms", "+79261110001", "Код для входа: 123456"),
        ("email", "a@example.org", "Код: 654321"),
    ]
    later = await get_json(http, f"{base}/sandbox/api/inbox?after=1")
    assert [m["channel"] for m in later["messages"]] == ["email"]
