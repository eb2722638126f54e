"""«📋 Заказы и заявки»: each order appears once, as the button that opens its card."""

from __future__ import annotations

import re

from tests.accounts_data import NORTH_UNION, demo_chat
from tests.harness import BotTester


async def test_each_order_appears_once_as_its_button(bot_tester: BotTester) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 7301)
    await user.send("/start")
    await user.press("📋 Заказы и заявки")
    rows = [b for b in user.last.buttons if b.startswith("№ ")]
    assert rows, "the demo company has orders"
    numbers = [re.findall(r"№ (\d+) ", row)[0] for row in rows]
    for number in numbers:
        # The order's number is on its button, not again in the text above the buttons.
        assert f"№ {number}" not in user.last.text, number
    # What the marks of the buttons mean is said once above them.
    assert "Нажмите на заказ, чтобы открыть его карточку" in user.last.text
    await user.press(rows[0])
    assert f"Заказ № {numbers[0]}" in user.last.text
