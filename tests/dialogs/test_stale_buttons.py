"""A button out of its dialog: «Эта кнопка устарела…» with the section's menu; a button of a
wizard that has finished: «Это уже сделано», nothing opened again (the finished case of each
section is in its own test: `test_subscribers`, `test_tariffs`, `test_documents`)."""

from __future__ import annotations

import pytest

from tests.access_data import World, logged_in
from tests.accounts_data import NORTH_UNION
from tests.dialogs.test_documents import _chat, _open_order
from tests.harness import BotTester

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")

STALE = "Эта кнопка устарела. Откройте раздел заново."


async def test_a_step_of_the_add_employee_wizard_after_cancel(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "union", 1931)
    await user.press("👥 Сотрудники")
    await user.press("➕ Добавить")
    await user.send("Козлов Андрей")
    await user.send("8 (916) 123-00-09")
    step = user.last
    assert "Шаг 3 из 4" in step.text
    await user.send("/cancel")
    await user.press_data(step.message_id, step.callback_data["⏭ Пропустить"])
    assert user.alerts[-1]["text"] == STALE
    [screen] = [m for m in user.bot_messages if m.message_id == step.message_id]
    assert STALE in screen.text and "👥 Сотрудники" in screen.buttons
    await user.press("👥 Сотрудники")  # the section's menu, from the stale screen
    assert "Сотрудники и номера" in user.last.text


async def test_a_documents_step_after_cancel(bot_tester: BotTester) -> None:
    user = await _chat(bot_tester, NORTH_UNION, 1932)
    await _open_order(user)
    await user.press(next(b for b in user.last.buttons if "300115473001" in b))
    await user.press("Далее (1 счёт) ▶️")
    step = user.last
    assert "За какой период?" in step.text
    await user.send("/cancel")
    await user.press_data(step.message_id, step.callback_data["✍️ Ввести период"])
    assert user.alerts[-1]["text"] == STALE
    [screen] = [m for m in user.bot_messages if m.message_id == step.message_id]
    assert STALE in screen.text and "📑 Документы" in screen.buttons
