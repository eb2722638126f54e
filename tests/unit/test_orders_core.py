"""The orders core: placing an order once, executing it once at its date, one push per order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.access.checks import Principal
from domain.auth.command_menu import MENU_KEY
from domain.auth.login import open_session
from domain.clock import today_local, utcnow
from domain.orders import placing as orders
from domain.orders.network import simulated_executors
from domain.orders.network import tariffs as network
from domain.orders.placing import ItemSpec, execute_due_orders, place_order, remind_upcoming_orders
from domain.types import (
    Brand,
    Channel,
    OrderItemStatus,
    OrderKind,
    OrderStatus,
    SubscriberStatus,
)
from storage.models import (
    AuditLog,
    Order,
    OrderItem,
    Outbox,
    Service,
    Subscriber,
    SubscriberService,
    Tariff,
)
from tests.accounts_data import World, coordinator, make_subscriber, small_world

CHAT = 777_001


@dataclass
class Setup:
    world: World
    boss: Principal
    old: Tariff
    new: Tariff
    subs: list[Subscriber]
    # Plain values, readable after the session expired the objects.
    ids: list[int]
    msisdns: list[str]
    emails: list[str]
    old_id: int
    new_id: int


async def setup(db: AsyncSession) -> Setup:
    w = await small_world(db)
    old = Tariff(code="base", name="Базовый", brand=Brand.MEGAFON, monthly_fee_kop=300_00)
    new = Tariff(code="biz", name="Бизнес & Ко", brand=Brand.MEGAFON, monthly_fee_kop=700_00)
    db.add_all([old, new])
    await db.flush()
    subs = [await make_subscriber(db, w.accounts[0]) for _ in range(3)]
    for s in subs:
        s.tariff_id = old.id
        s.email = f"{s.msisdn[1:]}@example.org"
    boss = coordinator(w)
    await open_session(db, boss.user_id, CHAT, CHAT)
    await db.commit()
    return Setup(
        w,
        boss,
        old,
        new,
        subs,
        [x.id for x in subs],
        [x.msisdn for x in subs],
        [x.email or "" for x in subs],
        old.id,
        new.id,
    )


async def tariff_order(
    db: AsyncSession,
    s: Setup,
    subs: list[int],
    *,
    key: str = "k1",
    when: date | None = None,
    notify: Channel | None = None,
) -> orders.OrderRef:
    ref = await place_order(
        db,
        s.boss,
        kind=OrderKind.CHANGE_TARIFF,
        items=[ItemSpec(subscriber_id=x) for x in subs],
        request_key=key,
        params={"tariff_id": s.new_id, "tariff_name": "Бизнес & Ко"},
        effective_date=when,
        notify_channel=notify,
    )
    await db.commit()
    return ref


async def pushes(db: AsyncSession) -> list[Outbox]:
    return list(
        await db.scalars(
            select(Outbox)
            .where(Outbox.channel == Channel.TELEGRAM, Outbox.text != MENU_KEY)
            .order_by(Outbox.id)
        )
    )


async def test_apply_pressed_twice_places_one_order(session: AsyncSession) -> None:
    s = await setup(session)
    first = await tariff_order(session, s, s.ids)
    again = await tariff_order(session, s, s.ids)
    assert first.created and not again.created
    assert again.id == first.id and again.items == 3
    assert await session.scalar(select(func.count()).select_from(Order)) == 1
    assert await session.scalar(select(func.count()).select_from(OrderItem)) == 3
    actions = list(await session.scalars(select(AuditLog.action)))
    assert actions.count("order.change_tariff") == 1


async def test_a_due_order_runs_once_with_one_push_and_the_promised_sms(
    session: AsyncSession,
) -> None:
    s = await setup(session)
    blocked = s.subs[2]
    blocked.status = SubscriberStatus.BLOCKED
    await session.commit()
    ref = await tariff_order(session, s, s.ids, notify=Channel.SMS)
    assert ref.status is OrderStatus.NEW

    assert await execute_due_orders(session) == 1
    assert await execute_due_orders(session) == 0  # nothing runs twice

    session.expire_all()
    order = await session.get(Order, ref.id)
    assert order is not None and order.status is OrderStatus.PARTIAL
    items = list(await session.scalars(select(OrderItem).order_by(OrderItem.id)))
    assert [(i.status, i.reason) for i in items] == [
        (OrderItemStatus.DONE, None),
        (OrderItemStatus.DONE, None),
        (OrderItemStatus.FAILED, "network-reason-blocked"),
    ]
    tariffs = list(
        await session.scalars(
            select(Subscriber.tariff_id).where(Subscriber.id.in_(s.ids)).order_by(Subscriber.id)
        )
    )
    assert tariffs == [s.new_id, s.new_id, s.old_id]

    [push] = await pushes(session)
    assert push.recipient == str(CHAT)
    assert push.payload["key"] == "orders-push-finished"
    assert push.payload["card"] == {"type": "order", "id": ref.id}
    assert push.payload["params"]["status"] == "partial"
    assert push.payload["params"]["done"] == 2 and push.payload["params"]["failed"] == 1
    # A push is HTML: the tariff's name is escaped.
    assert push.payload["params"]["tariff_name"] == "Бизнес &amp; Ко"

    sms = list(await session.scalars(select(Outbox).where(Outbox.channel == Channel.SMS)))
    assert sorted(m.recipient for m in sms) == sorted(s.msisdns[:2])
    assert all(m.payload["params"]["tariff_name"] == "Бизнес & Ко" for m in sms)


async def test_all_done_is_completed_and_all_refused_is_failed(session: AsyncSession) -> None:
    s = await setup(session)
    ok = await tariff_order(session, s, s.ids[:2], key="ok", notify=Channel.EMAIL)
    for x in s.subs[2:]:
        x.status = SubscriberStatus.BLOCKED
    await session.commit()
    bad = await tariff_order(session, s, s.ids[2:], key="bad")
    await execute_due_orders(session)
    session.expire_all()
    assert (await session.get(Order, ok.id)).status is OrderStatus.COMPLETED  # type: ignore[union-attr]
    assert (await session.get(Order, bad.id)).status is OrderStatus.FAILED  # type: ignore[union-attr]
    assert len(await pushes(session)) == 2
    mails = list(await session.scalars(select(Outbox).where(Outbox.channel == Channel.EMAIL)))
    assert sorted(m.recipient for m in mails) == sorted(s.emails[:2])


async def test_a_scheduled_order_waits_for_its_date_and_runs_after_a_downtime(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = await setup(session)
    tomorrow = today_local() + timedelta(days=1)
    ref = await tariff_order(session, s, s.ids, when=tomorrow)
    assert ref.status is OrderStatus.SCHEDULED
    assert await execute_due_orders(session) == 0

    # The bot was down on the day itself; it starts the day after.
    monkeypatch.setattr(orders, "today_local", lambda: tomorrow + timedelta(days=1))
    assert await execute_due_orders(session) == 1
    session.expire_all()
    assert (await session.get(Order, ref.id)).status is OrderStatus.COMPLETED  # type: ignore[union-attr]


async def test_kinds_without_an_executor_are_left_to_their_own_job(session: AsyncSession) -> None:
    s = await setup(session)
    ref = await place_order(
        session,
        s.boss,
        kind=OrderKind.DOCUMENTS,
        items=[ItemSpec(account_id=s.world.accounts[0].id)],
        request_key="docs",
    )
    await session.commit()
    assert await execute_due_orders(session) == 0
    session.expire_all()
    assert (await session.get(Order, ref.id)).status is OrderStatus.NEW  # type: ignore[union-attr]


async def test_an_order_another_instance_holds_is_not_taken_but_a_stale_claim_is(
    session: AsyncSession,
) -> None:
    s = await setup(session)
    ref = await tariff_order(session, s, s.ids)
    await session.execute(
        update(Order)
        .where(Order.id == ref.id)
        .values(status=OrderStatus.IN_PROGRESS, claimed_by="other", claimed_at=utcnow())
    )
    await session.commit()
    assert await execute_due_orders(session) == 0

    # The other instance died mid-way; its claim goes stale and the order runs here, once.
    await session.execute(
        update(Order)
        .where(Order.id == ref.id)
        .values(claimed_at=utcnow() - orders.CLAIM_STALE - timedelta(seconds=1))
    )
    await session.commit()
    assert await execute_due_orders(session) == 1
    session.expire_all()
    assert (await session.get(Order, ref.id)).status is OrderStatus.COMPLETED  # type: ignore[union-attr]
    assert len(await pushes(session)) == 1


async def test_a_broken_network_fails_the_order_and_keeps_nothing_of_it(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = await setup(session)
    calls = 0

    async def half_then_crash(db: AsyncSession, order: Order, item: OrderItem) -> str | None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("network down")
        return await network.change_tariff(db, order, item)

    orders.install_network({**simulated_executors(), OrderKind.CHANGE_TARIFF: half_then_crash})
    ref = await tariff_order(session, s, s.ids)
    assert await execute_due_orders(session) == 1
    session.expire_all()
    assert (await session.get(Order, ref.id)).status is OrderStatus.FAILED  # type: ignore[union-attr]
    reasons = set(await session.scalars(select(OrderItem.reason)))
    assert reasons == {"network-reason-internal"}
    # The first number's change was rolled back with the rest.
    tariff = await session.scalar(select(Subscriber.tariff_id).where(Subscriber.id == s.ids[0]))
    assert tariff == s.old_id
    assert len(await pushes(session)) == 1


async def test_services_on_and_off_follow_the_network_rules(session: AsyncSession) -> None:
    s = await setup(session)
    roaming = Service(code="roam", name="Роуминг", brand=Brand.MEGAFON, incompatible_tariffs="biz")
    session.add(roaming)
    await session.flush()
    s.subs[1].tariff_id = s.new_id  # the service cannot be used with "biz"
    roaming_id = roaming.id
    await session.commit()
    on = await place_order(
        session,
        s.boss,
        kind=OrderKind.SERVICE_ON,
        items=[ItemSpec(subscriber_id=x) for x in s.ids[:2]],
        request_key="on",
        params={"service_id": roaming_id, "service_name": "Роуминг"},
    )
    await session.commit()
    await execute_due_orders(session)
    session.expire_all()
    items = list(
        await session.scalars(
            select(OrderItem).where(OrderItem.order_id == on.id).order_by(OrderItem.id)
        )
    )
    assert [i.reason for i in items] == [None, "network-reason-tariff-conflict"]
    connected = list(await session.scalars(select(SubscriberService.subscriber_id)))
    assert connected == [s.ids[0]]

    # A change to "biz" is now refused for the number with the roaming service on.
    change = await tariff_order(session, s, [s.ids[0]], key="to-biz")
    off = await place_order(
        session,
        s.boss,
        kind=OrderKind.SERVICE_OFF,
        items=[ItemSpec(subscriber_id=s.ids[0])],
        request_key="off",
        params={"service_id": roaming_id, "service_name": "Роуминг"},
        effective_date=today_local() + timedelta(days=5),
    )
    await session.commit()
    await execute_due_orders(session)
    session.expire_all()
    reason = await session.scalar(select(OrderItem.reason).where(OrderItem.order_id == change.id))
    assert reason == "network-reason-service-conflict"
    assert (await session.get(Order, off.id)).status is OrderStatus.SCHEDULED  # type: ignore[union-attr]


async def test_the_day_before_the_creator_is_reminded_once(session: AsyncSession) -> None:
    s = await setup(session)
    ref = await tariff_order(session, s, s.ids, when=today_local() + timedelta(days=1))
    later = await tariff_order(session, s, s.ids, key="later", when=today_local() + timedelta(3))
    assert await remind_upcoming_orders(session) == 1
    await session.commit()
    assert await remind_upcoming_orders(session) == 0
    [push] = await pushes(session)
    assert push.payload["key"] == "orders-push-reminder"
    assert push.payload["params"]["id"] == ref.id and push.payload["params"]["n"] == 3
    assert push.payload["card"] == {"type": "order", "id": ref.id}
    assert later.id != ref.id


async def test_two_sessions_racing_on_one_key_make_one_order(
    session_maker: async_sessionmaker[AsyncSession],
) -> None:
    async with session_maker() as db:
        s = await setup(db)
    async with session_maker() as a, session_maker() as b:
        ra = await tariff_order(a, s, s.ids, key="race")
        rb = await tariff_order(b, s, s.ids, key="race")
    assert ra.id == rb.id and ra.created != rb.created
