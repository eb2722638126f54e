#!/usr/bin/env bash
# deploy/Dockerfile's steps without a container daemon (CI runs this): build the project's
# wheel, install it apart from the checkout, and check that what the image needs is inside it:
# the migrations (a fresh database is brought to the head from the installed copy), the
# locales, the font, the command line. Keep it in step with the Dockerfile.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
PY="$(cd "$(dirname "$PY")" && pwd)/$(basename "$PY")"  # absolute, still the virtualenv's
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Stage 1: the wheel (the dependencies' wheels come from the registry in the image; here the
# virtualenv has them already).
"$PY" -m pip wheel --quiet --no-deps --wheel-dir "$work/wheels" .
# Stage 2: installed on its own, away from the checkout.
"$PY" -m pip install --quiet --no-deps --target "$work/app" "$work"/wheels/*.whl
cd "$work"
export PYTHONPATH="$work/app" PYTHONSAFEPATH=1
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
if [ -f "$font" ]; then export FONT_PATH=$font; fi
"$PY" - <<'PY'
import pathlib, sys
import bot, storage.migrate
root = pathlib.Path(bot.__file__).resolve().parent.parent
assert str(root).startswith(sys.path[0]) or "app" in str(root), root
for must in ("storage/migrations/env.py", "bot/locales/ru/main.ftl", "bot/locales/en/main.ftl"):
    found = list(root.glob(must.replace("main.ftl", "*.ftl")))
    assert found, f"the image would lack {must}"
print("installed copy:", root)
PY
DATABASE_URL="sqlite+aiosqlite:///$work/image.db" "$PY" -m bot migrate
DATABASE_URL="sqlite+aiosqlite:///$work/image.db" "$PY" -m bot --help >/dev/null
echo "image build steps: ok"
