"""Fixtures shared by every test: a fresh SQLite database per test, a pinned date.

The whole suite sees one fixed date (`DEFAULT_TODAY`) unless `CABINET_TODAY` is set, so that it
passes on any real date and can be run for any other: `CABINET_TODAY=2028-02-29 make test`.
The variable is set before the program is imported, so that processes the tests start (the
e2e bot) see the same date.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

DEFAULT_TODAY = "2026-06-15"
os.environ["CABINET_TODAY"] = os.environ.get("CABINET_TODAY", "").strip() or DEFAULT_TODAY

import pytest  # noqa: E402

# Plugin modules that test modules also import from (`png_bytes`): their asserts are rewritten
# whichever comes first.
pytest.register_assert_rewrite("tests.sandbox_fixtures", "tests.access_fixtures")

from hypothesis import settings as hypothesis_settings  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker  # noqa: E402

from bot.config import load_settings  # noqa: E402
from bot.wiring import configure  # noqa: E402
from domain import clock  # noqa: E402
from domain.orders.network import simulated_executors  # noqa: E402
from domain.orders.placing import install_network  # noqa: E402
from storage.db import make_engine, make_sessionmaker  # noqa: E402
from storage.models import Base  # noqa: E402

# The test process is an entry point like `python -m bot`: wired once, pinned to the date.
configure(load_settings(_env_file=None))

# CI runs the property tests with fixed examples: a red run is the same on a re-run.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    eng = make_engine(db_url)
    async with eng.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield eng
    await eng.dispose()


@pytest.fixture
def session_maker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return make_sessionmaker(engine)


@pytest.fixture
async def session(session_maker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with session_maker() as s:
        yield s


@pytest.fixture
async def bot_tester(
    engine: AsyncEngine, session_maker: async_sessionmaker[AsyncSession]
) -> AsyncIterator[object]:
    from tests.harness import BotTester

    tester = await BotTester(engine, session_maker).start()
    yield tester
    await tester.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--dates",
        default="",
        help="run every collected test once on each of these days (space- or comma-separated "
        "YYYY-MM-DD), in one session whose workers share all the runs: `make test-dates`",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    days = metafunc.config.getoption("--dates").replace(",", " ").split()
    if days and "cabinet_today" in metafunc.fixturenames:
        metafunc.parametrize("cabinet_today", days, ids=[f"on-{d}" for d in days])


@pytest.fixture
def cabinet_today() -> str | None:
    """The day a `--dates` run gives this test (None: the process's `CABINET_TODAY`)."""
    return None


@pytest.fixture(autouse=True)
def _pinned_clock(cabinet_today: str | None) -> None:
    """Each test starts at the pinned date: a test that moved the clock does not leak it."""
    if cabinet_today:
        # What the program reads, as if the process had been started on that day.
        os.environ[clock.ENV_VAR] = cabinet_today
    clock.pin_from_env()


@pytest.fixture(autouse=True)
def _simulated_network() -> None:
    """Each test starts with the simulated network: a test that installed a broken one does not
    leak it."""
    install_network(simulated_executors())
