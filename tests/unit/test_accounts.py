from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from domain.accounts.balance import account_card, quick_balance
from domain.errors import AccessDenied, NotFound
from domain.types import AuditResult, Brand, ChargeCategory, Role
from storage.models import AuditLog
from tests.accounts_data import (
    add_charge,
    assistant,
    at,
    coordinator,
    make_account,
    make_company,
    make_user,
    principal_of,
    small_world,
    viewer,
)


async def test_quick_balance_lists_the_accounts_in_reach(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    page = await quick_balance(session, coordinator(w))
    assert [(a.number, a.balance_kop) for a in page.items] == [
        ("500100000001", 1_234_56),
        ("500100000002", -5_000_00),
        ("700100000003", 50_00),
    ]
    assert page.total == 3 and page.pages == 1
    yota = page.items[2]
    assert yota.brand is Brand.YOTA and yota.below_threshold
    assert page.below_count == 1
    assert page.items[1].credit_limit_kop == 10_000_00
    own = await quick_balance(session, assistant(w))
    assert [a.number for a in own.items] == ["500100000001"]


async def test_quick_balance_pages_fifty_accounts(session) -> None:  # type: ignore[no-untyped-def]
    company = await make_company(session)
    for i in range(50):
        await make_account(session, company, f"5002{i:08d}", balance_kop=i * 100)
    user = await make_user(session, company, Role.UNION_COORDINATOR)
    p = principal_of(user, company)
    first = await quick_balance(session, p, 0, 10)
    assert first.pages == 5 and first.total == 50 and len(first.items) == 10
    last = await quick_balance(session, p, 4, 10)
    assert [a.number for a in last.items][-1] == "500200000049"
    # A page number beyond the end (a stale button) shows the last page.
    assert (await quick_balance(session, p, 17, 10)).page == 4
    assert (await quick_balance(session, p, -3, 10)).page == 0


async def test_number_managers_and_viewers_see_no_accounts(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    with pytest.raises(AccessDenied):
        await quick_balance(session, viewer(w))
    with pytest.raises(AccessDenied):
        await account_card(session, viewer(w), w.accounts[0].id)
    denied = await session.scalar(
        select(func.count(AuditLog.id)).where(AuditLog.result == AuditResult.DENIED)
    )
    assert denied == 2


async def test_account_card(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    a1 = w.accounts[0]
    a1.prev_balance_kop = 7_000_00
    await add_charge(session, a1, at(2026, 9, 2), 100_00, ChargeCategory.CALLS)
    await add_charge(session, a1, at(2026, 9, 3), 250_50, ChargeCategory.INTERNET)
    await add_charge(session, a1, at(2026, 9, 4), 50_00, ChargeCategory.CALLS)
    await add_charge(session, a1, at(2026, 8, 31, 20, 59), 999_00, ChargeCategory.ROAMING)  # Aug
    await add_charge(session, a1, at(2026, 8, 31, 21, 0), 1_00, ChargeCategory.SMS)  # 1.09 MSK
    await session.flush()
    card = await account_card(session, coordinator(w), a1.id, today=date(2026, 9, 15))
    assert card.company_name == "ООО «Ромашка»"
    assert card.manager is not None and card.manager.name == "Иванова Мария Петровна"
    assert card.balance_kop == 1_234_56 and card.prev_balance_kop == 7_000_00
    assert card.period_start == date(2026, 9, 1) and card.period_end == date(2026, 9, 30)
    assert card.charges == [
        (ChargeCategory.INTERNET, 250_50),
        (ChargeCategory.CALLS, 150_00),
        (ChargeCategory.SMS, 1_00),
    ]
    assert card.charges_total_kop == 401_50
    assert card.subscribers == 1
    assert card.credit_limit_kop is None


async def test_card_without_a_manager(session) -> None:  # type: ignore[no-untyped-def]
    company = await make_company(session, manager=False)
    acc = await make_account(session, company)
    user = await make_user(session, company, Role.COORDINATOR)
    card = await account_card(session, principal_of(user, company), acc.id)
    assert card.manager is None


async def test_card_of_another_account_is_refused(session) -> None:  # type: ignore[no-untyped-def]
    w = await small_world(session)
    with pytest.raises(AccessDenied):
        await account_card(session, coordinator(w), w.other_account.id)
    with pytest.raises(AccessDenied):
        await account_card(session, assistant(w), w.accounts[1].id)
    with pytest.raises((AccessDenied, NotFound)):
        await account_card(session, coordinator(w), 987654)
