"""Who sees which orders, what a card shows, and who may cancel a scheduled order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.clock import today_local
from domain.errors import AccessDenied, Conflict
from domain.orders.history import StatusFilter, cancel_order, list_orders, order_card
from domain.orders.placing import ItemSpec, place_order
from domain.types import AuditResult, OrderKind, OrderStatus, Role
from storage.models import AuditLog, Order
from tests.accounts_data import (
    assistant,
    coordinator,
    make_subscriber,
    make_user,
    principal_of,
    small_world,
    viewer,
)


async def test_each_level_sees_the_orders_that_touch_its_reach(session: AsyncSession) -> None:
    w = await small_world(session)
    a2 = w.accounts[1]
    on_a2 = await make_subscriber(session, a2)
    own = w.subscribers[0]  # the viewer's number, on a1
    boss = coordinator(w)
    when = today_local() + timedelta(days=5)
    both = await place_order(
        session,
        boss,
        kind=OrderKind.CHANGE_TARIFF,
        items=[ItemSpec(subscriber_id=own.id), ItemSpec(subscriber_id=on_a2.id)],
        request_key="both",
        effective_date=when,
    )
    only_a2 = await place_order(
        session,
        boss,
        kind=OrderKind.SERVICE_ON,
        items=[ItemSpec(subscriber_id=on_a2.id)],
        request_key="a2",
        effective_date=when,
    )
    await session.commit()

    assert {o.id for o in (await list_orders(session, boss)).items} == {both.id, only_a2.id}
    # The assistant works with a1 only; the viewer sees its own number's orders.
    for p in (assistant(w), viewer(w)):
        assert [o.id for o in (await list_orders(session, p)).items] == [both.id]
        card = await order_card(session, p, both.id)
        assert [line.msisdn for line in card.lines] == [own.msisdn]  # only numbers in reach
        assert not card.can_cancel
        with pytest.raises(AccessDenied):
            await order_card(session, p, only_a2.id)
    filtered = await list_orders(session, boss, status=StatusFilter.OPEN, kind=OrderKind.SERVICE_ON)
    assert [o.id for o in filtered.items] == [only_a2.id]
    assert (await list_orders(session, boss, status=StatusFilter.DONE)).total == 0

    # An assistant may not cancel a coordinator's order; the coordinator may, once.
    with pytest.raises(AccessDenied):
        await cancel_order(session, assistant(w), both.id)
    denied = await session.scalar(
        select(AuditLog).where(
            AuditLog.result == AuditResult.DENIED, AuditLog.object_id == str(both.id)
        )
    )
    assert denied is not None and denied.action == "order.cancel"
    await cancel_order(session, boss, both.id)
    assert (await session.get(Order, both.id)).status is OrderStatus.CANCELLED  # type: ignore[union-attr]
    with pytest.raises(Conflict):
        await cancel_order(session, boss, both.id)

    # Another company's coordinator sees none of it.
    stranger = await make_user(session, w.other_company, Role.COORDINATOR)
    outsider = principal_of(stranger, w.other_company)
    assert (await list_orders(session, outsider)).total == 0
    with pytest.raises(AccessDenied):
        await order_card(session, outsider, only_a2.id)
