"""Support tickets as a client and the support staff use them: create with files, the staff
chat answers, the client reads, replies, closes, rates and reopens."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.gateways.email import ConsoleEmail
from bot.gateways.sms import ConsoleSms
from bot.notifier import Notifier
from domain.types import AttachmentKind, TicketStatus, TicketTopic
from keyboards.tickets import TicketAction, TicketCb
from storage.models import AuditLog, Outbox, Ticket, TicketAttachment, TicketStaffPost
from tests.access_data import World, build_world, logged_in
from tests.harness import BotTester, ChatUser
from tests.sandbox_fixtures import png_bytes

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")

STAFF_CHAT = -100777
STAFF_ID = 990000001
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


@pytest.fixture
async def tester(
    engine: AsyncEngine, session_maker: async_sessionmaker[AsyncSession]
) -> AsyncIterator[BotTester]:
    t = await BotTester(
        engine, session_maker, support_chat_id=STAFF_CHAT, support_staff_ids=str(STAFF_ID)
    ).start()
    t.sandbox.open_chat(STAFF_CHAT, "Чат сотрудников")
    t.sandbox.set_member(STAFF_CHAT, STAFF_ID, "member")
    yield t
    await t.close()


@pytest.fixture
async def world(tester: BotTester) -> World:
    async with tester.session_maker() as db:
        w = await build_world(db)
        await db.commit()
    return w


async def staff(tester: BotTester) -> ChatUser:
    return await tester.user(STAFF_ID, first_name="Ольга", chat_id=STAFF_CHAT)


async def tickets(tester: BotTester) -> list[Ticket]:
    async with tester.session_maker() as db:
        return list(await db.scalars(select(Ticket).order_by(Ticket.id)))


async def create_ticket(user: ChatUser, text: str = "Списали абонентскую плату дважды") -> str:
    """From the main menu to a registered ticket without files; → its number."""
    await user.press("💬 Обращения")
    await user.press("➕ Создать обращение")
    await user.press("Счета и оплата")
    await user.send(text)
    await user.press("Без файлов")
    await user.press("Мой номер")
    await user.press("📨 Отправить")
    assert "зарегистрировано" in user.last.text
    return user.last.text.split("Обращение ")[1].split(" ")[0]


async def test_create_with_files_phone_and_summary(tester: BotTester, world: World) -> None:
    user = await logged_in(tester, world, "viewer", 1101)
    await user.press("💬 Обращения")
    assert "Обращений пока нет" in user.last.text
    await user.press("➕ Создать обращение")
    assert "Выберите тему" in user.last.text
    assert "Качество связи" in user.last.buttons and "◀️ Назад" in user.last.buttons
    await user.press("SIM-карты и номера")
    assert "шаг 2 из 5" in user.last.text and "например" in user.last.text
    await user.send("ой")
    assert "Слишком коротко" in user.last.text and "например" in user.last.text
    await user.send("SIM-карта сотрудника не регистрируется в сети с утра")
    assert "Не больше 10 файлов, каждый до 20 МБ" in user.last.text
    await user.send_document("../../акт сверки.pdf", PDF, "application/pdf")
    assert "Файл «акт сверки.pdf» принят (1 из 10)" in user.last.text
    await user.send_document("счёт.pdf.exe", b"MZ\x90\x00", "application/x-msdownload")
    assert "«счёт.pdf.exe» не принят" in user.last.text
    assert "Остальное сохранено (1 из 10 файлов)" in user.last.text
    await user.send_photo(png_bytes())
    assert "принят (2 из 10)" in user.last.text
    # Back to the text: it is kept, and the user may go on with it.
    await user.press("◀️ Назад")
    assert "Сейчас: SIM-карта сотрудника не регистрируется" in user.last.text
    await user.press("Оставить текст, дальше →")
    assert "Принято 2 файла" in user.last.text
    await user.press("✅ Готово (2)")
    assert "На какой номер прислать SMS" in user.last.text
    assert "📱 Мой номер: +7 916 123-00-02" in user.last.buttons
    await user.send("8 495 123-45-67")
    assert "Нужен мобильный номер" in user.last.text and "+7 916 123-45-67" in user.last.text
    await user.send("8 926 111 22 33")
    summary = user.last.text
    assert "Проверьте обращение" in summary and "SIM-карты и номера" in summary
    assert "акт сверки.pdf" in summary and "photo_2.jpg" in summary
    assert "+7 926 111-22-33" in summary
    # Back to the phone and forward again: nothing typed is lost.
    await user.press("◀️ Назад")
    assert "Сейчас: +7 926 111-22-33" in user.last.text
    await user.send("+7 926 111-22-33")
    await user.press("📨 Отправить")
    assert "Обращение T-000001 зарегистрировано" in user.last.text
    assert "+7 926 111-22-33" in user.last.text
    [ticket] = await tickets(tester)
    assert (ticket.topic_code, ticket.status, ticket.notify_phone) == (
        TicketTopic.SIM,
        TicketStatus.NEW,
        "+79261112233",
    )
    async with tester.session_maker() as db:
        files = list(await db.scalars(select(TicketAttachment).order_by(TicketAttachment.id)))
    assert [(f.file_name, f.kind, f.mime_type) for f in files] == [
        ("акт сверки.pdf", AttachmentKind.DOCUMENT, "application/pdf"),
        ("photo_2.jpg", AttachmentKind.PHOTO, "image/jpeg"),
    ]

    # The staff chat gets the post with the company, the user, the topic and the files.
    await tester.run_jobs()
    posts = tester.sandbox.chat(STAFF_CHAT)
    assert "Обращение T-000001" in posts[0]["text"]
    assert "ООО «Северный ветер»" in posts[0]["text"] and "viewer" in posts[0]["text"]
    assert "SIM-карты и номера" in posts[0]["text"] and "только просмотр номера" in posts[0]["text"]
    assert [b["text"] for row in posts[0]["reply_markup"]["inline_keyboard"] for b in row] == [
        "🛠 В работе",
        "⏳ Ждём клиента",
        "✅ Отвечено",
        "🔒 Закрыть",
    ]
    # Sent again by Telegram's file id; the caption names it by its safe name.
    assert posts[1]["kind"] == "document" and "T-000001 · акт сверки.pdf" in posts[1]["text"]
    assert posts[2]["kind"] == "photo"
    async with tester.session_maker() as db:
        mapped = list(await db.scalars(select(TicketStaffPost.message_id)))
    assert sorted(mapped) == [p["message_id"] for p in posts]


def _buttons(message: dict[str, Any]) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return [b["text"] for row in rows for b in row]


async def test_staff_answer_by_reply_reaches_the_client_with_push_and_sms(
    tester: BotTester, world: World
) -> None:
    user = await logged_in(tester, world, "coord", 1102)
    number = await create_ticket(user)
    await tester.run_jobs()
    post = tester.sandbox.chat(STAFF_CHAT)[0]
    team = await staff(tester)
    await team.reply(post["message_id"], "Проверили: вернём <деньги> до пятницы")
    assert f"Ответ по {number} отправлен клиенту" in team.last.text
    await tester.run_jobs()
    push = user.last
    assert f"Ответ по обращению {number}" in push.text
    assert "вернём <деньги> до пятницы" in push.text
    assert push.buttons == ["💬 Открыть обращение"]
    [sms] = await tester.outbox("sms")
    assert sms.recipient == "+79161234568" and sms.payload["key"] == "tic-sms-answered"
    [ticket] = await tickets(tester)
    assert ticket.status is TicketStatus.ANSWERED
    # The ticket's first post in the staff chat shows its status now, above its buttons.
    assert _buttons(tester.sandbox.chat(STAFF_CHAT)[0])[0] == "Статус сейчас: ✅ отвечено"

    # A file as a reply reaches the client as a file, with its name.
    await team.send_document("инструкция.pdf", PDF, "application/pdf", reply_to=post["message_id"])
    await tester.run_jobs()
    assert user.last.document is not None
    assert user.last.document["file_name"] == "инструкция.pdf"

    # The status buttons: the client is told.
    await team.press("⏳ Ждём клиента")
    assert f"{number}: статус «ждём ответа клиента» (Ольга)" in team.last.text
    await tester.run_jobs()
    assert f"Обращение {number}: статус «ждём ответа клиента»" in user.last.text
    head = tester.sandbox.chat(STAFF_CHAT)[0]
    assert head["message_id"] == post["message_id"]
    assert _buttons(head)[:3] == ["Статус сейчас: ⏳ ждём клиента", "🛠 В работе", "⏳ Ждём клиента"]
    # Only the head shows it: later posts keep their plain buttons.
    assert all(
        "Статус сейчас" not in " ".join(_buttons(m)) for m in tester.sandbox.chat(STAFF_CHAT)[1:]
    )

    # The whole conversation is in the card, the files come again on demand.
    await user.press("💬 Открыть обращение")
    card = user.last.text
    assert "Списали абонентскую плату дважды" in card
    assert "Поддержка" in card and "вернём <деньги>" in card and "📎 инструкция.pdf" in card
    await user.press("📎 Файлы (1)")
    await user.press("📎 инструкция.pdf")
    assert user.last.document is not None and user.last.document["file_name"] == "инструкция.pdf"


async def test_only_staff_of_the_staff_chat_may_answer(tester: BotTester, world: World) -> None:
    user = await logged_in(tester, world, "coord", 1103)
    await create_ticket(user)
    await tester.run_jobs()
    post = tester.sandbox.chat(STAFF_CHAT)[0]
    # A member of the chat the operator does not list, and who does not administer it.
    outsider = await tester.user(1999, chat_id=STAFF_CHAT)
    await outsider.reply(post["message_id"], "я тут случайно")
    assert "только сотрудники поддержки" in outsider.last.text
    tester.sandbox.set_member(STAFF_CHAT, 1999, "left")
    await outsider.press_data(
        post["message_id"], post["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    )
    assert "только сотрудники поддержки" in outsider.alerts[-1]["text"]
    async with tester.session_maker() as db:
        denied = list(await db.scalars(select(AuditLog).where(AuditLog.result == "denied")))
    assert [(d.action, d.telegram_user_id, d.details["reason"]) for d in denied] == [
        ("ticket.staff_reply", 1999, "not_staff"),
        ("ticket.staff_status", 1999, "not_staff"),
    ]
    [ticket] = await tickets(tester)
    assert ticket.status is TicketStatus.NEW
    # The chat's administrator is staff without being listed.
    admin = await tester.user(1998, first_name="Ирина", chat_id=STAFF_CHAT)
    tester.sandbox.set_member(STAFF_CHAT, 1998, "administrator")
    await admin.reply(post["message_id"], "Разберёмся сегодня")
    assert "отправлен клиенту" in admin.last.text
    [ticket] = await tickets(tester)
    assert ticket.status is TicketStatus.ANSWERED


async def add_ticket(
    tester: BotTester,
    company_id: int,
    author_id: int,
    *,
    topic: TicketTopic = TicketTopic.BILLING,
    status: TicketStatus = TicketStatus.NEW,
    days_ago: int = 0,
    text: str = "Вопрос по счёту",
) -> int:
    """A ticket made directly in the database (the list tests need many)."""
    from datetime import timedelta

    from domain import clock
    from domain.types import TicketAuthor
    from storage.models import TicketMessage

    at = clock.utcnow() - timedelta(days=days_ago)
    async with tester.session_maker() as db:
        ticket = Ticket(
            company_id=company_id,
            number=f"tmp{at.timestamp()}{author_id}{text}"[:20],
            topic=topic.value,
            topic_code=topic,
            status=status,
            author_user_id=author_id,
            notify_phone="+79161234567",
            created_at=at,
            updated_at=at,
            closed_at=at if status is TicketStatus.CLOSED else None,
        )
        db.add(ticket)
        await db.flush()
        ticket.number = f"T-{ticket.id:06d}"
        db.add(
            TicketMessage(
                ticket_id=ticket.id,
                author=TicketAuthor.CLIENT,
                author_name="x",
                text=text,
                created_at=at,
            )
        )
        await db.commit()
        return ticket.id


async def test_list_pages_filters_and_sorts_and_shows_only_what_is_in_reach(
    tester: BotTester, world: World
) -> None:
    a = world.company_a
    for day in range(10):
        await add_ticket(tester, a, world.users["coord"], days_ago=day + 1)
    await add_ticket(tester, a, world.users["viewer"], topic=TicketTopic.SIM, days_ago=20)
    waiting = await add_ticket(
        tester,
        a,
        world.users["coord"],
        topic=TicketTopic.QUALITY,
        status=TicketStatus.WAITING,
        days_ago=30,
    )
    await add_ticket(tester, world.company_b, world.users["b_coord"])

    coord = await logged_in(tester, world, "coord", 1110)
    await coord.press("💬 Обращения")
    text, buttons = coord.last.text, coord.last.buttons
    assert "12 обращений" in text and "Сначала новые" in text
    assert buttons[1].startswith("🆕 T-000001 ·")  # newest first
    assert "стр. 1/2" in buttons
    await coord.press("▶️")
    assert f"⏳ T-{waiting:06d}" in " ".join(coord.last.buttons)
    await coord.press("↕️ Сортировать по статусу")
    assert coord.last.buttons[1].startswith(f"⏳ T-{waiting:06d}")
    await coord.press("Тема ▾")
    await coord.press("⚪ SIM-карты и номера")
    assert "1 обращение" in coord.last.text and "Тема: SIM-карты и номера" in coord.last.text
    await coord.press("Статус ▾")
    await coord.press("⚪ закрыто")
    assert "Под эти условия обращений нет" in coord.last.text
    await coord.press("✖️ Сбросить фильтры")
    assert "12 обращений" in coord.last.text

    # A viewer sees only its own ticket; company B's never shows.
    viewer = await logged_in(tester, world, "viewer", 1111)
    await viewer.press("💬 Обращения")
    assert "1 обращение" in viewer.last.text
    assert any(b.startswith("🆕 T-000011") for b in viewer.last.buttons)


async def test_back_to_the_list_keeps_its_filter_and_sort(tester: BotTester, world: World) -> None:
    """«◀️ К списку» under a card returns to the list as it was left: the topic filter and the
    sort by status (kept in the dialog's typed data), not the whole list anew."""
    a = world.company_a
    for day in range(3):
        await add_ticket(tester, a, world.users["coord"], days_ago=day + 1)
    sim = await add_ticket(tester, a, world.users["coord"], topic=TicketTopic.SIM, days_ago=9)
    coord = await logged_in(tester, world, "coord", 1119)
    await coord.press("💬 Обращения")
    await coord.press("↕️ Сортировать по статусу")
    await coord.press("Тема ▾")
    await coord.press("⚪ SIM-карты и номера")
    [row] = [b for b in coord.last.buttons if f"T-{sim:06d}" in b]
    await coord.press(row)
    assert f"T-{sim:06d}" in coord.last.text
    await coord.press("◀️ К списку")
    text = coord.last.text
    assert "1 обращение" in text and "Тема: SIM-карты и номера" in text
    assert "Сначала новые" not in text  # still sorted by status
    assert [b for b in coord.last.buttons if "T-0" in b] == [row]


async def test_close_rate_comment_and_reopen_within_seven_days(
    tester: BotTester, world: World
) -> None:
    user = await logged_in(tester, world, "assistant", 1112)
    number = await create_ticket(user)
    await tester.run_jobs()  # the ticket is in the staff chat before the client adds to it
    await user.press("💬 Открыть обращение")
    await user.press("✍️ Ответить")
    await user.send("Добавлю: это по счёту 500100200301")
    await user.send_document(
        "выписка.xlsx",
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    assert "Файлов: 1" in user.last.text
    await user.press("📨 Отправить")
    assert "по счёту 500100200301" in user.last.text and "📎 выписка.xlsx" in user.last.text
    await tester.run_jobs()
    staff_posts = tester.sandbox.chat(STAFF_CHAT)
    assert any(f"{number}</b>" in p["html"] or number in p["text"] for p in staff_posts[1:])
    assert "по счёту 500100200301" in staff_posts[1]["text"]
    # The staff chat shows the ticket as a thread: later posts answer its first one.
    assert staff_posts[1]["reply_to_message_id"] == staff_posts[0]["message_id"]

    await user.press("🔒 Закрыть")
    assert "Возобновить его можно в течение 7 дней" in user.last.text
    await user.press("🔒 Да, закрыть")
    assert f"Обращение {number} закрыто" in user.last.text
    await user.press("4⭐")
    assert "Оценка 4 из 5" in user.last.text
    await user.send("Долго, но решили")
    assert "Спасибо за оценку" in " ".join(m.text for m in user.bot_messages[-2:])
    card = user.last.text
    assert "Ваша оценка: 4 из 5" in card and "Долго, но решили" in card
    assert "🔄 Возобновить" in user.last.buttons and "✍️ Ответить" not in user.last.buttons
    [ticket] = await tickets(tester)
    assert (ticket.status, ticket.rating, ticket.rating_comment) == (
        TicketStatus.CLOSED,
        4,
        "Долго, но решили",
    )

    # An old «Ответить» button of the closed ticket: refused, nothing asked.
    await user.press_data(
        user.last.message_id, TicketCb(action=TicketAction.REPLY, ticket_id=ticket.id).pack()
    )
    assert "Обращение закрыто. Возобновите его" in user.alerts[-1]["text"]
    await user.press("🔄 Возобновить")
    assert "Статус: в работе" in user.last.text
    # Closed eight days ago: too late to reopen.
    from datetime import timedelta

    from domain import clock

    async with tester.session_maker() as db:
        t = await db.get(Ticket, ticket.id)
        assert t is not None
        t.status, t.closed_at = TicketStatus.CLOSED, clock.utcnow() - timedelta(days=8)
        await db.commit()
    await user.press("◀️ К списку")
    await user.press(number)
    assert "🔄 Возобновить" not in user.last.buttons
    await user.press_data(
        user.last.message_id, TicketCb(action=TicketAction.REOPEN, ticket_id=ticket.id).pack()
    )
    assert "в течение 7 дней после закрытия" in user.alerts[-1]["text"]


async def test_reminder_after_three_days_and_closing_after_seven_more(
    tester: BotTester, world: World
) -> None:
    from datetime import timedelta

    from domain import clock

    user = await logged_in(tester, world, "coord", 1113)
    number = await create_ticket(user)
    [ticket] = await tickets(tester)
    async with tester.session_maker() as db:
        t = await db.get(Ticket, ticket.id)
        assert t is not None
        t.status = TicketStatus.WAITING
        t.waiting_since = clock.utcnow() - timedelta(days=3, minutes=1)
        await db.commit()
    await tester.run_jobs()
    assert f"По обращению {number} мы ждём вашего ответа уже 3 дня" in user.last.text
    await tester.run_jobs()  # once only
    assert sum("ждём вашего ответа" in m.text for m in user.bot_messages) == 1
    async with tester.session_maker() as db:
        t = await db.get(Ticket, ticket.id)
        assert t is not None and t.reminded_at is not None
        t.reminded_at = clock.utcnow() - timedelta(days=7, minutes=1)
        await db.commit()
    await tester.run_jobs()
    assert f"Обращение {number} закрыто: ответа не было 10 дней" in user.last.text
    [ticket] = await tickets(tester)
    assert ticket.status is TicketStatus.CLOSED
    await user.press("💬 Открыть обращение")
    assert "закрыто автоматически: ответа не было 10 дней" in user.last.text


async def test_a_client_answer_to_a_waiting_ticket_puts_it_back_in_progress(
    tester: BotTester, world: World
) -> None:
    user = await logged_in(tester, world, "coord", 1114)
    await create_ticket(user)
    await tester.run_jobs()
    team = await staff(tester)
    await team.press("⏳ Ждём клиента")
    await tester.run_jobs()
    await user.press("💬 Открыть обращение")
    await user.press("✍️ Ответить")
    await user.send("Номер счёта 500100200300")
    await user.press("📨 Отправить")
    [ticket] = await tickets(tester)
    assert ticket.status is TicketStatus.IN_PROGRESS and ticket.waiting_since is None


def restart(tester: BotTester, worker_id: str) -> Notifier:
    """The bot started again: a fresh notifier over the same database, Telegram and gateways."""
    return Notifier(
        tester.bot,
        tester.session_maker,
        tester.i18n,
        ConsoleSms(),
        ConsoleEmail(),
        rate=1000.0,
        per_chat=0.0,
        worker_id=worker_id,
    )


async def test_nothing_is_lost_when_delivery_breaks_or_the_bot_restarts(
    tester: BotTester, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aiogram.exceptions import TelegramNetworkError

    from domain import clock

    user = await logged_in(tester, world, "coord", 1115)
    await user.press("💬 Обращения")
    await user.press("➕ Создать обращение")
    await user.press("Документы")
    await user.send(
        "Нет акта за октябрь",
    )
    await user.send_document("акт.pdf", PDF, "application/pdf")
    await user.press("✅ Готово (1)")
    await user.press("Мой номер")
    await user.press("📨 Отправить")

    async def broken(*args: object, **kwargs: object) -> None:
        raise TelegramNetworkError(method=None, message="connection reset")  # type: ignore[arg-type]

    # The text of the post goes, the file does not: the row remembers the part that went.
    monkeypatch.setattr(tester.bot, "send_document", broken)
    await tester.notifier.run_once()
    assert len(tester.sandbox.chat(STAFF_CHAT)) == 1
    [row] = [r for r in await tester.outbox("telegram") if r.recipient == str(STAFF_CHAT)]
    assert (row.status, row.payload["parts_done"], row.attempts) == ("pending", 1, 1)
    monkeypatch.undo()

    # The bot restarts (a new notifier); once the retry is due, only the file is sent.
    restarted = restart(tester, "after-restart")
    async with tester.session_maker() as db:
        r = await db.get(Outbox, row.id)
        assert r is not None
        r.next_attempt_at = clock.utcnow()
        await db.commit()
    await restarted.run_once()
    posts = tester.sandbox.chat(STAFF_CHAT)
    assert [p["kind"] for p in posts] == ["text", "document"]

    # A staff answer written before a restart reaches the client after it.
    team = await staff(tester)
    await team.reply(posts[1]["message_id"], "Акт отправили на почту")
    again = restart(tester, "second-restart")
    await again.run_once()
    assert "Акт отправили на почту" in user.last.text


async def test_a_listening_notifier_posts_right_after_the_commit(
    tester: BotTester, world: World
) -> None:
    import asyncio

    tester.notifier.listen(asyncio.get_running_loop())
    try:
        user = await logged_in(tester, world, "coord", 1116)
        await create_ticket(user)
        # No scheduler tick and no run_jobs: the commit itself wakes the notifier.
        await tester.wait_until(lambda: len(tester.sandbox.chat(STAFF_CHAT)) == 1)
    finally:
        tester.notifier.stop_listening()
    assert "Списали абонентскую плату дважды" in tester.sandbox.chat(STAFF_CHAT)[0]["text"]


async def test_ten_files_at_most_and_the_files_list_pages(tester: BotTester, world: World) -> None:
    user = await logged_in(tester, world, "union", 1117)
    await user.press("💬 Обращения")
    await user.press("➕ Создать обращение")
    await user.press("Документы")
    await user.send_sticker()
    assert "Стикеры, голосовые и видео не принимаются" in user.last.text
    # Files first, then the text: any order.
    for i in range(10):
        await user.send_document(f"скан-{i}.pdf", PDF, "application/pdf")
    assert "принят (10 из 10)" in user.last.text and "шаг 2 из 5" in user.last.text
    await user.send_document("лишний.pdf", PDF, "application/pdf")
    assert "Больше 10 файлов" in user.last.text
    await user.send("Сканы актов за год")
    await user.press("✅ Готово (10)")
    await user.send_sticker()
    # The step that waits for the SMS number says to type it and asks its question again.
    assert "Напишите ответ текстом" in user.last.text
    assert "шаг 4 из 5" in user.last.text and "например +7 916 123-45-67" in user.last.text
    await user.press("Мой номер")
    assert "Файлы (10)" in user.last.text and "лишний.pdf" not in user.last.text
    await user.press("📨 Отправить")
    await user.press("💬 Открыть обращение")
    await user.press("📎 Файлы (10)")
    assert user.last.buttons[:2] == ["📎 скан-0.pdf", "📎 скан-1.pdf"]
    assert "стр. 1/2" in user.last.buttons
    await user.press("▶️")
    assert user.last.buttons[:2] == ["📎 скан-8.pdf", "📎 скан-9.pdf"]
    before = len(user.messages)
    await user.press("📥 Прислать эти файлы (2)")
    sent = user.messages[before:]
    assert [m.document["file_name"] for m in sent if m.document] == ["скан-8.pdf", "скан-9.pdf"]
