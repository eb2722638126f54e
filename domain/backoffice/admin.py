"""The operator's back-office: companies, accounts, numbers, first passwords, blocks, outbox.

In the operator's world a number dials USSD `*990*00#` and gets its cabinet password by SMS;
here the back-office issues it and sends it through the SMS gateway (key `sms-first-password`).
A password sent in an SMS is temporary: the user must set a permanent one at the first login.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from domain import clock
from domain.audit import audit
from domain.auth.login import end_user_sessions, send_new_password
from domain.auth.passwords import hash_password_async
from domain.backoffice.csv_table import (
    ImportFailed as ImportFailed,  # the admin CLI lists its lines
)
from domain.backoffice.csv_table import LineError, Row, all_or_nothing, read_table
from domain.backoffice.csv_table import decode_csv as decode_csv
from domain.db import Db
from domain.errors import Conflict, NotFound, ValidationFailed
from domain.notifications import wipe_secrets
from domain.subscribers.sim import parse_icc, parse_puk
from domain.types import AccountType, Brand, Channel, Role, SimStatus, SubscriberStatus
from domain.validation import (
    mask_phone,
    parse_account_number,
    parse_email,
    parse_inn,
    parse_kpp,
    parse_ogrn,
    parse_ogrnip,
    parse_phone,
    parse_text,
)
from storage.models import (
    Account,
    CabinetUser,
    Company,
    Outbox,
    SimCard,
    Subscriber,
    UserAccountAccess,
)


async def record(
    db: Db,
    action: str,
    object_type: str,
    object_id: int,
    company_id: int,
    *,
    user_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """The audit record of a back-office action: no principal, the company it concerns."""
    await audit(
        db,
        None,
        action,
        object_type=object_type,
        object_id=object_id,
        user_id=user_id,
        company_id=company_id,
        details=details,
    )


async def _user_record(
    db: Db, action: str, user: CabinetUser, details: dict[str, Any] | None = None
) -> None:
    await record(
        db, action, "cabinet_user", user.id, user.company_id, user_id=user.id, details=details
    )


# ---------------------------------------------------------------------------------------------
# Companies and accounts


@dataclass(frozen=True)
class CompanyCreated:
    id: int
    name: str
    inn: str


@dataclass(frozen=True)
class AccountCreated:
    id: int
    number: str
    brand: Brand


async def create_company(
    db: Db,
    *,
    name: str,
    inn: str,
    kpp: str | None = None,
    ogrn: str | None = None,
    address: str = "",
    email: str | None = None,
) -> CompanyCreated:
    clean_inn = parse_inn(inn)
    company = Company(
        name=parse_text(name, min_len=2, max_len=300, key="val-company-name"),
        inn=clean_inn,
        kpp=parse_kpp(kpp) if kpp else None,
        ogrn=(parse_ogrn(ogrn) if len(clean_inn) == 10 else parse_ogrnip(ogrn)) if ogrn else None,
        legal_address=address.strip(),
        email=parse_email(email) if email else None,
    )
    if await db.scalar(select(Company.id).where(Company.inn == clean_inn)) is not None:
        raise Conflict("admin-company-exists", inn=clean_inn)
    db.add(company)
    await db.flush()
    await record(db, "admin.company_create", "company", company.id, company.id)
    return CompanyCreated(company.id, company.name, company.inn)


async def create_account(
    db: Db,
    *,
    company_id: int,
    number: str,
    brand: Brand,
    type: AccountType = AccountType.POSTPAID,
) -> AccountCreated:
    if await db.get(Company, company_id) is None:
        raise NotFound("admin-no-company", company_id=company_id)
    clean = parse_account_number(number)
    if await db.scalar(select(Account.id).where(Account.number == clean)) is not None:
        raise Conflict("admin-account-exists", number=clean)
    account = Account(company_id=company_id, number=clean, brand=brand, type=type)
    db.add(account)
    await db.flush()
    await record(db, "admin.account_create", "account", account.id, company_id)
    return AccountCreated(account.id, account.number, account.brand)


# ---------------------------------------------------------------------------------------------
# Import of numbers from CSV


COLUMNS = ("msisdn", "employee_name", "email", "position", "comment")
_ALIASES = {
    "msisdn": "msisdn",
    "номер": "msisdn",
    "phone": "msisdn",
    "телефон": "msisdn",
    "employee_name": "employee_name",
    "name": "employee_name",
    "фио": "employee_name",
    "сотрудник": "employee_name",
    "email": "email",
    "e-mail": "email",
    "почта": "email",
    "position": "position",
    "должность": "position",
    "comment": "comment",
    "комментарий": "comment",
}


@dataclass(frozen=True)
class ImportResult:
    created: int
    account_number: str


async def import_subscribers(
    db: Db, *, company_id: int, account_number: str, text: str
) -> ImportResult:
    """Add the numbers of a CSV file (header: msisdn, employee_name, email, position, comment;
    `,` or `;`) to an account. All or nothing: any bad line and nothing is added."""
    account = await db.scalar(select(Account).where(Account.number == account_number.strip()))
    if account is None:
        raise NotFound("admin-no-account", number=account_number)
    if account.company_id != company_id:
        raise ValidationFailed("admin-account-other-company", number=account_number)
    errors: list[LineError] = []
    table = read_table(
        text,
        _ALIASES,
        COLUMNS,
        ("msisdn",),
        errors,
        empty_example="msisdn;employee_name;email;position;comment",
    )
    rows = _subscriber_rows(table, errors)
    if rows:
        await _taken_numbers(db, rows, errors)
    all_or_nothing(errors, rows)
    for _line, row in rows:
        db.add(
            Subscriber(
                company_id=company_id,
                account_id=account.id,
                msisdn=row["msisdn"],
                employee_name=row.get("employee_name", ""),
                email=row.get("email") or None,
                position=row.get("position") or None,
                comment=row.get("comment", ""),
                status=SubscriberStatus.ACTIVE,
            )
        )
    await db.flush()
    await record(
        db,
        "admin.subscribers_import",
        "account",
        account.id,
        company_id,
        details={"created": len(rows)},
    )
    return ImportResult(created=len(rows), account_number=account.number)


def _subscriber_rows(table: list[Row], errors: list[LineError]) -> list[Row]:
    """The lines whose number and e-mail parse, each number once; the others as errors."""
    seen: dict[str, int] = {}
    rows: list[Row] = []
    for line, row in table:
        try:
            row["msisdn"] = parse_phone(row["msisdn"], mobile_only=True)
        except ValidationFailed as err:
            errors.append(LineError(line, "msisdn", err.key, {"value": row["msisdn"]}))
            continue
        if row["msisdn"] in seen:
            errors.append(
                LineError(line, "msisdn", "admin-csv-duplicate", {"other": seen[row["msisdn"]]})
            )
            continue
        seen[row["msisdn"]] = line
        if row.get("email"):
            try:
                row["email"] = parse_email(row["email"])
            except ValidationFailed as err:
                errors.append(LineError(line, "email", err.key, {"value": row["email"]}))
                continue
        for col, limit in (("employee_name", 200), ("position", 120), ("comment", 500)):
            if len(row.get(col, "")) > limit:
                errors.append(LineError(line, col, "admin-csv-too-long", {"max": limit}))
        rows.append((line, row))
    return rows


async def _taken_numbers(db: Db, rows: list[Row], errors: list[LineError]) -> None:
    """A number already in the cabinet (any company's) is an error on its line."""
    taken = set(
        await db.scalars(
            select(Subscriber.msisdn).where(Subscriber.msisdn.in_([r["msisdn"] for _, r in rows]))
        )
    )
    for line, row in rows:
        if row["msisdn"] in taken:
            errors.append(LineError(line, "msisdn", "admin-csv-taken", {"value": row["msisdn"]}))


# ---------------------------------------------------------------------------------------------
# The company's reserve of SIM cards (what «Замена SIM» takes from)

_SIM_ALIASES = {
    "icc": "icc",
    "iccid": "icc",
    "номер sim": "icc",
    "sim": "icc",
    "puk1": "puk1",
    "puk": "puk1",
    "пук": "puk1",
}


async def import_reserve_sims(db: Db, *, company_id: int, text: str) -> int:
    """Blank SIM cards handed to the company: icc (19–20 digits, Luhn), optional puk1 (kept as a
    hash). All or nothing; an ICC already known (to any company) is refused."""
    if await db.get(Company, company_id) is None:
        raise NotFound("admin-no-company", company_id=company_id)
    errors: list[LineError] = []
    table = read_table(
        text, _SIM_ALIASES, ("icc", "puk1"), ("icc",), errors, empty_example="icc;puk1"
    )
    seen: dict[str, int] = {}
    rows: list[tuple[int, str, str]] = []
    for line, row in table:
        try:
            icc = parse_icc(row["icc"])
        except ValidationFailed as err:
            errors.append(LineError(line, "icc", err.key, dict(err.params)))
            continue
        puk = row.get("puk1", "")
        if puk:
            try:
                puk = parse_puk(puk)
            except ValidationFailed as err:
                errors.append(LineError(line, "puk1", err.key, dict(err.params)))
                continue
        if icc in seen:
            errors.append(LineError(line, "icc", "admin-csv-duplicate", {"other": seen[icc]}))
            continue
        seen[icc] = line
        rows.append((line, icc, puk))
    known = set(await db.scalars(select(SimCard.icc).where(SimCard.icc.in_(seen))))
    errors += [LineError(seen[icc], "icc", "admin-csv-sim-known", {"value": icc}) for icc in known]
    all_or_nothing(errors, rows)
    for _line, icc, puk in rows:
        db.add(
            SimCard(
                company_id=company_id,
                icc=icc,
                puk1_hash=await hash_password_async(puk) if puk else None,
                status=SimStatus.RESERVE,
            )
        )
    await db.flush()
    await record(
        db, "admin.sims_import", "company", company_id, company_id, details={"created": len(rows)}
    )
    return len(rows)


# ---------------------------------------------------------------------------------------------
# Cabinet users: first password, block


@dataclass(frozen=True)
class PasswordIssued:
    user_id: int
    login: str
    phone_masked: str
    created_user: bool


async def _new_user(
    db: Db, brand: Brand, login: str, role: Role | None, phone: str | None
) -> CabinetUser:
    if role is None:
        raise NotFound("admin-no-user", login=login)
    if brand is Brand.MEGAFON:
        sub = await db.scalar(select(Subscriber).where(Subscriber.msisdn == login))
        if sub is None:
            raise NotFound("admin-no-subscriber", login=login)
        user = CabinetUser(
            company_id=sub.company_id,
            brand=brand,
            login=login,
            phone=phone or login,
            email=sub.email,
            full_name=sub.employee_name,
            role=role,
            subscriber_id=sub.id if role in (Role.NUMBER_MANAGER, Role.VIEWER) else None,
        )
        account_id = sub.account_id
    else:
        account = await db.scalar(
            select(Account).where(Account.number == login, Account.brand == Brand.YOTA)
        )
        if account is None:
            raise NotFound("admin-no-account", number=login)
        if phone is None:
            raise ValidationFailed("admin-user-no-phone", login=login)
        if role in (Role.NUMBER_MANAGER, Role.VIEWER):
            raise ValidationFailed("admin-yota-role", role=role.value)
        user = CabinetUser(
            company_id=account.company_id, brand=brand, login=login, phone=phone, role=role
        )
        account_id = account.id
    db.add(user)
    await db.flush()
    if role in (Role.COORDINATOR, Role.ASSISTANT):
        db.add(UserAccountAccess(user_id=user.id, account_id=account_id))
    return user


async def issue_password(
    db: Db,
    *,
    login: str,
    brand: Brand,
    role: Role | None = None,
    phone: str | None = None,
) -> PasswordIssued:
    """The `*990*00#` of the bot: a password by SMS to the login's phone.

    A login that has no cabinet user yet gets one when `role` is given: MegaFon from the
    company's number, Yota from its account (then `phone` says where SMS go).
    """
    clean = parse_phone(login) if brand is Brand.MEGAFON else parse_account_number(login)
    clean_phone = parse_phone(phone, mobile_only=True) if phone else None
    user = await db.scalar(
        select(CabinetUser).where(CabinetUser.brand == brand, CabinetUser.login == clean)
    )
    created = user is None
    if user is None:
        user = await _new_user(db, brand, clean, role, clean_phone)
    elif clean_phone:
        user.phone = clean_phone
    if user.is_blocked:
        raise ValidationFailed("admin-user-is-blocked", login=clean)
    await send_new_password(db, user)
    await _user_record(db, "admin.password_issue", user, {"created": created})
    await db.flush()
    return PasswordIssued(user.id, user.login, mask_phone(user.phone or ""), created)


@dataclass(frozen=True)
class UserRef:
    """A cabinet user as the back-office names it."""

    id: int
    login: str
    brand: Brand
    is_blocked: bool


def _ref(user: CabinetUser) -> UserRef:
    return UserRef(user.id, user.login, user.brand, user.is_blocked)


async def _find_login(db: Db, login: str, brand: Brand | None = None) -> CabinetUser:
    """A cabinet user by login as typed: a phone in any form, or an account number."""
    candidates: set[str] = {login.strip()}
    try:
        candidates.add(parse_phone(login))
    except ValidationFailed:
        pass
    stmt = select(CabinetUser).where(CabinetUser.login.in_(candidates))
    if brand is not None:
        stmt = stmt.where(CabinetUser.brand == brand)
    users = list(await db.scalars(stmt))
    if not users:
        raise NotFound("admin-no-user", login=login)
    if len(users) > 1:
        raise Conflict("admin-login-ambiguous", login=login)
    return users[0]


async def block_user(db: Db, login: str, brand: Brand | None = None) -> UserRef:
    """Block a cabinet user: every session ends at once, no login works until unblocked."""
    user = await _find_login(db, login, brand)
    user.is_blocked = True
    ended = await end_user_sessions(db, user.id, "blocked")
    await _user_record(db, "admin.user_block", user, {"sessions_ended": ended})
    return _ref(user)


async def unblock_user(db: Db, login: str, brand: Brand | None = None) -> UserRef:
    user = await _find_login(db, login, brand)
    user.is_blocked = False
    user.locked_until = None
    await _user_record(db, "admin.user_unblock", user)
    return _ref(user)


# ---------------------------------------------------------------------------------------------
# Outbox


@dataclass(frozen=True)
class OutboxItem:
    id: int
    created_at: datetime
    channel: Channel
    recipient: str
    status: str
    key: str
    params: dict[str, Any]
    subject_key: str | None


async def list_outbox(
    db: Db, *, channel: Channel | None = None, limit: int = 50
) -> list[OutboxItem]:
    """The newest messages first (SMS and e-mail unless a channel is named)."""
    stmt = select(Outbox).order_by(Outbox.id.desc()).limit(limit)
    if channel is not None:
        stmt = stmt.where(Outbox.channel == channel)
    else:
        stmt = stmt.where(Outbox.channel.in_((Channel.SMS, Channel.EMAIL)))
    result = []
    for row in await db.scalars(stmt):
        payload = wipe_secrets(row.payload)  # codes and passwords are never shown
        result.append(
            OutboxItem(
                id=row.id,
                created_at=clock.as_utc(row.created_at),
                channel=row.channel,
                recipient=row.recipient,
                status=row.status.value,
                key=str(payload.get("key", row.text)),
                params=dict(payload.get("params", {})),
                subject_key=payload.get("subject_key"),
            )
        )
    return result
