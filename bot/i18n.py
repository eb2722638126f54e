"""Texts from Fluent files in `bot/locales/<lang>/*.ftl`, Russian first.

Fluent carries CLDR plural rules, so "1 номер, 2 номера, 5 номеров" is one message with a
selector, not code. Each section keeps its own file; all files of a language form one bundle.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGS = ("ru", "en")


def _bundle(lang: str, directory: Path) -> FluentBundle:
    bundle = FluentBundle([lang], use_isolating=False)
    for path in sorted((directory / lang).glob("*.ftl")):
        resource = FluentResource(path.read_text(encoding="utf-8"))
        bundle.add_resource(resource)
    return bundle


@dataclass
class Translator:
    """Renders message ids in one language, falling back to Russian, then to the id itself."""

    locale: str
    bundle: FluentBundle
    fallback: FluentBundle | None = None
    missing: set[str] = field(default_factory=set)

    def __call__(self, key: str, /, **params: Any) -> str:
        for bundle in (self.bundle, self.fallback):
            if bundle is None or not bundle.has_message(key):
                continue
            message = bundle.get_message(key)
            if message.value is None:
                continue
            text, errors = bundle.format_pattern(message.value, params)
            if errors:
                log.warning("locale %s: %s: %s", self.locale, key, errors[0])
            return str(text)
        if key not in self.missing:
            self.missing.add(key)
            log.error("no text for %r in %s", key, self.locale)
        return key

    def has(self, key: str) -> bool:
        return self.bundle.has_message(key) or bool(
            self.fallback and self.fallback.has_message(key)
        )


class I18n:
    """All languages, loaded once at start-up."""

    def __init__(self, default: str = "ru", directory: Path = LOCALES_DIR) -> None:
        self.default = default
        self.bundles = {lang: _bundle(lang, directory) for lang in LANGS}
        self._translators = {
            lang: Translator(lang, self.bundles[lang], None if lang == "ru" else self.bundles["ru"])
            for lang in LANGS
        }

    def get(self, locale: str | None) -> Translator:
        lang = (locale or self.default)[:2].lower()
        return self._translators.get(lang, self._translators[self.default])

    def all_variants(self, key: str) -> set[str]:
        """The text of one message in every language (to match reply-keyboard presses)."""
        return {self._translators[lang](key) for lang in LANGS}
