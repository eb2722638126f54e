"""Every message id the program names exists in Russian and English, with the variables it is
given: the handlers, keyboards, bot, the domain's error keys and row texts, the network's
`network-reason-*`, and the demo data (a demo group's colour once printed the raw id
`sub-color-gray`).

The ids are found by reading the code: a string literal shaped like an id whose first part is
one of the locales' prefixes (`acc-`, `sub-`…), and an f-string such as f"sub-color-{color}"
whose values come from a known set. Where a literal id is the first argument of a translation
(`_("acc-stats-total", amount=…)`), of `say`, of `row_text` or of a domain error, every variable
the message uses in either language must be among the keywords given.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fluent.syntax import FluentParser
from fluent.syntax import ast as fl
from fluent.syntax.visitor import Visitor

from bot.i18n import LANGS, LOCALES_DIR
from domain.subscribers.groups import COLORS
from domain.types import ChargeCategory, ForwardingType, Role
from storage import demo

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("handlers", "keyboards", "bot", "domain")
DEMO = ROOT / "storage" / "demo.py"
ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9_]+)+")
# Calls whose first argument is a message id and whose keywords are its variables.
TRANSLATING = {"_", "say", "row_text"}
NOT_IDS = {"auth-guard"}  # a router's name
ERRORS = {"DomainError", "NotFound", "AccessDenied", "ValidationFailed", "RateLimited", "Conflict"}


class _Variables(Visitor):
    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_VariableReference(self, node: fl.VariableReference) -> None:
        self.names.add(node.id.name)


def _messages(lang: str) -> dict[str, set[str]]:
    """Message id → the variables its value and attributes use."""
    out: dict[str, set[str]] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text("utf-8"))
        for entry in resource.body:
            if isinstance(entry, fl.Message):
                seen = _Variables()
                seen.visit(entry)
                out[entry.id.name] = seen.names
    return out


MESSAGES = {lang: _messages(lang) for lang in LANGS}
PREFIXES = {key.split("-")[0] for key in MESSAGES["ru"]}


def _sources() -> Iterator[Path]:
    for folder in FOLDERS:
        yield from sorted((ROOT / folder).rglob("*.py"))
    yield DEMO


def _is_id(text: str) -> bool:
    return bool(ID.fullmatch(text)) and text.split("-")[0] in PREFIXES and text not in NOT_IDS


def _callee(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _literal_ids() -> dict[str, str]:
    """Every literal id in the code: id → where it first appears."""
    found: dict[str, str] = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if _is_id(node.value):
                    found.setdefault(node.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _calls() -> Iterator[tuple[str, set[str], str]]:
    """(id, keywords given, where) of each translating call with a literal id and no **."""
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            if _callee(node) not in TRANSLATING | ERRORS or not _is_id(first.value):
                continue
            if any(k.arg is None for k in node.keywords):
                continue  # **params: the variables are not known here
            given = {k.arg for k in node.keywords if k.arg is not None}
            yield first.value, given, f"{path.relative_to(ROOT)}:{node.lineno}"


def _families() -> dict[str, str]:
    """The ids the code builds from a value: each value of the set it comes from."""
    built: dict[str, str] = {}
    for cat in ChargeCategory:
        built[f"acc-cat-{cat.value}"] = "domain/accounts/statistics.py (the chart)"
    for role in Role:
        built[f"role-{role.value}"] = "role names"
    for kind in ForwardingType:
        built[f"sub-fwd-type-{kind.value}"] = "handlers/subscribers/network.py"
    for color in COLORS:
        built[f"sub-color-{color}"] = "keyboards/subscribers.py"
    north, volga = demo.demo_plans()
    for _, _, color in (*north.groups, *volga.groups, *demo.LARGE_GROUPS):
        built[f"sub-color-{color}"] = "storage/demo.py (a demo group's colour)"
    return built


def test_the_reading_finds_what_it_looks_for() -> None:
    # An empty scan would pass every test below: it must see ids of every kind.
    ids = _literal_ids()
    assert {"acc-stats-total", "network-reason-tariff-conflict", "admin-csv-no-rows"} <= set(ids)
    assert "apply-row-topic" in ids
    assert any(key == "acc-stats-total" for key, _, _ in _calls())


@pytest.mark.parametrize("lang", LANGS)
def test_every_id_in_the_code_and_the_demo_exists(lang: str) -> None:
    wanted = {**_literal_ids(), **_families()}
    missing = sorted(f"{k} ({where})" for k, where in wanted.items() if k not in MESSAGES[lang])
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_gets_the_variables_it_uses(lang: str) -> None:
    wrong = []
    for key, given, where in _calls():
        needed = MESSAGES[lang].get(key)
        if needed is not None and not needed <= given:
            wrong.append(f"{key} at {where}: uses {sorted(needed)}, given {sorted(given)}")
    assert wrong == []


def test_both_languages_have_the_same_ids() -> None:
    assert sorted(set(MESSAGES["ru"]) ^ set(MESSAGES["en"])) == []
