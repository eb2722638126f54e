"""The layers hold: no import circles (imports inside functions count), dependencies point one
way, and importing a module of ours installs nothing (the entry points wire the program)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "keyboards", "domain", "storage", "sandbox")


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Every module of ours that `name` imports, anywhere in its body."""
    is_pkg = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = name.split(".") if is_pkg else name.split(".")[:-1]
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            targets = [base, *(f"{base}.{a.name}" for a in node.names)]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            # A package's face gathering its own parts is no circle.
            if target and target != name and not (is_pkg and target.startswith(name + ".")):
                out.add(target)
    return out


def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {name: _imports(name, path, known) for name, path in known.items()}


def _circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Modules that reach themselves again through imports (strongly connected, size ≥ 2)."""
    reach: dict[str, set[str]] = {}
    for start in graph:
        seen: set[str] = set()
        todo = list(graph[start])
        while todo:
            mod = todo.pop()
            if mod not in seen:
                seen.add(mod)
                todo.extend(graph.get(mod, ()))
        reach[start] = seen
    groups: list[set[str]] = []
    for mod, seen in reach.items():
        if mod in seen and not any(mod in g for g in groups):
            groups.append({mod} | {m for m in seen if mod in reach[m]})
    return groups


def test_no_module_reaches_itself_through_imports() -> None:
    assert _circles(_graph()) == []


def test_the_circle_finder_sees_a_circle_through_a_function_level_import(tmp_path: Path) -> None:
    graph = {"domain.a": {"domain.b"}, "domain.b": {"domain.c"}, "domain.c": {"domain.a"}}
    assert _circles(graph) == [{"domain.a", "domain.b", "domain.c"}]
    pkg = tmp_path / "domain"
    pkg.mkdir()
    (pkg / "x.py").write_text("def f():\n    from domain import y\n")
    (pkg / "y.py").write_text("import domain.x\n")
    known = {"domain.x": pkg / "x.py", "domain.y": pkg / "y.py"}
    assert _imports("domain.x", pkg / "x.py", known) == {"domain.y"}


def _third_party(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_dependencies_point_one_way() -> None:
    graph = _graph()
    modules = _modules()
    for name, targets in graph.items():
        layer = name.split(".")[0]
        tops = {t.split(".")[0] for t in targets}
        if layer == "domain":
            assert tops <= {"domain", "storage"}, name
            assert "aiogram" not in _third_party(modules[name]), name
        if layer == "storage":
            assert {t for t in targets if t.startswith("domain")} <= {"domain.types"}, name
        if layer == "keyboards":
            assert tops <= {"keyboards", "domain"}, name
            assert {t for t in targets if t.startswith("domain")} <= {"domain.types"}, name
        if layer == "handlers":
            assert "bot" not in tops and "storage" not in tops and "sandbox" not in tops, name
        if layer == "sandbox":
            assert tops <= {"sandbox"}, name


IMPORT_ALL = """
import importlib, pkgutil, sys
for pkg in {packages!r}:
    mod = importlib.import_module(pkg)
    for info in pkgutil.walk_packages(mod.__path__, pkg + "."):
        if ".migrations" not in info.name and not info.name.endswith("__main__"):
            importlib.import_module(info.name)
from domain import clock
from domain.documents import operators
from domain.orders import placing
from storage import changes, outbox_signal, timesource
try:
    timesource.utcnow()
    print("clock installed")
except RuntimeError:
    pass
print("pinned" if clock.is_pinned() else "", "executors", len(placing._EXECUTORS))
print("listeners", changes._installed, outbox_signal._installed)
"""


def test_importing_every_module_installs_nothing() -> None:
    code = IMPORT_ALL.format(packages=PACKAGES)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["executors", "0", "listeners", "False", "False"]
