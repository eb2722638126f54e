"""Subscribers' domain: ICC and PUK checks, the limit's steps, forwarding priority, the
network's rules for SIMs and forwarding, scope checks, search and labels in bulk, demo data."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from stdnum import luhn

from domain.access.checks import Permission
from domain.errors import AccessDenied, ValidationFailed
from domain.orders.network import numbers as network_numbers
from domain.subscribers import labels, limits
from domain.subscribers.numbers import (
    ListFilter,
    checked_subscribers,
    effective_rules,
    list_subscribers,
    remove_subscribers,
)
from domain.subscribers.sim import parse_icc, parse_puk
from domain.types import (
    AuditResult,
    ForwardingType,
    OrderKind,
    SimStatus,
    SubscriberStatus,
)
from storage.demo import create_demo
from storage.models import (
    AuditLog,
    Company,
    Forwarding,
    Label,
    Order,
    OrderItem,
    SimCard,
    Subscriber,
    SubscriberLabel,
)
from tests.accounts_data import (
    World,
    assistant,
    coordinator,
    make_subscriber,
    small_world,
    viewer,
)


def icc(body: str) -> str:
    return body + luhn.calc_check_digit(body)


def test_icc_checks_say_which_rule_failed() -> None:
    good19 = icc("897010200000000011")
    good20 = icc("8970102000000000112")
    assert parse_icc(good19) == good19
    assert parse_icc(f" {good20[:4]} {good20[4:]} ") == good20
    bad_digit = good19[:-1] + str((int(good19[-1]) + 1) % 10)
    for raw, key in (
        ("8970-abc", "sub-err-icc-digits"),
        ("897010200000000", "sub-err-icc-length"),
        (good19 + "12", "sub-err-icc-length"),
        (bad_digit, "sub-err-icc-luhn"),
    ):
        with pytest.raises(ValidationFailed) as err:
            parse_icc(raw)
        assert err.value.key == key, raw
    assert parse_puk("1234 5678") == "12345678"
    with pytest.raises(ValidationFailed):
        parse_puk("1234567")


@pytest.mark.parametrize(
    ("spent", "limit", "step"),
    [
        (0, 1000, 0),
        (799, 1000, 0),
        (800, 1000, 80),
        (999, 1000, 80),
        (1000, 1000, 100),
        (5000, 1000, 100),
        (10, None, 0),
    ],
)
def test_limit_steps(spent: int, limit: int | None, step: int) -> None:
    assert limits.share_step(spent, limit) == step


def test_unconditional_forwarding_suspends_the_others() -> None:
    rules = [
        Forwarding(
            id=1, subscriber_id=1, type=ForwardingType.BUSY, target_msisdn="+1", is_active=True
        ),
        Forwarding(
            id=2,
            subscriber_id=1,
            type=ForwardingType.UNCONDITIONAL,
            target_msisdn="+2",
            is_active=True,
        ),
    ]
    shown = effective_rules(rules)
    assert [(r.type, r.suspended) for r in shown] == [
        (ForwardingType.UNCONDITIONAL, False),
        (ForwardingType.BUSY, True),
    ]
    assert [r.suspended for r in effective_rules(rules[:1])] == [False]


async def world(session: AsyncSession) -> World:
    w = await small_world(session)
    await session.commit()
    return w


async def test_scope_refuses_other_companies_and_narrow_levels_with_an_audit(
    session: AsyncSession,
) -> None:
    w = await world(session)
    foreign = await make_subscriber(session, w.other_account, "Чужой")
    outside = await make_subscriber(session, w.accounts[1], "Другой счёт")
    await session.commit()
    own = w.subscribers[0]
    got = await checked_subscribers(
        session, coordinator(w), [own.id, outside.id], Permission.VIEW_SUBSCRIBERS, "t"
    )
    assert [s.id for s in got] == sorted([own.id, outside.id])
    for principal, ids, reason in (
        (coordinator(w), [own.id, foreign.id], "other_company"),
        (assistant(w), [outside.id], "scope"),
        (viewer(w), [outside.id], "scope"),
    ):
        with pytest.raises(AccessDenied):
            await checked_subscribers(session, principal, ids, Permission.VIEW_SUBSCRIBERS, "t")
        row = await session.scalar(select(AuditLog).order_by(AuditLog.id.desc()).limit(1))
        assert row is not None and row.result is AuditResult.DENIED
        assert row.details["reason"] == reason
    with pytest.raises(AccessDenied):
        await remove_subscribers(session, viewer(w), [own.id])  # the own number, but no right


async def test_search_ignores_case_of_cyrillic_names_and_finds_labels(
    session: AsyncSession,
) -> None:
    w = await world(session)
    sub = await make_subscriber(session, w.accounts[0], "Жукова Елена")
    await session.commit()
    for query in ("жукова", "ЖУКОВА", "Жук", sub.msisdn[5:9]):
        page = await list_subscribers(session, coordinator(w), ListFilter(query=query), 0)
        assert sub.id in [r.id for r in page.items], query
    await labels.add_label(session, coordinator(w), [sub.id], "Склад-2")
    page = await list_subscribers(session, coordinator(w), ListFilter(query="склад"), 0)
    assert [r.id for r in page.items] == [sub.id]


async def test_a_label_on_many_numbers_is_created_once_and_added_once(
    session: AsyncSession,
) -> None:
    w = await world(session)
    subs = [await make_subscriber(session, w.accounts[0]) for _ in range(30)]
    await session.commit()
    ids = [s.id for s in subs]
    label_id, n = await labels.add_label(session, coordinator(w), ids[:10], "VIP")
    assert n == 10
    again, n = await labels.add_label(session, coordinator(w), ids, " vip ")
    assert again == label_id and n == 20
    count = await session.scalar(
        select(func.count())
        .select_from(SubscriberLabel)
        .where(SubscriberLabel.label_id == label_id)
    )
    assert count == 30
    assert await session.scalar(select(func.count()).select_from(Label)) == 1
    page = await list_subscribers(session, coordinator(w), ListFilter(label_id=label_id), 2)
    assert page.total == 30 and page.pages == 3 and len(page.items) == 10


async def _order(
    session: AsyncSession, w: World, kind: OrderKind, sub: Subscriber, **params: str
) -> tuple[Order, OrderItem]:
    order = Order(
        company_id=w.company.id, kind=kind, params=params, effective_date=date(2026, 3, 1)
    )
    session.add(order)
    await session.flush()
    item = OrderItem(order_id=order.id, subscriber_id=sub.id, params={})
    session.add(item)
    await session.flush()
    return order, item


async def test_network_sim_rules_and_repeats(session: AsyncSession) -> None:
    w = await world(session)
    sub = w.subscribers[0]
    other = await make_subscriber(session, w.accounts[0])
    free, used, theirs = (
        icc("897010200000000011"),
        icc("897010200000000022"),
        icc("897010200000000033"),
    )
    old = icc("897010200000000044")
    session.add_all(
        [
            SimCard(company_id=w.company.id, icc=free, status=SimStatus.RESERVE),
            SimCard(
                company_id=w.company.id, icc=used, status=SimStatus.IN_USE, subscriber_id=other.id
            ),
            SimCard(company_id=w.other_company.id, icc=theirs, status=SimStatus.RESERVE),
            SimCard(
                company_id=w.company.id, icc=old, status=SimStatus.IN_USE, subscriber_id=sub.id
            ),
        ]
    )
    await session.flush()
    for value, reason in (
        (used, "network-reason-sim-in-use"),
        (theirs, "network-reason-sim-not-reserve"),
    ):
        order, item = await _order(session, w, OrderKind.REPLACE_SIM, sub, icc=value)
        assert await network_numbers.replace_sim(session, order, item) == reason
    order, item = await _order(session, w, OrderKind.REPLACE_SIM, sub, icc=free)
    assert await network_numbers.replace_sim(session, order, item) is None
    assert await network_numbers.replace_sim(session, order, item) is None  # again: done
    sims = {s.icc: s for s in await session.scalars(select(SimCard))}
    assert sims[free].status is SimStatus.IN_USE and sims[free].subscriber_id == sub.id
    assert sims[old].status is SimStatus.RETIRED
    # A blocked number cannot get forwarding; a number cannot forward to itself.
    order, item = await _order(
        session, w, OrderKind.FORWARDING, sub, action="add", type="busy", target=sub.msisdn
    )
    assert await network_numbers.forwarding(session, order, item) == "network-reason-forward-self"
    sub.status = SubscriberStatus.BLOCKED
    order, item = await _order(
        session, w, OrderKind.FORWARDING, sub, action="add", type="busy", target="+74951234567"
    )
    assert await network_numbers.forwarding(session, order, item) == "network-reason-blocked"


async def test_limit_check_pushes_each_step_once_and_rearms(session: AsyncSession) -> None:
    w = await world(session)
    sub = w.subscribers[0]
    await limits.set_limit(session, coordinator(w), sub.id, 1000_00, blocks=True)
    sub.month_spent_kop = 900_00
    # The coordinator is logged in nowhere: pushes count chats, so none; the step is kept.
    assert await limits.check_limits(session) == 0
    assert sub.limit_alert_percent == 80 and not sub.outgoing_barred
    sub.month_spent_kop = 1000_00
    await limits.check_limits(session)
    assert sub.limit_alert_percent == 100 and sub.outgoing_barred
    sub.month_spent_kop = 0  # a new month
    await limits.check_limits(session)
    assert sub.limit_alert_percent == 0 and not sub.outgoing_barred


async def test_demo_shows_forwarding_block_reasons_and_reserve_sims(
    session_maker: async_sessionmaker[AsyncSession],
) -> None:
    await create_demo(session_maker, lambda p: "x" + p, today=date(2026, 3, 2))
    async with session_maker() as db:
        north = await db.scalar(select(Company.id).where(Company.name.like("%Северный ветер%")))
        rules = list(
            await db.scalars(
                select(Forwarding)
                .join(Subscriber, Subscriber.id == Forwarding.subscriber_id)
                .where(Subscriber.company_id == north)
            )
        )
        assert {r.type for r in rules} == set(ForwardingType)
        blocked = list(
            await db.scalars(
                select(Subscriber).where(
                    Subscriber.company_id == north, Subscriber.status == SubscriberStatus.BLOCKED
                )
            )
        )
        assert blocked and all(s.block_reason for s in blocked)
        reserve = await db.scalar(
            select(func.count())
            .select_from(SimCard)
            .where(SimCard.company_id == north, SimCard.status == SimStatus.RESERVE)
        )
        assert reserve and reserve > 0
