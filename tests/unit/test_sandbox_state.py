"""The sandbox in-process: the user side, the text rules, and a Dispatcher driven through
``SandboxSession`` with no HTTP at all."""

from __future__ import annotations

import asyncio
import html
import json
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import CommandStart
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from hypothesis import given
from hypothesis import strategies as st

from sandbox.entities import parse_html, render_html
from sandbox.errors import TelegramError
from sandbox.markdown import parse_markdown, parse_markdown_v2
from sandbox.session import SandboxSession
from sandbox.state import ButtonNotFound, Sandbox, SandboxUser

pytest_plugins = ["tests.sandbox_fixtures"]

USER = 3001


def bot_message(sandbox: Sandbox, chat_id: int, text: str, **params: Any) -> dict[str, Any]:
    """Post as the bot without HTTP (``call`` is what the server runs)."""
    return asyncio.run(sandbox.call("sendMessage", {"chat_id": chat_id, "text": text, **params}))


def buttons(*rows: list[tuple[str, str]]) -> str:
    return json.dumps(
        {"inline_keyboard": [[{"text": t, "callback_data": d} for t, d in row] for row in rows]}
    )


# ----------------------------------------------------------------------------- HTML


@pytest.mark.parametrize(
    ("html", "text", "entities"),
    [
        ("<b>a</b>b", "ab", [{"type": "bold", "offset": 0, "length": 1}]),
        ("<B>a</B>", "a", [{"type": "bold", "offset": 0, "length": 1}]),
        ("<b></b>x", "x", []),  # Telegram drops empty entities
        ("a > b", "a > b", []),  # a bare ">" is fine, only "<" and "&" are not
        (
            '<a href="https://a.ru">x</a>',
            "x",
            [{"type": "text_link", "url": "https://a.ru", "offset": 0, "length": 1}],
        ),
        ("<a href=https>x</a>", "x", []),  # a link Telegram can't use is dropped, not fatal
        (
            '<code class="language-sql">s</code>',
            "s",
            [{"type": "code", "offset": 0, "length": 1, "language": "sql"}],
        ),
        ("<b>x</>", "x", [{"type": "bold", "offset": 0, "length": 1}]),  # "</>" closes the last
        ("&#x1F600;&#128512;", "😀😀", []),
    ],
)
def test_html_parses_like_telegram(html: str, text: str, entities: list[dict[str, Any]]) -> None:
    assert parse_html(html) == (text, entities)


@pytest.mark.parametrize(
    "html",
    ["<b", "<a href='x", "<b>x</b", "<b =x>", '<a href="x"y>', "&unknown;", "&#0;", "<!-- c -->"],
)
def test_malformed_html_is_refused(html: str) -> None:
    with pytest.raises(TelegramError, match="can't parse entities") as error:
        parse_html(html)
    assert error.value.code == 400


_WORDS = st.text(alphabet="ab <>&\"'\nя😀", min_size=1, max_size=6)
_TAGS = st.sampled_from(
    ["b", "i", "u", "s", "code", "tg-spoiler", "blockquote", 'a href="https://a.ru/?x=1&amp;y"']
)


def _html_tree() -> st.SearchStrategy[str]:
    leaf = _WORDS.map(lambda w: html.escape(w, quote=False))
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.tuples(_TAGS, inner).map(lambda p: f"<{p[0]}>{p[1]}</{p[0].split()[0]}>"),
            st.lists(inner, min_size=2, max_size=3).map("".join),
        ),
        max_leaves=8,
    )


@given(_html_tree())
def test_rendered_html_parses_back_to_the_same_message(source: str) -> None:
    text, entities = parse_html(source)

    assert parse_html(render_html(text, entities)) == (text, entities)


# ----------------------------------------------------------------------------- Markdown


def test_markdown_v2_entities_and_errors() -> None:
    text, entities = parse_markdown_v2("*жирный _курсив_* [ссылка](https://a.ru/\\)x) `a.b`")

    assert text == "жирный курсив ссылка a.b"
    assert {"type": "italic", "offset": 7, "length": 6} in entities
    assert {"type": "text_link", "url": "https://a.ru/)x", "offset": 14, "length": 6} in entities
    with pytest.raises(TelegramError, match="Can't find end of Bold entity at byte offset 0"):
        parse_markdown_v2("*open")
    with pytest.raises(TelegramError, match="Character '-' is reserved"):
        parse_markdown_v2("1-2")


def test_legacy_markdown_needs_closed_entities() -> None:
    assert parse_markdown("*a* 1.5")[0] == "a 1.5"
    with pytest.raises(TelegramError, match="Can't find end of the entity starting at byte"):
        parse_markdown("snake_case")


# ----------------------------------------------------------------------------- user side


def test_updates_are_queued_in_order_and_taken_once(sandbox: Sandbox) -> None:
    sandbox.send_text(USER, "/help@b2b_cabinet_bot now")
    sandbox.send_sticker(USER)
    sandbox.share_contact(USER, "+79001234567")

    updates = sandbox.take_updates()

    assert [u["update_id"] for u in updates] == [1, 2, 3]
    assert updates[0]["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 21}]
    assert sandbox.take_updates() == []
    for raw in updates:  # every shape is a valid aiogram Update
        Update.model_validate(raw)


def test_press_button_prefers_the_latest_exact_label(sandbox: Sandbox) -> None:
    sandbox.send_text(USER, "/start")
    first = bot_message(sandbox, USER, "old", reply_markup=buttons([("Назад", "back:1")]))
    bot_message(sandbox, USER, "new", reply_markup=buttons([("Назад", "back:2")]))
    bot_message(sandbox, USER, "newest", reply_markup=buttons([("Назад к списку", "list")]))
    sandbox.take_updates()

    sandbox.press_button(USER, "Назад")
    sandbox.press(USER, first["message_id"], "back:1")  # an old keyboard still works

    data = [u["callback_query"]["data"] for u in sandbox.take_updates()]
    assert data == ["back:2", "back:1"]


def test_button_errors_say_what_is_visible(sandbox: Sandbox) -> None:
    sandbox.send_text(USER, "/start")
    link = '{"inline_keyboard": [[{"text": "Сайт", "url": "https://mts.ru"}]]}'
    bot_message(sandbox, USER, "menu", reply_markup=buttons([("Счета", "acc")]))
    bot_message(sandbox, USER, "link", reply_markup=link)

    with pytest.raises(ButtonNotFound, match=r"visible: message 2: \[Счета\]; message 3: \[Сайт\]"):
        sandbox.press_button(USER, "Тарифы")
    with pytest.raises(ButtonNotFound, match="is a url button"):
        sandbox.press_button(USER, "Сайт")
    with pytest.raises(ValueError, match="no button with callback_data"):
        sandbox.press(USER, 2, "forged")
    with pytest.raises(LookupError):
        sandbox.press_button(4242, "Счета")  # that user has no chat at all


def test_group_privacy_mode_hides_plain_messages(sandbox: Sandbox) -> None:
    sandbox.privacy_mode = True
    sandbox.open_chat(-5)
    ticket = bot_message(sandbox, -5, "Тикет")

    sandbox.send_text(USER, "болтовня", chat_id=-5)
    sandbox.send_text(USER, "/take 7", chat_id=-5)
    sandbox.reply_to(USER, -5, ticket["message_id"], "ответ клиенту")

    texts = [u["message"]["text"] for u in sandbox.take_updates()]
    assert texts == ["/take 7", "ответ клиенту"]
    assert len(sandbox.chat(-5)) == 4  # the chat itself still shows everything


def test_blocking_can_notify_and_writing_again_unblocks(sandbox: Sandbox) -> None:
    sandbox.send_text(USER, "/start")
    sandbox.take_updates()

    sandbox.block_bot(USER, notify=True)
    [update] = sandbox.take_updates()
    assert update["my_chat_member"]["new_chat_member"]["status"] == "kicked"
    Update.model_validate(update)

    sandbox.send_text(USER, "/start")
    assert USER not in sandbox.blocked


def test_user_messages_are_checked_like_an_app_would(sandbox: Sandbox) -> None:
    with pytest.raises(ValueError, match="empty"):
        sandbox.send_text(USER, "  ")
    with pytest.raises(ValueError, match="can't write in the private chat of"):
        sandbox.send_text(USER, "hi", chat_id=USER + 1)
    with pytest.raises(LookupError):
        sandbox.reply_to(USER, -1, 99, "x")


async def test_get_updates_in_process_waits_and_honours_offsets(sandbox: Sandbox) -> None:
    async def write_later() -> None:
        await asyncio.sleep(0.2)
        sandbox.send_text(USER, "one")
        sandbox.send_text(USER, "two")

    task = asyncio.create_task(write_later())
    # A 120 s poll: had the messages not woken it, the limit below would give up first.
    updates = await asyncio.wait_for(sandbox.get_updates(timeout=120), 60)
    await task

    assert len(updates) >= 1
    everything = await sandbox.get_updates(limit=1)
    assert [u["message"]["text"] for u in everything] == ["one"]
    last_only = await sandbox.get_updates(offset=-1)
    assert [u["message"]["text"] for u in last_only] == ["two"]


async def test_chat_events_wait_for_a_change(sandbox: Sandbox) -> None:
    sandbox.send_text(USER, "/start")
    mark = sandbox.version

    async def answer_later() -> None:
        await asyncio.sleep(0.2)
        await sandbox.call("sendChatAction", {"chat_id": USER, "action": "typing"})

    task = asyncio.create_task(answer_later())
    events = await sandbox.wait_chat_events(USER, mark, 5)
    await task

    assert [a["action"] for a in events["chat_actions"]] == ["typing"]
    assert events["messages"] == []


# ----------------------------------------------------------------------------- in-process bot


def _router() -> Router:
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="Счета", callback_data="accounts")]]
        )
        await message.answer("<b>Кабинет</b>", reply_markup=keyboard)

    @router.callback_query(F.data == "accounts")
    async def accounts(query: CallbackQuery, bot: Bot) -> None:
        assert isinstance(query.message, Message)
        await query.message.edit_text("Счета: <i>нет</i>")
        await query.answer("Готово")
        await bot.send_document(query.from_user.id, BufferedInputFile(b"1;2", "счета.csv"))

    @router.message(F.text == "сломай")
    async def broken(message: Message) -> None:
        await message.answer("a < b")

    return router


async def test_dispatcher_in_process_through_sandbox_session(sandbox: Sandbox) -> None:
    bot = Bot(
        sandbox.token,
        session=SandboxSession(sandbox),
        default=DefaultBotProperties(parse_mode="HTML"),
    )
    dp = Dispatcher()
    dp.include_router(_router())

    async def feed() -> None:
        for raw in sandbox.take_updates():
            await dp.feed_update(bot, Update.model_validate(raw, context={"bot": bot}))

    sandbox.add_user(SandboxUser(id=USER, first_name="Ольга"))
    sandbox.send_text(USER, "/start")
    await feed()
    sandbox.press_button(USER, "Счета")
    await feed()

    chat = sandbox.chat(USER)
    assert [m["html"] for m in chat] == ["/start", "Счета: <i>нет</i>", ""]
    assert chat[1]["edited"] is True
    assert sandbox.callback_answers(USER)[0]["text"] == "Готово"
    document = chat[2]["document"]
    assert document["file_name"] == "счета.csv"
    downloaded = await bot.download(document["file_id"])
    assert downloaded is not None
    assert downloaded.read() == b"1;2"

    sandbox.send_text(USER, "сломай")
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await feed()


def test_the_sandbox_is_a_program_of_its_own() -> None:
    """It imports nothing of the cabinet: the bot reaches its inbox over HTTP like the rest."""
    import ast
    from pathlib import Path

    import sandbox

    cabinet = {"bot", "domain", "storage", "handlers", "keyboards"}
    for path in Path(sandbox.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in cabinet, (path.name, name)


async def test_message_dates_come_from_the_clock_it_is_given() -> None:
    moment = [1_803_000_000.0]  # 2027-02-19: a day that is not today
    sandbox = Sandbox(clock=lambda: moment[0])
    sent = sandbox.send_text(4242, "привет")
    assert sent["date"] == 1_803_000_000
    assert sandbox.take_updates()[-1]["message"]["date"] == 1_803_000_000
    moment[0] += 90
    reply = await sandbox.call("sendMessage", {"chat_id": 4242, "text": "ответ"})
    assert reply["date"] == 1_803_000_090
    moment[0] += 30
    await sandbox.call(
        "editMessageText", {"chat_id": 4242, "message_id": reply["message_id"], "text": "ещё"}
    )
    edited = sandbox.find_message(4242, reply["message_id"])
    assert edited is not None and edited.date == 1_803_000_090 and edited.edit_date == 1_803_000_120
