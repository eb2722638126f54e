"""Small, explicit data for the accounts-and-money tests: companies, accounts, users, money."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from domain.access.checks import Principal
from domain.db import Db
from domain.types import AccountType, Brand, ChargeCategory, PaymentType, Role
from storage.models import (
    Account,
    CabinetUser,
    Charge,
    Company,
    Payment,
    Subscriber,
    UserAccountAccess,
    VatRate,
)

_seq = itertools.count(1)


def _next() -> int:
    return next(_seq)


@dataclass
class World:
    company: Company
    other_company: Company
    accounts: list[Account]
    other_account: Account
    users: dict[Role, CabinetUser] = field(default_factory=dict)
    subscribers: list[Subscriber] = field(default_factory=list)


async def make_company(db: Db, name: str = "ООО «Ромашка»", *, manager: bool = True) -> Company:
    n = _next()
    company = Company(
        name=name,
        inn=f"77{n:08d}",
        kpp="770101001",
        ogrn=f"1027700{n:06d}",
        legal_address="123456, г. Москва, ул. Тверская, д. 1",
        email=f"buh{n}@example.org",
        manager_name="Иванова Мария Петровна" if manager else None,
        manager_phone="+79161234567" if manager else None,
        manager_email="m.ivanova@megafon.example" if manager else None,
    )
    db.add(company)
    await db.flush()
    return company


async def make_account(
    db: Db,
    company: Company,
    number: str | None = None,
    *,
    brand: Brand = Brand.MEGAFON,
    type_: AccountType = AccountType.POSTPAID,
    balance_kop: int = 0,
    prev_balance_kop: int = 0,
    credit_limit_kop: int | None = None,
    threshold_kop: int | None = None,
    cashback_kop: int = 0,
) -> Account:
    acc = Account(
        company_id=company.id,
        number=number or f"5{_next():011d}",
        brand=brand,
        type=type_,
        balance_kop=balance_kop,
        prev_balance_kop=prev_balance_kop,
        credit_limit_kop=credit_limit_kop,
        low_balance_threshold_kop=threshold_kop,
        cashback_kop=cashback_kop,
    )
    db.add(acc)
    await db.flush()
    return acc


async def make_user(
    db: Db,
    company: Company,
    role: Role,
    *,
    accounts: list[Account] | None = None,
    subscriber: Subscriber | None = None,
    brand: Brand = Brand.MEGAFON,
) -> CabinetUser:
    n = _next()
    user = CabinetUser(
        company_id=company.id,
        brand=brand,
        login=f"+7916{n:07d}",
        phone=f"+7916{n:07d}",
        full_name=f"Пользователь {n}",
        role=role,
        subscriber_id=subscriber.id if subscriber else None,
    )
    db.add(user)
    await db.flush()
    for acc in accounts or ():
        db.add(UserAccountAccess(user_id=user.id, account_id=acc.id))
    await db.flush()
    return user


async def make_subscriber(db: Db, account: Account, name: str = "") -> Subscriber:
    n = _next()
    sub = Subscriber(
        company_id=account.company_id,
        account_id=account.id,
        msisdn=f"+7925{n:07d}",
        employee_name=name or f"Сотрудник {n}",
    )
    db.add(sub)
    await db.flush()
    return sub


def principal_of(
    user: CabinetUser, company: Company, account_ids: frozenset[int] | None = None
) -> Principal:
    return Principal(
        user_id=user.id,
        session_id=0,
        company_id=company.id,
        company_name=company.name,
        role=user.role,
        brand=user.brand,
        login=user.login,
        account_ids=account_ids,
        subscriber_id=user.subscriber_id,
    )


def at(y: int, m: int, d: int, hh: int = 12, mm: int = 0) -> datetime:
    """A UTC instant."""
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


async def add_payment(
    db: Db,
    account: Account,
    when: datetime,
    amount_kop: int,
    type_: PaymentType = PaymentType.BANK_TRANSFER,
    doc: str = "",
) -> Payment:
    p = Payment(
        account_id=account.id,
        paid_at=when,
        amount_kop=amount_kop,
        type=type_,
        document_number=doc or f"ПП-{_next()}",
        description="Оплата услуг связи",
    )
    db.add(p)
    return p


async def add_charge(
    db: Db,
    account: Account,
    when: datetime,
    amount_kop: int,
    category: ChargeCategory = ChargeCategory.INTERNET,
    subscriber: Subscriber | None = None,
) -> Charge:
    c = Charge(
        account_id=account.id,
        subscriber_id=subscriber.id if subscriber else None,
        charged_at=when,
        amount_kop=amount_kop,
        category=category,
        description=f"Начисление: {category.value}",
    )
    db.add(c)
    return c


async def add_vat_rates(db: Db) -> None:
    db.add(VatRate(valid_from=date(2019, 1, 1), percent=20))
    db.add(VatRate(valid_from=date(2026, 1, 1), percent=22))
    await db.flush()


async def small_world(db: Db) -> World:
    """Two companies; ours has three accounts (two MegaFon postpaid, one Yota prepaid)."""
    company = await make_company(db)
    other = await make_company(db, "АО «Чужая»")
    a1 = await make_account(db, company, "500100000001", balance_kop=1_234_56)
    a2 = await make_account(
        db, company, "500100000002", balance_kop=-5_000_00, credit_limit_kop=10_000_00
    )
    a3 = await make_account(
        db,
        company,
        "700100000003",
        brand=Brand.YOTA,
        type_=AccountType.PREPAID,
        balance_kop=50_00,
        threshold_kop=100_00,
    )
    foreign = await make_account(db, other, "500900000009", balance_kop=999_00)
    world = World(company, other, [a1, a2, a3], foreign)
    world.users[Role.COORDINATOR] = await make_user(db, company, Role.COORDINATOR)
    world.users[Role.ASSISTANT] = await make_user(db, company, Role.ASSISTANT, accounts=[a1])
    sub = await make_subscriber(db, a1, "Петров Пётр")
    world.subscribers.append(sub)
    world.users[Role.VIEWER] = await make_user(db, company, Role.VIEWER, subscriber=sub)
    await db.flush()
    return world


def coordinator(world: World) -> Principal:
    return principal_of(world.users[Role.COORDINATOR], world.company)


def assistant(world: World) -> Principal:
    return principal_of(
        world.users[Role.ASSISTANT], world.company, frozenset({world.accounts[0].id})
    )


def viewer(world: World) -> Principal:
    return principal_of(world.users[Role.VIEWER], world.company)


# --- the demo companies, for dialog tests ------------------------------------------------------

NORTH_UNION = "+79261110001"
NORTH_COORD = "+79261110002"  # works with 300115473002 only
NORTH_ASSISTANT = "+79261110003"  # works with 300115473001 only
NORTH_VIEWER = "+79261110005"
VOLGA_COORD = "+79202220001"


async def demo_user_id(session_maker, login: str) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    async with session_maker() as db:
        user_id = await db.scalar(select(CabinetUser.id).where(CabinetUser.login == login))
    assert user_id is not None, login
    return int(user_id)


async def demo_account(session_maker, number: str) -> Account:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    async with session_maker() as db:
        acc = await db.scalar(select(Account).where(Account.number == number))
    assert acc is not None, number
    return acc


async def demo_chat(tester, login: str, telegram_id: int):  # type: ignore[no-untyped-def]
    """The demo loaded, `login` logged in from Telegram user `telegram_id`: its chat."""
    await tester.load_demo()
    await tester.login(telegram_id, await demo_user_id(tester.session_maker, login))
    return await tester.user(telegram_id)
