"""No secret is kept in clear: once a gateway accepted a code or a password, it is gone."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from domain.auth.login import send_new_password
from domain.backoffice import admin as backoffice
from domain.notifications import MASK
from domain.types import Channel
from storage.models import Base, CabinetUser, Outbox
from tests.access_data import World, at_login
from tests.harness import BotTester

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


class RecordingSms:
    """The SMS gateway of the test: what it accepted, as a phone would show it."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, phone: str, text: str) -> None:
        self.sent.append((phone, text))


async def _everything_in_the_database(tester: BotTester) -> str:
    """Every value of every row of every table, as one text to search."""
    parts: list[str] = []
    async with tester.session_maker() as db:
        for table in Base.metadata.sorted_tables:
            for row in (await db.execute(select(table))).all():
                # Texts, JSON and bytes (not times, whose microseconds could look like a code).
                parts.extend(repr(v) for v in row if isinstance(v, (str, dict, list, bytes)))
    return "\n".join(parts)


async def test_after_a_code_login_the_code_is_nowhere_in_the_database(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    phone = RecordingSms()
    bot_tester.notifier.sms = phone
    user = await at_login(bot_tester, 1201)
    await user.share_contact("+79161234568")
    assert "Код отправлен в SMS" in user.last.text
    await bot_tester.notifier.run_once()
    [(to, text)] = phone.sent
    code = re.search(r"\b\d{6}\b", text)
    assert to == "+79161234568" and code is not None
    await user.send(code.group())
    assert "Выберите раздел" in user.last.text

    assert code.group() not in await _everything_in_the_database(bot_tester)
    async with bot_tester.session_maker() as db:
        # The code's SMS (beside it: the command menu the login set, which holds no secret).
        [row] = (await db.scalars(select(Outbox).where(Outbox.channel == Channel.SMS))).all()
    assert row.status.value == "sent" and row.payload["params"]["code"] == MASK


async def test_an_issued_password_is_wiped_once_sent_and_never_shown(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    phone = RecordingSms()
    bot_tester.notifier.sms = phone
    async with bot_tester.session_maker() as db:
        user = await db.get(CabinetUser, access_world_bot.users["coord"])
        assert user is not None
        await send_new_password(db, user)
        await db.commit()
        # Waiting for the gateway, the password is in the row, but the back-office shows a mask.
        [item] = await backoffice.list_outbox(db)
        assert item.params["password"] == MASK

    await bot_tester.notifier.run_once()
    [(_, text)] = phone.sent
    found = re.search(r"\): (\S+)\. ", text)
    assert found is not None
    password = found.group(1)
    assert password != MASK and password not in await _everything_in_the_database(bot_tester)
