"""Search finds what a person types: any case of Cyrillic, «ё» as «е», a number in any of the
forms people write it; a group's or label's name is one name whatever its case."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.models import Group, Label
from tests.access_data import World, logged_in
from tests.harness import BotTester, ChatUser

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


async def search(user: ChatUser, text: str) -> str:
    """The list of numbers searched for `text` from a fresh list: what the user reads, its
    count and its rows (the buttons)."""
    await user.send("/menu")
    await user.press("👥 Сотрудники")
    await user.press("🔎 Поиск")
    await user.send(text)
    return "\n".join([user.last.text, *user.last.buttons])


async def open_card(user: ChatUser, name: str) -> None:
    await user.send("/menu")
    await user.press("👥 Сотрудники")
    [line] = [b for b in user.last.buttons if name in b]
    await user.press(line)


async def new_group(user: ChatUser, name: str) -> None:
    await user.send("/menu")
    await user.press("👥 Сотрудники")
    await user.press("👥 Группы")
    await user.press("➕ Новая группа")
    await user.send(name)


async def test_cyrillic_in_any_case_and_yo_as_ye(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1901)
    # A label «VIP клиенты» on Иванов, a group «ИТ-отдел» of Петрова, a name with «ё».
    await open_card(user, "Иванов")
    await user.press("🏷 Метки")
    await user.press("➕ Добавить метку")
    await user.send("VIP клиенты")
    assert "Метка «VIP клиенты» поставлена" in user.last.text
    await new_group(user, "ИТ-отдел")
    await user.press("🚚")
    await user.press("🟢 зелёный")
    await user.press("➕ Добавить")
    [line] = [b for b in user.last.buttons if "Петрова" in b]
    await user.press(line)
    await user.press("✅ Добавить в группу · 1")
    assert "В группу добавлено: 1 номер" in user.last.text

    found = await search(user, "vip")
    assert "1 номер" in found and "Иванов" in found and "Петрова" not in found
    found = await search(user, "vip КЛИЕНТЫ")
    assert "Иванов" in found
    found = await search(user, "ит")
    assert "1 номер" in found and "Петрова" in found
    found = await search(user, "ИТ-ОТДЕЛ")
    assert "Петрова" in found
    # «Сидоров Пётр Олегович»: typed without «ё» and in lower case.
    found = await search(user, "петр о")
    assert "1 номер" in found and "Сидоров" in found
    found = await search(user, "ПЁТР")
    assert "Сидоров" in found


async def test_alyona_is_found_by_alena(bot_tester: BotTester, access_world_bot: World) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1902)
    await open_card(user, "Орлов")
    await user.press("✏️ Личные данные")
    await user.press("👤 Имя")
    await user.send("Орлова Алёна Андреевна")
    assert "Сохранено" in user.last.text
    found = await search(user, "алена")
    assert "1 номер" in found and "Орлова" in found
    found = await search(user, "АЛЁНА")
    assert "Орлова" in found


@pytest.mark.parametrize(
    "typed",
    ["8 916 123-45-67", "+7 (916) 123-45-67", "79161234567", "8-916-123-45-67", "916 123 45 67"],
)
async def test_a_number_in_each_form_people_type(
    bot_tester: BotTester, access_world_bot: World, typed: str
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "union", 1903)
    found = await search(user, typed)
    assert "1 номер" in found and "Иванов" in found, (typed, found)


async def test_a_group_name_is_one_whatever_its_case(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1904)
    await new_group(user, "ИТ-отдел")
    await user.press("🚚")
    await user.press("🟢 зелёный")
    await new_group(user, "ит-отдел")
    assert "Группа «ИТ-отдел» уже есть" in user.last.text
    assert "Напишите название группы" in user.last.text
    # The question stands: another name is taken.
    await user.send("ИТ-отдёл 2")
    assert "Выберите значок" in user.last.text
    async with bot_tester.session_maker() as db:
        groups = await db.scalar(
            select(func.count()).select_from(Group).where(Group.company_id == w.company_a)
        )
        assert groups == 1  # the second is not made until its look is chosen


async def test_a_label_typed_in_another_case_is_the_same_label(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1905)
    for who, typed in (("Иванов", "VIP клиенты"), ("Петрова", "vip  КЛИЕНТЫ")):
        await open_card(user, who)
        await user.press("🏷 Метки")
        await user.press("➕ Добавить метку")
        await user.send(typed)
        assert "Метка «VIP клиенты» поставлена: 1 номер" in user.last.text
    async with bot_tester.session_maker() as db:
        names = list(await db.scalars(select(Label.name).where(Label.company_id == w.company_a)))
        assert names == ["VIP клиенты"]
