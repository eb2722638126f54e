"""The sandbox's group members: getChatMember answers as Telegram does, only members write in a
group, and a file can be sent as a reply (how staff answer a ticket with a document)."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramBadRequest

from sandbox.client import SandboxClient
from sandbox.state import Sandbox, SandboxUser

pytest_plugins = ["tests.sandbox_fixtures"]

GROUP = -100500


async def test_get_chat_member_follows_joining_leaving_and_bans(bot: Bot, sandbox: Sandbox) -> None:
    sandbox.add_user(SandboxUser(id=11, first_name="Ольга"))
    sandbox.add_user(SandboxUser(id=12, first_name="Гость"))
    sandbox.open_chat(GROUP, "Чат сотрудников")
    sandbox.set_member(GROUP, 11, "creator")
    member = await bot.get_chat_member(GROUP, 11)
    assert member.status == ChatMemberStatus.CREATOR and member.user.first_name == "Ольга"
    assert (await bot.get_chat_member(GROUP, 12)).status == ChatMemberStatus.LEFT
    sandbox.send_text(12, "привет", chat_id=GROUP)  # writing in a group is being in it
    assert (await bot.get_chat_member(GROUP, 12)).status == ChatMemberStatus.MEMBER
    sandbox.set_member(GROUP, 12, "kicked")
    assert (await bot.get_chat_member(GROUP, 12)).status == ChatMemberStatus.KICKED
    with pytest.raises(ValueError, match="not a member"):
        sandbox.send_text(12, "я снова тут", chat_id=GROUP)
    assert (await bot.get_chat_member(GROUP, sandbox.bot_id)).status == ChatMemberStatus.MEMBER
    with pytest.raises(TelegramBadRequest, match="PARTICIPANT_ID_INVALID"):
        await bot.get_chat_member(GROUP, 999)
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.get_chat_member(-1, 11)
    with pytest.raises(ValueError):
        sandbox.set_member(GROUP, 11, "owner")


async def test_members_and_file_replies_over_http(
    bot: Bot, sandbox: Sandbox, client: SandboxClient
) -> None:
    sandbox.open_chat(GROUP)
    await client.add_user(SandboxUser(id=21, first_name="Сотрудник"))
    sent = await bot.send_message(GROUP, "Обращение T-000001")
    await client._post(f"/chats/{GROUP}/members", {"user_id": 21, "status": "member"})
    assert (await bot.get_chat_member(GROUP, 21)).status == ChatMemberStatus.MEMBER
    import aiohttp

    form = aiohttp.FormData()
    form.add_field("file", b"%PDF-1.4", filename="answer.pdf")
    form.add_field("chat_id", str(GROUP))
    form.add_field("reply_to_message_id", str(sent.message_id))
    answer = await client._post_form("/users/21/document", form)
    assert answer["reply_to_message"]["message_id"] == sent.message_id
    assert answer["document"]["file_name"] == "answer.pdf"


async def test_an_administrator_is_answered_as_telegram_does(bot: Bot, sandbox: Sandbox) -> None:
    sandbox.add_user(SandboxUser(id=13, first_name="Ирина"))
    sandbox.open_chat(GROUP, "Чат сотрудников")
    sandbox.set_member(GROUP, 13, "administrator")
    member = await bot.get_chat_member(GROUP, 13)
    assert member.status == ChatMemberStatus.ADMINISTRATOR and member.user.first_name == "Ирина"
    sandbox.send_text(13, "я администратор", chat_id=GROUP)  # an administrator writes, too
