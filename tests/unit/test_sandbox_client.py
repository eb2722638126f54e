"""The user side over HTTP (SandboxClient), as e2e tests with the bot in another process use it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import aiohttp
import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.exceptions import TelegramForbiddenError, TelegramRetryAfter
from aiogram.filters import CommandStart
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
)

from sandbox.client import SandboxBadRequest, SandboxClient, SandboxNotFound
from sandbox.server import run_forever, start_sandbox
from sandbox.state import Sandbox, SandboxUser

pytest_plugins = ["tests.sandbox_fixtures"]

USER = 2001


def menu(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t, callback_data=f"cb:{t}")] for t in labels]
    )


async def test_user_message_reaches_the_polling_bot(bot: Bot, client: SandboxClient) -> None:
    await client.add_user(SandboxUser(id=USER, first_name="Иван", username="ivan"))

    sent = await client.send_text(USER, "/start ref42")
    [update] = await bot.get_updates()

    assert sent["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert update.message is not None
    assert update.message.text == "/start ref42"
    assert update.message.from_user is not None
    assert update.message.from_user.username == "ivan"
    assert update.message.chat.type == "private"


async def test_press_button_by_text_sends_a_callback(bot: Bot, client: SandboxClient) -> None:
    await client.send_text(USER, "/start")
    await bot.send_message(USER, "Меню", reply_markup=menu("Счета", "Документы"))
    await bot.send_message(USER, "Ещё меню", reply_markup=menu("Счета и платежи"))

    query_id = await client.press_button(USER, "Счета")
    updates = await bot.get_updates()

    query = updates[-1].callback_query
    assert query is not None
    assert query.id == query_id
    # The exact label wins even though a later message has a partial match.
    assert query.data == "cb:Счета"
    await bot.answer_callback_query(query_id, text="Открываю")
    assert [a["text"] for a in await client.callback_answers(USER)] == ["Открываю"]


async def test_press_button_partial_label_and_missing_label(
    bot: Bot, client: SandboxClient
) -> None:
    await client.send_text(USER, "/start")
    await bot.send_message(USER, "Меню", reply_markup=menu("📄 Документы"))

    await client.press_button(USER, "Документы")

    with pytest.raises(SandboxNotFound, match=r"visible: message 2: \[📄 Документы\]"):
        await client.press_button(USER, "Тарифы")


async def test_press_by_callback_data_checks_the_button_exists(
    bot: Bot, client: SandboxClient
) -> None:
    await client.send_text(USER, "/start")
    sent = await bot.send_message(USER, "Меню", reply_markup=menu("A"))

    await client.press(USER, sent.message_id, "cb:A")
    with pytest.raises(SandboxNotFound, match="no button with callback_data 'forged'"):
        await client.press(USER, sent.message_id, "forged")


async def test_share_contact_own_and_foreign(bot: Bot, client: SandboxClient) -> None:
    await client.add_user(SandboxUser(id=USER, first_name="Иван"))

    own = await client.share_contact(USER, "+79001234567")
    foreign = await client.share_contact(
        USER, "+79007654321", contact_user_id=None, first_name="Пётр"
    )

    assert own["contact"] == {"phone_number": "+79001234567", "first_name": "Иван", "user_id": USER}
    assert foreign["contact"] == {"phone_number": "+79007654321", "first_name": "Пётр"}
    updates = await bot.get_updates()
    assert [u.message.contact.user_id for u in updates if u.message and u.message.contact] == [
        USER,
        None,
    ]


async def test_reply_keyboard_button_sends_its_text_or_contact(
    bot: Bot, client: SandboxClient
) -> None:
    await client.add_user(SandboxUser(id=USER, first_name="Иван", phone_number="79001234567"))
    await client.send_text(USER, "/start")
    markup = ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text="📱 Отправить номер", request_contact=True)],
            [KeyboardButton(text="Отмена")],
        ]
    )
    await bot.send_message(USER, "Номер?", reply_markup=markup)

    assert (await client.reply_keyboard(USER)) is not None
    contact = await client.press_reply_button(USER, "Отправить номер")
    text = await client.press_reply_button(USER, "Отмена")

    assert contact["contact"]["phone_number"] == "79001234567"
    assert text["text"] == "Отмена"


async def test_user_document_and_photo_reach_the_bot(
    bot: Bot, client: SandboxClient, make_png: Callable[..., bytes]
) -> None:
    content = b"ICCID;MSISDN\n8970100000000000001;79001234567\n"

    doc = await client.send_document(USER, "sims.csv", content, caption="Список SIM")
    photo = await client.send_photo(USER, make_png(), caption="скан")
    updates = await bot.get_updates()

    assert doc["document"]["mime_type"] == "text/csv"
    document = updates[0].message.document if updates[0].message else None
    assert document is not None
    file = await bot.get_file(document.file_id)
    assert file.file_path
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None
    assert downloaded.read() == content
    assert updates[0].message is not None
    assert updates[0].message.caption == "Список SIM"
    assert updates[1].message is not None
    assert updates[1].message.photo is not None
    assert photo["caption"] == "скан"


async def test_sticker_and_staff_reply(bot: Bot, client: SandboxClient, sandbox: Sandbox) -> None:
    sticker = await client.send_sticker(USER)
    sandbox.open_chat(-100)
    ticket = await bot.send_message(-100, "Тикет #7")

    answer = await client.reply_to(3003, -100, ticket.message_id, "Решено")
    updates = await bot.get_updates()

    assert sticker["sticker"]["emoji"] == "👍"
    reply = updates[-1].message
    assert reply is not None
    assert reply.reply_to_message is not None
    assert reply.reply_to_message.text == "Тикет #7"
    assert answer["chat"]["type"] == "supergroup"


async def test_chat_state_shows_what_the_user_sees(bot: Bot, client: SandboxClient) -> None:
    await client.send_text(USER, "/start")
    await bot.send_message(USER, "<b>Здравствуйте</b>", reply_markup=menu("Счета"))
    await bot.send_chat_action(USER, "typing")

    state = await client.chat_state(USER)

    assert [m["text"] for m in state["messages"]] == ["/start", "Здравствуйте"]
    assert state["messages"][1]["html"] == "<b>Здравствуйте</b>"
    assert state["messages"][1]["reply_markup"]["inline_keyboard"][0][0]["text"] == "Счета"
    assert state["chat_actions"] == ["typing"]
    last = await client.last_bot_message(USER)
    assert last is not None
    assert last["from_bot"] is True


async def test_events_long_poll_reports_new_edited_and_deleted(
    bot: Bot, client: SandboxClient
) -> None:
    await client.send_text(USER, "/start")
    sent = await bot.send_message(USER, "v1")
    mark = await client.current_version(USER)

    async def change_later() -> None:
        await asyncio.sleep(0.3)
        await bot.edit_message_text("v2", chat_id=USER, message_id=sent.message_id)

    task = asyncio.create_task(change_later())
    # A 25 s wait (the longest): had the change not woken it, the limit below would give up first.
    events = await asyncio.wait_for(client.events(USER, mark, wait=25), 20)
    await task

    assert [(m["text"], m["edited"]) for m in events["messages"]] == [("v2", True)]
    assert events["version"] > mark

    await bot.delete_message(USER, sent.message_id)
    deleted = await client.events(USER, events["version"], wait=1)
    assert deleted["messages"] == [
        {"message_id": sent.message_id, "deleted": True, "version": deleted["version"]}
    ]


async def test_wait_for_returns_when_the_bot_answers(bot: Bot, client: SandboxClient) -> None:
    await client.send_text(USER, "/start")
    await bot.send_message(USER, "Здравствуйте")  # an older match must not count
    mark = await client.current_version(USER)

    async def answer_later() -> None:
        await asyncio.sleep(0.3)
        await bot.send_message(USER, "Выберите раздел")
        await bot.send_message(USER, "Здравствуйте снова")

    task = asyncio.create_task(answer_later())
    found = await client.wait_for_text(USER, "Здравствуйте", timeout=5, after_version=mark)
    await task

    assert found["text"] == "Здравствуйте снова"


async def test_wait_for_times_out_with_a_transcript(bot: Bot, client: SandboxClient) -> None:
    await client.send_text(USER, "/start")

    with pytest.raises(TimeoutError, match="user #1: '/start'"):
        await client.wait_for(USER, lambda m: m["from_bot"], timeout=0.5)


async def test_block_flood_commands_files_and_requests(
    bot: Bot, client: SandboxClient, sandbox: Sandbox
) -> None:
    await client.send_text(USER, "/start")
    await bot.set_my_commands(
        [BotCommand(command="start", description="Начать")], language_code="ru"
    )
    sent = await bot.send_document(USER, BufferedInputFile(b"%PDF", filename="Счёт №1.pdf"))
    assert sent.document is not None

    assert await client.commands("ru") == [{"command": "start", "description": "Начать"}]
    assert await client.file_bytes(sent.document.file_id) == b"%PDF"
    methods = [method for method, _ in await client.requests()]
    assert methods == ["setMyCommands", "sendDocument"]

    await client.set_flood(1.0, retry_after=3, methods={"sendMessage"})
    with pytest.raises(TelegramRetryAfter) as flooded:
        await bot.send_message(USER, "x")
    assert flooded.value.retry_after == 3
    await client.set_flood(0)

    await client.block_bot(USER)
    with pytest.raises(TelegramForbiddenError):
        await bot.send_message(USER, "x")
    with pytest.raises(SandboxNotFound):
        await client.file_bytes("missing")
    with pytest.raises(SandboxBadRequest, match="share must be within"):
        await client.set_flood(2.0)


async def test_file_route_names_the_file(bot: Bot, client: SandboxClient, sandbox_url: str) -> None:
    await client.send_text(USER, "/start")
    sent = await bot.send_document(USER, BufferedInputFile(b"x", filename="Счёт №1.pdf"))
    assert sent.document is not None

    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{sandbox_url}/sandbox/api/files/{sent.document.file_id}") as response,
    ):
        disposition = response.headers["Content-Disposition"]

    assert response.content_type == "application/pdf"
    assert "filename*=UTF-8''%D0%A1%D1%87%D1%91%D1%82%20%E2%84%961.pdf" in disposition


async def test_bad_requests_get_json_errors(sandbox_url: str) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{sandbox_url}/sandbox/api/users/1/messages", json={}) as r:
            assert r.status == 400
            assert await r.json() == {"error": "'text' is required"}
        async with http.post(f"{sandbox_url}/sandbox/api/users/x/messages", json={}) as r:
            assert r.status == 400
        async with http.get(f"{sandbox_url}/") as r:
            assert "/sandbox/api/users/{id}/messages" in await r.text()


async def test_a_polling_dispatcher_talks_to_the_user_side(
    make_http_bot: Callable[[str, str], Bot],
) -> None:
    sandbox = Sandbox()
    runner, port = await start_sandbox("127.0.0.1", 0, sandbox)
    url = f"http://127.0.0.1:{port}"
    bot = make_http_bot(sandbox.token, url)
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        await message.answer("Здравствуйте, <b>Иван</b>", reply_markup=menu("Счета"))

    @router.callback_query(F.data == "cb:Счета")
    async def accounts(query: CallbackQuery) -> None:
        await query.answer("Открываю счета")

    dp = Dispatcher()
    dp.include_router(router)
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=5))
    try:
        async with SandboxClient(url) as client:
            await client.send_text(USER, "/start")
            hello = await client.wait_for_text(USER, "Здравствуйте", timeout=5)
            mark = await client.current_version(USER)
            await client.press_button(USER, "Счета")
            answer = await client.wait_for_callback_answer(USER, 5, after_version=mark)
        assert hello["html"] == "Здравствуйте, <b>Иван</b>"
        assert answer["text"] == "Открываю счета"
    finally:
        await dp.stop_polling()
        await polling
        await bot.session.close()
        # No lingering long poll holds the shutdown (it would hang; the limit is generous).
        await asyncio.wait_for(runner.cleanup(), 60)


async def test_run_forever_serves_until_cancelled() -> None:
    server = asyncio.create_task(run_forever("127.0.0.1", 0, "42:TOKEN"))
    await asyncio.sleep(0.3)
    assert not server.done()

    server.cancel()
    with pytest.raises(asyncio.CancelledError):
        await server
