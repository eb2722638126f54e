"""Application for remote service: each field checked as typed, then a numbered ticket."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.auth import applications as app
from domain.auth.passwords import verify_password
from domain.errors import RateLimited, ValidationFailed
from domain.types import Channel, TicketKind, TicketStatus
from storage.models import AuditLog, Outbox, Ticket

TG = 4242

ANSWERS = {
    "company": "ООО «Ромашка»",
    "inn": "7707083893",
    "kpp": "770701001",
    "ogrn": "1027700132195",
    "person_name": "Иванов Иван Иванович",
    "person_position": "Генеральный директор",
    "passport": "4510 123456",
    "passport_issued": "01.09.2015",
    "passport_issuer": "ОВД района Арбат г. Москвы",
    "by_proxy": "нет",
    "numbers": "+7 916 123-45-67, 8 926 111 22 33",
    "code_word": "Ромашка2026",
    "email": "office@romashka.ru",
}


pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


async def fill(answers: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    while (name := app.next_field(data)) is not None:
        data = await app.accept(name, answers[name], data)
    return data


def key_of_sync(exc: pytest.ExceptionInfo[ValidationFailed]) -> str:
    return exc.value.key


async def test_the_form_walks_the_fields_in_order_for_a_company() -> None:
    data = await fill(ANSWERS)
    assert [n for n, _ in app.summary(data)] == [
        "company",
        "inn",
        "kpp",
        "ogrn",
        "person_name",
        "person_position",
        "passport",
        "passport_issued",
        "passport_issuer",
        "by_proxy",
        "numbers",
        "code_word",
        "email",
    ]
    shown = dict(app.summary(data))
    assert shown["numbers"] == "+7 916 123-45-67, +7 926 111-22-33"
    assert shown["code_word"] == "••••••"
    assert "Ромашка2026" not in str(data)
    assert verify_password(data["code_word"], "ромашка2026")


async def test_sole_trader_gets_ogrnip_and_no_kpp_and_proxy_asks_for_the_head() -> None:
    answers = dict(
        ANSWERS,
        inn="500100732259",
        ogrn="304500116000157",
        by_proxy="да",
        head_name="Петров Пётр Петрович",
        head_position="Индивидуальный предприниматель",
        proxy_doc="Доверенность № 12 от 01.02.2026",
    )
    data = await fill(answers)
    names = [n for n, _ in app.summary(data)]
    assert "kpp" not in names
    assert names[names.index("by_proxy") + 1 : names.index("numbers")] == [
        "head_name",
        "head_position",
        "proxy_doc",
    ]
    with pytest.raises(ValidationFailed) as exc:
        await app.accept("ogrn", "1027700132195", data)  # a company's OGRN for a sole trader
    assert exc.value.key == "val-ogrnip-format"


@pytest.mark.parametrize(
    ("name", "typed", "key"),
    [
        ("inn", "7707083894", "val-inn-checksum"),
        ("kpp", "7707010", "val-kpp"),
        ("ogrn", "1027700132196", "val-ogrn-checksum"),
        ("person_name", "Иван", "val-full-name"),
        ("passport", "4510 12345", "val-passport"),
        ("passport_issued", "32.01.2015", "val-date"),
        ("by_proxy", "может быть", "val-yes-no"),
        ("numbers", "+7 495 123-45-67", "val-phone-list-bad"),
        ("code_word", "два слова", "val-code-word"),
        ("email", "office@", "val-email"),
    ],
)
async def test_each_field_is_checked_as_it_is_typed(name: str, typed: str, key: str) -> None:
    data = {"inn": "7707083893"}
    with pytest.raises(ValidationFailed) as exc:
        await app.accept(name, typed, data)
    assert exc.value.key == key


async def test_editing_the_inn_to_a_sole_traders_drops_what_no_longer_fits() -> None:
    data = await fill(ANSWERS)
    data = await app.accept("inn", "500100732259", data)
    assert "kpp" not in data and "ogrn" not in data
    assert app.next_field(data) == "ogrn"
    data = await app.accept("ogrn", "304500116000157", data)
    assert app.next_field(data) is None


async def test_submit_makes_a_numbered_ticket_for_the_operator(session: AsyncSession) -> None:
    data = await fill(ANSWERS)
    done = await app.submit(session, data, TG, staff_chat_id=-100123)
    assert done.number == f"Z-{done.ticket_id:06d}"
    ticket = await session.get(Ticket, done.ticket_id)
    assert ticket is not None
    assert ticket.kind == TicketKind.REMOTE_SERVICE and ticket.status == TicketStatus.NEW
    assert ticket.company_id is None and ticket.author_telegram_user_id == TG
    assert ticket.payload["inn"] == "7707083893" and ticket.payload["kpp"] == "770701001"
    assert "code_word" not in ticket.payload
    assert verify_password(ticket.payload["code_word_hash"], "ромашка2026")
    outbox = {(o.channel, o.payload["key"]) for o in await session.scalars(select(Outbox))}
    assert outbox == {
        (Channel.EMAIL, "email-apply-received"),
        (Channel.TELEGRAM, "apply-staff-new"),
    }
    audit = await session.scalar(select(AuditLog).where(AuditLog.action == "apply.submitted"))
    assert audit is not None and "Ромашка2026" not in str(audit.details)


async def test_an_incomplete_form_is_not_sent(session: AsyncSession) -> None:
    data = await fill(ANSWERS)
    del data["email"]
    with pytest.raises(ValidationFailed) as exc:
        await app.submit(session, data, TG)
    assert exc.value.key == "apply-incomplete" and exc.value.params["field"] == "email"


async def test_at_most_three_applications_a_day_from_one_telegram_user(
    session: AsyncSession,
) -> None:
    data = await fill(ANSWERS)
    for _ in range(3):
        await app.submit(session, data, TG)
    with pytest.raises(RateLimited):
        await app.submit(session, data, TG)
    await app.submit(session, data, TG + 1)
