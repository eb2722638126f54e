"""Every text the access code names exists in Russian and English and renders cleanly,
Russian plurals included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.i18n import I18n
from domain.auth import applications
from domain.types import Brand, Role

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    "domain/auth/login.py",
    "domain/auth/codes.py",
    "domain/auth/passwords.py",
    "domain/validation.py",
    "domain/auth/profile.py",
    "domain/auth/applications.py",
    "domain/backoffice/admin.py",
    "domain/access/checks.py",
    "handlers/auth.py",
    "handlers/profile.py",
    "handlers/apply.py",
    "keyboards/auth.py",
    "keyboards/profile.py",
    "keyboards/apply.py",
    "bot/admin_cli.py",
]
PREFIXES = ("auth-", "profile-", "apply-", "val-", "admin-", "sms-", "email-")


def used_keys() -> set[str]:
    keys: set[str] = set()
    for src in SOURCES:
        text = (ROOT / src).read_text(encoding="utf-8")
        for key in re.findall(r"[\"']([a-z]+(?:-[a-z_0-9]+)+)[\"']", text):
            if key.startswith(PREFIXES) and key != "auth-guard":  # a router's name
                keys.add(key)
    # Keys made from names.
    for f in applications.FIELDS:
        keys |= {f"apply-ask-{f.name}", f"apply-field-{f.name}"}
    for brand in Brand:
        keys |= {f"auth-pw-login-ask-{brand.value}", f"auth-rec-ask-{brand.value}"}
    keys |= {
        "val-ogrnip-checksum",
        "email-recovery-code-subject",
        "email-change-code-subject",
        "email-apply-received-subject",
        "auth-session-expired",
    }
    return keys


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_key_exists_in_both_languages(lang: str) -> None:
    bundle = I18n("ru").bundles[lang]
    missing = sorted(k for k in used_keys() if not bundle.has_message(k))
    assert missing == []


@pytest.mark.parametrize(
    ("left", "text"),
    [
        (1, "осталась 1 попытка"),
        (2, "осталось 2 попытки"),
        (4, "осталось 4 попытки"),
        (5, "осталось 5 попыток"),
    ],
)
def test_russian_plurals_of_tries(left: int, text: str) -> None:
    _ = I18n("ru").get("ru")
    assert _("auth-code-wrong", left=left) == f"Неверный код: {text}."


def test_lock_message_names_the_time_and_minutes() -> None:
    _ = I18n("ru").get("ru")
    assert _("auth-locked", until="02.03.2026 12:30", minutes=21).endswith(
        "до 02.03.2026 12:30 (мск) — ещё 21 минуту."
    )
    en = I18n("ru").get("en")
    assert "1 more minute" in en("auth-locked", until="x", minutes=1)


def test_roles_and_outbox_texts_render() -> None:
    _ = I18n("ru").get("ru")
    for role in Role:
        assert not _(f"role-{role.value}").startswith("role-")
    assert _("sms-login-code", code="123456") == (
        "Код для входа в кабинет: 123456. Никому его не сообщайте."
    )
    assert "Z-000007" in _("apply-staff-new", number="Z-000007", company="ООО", inn="1", count=3)
    assert "3 номера" in _("apply-staff-new", number="Z", company="ООО", inn="1", count=3)
