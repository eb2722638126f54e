"""The probes and the sandbox's webhook rules, in one process."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp import ClientSession
from sqlalchemy import text

from bot.app import build_app
from bot.config import Settings, SettingsError, load_settings
from bot.web import start_web
from sandbox.errors import TelegramError
from sandbox.state import Sandbox
from storage.migrate import upgrade_to_head


async def test_readyz_names_a_database_behind_the_code(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'ready.db'}"
    await upgrade_to_head(url)
    settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
    app = build_app(settings)
    engine = app.engine
    runner, port = await start_web(app, "127.0.0.1", 0)
    try:
        async with ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/readyz") as r:
                assert (r.status, await r.json()) == (200, {"status": "ready"})
            async with engine.begin() as conn:
                await conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
            async with http.get(f"http://127.0.0.1:{port}/readyz") as r:
                assert r.status == 503
                body = await r.json()
            async with http.get(f"http://127.0.0.1:{port}/healthz") as r:
                assert r.status == 200  # the process itself is fine
    finally:
        await runner.cleanup()
        await app.close()
    assert body["status"] == "unavailable"
    assert body["migrations"].startswith("at 0001, the code needs")
    assert "python -m bot migrate" in body["migrations"]


def test_a_webhook_secret_is_required_and_checked() -> None:
    with pytest.raises(SettingsError, match="WEBHOOK_SECRET is missing"):
        load_settings(_env_file=None, webhook_url="https://bot.example.org/hook").check_webhook()
    with pytest.raises(SettingsError, match="Setting WEBHOOK_SECRET is wrong"):
        load_settings(_env_file=None, webhook_secret="has spaces")
    ok = load_settings(
        _env_file=None, webhook_url="https://bot.example.org/tg/hook", webhook_secret="a-b_c"
    )
    ok.check_webhook()
    assert ok.webhook_path == "/tg/hook"


async def test_the_sandbox_takes_a_webhook_as_telegram_does() -> None:
    sandbox = Sandbox()
    for url, error in (
        ("http://bot.example.org/hook", "An HTTPS URL must be provided"),
        ("ftp://127.0.0.1/hook", "An HTTPS URL must be provided"),
    ):
        with pytest.raises(TelegramError, match=error):
            await sandbox.call("setWebhook", {"url": url}, {})
    with pytest.raises(TelegramError, match="unallowed characters"):
        await sandbox.call(
            "setWebhook", {"url": "https://bot.example.org/h", "secret_token": "no way"}, {}
        )
    # Plain http is taken on the loopback only, so that it can be tried on one machine.
    assert await sandbox.call("setWebhook", {"url": "http://127.0.0.1:9/h"}, {}) is True
    with pytest.raises(TelegramError, match="can't use getUpdates method while webhook"):
        await sandbox.call("getUpdates", {}, {})
