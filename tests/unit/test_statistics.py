from __future__ import annotations

import io
import warnings
from datetime import date

import pytest
from PIL import Image

from bot.i18n import I18n
from domain.accounts.statistics import (
    StatsView,
    display_msisdn,
    render_chart,
    spending,
)
from domain.errors import AccessDenied
from domain.types import ChargeCategory
from tests.accounts_data import (
    add_charge,
    assistant,
    at,
    coordinator,
    make_subscriber,
    small_world,
    viewer,
)

SEPT = (date(2026, 9, 1), date(2026, 9, 30))


async def _seed(session):  # type: ignore[no-untyped-def]
    w = await small_world(session)
    a1, a2, _a3 = w.accounts
    subs = [
        await make_subscriber(session, a1 if i % 2 else a2, f"Сотрудник{i} Иван Петрович")
        for i in range(13)
    ]
    for i, s in enumerate(subs):
        acc = a1 if i % 2 else a2
        await add_charge(session, acc, at(2026, 9, 5), (i + 1) * 100_00, ChargeCategory.CALLS, s)
        await add_charge(session, acc, at(2026, 9, 6), 1_01, ChargeCategory.SMS, s)
    await add_charge(session, a1, at(2026, 9, 1), 500_00, ChargeCategory.SUBSCRIPTION)  # no number
    await add_charge(session, a1, at(2026, 8, 31, 20, 0), 7_777_00, ChargeCategory.ROAMING)  # Aug
    await add_charge(session, w.other_account, at(2026, 9, 5), 1_000_000_00, ChargeCategory.CALLS)
    await session.flush()
    return w, subs


async def test_per_category_and_per_account(session) -> None:  # type: ignore[no-untyped-def]
    w, _subs = await _seed(session)
    calls = sum((i + 1) * 100_00 for i in range(13))
    rep = await spending(session, coordinator(w), *SEPT, StatsView.CATEGORIES)
    assert rep.by_category == [
        (ChargeCategory.CALLS, calls),
        (ChargeCategory.SUBSCRIPTION, 500_00),
        (ChargeCategory.SMS, 13 * 1_01),
    ]
    assert rep.total_kop == calls + 500_00 + 13 * 1_01
    a1, a2, _ = w.accounts
    acc = await spending(session, coordinator(w), *SEPT, StatsView.ACCOUNTS)
    assert [(r.number, k) for r, k in acc.by_account] == [
        (a2.number, sum((i + 1) * 100_00 for i in range(0, 13, 2)) + 7 * 1_01),
        (a1.number, sum((i + 1) * 100_00 for i in range(1, 13, 2)) + 6 * 1_01 + 500_00),
    ]
    assert acc.matrix[a1.id][ChargeCategory.SUBSCRIPTION] == 500_00
    assert acc.share(acc.by_account[0][1]) + acc.share(acc.by_account[1][1]) == 100


async def test_per_number_top_ten_and_the_rest(session) -> None:  # type: ignore[no-untyped-def]
    w, subs = await _seed(session)
    rep = await spending(session, coordinator(w), *SEPT, StatsView.NUMBERS)
    assert len(rep.top_numbers) == 10
    assert rep.top_numbers[0].msisdn == subs[12].msisdn
    assert rep.top_numbers[0].amount_kop == 1_300_00 + 1_01
    assert rep.numbers_count == 13
    assert rep.rest_numbers_count == 3
    assert rep.rest_numbers_kop == (100_00 + 200_00 + 300_00) + 3 * 1_01
    assert rep.without_number_kop == 500_00
    assert (
        rep.total_kop == sum(n.amount_kop for n in rep.top_numbers) + rep.rest_numbers_kop + 500_00
    )


async def test_statistics_respect_reach(session) -> None:  # type: ignore[no-untyped-def]
    w, _ = await _seed(session)
    own = await spending(session, assistant(w), *SEPT, StatsView.ACCOUNTS)
    assert [r.number for r, _ in own.by_account] == [w.accounts[0].number]
    with pytest.raises(AccessDenied):
        await spending(session, assistant(w), *SEPT, StatsView.ACCOUNTS, [w.accounts[1].id])
    with pytest.raises(AccessDenied):
        await spending(session, coordinator(w), *SEPT, StatsView.NUMBERS, [w.other_account.id])
    with pytest.raises(AccessDenied):
        await spending(session, viewer(w), *SEPT)


@pytest.mark.parametrize("view", list(StatsView))
async def test_chart_is_a_png_with_no_missing_glyphs(session, view: StatsView) -> None:  # type: ignore[no-untyped-def]
    w, _ = await _seed(session)
    rep = await spending(session, coordinator(w), *SEPT, view)
    with warnings.catch_warnings():
        # A Cyrillic letter or the rouble sign missing from the font warns: fail on it.
        warnings.simplefilter("error")
        png = render_chart(rep, I18n().get("ru"))
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG"
    assert img.width >= 800 and img.height >= 300


async def test_empty_period_still_draws(session) -> None:  # type: ignore[no-untyped-def]
    w, _ = await _seed(session)
    rep = await spending(session, coordinator(w), date(2020, 1, 1), date(2020, 1, 31))
    assert rep.is_empty
    assert render_chart(rep, I18n().get("en")).startswith(b"\x89PNG")


def test_display_msisdn() -> None:
    assert display_msisdn("+79161234567") == "+7 916 123-45-67"
    assert display_msisdn("garbage") == "garbage"
