"""A sticker, photo, voice or file at a step that waits for text: «Напишите …» and the step's
question again, and nothing the dialog already keeps is lost — at every such step."""

from __future__ import annotations

import pytest

from handlers.typed import text_states
from tests.access_data import World, logged_in
from tests.harness import BotTester, ChatUser

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")

WRITE = "Напишите ответ текстом"
PHOTO = b"\xff\xd8\xff\xe0" + b"0" * 64


async def _not_text_kept(user: ChatUser, question: str) -> None:
    """A sticker, then a photo: each answered «Напишите …» with `question` and the question's
    buttons; the dialog's step and data stay as they were."""
    asked = user.last
    before = await user.dialog()
    for send in (user.send_sticker, lambda: user.send_photo(PHOTO)):
        [answer] = await send()
        assert WRITE in answer.text and question in answer.text, answer.text
        assert answer.buttons == asked.buttons
        assert await user.dialog() == before


async def test_a_group_name_asked_again_after_a_sticker(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "union", 1911)
    await user.press("👥 Сотрудники")
    await user.press("👥 Группы")
    await user.press("➕ Новая группа")
    await _not_text_kept(user, "Напишите название группы, например")
    await user.send("Отдел продаж")
    assert "Выберите значок" in user.last.text


async def test_the_number_of_a_new_employee_after_a_photo_keeps_the_name(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "union", 1912)
    await user.press("👥 Сотрудники")
    await user.press("➕ Добавить")
    await user.send("Козлов Андрей")
    assert "Шаг 2 из 4" in user.last.text
    await _not_text_kept(user, "Шаг 2 из 4. Напишите номер сотрудника")
    _step, data = await user.dialog()
    assert "Козлов Андрей" in str(data)


async def test_a_new_e_mail_after_a_photo(bot_tester: BotTester, access_world_bot: World) -> None:
    user = await logged_in(bot_tester, access_world_bot, "union", 1913)
    await user.press("👤 Профиль")
    await user.press("✉️ Изменить e-mail")
    question = user.last.text.splitlines()[0]
    await _not_text_kept(user, question)
    await user.send("buh@severny-veter.ru")
    assert "Код отправлен на buh@severny-veter.ru" in user.last.text


async def test_a_wrong_answer_then_a_sticker_asks_the_question_with_its_error(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "union", 1914)
    await user.press("👥 Сотрудники")
    await user.press("👥 Группы")
    await user.press("➕ Новая группа")
    await user.send("О")
    assert "Название — от 2 до 60 символов" in user.last.text
    await _not_text_kept(user, "Напишите название группы")


@pytest.mark.parametrize("step", sorted(text_states()))
async def test_every_text_step_answers_a_sticker_and_a_photo(
    bot_tester: BotTester, access_world_bot: World, step: str
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "union", 1915)
    kept = {"sub_add": {"name": "Козлов Андрей"}, "asked": {"step": step, "text": "Вопрос шага?"}}
    await user.put_at_step(step, kept)
    for send in (user.send_sticker, lambda: user.send_photo(PHOTO)):
        [answer] = await send()
        assert WRITE in answer.text and "Вопрос шага?" in answer.text, (step, answer.text)
        assert await user.dialog() == (step, kept)
