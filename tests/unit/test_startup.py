"""Start-up loads nothing heavy: the bot process idles without the document and chart libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What only a chart, a document or an export needs (docs/startup.md).
HEAVY = ("matplotlib", "numpy", "fpdf", "openpyxl", "rustpy_xlsxwriter", "jinja2", "pyzipper")

_CHILD = """
import json, sys
from bot.__main__ import main  # noqa: F401 - the entry point's own imports
from bot.app import build_app
from bot.config import Settings
from bot.wiring import configure

settings = Settings(_env_file=None, database_url=sys.argv[1])
configure(settings)
build_app(settings)
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def test_building_the_app_imports_no_chart_document_or_export_library(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'start.db'}"
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, url],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert "aiogram" in loaded  # the child did build the bot
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
