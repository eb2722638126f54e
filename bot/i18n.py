"""Texts from Fluent files in `bot/locales/<lang>/*.ftl`, Russian first.

Fluent carries CLDR plural rules, so "1 номер, 2 номера, 5 номеров" is one message with a
selector, not code. Each section keeps its own file; all files of a language form one bundle.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax.ast import Resource

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGS = ("ru", "en")
_FLUENT_VERSION = version("fluent.syntax")


@lru_cache(maxsize=8)
def _parsed(files: tuple[tuple[str, bytes], ...]) -> tuple[Resource, ...]:
    """The syntax trees of one language's files, parsed once per process and kept on disk.

    Fluent's parser is pure Python: all the files take a fifth of a second, which every start
    (and every test's app) would pay again. The trees are pickled into `locales/__pycache__`,
    named by a hash of the files and the parser's version, as Python keeps its bytecode beside
    the sources; a read-only install simply parses each time."""
    digest = hashlib.sha256(_FLUENT_VERSION.encode())
    for name, content in files:
        digest.update(name.encode() + b"\0" + content + b"\0")
    cached = LOCALES_DIR / "__pycache__" / f"ftl-{digest.hexdigest()[:20]}.pickle"
    try:
        trees = pickle.loads(cached.read_bytes())
        if isinstance(trees, tuple) and all(isinstance(t, Resource) for t in trees):
            return trees
    except Exception:  # missing, half-written or from another version: parse instead
        log.debug("locale cache %s not used", cached.name)
    trees = tuple(FluentResource(content.decode("utf-8")) for _, content in files)
    try:
        cached.parent.mkdir(exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(trees, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(cached)
    except OSError:
        log.debug("locale cache not written to %s", cached.parent)
    return trees


def _bundle(lang: str, directory: Path) -> FluentBundle:
    bundle = FluentBundle([lang], use_isolating=False)
    files = tuple((p.name, p.read_bytes()) for p in sorted((directory / lang).glob("*.ftl")))
    for resource in _parsed(files):
        bundle.add_resource(resource)
    return bundle


# Fluent refuses a placeable longer than 2,500 characters (its guard against runaway
# expansion) and renders the whole message as «{???}»: a user's text of up to Telegram's
# 4,096 characters, HTML-escaped, is longer. Such a value goes through Fluent as a short
# stand-in (private-use characters no text carries) and is put in place afterwards.
LONG_VALUE = 1000
_STAND_IN = "\ue000{}\ue001"


def _stand_ins(params: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    shown = dict(params)
    long_values: dict[str, str] = {}
    for name, value in params.items():
        if isinstance(value, str) and len(value) > LONG_VALUE:
            stand_in = _STAND_IN.format(len(long_values))
            long_values[stand_in] = value
            shown[name] = stand_in
    return shown, long_values


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
            shown, long_values = _stand_ins(params)
            text, errors = bundle.format_pattern(message.value, shown)
            if errors:
                log.warning("locale %s: %s: %s", self.locale, key, errors[0])
            text = str(text)
            for stand_in, value in long_values.items():
                text = text.replace(stand_in, value)
            return text
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
