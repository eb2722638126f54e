"""The deployment files name only settings the bot knows, so none is silently ignored."""

from __future__ import annotations

import re
from pathlib import Path

from bot.config import Settings

ROOT = Path(__file__).resolve().parents[2]
KNOWN = {name.upper() for name in Settings.model_fields}
# Read by Python itself, or by compose for the other containers, never by the bot.
NOT_OURS = {"PYTHONUNBUFFERED", "POSTGRES_PASSWORD", "TLS_DIR"}


def ours(name: str) -> bool:
    return name.split("__", 1)[0] in KNOWN  # OPERATOR_MEGAFON__INN: one field of a setting


def bot_environment(compose: str) -> list[str]:
    """The keys under `environment:` of the bots' shared block (`x-bot`)."""
    block = compose.split("x-bot:", 1)[1].split("\nservices:", 1)[0]
    env = block.split("  environment:\n", 1)[1]
    keys = []
    for line in env.splitlines():
        if not line.startswith("    ") or line.startswith("     "):
            break
        keys.append(line.strip().split(":", 1)[0])
    return keys


def test_compose_names_only_settings_the_bot_knows() -> None:
    compose = (ROOT / "deploy" / "compose.yaml").read_text()
    keys = bot_environment(compose)
    assert {"DATABASE_URL", "REDIS_URL", "WEBHOOK_PORT"} <= set(keys)
    assert [k for k in keys if not ours(k)] == []
    interpolated = set(re.findall(r"\$\{([A-Z0-9_]+)", compose))
    assert interpolated - KNOWN - NOT_OURS == set()
    assert compose.count("<<: *bot") == 3  # the migration and two instances


def test_env_example_the_unit_and_the_image_name_only_known_settings() -> None:
    example = (ROOT / ".env.example").read_text()
    names = re.findall(r"^([A-Z][A-Z0-9_]*)=", example, flags=re.M)
    assert [n for n in names if not ours(n)] == []
    assert {"WEBHOOK_SECRET", "HEALTH_PORT", "SHUTDOWN_GRACE_SECONDS"} <= set(names)
    unit = (ROOT / "deploy" / "cabinet-bot@.service").read_text()
    for line in re.findall(r"^Environment=(.*)$", unit, flags=re.M):
        names = [pair.split("=", 1)[0] for pair in line.split()]
        assert [n for n in names if not ours(n) and n not in NOT_OURS] == []
    docker = (ROOT / "deploy" / "Dockerfile").read_text()
    env_block = docker.split("ENV ", 1)[1].split("\nEXPOSE", 1)[0]
    names = re.findall(r"([A-Z][A-Z0-9_]*)=", env_block)
    assert "FONT_PATH" in names
    assert [n for n in names if not ours(n) and n not in NOT_OURS] == []
