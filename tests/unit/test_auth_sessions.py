"""Sessions: 30 days without use, logout, several logins on one Telegram account, switching."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.auth import login as auth
from domain.errors import AccessDenied
from domain.types import AuditResult
from storage.models import AuditLog, CabinetUser, Session, TelegramChat
from tests.access_data import FakeClock, World

TG = 9001


pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


async def test_a_session_lives_while_used_and_ends_after_thirty_idle_days(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    sid = await auth.open_session(session, access_world.users["coord"], TG, TG)
    for _ in range(3):
        fake_clock.advance(days=29)
        assert await auth.load_principal(session, TG) is not None  # each use renews it
    fake_clock.advance(days=30, seconds=1)
    state = await auth.load_session(session, TG)
    assert state.principal is None and state.expired
    sess = await session.get(Session, sid)
    assert sess is not None and sess.end_reason == "expired"
    chat = await session.get(TelegramChat, TG)
    assert chat is not None and chat.current_session_id is None
    # Nothing of the old state comes back: the next update is simply not logged in.
    assert await auth.load_session(session, TG) == auth.SessionState(None, False)


async def test_logout_ends_the_session_at_once(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    await auth.open_session(session, access_world.users["coord"], TG, TG)
    p = await auth.load_principal(session, TG)
    assert p is not None
    await auth.logout(session, p)
    assert await auth.load_principal(session, TG) is None
    sess = await session.get(Session, p.session_id)
    assert sess is not None and sess.end_reason == "logout"


async def test_blocking_a_user_ends_its_session(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    await auth.open_session(session, access_world.users["coord"], TG, TG)
    user = await session.get(CabinetUser, access_world.users["coord"])
    assert user is not None
    user.is_blocked = True
    state = await auth.load_session(session, TG)
    assert state.principal is None and state.expired


async def test_two_logins_on_one_telegram_account_switch_without_a_new_login(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    first = await auth.open_session(session, access_world.users["coord"], TG, TG)
    second = await auth.open_session(session, access_world.users["b_coord"], TG, TG)
    p = await auth.load_principal(session, TG)
    assert p is not None and p.session_id == second and p.company_name == "АО «Южный берег»"
    logins = await auth.list_logins(session, TG)
    assert [(i.company_name, i.is_current) for i in logins] == [
        ("АО «Южный берег»", True),
        ("ООО «Северный ветер»", False),
    ]
    p2 = await auth.switch_login(session, TG, first)
    assert p2.company_name == "ООО «Северный ветер»"
    assert (await auth.load_principal(session, TG)) == p2
    # Logging in again to a held login reuses its session.
    assert await auth.open_session(session, access_world.users["b_coord"], TG, TG) == second


async def test_logout_of_one_login_keeps_the_other(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    await auth.open_session(session, access_world.users["coord"], TG, TG)
    await auth.open_session(session, access_world.users["b_coord"], TG, TG)
    p = await auth.load_principal(session, TG)
    assert p is not None
    await auth.logout(session, p)
    after = await auth.load_principal(session, TG)
    assert after is not None and after.user_id == access_world.users["coord"]


async def test_expired_logins_drop_out_of_the_switch_list(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    old = await auth.open_session(session, access_world.users["coord"], TG, TG)
    fake_clock.advance(days=31)
    await auth.open_session(session, access_world.users["b_coord"], TG, TG)
    assert [i.login for i in await auth.list_logins(session, TG)] == ["+79035556677"]
    from domain.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        await auth.switch_login(session, TG, old)


async def test_switching_to_someone_elses_session_is_refused_and_audited(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    foreign = await auth.open_session(session, access_world.users["b_coord"], TG + 1, TG + 1)
    await auth.open_session(session, access_world.users["coord"], TG, TG)
    with pytest.raises(AccessDenied):
        await auth.switch_login(session, TG, foreign)
    p = await auth.load_principal(session, TG)
    assert p is not None and p.user_id == access_world.users["coord"]
    row = await session.scalar(select(AuditLog).where(AuditLog.action == "auth.switch"))
    assert row is not None and row.result == AuditResult.DENIED
    assert row.telegram_user_id == TG and row.object_id == str(foreign)


async def test_profile_sessions_list_and_end_any(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    uid = access_world.users["coord"]
    here = await auth.open_session(session, uid, TG, TG)
    fake_clock.advance(minutes=5)
    there = await auth.open_session(session, uid, TG + 1, TG + 1)
    p = await auth.load_principal(session, TG)
    assert p is not None
    listed = await auth.list_user_sessions(session, p)
    assert [(s.session_id, s.is_this) for s in listed] == [(here, True), (there, False)]
    assert await auth.end_user_session(session, p, there) is False
    assert await auth.load_principal(session, TG + 1) is None
    assert [s.session_id for s in await auth.list_user_sessions(session, p)] == [here]


async def test_ending_another_logins_session_is_refused_and_audited(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    foreign = await auth.open_session(session, access_world.users["b_coord"], TG + 1, TG + 1)
    await auth.open_session(session, access_world.users["coord"], TG, TG)
    p = await auth.load_principal(session, TG)
    assert p is not None
    with pytest.raises(AccessDenied):
        await auth.end_user_session(session, p, foreign)
    assert await auth.load_principal(session, TG + 1) is not None
    row = await session.scalar(select(AuditLog).where(AuditLog.action == "auth.end_session"))
    assert row is not None and row.result == AuditResult.DENIED and row.company_id == p.company_id
