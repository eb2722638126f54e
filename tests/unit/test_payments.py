from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from domain.accounts.payments import (
    AmountRange,
    OpType,
    PaymentFilter,
    QuickRange,
    list_operations,
    matching_quick_range,
    parse_amount_range,
    parse_period,
    quick_range,
)
from domain.errors import AccessDenied, ValidationFailed
from domain.types import AccountType, AuditResult, ChargeCategory, PaymentType
from storage.models import AuditLog
from tests.accounts_data import (
    add_charge,
    add_payment,
    assistant,
    at,
    coordinator,
    small_world,
    viewer,
)

# --- typed input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("01.09.2026-30.09.2026", date(2026, 9, 1), date(2026, 9, 30)),
        ("1.9.2026 - 30.9.2026", date(2026, 9, 1), date(2026, 9, 30)),
        ("01.09.26–30.09.26", date(2026, 9, 1), date(2026, 9, 30)),
        ("с 01.09.2026 по 15.09.2026", date(2026, 9, 1), date(2026, 9, 15)),
        ("15.09.2026", date(2026, 9, 15), date(2026, 9, 15)),
        ("01/01/2026..31/12/2026", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_parse_period(text: str, first: date, last: date) -> None:
    assert parse_period(text) == (first, last)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("сентябрь", "acc-err-period-format"),
        ("2026-09-01", "acc-err-period-format"),
        ("01.09.2026-", "acc-err-period-format"),
        ("31.02.2026-01.03.2026", "acc-err-period-date"),
        ("01.13.2026", "acc-err-period-date"),
        ("30.09.2026-01.09.2026", "acc-err-period-order"),
    ],
)
def test_parse_period_errors_have_clear_keys(text: str, key: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_period(text)
    assert err.value.key == key
    assert "value" in err.value.params


@pytest.mark.parametrize(
    ("text", "rng"),
    [
        ("1000-5000", AmountRange(1000_00, 5000_00)),
        ("1 000 – 5 000 ₽", AmountRange(1000_00, 5000_00)),
        ("1000,50-2000", AmountRange(1000_50, 2000_00)),
        (">10000", AmountRange(low_kop=10000_00, low_strict=True)),
        ("> 10 000", AmountRange(low_kop=10000_00, low_strict=True)),
        ("<500", AmountRange(high_kop=500_00, high_strict=True)),
        (">=1000", AmountRange(low_kop=1000_00)),
        ("≤200", AmountRange(high_kop=200_00)),
        ("от 1000", AmountRange(low_kop=1000_00)),
        ("до 300 руб.", AmountRange(high_kop=300_00)),
        ("от 100 до 200", AmountRange(100_00, 200_00)),
        ("1500", AmountRange(1500_00, 1500_00)),
    ],
)
def test_parse_amount_range(text: str, rng: AmountRange) -> None:
    assert parse_amount_range(text) == rng


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("много", "acc-err-amount-format"),
        ("1000-", "acc-err-amount-format"),
        (">-5", "acc-err-amount-format"),
        ("10.999", "acc-err-amount-format"),
        ("5000-1000", "acc-err-amount-order"),
    ],
)
def test_parse_amount_range_errors(text: str, key: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_amount_range(text)
    assert err.value.key == key


def test_amount_range_compares_the_size_of_an_operation() -> None:
    rng = AmountRange(low_kop=100_00, low_strict=True, high_kop=200_00)
    assert not rng.matches(100_00)
    assert rng.matches(100_01)
    assert rng.matches(-150_00)  # a charge of 150 ₽
    assert rng.matches(200_00)
    assert not rng.matches(200_01)


def test_quick_ranges_in_moscow_days() -> None:
    today = date(2026, 8, 15)
    assert quick_range(QuickRange.THIS_MONTH, today) == (date(2026, 8, 1), date(2026, 8, 31))
    assert quick_range(QuickRange.LAST_MONTH, today) == (date(2026, 7, 1), date(2026, 7, 31))
    assert quick_range(QuickRange.QUARTER, today) == (date(2026, 7, 1), date(2026, 9, 30))
    assert quick_range(QuickRange.YEAR, today) == (date(2026, 1, 1), date(2026, 12, 31))
    jan = date(2026, 1, 10)
    assert quick_range(QuickRange.LAST_MONTH, jan) == (date(2025, 12, 1), date(2025, 12, 31))
    assert quick_range(QuickRange.QUARTER, date(2026, 12, 31)) == (
        date(2026, 10, 1),
        date(2026, 12, 31),
    )
    assert quick_range(QuickRange.THIS_MONTH, date(2028, 2, 3))[1] == date(2028, 2, 29)
    assert matching_quick_range(date(2026, 7, 1), date(2026, 7, 31), today) is (
        QuickRange.LAST_MONTH
    )
    assert matching_quick_range(date(2026, 7, 2), date(2026, 7, 31), today) is None


def test_filter_survives_fsm_storage_and_reset_keeps_accounts() -> None:
    flt = PaymentFilter(
        account_ids=frozenset({3, 1}),
        date_from=date(2026, 9, 1),
        date_to=date(2026, 9, 30),
        types=frozenset({OpType.CARD, OpType.CHARGE}),
        amount=AmountRange(low_kop=1, low_strict=True),
        account_type=AccountType.PREPAID,
    )
    assert PaymentFilter.from_data(flt.to_data()) == flt
    assert PaymentFilter.from_data(None) == PaymentFilter()
    assert flt.has_filters
    assert flt.reset() == PaymentFilter(account_ids=frozenset({1, 3}))
    assert not flt.reset().has_filters
    # Ticking every type is the same as ticking none.
    everything = PaymentFilter()
    for t in OpType:
        everything = everything.toggle_type(t)
    assert everything.types == frozenset()
    assert PaymentFilter().toggle_type(OpType.CARD).toggle_type(OpType.CARD).types == frozenset()


# --- the list -----------------------------------------------------------------------------------


async def _seed(session):  # type: ignore[no-untyped-def]
    w = await small_world(session)
    a1, a2, a3 = w.accounts
    # 31.08 21:30 UTC is 01.09 00:30 in Moscow: it belongs to September.
    await add_payment(session, a1, at(2026, 8, 31, 21, 30), 10_000_00, doc="ПП-1")
    await add_payment(session, a1, at(2026, 9, 5), 2_500_50, PaymentType.CARD, doc="ПП-2")
    await add_payment(session, a2, at(2026, 9, 10), 50_000_00, doc="ПП-3")
    await add_payment(session, a3, at(2026, 9, 10), 777_77, PaymentType.CASHBACK, doc="КБ-1")
    await add_payment(session, a1, at(2026, 8, 31, 20, 59), 1_00, doc="ПП-0")  # 23:59 MSK, Aug
    await add_charge(session, a1, at(2026, 9, 10), 300_00, ChargeCategory.CALLS)
    await add_charge(session, a2, at(2026, 9, 20), 12_345_67, ChargeCategory.ROAMING)
    await add_payment(session, w.other_account, at(2026, 9, 10), 1_000_000_00, doc="ЧУЖОЙ")
    await session.flush()
    return w


async def test_list_shows_both_directions_newest_first_with_totals(session) -> None:  # type: ignore[no-untyped-def]
    w = await _seed(session)
    p = coordinator(w)
    flt = PaymentFilter(date_from=date(2026, 9, 1), date_to=date(2026, 9, 30))
    page = await list_operations(session, p, flt, page=0, per_page=4)
    assert page.total == 6
    assert page.pages == 2
    assert page.summary.income_kop == 10_000_00 + 2_500_50 + 50_000_00 + 777_77
    assert page.summary.expense_kop == 300_00 + 12_345_67
    first = page.items[0]
    assert first.type is OpType.CHARGE and first.amount_kop == -12_345_67
    assert first.category is ChargeCategory.ROAMING
    # At the same instant, payments come before charges and bigger ids first: a stable order.
    same_time = [(o.type, o.account_number) for o in page.items[1:4]]
    assert same_time == [
        (OpType.CASHBACK, "700100000003"),
        (OpType.BANK_TRANSFER, "500100000002"),
        (OpType.CHARGE, "500100000001"),
    ]
    page2 = await list_operations(session, p, flt, page=1, per_page=4)
    assert [o.document_number for o in page2.items] == ["ПП-2", "ПП-1"]
    # A page past the end shows the last one.
    assert (await list_operations(session, p, flt, page=99, per_page=4)).page == 1
    assert "ЧУЖОЙ" not in {o.document_number for o in page.items + page2.items}


async def test_filters_narrow_the_list(session) -> None:  # type: ignore[no-untyped-def]
    w = await _seed(session)
    p = coordinator(w)
    base = PaymentFilter(date_from=date(2026, 9, 1), date_to=date(2026, 9, 30))
    only_charges = await list_operations(session, p, base.toggle_type(OpType.CHARGE))
    assert {o.type for o in only_charges.items} == {OpType.CHARGE}
    assert only_charges.summary.income_kop == 0
    big = await list_operations(session, p, PaymentFilter(amount=parse_amount_range(">10000")))
    assert [o.document_number for o in big.items] == ["", "ПП-3"]
    prepaid = await list_operations(session, p, PaymentFilter(account_type=AccountType.PREPAID))
    assert [o.document_number for o in prepaid.items] == ["КБ-1"]
    picked = await list_operations(
        session, p, PaymentFilter(account_ids=frozenset({w.accounts[0].id}))
    )
    assert {o.account_number for o in picked.items} == {"500100000001"}
    assert picked.total == 4
    august = await list_operations(
        session, p, PaymentFilter(date_from=date(2026, 8, 1), date_to=date(2026, 8, 31))
    )
    assert [o.document_number for o in august.items] == ["ПП-0"]
    nothing = await list_operations(
        session,
        p,
        PaymentFilter(account_type=AccountType.PREPAID, types=frozenset({OpType.CARD})),
    )
    assert nothing.total == 0 and nothing.items == [] and nothing.pages == 1


async def test_an_assistant_sees_only_own_accounts(session) -> None:  # type: ignore[no-untyped-def]
    w = await _seed(session)
    page = await list_operations(session, assistant(w), PaymentFilter())
    assert {o.account_number for o in page.items} == {"500100000001"}
    assert [a.number for a in page.accounts] == ["500100000001"]


@pytest.mark.parametrize("who", ["assistant_foreign", "coordinator_other_company", "viewer"])
async def test_forged_account_ids_are_refused_and_audited(session, who: str) -> None:  # type: ignore[no-untyped-def]
    w = await _seed(session)
    if who == "assistant_foreign":
        p, ids = assistant(w), {w.accounts[0].id, w.accounts[1].id}
    elif who == "coordinator_other_company":
        p, ids = coordinator(w), {w.accounts[0].id, w.other_account.id}
    else:
        p, ids = viewer(w), {w.accounts[0].id}
    with pytest.raises(AccessDenied):
        await list_operations(session, p, PaymentFilter(account_ids=frozenset(ids)))
    denied = await session.scalar(
        select(func.count(AuditLog.id)).where(AuditLog.result == AuditResult.DENIED)
    )
    assert denied == 1
