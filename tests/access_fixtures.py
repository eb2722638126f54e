"""Fixtures of the access tests, as a pytest plugin.

Use with ``pytest_plugins = ["tests.access_fixtures"]``. The names start with `access_`/`fast_`/
`fake_` so that they never shadow another section's `world`; none is autouse (a plugin's fixtures
are seen by every test once loaded), so a module asks for the cheap argon2 parameters with
``pytestmark = pytest.mark.usefixtures("fast_argon")``. The data and helpers are in
`tests/access_data.py`; a separate module, so that importing those does not pre-empt the plugin's
assertion rewriting.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.access_data import FakeClock, World, build_world, fast_passwords, use_fake_clock

if TYPE_CHECKING:
    from tests.harness import BotTester


@pytest.fixture
def fast_argon() -> Iterator[None]:
    with fast_passwords():
        yield


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return use_fake_clock(monkeypatch)


@pytest.fixture
async def access_world(session: AsyncSession) -> World:
    """The two companies, committed through the unit tests' `session`."""
    w = await build_world(session)
    await session.commit()
    return w


@pytest.fixture
async def access_world_bot(bot_tester: BotTester) -> AsyncIterator[World]:
    """The two companies, committed in the database of the dialog tests' `bot_tester`."""
    async with bot_tester.session_maker() as db:
        w = await build_world(db)
        await db.commit()
    yield w
