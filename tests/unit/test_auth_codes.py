"""One-time codes and their limits: every rule of the issue, one test each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.auth import codes
from domain.auth.codes import check_code, issue_code, lock_end, locked_until
from domain.errors import RateLimited, ValidationFailed
from domain.types import CodePurpose
from storage.models import CabinetUser, LoginFailure, OneTimeCode
from tests.access_data import FakeClock, World

LOGIN = CodePurpose.LOGIN
TG = 7001
COORD_PHONE = "+79161234568"


pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


async def issue(session: AsyncSession, user_id: int) -> str:
    """A login code for the coordinator's phone, asked from the test's Telegram account."""
    return await issue_code(session, LOGIN, COORD_PHONE, user_id=user_id, telegram_user_id=TG)


async def refusal(session: AsyncSession, user_id: int, code: str, tg: int = TG) -> str:
    """The message id a refused code gets."""
    with pytest.raises((ValidationFailed, RateLimited)) as exc:
        await check_code(session, LOGIN, code, user_id=user_id, telegram_user_id=tg)
    return exc.value.key


async def wrong(session: AsyncSession, user_id: int, code: str, tg: int = TG) -> str:
    return await refusal(session, user_id, f"{(int(code) + 1) % 1_000_000:06d}", tg)


async def test_code_is_six_digits_stored_only_as_a_hash(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    uid = access_world.users["coord"]
    code = await issue(session, uid)
    assert len(code) == 6 and code.isdigit()
    row = await session.scalar(select(OneTimeCode).where(OneTimeCode.user_id == uid))
    assert row is not None
    assert code not in row.code_hash and row.code_hash.startswith("sha256$")
    assert row.expires_at.replace(tzinfo=UTC) - fake_clock.now == timedelta(minutes=10)


async def test_codes_come_from_secrets_and_spread_over_all_six_digits() -> None:
    seen = {codes.generate_code() for _ in range(2000)}
    assert len(seen) > 1990
    assert any(c.startswith("0") for c in seen)


async def test_right_code_works_once(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    uid = access_world.users["coord"]
    code = await issue(session, uid)
    row = await check_code(
        session, LOGIN, code[:3] + " " + code[3:], user_id=uid, telegram_user_id=TG
    )
    assert row.target == "+79161234568"
    assert await refusal(session, uid, code) == "auth-code-expired"


async def test_code_expires_after_ten_minutes(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    uid = access_world.users["coord"]
    code = await issue(session, uid)
    fake_clock.advance(minutes=10, seconds=1)
    assert await refusal(session, uid, code) == "auth-code-expired"


async def test_five_wrong_tries_burn_the_code(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    uid = access_world.users["coord"]
    code = await issue(session, uid)
    lefts = []
    for _ in range(4):
        with pytest.raises(ValidationFailed) as exc:
            await check_code(
                session,
                LOGIN,
                "000000" if code != "000000" else "111111",
                user_id=uid,
                telegram_user_id=TG,
            )
        lefts.append(exc.value.params["left"])
    assert lefts == [4, 3, 2, 1]
    assert await wrong(session, uid, code) == "auth-code-burned"
    # Even the right code is refused now: a new one is needed.
    assert await refusal(session, uid, code) == "auth-code-burned"


async def test_typos_that_are_not_six_digits_are_not_tries(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    uid = access_world.users["coord"]
    code = await issue(session, uid)
    for typo in ("12345", "1234567", "abcdef", "12 34 5", "١٢٣٤٥٦"):
        with pytest.raises(ValidationFailed) as exc:
            await check_code(session, LOGIN, typo, user_id=uid, telegram_user_id=TG)
        assert exc.value.key == "auth-code-format"
    assert await session.scalar(select(OneTimeCode.attempts)) == 0
    await check_code(session, LOGIN, code, user_id=uid, telegram_user_id=TG)


async def test_pause_before_the_next_code_and_three_per_quarter_hour(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    uid = access_world.users["coord"]
    await issue(session, uid)
    fake_clock.advance(seconds=20)
    with pytest.raises(RateLimited) as exc:
        await issue(session, uid)
    assert exc.value.key == "auth-code-pause"
    assert exc.value.params["seconds"] == 41
    fake_clock.advance(seconds=41)
    await issue(session, uid)
    fake_clock.advance(minutes=1)
    await issue(session, uid)
    fake_clock.advance(minutes=1)
    with pytest.raises(RateLimited) as exc:
        await issue(session, uid)
    assert exc.value.key == "auth-code-limit"
    # The first code was at 09:00 UTC = 12:00 MSK; the window frees at 12:15.
    assert exc.value.params["until"] == "02.03.2026 12:15"
    fake_clock.now = datetime(2026, 3, 2, 9, 15, 1, tzinfo=UTC)
    await issue(session, uid)


async def test_a_new_code_replaces_the_old_one(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    uid = access_world.users["coord"]
    first = await issue(session, uid)
    fake_clock.advance(minutes=2)
    second = await issue(session, uid)
    if first != second:
        with pytest.raises(ValidationFailed):
            await check_code(session, LOGIN, first, user_id=uid, telegram_user_id=TG)
    await check_code(session, LOGIN, second, user_id=uid, telegram_user_id=TG)


async def test_a_new_code_does_not_forgive_failures_and_ten_lock_for_thirty_minutes(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    uid = access_world.users["coord"]
    keys = []
    for tries in (4, 4, 2):
        code = await issue(session, uid)
        for _ in range(tries):
            keys.append(await wrong(session, uid, code))
            fake_clock.advance(seconds=5)
        fake_clock.advance(minutes=1)
    assert keys[:9] == ["auth-code-wrong"] * 9
    assert keys[9] == "auth-locked"
    user = await session.get(CabinetUser, uid)
    assert user is not None and user.locked_until is not None
    # Locked: a right code is refused, and no new code is sent; the user is told when.
    with pytest.raises(RateLimited) as exc:
        await issue_code(session, LOGIN, "+79161234568", user_id=uid, telegram_user_id=TG + 1)
    assert exc.value.key == "auth-locked"
    assert exc.value.params["minutes"] == 29  # 30 minutes from the tenth failure, 65 s ago
    fake_clock.advance(minutes=28)
    with pytest.raises(RateLimited):
        await issue_code(session, LOGIN, "+79161234568", user_id=uid, telegram_user_id=TG + 1)
    fake_clock.advance(minutes=1)
    code = await issue_code(session, LOGIN, "+79161234568", user_id=uid, telegram_user_id=TG + 1)
    await check_code(session, LOGIN, code, user_id=uid, telegram_user_id=TG + 1)


async def test_one_telegram_user_cannot_walk_through_many_logins(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    names = ["union", "coord", "assistant", "manager", "viewer"]
    keys = []
    for name in names:
        uid = access_world.users[name]
        code = await issue_code(
            session, LOGIN, access_world.logins[name], user_id=uid, telegram_user_id=TG
        )
        for _ in range(2):
            keys.append(await wrong(session, uid, code))
    assert keys[-1] == "auth-locked"  # 10 failures over five logins
    # The Telegram user is locked for every login, even one it never tried...
    with pytest.raises(RateLimited):
        await issue_code(
            session,
            LOGIN,
            access_world.logins["yota"],
            user_id=access_world.users["yota"],
            telegram_user_id=TG,
        )
    # ...while each login alone had only two failures: its owner logs in from another account.
    fake_clock.advance(minutes=1)
    code = await issue_code(
        session,
        LOGIN,
        access_world.logins["coord"],
        user_id=access_world.users["coord"],
        telegram_user_id=TG + 1,
    )
    await check_code(
        session, LOGIN, code, user_id=access_world.users["coord"], telegram_user_id=TG + 1
    )


async def test_one_telegram_user_gets_at_most_five_codes_per_quarter_hour(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    names = ["union", "coord", "assistant", "manager", "viewer", "yota"]
    for name in names[:5]:
        await issue_code(
            session,
            LOGIN,
            access_world.logins[name],
            user_id=access_world.users[name],
            telegram_user_id=TG,
        )
    with pytest.raises(RateLimited) as exc:
        await issue_code(
            session,
            LOGIN,
            access_world.logins["yota"],
            user_id=access_world.users["yota"],
            telegram_user_id=TG,
        )
    assert exc.value.key == "auth-code-limit"


async def test_a_code_for_nobody_fails_like_a_wrong_one(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    target = "nobody:megafon:+79000000000"
    await issue_code(session, LOGIN, target, telegram_user_id=TG)
    for expected_left in (4, 3):
        with pytest.raises(ValidationFailed) as exc:
            await check_code(session, LOGIN, "123456", target=target, telegram_user_id=TG)
        assert exc.value.key == "auth-code-wrong"
        assert exc.value.params["left"] == expected_left
    failures = list(await session.scalars(select(LoginFailure)))
    assert [(f.user_id, f.telegram_user_id) for f in failures] == [(None, TG), (None, TG)]


def test_lock_rule_on_failure_times() -> None:
    t0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    nine = [t0 + timedelta(minutes=5 * i) for i in range(9)]
    assert lock_end(nine, t0 + timedelta(hours=1)) is None
    ten = [*nine, t0 + timedelta(minutes=50)]
    assert lock_end(ten, t0 + timedelta(minutes=51)) == t0 + timedelta(minutes=80)
    assert lock_end(ten, t0 + timedelta(minutes=80)) is None
    spread = [t0 + timedelta(minutes=7 * i) for i in range(10)]  # 63 minutes: never 10 an hour
    assert lock_end(spread, t0 + timedelta(minutes=64)) is None
    # After a lock the count starts again: one more failure does not lock at once.
    after = [*ten, t0 + timedelta(minutes=81)]
    assert lock_end(after, t0 + timedelta(minutes=82)) is None


async def test_locked_until_is_none_for_a_clean_login(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    assert (
        await locked_until(session, user_id=access_world.users["coord"], telegram_user_id=TG)
        is None
    )


async def test_purge_forgets_old_failures(
    session: AsyncSession, access_world: World, fake_clock: FakeClock
) -> None:
    uid = access_world.users["coord"]
    code = await issue(session, uid)
    await wrong(session, uid, code)
    fake_clock.advance(days=2)
    assert await codes.purge_old_failures(session) == 1
