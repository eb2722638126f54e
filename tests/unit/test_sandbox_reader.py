"""What the sandbox keeps for a test to fail on: the Bad Requests a bot met (even when it
handled them), and what a person could not read — a placeable Fluent left unfilled, a message
id in place of its text, a name in «» cut with «…», a button label cut on a phone 390 px wide."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from sandbox.layout import label_room, label_width
from sandbox.state import Sandbox, SandboxUser

pytest_plugins = ["tests.sandbox_fixtures"]

USER = 1001


def keyboard(*rows: list[str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=t, callback_data=f"b{i}") for i, t in enumerate(row)]
            for row in rows
        ]
    )


@pytest.fixture
def user(sandbox: Sandbox) -> int:
    sandbox.add_user(SandboxUser(id=USER, first_name="Анна"))
    sandbox.send_text(USER, "/start")
    return USER


async def test_a_refusal_the_bot_swallowed_is_still_recorded(
    bot: Bot, sandbox: Sandbox, user: int
) -> None:
    sent = await bot.send_message(user, "Баланс")
    try:
        await bot.edit_message_text("Баланс", chat_id=user, message_id=sent.message_id)
    except TelegramBadRequest:
        pass  # as a bot that thinks "not modified" harmless does
    assert [r["method"] for r in sandbox.refusals] == ["editMessageText"]
    assert "message is not modified" in sandbox.refusals[0]["description"]
    assert sandbox.unreadable == []


async def test_a_second_answer_to_one_press_is_recorded(
    bot: Bot, sandbox: Sandbox, user: int
) -> None:
    sent = await bot.send_message(user, "Меню", reply_markup=keyboard(["Баланс"]))
    query = sandbox.press(user, sent.message_id, "b0")
    await bot.answer_callback_query(query)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query, text="Готово")
    assert [r["method"] for r in sandbox.refusals] == ["answerCallbackQuery"]


async def test_an_unfilled_placeable_and_a_message_id_are_unreadable(
    bot: Bot, sandbox: Sandbox, user: int
) -> None:
    sandbox.forbidden_words = frozenset({"sub-color-green"})
    sandbox.forbidden_prefixes = frozenset({"sub"})
    await bot.send_message(user, "Тикет: {???}")
    await bot.send_message(user, "Цвет", reply_markup=keyboard(["sub-color-gray"]))
    await bot.send_message(user, "Цвет: sub-color-green")
    # Words that only look like ids are read as words: an address, a file, a plain hyphen.
    await bot.send_message(user, "Пишите на sub-desk@example.com, файл sub-list.xlsx, бизнес-центр")
    assert len(sandbox.unreadable) == 3
    assert "{???}" in sandbox.unreadable[0]
    assert "sub-color-gray" in sandbox.unreadable[1]
    assert "sub-color-green" in sandbox.unreadable[2]
    assert sandbox.refusals == []


async def test_a_quoted_name_cut_with_an_ellipsis_is_unreadable(
    bot: Bot, sandbox: Sandbox, user: int
) -> None:
    # Whole names, nested quotes and an ellipsis of its own are read as written.
    await bot.send_message(user, "Тариф «Корпоративный 1000» для «ООО «Северный ветер»»")
    await bot.send_message(user, "⏳ Готовлю файл «Платежи»… 40 %")
    assert sandbox.unreadable == []
    await bot.send_message(
        user,
        "01.12.2026 · +7 929 047-96-20\nАбонентская плата: тариф «Корпоративный 100… · −900 ₽",
        reply_markup=keyboard(["«Бизнес Безли…"]),
    )
    assert len(sandbox.unreadable) == 2
    assert "тариф «Корпоративный 100…" in sandbox.unreadable[0]
    assert "«Бизнес Безли…" in sandbox.unreadable[1]


async def test_a_label_too_wide_for_its_row_on_a_phone_is_unreadable(
    bot: Bot, sandbox: Sandbox, user: int
) -> None:
    # Both labels fit a row of their own; two to a row, the long one is cut.
    long, short = "⚪ успешно завершённые", "⚪ в работе"
    assert label_width(long) < label_room(1) and label_width(short) < label_room(2)
    await bot.send_message(user, "Фильтры", reply_markup=keyboard([long], [short]))
    assert sandbox.unreadable == []
    await bot.send_message(user, "Фильтры", reply_markup=keyboard([long, short]))
    [cut] = sandbox.unreadable
    assert repr(long) in cut and "row of 2" in cut


def test_widths_come_from_the_font() -> None:
    # Roboto's capital Ш is wider than its i; an emoji is about one and a quarter em.
    assert label_width("Ш") > 3 * label_width("i")
    assert round(label_width("🟢")) == round(1.25 * 15)
    assert label_width("✍️") == label_width("✍")  # the variation selector takes no room
    assert label_room(1) > 2 * label_room(2)
