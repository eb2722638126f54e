"""A quiet chat: commands act as commands mid-question; a stray text points to the menu above."""

from __future__ import annotations

import pytest

from tests.access_data import World, at_login
from tests.accounts_data import NORTH_UNION, demo_chat
from tests.harness import BotTester

pytest_plugins = ["tests.access_fixtures"]


@pytest.mark.usefixtures("fast_argon")
async def test_a_command_at_the_sms_code_step_is_a_command(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await at_login(bot_tester, 1301)
    await user.share_contact("+79161234568")
    assert "Код отправлен в SMS" in user.last.text
    await user.send("/balance")
    assert "Неверный код" not in user.last.text
    assert "после входа" in user.last.text
    # The question was left: a six-digit number now is not a code.
    await user.send("123456")
    assert "Неверный код" not in user.last.text


async def test_a_command_in_the_middle_of_a_question_leaves_it(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 1302)
    await user.send("/start")
    await user.press("🧾 Лицевые счета")
    await user.press(next(b for b in user.last.buttons if b.startswith("300115473001")))
    await user.press("🧾 Счёт на предоплату")
    assert "Введите сумму" in user.last.text
    await user.send("/balance")
    assert "Баланс лицевых счетов" in user.last.text
    await user.send("15000")
    assert not any(m.document for m in user.bot_messages)


async def test_a_stray_text_points_to_the_menu_above_instead_of_repeating_it(
    bot_tester: BotTester,
) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 1303)
    await user.send("/menu")

    def menus_shown() -> int:
        return sum(m.text.startswith("🏢 ООО «Северный ветер»") for m in user.bot_messages)

    menus = menus_shown()
    assert menus == 1
    shown = await user.send("привет")
    assert [m.text for m in shown] == ["Не понял сообщение. Разделы — в меню выше ⬆️"]
    shown = await user.send("как дела?")
    assert len(shown) == 1 and "в меню выше" in shown[0].text
    assert menus_shown() == menus
    # Once the menu has scrolled out of sight, a stray text brings it back, once.
    for i in range(2):
        await user.send(f"ещё {i}")
    assert user.last.text.startswith("🏢 ООО «Северный ветер»")
    assert menus_shown() == menus + 1
    await user.send("и ещё")
    assert "в меню выше" in user.last.text


async def test_a_wrong_sum_is_asked_again_with_the_error_and_the_example(
    bot_tester: BotTester,
) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 1304)
    await user.send("/start")
    await user.press("🧾 Лицевые счета")
    await user.press(next(b for b in user.last.buttons if b.startswith("300115473001")))
    await user.press("🧾 Счёт на предоплату")
    await user.send("много")
    text = user.last.text
    assert text.index("Не понял сумму «много»") < text.index("например 15000")
    assert user.last.buttons  # back and cancel stay under the question
    await user.send("2000")
    assert any(m.document for m in user.bot_messages)
