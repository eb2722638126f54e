"""A prompt's example is one the step itself takes, and a mistake brings the question again
with that one example (not a second, different one from the error). The ICC, the order date,
the payments' and the documents' periods are checked in their sections' tests; here the phone
number of a ticket's SMS."""

from __future__ import annotations

import re

import pytest

from tests.access_data import World, logged_in
from tests.dialogs.test_tickets import tester, world
from tests.dialogs.test_tickets_long import to_the_text_step
from tests.harness import BotTester

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")
__all__ = ["tester", "world"]  # the fixtures of the tickets' dialog tests

PHONE = r"\+7 \d{3} \d{3}-\d\d-\d\d"


async def test_the_sms_phone_example_is_a_number_the_step_takes(
    tester: BotTester, world: World
) -> None:
    user = await logged_in(tester, world, "coord", 1301)
    await to_the_text_step(user)
    await user.send("Списали абонентскую плату дважды")
    await user.press("Без файлов")
    [example] = re.findall(PHONE, user.last.text)
    for wrong in ("8 495 123-45-67", "12345", "+1 202 555-01-23"):
        await user.send(wrong)
        assert re.findall(PHONE, user.last.text) == [example], wrong
    await user.send(example)
    assert "Проверьте обращение" in user.last.text
    assert f"SMS об ответе: {example}" in user.last.text


async def test_a_file_over_the_limit_is_told_the_limit_once(
    tester: BotTester, world: World
) -> None:
    user = await logged_in(tester, world, "coord", 1302)
    await to_the_text_step(user)
    await user.send("Списали абонентскую плату дважды")
    # Just over 20 MB: its size rounds to the limit itself, so only the limit is said.
    await user.send_document("акт.pdf", b"%PDF" + bytes(20 * 1024 * 1024 - 3), "application/pdf")
    refusal = user.last.text.split("\n\n")[0]
    assert (
        refusal
        == "❌ Файл «акт.pdf» не принят: он больше 20 МБ.\nОстальное сохранено (0 из 10 файлов)."
    )
