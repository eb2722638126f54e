"""The month calendar widget: weeks from Monday, days out of range inert, arrows only where a
day can still be picked."""

from __future__ import annotations

from datetime import date

from aiogram.filters.callback_data import CallbackData

from bot.i18n import I18n
from keyboards.widgets import BLANK, NoopCb, calendar_rows


class DayCb(CallbackData, prefix="day"):
    on: str


class MonthCb(CallbackData, prefix="mon"):
    on: str


def _grid(month: date, first: date, last: date) -> list[list[tuple[str, str]]]:
    _ = I18n("ru").get("ru")
    rows = calendar_rows(
        _,
        month,
        first,
        last,
        day=lambda d: DayCb(on=d.isoformat()),
        show_month=lambda m: MonthCb(on=m.isoformat()),
    )
    return [[(b.text, b.callback_data or "") for b in row] for row in rows]


def test_a_leap_february_from_tuesday_with_days_before_the_first_inert() -> None:
    grid = _grid(date(2028, 2, 1), date(2028, 2, 10), date(2029, 2, 9))
    noop = NoopCb().pack()
    title, weekdays, *weeks, arrows = grid
    # No month before February 2028 has a day to pick: no back arrow; March has: a forward one.
    assert title == [("Февраль 2028", noop)]
    assert arrows == [(BLANK, noop), ("▶️", "mon:2028-03-01")]
    assert [t for t, _ in weekdays] == ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
    assert all(len(w) == 7 for w in weeks)
    assert weeks[0][0] == (BLANK, noop)  # 1 February 2028 is a Tuesday
    assert weeks[0][1] == ("·", noop)  # before the first day allowed
    assert weeks[1][3] == ("10", "day:2028-02-10")
    days = [t for w in weeks for t, _ in w if t not in (BLANK, "·")]
    assert days[-1] == "29" and len(days) == 20  # 10..29 February


def test_the_last_month_has_no_forward_arrow_and_a_month_out_of_range_is_clamped() -> None:
    grid = _grid(date(2031, 1, 1), date(2026, 12, 1), date(2027, 12, 1))
    title, arrows = grid[0], grid[-1]
    assert title == [("Декабрь 2027", NoopCb().pack())]  # a month after the last: the last
    assert arrows[0] == ("◀️", "mon:2027-11-01") and arrows[1][0] == BLANK
    days = [t for w in grid[2:-1] for t, _ in w if t not in (BLANK, "·")]
    assert days == ["1"]
    for row in grid:
        for _text, data in row:
            assert len(data.encode()) <= 64
