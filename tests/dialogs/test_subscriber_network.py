"""SIM replacement, a personal SIM, blocking and call forwarding: each an order that the
network executes, with a push to the coordinator; a confirmation pressed twice is one order."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from stdnum import luhn

from domain.types import ForwardingType, OrderKind, OrderStatus, SimStatus, SubscriberStatus
from keyboards.subscribers import NetCb
from storage.models import Forwarding, Order, SimCard, Subscriber
from tests.access_data import World, logged_in
from tests.harness import BotTester, ChatUser, forged

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


def icc(body: str) -> str:
    return body + luhn.calc_check_digit(body)


FREE = icc("897010200000000011")
IN_USE = icc("897010200000000022")
OTHERS = icc("897010200000000033")
RETIRED = icc("897010200000000044")
OLD = icc("897010200000000055")
EXAMPLE = "8970102000000000003"  # the prompt's


async def add_sims(tester: BotTester, w: World) -> None:
    async with tester.session_maker() as db:
        db.add_all(
            [
                SimCard(company_id=w.company_a, icc=FREE, status=SimStatus.RESERVE),
                SimCard(
                    company_id=w.company_a,
                    icc=IN_USE,
                    status=SimStatus.IN_USE,
                    subscriber_id=w.subscribers["a1_1"],
                ),
                SimCard(company_id=w.company_b, icc=OTHERS, status=SimStatus.RESERVE),
                SimCard(company_id=w.company_a, icc=RETIRED, status=SimStatus.RETIRED),
                SimCard(
                    company_id=w.company_a,
                    icc=OLD,
                    status=SimStatus.IN_USE,
                    subscriber_id=w.subscribers["a1_2"],
                ),
            ]
        )
        await db.commit()


async def open_card(user: ChatUser, name: str) -> None:
    await user.press("👥 Сотрудники")
    [line] = [b for b in user.last.buttons if name in b]
    await user.press(line)


async def orders_of(tester: BotTester, kind: OrderKind) -> list[Order]:
    async with tester.session_maker() as db:
        return list(await db.scalars(select(Order).where(Order.kind == kind)))


async def test_the_prompts_example_icc_is_valid_and_taken_by_the_step(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    # A SIM of that ICC in the company's reserve: the step takes the example as typed.
    async with bot_tester.session_maker() as db:
        db.add(SimCard(company_id=w.company_a, icc=EXAMPLE, status=SimStatus.RESERVE))
        await db.commit()
    user = await logged_in(bot_tester, w, "union", 1202)
    await open_card(user, "Петрова")
    await user.press("⚙️ Управление номером")
    await user.press("🔁 Заменить SIM-карту")
    [example] = re.findall(r"<code>(\d+)</code>", user.last.html)
    assert example == EXAMPLE and luhn.is_valid(example)
    await user.send(example)
    assert f"на карту ICC {example}?" in user.last.text


async def test_sim_replacement_says_which_check_failed_and_is_one_order(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    await add_sims(bot_tester, w)
    user = await logged_in(bot_tester, w, "union", 1201)
    await open_card(user, "Петрова")
    await user.press("⚙️ Управление номером")
    await user.press("🔁 Заменить SIM-карту")
    # Company A's one blank SIM (the others are in use, retired or company B's).
    assert "В резерве вашей компании 1 чистая SIM-карта." in user.last.text
    assert "19 или 20 цифр" in user.last.text
    for typed, answer in (
        ("89701020abc", "только из цифр"),
        ("8970102000000", "должно быть 19 или 20 цифр, а здесь 13"),
        (FREE[:-1] + str((int(FREE[-1]) + 1) % 10), "не сходится контрольная цифра"),
        (OTHERS, "нет в резерве вашей компании"),
        (IN_USE, "уже используется на другом номере"),
        (RETIRED, "списана"),
    ):
        await user.send(typed)
        assert answer in user.last.text, typed
        assert user.last.text.count(EXAMPLE) == 1  # the question again, with its one example
    await user.send(" ".join([FREE[:4], FREE[4:8], FREE[8:]]))
    assert f"на карту ICC {FREE}" in user.last.text
    confirm = user.last
    await user.press("✅ Заменить")
    assert "Заказ №" in user.last.text and "замена SIM-карты" in user.last.text
    assert any(b.startswith("📋 К заказу №") for b in user.last.buttons)
    await user.press_data(confirm.message_id, confirm.callback_data["✅ Заменить"])
    assert "уже принят" in user.last.text
    [order] = await orders_of(bot_tester, OrderKind.REPLACE_SIM)
    await bot_tester.run_jobs()
    async with bot_tester.session_maker() as db:
        done = await db.get(Order, order.id)
        assert done is not None and done.status is OrderStatus.COMPLETED
        sims = {s.icc: s for s in await db.scalars(select(SimCard))}
        assert sims[FREE].status is SimStatus.IN_USE
        assert sims[FREE].subscriber_id == w.subscribers["a1_2"]
        assert sims[OLD].status is SimStatus.RETIRED
    assert f"заказ № {order.id}" in user.last.text and "Успешно завершён" in user.last.text
    await user.press(f"📋 К заказу № {order.id}")
    assert "Замена SIM-карты" in user.last.text and "Успешно завершён" in user.last.text


async def test_sim_replacement_with_no_blank_sims_says_how_to_get_them(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    user = await logged_in(bot_tester, access_world_bot, "union", 1211)
    await open_card(user, "Петрова")
    await user.press("⚙️ Управление номером")
    await user.press("🔁 Заменить SIM-карту")
    assert "В резерве вашей компании нет чистых SIM-карт" in user.last.text
    assert "у вашего менеджера МегаФона или в офисе обслуживания" in user.last.text
    # No question that no ICC could answer: a typed number is not taken for one.
    assert "Напишите ICC" not in user.last.text
    await user.press("◀️ Назад")
    assert "Управление номером" in user.last.text


async def test_a_personal_sim_joins_the_account_with_its_puk_hashed(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1202)
    await open_card(user, "Орлов")
    await user.press("⚙️ Управление номером")
    await user.press("📎 Привязать личную SIM")
    await user.send("+7 903 555-66-77")  # served to company B
    assert "уже обслуживается у нас" in user.last.text
    await user.send("+7 915 000-11-22")
    assert "PUK1" in user.last.text
    await user.send("1234")
    assert "PUK1 — это 8 цифр" in user.last.text
    await user.send("12345678")
    texts = [m.text for m in user.messages]
    assert "12345678" not in texts  # the PUK left the chat
    assert "номер +7 915 000-11-22 перейдёт на лицевой счёт" in user.last.text
    await user.press("✅ Привязать")
    assert "привязка личной SIM-карты" in user.last.text
    await bot_tester.run_jobs()
    async with bot_tester.session_maker() as db:
        sub = await db.scalar(select(Subscriber).where(Subscriber.msisdn == "+79150001122"))
        assert sub is not None and sub.account_id == w.accounts["a1"]
        assert sub.employee_name == "Орлов Денис Андреевич"
        sim = await db.scalar(select(SimCard).where(SimCard.subscriber_id == sub.id))
        assert sim is not None and sim.personal and sim.puk1_hash
        assert "12345678" not in sim.puk1_hash
        order = await db.scalar(select(Order).where(Order.kind == OrderKind.ATTACH_SIM))
        assert order is not None and "12345678" not in str(order.params)


async def test_block_with_a_reason_then_no_forwarding_then_unblock(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1203)
    await open_card(user, "Лебедева")
    await user.press("⚙️ Управление номером")
    await user.press("⛔ Заблокировать")
    await user.send("x")
    assert "утеря SIM-карты" in user.last.text
    await user.send("утеря SIM-карты")
    assert "Заблокировать номер +7 916 123-00-02?" in user.last.text
    assert "Причина: утеря SIM-карты" in user.last.text
    confirm = user.last
    await user.press("⛔ Заблокировать")
    await user.press_data(confirm.message_id, confirm.callback_data["⛔ Заблокировать"])
    assert len(await orders_of(bot_tester, OrderKind.BLOCK)) == 1
    await bot_tester.run_jobs()
    assert "Блокировка номера" in user.last.text and "Успешно завершён" in user.last.text
    sid = w.subscribers["a2_2"]
    async with bot_tester.session_maker() as db:
        sub = await db.get(Subscriber, sid)
        assert sub is not None and sub.status is SubscriberStatus.BLOCKED
        assert sub.block_reason == "утеря SIM-карты"
    await user.send("/menu")
    await open_card(user, "Лебедева")
    assert (
        "заблокирован" in user.last.text and "Причина блокировки: утеря SIM-карты" in user.last.text
    )
    await user.press("↪️ Переадресация")
    assert "Номер заблокирован: переадресацию на нём настроить нельзя" in user.last.text
    assert "➕ Добавить переадресацию" not in user.last.buttons
    await user.press("◀️ К карточке")
    await user.press("⚙️ Управление номером")
    await user.press("✅ Разблокировать")
    await user.press("✅ Разблокировать")
    await bot_tester.run_jobs()
    async with bot_tester.session_maker() as db:
        sub = await db.get(Subscriber, sid)
        assert sub is not None and sub.status is SubscriberStatus.ACTIVE and not sub.block_reason


async def test_forwarding_russian_numbers_only_unconditional_first_and_removal(
    bot_tester: BotTester, access_world_bot: World
) -> None:
    w = access_world_bot
    user = await logged_in(bot_tester, w, "union", 1204)
    await open_card(user, "Петрова")
    await user.press("↪️ Переадресация")
    assert "оплачиваются как исходящие" in user.last.text
    await user.press("➕ Добавить переадресацию")
    # A type no button carries, or none: refused, nothing asked.
    busy = NetCb.unpack(user.last.callback_data["если занято"])
    await user.press_unavailable(forged(busy, "ftype", "always"), forged(busy, "ftype", ""))
    await user.press("если занято")
    await user.send("+1 212 555 0100")
    assert "Подходят только российские номера" in user.last.text
    await user.send("+7 916 123-45-68")
    assert "на этот же номер" in user.last.text
    await user.send("8 (495) 123-45-67")
    assert "если занято → +7 495 123-45-67" in user.last.text
    await user.press("✅ Включить")
    await bot_tester.run_jobs()
    await user.send("/menu")
    await open_card(user, "Петрова")
    await user.press("↪️ Переадресация")
    await user.press("➕ Добавить переадресацию")
    await user.press("всегда (безусловная)")
    await user.send("+7 926 000-00-01")
    assert "остальные приостановлены" in user.last.text
    await user.press("✅ Включить")
    await bot_tester.run_jobs()
    await user.send("/menu")
    await open_card(user, "Петрова")
    card = user.last.text
    assert "всегда (безусловная) → +7 926 000-00-01" in card
    assert "если занято → +7 495 123-45-67 (приостановлена)" in card
    assert "Пока включена безусловная переадресация, остальные приостановлены" in card
    await user.press("↪️ Переадресация")
    await user.press("✖️ всегда (безусловная) → +7 926 000-00-01")
    await user.press("✖️ Убрать")
    await bot_tester.run_jobs()
    async with bot_tester.session_maker() as db:
        rules = list(await db.scalars(select(Forwarding)))
        assert [(r.type, r.target_msisdn) for r in rules] == [(ForwardingType.BUSY, "+74951234567")]
        n = await db.scalar(
            select(func.count()).select_from(Order).where(Order.kind == OrderKind.FORWARDING)
        )
        assert n == 3
