"""The profile of a cabinet user: what it shows and what the user may change in it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.access.checks import Permission, Principal, ensure_permission
from domain.audit import audit
from domain.auth.codes import check_code, issue_code
from domain.auth.passwords import hash_password_async, normalize_answer
from domain.db import Db
from domain.errors import NotFound, ValidationFailed
from domain.notifications import send_email, send_sms
from domain.types import Brand, CodePurpose, Role
from domain.validation import parse_email, parse_phone, parse_text
from storage.models import CabinetUser, Session


@dataclass(frozen=True)
class Profile:
    login: str
    brand: Brand
    company_name: str
    role: Role
    full_name: str
    email: str | None
    phone: str | None
    secret_question: str | None


async def _user(db: Db, principal: Principal | None) -> tuple[Principal, CabinetUser]:
    principal = await ensure_permission(db, principal, Permission.VIEW_PROFILE, action="profile")
    user = await db.get(CabinetUser, principal.user_id)
    if user is None:
        raise NotFound()
    return principal, user


async def get_profile(db: Db, principal: Principal | None) -> Profile:
    principal, user = await _user(db, principal)
    return Profile(
        login=user.login,
        brand=user.brand,
        company_name=principal.company_name,
        role=user.role,
        full_name=user.full_name,
        email=user.email,
        phone=user.phone,
        secret_question=user.secret_question,
    )


async def _telegram_user(db: Db, principal: Principal) -> int | None:
    sess = await db.get(Session, principal.session_id)
    return sess.telegram_user_id if sess else None


async def _change_code(
    db: Db, principal: Principal, user: CabinetUser, purpose: CodePurpose, target: str
) -> str:
    """A code for a new e-mail or phone of the user's, bound to the user and to the Telegram
    chat of the session that asks for it."""
    return await issue_code(
        db, purpose, target, user_id=user.id, telegram_user_id=await _telegram_user(db, principal)
    )


async def _changed_to(
    db: Db, principal: Principal, user: CabinetUser, purpose: CodePurpose, code: str
) -> str:
    """The new e-mail or phone that `code` was sent to, if it is the user's code of `purpose`
    and comes from the chat it was asked in."""
    row = await check_code(
        db, purpose, code, user_id=user.id, telegram_user_id=await _telegram_user(db, principal)
    )
    return row.target


async def request_email_change(db: Db, principal: Principal | None, raw_email: str) -> str:
    """Send a code to the new address (key `email-change-code`); returns the address."""
    principal, user = await _user(db, principal)
    email = parse_email(raw_email)
    if user.email and user.email.casefold() == email.casefold():
        raise ValidationFailed("profile-email-same")
    code = await _change_code(db, principal, user, CodePurpose.EMAIL_CHANGE, email)
    await send_email(
        db, email, "email-change-code", {"code": code}, subject_key="email-change-code-subject"
    )
    await audit(db, principal, "profile.email_code_sent")
    return email


async def confirm_email_change(db: Db, principal: Principal | None, code: str) -> str:
    """The code that went to the new address makes it the profile's e-mail."""
    principal, user = await _user(db, principal)
    new = await _changed_to(db, principal, user, CodePurpose.EMAIL_CHANGE, code)
    user.email = new
    await audit(db, principal, "profile.email_changed")
    return new


async def request_phone_change(db: Db, principal: Principal | None, raw_phone: str) -> str:
    """The phone where the cabinet's SMS (codes, passwords, notices) go: a code to the new
    number first (key `phone-change-code`); returns the number."""
    principal, user = await _user(db, principal)
    phone = parse_phone(raw_phone, mobile_only=True)
    if user.phone == phone:
        raise ValidationFailed("profile-phone-same")
    code = await _change_code(db, principal, user, CodePurpose.PHONE_CHANGE, phone)
    await send_sms(db, phone, "phone-change-code", {"code": code})
    await audit(db, principal, "profile.phone_code_sent")
    return phone


async def confirm_phone_change(db: Db, principal: Principal | None, code: str) -> str:
    """The code that went to the new number makes it the profile's phone; the old number is
    told, so that a change its owner did not make does not pass unseen."""
    principal, user = await _user(db, principal)
    new = await _changed_to(db, principal, user, CodePurpose.PHONE_CHANGE, code)
    old, user.phone = user.phone, new
    if old and old != new:
        await send_sms(db, old, "phone-changed-notice", {"tail": new[-4:]})
    await audit(db, principal, "profile.phone_changed")
    return new


def check_question(question: str) -> str:
    """A secret question alone (the dialog asks it before the answer)."""
    return parse_text(question, min_len=5, max_len=200, key="profile-question-invalid")


async def set_secret_question(
    db: Db, principal: Principal | None, question: str, answer: str
) -> None:
    principal, user = await _user(db, principal)
    q = check_question(question)
    a = normalize_answer(answer)
    if not (2 <= len(a) <= 100):
        raise ValidationFailed("profile-answer-invalid", min=2, max=100)
    if a in normalize_answer(q):
        raise ValidationFailed("profile-answer-in-question")
    user.secret_question = q
    user.secret_answer_hash = await hash_password_async(a)
    await audit(db, principal, "profile.secret_question_changed")


@dataclass(frozen=True)
class CabinetRights:
    """Which sections of the main menu this login's level opens (each use case checks again)."""

    balance: bool  # also the accounts, and «💰 Баланс» under the input
    documents: bool  # to order, or (view-only levels) the history of their own number's
    subscribers: bool
    tariffs: bool
    orders: bool
    tickets: bool
    profile: bool


def cabinet_rights(principal: Principal) -> CabinetRights:
    can = principal.can
    return CabinetRights(
        balance=can(Permission.VIEW_BALANCE),
        # A level that can order no document (a number manager, a viewer) is not offered it.
        documents=can(Permission.ORDER_DOCUMENTS) or can(Permission.PREPAYMENT_INVOICE),
        subscribers=can(Permission.VIEW_SUBSCRIBERS),
        tariffs=can(Permission.CHANGE_TARIFF) or can(Permission.MANAGE_SERVICES),
        orders=can(Permission.VIEW_ORDERS),
        tickets=can(Permission.MANAGE_TICKETS),
        profile=can(Permission.VIEW_PROFILE),
    )
