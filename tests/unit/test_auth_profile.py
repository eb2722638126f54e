"""Profile: what it shows, e-mail change by a code to the new address, secret question."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.access.checks import Principal
from domain.auth import login as auth
from domain.auth import profile
from domain.auth.passwords import normalize_answer, verify_password
from domain.errors import AccessDenied, ValidationFailed
from domain.types import Channel, Role
from storage.models import AuditLog, CabinetUser, Outbox
from tests.access_data import FakeClock, build_world

TG = 9501


pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


@pytest.fixture
async def me(session: AsyncSession, fake_clock: FakeClock) -> Principal:
    w = await build_world(session)
    await auth.open_session(session, w.users["assistant"], TG, TG)
    p = await auth.load_principal(session, TG)
    assert p is not None
    return p


async def test_profile_shows_login_company_level_email(
    session: AsyncSession, me: Principal
) -> None:
    prof = await profile.get_profile(session, me)
    assert prof.login == "+79261112233"
    assert prof.company_name == "ООО «Северный ветер»"
    assert prof.role == Role.ASSISTANT
    assert prof.email == "assistant@example.org"
    assert prof.secret_question is None


async def test_email_change_is_confirmed_by_a_code_sent_to_the_new_address(
    session: AsyncSession, me: Principal
) -> None:
    email = await profile.request_email_change(session, me, " New.Box@Example.ORG ")
    assert email == "New.Box@example.org"
    # (The login also wrote its chat's command menu: a Telegram row.)
    mail = await session.scalar(select(Outbox).where(Outbox.channel != Channel.TELEGRAM))
    assert mail is not None and mail.channel == Channel.EMAIL and mail.recipient == email
    assert mail.payload["key"] == "email-change-code"
    # Not changed until confirmed.
    assert (await profile.get_profile(session, me)).email == "assistant@example.org"
    with pytest.raises(ValidationFailed) as exc:
        await profile.confirm_email_change(session, me, "12345")
    assert exc.value.key == "auth-code-format"
    assert await profile.confirm_email_change(session, me, mail.payload["params"]["code"]) == email
    assert (await profile.get_profile(session, me)).email == email


async def test_email_change_refuses_bad_and_same_addresses(
    session: AsyncSession, me: Principal
) -> None:
    with pytest.raises(ValidationFailed) as exc:
        await profile.request_email_change(session, me, "assistant@")
    assert exc.value.key == "val-email"
    with pytest.raises(ValidationFailed) as exc:
        await profile.request_email_change(session, me, "ASSISTANT@example.org")
    assert exc.value.key == "profile-email-same"


async def test_secret_question_and_hashed_answer(session: AsyncSession, me: Principal) -> None:
    await profile.set_secret_question(session, me, "Девичья фамилия матери?", "  Смирнова ")
    user = await session.get(CabinetUser, me.user_id)
    assert user is not None and user.secret_question == "Девичья фамилия матери?"
    assert user.secret_answer_hash and "Смирнова" not in user.secret_answer_hash
    assert verify_password(user.secret_answer_hash, normalize_answer("смирнова"))
    with pytest.raises(ValidationFailed) as exc:
        await profile.set_secret_question(session, me, "Да?", "ответ")
    assert exc.value.key == "profile-question-invalid"
    with pytest.raises(ValidationFailed) as exc:
        await profile.set_secret_question(session, me, "Любимый город детства?", "х")
    assert exc.value.key == "profile-answer-invalid"
    with pytest.raises(ValidationFailed) as exc:
        await profile.set_secret_question(session, me, "Город Москва или Тверь?", "москва")
    assert exc.value.key == "profile-answer-in-question"
    details = [r.details for r in await session.scalars(select(AuditLog))]
    assert all("Смирнова" not in str(d) for d in details)


async def test_profile_needs_a_login_and_a_permanent_password(
    session: AsyncSession, me: Principal
) -> None:
    with pytest.raises(AccessDenied) as exc:
        await profile.get_profile(session, None)
    assert exc.value.key == "need-login"
    user = await session.get(CabinetUser, me.user_id)
    assert user is not None
    user.must_change_password = True
    forced = await auth.load_principal(session, TG)
    assert forced is not None
    with pytest.raises(AccessDenied):
        await profile.request_email_change(session, forced, "x@example.org")
