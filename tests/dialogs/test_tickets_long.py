"""A ticket's messages of up to Telegram's 4,096 characters, Cyrillic full of `"&<>`, are kept
and read whole by both sides: the client who writes them, the staff who answer, the card.

Nothing over Telegram's limits is sent (the sandbox refuses it, and the test fails at its end),
and no text reaches anyone as «{???}»."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import TicketMessage
from tests.access_data import World, logged_in
from tests.dialogs.test_tickets import STAFF_CHAT, create_ticket, staff, tester, world
from tests.harness import BotTester, ChatUser, Shown

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")
__all__ = ["tester", "world"]  # the fixtures of the tickets' dialog tests

PHRASE = 'Счёт "А&Б" <№ 300115473001> списал плату & пени за «услугу» > месяца; '


def long_text(size: int, mark: str) -> str:
    """`size` characters of Cyrillic mixed with `"&<>`, starting with `mark` (to tell texts
    apart) and ending in a letter."""
    text = (mark + " " + PHRASE * (size // len(PHRASE) + 1))[:size]
    return text[:-1] + "ё"


async def to_the_text_step(user: ChatUser) -> None:
    """From the main menu to the question of a new ticket's text."""
    await user.press("💬 Обращения")
    await user.press("➕ Создать обращение")
    await user.press("Счета и оплата")


def words(text: str) -> list[str]:
    """A text as a reader reads it: the words in order (pieces are cut between words)."""
    return text.split()


def read_whole(shown: list[Shown], heading: str) -> str:
    """The text of the messages that carry a long one, without their headings."""
    parts = [m.text.split("\n\n", 1)[1] for m in shown if m.text.startswith(heading)]
    assert parts, [m.text[:80] for m in shown]
    return " ".join(parts)


async def stored(tester: BotTester) -> list[str]:
    async with tester.session_maker() as db:
        return list(await db.scalars(select(TicketMessage.text).order_by(TicketMessage.id)))


def within_limits(tester: BotTester) -> None:
    assert tester.faults() == []


# The sizes, with how the texts count them: «— 2 501 знак», «из 2 501 знака».
SIZES = [
    (2500, "2\u00a0500 знаков", "из 2\u00a0500 знаков"),
    (2501, "2\u00a0501 знак", "из 2\u00a0501 знака"),
    (3001, "3\u00a0001 знак", "из 3\u00a0001 знака"),
    (4096, "4\u00a0096 знаков", "из 4\u00a0096 знаков"),
]


def card_of(user: ChatUser) -> Shown:
    return next(m for m in reversed(user.bot_messages) if m.text.startswith("💬 Обращение"))


@pytest.mark.parametrize(("size", "counted", "of_counted"), SIZES)
async def test_long_messages_are_kept_and_read_whole_by_client_and_staff(
    tester: BotTester, world: World, size: int, counted: str, of_counted: str
) -> None:
    user = await logged_in(tester, world, "coord", 1201)
    question = long_text(size, "Вопрос")
    number = await create_ticket(user, question)
    await tester.run_jobs()

    # The staff chat: the whole question, in the post or in the messages right after it.
    posts = [Shown(m) for m in tester.sandbox.chat(STAFF_CHAT)]
    assert f"Обращение {number}" in posts[0].text
    if size <= 3000:
        assert question in posts[0].text
    else:
        assert f"Сообщение длинное — {counted}: целиком оно в следующих" in posts[0].text
        assert words(read_whole(posts[1:], f"📄 {number} · часть")) == words(question)

    # Staff answer as long: the client's push says it is long and opens it whole.
    team = await staff(tester)
    answer = long_text(size, "Ответ")
    await team.reply(posts[0].message_id, answer)
    assert f"Ответ по {number} отправлен клиенту" in team.last.text
    await tester.run_jobs()
    push = user.last
    assert f"Ответ по обращению {number}" in push.text
    if size <= 3000:
        assert answer in push.text and "📄 Прочитать целиком" not in push.buttons
    else:
        assert f"Ответ длинный — {counted}: здесь его начало" in push.text
        assert answer.startswith(push.text.split("\n\n", 1)[1].split("\n✂️")[0])
        whole = await user.press("📄 Прочитать целиком")
        assert words(read_whole(whole, f"📄 {number} · 🎧 Поддержка")) == words(answer)

    # The card shows each message's beginning, says so, and «Показать целиком» sends them whole.
    await user.press("💬 Открыть обращение")
    card = card_of(user).text
    assert "Показано начало" in card and of_counted in card
    whole = await user.press("📄 Показать целиком")
    assert words(read_whole(whole, f"📄 {number} · 👤 coord")) == words(question)
    assert words(read_whole(whole, f"📄 {number} · 🎧 Поддержка")) == words(answer)

    # The client's own long reply reaches the staff whole.
    comment = long_text(size, "Дополнение")
    await user.press("✍️ Ответить")
    await user.send(comment)
    assert "Текст: Дополнение" in user.last.text
    assert f"{of_counted}; сохранён весь текст" in user.last.text
    await user.press("📨 Отправить")
    before = len(tester.sandbox.chat(STAFF_CHAT))
    await tester.run_jobs()
    posts = [Shown(m) for m in tester.sandbox.chat(STAFF_CHAT)[before:]]
    if size <= 3000:
        assert comment in posts[0].text
    else:
        assert words(read_whole(posts[1:], f"📄 {number} · часть")) == words(comment)

    assert await stored(tester) == [question, answer, comment]
    within_limits(tester)


async def test_one_character_is_too_short_for_a_question_but_an_answer_reads_whole(
    tester: BotTester, world: World
) -> None:
    user = await logged_in(tester, world, "coord", 1202)
    await to_the_text_step(user)
    await user.send("&")
    assert "Слишком коротко: опишите вопрос хотя бы в 3 знака." in user.last.text
    assert "Опишите вопрос одним сообщением (до 4\u00a0096 знаков)" in user.last.text
    await user.send("Списали плату дважды")
    await user.press("Без файлов")
    await user.press("Мой номер")
    await user.press("📨 Отправить")
    number = user.last.text.split("Обращение ")[1].split(" ")[0]
    await tester.run_jobs()
    team = await staff(tester)
    post = tester.sandbox.chat(STAFF_CHAT)[0]
    await team.reply(post["message_id"], "<")
    await tester.run_jobs()
    assert user.last.text.endswith(f"{number}\n\n<")
    assert (await stored(tester))[-1] == "<"
    within_limits(tester)
