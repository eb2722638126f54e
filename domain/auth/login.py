"""Logging in and out: one-time codes, passwords, recovery, sessions, several logins.

A session binds a Telegram account to a cabinet user; one Telegram account may hold several
open sessions (a coordinator of two companies) and `TelegramChat.current_session_id` says which
one the next update acts as. A session ends on logout, on a password change (all but the one
that changed it), when the user is blocked, and after 30 days without use.

The answers never tell whether a login exists: a wrong password and an unknown login get the same
error after the same argon2 work, and a code for an unknown login is "sent" (to nobody) and then
fails like a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from domain import clock
from domain.access.checks import Principal
from domain.access.reach import account_list
from domain.audit import audit
from domain.auth import command_menu
from domain.auth.codes import check_code, ensure_not_locked, issue_code, record_failure
from domain.auth.passwords import (
    check_policy,
    generate_password,
    hash_password_async,
    needs_rehash,
    verify_password_async,
)
from domain.db import Db
from domain.errors import AccessDenied, NotFound, RateLimited, ValidationFailed
from domain.notifications import send_email, send_sms
from domain.types import AuditResult, Brand, Channel, CodePurpose, Role
from domain.validation import parse_account_number, parse_email, parse_phone
from storage.models import CabinetUser, Company, Session, TelegramChat

SESSION_TTL = timedelta(days=30)


# ---------------------------------------------------------------------------------------------
# Sessions


async def _chat(db: Db, telegram_user_id: int, chat_id: int) -> TelegramChat:
    chat = await db.get(TelegramChat, telegram_user_id)
    if chat is None:
        chat = TelegramChat(telegram_user_id=telegram_user_id, chat_id=chat_id)
        db.add(chat)
    return chat


def _alive(sess: Session, now: datetime, ttl: timedelta) -> bool:
    return sess.ended_at is None and now - clock.as_utc(sess.last_seen_at) <= ttl


async def open_session(db: Db, user_id: int, telegram_user_id: int, chat_id: int) -> int:
    """Bind the Telegram account to the cabinet user and make it the current login.

    Logging in again to a login this Telegram account already holds reuses its session.
    """
    now = clock.utcnow()
    existing = await db.scalar(
        select(Session)
        .where(
            Session.user_id == user_id,
            Session.telegram_user_id == telegram_user_id,
            Session.ended_at.is_(None),
        )
        .order_by(Session.id.desc())
        .limit(1)
    )
    if existing is not None and _alive(existing, now, SESSION_TTL):
        existing.last_seen_at = now
        s = existing
    else:
        if existing is not None:
            existing.ended_at = now
            existing.end_reason = "expired"
        s = Session(
            user_id=user_id, telegram_user_id=telegram_user_id, created_at=now, last_seen_at=now
        )
        db.add(s)
        await db.flush()
    chat = await _chat(db, telegram_user_id, chat_id)
    chat.chat_id = chat_id
    chat.current_session_id = s.id
    await db.flush()
    await command_menu.follow_level(db, chat)
    return s.id


async def end_session(db: Db, session_id: int, reason: str) -> None:
    await db.execute(
        update(Session)
        .where(Session.id == session_id, Session.ended_at.is_(None))
        .values(ended_at=clock.utcnow(), end_reason=reason)
    )


async def end_user_sessions(
    db: Db, user_id: int, reason: str, *, keep_session_id: int | None = None
) -> int:
    """End every open session of the cabinet user (but `keep_session_id`); returns how many.
    The chats where one of them was current get the guest menu."""
    ending = select(Session.id).where(Session.user_id == user_id, Session.ended_at.is_(None))
    if keep_session_id is not None:
        ending = ending.where(Session.id != keep_session_id)
    await command_menu.follow_ended(db, await db.scalars(ending))
    stmt = (
        update(Session)
        .where(Session.user_id == user_id, Session.ended_at.is_(None))
        .values(ended_at=clock.utcnow(), end_reason=reason)
    )
    if keep_session_id is not None:
        stmt = stmt.where(Session.id != keep_session_id)
    result = await db.execute(stmt)
    return int(getattr(result, "rowcount", 0) or 0)


@dataclass(frozen=True)
class SessionState:
    principal: Principal | None
    # True when this update found the current session expired or ended from elsewhere: the
    # caller clears the dialog state and sends the user to the login.
    expired: bool


# last_seen_at is written at most this often: a session's 30-day expiry does not need
# a write on every update, and the write is the costliest part of recognising a user.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)


async def load_session(db: Db, telegram_user_id: int, ttl: timedelta = SESSION_TTL) -> SessionState:
    # One query finds the Telegram account's current session, its user and company.
    row = (
        await db.execute(
            select(TelegramChat, Session, CabinetUser, Company)
            .join(Session, Session.id == TelegramChat.current_session_id)
            .join(CabinetUser, CabinetUser.id == Session.user_id)
            .join(Company, Company.id == CabinetUser.company_id)
            .where(TelegramChat.telegram_user_id == telegram_user_id)
        )
    ).one_or_none()
    if row is None:
        chat = await db.get(TelegramChat, telegram_user_id)
        if chat is None or chat.current_session_id is None:
            return SessionState(None, False)
        # The current session points at nothing usable any more.
        chat.current_session_id = None
        return SessionState(None, True)
    chat, sess, user, company = row
    if sess.ended_at is not None or sess.telegram_user_id != telegram_user_id:
        chat.current_session_id = None
        return SessionState(None, True)
    now = clock.utcnow()
    if now - clock.as_utc(sess.last_seen_at) > ttl:
        sess.ended_at = now
        sess.end_reason = "expired"
        chat.current_session_id = None
        return SessionState(None, True)
    if user.is_blocked:
        sess.ended_at = now
        sess.end_reason = "blocked"
        chat.current_session_id = None
        return SessionState(None, True)
    if now - clock.as_utc(sess.last_seen_at) > LAST_SEEN_RESOLUTION:
        sess.last_seen_at = now
    return SessionState(await _principal(db, user, sess.id, company), False)


async def load_principal(
    db: Db, telegram_user_id: int, ttl: timedelta = SESSION_TTL
) -> Principal | None:
    """The cabinet user this Telegram account currently acts as, or None.

    A session unused for longer than `ttl` ends here, so an expired login keeps nothing.
    """
    return (await load_session(db, telegram_user_id, ttl)).principal


async def _principal(
    db: Db, user: CabinetUser, session_id: int, company: Company | None = None
) -> Principal:
    if company is None:
        company = await db.get(Company, user.company_id)
    account_ids = await account_list(db, user)
    return Principal(
        user_id=user.id,
        session_id=session_id,
        company_id=user.company_id,
        company_name=company.name if company else "",
        role=user.role,
        brand=user.brand,
        login=user.login,
        account_ids=account_ids,
        subscriber_id=user.subscriber_id,
        must_change_password=user.must_change_password,
    )


@dataclass(frozen=True)
class LoginInfo:
    """One of the logins a Telegram account holds (for "switch login")."""

    session_id: int
    login: str
    brand: Brand
    company_name: str
    role: Role
    is_current: bool


async def list_logins(
    db: Db, telegram_user_id: int, ttl: timedelta = SESSION_TTL
) -> list[LoginInfo]:
    """Open sessions of this Telegram account; expired ones end on the way."""
    now = clock.utcnow()
    chat = await db.get(TelegramChat, telegram_user_id)
    current = chat.current_session_id if chat else None
    rows = await db.execute(
        select(Session, CabinetUser, Company)
        .join(CabinetUser, CabinetUser.id == Session.user_id)
        .join(Company, Company.id == CabinetUser.company_id)
        .where(Session.telegram_user_id == telegram_user_id, Session.ended_at.is_(None))
        .order_by(Company.name, CabinetUser.login)
    )
    result: list[LoginInfo] = []
    for sess, user, company in rows:
        if not _alive(sess, now, ttl) or user.is_blocked:
            sess.ended_at = now
            sess.end_reason = "blocked" if user.is_blocked else "expired"
            continue
        result.append(
            LoginInfo(
                session_id=sess.id,
                login=user.login,
                brand=user.brand,
                company_name=company.name,
                role=user.role,
                is_current=sess.id == current,
            )
        )
    return result


async def switch_login(
    db: Db, telegram_user_id: int, session_id: int, ttl: timedelta = SESSION_TTL
) -> Principal:
    """Make another login this Telegram account holds the current one, without a new login."""
    sess = await db.get(Session, session_id)
    if sess is None or sess.telegram_user_id != telegram_user_id:
        await audit(
            db,
            None,
            "auth.switch",
            object_type="session",
            object_id=session_id,
            result=AuditResult.DENIED,
            telegram_user_id=telegram_user_id,
        )
        raise AccessDenied()
    if not _alive(sess, clock.utcnow(), ttl):
        raise ValidationFailed("auth-switch-expired")
    chat = await db.get(TelegramChat, telegram_user_id)
    if chat is None:
        raise NotFound()
    chat.current_session_id = sess.id
    await command_menu.follow_level(db, chat)
    principal = await load_principal(db, telegram_user_id, ttl)
    if principal is None:
        raise ValidationFailed("auth-switch-expired")
    await audit(db, principal, "auth.switch", object_type="session", object_id=session_id)
    return principal


@dataclass(frozen=True)
class SessionInfo:
    """A Telegram session of the current login (profile → sessions)."""

    session_id: int
    telegram_user_id: int
    created_at: datetime
    last_seen_at: datetime
    is_this: bool


async def list_user_sessions(
    db: Db, principal: Principal, ttl: timedelta = SESSION_TTL
) -> list[SessionInfo]:
    now = clock.utcnow()
    rows = await db.scalars(
        select(Session)
        .where(Session.user_id == principal.user_id, Session.ended_at.is_(None))
        .order_by(Session.last_seen_at.desc(), Session.id.desc())
    )
    result: list[SessionInfo] = []
    for sess in rows:
        if not _alive(sess, now, ttl):
            sess.ended_at = now
            sess.end_reason = "expired"
            continue
        result.append(
            SessionInfo(
                session_id=sess.id,
                telegram_user_id=sess.telegram_user_id,
                created_at=clock.as_utc(sess.created_at),
                last_seen_at=clock.as_utc(sess.last_seen_at),
                is_this=sess.id == principal.session_id,
            )
        )
    # This session first, then the most recently used.
    result.sort(key=lambda s: (not s.is_this, -s.last_seen_at.timestamp(), -s.session_id))
    return result


async def end_user_session(db: Db, principal: Principal, session_id: int) -> bool:
    """End one session of the principal's own login; True if it was the current one."""
    sess = await db.get(Session, session_id)
    if sess is None or sess.user_id != principal.user_id:
        await audit(
            db,
            principal,
            "auth.end_session",
            object_type="session",
            object_id=session_id,
            result=AuditResult.DENIED,
        )
        raise AccessDenied()
    if sess.id == principal.session_id:
        await logout(db, principal)
        return True
    await end_session(db, session_id, "ended_by_user")
    await audit(db, principal, "auth.end_session", object_type="session", object_id=session_id)
    return False


async def logout(db: Db, principal: Principal) -> None:
    """End the current session; another login this Telegram account holds becomes current."""
    sess = await db.get(Session, principal.session_id)
    if sess is None:
        return
    await audit(db, principal, "auth.logout", object_type="session", object_id=sess.id)
    await end_session(db, sess.id, "logout")
    chat = await db.get(TelegramChat, sess.telegram_user_id)
    if chat is None:
        return
    now = clock.utcnow()
    others = await db.scalars(
        select(Session)
        .where(
            Session.telegram_user_id == sess.telegram_user_id,
            Session.ended_at.is_(None),
            Session.id != sess.id,
        )
        .order_by(Session.last_seen_at.desc(), Session.id.desc())
    )
    chat.current_session_id = next((o.id for o in others if _alive(o, now, SESSION_TTL)), None)
    await db.flush()
    await command_menu.follow_level(db, chat)


# ---------------------------------------------------------------------------------------------
# Logins


@dataclass(frozen=True)
class LoginTarget:
    """A login as typed and normalised: what the dialog keeps between "send code" and "code"."""

    brand: Brand
    login: str


def normalize_login(brand: Brand, raw: str) -> str:
    """MegaFon: a phone number in any common form → E.164; Yota: an account number."""
    if brand is Brand.MEGAFON:
        return parse_phone(raw)
    return parse_account_number(raw)


async def find_user(db: Db, brand: Brand, login: str) -> CabinetUser | None:
    return await db.scalar(
        select(CabinetUser).where(CabinetUser.brand == brand, CabinetUser.login == login)
    )


def _phantom(target: LoginTarget) -> str:
    return f"nobody:{target.brand.value}:{target.login}"


async def request_login_code(
    db: Db, brand: Brand, raw_login: str, telegram_user_id: int
) -> LoginTarget:
    """Send a login code by SMS to the phone of the cabinet user (key `sms-login-code`)."""
    target = LoginTarget(brand, normalize_login(brand, raw_login))
    user = await find_user(db, brand, target.login)
    if user is None or user.is_blocked or not user.phone:
        await issue_code(db, CodePurpose.LOGIN, _phantom(target), telegram_user_id=telegram_user_id)
        await audit(
            db,
            None,
            "auth.code_requested",
            result=AuditResult.FAILED,
            telegram_user_id=telegram_user_id,
            user_id=user.id if user else None,
            details={"reason": "unknown_login" if user is None else "unusable_login"},
        )
        return target
    code = await issue_code(
        db, CodePurpose.LOGIN, user.phone, user_id=user.id, telegram_user_id=telegram_user_id
    )
    await send_sms(db, user.phone, "sms-login-code", {"code": code})
    await audit(
        db,
        None,
        "auth.code_requested",
        telegram_user_id=telegram_user_id,
        user_id=user.id,
        company_id=user.company_id,
    )
    return target


async def _user_for_code(db: Db, target: LoginTarget) -> CabinetUser | None:
    user = await find_user(db, target.brand, target.login)
    if user is None or user.is_blocked:
        return None
    return user


async def _check_target_code(
    db: Db, purpose: CodePurpose, target: LoginTarget, code: str, telegram_user_id: int
) -> CabinetUser:
    user = await _user_for_code(db, target)
    try:
        await check_code(
            db,
            purpose,
            code,
            user_id=user.id if user else None,
            target=None if user else _phantom(target),
            telegram_user_id=telegram_user_id,
        )
    except (ValidationFailed, RateLimited):
        await audit(
            db,
            None,
            f"auth.{purpose.value}_code",
            result=AuditResult.FAILED,
            telegram_user_id=telegram_user_id,
            user_id=user.id if user else None,
            company_id=user.company_id if user else None,
        )
        raise
    if user is None:
        # A phantom code cannot be guessed (nobody knows it), but be explicit.
        raise ValidationFailed("auth-code-expired")
    return user


async def _login(
    db: Db, user: CabinetUser, telegram_user_id: int, chat_id: int, how: str
) -> Principal:
    session_id = await open_session(db, user.id, telegram_user_id, chat_id)
    principal = await _principal(db, user, session_id)
    await audit(
        db,
        principal,
        "auth.login",
        object_type="session",
        object_id=session_id,
        details={"method": how},
        telegram_user_id=telegram_user_id,
    )
    return principal


async def login_with_code(
    db: Db, target: LoginTarget, code: str, telegram_user_id: int, chat_id: int
) -> Principal:
    user = await _check_target_code(db, CodePurpose.LOGIN, target, code, telegram_user_id)
    return await _login(db, user, telegram_user_id, chat_id, "code")


async def login_with_password(
    db: Db, brand: Brand, raw_login: str, password: str, telegram_user_id: int, chat_id: int
) -> Principal:
    """The same error, after the same work, for an unknown login and a wrong password."""
    login = normalize_login(brand, raw_login)
    await ensure_not_locked(db, user_id=None, telegram_user_id=telegram_user_id)
    user = await find_user(db, brand, login)
    if user is not None:
        await ensure_not_locked(db, user_id=user.id, telegram_user_id=telegram_user_id)
    ok = await verify_password_async(user.password_hash if user else None, password)
    if not ok or user is None:
        until = await record_failure(
            db, user_id=user.id if user else None, telegram_user_id=telegram_user_id
        )
        await audit(
            db,
            None,
            "auth.password",
            result=AuditResult.FAILED,
            telegram_user_id=telegram_user_id,
            user_id=user.id if user else None,
            company_id=user.company_id if user else None,
        )
        if until is not None:
            await ensure_not_locked(
                db, user_id=user.id if user else None, telegram_user_id=telegram_user_id
            )
        raise ValidationFailed("auth-bad-credentials")
    if user.is_blocked:
        await audit(
            db,
            None,
            "auth.password",
            result=AuditResult.DENIED,
            telegram_user_id=telegram_user_id,
            user_id=user.id,
            company_id=user.company_id,
            details={"reason": "blocked"},
        )
        raise AccessDenied("auth-user-blocked")
    if user.password_hash and needs_rehash(user.password_hash):
        user.password_hash = await hash_password_async(password)
    return await _login(db, user, telegram_user_id, chat_id, "password")


# ---------------------------------------------------------------------------------------------
# Recovery ("Забыли пароль?")


@dataclass(frozen=True)
class RecoverySent:
    target: LoginTarget
    channel: Channel


async def _recovery_user(
    db: Db, brand: Brand, identifier: str, channel: Channel
) -> tuple[CabinetUser | None, LoginTarget, Channel]:
    """Who asks to recover, and by which channel: an e-mail identifier (MegaFon) names its only
    login and is answered by e-mail; anything else is a login."""
    text = identifier.strip()
    if brand is Brand.MEGAFON and "@" in text:
        email = parse_email(text)
        matches = list(
            await db.scalars(
                select(CabinetUser)
                .where(CabinetUser.brand == brand, CabinetUser.email == email)
                .limit(2)
            )
        )
        # An e-mail shared by two logins says nothing about which one to recover.
        user = matches[0] if len(matches) == 1 else None
        return user, LoginTarget(brand, user.login if user else email), Channel.EMAIL
    target = LoginTarget(brand, normalize_login(brand, text))
    return await find_user(db, brand, target.login), target, channel


async def start_recovery(
    db: Db, brand: Brand, identifier: str, channel: Channel, telegram_user_id: int
) -> RecoverySent:
    """Send a one-time password: MegaFon by e-mail or login, Yota by account number.

    An e-mail identifier sends to that e-mail; otherwise by SMS to the login's phone or, when
    asked, to its e-mail. The answer is the same whether or not the login exists.
    """
    user, target, channel = await _recovery_user(db, brand, identifier, channel)
    address = None
    if user is not None and not user.is_blocked:
        address = user.email if channel is Channel.EMAIL else user.phone
    if user is None or address is None:
        await issue_code(
            db, CodePurpose.RECOVERY, _phantom(target), telegram_user_id=telegram_user_id
        )
        await audit(
            db,
            None,
            "auth.recovery_requested",
            result=AuditResult.FAILED,
            telegram_user_id=telegram_user_id,
            user_id=user.id if user else None,
        )
        return RecoverySent(target, channel)
    code = await issue_code(
        db, CodePurpose.RECOVERY, address, user_id=user.id, telegram_user_id=telegram_user_id
    )
    if channel is Channel.EMAIL:
        await send_email(
            db,
            address,
            "email-recovery-code",
            {"code": code},
            subject_key="email-recovery-code-subject",
        )
    else:
        await send_sms(db, address, "sms-recovery-code", {"code": code})
    await audit(
        db,
        None,
        "auth.recovery_requested",
        telegram_user_id=telegram_user_id,
        user_id=user.id,
        company_id=user.company_id,
        details={"channel": channel.value},
    )
    return RecoverySent(target, channel)


async def login_with_recovery_code(
    db: Db, target: LoginTarget, code: str, telegram_user_id: int, chat_id: int
) -> Principal:
    """Log in with the one-time password; the user must set a permanent one before anything."""
    user = await _check_target_code(db, CodePurpose.RECOVERY, target, code, telegram_user_id)
    user.must_change_password = True
    return await _login(db, user, telegram_user_id, chat_id, "recovery")


# ---------------------------------------------------------------------------------------------
# Passwords


async def _set_password(db: Db, principal: Principal, user: CabinetUser, new: str) -> None:
    check_policy(new, user.login)
    if user.password_hash and await verify_password_async(user.password_hash, new):
        raise ValidationFailed("auth-password-same")
    user.password_hash = await hash_password_async(new)
    user.must_change_password = False
    user.password_changed_at = clock.utcnow()
    ended = await end_user_sessions(
        db, user.id, "password_changed", keep_session_id=principal.session_id
    )
    await audit(db, principal, "auth.password_changed", details={"sessions_ended": ended})


async def set_permanent_password(db: Db, principal: Principal, new_password: str) -> Principal:
    """After a one-time password: the permanent one. Returns the principal, now unrestricted."""
    user = await db.get(CabinetUser, principal.user_id)
    if user is None:
        raise NotFound()
    if not user.must_change_password:
        raise ValidationFailed("auth-password-not-forced")
    await _set_password(db, principal, user, new_password)
    return await _principal(db, user, principal.session_id)


# How long after the current password was confirmed the new one may be set.
PASSWORD_PROOF_FOR = timedelta(minutes=10)


class OldPasswordNeeded(ValidationFailed):
    """The new password came without a recent confirmation of the current one."""

    def __init__(self) -> None:
        super().__init__("profile-old-password-ask")


async def verify_current_password(db: Db, principal: Principal, password: str) -> None:
    """Profile → password, first step: the current password, counted like a login attempt.

    On success the session remembers it for `PASSWORD_PROOF_FOR`: `set_new_password` checks
    that, not the dialog's state."""
    user = await db.get(CabinetUser, principal.user_id)
    if user is None:
        raise NotFound()
    sess = await db.get(Session, principal.session_id)
    tg_id = sess.telegram_user_id if sess else None
    await ensure_not_locked(db, user_id=user.id, telegram_user_id=tg_id)
    if not await verify_password_async(user.password_hash, password):
        until = await record_failure(db, user_id=user.id, telegram_user_id=tg_id)
        await audit(db, principal, "auth.password_change", result=AuditResult.FAILED)
        if until is not None:
            await ensure_not_locked(db, user_id=user.id, telegram_user_id=tg_id)
        raise ValidationFailed("auth-password-old-wrong")
    if sess is not None:
        sess.password_verified_at = clock.utcnow()


async def set_new_password(db: Db, principal: Principal, new: str) -> None:
    """Profile → password, second step: the new password, only within `PASSWORD_PROOF_FOR` of
    `verify_current_password` in this session (else OldPasswordNeeded); every other session of
    the login ends."""
    user = await db.get(CabinetUser, principal.user_id)
    if user is None:
        raise NotFound()
    sess = await db.get(Session, principal.session_id)
    verified = sess.password_verified_at if sess is not None else None
    if verified is None or clock.as_utc(verified) + PASSWORD_PROOF_FOR < clock.utcnow():
        raise OldPasswordNeeded()
    await _set_password(db, principal, user, new)
    assert sess is not None
    sess.password_verified_at = None  # used once


async def change_password(db: Db, principal: Principal, old_password: str, new: str) -> None:
    """Profile → password in one call: the old one is required; every other session ends."""
    await verify_current_password(db, principal, old_password)
    await set_new_password(db, principal, new)


async def send_new_password(db: Db, user: CabinetUser) -> None:
    """Generate a password, keep only its hash, send it by SMS; the user must change it."""
    if not user.phone:
        raise ValidationFailed("admin-user-no-phone", login=user.login)
    password = generate_password()
    user.password_hash = await hash_password_async(password)
    user.must_change_password = True
    user.password_changed_at = clock.utcnow()
    user.locked_until = None
    await end_user_sessions(db, user.id, "password_issued")
    await send_sms(
        db, user.phone, "sms-first-password", {"password": password, "login": user.login}
    )
