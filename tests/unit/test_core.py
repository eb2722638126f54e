"""Settings, texts and throttling: the parts every update goes through."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import SettingsError, load_settings
from bot.i18n import I18n
from bot.middlewares.throttling import ThrottlingMiddleware


def test_defaults_run_on_sqlite_and_the_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    s = load_settings(_env_file=None)
    assert s.database_url.startswith("sqlite+aiosqlite:///")
    assert s.uses_sandbox
    assert s.api_url == "http://127.0.0.1:8080"


def test_token_means_telegram(monkeypatch: pytest.MonkeyPatch) -> None:
    s = load_settings(_env_file=None, bot_token="1:abc")
    assert not s.uses_sandbox
    assert s.api_url is None
    assert s.token == "1:abc"


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"TIMEZONE": "Mars/Olympus"}, "TIMEZONE"),
        ({"SANDBOX_PORT": "70000"}, "SANDBOX_PORT"),
        ({"DEFAULT_LOCALE": "de"}, "DEFAULT_LOCALE"),
    ],
)
def test_a_wrong_value_names_the_setting(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], name: str
) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(SettingsError) as info:
        load_settings(_env_file=None)
    assert name in str(info.value)
    assert "\n" not in str(info.value)


def test_start_up_stops_with_one_line_on_a_bad_setting(tmp_path: object) -> None:
    env = {"DATABASE_URL": "mysql://nowhere", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "DATABASE_URL" in lines[0]


def test_russian_plurals_and_english_fallback(tmp_path: object) -> None:
    i18n = I18n("ru")
    ru, en = i18n.get("ru"), i18n.get("en")
    assert ru("menu-balance") == "💰 Баланс"
    assert en("menu-balance") == "💰 Balance"
    assert i18n.get("de")("menu-balance") == "💰 Баланс"  # unknown language: Russian
    assert ru("no-such-key") == "no-such-key"


def test_locale_cache_follows_edits_and_survives_a_broken_cache_file(tmp_path: Path) -> None:
    from bot.i18n import LOCALES_DIR

    for lang in ("ru", "en"):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "a.ftl").write_text(f"hello = привет-{lang}\n", encoding="utf-8")
    assert I18n("ru", tmp_path).get("ru")("hello") == "привет-ru"
    (tmp_path / "ru" / "a.ftl").write_text("hello = здравствуйте\n", encoding="utf-8")
    assert I18n("ru", tmp_path).get("ru")("hello") == "здравствуйте"  # not the cached text
    # A damaged cache file (a crash mid-write on another machine) is parsed over, not trusted.
    for cached in (LOCALES_DIR / "__pycache__").glob("ftl-*.pickle"):
        cached.write_bytes(b"not a pickle")
    from bot import i18n as i18n_module

    i18n_module._parsed.cache_clear()
    assert I18n("ru").get("ru")("menu-balance") == "💰 Баланс"


def test_every_russian_text_has_an_english_twin() -> None:
    i18n = I18n("ru")
    ru_ids = set(i18n.bundles["ru"]._messages)
    en_ids = set(i18n.bundles["en"]._messages)
    assert ru_ids - en_ids == set(), "English texts missing"
    assert en_ids - ru_ids == set(), "Russian texts missing"


def test_throttling_lets_a_burst_through_then_drops_a_flood() -> None:
    t = ThrottlingMiddleware(rate=5, burst=10)
    allowed = [t.allow(1, now=0.0) for _ in range(15)]
    assert allowed.count(True) == 10
    assert t.allow(2, now=0.0)  # another user is not affected
    assert t.allow(1, now=0.3)  # refilled at 5 a second


# ----------------------------------------------------------------------------- gateways


def _gateways(**settings: object) -> tuple[str, str]:
    from bot.app import build_gateways

    sms, email = build_gateways(load_settings(_env_file=None, **settings))
    return type(sms).__name__, type(email).__name__


def test_console_gateways_serve_the_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    assert _gateways() == ("ConsoleSms", "ConsoleEmail")


def test_a_real_bot_without_an_sms_gateway_stops_naming_the_setting() -> None:
    with pytest.raises(SettingsError) as info:
        _gateways(bot_token="1:abc", smtp_host="smtp.example.org")
    assert str(info.value).startswith("Setting SMS_GATEWAY_URL is missing")
    assert "\n" not in str(info.value)
    with pytest.raises(SettingsError, match="SMTP_HOST"):
        _gateways(bot_token="1:abc", sms_gateway_url="https://sms.example.org/send")


def test_a_real_bot_uses_the_configured_gateways_or_the_console_on_purpose() -> None:
    real = _gateways(
        bot_token="1:abc", sms_gateway_url="https://sms.example.org/send", smtp_host="smtp.x.org"
    )
    assert real == ("HttpSms", "SmtpEmail")
    on_purpose = _gateways(bot_token="1:abc", sms_gateway="console", email_gateway="console")
    assert on_purpose == ("ConsoleSms", "ConsoleEmail")


def test_the_bot_refuses_to_start_with_a_token_and_no_sms_gateway(tmp_path: object) -> None:
    env = {
        "BOT_TOKEN": "1:abc",
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/x.db",
        "PATH": "/usr/bin:/bin",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "run"], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "SMS_GATEWAY_URL" in lines[0]
