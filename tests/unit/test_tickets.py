"""Tickets below the dialogs: file checks, the back-office commands, the application as a
ticket in the staff chat."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import admin_cli
from bot.config import Settings
from domain.auth import applications as app
from domain.errors import ValidationFailed
from domain.tickets import desk as tk
from domain.tickets.attachments import MAX_FILE_BYTES, check_count, check_file, safe_name
from domain.types import AttachmentKind, TicketAuthor, TicketStatus, TicketTopic
from storage.db import make_engine, make_sessionmaker
from storage.models import Outbox, Ticket, TicketMessage
from tests.access_data import build_world

pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


# --- files --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("акт сверки.pdf", "акт сверки.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\buh\\счёт.xlsx", "счёт.xlsx"),
        ('a<b>:"c|d?*.docx', "a_b_c_d_.docx"),
        ("...hidden.zip", "hidden.zip"),
        ("  \x00\x1f  ", "file"),
        ("я" * 150 + ".pdf", "я" * 96 + ".pdf"),
    ],
)
def test_names_are_made_safe(raw: str, safe: str) -> None:
    assert safe_name(raw) == safe


@pytest.mark.parametrize(
    ("name", "mime"),
    [
        ("скан.jpg", "image/jpeg"),
        ("договор.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("выгрузка.CSV", "text/csv"),
        ("архив.7z", "application/octet-stream"),
        ("акт.pdf", "application/pdf"),
    ],
)
def test_allowed_types(name: str, mime: str) -> None:
    f = check_file(file_id="F", name=name, mime=mime, size=1000, kind=AttachmentKind.DOCUMENT)
    assert f.name == name and f.mime == mime.lower()


@pytest.mark.parametrize(
    ("name", "mime"),
    [
        ("setup.exe", "application/x-msdownload"),
        ("счёт.pdf.exe", "application/pdf"),
        ("script.sh", "application/x-sh"),
        ("photo.jpg", "application/x-msdownload"),  # a program calling itself a picture
        ("page.pdf", "text/html"),
        ("noextension", "application/pdf"),
    ],
)
def test_refused_types(name: str, mime: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        check_file(file_id="F", name=name, mime=mime, size=10, kind=AttachmentKind.DOCUMENT)
    assert err.value.key == "tic-file-type"


def test_size_count_and_photo_names() -> None:
    with pytest.raises(ValidationFailed) as err:
        check_file(
            file_id="F",
            name="big.pdf",
            mime="application/pdf",
            size=MAX_FILE_BYTES + 1,
            kind=AttachmentKind.DOCUMENT,
        )
    assert err.value.key == "tic-file-too-big" and err.value.params["limit"] == 20
    check_count(9)
    with pytest.raises(ValidationFailed):
        check_count(10)
    photo = check_file(
        file_id="P", name=None, mime=None, size=5, kind=AttachmentKind.PHOTO, index=3
    )
    assert (photo.name, photo.mime, photo.kind) == (
        "photo_3.jpg",
        "image/jpeg",
        AttachmentKind.PHOTO,
    )


def test_notify_phone_is_any_russian_mobile() -> None:
    assert tk.parse_notify_phone("8 (926) 111-22-33") == "+79261112233"
    for bad in ("8 495 123-45-67", "+1 202 555 0100", "123"):
        with pytest.raises(ValidationFailed):
            tk.parse_notify_phone(bad)


# --- the application for remote service ---------------------------------------------------------


async def test_the_application_is_a_ticket_of_its_own_topic_in_the_staff_chat(
    session: AsyncSession,
) -> None:
    data = {
        "company": "ООО <Ромашка>",
        "inn": "7707083893",
        "inn_kind": "company",
        "kpp": "770701001",
        "ogrn": "1027700132195",
        "person_name": "Иванов Иван Иванович",
        "person_position": "Директор",
        "passport": "4510 123456",
        "passport_issued": "01.09.2015",
        "passport_issuer": "ОВД",
        "by_proxy": "no",
        "numbers": "+79161234567",
        "code_word": "hash",
        "email": "a@example.org",
    }
    done = await app.submit(session, data, 555, staff_chat_id=-100123)
    ticket = await session.get(Ticket, done.ticket_id)
    assert ticket is not None and ticket.topic_code is TicketTopic.REMOTE_SERVICE
    post = await session.scalar(select(Outbox).where(Outbox.recipient == "-100123"))
    assert post is not None
    assert post.payload["ticket_id"] == ticket.id and post.payload["markup"] == tk.STAFF_MARKUP
    assert post.payload["params"]["company"] == "ООО &lt;Ромашка&gt;"
    # Staff answer it like any ticket; the answer goes to the Telegram chat it came from.
    await tk.staff_reply(session, ticket.id, staff_name="Ольга", staff_telegram_id=7, text="Ждём")
    push = await session.scalar(select(Outbox).where(Outbox.recipient == "555"))
    assert push is not None and push.payload["key"] == "tic-push-reply"
    assert "markup" not in push.payload  # the applicant has no cabinet to open the ticket in


# --- the back-office ----------------------------------------------------------------------------


async def test_back_office_lists_shows_answers_and_sets_status(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{tmp_path / 'a.db'}")  # type: ignore[call-arg]

    async def admin(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = await admin_cli.run(list(argv), settings, out, err)
        return code, out.getvalue(), err.getvalue()

    code, out, _err = await admin("tickets", "list")
    assert code == 0 and "Открытых обращений нет" in out
    engine = make_engine(settings.database_url)
    async with make_sessionmaker(engine)() as db:
        w = await build_world(db)
        t = Ticket(
            company_id=w.company_a,
            number="T-000001",
            topic="sim",
            topic_code=TicketTopic.SIM,
            author_user_id=w.users["coord"],
            notify_phone="+79161234568",
        )
        db.add(t)
        await db.flush()
        db.add(
            TicketMessage(
                ticket_id=t.id,
                author=TicketAuthor.CLIENT,
                author_name="coord",
                text="Не работает SIM",
            )
        )
        await db.commit()
    code, out, _err = await admin("tickets", "list")
    assert code == 0
    assert "T-000001" in out and "новое" in out and "ООО «Северный ветер»" in out
    assert "Не работает SIM" in out
    code, out, _err = await admin("tickets", "answer", "T-000001", "Заменим SIM", "--name", "Ольга")
    assert code == 0 and "Ответ по T-000001 отправлен клиенту" in out
    code, out, _err = await admin("tickets", "show", "1")
    assert "Не работает SIM" in out and "[staff] Ольга" in out and "Заменим SIM" in out
    code, out, _err = await admin("tickets", "status", "T-000001", "waiting")
    assert code == 0 and "ждём ответа клиента" in out
    code, _out, err = await admin("tickets", "answer", "T-999999", "x")
    assert code == 1 and "не найдено" in err
    async with make_sessionmaker(engine)() as db:
        ticket = await db.scalar(select(Ticket))
        assert ticket is not None and ticket.status is TicketStatus.WAITING
        sms = list(await db.scalars(select(Outbox).where(Outbox.channel == "sms")))
        assert [(s.recipient, s.payload["key"]) for s in sms] == [
            ("+79161234568", "tic-sms-answered")
        ]
    await engine.dispose()


async def test_the_demo_company_has_tickets_in_every_status(session_maker: object) -> None:
    from domain.auth.passwords import hash_password
    from storage.demo import create_demo
    from tests.accounts_data import NORTH_UNION, NORTH_VIEWER

    await create_demo(session_maker, hash_password)  # type: ignore[arg-type]
    async with session_maker() as db:  # type: ignore[operator]
        rows = list(await db.scalars(select(Ticket).order_by(Ticket.id)))
        north = [t for t in rows if t.company_id == rows[0].company_id]
        assert {t.status for t in north} == set(TicketStatus)
        assert all(t.number == f"T-{t.id:06d}" for t in rows)
        from storage.models import CabinetUser

        union = await db.scalar(select(CabinetUser).where(CabinetUser.login == NORTH_UNION))
        viewer = await db.scalar(select(CabinetUser).where(CabinetUser.login == NORTH_VIEWER))
        assert union is not None and viewer is not None
        from storage.models import Company
        from tests.accounts_data import principal_of

        company = await db.get(Company, union.company_id)
        assert company is not None
        everyone = await tk.list_tickets(db, principal_of(union, company))
        own = await tk.list_tickets(db, principal_of(viewer, company))
        assert everyone.total == len(north) and own.total == 1


async def test_the_outbox_signal_fires_on_commit_only(session: AsyncSession) -> None:
    from storage import outbox_signal
    from storage.models import Outbox as Row

    fired: list[int] = []

    def listener() -> None:
        fired.append(1)

    outbox_signal.subscribe(listener)
    try:
        session.add(Row(channel="sms", recipient="+79161234567", text="k", payload={}))
        await session.flush()
        await session.rollback()
        assert fired == []
        session.add(Row(channel="sms", recipient="+79161234567", text="k", payload={}))
        await session.commit()
        assert fired == [1]
        await session.commit()  # nothing new written
        assert fired == [1]
    finally:
        outbox_signal.unsubscribe(listener)
