"""The sandbox as a real aiogram Bot sees it over HTTP: Telegram's rules and errors."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
)
from aiogram.types.media_union import MediaUnion

from sandbox.client import SandboxClient
from sandbox.state import Sandbox, SandboxUser

pytest_plugins = ["tests.sandbox_fixtures"]

USER = 1001
STAFF_CHAT = -100500


def keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t, callback_data=d)] for t, d in buttons]
    )


@pytest.fixture
def user(sandbox: Sandbox) -> int:
    """A user who has written to the bot, so the bot may write to them."""
    sandbox.add_user(SandboxUser(id=USER, first_name="Анна", username="anna"))
    sandbox.send_text(USER, "/start")
    sandbox.take_updates()
    return USER


# ----------------------------------------------------------------------------- basics


async def test_get_me_describes_the_sandbox_bot(bot: Bot, sandbox: Sandbox) -> None:
    me = await bot.get_me()

    assert me.is_bot
    assert me.id == 123456  # the number before ":" in the token, as in Telegram
    assert me.username == sandbox.bot_username


async def test_wrong_token_is_unauthorized(
    sandbox_url: str, make_http_bot: Callable[[str, str], Bot]
) -> None:
    stranger = make_http_bot("999:WRONG", sandbox_url)
    try:
        with pytest.raises(TelegramUnauthorizedError, match="Unauthorized"):
            await stranger.get_me()
    finally:
        await stranger.session.close()


async def test_unknown_method_is_not_found(sandbox: Sandbox, sandbox_url: str) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{sandbox_url}/bot{sandbox.token}/sendTelepathy", json={}) as response,
    ):
        body = await response.json()

    assert response.status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found: method not found"}


async def test_json_and_urlencoded_bodies_work_too(
    sandbox: Sandbox, sandbox_url: str, user: int
) -> None:
    url = f"{sandbox_url}/bot{sandbox.token}/sendMessage"
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json={"chat_id": user, "text": "json"}) as response:
            assert (await response.json())["ok"] is True
        async with http.post(url, data={"chat_id": str(user), "text": "form"}) as response:
            assert (await response.json())["result"]["text"] == "form"

    assert [m["text"] for m in sandbox.chat(user)[-2:]] == ["json", "form"]


async def test_every_request_is_recorded(bot: Bot, sandbox: Sandbox, user: int) -> None:
    await bot.send_message(user, "hi", reply_markup=keyboard(("A", "a")))

    method, params = sandbox.requests[-1]
    assert method == "sendMessage"
    assert params["text"] == "hi"
    assert '"callback_data":"a"' in params["reply_markup"].replace(" ", "")


# ----------------------------------------------------------------------------- text and HTML


async def test_html_is_parsed_and_rendered_back(bot: Bot, sandbox: Sandbox, user: int) -> None:
    sent = await bot.send_message(
        user, 'Счёт <b>№ 42</b> &amp; <a href="https://example.ru/a?x=1&y=2">акт</a> 😀 <i>ok</i>'
    )

    assert sent.text == "Счёт № 42 & акт 😀 ok"
    shown = sandbox.last_bot_message(user)
    assert shown is not None
    assert shown["text"] == "Счёт № 42 & акт 😀 ok"
    assert shown["html"] == (
        'Счёт <b>№ 42</b> &amp; <a href="https://example.ru/a?x=1&amp;y=2">акт</a> 😀 <i>ok</i>'
    )
    # Offsets are UTF-16 code units: the emoji counts twice.
    italic = next(e for e in shown["entities"] if e["type"] == "italic")
    assert italic["offset"] == len("Счёт № 42 & акт ") + 2 + 1


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("Рога & Копыта", "Unsupported HTML entity at byte offset 9"),
        ("<b><i>x</b></i>", 'expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("<br>", 'Unsupported start tag "br"'),
    ],
)
async def test_invalid_html_cannot_be_parsed(bot: Bot, user: int, html: str, reason: str) -> None:
    with pytest.raises(TelegramBadRequest, match="can't parse entities") as error:
        await bot.send_message(user, html)

    assert reason in error.value.message


async def test_every_tag_telegram_allows_is_accepted(bot: Bot, sandbox: Sandbox, user: int) -> None:
    html = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s>"
        "<strike>k</strike><del>d</del><tg-spoiler>p</tg-spoiler>"
        '<span class="tg-spoiler">q</span><code>c</code><pre>p</pre>'
        '<pre><code class="language-python">x = 1</code></pre>'
        "<blockquote>q</blockquote><blockquote expandable>e</blockquote>"
        '<a href="tg://user?id=42">m</a> &lt;&gt;&quot;&#65;&#x42;'
    )
    await bot.send_message(user, html)

    shown = sandbox.last_bot_message(user)
    assert shown is not None
    assert shown["text"].endswith('m <>"AB')
    types = [e["type"] for e in shown["entities"]]
    assert types.count("bold") == 2
    assert {"spoiler", "pre", "expandable_blockquote", "text_mention"} <= set(types)
    assert {"type": "pre", "offset": 13, "length": 5, "language": "python"} in shown["entities"]


async def test_text_limit_is_4096_utf16_units(bot: Bot, user: int) -> None:
    await bot.send_message(user, "я" * 4096)
    await bot.send_message(user, "😀" * 2048)  # 2 units each

    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(user, "я" * 4097)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(user, "😀" * 2049)


async def test_limit_counts_text_after_parsing_not_markup(bot: Bot, user: int) -> None:
    await bot.send_message(user, "<b>" + "x" * 4096 + "</b>")


async def test_text_empty_after_parsing_and_trimming_is_refused(bot: Bot, user: int) -> None:
    for text in ("   \n ", "<b> </b>", ""):
        with pytest.raises(TelegramBadRequest, match="message text is empty"):
            await bot.send_message(user, text)


async def test_text_is_trimmed_like_telegram(bot: Bot, user: int) -> None:
    sent = await bot.send_message(user, "\n  <b>hi</b>  \n")

    assert sent.text == "hi"
    assert sent.entities is not None
    assert (sent.entities[0].offset, sent.entities[0].length) == (0, 2)


async def test_markdown_v2_reserved_characters_must_be_escaped(bot: Bot, user: int) -> None:
    sent = await bot.send_message(user, r"*Итого:* 1\.5 ₽", parse_mode="MarkdownV2")
    assert sent.text == "Итого: 1.5 ₽"

    with pytest.raises(TelegramBadRequest, match=r"Character '\.' is reserved"):
        await bot.send_message(user, "Итого: 1.5 ₽", parse_mode="MarkdownV2")


async def test_caption_limit_is_1024(bot: Bot, user: int) -> None:
    pdf = BufferedInputFile(b"%PDF-1.4", filename="act.pdf")
    await bot.send_document(user, pdf, caption="к" * 1024)

    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_document(user, pdf, caption="к" * 1025)


# ----------------------------------------------------------------------------- keyboards


async def test_callback_data_over_64_bytes_is_refused(bot: Bot, user: int) -> None:
    await bot.send_message(user, "ok", reply_markup=keyboard(("A", "x" * 64)))

    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(user, "x", reply_markup=keyboard(("A", "x" * 65)))
    # Bytes, not characters: 33 Cyrillic letters are 66 bytes.
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(user, "x", reply_markup=keyboard(("A", "я" * 33)))


async def test_inline_button_needs_exactly_one_action(bot: Bot, user: int) -> None:
    bare = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="A")]])
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed"):
        await bot.send_message(user, "x", reply_markup=bare)

    both = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="A", callback_data="a", url="https://a.ru")]]
    )
    with pytest.raises(TelegramBadRequest, match="exactly one action"):
        await bot.send_message(user, "x", reply_markup=both)

    blank = keyboard((" ", "a"))
    with pytest.raises(TelegramBadRequest, match="BUTTON_TEXT_INVALID"):
        await bot.send_message(user, "x", reply_markup=blank)


async def test_at_most_100_inline_buttons(bot: Bot, user: int) -> None:
    await bot.send_message(
        user, "ok", reply_markup=keyboard(*[(str(i), str(i)) for i in range(100)])
    )

    with pytest.raises(TelegramBadRequest, match="reply markup is too long"):
        await bot.send_message(
            user, "x", reply_markup=keyboard(*[(str(i), str(i)) for i in range(101)])
        )


async def test_url_button_to_localhost_is_refused(bot: Bot, user: int) -> None:
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Open", url="http://localhost:8080/x")]]
    )
    with pytest.raises(TelegramBadRequest, match="Wrong HTTP URL"):
        await bot.send_message(user, "x", reply_markup=markup)


async def test_reply_keyboard_is_shown_until_removed(bot: Bot, sandbox: Sandbox, user: int) -> None:
    markup = ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text="Поделиться номером", request_contact=True)]],
        resize_keyboard=True,
    )
    sent = await bot.send_message(user, "Номер?", reply_markup=markup)

    assert sent.reply_markup is None  # only inline keyboards stay on a message
    shown = sandbox.reply_keyboard(user)
    assert shown is not None
    assert shown["keyboard"] == [[{"text": "Поделиться номером", "request_contact": True}]]

    await bot.send_message(user, "Спасибо", reply_markup=ReplyKeyboardRemove())
    assert sandbox.reply_keyboard(user) is None


# ----------------------------------------------------------------------------- edits, deletes


async def test_edit_is_applied_and_drops_an_omitted_keyboard(
    bot: Bot, sandbox: Sandbox, user: int
) -> None:
    sent = await bot.send_message(user, "Шаг 1", reply_markup=keyboard(("Далее", "next")))

    await bot.edit_message_text("<b>Шаг 2</b>", chat_id=user, message_id=sent.message_id)

    shown = sandbox.chat(user)[-1]
    assert shown["message_id"] == sent.message_id
    assert shown["html"] == "<b>Шаг 2</b>"
    assert shown["edited"] is True
    assert shown["reply_markup"] is None  # Telegram removes it unless it is sent again


async def test_identical_edit_is_not_modified(bot: Bot, user: int) -> None:
    markup = keyboard(("Далее", "next"))
    sent = await bot.send_message(user, "<b>Шаг</b>", reply_markup=markup)

    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text(
            "<b>Шаг</b>", chat_id=user, message_id=sent.message_id, reply_markup=markup
        )
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(
            chat_id=user, message_id=sent.message_id, reply_markup=markup
        )
    # The same text with other formatting is a modification.
    await bot.edit_message_text(
        "<i>Шаг</i>", chat_id=user, message_id=sent.message_id, reply_markup=markup
    )


async def test_edit_of_missing_or_foreign_message_is_not_found(
    bot: Bot, sandbox: Sandbox, user: int
) -> None:
    users_own = sandbox.send_text(user, "моё")

    for message_id in (users_own["message_id"], 999):
        with pytest.raises(TelegramBadRequest, match="message to edit not found"):
            await bot.edit_message_text("x", chat_id=user, message_id=message_id)


async def test_edit_caption_and_text_need_the_right_kind(
    bot: Bot, sandbox: Sandbox, user: int
) -> None:
    doc = await bot.send_document(user, BufferedInputFile(b"1", "a.txt"), caption="old")
    text = await bot.send_message(user, "text")

    await bot.edit_message_caption(chat_id=user, message_id=doc.message_id, caption="<b>new</b>")
    assert sandbox.chat(user)[-2]["html"] == "<b>new</b>"
    with pytest.raises(TelegramBadRequest, match="there is no text in the message to edit"):
        await bot.edit_message_text("x", chat_id=user, message_id=doc.message_id)
    with pytest.raises(TelegramBadRequest, match="there is no caption in the message to edit"):
        await bot.edit_message_caption(chat_id=user, message_id=text.message_id, caption="x")


async def test_delete_removes_the_message_once(bot: Bot, sandbox: Sandbox, user: int) -> None:
    sent = await bot.send_message(user, "временное")

    assert await bot.delete_message(user, sent.message_id) is True

    assert sent.message_id not in [m["message_id"] for m in sandbox.chat(user)]
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(user, sent.message_id)


async def test_message_ids_grow_per_chat_and_dates_are_unix_time(
    bot: Bot, sandbox: Sandbox, user: int
) -> None:
    sandbox.send_text(2002, "hi")
    first = await bot.send_message(user, "a")
    second = await bot.send_message(user, "b")
    other = await bot.send_message(2002, "c")

    assert second.message_id == first.message_id + 1
    assert other.message_id == 2  # the other chat counts on its own
    assert abs(sandbox.chat(user)[-1]["date"] - time.time()) < 600  # seconds, not milliseconds


# ----------------------------------------------------------------------------- files


async def test_document_upload_round_trips_through_get_file(
    bot: Bot, sandbox: Sandbox, user: int
) -> None:
    content = "Акт сверки;100,00\n".encode() * 1000
    sent = await bot.send_document(user, BufferedInputFile(content, filename="акт.csv"))

    assert sent.document is not None
    assert sent.document.file_name == "акт.csv"
    assert sent.document.mime_type == "text/csv"
    assert sent.document.file_size == len(content)
    file = await bot.get_file(sent.document.file_id)
    assert file.file_path
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None
    assert downloaded.read() == content
    assert sandbox.file_bytes(sent.document.file_id) == content

    again = await bot.send_document(user, sent.document.file_id)  # re-send by file_id
    assert again.document is not None
    assert again.document.file_id == sent.document.file_id


async def test_file_by_url_is_refused_without_internet(bot: Bot, user: int) -> None:
    with pytest.raises(TelegramBadRequest, match="no internet access"):
        await bot.send_document(user, "https://example.com/act.pdf")
    with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
        await bot.send_document(user, "NO-SUCH-FILE-ID")


async def test_send_photo_needs_a_real_picture(
    bot: Bot, sandbox: Sandbox, user: int, make_png: Callable[..., bytes]
) -> None:
    chart = BufferedInputFile(make_png(5, 4), "chart.png")
    sent = await bot.send_photo(user, chart, caption="График")

    assert sent.photo is not None
    assert (sent.photo[-1].width, sent.photo[-1].height) == (5, 4)
    shown = sandbox.last_bot_message(user)
    assert shown is not None
    assert shown["photo"]["file_id"] == sent.photo[-1].file_id
    assert shown["text"] == "График"
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(user, BufferedInputFile(b"not a picture", "x.png"))
    with pytest.raises(TelegramBadRequest, match="type of file mismatch"):
        await bot.send_document(user, sent.photo[-1].file_id)


async def test_send_media_group_posts_one_album(
    bot: Bot, sandbox: Sandbox, user: int, make_png: Callable[..., bytes]
) -> None:
    docs: list[MediaUnion] = [
        InputMediaDocument(
            media=BufferedInputFile(f"{i}".encode(), f"{i}.txt"), caption=f"<b>{i}</b>"
        )
        for i in range(3)
    ]
    sent = await bot.send_media_group(user, docs)

    assert [m.document.file_name for m in sent if m.document] == ["0.txt", "1.txt", "2.txt"]
    assert len({m.media_group_id for m in sent}) == 1
    assert [m["html"] for m in sandbox.chat(user)[-3:]] == ["<b>0</b>", "<b>1</b>", "<b>2</b>"]

    with pytest.raises(TelegramBadRequest, match="2-10 items"):
        await bot.send_media_group(user, docs[:1])
    mixed: list[MediaUnion] = [
        docs[0],
        InputMediaPhoto(media=BufferedInputFile(make_png(), "p.png")),
    ]
    with pytest.raises(TelegramBadRequest, match="can't use the media"):
        await bot.send_media_group(user, mixed)


# ----------------------------------------------------------------------------- callbacks


async def test_callback_query_can_be_answered_once(bot: Bot, sandbox: Sandbox, user: int) -> None:
    await bot.send_message(user, "Меню", reply_markup=keyboard(("Счета", "accounts")))
    query_id = sandbox.press_button(user, "Счета")
    [update] = sandbox.take_updates()
    assert update["callback_query"]["data"] == "accounts"

    await bot.answer_callback_query(query_id, text="Готово", show_alert=True)

    assert sandbox.callback_answers(user) == [
        {
            "callback_query_id": query_id,
            "text": "Готово",
            "show_alert": True,
            "url": None,
            "chat_id": user,
            "message_id": update["callback_query"]["message"]["message_id"],
            "version": sandbox.callback_answers()[0]["version"],
        }
    ]
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id)


async def test_callback_answer_text_is_limited_to_200(
    bot: Bot, sandbox: Sandbox, user: int
) -> None:
    await bot.send_message(user, "Меню", reply_markup=keyboard(("A", "a")))
    query_id = sandbox.press_button(user, "A")

    with pytest.raises(TelegramBadRequest, match="MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(query_id, text="x" * 201)
    await bot.answer_callback_query(query_id, text="x" * 200)


# ----------------------------------------------------------------------------- chats


async def test_unknown_chat_and_blocked_user(bot: Bot, sandbox: Sandbox, user: int) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(777, "hello?")

    sandbox.block_bot(user)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(user, "новости")

    sandbox.send_text(user, "/start")  # the user restarts the bot
    await bot.send_message(user, "С возвращением")


async def test_group_chat_copy_and_reply(bot: Bot, sandbox: Sandbox, user: int) -> None:
    question = sandbox.send_text(user, "Не работает SIM")
    sandbox.open_chat(STAFF_CHAT)

    copied = await bot.copy_message(
        STAFF_CHAT, from_chat_id=user, message_id=question["message_id"]
    )
    answer = sandbox.reply_to(2002, STAFF_CHAT, copied.message_id, "Проверим")

    staff_chat = sandbox.chat(STAFF_CHAT)
    assert [m["text"] for m in staff_chat] == ["Не работает SIM", "Проверим"]
    assert staff_chat[0]["from_bot"] is True
    assert answer["chat"] == {"id": STAFF_CHAT, "type": "supergroup", "title": "Staff"}
    assert answer["reply_to_message"]["message_id"] == copied.message_id
    chat = await bot.get_chat(STAFF_CHAT)
    assert chat.title == "Staff"

    reply = await bot.send_message(
        user, "Ответ", reply_parameters=ReplyParameters(message_id=question["message_id"])
    )
    assert reply.reply_to_message is not None
    assert reply.reply_to_message.text == "Не работает SIM"


async def test_chat_actions_are_recorded(bot: Bot, sandbox: Sandbox, user: int) -> None:
    await bot.send_chat_action(user, "upload_document")

    assert sandbox.chat_actions(user) == ["upload_document"]
    with pytest.raises(TelegramBadRequest, match="wrong parameter action"):
        await bot.send_chat_action(user, "dancing")


async def test_commands_are_kept_per_language(bot: Bot, sandbox: Sandbox) -> None:
    await bot.set_my_commands(
        [BotCommand(command="start", description="Начать")], language_code="ru"
    )
    await bot.set_my_commands(
        [BotCommand(command="start", description="Start")], language_code="en"
    )
    await bot.set_my_commands(
        [BotCommand(command="help", description="Help")], scope=BotCommandScopeAllPrivateChats()
    )

    assert sandbox.commands("ru") == [{"command": "start", "description": "Начать"}]
    assert sandbox.commands("en") == [{"command": "start", "description": "Start"}]
    assert sandbox.commands(scope="all_private_chats") == [
        {"command": "help", "description": "Help"}
    ]
    assert [c.description for c in await bot.get_my_commands(language_code="en")] == ["Start"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Start", description="x")])


# ----------------------------------------------------------------------------- faults


async def test_flood_injection_raises_retry_after(bot: Bot, sandbox: Sandbox, user: int) -> None:
    sandbox.set_flood(1.0, retry_after=7)
    with pytest.raises(TelegramRetryAfter) as error:
        await bot.send_message(user, "x")
    assert error.value.retry_after == 7

    sandbox.set_flood(0.5, retry_after=2, methods={"sendMessage"})
    outcomes = []
    for _ in range(4):
        try:
            await bot.send_message(user, "x")
            outcomes.append("ok")
        except TelegramRetryAfter:
            outcomes.append("429")
    assert outcomes == ["ok", "429", "ok", "429"]
    await bot.send_chat_action(user, "typing")  # other methods are not flooded

    sandbox.set_flood(0)
    await bot.send_message(user, "x")


# ----------------------------------------------------------------------------- long polling


async def test_long_poll_returns_as_soon_as_the_user_writes(
    bot: Bot, sandbox: Sandbox, client: SandboxClient
) -> None:
    # A poll of 120 s: had it not woken when the user wrote, the wait below would give up first.
    # (No upper time limit on a quick answer: a loaded CI machine must not fail for being slow.)
    poll = asyncio.create_task(bot.get_updates(timeout=120, request_timeout=180))
    await asyncio.sleep(0.3)
    assert not poll.done()  # it really waits

    await client.send_text(USER, "/start")
    updates = await asyncio.wait_for(poll, 60)

    assert [u.message.text for u in updates if u.message] == ["/start"]


async def test_long_poll_times_out_empty(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == []
    assert time.monotonic() - started >= 0.9  # it waited its second


async def test_offset_confirms_updates(bot: Bot, sandbox: Sandbox) -> None:
    sandbox.send_text(USER, "one")
    sandbox.send_text(USER, "two")

    first = await bot.get_updates()
    again = await bot.get_updates()  # not confirmed yet: delivered again
    after = await bot.get_updates(offset=first[0].update_id + 1)

    assert [u.update_id for u in first] == [u.update_id for u in again]
    assert [u.message.text for u in after if u.message] == ["two"]


async def test_second_poller_terminates_the_first(bot: Bot, sandbox: Sandbox) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.2)
    second = asyncio.create_task(bot.get_updates(timeout=1))

    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates"):
        await asyncio.wait_for(first, 5)
    assert await second == []


async def test_webhook_blocks_polling_until_deleted(bot: Bot, sandbox: Sandbox) -> None:
    sandbox.send_text(USER, "pending")
    await bot.set_webhook("https://bot.example.ru/hook")

    with pytest.raises(TelegramConflictError, match="webhook is active"):
        await bot.get_updates()
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == []


async def test_file_download_needs_the_token_and_a_real_path(
    bot: Bot, sandbox: Sandbox, sandbox_url: str, user: int
) -> None:
    sent = await bot.send_document(user, BufferedInputFile(b"secret", "a.txt"))
    assert sent.document is not None
    path = (await bot.get_file(sent.document.file_id)).file_path

    async with aiohttp.ClientSession() as http:
        async with http.get(f"{sandbox_url}/file/bot{sandbox.token}/{path}") as response:
            assert await response.read() == b"secret"
        async with http.get(f"{sandbox_url}/file/bot1:WRONG/{path}") as response:
            assert response.status == 404
        async with http.get(f"{sandbox_url}/file/bot{sandbox.token}/documents/x") as response:
            assert response.status == 404
