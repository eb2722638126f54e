"""The subscribers section as a coordinator uses it: the list, search, the card, adding and
removing employees, the SMS confirmation, personal data, limits and access grants."""

from __future__ import annotations

import pytest

from storage.models import Subscriber
from tests.access_data import World, logged_in
from tests.harness import BotTester

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


async def sub_row(tester: BotTester, sub_id: int) -> Subscriber:
    async with tester.session_maker() as db:
        sub = await db.get(Subscriber, sub_id)
        assert sub is not None
        return sub


async def test_list_search_and_card(bot_tester: BotTester, access_world_bot: World) -> None:
    user = await logged_in(bot_tester, access_world_bot, "union", 1001)
    await user.press("👥 Сотрудники")
    text = user.last.text
    # The union coordinator sees the company's six numbers, never company B's.
    assert "Сотрудники и номера · 6 номеров" in text
    assert any("Иванов Иван" in b for b in user.last.buttons)
    assert not any("Смирнов" in b for b in user.last.buttons)
    await user.press("🔎 Поиск")
    await user.send("петрова")
    assert "Сотрудники и номера · 1 номер" in user.last.text
    assert "Поиск: «петрова»" in user.last.text
    [line] = [b for b in user.last.buttons if "Петрова" in b]
    assert line.startswith("🟢 +7 916 123-45-68")
    await user.press("🔎 Поиск")
    await user.send("123 456")
    assert "3 номера" in user.last.text  # +7916123456x twice and +7999123456 7
    await user.press(line)
    card = user.last.text
    assert "+7 916 123-45-68" in card and "Петрова Анна Сергеевна" in card
    assert "Лицевой счёт: 500100200300" in card
    assert "Доступ в кабинет: координатор лицевого счёта" in card
    assert "Переадресация: нет" in card
