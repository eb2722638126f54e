"""A period typed at the step that offers periods is taken without first pressing «✍️ Ввести
период» or «✍️ Свой период»."""

from __future__ import annotations

from domain.accounts.balance import local_today
from tests.accounts_data import NORTH_UNION, demo_chat
from tests.dialogs.test_documents import _chat, _months_back, _open_order
from tests.harness import BotTester


async def test_statistics_take_a_period_typed_under_the_chart(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 1921)
    await user.send("/menu")
    await user.press("🧾 Лицевые счета")
    await user.press("📊 Статистика")
    assert "✍️ Свой период" in user.last.buttons
    await user.send("не помню")
    assert "Не понял период" in user.last.text
    today = local_today()
    await user.send(f"01.01.{today.year}–{today:%d.%m.%Y}")
    assert user.last.raw["photo"] is not None
    assert f"01.01.{today.year}" in user.last.text


async def test_documents_take_a_range_typed_at_the_period_question(bot_tester: BotTester) -> None:
    user = await _chat(bot_tester, NORTH_UNION, 1922)
    await _open_order(user)
    await user.press(next(b for b in user.last.buttons if "300115473001" in b))
    await user.press("Далее (1 счёт) ▶️")
    assert "За какой период?" in user.last.text and "введите диапазон" in user.last.text
    await user.send(f"{_months_back(2)}-{_months_back(1)}")
    assert "Какие документы подготовить?" in user.last.text
