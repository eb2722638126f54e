"""Each level's command menu lists only what that level may use, in its own chat; a logout
leaves the guest's; a section's intro speaks to the level that opens it."""

from __future__ import annotations

import pytest

from tests.access_data import World, logged_in
from tests.harness import BotTester

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")

GUEST = ["start", "cancel", "help", "language"]
WITH_BALANCE = ["menu", "balance", "cancel", "help", "language"]
NO_BALANCE = ["menu", "cancel", "help", "language"]


async def test_each_level_sees_only_its_own_commands(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    expected = {
        "union": WITH_BALANCE,
        "coord": WITH_BALANCE,
        "assistant": WITH_BALANCE,
        "manager": NO_BALANCE,
        "viewer": NO_BALANCE,
    }
    for tg, (level, commands) in enumerate(expected.items(), start=1501):
        assert bot_tester.sandbox.commands_seen(tg, "ru") == GUEST, level
        await logged_in(bot_tester, access_world_bot, level, tg)
        await bot_tester.run_jobs()
        assert bot_tester.sandbox.commands_seen(tg, "ru") == commands, level
    # Each chat has its own: the viewer's is not the coordinator's.
    assert (
        bot_tester.sandbox.commands("", scope="chat:1505")[1]["description"] == "Отменить действие"
    )
    # Every command a viewer's menu offers is answered, not refused.
    viewer = await bot_tester.user(1505)
    for command in NO_BALANCE[:2]:
        await viewer.send(f"/{command}")
        assert "Недостаточно прав" not in viewer.last.text, command


async def test_a_logout_leaves_the_guest_menu(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "coord", 1511)
    await bot_tester.run_jobs()
    assert bot_tester.sandbox.commands_seen(1511, "ru") == WITH_BALANCE
    await user.press("👤 Профиль")
    shown = await user.press("🚪 Выйти")
    assert any("Вы вышли из кабинета" in m.text for m in shown)
    await bot_tester.run_jobs()
    assert bot_tester.sandbox.commands_seen(1511, "ru") == GUEST


async def test_the_number_manager_is_not_invited_to_change_many_numbers(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    manager = await logged_in(bot_tester, access_world_bot, "manager", 1521)
    await manager.press("📶 Тарифы и услуги")
    assert "на своём номере" in manager.last.text
    assert "многим номерам" not in manager.last.text
    coordinator = await logged_in(bot_tester, access_world_bot, "coord", 1522)
    await coordinator.press("📶 Тарифы и услуги")
    assert "многим номерам" in coordinator.last.text
