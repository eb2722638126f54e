"""Russian plural forms come from Fluent's CLDR rules, not from code."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.i18n import I18n


@pytest.fixture
def i18n(tmp_path: Path) -> I18n:
    for lang, text in {
        "ru": "n = { $n } { $n ->\n    [one] номер\n    [few] номера\n   *[many] номеров\n}\n",
        "en": "n = { $n } { $n ->\n    [one] number\n   *[other] numbers\n}\n",
    }.items():
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "t.ftl").write_text(text, encoding="utf-8")
    return I18n("ru", tmp_path)


@pytest.mark.parametrize(
    ("n", "word"),
    [
        (1, "номер"),
        (2, "номера"),
        (4, "номера"),
        (5, "номеров"),
        (11, "номеров"),
        (21, "номер"),
        (22, "номера"),
        (25, "номеров"),
        (111, "номеров"),
    ],
)
def test_russian_plural(i18n: I18n, n: int, word: str) -> None:
    assert i18n.get("ru")("n", n=n) == f"{n} {word}"


def test_english_plural(i18n: I18n) -> None:
    assert i18n.get("en")("n", n=1) == "1 number"
    assert i18n.get("en")("n", n=5) == "5 numbers"
