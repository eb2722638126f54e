"""What the domain hands out: its use cases return dataclasses, never ORM rows.

A row handed to a handler (or the admin command line) is a live object of the session: reading
an attribute after the transaction may load it again or fail, and writing one changes the
database behind the use case's back. Inside the domain a scope check may give a row to the use
case that changes it (`checked_subscriber`, `ensure_account`…); outside, no name of such a
function may appear.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import domain
from storage.models import Base

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = ("handlers", "keyboards", "bot", "sandbox")


def _models() -> set[str]:
    return {m.class_.__name__ for m in Base.registry.mappers}


def _returning_rows() -> dict[str, str]:
    """Public domain functions whose return annotation names an ORM model: name → where."""
    models = _models()
    found: dict[str, str] = {}
    for info in pkgutil.walk_packages(domain.__path__, "domain."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(obj):
                continue
            if obj.__module__ != module.__name__:
                continue
            returns = str(inspect.signature(obj).return_annotation)
            if set(re.findall(r"\w+", returns)) & models:
                found[name] = f"{module.__name__}.{name} -> {returns}"
    return found


def _names_used_outside() -> dict[str, str]:
    used: dict[str, str] = {}
    for folder in OUTSIDE:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Attribute):
                    used.setdefault(node.attr, str(path.relative_to(ROOT)))
                elif isinstance(node, ast.Name):
                    used.setdefault(node.id, str(path.relative_to(ROOT)))
                elif isinstance(node, ast.alias):
                    used.setdefault(node.name.rpartition(".")[2], str(path.relative_to(ROOT)))
    return used


def test_the_scan_sees_the_domain_building_blocks() -> None:
    # The test below would pass on an empty scan: make sure it finds what it looks for.
    rows = _returning_rows()
    assert {"checked_subscriber", "ensure_account", "checked_ticket"} <= set(rows)


def test_no_function_returning_an_orm_row_is_called_outside_the_domain() -> None:
    rows = _returning_rows()
    used = _names_used_outside()
    leaks = sorted(f"{rows[name]} (used in {used[name]})" for name in rows if name in used)
    assert leaks == []


def test_the_section_faces_export_no_function_returning_a_row() -> None:
    rows = _returning_rows()
    exported = []
    for info in pkgutil.iter_modules(domain.__path__):
        if info.ispkg:
            face = importlib.import_module(f"domain.{info.name}")
            exported += [f"domain.{info.name}.{n}" for n in vars(face) if n in rows]
    assert exported == []
