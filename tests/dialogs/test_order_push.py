"""The coordinator gets one push per executed order, with a button to the order's card."""

from __future__ import annotations

from sqlalchemy import delete, select

from domain.orders.placing import ItemSpec, place_order
from domain.types import Brand, OrderKind, SubscriberStatus
from keyboards.orders import OrdAction, OrderCb
from storage.models import (
    Account,
    CabinetUser,
    Company,
    Subscriber,
    SubscriberService,
    Tariff,
)
from tests.accounts_data import NORTH_UNION, demo_chat, principal_of
from tests.harness import BotTester


async def test_an_executed_order_pushes_its_result_with_a_button_to_its_card(
    bot_tester: BotTester,
) -> None:
    user = await demo_chat(bot_tester, NORTH_UNION, 7101)
    await user.send("/start")
    async with bot_tester.session_maker() as db:
        boss = await db.scalar(select(CabinetUser).where(CabinetUser.login == NORTH_UNION))
        assert boss is not None
        company = await db.get(Company, boss.company_id)
        assert company is not None
        subs = list(
            await db.scalars(
                select(Subscriber)
                .join(Account, Account.id == Subscriber.account_id)
                .where(
                    Subscriber.company_id == company.id,
                    Account.brand == Brand.MEGAFON,
                    Subscriber.status == SubscriberStatus.ACTIVE,
                )
                .order_by(Subscriber.id)
                .limit(3)
            )
        )
        tariff = await db.scalar(
            select(Tariff).where(Tariff.brand == Brand.MEGAFON).order_by(Tariff.id).limit(1)
        )
        assert tariff is not None and len(subs) == 3
        # The test's own state, whatever the demo's random services are.
        await db.execute(
            delete(SubscriberService).where(
                SubscriberService.subscriber_id.in_([s.id for s in subs])
            )
        )
        for sub in subs:
            sub.tariff_id = None
        subs[2].status = SubscriberStatus.BLOCKED
        ref = await place_order(
            db,
            principal_of(boss, company),
            kind=OrderKind.CHANGE_TARIFF,
            items=[ItemSpec(subscriber_id=s.id) for s in subs],
            request_key="push-test",
            params={"tariff_id": tariff.id, "tariff_name": tariff.name},
        )
        await db.commit()

    await bot_tester.run_jobs()

    # The order's own push (a reminder of the demo's order due tomorrow may come beside it, on
    # the last day of a month).
    [push] = [m for m in user.bot_messages if f"заказ № {ref.id}" in m.text]
    assert push.text.splitlines() == [
        f"⚠️ Выполнен частично — заказ № {ref.id}",
        "Смена тарифа: выполнено для 2 из 3 номеров, ошибок: 1.",
    ]
    button = f"📋 К заказу № {ref.id}"
    assert push.buttons == [button]
    assert push.callback_data[button] == OrderCb(action=OrdAction.CARD, order_id=ref.id).pack()
    await bot_tester.run_jobs()
    assert [m.text for m in user.bot_messages].count(push.text) == 1
