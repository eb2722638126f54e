"""Cashback, document delivery and low-balance alerts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.accounts.alerts import alert_setting, check_low_balances, set_alert_threshold
from domain.accounts.cashback import cashback_history, cashback_overview, spend_cashback
from domain.accounts.delivery import delivery_setting, set_delivery_method
from domain.accounts.payments import OpType, PaymentFilter, list_operations
from domain.auth import login as auth
from domain.auth.command_menu import MENU_KEY
from domain.errors import AccessDenied, Conflict, ValidationFailed
from domain.types import CashbackKind, DeliveryMethod, PaymentType, Role
from storage.models import Account, AuditLog, CashbackTransaction, Outbox, Payment
from tests.accounts_data import (
    assistant,
    coordinator,
    make_user,
    principal_of,
    small_world,
    viewer,
)

# --- cashback ---------------------------------------------------------------------------------


async def test_spend_cashback_moves_money_and_is_listed(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    a1 = w.accounts[0]
    a1.cashback_kop = 700_00
    session.add(CashbackTransaction(account_id=a1.id, amount_kop=700_00, kind=CashbackKind.ACCRUAL))
    await session.flush()
    overview = await cashback_overview(session, coordinator(w))
    assert overview[0].number == a1.number and overview[0].cashback_kop == 700_00

    res = await spend_cashback(session, coordinator(w), a1.id, 250_50)
    assert res.cashback_kop == 449_50
    assert res.balance_kop == 1_234_56 + 250_50
    acc = await session.get(Account, a1.id)
    await session.refresh(acc)
    assert acc.cashback_kop == 449_50 and acc.balance_kop == 1_485_06
    pay = await session.get(Payment, res.payment_id)
    assert pay.type is PaymentType.CASHBACK and pay.amount_kop == 250_50
    listed = await list_operations(
        session, coordinator(w), PaymentFilter(types=frozenset({OpType.CASHBACK}))
    )
    assert [o.amount_kop for o in listed.items] == [250_50]

    hist = await cashback_history(session, coordinator(w), a1.id)
    assert [(e.kind, e.amount_kop) for e in hist.items] == [
        (CashbackKind.SPEND, 250_50),
        (CashbackKind.ACCRUAL, 700_00),
    ]
    assert hist.cashback_kop == 449_50
    audit = (await session.scalars(select(AuditLog.action))).all()
    assert "cashback_spend" in audit


async def test_cannot_spend_more_than_there_is(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    a1 = w.accounts[0]
    a1.cashback_kop = 100_00
    await session.flush()
    with pytest.raises(Conflict) as err:
        await spend_cashback(session, coordinator(w), a1.id, 100_01)
    assert err.value.key == "acc-err-cashback-not-enough"
    assert "100,00" in err.value.params["available"]
    with pytest.raises(ValidationFailed):
        await spend_cashback(session, coordinator(w), a1.id, 0)
    await spend_cashback(session, coordinator(w), a1.id, 100_00)
    # A second tap on the same confirmation finds nothing left.
    with pytest.raises(Conflict):
        await spend_cashback(session, coordinator(w), a1.id, 100_00)
    assert len((await session.scalars(select(Payment))).all()) == 1


async def test_cashback_spend_needs_the_level_and_reach(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    w.accounts[0].cashback_kop = 100_00
    w.other_account.cashback_kop = 100_00
    await session.flush()
    # Assistants may look but not spend (the access matrix).
    assert await cashback_history(session, assistant(w), w.accounts[0].id)
    with pytest.raises(AccessDenied):
        await spend_cashback(session, assistant(w), w.accounts[0].id, 1_00)
    with pytest.raises(AccessDenied):
        await spend_cashback(session, coordinator(w), w.other_account.id, 1_00)
    with pytest.raises(AccessDenied):
        await cashback_history(session, coordinator(w), w.other_account.id)
    with pytest.raises(AccessDenied):
        await cashback_overview(session, viewer(w))
    other = await session.get(Account, w.other_account.id)
    assert other.cashback_kop == 100_00


# --- delivery ---------------------------------------------------------------------------------


async def test_delivery_method_is_remembered_per_account(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    a1, a2, _ = w.accounts
    s = await delivery_setting(session, coordinator(w), a1.id)
    assert s.method is DeliveryMethod.EMAIL and s.email and s.email.endswith("@example.org")
    s = await set_delivery_method(session, coordinator(w), a1.id, DeliveryMethod.EDO)
    assert s.method is DeliveryMethod.EDO
    assert (await delivery_setting(session, coordinator(w), a2.id)).method is DeliveryMethod.EMAIL
    acc = await session.get(Account, a1.id)
    assert acc.delivery_method is DeliveryMethod.EDO
    with pytest.raises(AccessDenied):
        await set_delivery_method(session, assistant(w), a2.id, DeliveryMethod.EDO)
    with pytest.raises(AccessDenied):
        await set_delivery_method(session, coordinator(w), w.other_account.id, DeliveryMethod.EDO)


# --- alerts -----------------------------------------------------------------------------------


async def _logged_in(session, user, tg: int) -> None:  # type: ignore[no-untyped-def]
    await auth.open_session(session, user.id, tg, tg)


async def _pushes(session) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    # Pushes, not the command menus the logins set.
    rows = (
        await session.scalars(select(Outbox).where(Outbox.text != MENU_KEY).order_by(Outbox.id))
    ).all()
    return [(r.recipient, r.payload["params"]["account"]) for r in rows]


async def test_low_balance_pushes_once_then_again_after_recovery(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    a1, a2, a3 = w.accounts
    coord = w.users[Role.COORDINATOR]
    asst = w.users[Role.ASSISTANT]  # sees a1 only
    union = await make_user(session, w.company, Role.UNION_COORDINATOR)
    blocked = await make_user(session, w.company, Role.COORDINATOR)
    blocked.is_blocked = True
    stranger = await make_user(session, w.other_company, Role.COORDINATOR)
    for user, tg in ((coord, 1001), (asst, 1002), (union, 1003), (blocked, 1004), (stranger, 1005)):
        await _logged_in(session, user, tg)
    viewer_user = w.users[Role.VIEWER]
    await _logged_in(session, viewer_user, 1006)
    await session.flush()

    # a3 is already under its 100 ₽ threshold (50 ₽): the coordinator and the union
    # coordinator hear of it; the assistant (a1 only), the viewer, the blocked user and the
    # other company do not.
    assert await check_low_balances(session) == 2
    assert sorted(await _pushes(session)) == [("1001", a3.number), ("1003", a3.number)]
    # Still below: no second push.
    assert await check_low_balances(session) == 0

    # Recovers, then falls again: one more push.
    acc3 = await session.get(Account, a3.id)
    acc3.balance_kop = 100_00
    assert await check_low_balances(session) == 0
    assert acc3.low_balance_alerted is False
    acc3.balance_kop = 99_99
    assert await check_low_balances(session) == 2
    assert len(await _pushes(session)) == 4

    # The assistant hears about its own account.
    await set_alert_threshold(session, coordinator(w), a1.id, 2_000_00)
    assert await check_low_balances(session) == 3
    last = (await session.scalars(select(Outbox).order_by(Outbox.id.desc()).limit(1))).one()
    assert last.payload["key"] == "acc-alert-low-balance"
    assert "1\u202f234,56" in last.payload["params"]["balance"]
    assert "2\u202f000,00" in last.payload["params"]["threshold"]
    assert {r for r, _ in await _pushes(session)} >= {"1002"}
    assert a2.low_balance_threshold_kop is None


async def test_switching_the_alert_off_and_on(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    a3 = w.accounts[2]
    await _logged_in(session, w.users[Role.COORDINATOR], 2001)
    assert await check_low_balances(session) == 1
    off = await set_alert_threshold(session, coordinator(w), a3.id, None)
    assert off.threshold_kop is None and not off.below
    assert await check_low_balances(session) == 0
    on = await set_alert_threshold(session, coordinator(w), a3.id, 60_00)
    assert on.below
    # A new threshold arms the alert afresh.
    assert await check_low_balances(session) == 1
    s = await alert_setting(session, assistant(w), w.accounts[0].id)
    assert s.threshold_kop is None


async def test_alert_settings_need_the_level_and_reach(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    with pytest.raises(ValidationFailed) as err:
        await set_alert_threshold(session, coordinator(w), w.accounts[0].id, 0)
    assert err.value.key == "acc-err-threshold-range"
    with pytest.raises(AccessDenied):
        await set_alert_threshold(session, assistant(w), w.accounts[1].id, 100_00)
    with pytest.raises(AccessDenied):
        await set_alert_threshold(session, coordinator(w), w.other_account.id, 100_00)
    with pytest.raises(AccessDenied):
        await alert_setting(session, viewer(w), w.accounts[0].id)
    # An assistant of its own account may set it (MANAGE_ALERTS).
    p = principal_of(w.users[Role.ASSISTANT], w.company, frozenset({w.accounts[0].id}))
    s = await set_alert_threshold(session, p, w.accounts[0].id, 5_000_00)
    assert s.threshold_kop == 5_000_00 and s.below
