"""Two small companies with users of every level, for the access tests (unit and dialogs).

"Северный ветер" (company A) has two MegaFon accounts and a Yota account; "Южный берег"
(company B) has one MegaFon account. Every cabinet user's password is `PASSWORD`.

Its fixtures are in `tests/access_fixtures.py` (a pytest plugin).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from domain import clock
from domain.auth import passwords
from domain.db import Db
from domain.types import AccountType, AuditResult, Brand, Role
from storage.models import (
    Account,
    AuditLog,
    CabinetUser,
    Company,
    Subscriber,
    UserAccountAccess,
)

if TYPE_CHECKING:
    from tests.harness import BotTester, ChatUser

PASSWORD = "Veter-2026-okno"
# What a user sees when a button or an id reaches beyond the user's level or company.
DENIED = "⛔ Недостаточно прав для этого действия."


@contextmanager
def fast_passwords() -> Iterator[None]:
    """Cheap argon2 parameters, so that tests that hash many times stay quick."""
    passwords.use_parameters(1, 1024, 1)
    try:
        yield
    finally:
        passwords.reset_parameters()


class FakeClock:
    """`domain.clock.utcnow` that moves only when told."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> datetime:
        self.now += timedelta(**kwargs)
        return self.now


def use_fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(clock, "utcnow", fake)
    return fake


@dataclass
class World:
    company_a: int = 0
    company_b: int = 0
    # accounts by name: a1, a2 (MegaFon, company A), ay (Yota, company A), b1 (company B)
    accounts: dict[str, int] = field(default_factory=dict)
    account_numbers: dict[str, str] = field(default_factory=dict)
    # subscribers by name: a1_1, a1_2, a1_3, a2_1, a2_2, ay_1, b1_1
    subscribers: dict[str, int] = field(default_factory=dict)
    msisdn: dict[str, str] = field(default_factory=dict)
    # cabinet users by name: union, coord (account a1), assistant (a2), manager (own number
    # a1_3), viewer (own number a2_2), yota (Yota coordinator of ay), b_coord (company B)
    users: dict[str, int] = field(default_factory=dict)
    logins: dict[str, str] = field(default_factory=dict)


async def build_world(db: Db, *, password_hash: str | None = None) -> World:
    w = World()
    pw_hash = password_hash or passwords.hash_password(PASSWORD)
    a = Company(name="ООО «Северный ветер»", inn="7707083893", kpp="770701001")
    b = Company(name="АО «Южный берег»", inn="7736050003", kpp="773601001")
    db.add_all([a, b])
    await db.flush()
    w.company_a, w.company_b = a.id, b.id
    for name, company, number, brand in (
        ("a1", a.id, "500100200300", Brand.MEGAFON),
        ("a2", a.id, "500100200301", Brand.MEGAFON),
        ("ay", a.id, "400900800700", Brand.YOTA),
        ("b1", b.id, "500777000111", Brand.MEGAFON),
    ):
        acc = Account(
            company_id=company,
            number=number,
            brand=brand,
            type=AccountType.POSTPAID,
            balance_kop=100_000,
        )
        db.add(acc)
        await db.flush()
        w.accounts[name] = acc.id
        w.account_numbers[name] = number
    for name, acc_name, msisdn, person in (
        ("a1_1", "a1", "+79161234567", "Иванов Иван Иванович"),
        ("a1_2", "a1", "+79161234568", "Петрова Анна Сергеевна"),
        ("a1_3", "a1", "+79161230001", "Орлов Денис Андреевич"),
        ("a2_1", "a2", "+79261112233", "Сидоров Пётр Олегович"),
        ("a2_2", "a2", "+79161230002", "Лебедева Ольга Юрьевна"),
        ("ay_1", "ay", "+79991234567", "Кузнецова Мария Ивановна"),
        ("b1_1", "b1", "+79035556677", "Смирнов Олег Павлович"),
    ):
        company = w.company_b if acc_name == "b1" else w.company_a
        sub = Subscriber(
            company_id=company,
            account_id=w.accounts[acc_name],
            msisdn=msisdn,
            employee_name=person,
        )
        db.add(sub)
        await db.flush()
        w.subscribers[name] = sub.id
        w.msisdn[name] = msisdn
    for name, company, brand, login, phone, role, sub_name, acc_names in (
        ("union", a.id, Brand.MEGAFON, "+79161234567", None, Role.UNION_COORDINATOR, None, ()),
        ("coord", a.id, Brand.MEGAFON, "+79161234568", None, Role.COORDINATOR, None, ("a1",)),
        ("assistant", a.id, Brand.MEGAFON, "+79261112233", None, Role.ASSISTANT, None, ("a2",)),
        ("manager", a.id, Brand.MEGAFON, "+79161230001", None, Role.NUMBER_MANAGER, "a1_3", ()),
        ("viewer", a.id, Brand.MEGAFON, "+79161230002", None, Role.VIEWER, "a2_2", ()),
        ("yota", a.id, Brand.YOTA, "400900800700", "+79991234567", Role.COORDINATOR, None, ("ay",)),
        ("b_coord", b.id, Brand.MEGAFON, "+79035556677", None, Role.COORDINATOR, None, ("b1",)),
    ):
        user = CabinetUser(
            company_id=company,
            brand=brand,
            login=login,
            phone=phone or login,
            email=f"{name}@example.org",
            full_name=name,
            role=role,
            subscriber_id=w.subscribers[sub_name] if sub_name else None,
            password_hash=pw_hash,
        )
        db.add(user)
        await db.flush()
        for acc_name in acc_names:
            db.add(UserAccountAccess(user_id=user.id, account_id=w.accounts[acc_name]))
        w.users[name] = user.id
        w.logins[name] = login
    await db.flush()
    return w


async def logged_in(tester: BotTester, world: World, name: str, tg: int) -> ChatUser:
    """A chat user `tg` with a session of the cabinet user `name`, main menu shown."""
    await tester.login(tg, world.users[name])
    user = await tester.user(tg)
    await user.send("/menu")
    return user


async def denials(tester: BotTester) -> list[AuditLog]:
    """The refusals the audit log holds, oldest first."""
    async with tester.session_maker() as db:
        return list(
            await db.scalars(
                select(AuditLog).where(AuditLog.result == AuditResult.DENIED).order_by(AuditLog.id)
            )
        )


async def at_login(tester: BotTester, tg: int, brand_button: str = "Войти: МегаФон") -> ChatUser:
    """A chat user `tg` who sent /start and chose how to log in: the first question is shown."""
    user = await tester.user(tg)
    await user.send("/start")
    await user.press(brand_button)
    return user
