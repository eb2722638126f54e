"""The demo companies: promised counts, valid identities, consistent money, isolation."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import phonenumbers
import pytest
import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from stdnum import luhn
from stdnum.ru import inn as ru_inn
from stdnum.ru import ogrn as ru_ogrn

from domain.auth.passwords import check_policy
from domain.types import (
    AccountType,
    Brand,
    CashbackKind,
    ChargeCategory,
    OrderStatus,
    PaymentType,
    Role,
    SimStatus,
    SubscriberStatus,
)
from storage.demo import (
    MSK,
    DemoInfo,
    add_months,
    create_demo,
    create_large,
    demo_exists,
    demo_info,
)
from storage.models import (
    Account,
    CabinetUser,
    CashbackTransaction,
    Charge,
    Company,
    Group,
    Label,
    Order,
    Payment,
    Service,
    SimCard,
    Subscriber,
    SubscriberLabel,
    SubscriberService,
    Tariff,
    UserAccountAccess,
    VatRate,
)

TODAY = date(2026, 3, 18)
SM = async_sessionmaker[AsyncSession]


def fake_hash(password: str) -> str:
    return "h:" + password


@pytest.fixture
async def demo(session_maker: SM) -> DemoInfo:
    return await create_demo(session_maker, fake_hash, today=TODAY)


async def _all(session_maker: SM, model: Any, *where: Any) -> list[Any]:
    async with session_maker() as s:
        return list((await s.scalars(select(model).where(*where))).all())


async def _count(session_maker: SM, model: Any) -> int:
    async with session_maker() as s:
        return int(await s.scalar(select(func.count()).select_from(model)) or 0)


def _msk_month(dt: datetime) -> tuple[int, int]:
    local = dt.astimezone(MSK)
    return (local.year, local.month)


# --------------------------------------------------------------------------- counts


async def test_main_company_has_the_promised_shape(session_maker: SM, demo: DemoInfo) -> None:
    assert demo.created
    assert demo.company_id is not None and demo.second_company_id is not None
    subs = await _all(session_maker, Subscriber, Subscriber.company_id == demo.company_id)
    assert len(subs) == 60
    accounts = await _all(session_maker, Account, Account.company_id == demo.company_id)
    megafon = [a for a in accounts if a.brand is Brand.MEGAFON]
    yota = [a for a in accounts if a.brand is Brand.YOTA]
    assert len(megafon) == 3 and all(a.type is AccountType.POSTPAID for a in megafon)
    assert sum(a.credit_limit_kop is not None for a in megafon) == 1
    assert 1 <= len(yota) <= 2 and all(a.number.isdigit() for a in yota)
    assert sum(s.status is SubscriberStatus.BLOCKED for s in subs) >= 2
    assert sum(s.spending_limit_kop is not None for s in subs) >= 5
    assert all(s.employee_name.count(" ") == 2 for s in subs)  # Фамилия Имя Отчество
    assert all(s.position for s in subs)
    groups = await _all(session_maker, Group, Group.company_id == demo.company_id)
    assert {"Продажи", "Бухгалтерия", "Склад"} <= {g.name for g in groups}
    assert all(g.icon and g.color for g in groups)
    labels = await _all(session_maker, Label, Label.company_id == demo.company_id)
    assert {"VIP", "Командировка", "Служебный"} <= {lb.name for lb in labels}
    assert sum(s.group_id is not None for s in subs) >= 30


async def test_company_requisites_are_valid(session_maker: SM, demo: DemoInfo) -> None:
    companies = await _all(session_maker, Company)
    assert len(companies) == 2
    assert len({c.inn for c in companies}) == 2
    for c in companies:
        assert len(c.inn) == 10 and ru_inn.is_valid(c.inn)
        assert c.ogrn is not None and len(c.ogrn) == 13 and ru_ogrn.is_valid(c.ogrn)
        assert c.kpp is not None and len(c.kpp) == 9 and c.kpp.isdigit()
        assert c.kpp[:4] == c.inn[:4]  # registered with the same tax office
        assert c.manager_name and c.manager_phone and c.manager_email
    main = next(c for c in companies if c.id == demo.company_id)
    assert "Северный ветер" in main.name
    assert "г. Москва" in main.legal_address


async def test_numbers_are_unique_valid_russian_mobiles(session_maker: SM, demo: DemoInfo) -> None:
    subs = await _all(session_maker, Subscriber)
    numbers = [s.msisdn for s in subs]
    assert len(numbers) == len(set(numbers))
    for n in numbers:
        parsed = phonenumbers.parse(n)
        assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == n
        assert phonenumbers.is_valid_number(parsed) and n.startswith("+79")


async def test_sim_cards(session_maker: SM, demo: DemoInfo) -> None:
    sims = await _all(session_maker, SimCard)
    assert len({s.icc for s in sims}) == len(sims)
    for sim in sims:
        assert len(sim.icc) == 19 and sim.icc.startswith("8970102") and luhn.is_valid(sim.icc)
    main = [s for s in sims if s.company_id == demo.company_id]
    reserve = [s for s in main if s.status is SimStatus.RESERVE]
    assert len(reserve) >= 10 and all(s.subscriber_id is None for s in reserve)
    in_use = [s for s in main if s.status is SimStatus.IN_USE]
    subs = await _all(session_maker, Subscriber, Subscriber.company_id == demo.company_id)
    assert sorted(s.subscriber_id for s in in_use) == sorted(s.id for s in subs)
    assert {s.icc for s in reserve} == {
        d.icc for d in demo.reserve_sims if d.company == demo.company_name
    }


# --------------------------------------------------------------------------- users


async def test_users_of_every_role_with_known_passwords(session_maker: SM, demo: DemoInfo) -> None:
    users = await _all(session_maker, CabinetUser, CabinetUser.company_id == demo.company_id)
    assert {u.role for u in users} == set(Role)
    subs = {
        s.id: s
        for s in await _all(session_maker, Subscriber, Subscriber.company_id == demo.company_id)
    }
    accounts = {
        a.id: a for a in await _all(session_maker, Account, Account.company_id == demo.company_id)
    }
    numbers = {s.msisdn for s in subs.values()}
    by_login = {(d.brand, d.login): d for d in demo.logins}
    for u in users:
        d = by_login[(u.brand, u.login)]
        assert u.password_hash == fake_hash(d.password)
        assert d.role is u.role and d.full_name == u.full_name and d.company == demo.company_name
        check_policy(d.password, u.login)  # the bot's own password rules accept it
        assert u.email and "@" in u.email
        assert u.phone in numbers  # SMS codes go to a number of the company
        if u.brand is Brand.MEGAFON:
            assert u.login in numbers
        else:
            yota_numbers = {a.number for a in accounts.values() if a.brand is Brand.YOTA}
            assert u.login in yota_numbers
        if u.role in (Role.NUMBER_MANAGER, Role.VIEWER):
            assert u.subscriber_id in subs and subs[u.subscriber_id].msisdn == u.login
        else:
            assert u.subscriber_id is None
    assert any(u.brand is Brand.YOTA for u in users)


async def test_coordinator_sees_one_account(session_maker: SM, demo: DemoInfo) -> None:
    users = await _all(session_maker, CabinetUser, CabinetUser.company_id == demo.company_id)
    access = await _all(session_maker, UserAccountAccess)
    grants: dict[int, list[int]] = defaultdict(list)
    for a in access:
        grants[a.user_id].append(a.account_id)
    coordinator = next(u for u in users if u.role is Role.COORDINATOR and u.brand is Brand.MEGAFON)
    assert len(grants[coordinator.id]) == 1
    union = next(u for u in users if u.role is Role.UNION_COORDINATOR)
    assert grants[union.id] == []  # the whole company


async def test_demo_info_without_database_matches(demo: DemoInfo) -> None:
    plan = demo_info()
    assert plan.logins == demo.logins
    assert plan.reserve_sims == demo.reserve_sims
    assert plan.company_id is None


# --------------------------------------------------------------------------- money


async def test_twelve_months_of_payments(session_maker: SM, demo: DemoInfo) -> None:
    accounts = await _all(session_maker, Account, Account.company_id == demo.company_id)
    payments = await _all(session_maker, Payment)
    wanted = {(m.year, m.month) for m in (add_months(TODAY, -k) for k in range(1, 13))}
    for acc in accounts:
        months = {_msk_month(p.paid_at) for p in payments if p.account_id == acc.id}
        assert len(months) >= 12, acc.number
        if acc.number != "300115473002":  # the account in debt skipped one month
            assert wanted <= months, acc.number
    kinds = {p.type for p in payments}
    assert {PaymentType.BANK_TRANSFER, PaymentType.CARD, PaymentType.CASHBACK} <= kinds
    transfers = [p for p in payments if p.type is PaymentType.BANK_TRANSFER]
    assert all(p.document_number.isdigit() for p in transfers)
    start_of_tomorrow = datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=MSK) + timedelta(1)
    assert all(p.paid_at < start_of_tomorrow for p in payments)
    start_of_today = datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=MSK)
    assert all(p.paid_at < start_of_today for p in payments)  # nothing paid in the future


async def test_charges_by_category_each_month(session_maker: SM, demo: DemoInfo) -> None:
    charges = await _all(session_maker, Charge)
    assert {c.category for c in charges} == set(ChargeCategory)
    subs = await _all(session_maker, Subscriber)
    per_sub: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for c in charges:
        assert c.subscriber_id is not None and c.amount_kop > 0
        per_sub[c.subscriber_id].add(_msk_month(c.charged_at))
    months = {(m.year, m.month) for m in (add_months(TODAY, -k) for k in range(13))}
    for s in subs:
        assert per_sub[s.id] == months  # 12 full months and the current one
    start_of_today = datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=MSK)
    assert all(c.charged_at < start_of_today for c in charges)


async def test_balances_follow_payments_minus_charges(session_maker: SM, demo: DemoInfo) -> None:
    await _assert_money_invariants(session_maker, TODAY)
    spends = await _all(
        session_maker, CashbackTransaction, CashbackTransaction.kind == CashbackKind.SPEND
    )
    assert spends, "cashback was spent at least once"


@pytest.mark.parametrize("today", [date(2026, 1, 1), date(2025, 12, 31), date(2024, 2, 29)])
async def test_money_invariants_on_edge_days(session_maker: SM, today: date) -> None:
    await create_demo(session_maker, fake_hash, today=today)
    await _assert_money_invariants(session_maker, today)
    tomorrow = datetime(today.year, today.month, today.day, tzinfo=MSK) + timedelta(days=1)
    assert all(c.charged_at < tomorrow for c in await _all(session_maker, Charge))
    assert all(p.paid_at < tomorrow for p in await _all(session_maker, Payment))


async def _assert_money_invariants(session_maker: SM, today: date) -> None:
    month_start = datetime(today.year, today.month, 1, tzinfo=MSK)
    async with session_maker() as s:
        for acc in (await s.scalars(select(Account))).all():
            paid = [p for p in await s.scalars(select(Payment).where(Payment.account_id == acc.id))]
            charged = [
                c for c in await s.scalars(select(Charge).where(Charge.account_id == acc.id))
            ]
            assert acc.balance_kop == sum(p.amount_kop for p in paid) - sum(
                c.amount_kop for c in charged
            )
            assert acc.prev_balance_kop == sum(
                p.amount_kop for p in paid if p.paid_at < month_start
            ) - sum(c.amount_kop for c in charged if c.charged_at < month_start)
            cashback = await s.scalars(
                select(CashbackTransaction).where(CashbackTransaction.account_id == acc.id)
            )
            assert acc.cashback_kop == sum(
                t.amount_kop if t.kind is CashbackKind.ACCRUAL else -t.amount_kop for t in cashback
            )
            if acc.credit_limit_kop is not None:
                assert -acc.credit_limit_kop < acc.balance_kop < 0
            if acc.type is AccountType.PREPAID:
                assert acc.balance_kop > 0
        for sub in (await s.scalars(select(Subscriber))).all():
            spent = await s.scalar(
                select(func.coalesce(func.sum(Charge.amount_kop), 0)).where(
                    Charge.subscriber_id == sub.id, Charge.charged_at >= month_start
                )
            )
            assert sub.month_spent_kop == spent
            assert sub.limit_alerted == (
                sub.spending_limit_kop is not None and spent >= sub.spending_limit_kop
            )


# --------------------------------------------------------------------------- catalogue


async def test_catalogue_and_compatibility(session_maker: SM, demo: DemoInfo) -> None:
    tariffs = {t.id: t for t in await _all(session_maker, Tariff)}
    services = {s.id: s for s in await _all(session_maker, Service)}
    names = {t.name for t in tariffs.values()}
    assert {"Бизнес Старт", "Бизнес Безлимит", "Корпоративный 1000", "Бизнес без границ"} <= names
    assert {t.brand for t in tariffs.values()} == set(Brand)
    assert {s.brand for s in services.values()} == set(Brand)
    assert {"Роуминг по России", "Определитель номера", "Переадресация вызова"} <= {
        s.name for s in services.values()
    }
    assert any(s.incompatible_tariffs for s in services.values())
    codes = {t.code for t in tariffs.values()}
    for s in services.values():
        for code in filter(None, s.incompatible_tariffs.split(",")):
            assert code in codes
    accounts = {a.id: a for a in await _all(session_maker, Account)}
    subs = {s.id: s for s in await _all(session_maker, Subscriber)}
    for sub in subs.values():
        assert sub.tariff_id is not None
        tariff = tariffs[sub.tariff_id]
        assert tariff.brand is accounts[sub.account_id].brand and tariff.is_active
    links = await _all(session_maker, SubscriberService)
    assert len(links) >= 60
    for link in links:
        tariff = tariffs[subs[link.subscriber_id].tariff_id or 0]
        service = services[link.service_id]
        assert service.brand is tariff.brand
        assert tariff.code not in service.incompatible_tariffs.split(",")


async def test_vat_rates_are_dated(session_maker: SM, demo: DemoInfo) -> None:
    rates = await _all(session_maker, VatRate)
    assert sorted((r.valid_from, r.percent) for r in rates) == [
        (date(2019, 1, 1), 20),
        (date(2026, 1, 1), 22),
    ]


# --------------------------------------------------------------------------- isolation


async def test_second_company_shares_nothing(session_maker: SM, demo: DemoInfo) -> None:
    other = demo.second_company_id
    subs = await _all(session_maker, Subscriber, Subscriber.company_id == other)
    assert 6 <= len(subs) <= 10
    accounts = await _all(session_maker, Account, Account.company_id == other)
    assert len(accounts) == 1 and accounts[0].brand is Brand.MEGAFON
    users = await _all(session_maker, CabinetUser, CabinetUser.company_id == other)
    assert [u.role for u in users] == [Role.COORDINATOR]
    assert any(d.company == demo.second_company_name for d in demo.logins)

    company_of_account = {a.id: a.company_id for a in await _all(session_maker, Account)}
    all_subs = {s.id: s for s in await _all(session_maker, Subscriber)}
    groups = {g.id: g.company_id for g in await _all(session_maker, Group)}
    labels = {lb.id: lb.company_id for lb in await _all(session_maker, Label)}
    users_company = {u.id: u.company_id for u in await _all(session_maker, CabinetUser)}
    for s in all_subs.values():
        assert company_of_account[s.account_id] == s.company_id
        if s.group_id is not None:
            assert groups[s.group_id] == s.company_id
    for link in await _all(session_maker, SubscriberLabel):
        assert labels[link.label_id] == all_subs[link.subscriber_id].company_id
    for sim in await _all(session_maker, SimCard):
        if sim.subscriber_id is not None:
            assert all_subs[sim.subscriber_id].company_id == sim.company_id
    for c in await _all(session_maker, Charge):
        assert c.subscriber_id is not None
        assert company_of_account[c.account_id] == all_subs[c.subscriber_id].company_id
    for grant in await _all(session_maker, UserAccountAccess):
        assert company_of_account[grant.account_id] == users_company[grant.user_id]
    for u in await _all(session_maker, CabinetUser):
        if u.subscriber_id is not None:
            assert all_subs[u.subscriber_id].company_id == u.company_id
    reserve_other = await _all(
        session_maker,
        SimCard,
        SimCard.company_id == other,
        SimCard.status == SimStatus.RESERVE,
    )
    assert reserve_other  # so "replace SIM" with another company's card can be tried


# --------------------------------------------------------------------------- idempotence


async def test_running_twice_does_not_duplicate(session_maker: SM, demo: DemoInfo) -> None:
    before = {m.__name__: await _count(session_maker, m) for m in (Subscriber, Charge, Tariff)}
    assert await demo_exists(session_maker)
    again = await create_demo(session_maker, fake_hash, today=TODAY)
    assert not again.created
    assert again.company_ids == demo.company_ids
    assert again.logins == demo.logins
    after = {m.__name__: await _count(session_maker, m) for m in (Subscriber, Charge, Tariff)}
    assert after == before


async def test_not_there_before(session_maker: SM) -> None:
    assert not await demo_exists(session_maker)


async def test_identities_do_not_depend_on_the_day(session_maker: SM, tmp_path: Any) -> None:
    from storage.db import make_engine, make_sessionmaker
    from storage.models import Base

    await create_demo(session_maker, fake_hash, today=TODAY)
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'other.db'}")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    other = make_sessionmaker(engine)
    try:
        await create_demo(other, fake_hash, today=date(2027, 1, 1))
        first = {(s.msisdn, s.employee_name) for s in await _all(session_maker, Subscriber)}
        second = {(s.msisdn, s.employee_name) for s in await _all(other, Subscriber)}
        assert first == second
        assert {s.icc for s in await _all(session_maker, SimCard)} == {
            s.icc for s in await _all(other, SimCard)
        }
    finally:
        await engine.dispose()


async def _other_db(tmp_path: Any, name: str) -> tuple[Any, SM]:
    from storage.db import make_engine, make_sessionmaker
    from storage.models import Base

    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / name}")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    return engine, make_sessionmaker(engine)


async def _history(session_maker: SM) -> dict[str, set[tuple[Any, ...]]]:
    """The money history as comparable rows (ids of the same demo plan match across databases)."""
    return {
        "charges": {
            (c.subscriber_id, c.charged_at, c.amount_kop, c.category, c.description)
            for c in await _all(session_maker, Charge)
        },
        "payments": {
            (p.account_id, p.paid_at, p.amount_kop, p.type, p.document_number, p.description)
            for p in await _all(session_maker, Payment)
        },
        "cashback": {
            (c.account_id, c.at, c.amount_kop, c.kind)
            for c in await _all(session_maker, CashbackTransaction)
        },
    }


def _in_month(rows: set[tuple[Any, ...]], index: int, month: tuple[int, int]) -> set[Any]:
    return {r for r in rows if _msk_month(r[index]) == month}


async def test_same_seed_and_day_give_the_same_demo(session_maker: SM, tmp_path: Any) -> None:
    await create_demo(session_maker, fake_hash, today=TODAY)
    engine, other = await _other_db(tmp_path, "same.db")
    try:
        await create_demo(other, fake_hash, today=TODAY)
        assert await _history(session_maker) == await _history(other)
        balances = {(a.number, a.balance_kop) for a in await _all(session_maker, Account)}
        assert balances == {(a.number, a.balance_kop) for a in await _all(other, Account)}
    finally:
        await engine.dispose()


async def test_another_seed_gives_another_history(session_maker: SM, tmp_path: Any) -> None:
    await create_demo(session_maker, fake_hash, today=TODAY)
    engine, other = await _other_db(tmp_path, "seed.db")
    try:
        await create_demo(other, fake_hash, today=TODAY, seed=7)
        assert (await _history(session_maker))["charges"] != (await _history(other))["charges"]
    finally:
        await engine.dispose()


async def test_a_past_month_does_not_change_when_today_moves(
    session_maker: SM, tmp_path: Any
) -> None:
    # January 2026 is a full past month both on 18 March and on 9 April.
    await create_demo(session_maker, fake_hash, today=TODAY)
    engine, other = await _other_db(tmp_path, "moved.db")
    try:
        await create_demo(other, fake_hash, today=date(2026, 4, 9))
        first, second = await _history(session_maker), await _history(other)
        january = (2026, 1)
        assert _in_month(first["charges"], 1, january)
        assert _in_month(first["charges"], 1, january) == _in_month(second["charges"], 1, january)
        # Cashback is spent "two months ago", so only that payment moves with today.
        paid = [
            {r for r in _in_month(h["payments"], 1, january) if r[3] is not PaymentType.CASHBACK}
            for h in (first, second)
        ]
        assert paid[0] and paid[0] == paid[1]
    finally:
        await engine.dispose()


# The day (1 December, early in the morning, before the 5th's cashback), the first
# minutes of a month (before the 00:05 fees), the last day of a year, a leap day.
NOW_CASES = ["2026-12-01T08:00", "2027-03-01T00:02", "2026-12-31T23:50", "2028-02-29"]


@pytest.mark.parametrize("pinned", NOW_CASES)
async def test_nothing_in_the_demo_is_dated_after_now(session_maker: SM, pinned: str) -> None:
    from domain import clock
    from storage.models import Base

    clock.pin(pinned)
    await create_demo(session_maker, fake_hash)
    now, today = clock.utcnow(), clock.today_local()
    checked = 0
    late: list[tuple[str, str, object]] = []
    async with session_maker() as s:
        for table in Base.metadata.sorted_tables:
            if table.name == "vat_rates":
                continue  # a rate's start date is the law's, announced ahead
            for column in table.columns:
                kind = getattr(column.type, "impl", column.type)  # UtcDateTime wraps DateTime
                if not isinstance(kind, (sa.DateTime, sa.Date)):
                    continue
                query = select(column).where(column.is_not(None))
                if column is Order.__table__.c.effective_date:
                    # A plan, not history: an order not yet executed takes effect on a coming day.
                    query = query.where(
                        Order.status.not_in((OrderStatus.SCHEDULED, OrderStatus.CANCELLED))
                    )
                for value in (await s.execute(query)).scalars():
                    checked += 1
                    if isinstance(value, datetime):
                        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
                        if aware > now:
                            late.append((table.name, column.name, value))
                    elif value > today:
                        late.append((table.name, column.name, value))
    assert late == [], (now, late[:20])
    assert checked > 2_000
    # The scheduled order of the demo is really ahead (the exemption above is not a blanket one).
    async with session_maker() as s:
        planned = await s.scalar(
            select(Order.effective_date).where(Order.status == OrderStatus.SCHEDULED)
        )
    assert planned is not None and planned > today
    # The cashback accrued on the 5th is not there on the 1st, nor is the month's usage.
    if pinned.startswith("2026-12-01"):
        accruals = await _all(session_maker, CashbackTransaction)
        assert all(c.at.astimezone(MSK).date() < date(2026, 12, 1) for c in accruals)


# --------------------------------------------------------------------------- large


async def test_create_large_inserts_exactly_the_counts(
    session_maker: SM, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The time it reports is the time between its start and its end, whatever the machine:
    # the stopwatch is read exactly twice, and gives 12.5 s then 15.754 s here.
    readings = iter([12.5, 15.754])
    monkeypatch.setattr("storage.demo.time", SimpleNamespace(perf_counter=lambda: next(readings)))
    info = await create_large(
        session_maker, fake_hash, accounts=3, subscribers=200, charges=5000, payments=1000
    )
    cid = info.company_id
    async with session_maker() as s:

        async def count(model: Any, *where: Any) -> int:
            return int(await s.scalar(select(func.count()).select_from(model).where(*where)) or 0)

        assert await count(Account, Account.company_id == cid) == 3
        assert await count(Subscriber, Subscriber.company_id == cid) == 200
        assert await count(Charge) == 5000
        assert await count(Payment) == 1000
        assert await count(SimCard, SimCard.company_id == cid) == info.sim_cards
        assert await count(SimCard, SimCard.status == SimStatus.IN_USE) == 200
        users = (await s.scalars(select(CabinetUser).where(CabinetUser.company_id == cid))).all()
        assert len(users) == 1 and users[0].login == info.login.login
        assert users[0].password_hash == fake_hash(info.login.password)
        for acc in (await s.scalars(select(Account).where(Account.company_id == cid))).all():
            paid = await s.scalar(
                select(func.coalesce(func.sum(Payment.amount_kop), 0)).where(
                    Payment.account_id == acc.id
                )
            )
            charged = await s.scalar(
                select(func.coalesce(func.sum(Charge.amount_kop), 0)).where(
                    Charge.account_id == acc.id
                )
            )
            assert acc.balance_kop == paid - charged
        company = await s.get(Company, cid)
        assert company is not None and ru_inn.is_valid(company.inn)
        assert company.ogrn is not None and ru_ogrn.is_valid(company.ogrn)
        sims = (await s.scalars(select(SimCard.icc).where(SimCard.company_id == cid))).all()
        assert all(luhn.is_valid(icc) and len(icc) == 19 for icc in sims)
    assert info.charges == 5000 and info.payments == 1000 and info.subscribers == 200
    assert info.seconds == 3.25


async def test_large_beside_the_demo_and_same_seed_refused(session_maker: SM) -> None:
    await create_demo(session_maker, fake_hash, today=TODAY)
    await create_large(
        session_maker, fake_hash, accounts=2, subscribers=20, charges=100, payments=10, seed=2
    )
    with pytest.raises(ValueError, match="exists"):
        await create_large(
            session_maker, fake_hash, accounts=2, subscribers=20, charges=100, payments=10, seed=2
        )
    await create_large(
        session_maker, fake_hash, accounts=1, subscribers=10, charges=0, payments=0, seed=3
    )
    assert await _count(session_maker, Company) == 4
