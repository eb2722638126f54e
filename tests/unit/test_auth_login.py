"""Logging in with a code, with a password, and recovering a forgotten one (the domain)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.access.checks import Permission
from domain.auth import login as auth
from domain.auth.passwords import verify_password
from domain.errors import AccessDenied, RateLimited, ValidationFailed
from domain.types import AuditResult, Brand, Channel, Role
from storage.models import AuditLog, CabinetUser, LoginFailure, Outbox, Session, TelegramChat
from tests.access_data import (
    PASSWORD,
    FakeClock,
    World,
)

TG = 8001


pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


async def sent(session: AsyncSession) -> list[Outbox]:
    return list(await session.scalars(select(Outbox).order_by(Outbox.id)))


async def test_megafon_code_login_from_a_number_in_any_form(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    target = await auth.request_login_code(session, Brand.MEGAFON, "8 (916) 1234568", TG)
    assert target == auth.LoginTarget(Brand.MEGAFON, "+79161234568")
    [sms] = await sent(session)
    assert sms.channel == Channel.SMS and sms.recipient == "+79161234568"
    assert sms.payload["key"] == "sms-login-code"
    code = sms.payload["params"]["code"]
    principal = await auth.login_with_code(session, target, code, TG, TG)
    assert principal.user_id == access_world.users["coord"]
    assert principal.company_name == "ООО «Северный ветер»"
    assert principal.role == Role.COORDINATOR
    assert principal.account_ids == frozenset({access_world.accounts["a1"]})
    chat = await session.get(TelegramChat, TG)
    assert chat is not None and chat.current_session_id == principal.session_id
    assert await auth.load_principal(session, TG) == principal


async def test_yota_code_goes_to_the_phone_of_the_accounts_user(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    target = await auth.request_login_code(session, Brand.YOTA, "400 900 800 700", TG)
    [sms] = await sent(session)
    assert sms.recipient == "+79991234567"
    principal = await auth.login_with_code(session, target, sms.payload["params"]["code"], TG, TG)
    assert principal.brand == Brand.YOTA and principal.login == "400900800700"


async def test_unknown_login_gets_the_same_answer_and_no_sms(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    target = await auth.request_login_code(session, Brand.MEGAFON, "+7 900 000-00-00", TG)
    assert target.login == "+79000000000"
    assert await sent(session) == []
    with pytest.raises(ValidationFailed) as exc:
        await auth.login_with_code(session, target, "123456", TG, TG)
    assert exc.value.key == "auth-code-wrong" and exc.value.params["left"] == 4
    # The same as a wrong code for a real login.
    real = await auth.request_login_code(session, Brand.MEGAFON, "+79161234568", TG + 1)
    [sms] = await sent(session)
    bad = "000000" if sms.payload["params"]["code"] != "000000" else "111111"
    with pytest.raises(ValidationFailed) as exc2:
        await auth.login_with_code(session, real, bad, TG + 1, TG + 1)
    assert (exc2.value.key, exc2.value.params) == (exc.value.key, exc.value.params)


async def test_badly_typed_login_is_a_clear_error(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    with pytest.raises(ValidationFailed) as exc:
        await auth.request_login_code(session, Brand.MEGAFON, "916", TG)
    assert exc.value.key == "val-phone"
    with pytest.raises(ValidationFailed) as exc:
        await auth.request_login_code(session, Brand.YOTA, "счёт", TG)
    assert exc.value.key == "val-account-number"


async def test_password_login(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    principal = await auth.login_with_password(
        session, Brand.MEGAFON, "+7 916 123-45-67", PASSWORD, TG, TG
    )
    assert principal.role == Role.UNION_COORDINATOR and principal.account_ids is None


async def test_no_such_login_and_wrong_password_are_one_answer(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    errors = []
    for login, password in (("+79161234567", "wrong-password"), ("+79000000000", PASSWORD)):
        with pytest.raises(ValidationFailed) as exc:
            await auth.login_with_password(session, Brand.MEGAFON, login, password, TG, TG)
        errors.append((exc.value.key, exc.value.params))
    assert errors[0] == errors[1] == ("auth-bad-credentials", {})
    assert await session.scalar(select(func.count()).select_from(LoginFailure)) == 2


async def test_ten_wrong_passwords_lock_the_login_and_say_until_when(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    for i in range(9):
        with pytest.raises(ValidationFailed):
            await auth.login_with_password(
                session, Brand.MEGAFON, "+79161234567", f"wrong-{i}", TG + i, TG + i
            )
    with pytest.raises(RateLimited) as exc:
        await auth.login_with_password(
            session, Brand.MEGAFON, "+79161234567", "wrong-10", TG + 10, TG + 10
        )
    assert exc.value.key == "auth-locked"
    assert exc.value.params["until"] == "02.03.2026 12:30"
    with pytest.raises(RateLimited):
        await auth.login_with_password(session, Brand.MEGAFON, "+79161234567", PASSWORD, TG, TG)
    fake_clock.advance(minutes=30)
    await auth.login_with_password(session, Brand.MEGAFON, "+79161234567", PASSWORD, TG, TG)


async def test_a_blocked_user_cannot_log_in(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    user = await session.get(CabinetUser, access_world.users["coord"])
    assert user is not None
    user.is_blocked = True
    with pytest.raises(AccessDenied) as exc:
        await auth.login_with_password(session, Brand.MEGAFON, user.login, PASSWORD, TG, TG)
    assert exc.value.key == "auth-user-blocked"
    with pytest.raises(ValidationFailed):
        await auth.login_with_password(session, Brand.MEGAFON, user.login, "nope-nope", TG, TG)
    await auth.request_login_code(session, Brand.MEGAFON, user.login, TG + 1)
    assert await sent(session) == []  # no SMS for a blocked login


async def test_recovery_by_login_then_a_permanent_password_before_anything(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    res = await auth.start_recovery(session, Brand.MEGAFON, "89161234568", Channel.SMS, TG)
    assert res.channel == Channel.SMS
    [sms] = await sent(session)
    assert sms.payload["key"] == "sms-recovery-code" and sms.recipient == "+79161234568"
    principal = await auth.login_with_recovery_code(
        session, res.target, sms.payload["params"]["code"], TG, TG
    )
    assert principal.must_change_password
    assert not any(principal.can(p) for p in Permission)
    with pytest.raises(ValidationFailed) as exc:
        await auth.set_permanent_password(session, principal, PASSWORD)
    assert exc.value.key == "auth-password-same"
    with pytest.raises(ValidationFailed) as exc:
        await auth.set_permanent_password(session, principal, "qwerty123")
    assert exc.value.key == "auth-password-common"
    after = await auth.set_permanent_password(session, principal, "Novyi-Parol-77")
    assert not after.must_change_password and after.can(Permission.VIEW_BALANCE)
    user = await session.get(CabinetUser, access_world.users["coord"])
    assert user is not None and verify_password(user.password_hash, "Novyi-Parol-77")
    assert await auth.load_principal(session, TG) == after


async def test_recovery_by_email_for_megafon_and_by_account_for_yota(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    res = await auth.start_recovery(session, Brand.MEGAFON, "coord@example.org", Channel.SMS, TG)
    assert res.channel == Channel.EMAIL and res.target.login == "+79161234568"
    res2 = await auth.start_recovery(session, Brand.YOTA, "400900800700", Channel.EMAIL, TG + 1)
    fake_clock.advance(minutes=1)
    res3 = await auth.start_recovery(session, Brand.YOTA, "400900800700", Channel.SMS, TG + 1)
    mail, yota_mail, yota_sms = await sent(session)
    assert (mail.channel, mail.recipient, mail.payload["key"]) == (
        Channel.EMAIL,
        "coord@example.org",
        "email-recovery-code",
    )
    assert (yota_mail.channel, yota_mail.recipient) == (Channel.EMAIL, "yota@example.org")
    assert (yota_sms.channel, yota_sms.recipient) == (Channel.SMS, "+79991234567")
    assert res2.target == res3.target == auth.LoginTarget(Brand.YOTA, "400900800700")
    p = await auth.login_with_recovery_code(
        session, res3.target, yota_sms.payload["params"]["code"], TG + 1, TG + 1
    )
    assert p.must_change_password and p.brand == Brand.YOTA


async def test_recovery_for_an_unknown_email_says_the_same_and_sends_nothing(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    res = await auth.start_recovery(session, Brand.MEGAFON, "who@example.org", Channel.SMS, TG)
    assert res.channel == Channel.EMAIL
    assert await sent(session) == []
    with pytest.raises(ValidationFailed) as exc:
        await auth.login_with_recovery_code(session, res.target, "123456", TG, TG)
    assert exc.value.key == "auth-code-wrong"


async def test_change_password_needs_the_old_one_and_ends_other_sessions(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    uid = access_world.users["coord"]
    here = await auth.login_with_password(session, Brand.MEGAFON, "+79161234568", PASSWORD, TG, TG)
    there = await auth.login_with_password(
        session, Brand.MEGAFON, "+79161234568", PASSWORD, TG + 1, TG + 1
    )
    with pytest.raises(ValidationFailed) as exc:
        await auth.change_password(session, here, "not-the-old-one", "Novyi-Parol-77")
    assert exc.value.key == "auth-password-old-wrong"
    with pytest.raises(ValidationFailed) as exc:
        await auth.change_password(session, here, PASSWORD, "+79161234568")
    assert exc.value.key == "auth-password-is-login"
    await auth.change_password(session, here, PASSWORD, "Novyi-Parol-77")
    other = await session.get(Session, there.session_id)
    assert other is not None and other.end_reason == "password_changed"
    assert await auth.load_principal(session, TG + 1) is None
    assert await auth.load_principal(session, TG) is not None
    rows = list(await session.scalars(select(AuditLog).where(AuditLog.user_id == uid)))
    assert any(r.action == "auth.password_changed" and r.result == AuditResult.OK for r in rows)


async def test_a_new_password_needs_a_recent_proof_of_the_old_one_in_the_domain(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    here = await auth.login_with_password(session, Brand.MEGAFON, "+79161234568", PASSWORD, TG, TG)
    # Whatever a dialog's state says, the domain itself wants the current password first.
    with pytest.raises(auth.OldPasswordNeeded):
        await auth.set_new_password(session, here, "Novyi-Parol-77")
    await auth.verify_current_password(session, here, PASSWORD)
    fake_clock.advance(minutes=11)
    with pytest.raises(auth.OldPasswordNeeded):
        await auth.set_new_password(session, here, "Novyi-Parol-77")
    await auth.verify_current_password(session, here, PASSWORD)
    await auth.set_new_password(session, here, "Novyi-Parol-77")
    # The proof is used once.
    with pytest.raises(auth.OldPasswordNeeded):
        await auth.set_new_password(session, here, "Drugoi-Parol-88")


async def test_secrets_never_reach_the_logs_or_the_audit(
    session: AsyncSession,
    access_world: World,
    fake_clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    # The SQLite driver traces every statement with its parameters at DEBUG, outbox rows (which
    # must hold the code until it is delivered) included; the bot keeps that logger at INFO.
    caplog.set_level(logging.INFO, logger="aiosqlite")
    target = await auth.request_login_code(session, Brand.MEGAFON, "+79161234568", TG)
    [sms] = await sent(session)
    code = sms.payload["params"]["code"]
    with pytest.raises(ValidationFailed):
        await auth.login_with_code(session, target, f"{(int(code) + 1) % 10**6:06d}", TG, TG)
    await auth.login_with_code(session, target, code, TG, TG)
    with pytest.raises(ValidationFailed):
        await auth.login_with_password(session, Brand.MEGAFON, "+79161234567", "Oshibka-42", TG, TG)
    p = await auth.login_with_password(session, Brand.MEGAFON, "+79161234567", PASSWORD, TG, TG)
    await auth.change_password(session, p, PASSWORD, "Novyi-Parol-77")
    await session.commit()
    logged = caplog.text
    audit_dump = " ".join(
        f"{r.action} {r.object_id} {r.details}" for r in await session.scalars(select(AuditLog))
    )
    for secret in (code, "Oshibka-42", PASSWORD, "Novyi-Parol-77"):
        assert secret not in logged
        assert secret not in audit_dump
    assert "auth.login" in audit_dump
