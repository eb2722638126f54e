"""One-time codes and the limits that make guessing them hopeless.

- A code is 6 digits from `secrets`, stored as a salted SHA-256 (never in clear), valid
  10 minutes, used once, and burnt after 5 wrong tries.
- At most 3 codes per login per 15 minutes, and a pause of a minute between two codes; a new
  code does not forgive the failures of the old one.
- 10 failures (codes or passwords) within an hour lock the login for 30 minutes. The same holds
  for one Telegram user over all logins together, so that one Telegram account cannot walk
  through many logins; it may also ask for at most 5 codes per 15 minutes in all.

A code is keyed by the cabinet user (`user_id`), else by the subscriber whose number it confirms
(`subscriber_id`), else by its `target` alone: the last is how a login that does not exist gets
a code nobody receives, so that the answer does not tell who is a client.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, func, select

from domain import clock
from domain.db import Db
from domain.errors import RateLimited, ValidationFailed
from domain.types import CodePurpose
from storage.models import CabinetUser, LoginFailure, OneTimeCode

CODE_DIGITS = 6
CODE_TTL = timedelta(minutes=10)
MAX_TRIES_PER_CODE = 5
CODES_PER_WINDOW = 3
CODE_WINDOW = timedelta(minutes=15)
CODE_PAUSE = timedelta(seconds=60)
TG_CODES_PER_WINDOW = 5
FAILURES_TO_LOCK = 10
FAILURE_WINDOW = timedelta(hours=1)
LOCK_TIME = timedelta(minutes=30)


def generate_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def hash_code(code: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.sha256(salt + code.encode()).hexdigest()
    return f"sha256${salt.hex()}${digest}"


def code_matches(stored: str, code: str) -> bool:
    try:
        scheme, salt_hex, digest = stored.split("$")
        salt = bytes.fromhex(salt_hex)
    except ValueError:
        return False
    candidate = hashlib.sha256(salt + code.encode()).hexdigest()
    return scheme == "sha256" and hmac.compare_digest(candidate, digest)


def normalize_code(raw: str) -> str:
    """`123 456`, `123-456` → `123456`; anything but 6 digits is a typo, not a try."""
    code = "".join(ch for ch in raw if not ch.isspace() and ch != "-")
    if len(code) != CODE_DIGITS or not code.isdigit() or not code.isascii():
        raise ValidationFailed("auth-code-format")
    return code


def lock_end(failures: Iterable[datetime], now: datetime) -> datetime | None:
    """When the lock these failure times cause ends, if it is still on at `now`.

    Failures are counted in a sliding hour; the tenth locks for 30 minutes from that failure, and
    counting starts again after a lock. A failure during a lock (it cannot happen through the
    bot, which refuses to check while locked) is ignored.
    """
    window: list[datetime] = []
    end: datetime | None = None
    for at in sorted(failures):
        if end is not None and at < end:
            continue
        window = [t for t in window if t > at - FAILURE_WINDOW and (end is None or t >= end)]
        window.append(at)
        if len(window) >= FAILURES_TO_LOCK:
            end = at + LOCK_TIME
            window = []
    return end if end is not None and end > now else None


_LOOKBACK = FAILURE_WINDOW + LOCK_TIME


async def _failure_times(db: Db, where: ColumnElement[bool], now: datetime) -> list[datetime]:
    rows = await db.scalars(select(LoginFailure.at).where(where, LoginFailure.at > now - _LOOKBACK))
    return [clock.as_utc(t) for t in rows]


async def locked_until(
    db: Db, *, user_id: int | None, telegram_user_id: int | None, now: datetime | None = None
) -> datetime | None:
    """The later of the login's and the Telegram user's lock ends, or None when neither is on."""
    now = now or clock.utcnow()
    ends: list[datetime] = []
    if user_id is not None:
        user = await db.get(CabinetUser, user_id)
        if user is not None and user.locked_until is not None:
            if clock.as_utc(user.locked_until) > now:
                ends.append(clock.as_utc(user.locked_until))
        end = lock_end(await _failure_times(db, LoginFailure.user_id == user_id, now), now)
        if end is not None:
            ends.append(end)
    if telegram_user_id is not None:
        end = lock_end(
            await _failure_times(db, LoginFailure.telegram_user_id == telegram_user_id, now), now
        )
        if end is not None:
            ends.append(end)
    return max(ends) if ends else None


def _locked_error(until: datetime, now: datetime) -> RateLimited:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return RateLimited("auth-locked", until=clock.fmt_datetime(until), minutes=minutes)


async def ensure_not_locked(
    db: Db, *, user_id: int | None, telegram_user_id: int | None, now: datetime | None = None
) -> None:
    now = now or clock.utcnow()
    until = await locked_until(db, user_id=user_id, telegram_user_id=telegram_user_id, now=now)
    if until is not None:
        raise _locked_error(until, now)


async def record_failure(
    db: Db, *, user_id: int | None, telegram_user_id: int | None, now: datetime | None = None
) -> datetime | None:
    """Count one failed code or password; returns when the lock ends if this one locked."""
    now = now or clock.utcnow()
    db.add(LoginFailure(user_id=user_id, telegram_user_id=telegram_user_id, at=now))
    await db.flush()
    if user_id is not None:
        # Only the login's own failures mark it locked; a Telegram user's lock is its own.
        own = lock_end(await _failure_times(db, LoginFailure.user_id == user_id, now), now)
        user = await db.get(CabinetUser, user_id)
        if own is not None and user is not None:
            user.locked_until = own
    return await locked_until(db, user_id=user_id, telegram_user_id=telegram_user_id, now=now)


def _key(
    purpose: CodePurpose | None,
    user_id: int | None,
    subscriber_id: int | None,
    target: str | None,
) -> ColumnElement[bool]:
    conds: list[ColumnElement[bool]] = []
    if purpose is not None:
        conds.append(OneTimeCode.purpose == purpose)
    if user_id is not None:
        conds.append(OneTimeCode.user_id == user_id)
    elif subscriber_id is not None:
        conds.append(OneTimeCode.subscriber_id == subscriber_id)
    else:
        conds += [
            OneTimeCode.user_id.is_(None),
            OneTimeCode.subscriber_id.is_(None),
            OneTimeCode.target == (target or ""),
        ]
    return and_(*conds)


async def _check_issue_limits(
    db: Db, key: ColumnElement[bool], telegram_user_id: int | None, now: datetime
) -> None:
    since = now - CODE_WINDOW
    recent = [
        clock.as_utc(t)
        for t in await db.scalars(
            select(OneTimeCode.created_at)
            .where(key, OneTimeCode.created_at > since)
            .order_by(OneTimeCode.created_at)
        )
    ]
    if recent and now - recent[-1] < CODE_PAUSE:
        seconds = int((recent[-1] + CODE_PAUSE - now).total_seconds()) + 1
        raise RateLimited("auth-code-pause", seconds=seconds)
    if len(recent) >= CODES_PER_WINDOW:
        until = recent[-CODES_PER_WINDOW] + CODE_WINDOW
        raise RateLimited("auth-code-limit", until=clock.fmt_datetime(until))
    if telegram_user_id is not None:
        tg_recent = [
            clock.as_utc(t)
            for t in await db.scalars(
                select(OneTimeCode.created_at)
                .where(
                    OneTimeCode.telegram_user_id == telegram_user_id,
                    OneTimeCode.created_at > since,
                )
                .order_by(OneTimeCode.created_at)
            )
        ]
        if len(tg_recent) >= TG_CODES_PER_WINDOW:
            until = tg_recent[-TG_CODES_PER_WINDOW] + CODE_WINDOW
            raise RateLimited("auth-code-limit", until=clock.fmt_datetime(until))


async def ensure_can_issue(
    db: Db,
    target: str,
    *,
    user_id: int | None = None,
    subscriber_id: int | None = None,
    telegram_user_id: int | None = None,
) -> None:
    """Raises RateLimited as `issue_code` would, writing nothing: a use case that writes and
    then sends a code asks first, so that a refusal leaves nothing half done."""
    now = clock.utcnow()
    await ensure_not_locked(db, user_id=user_id, telegram_user_id=telegram_user_id, now=now)
    await _check_issue_limits(db, _key(None, user_id, subscriber_id, target), telegram_user_id, now)


async def issue_code(
    db: Db,
    purpose: CodePurpose,
    target: str,
    *,
    user_id: int | None = None,
    subscriber_id: int | None = None,
    telegram_user_id: int | None = None,
) -> str:
    """A new code for the login (or number, or target), if the limits allow; returns it in clear
    for the caller to send — it is stored only as a hash. Earlier codes of the same purpose stop
    working."""
    now = clock.utcnow()
    await ensure_not_locked(db, user_id=user_id, telegram_user_id=telegram_user_id, now=now)
    key_any_purpose = _key(None, user_id, subscriber_id, target)
    await _check_issue_limits(db, key_any_purpose, telegram_user_id, now)
    for old in await db.scalars(
        select(OneTimeCode).where(
            _key(purpose, user_id, subscriber_id, target),
            OneTimeCode.used_at.is_(None),
            OneTimeCode.expires_at > now,
        )
    ):
        old.expires_at = now
    code = generate_code()
    db.add(
        OneTimeCode(
            purpose=purpose,
            user_id=user_id,
            subscriber_id=subscriber_id,
            telegram_user_id=telegram_user_id,
            target=target,
            code_hash=hash_code(code),
            attempts=0,
            created_at=now,
            expires_at=now + CODE_TTL,
        )
    )
    await db.flush()
    return code


async def check_code(
    db: Db,
    purpose: CodePurpose,
    raw_code: str,
    *,
    user_id: int | None = None,
    subscriber_id: int | None = None,
    target: str | None = None,
    telegram_user_id: int | None = None,
) -> OneTimeCode:
    """Use the latest code of the key; returns its row (its `target` says where it went).

    Raises RateLimited while locked, ValidationFailed when wrong (`left` tries remain), burnt
    after 5 wrong tries, expired, or not a 6-digit code at all (that one is not counted).
    """
    now = clock.utcnow()
    code = normalize_code(raw_code)
    await ensure_not_locked(db, user_id=user_id, telegram_user_id=telegram_user_id, now=now)
    row = await db.scalar(
        select(OneTimeCode)
        .where(_key(purpose, user_id, subscriber_id, target), OneTimeCode.used_at.is_(None))
        .order_by(OneTimeCode.id.desc())
        .limit(1)
    )
    if row is None or clock.as_utc(row.expires_at) <= now:
        raise ValidationFailed("auth-code-expired")
    if row.attempts >= MAX_TRIES_PER_CODE:
        raise ValidationFailed("auth-code-burned")
    if not code_matches(row.code_hash, code):
        row.attempts += 1
        until = await record_failure(
            db, user_id=user_id, telegram_user_id=telegram_user_id, now=now
        )
        if until is not None:
            raise _locked_error(until, now)
        left = MAX_TRIES_PER_CODE - row.attempts
        if left <= 0:
            raise ValidationFailed("auth-code-burned")
        raise ValidationFailed("auth-code-wrong", left=left)
    row.used_at = now
    await db.flush()
    return row


async def purge_old_failures(db: Db, keep: timedelta = timedelta(days=1)) -> int:
    """Forget failures older than the limits look back (90 minutes; a day is kept); for the
    scheduler, beside the cleanup of expired codes."""
    result = await db.execute(delete(LoginFailure).where(LoginFailure.at < clock.utcnow() - keep))
    return int(getattr(result, "rowcount", 0) or 0)


async def count_active_codes(db: Db, user_id: int) -> int:
    now = clock.utcnow()
    n = await db.scalar(
        select(func.count())
        .select_from(OneTimeCode)
        .where(
            OneTimeCode.user_id == user_id,
            OneTimeCode.used_at.is_(None),
            OneTimeCode.expires_at > now,
        )
    )
    return int(n or 0)
