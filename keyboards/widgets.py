"""Shared keyboard pieces: pager, check-box multi-select, radio choice, yes/no, back/cancel row.

The check-box multi-select has one callback class, `PickCb`, for every section: its `of` names
the selection (`"sub"`, `"pay"`, `"doc"`…), so one set of handlers (`handlers.multiselect`)
serves them all and checks every ticked id against the user's scope. See `pick_rows`.

Every widget is generic: it knows nothing of a section. The caller passes the callback data each
button must carry (a `CallbackData` instance, or a function that makes one for a page), so each
section keeps its own typed callback classes and handlers.

Texts come from `core.ftl` (`pager`, `btn-back`, `btn-cancel`, `btn-yes`, `btn-no`, the
calendar's `cal-*`), through the `Translator` passed in.

The middle button of the pager carries `NoopCb`; the accounts router answers it silently
(`handlers.accounts`), so any section may use the pager without a handler of its own.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from keyboards.texts import Translator

CHECKED = "☑️"
UNCHECKED = "⬜"
RADIO_ON = "🔘"
RADIO_OFF = "⚪"

Row = list[InlineKeyboardButton]
# The longest label (mark included) that fits half a phone's width: the sandbox measures it.
PAIR_CHARS = 17


class NoopCb(CallbackData, prefix="noop"):
    """A button that only shows something (the page number); pressing it does nothing."""


def button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def pager_row(_: Translator, page: int, pages: int, make: Callable[[int], CallbackData]) -> Row:
    """`◀️  стр. 2/5  ▶️` for a 0-based `page`; empty when everything fits on one page.

    `make(n)` returns the callback data that opens page `n`. The arrows wrap around, so the last
    page is one tap from the first.
    """
    if pages <= 1:
        return []
    return [
        button("◀️", make((page - 1) % pages)),
        button(_("pager", page=page + 1, pages=pages), NoopCb()),
        button("▶️", make((page + 1) % pages)),
    ]


def _marked_rows(
    items: Iterable[tuple[str, bool, CallbackData]], on: str, off: str, per_row: int
) -> list[Row]:
    labelled = [(f"{on if marked else off} {label}", data) for label, marked, data in items]
    if any(len(label) > PAIR_CHARS for label, _ in labelled):
        per_row = 1  # two to a row would cut a long label on a phone
    rows: list[Row] = []
    row: Row = []
    for label, data in labelled:
        row.append(button(label, data))
        if len(row) >= per_row:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    return rows


def checkbox_rows(items: Iterable[tuple[str, bool, CallbackData]], per_row: int = 1) -> list[Row]:
    """Multi-select: `(label, checked, data)` → `☑️ label` / `⬜ label` buttons."""
    return _marked_rows(items, CHECKED, UNCHECKED, per_row)


def radio_rows(items: Iterable[tuple[str, bool, CallbackData]], per_row: int = 2) -> list[Row]:
    """One-of-many: `(label, selected, data)` → `🔘 label` / `⚪ label` buttons."""
    return _marked_rows(items, RADIO_ON, RADIO_OFF, per_row)


class PickAction(StrEnum):
    TOGGLE = "t"  # `item_id` ticked or unticked; `page` is the page to show again
    ALL = "a"  # everything the list offers (its filter) ticked
    NONE = "n"  # every tick taken off
    DONE = "d"  # the ticked ids are used


class PickCb(CallbackData, prefix="pk"):
    """A press in a check-box multi-select; `of` names the selection (a few letters)."""

    of: str
    action: PickAction
    item_id: int = 0
    page: int = 0


def pick_rows(of: str, items: Iterable[tuple[int, str, bool]], page: int) -> list[Row]:
    """The check boxes of one page: `(id, label, ticked)` → `☑️ label` / `⬜ label`.

    Use with `pick_all_none_row` and `pick_done_row`, and register the handlers once with
    `handlers.multiselect.MultiSelect(of=…, …).register(router)`.
    """
    return checkbox_rows(
        (label, ticked, PickCb(of=of, action=PickAction.TOGGLE, item_id=i, page=page))
        for i, label, ticked in items
    )


def pick_all_none_row(of: str, page: int, all_text: str, none_text: str) -> Row:
    """`☑️ Все` / `⬜ Снять все` (texts already translated, each section says them its way)."""
    return [
        button(all_text, PickCb(of=of, action=PickAction.ALL, page=page)),
        button(none_text, PickCb(of=of, action=PickAction.NONE, page=page)),
    ]


def pick_done_row(of: str, text: str) -> Row:
    """The button that uses the ticked ids (`✅ Готово · 3`)."""
    return [button(text, PickCb(of=of, action=PickAction.DONE))]


def yes_no_row(
    _: Translator,
    yes: CallbackData,
    no: CallbackData,
    yes_key: str = "btn-yes",
    no_key: str = "btn-no",
) -> Row:
    """`✅ Да` / `✖️ Нет` (or other texts by message id) side by side."""
    return [button(_(yes_key), yes), button(_(no_key), no)]


def back_cancel_row(
    _: Translator, back: CallbackData | None = None, cancel: CallbackData | None = None
) -> Row:
    """`◀️ Назад` and/or `✖️ Отмена`; a `None` leaves that button out."""
    row: Row = []
    if back is not None:
        row.append(button(_("btn-back"), back))
    if cancel is not None:
        row.append(button(_("btn-cancel"), cancel))
    return row


def markup(rows: Sequence[Row]) -> InlineKeyboardMarkup:
    """An inline keyboard from rows, leaving out empty ones (an absent pager)."""
    return InlineKeyboardMarkup(inline_keyboard=[list(r) for r in rows if r])


# An empty cell: Telegram refuses a button whose text is blank, and U+2800 (an empty braille
# pattern) is a character that prints as nothing.
BLANK = "\u2800"


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _shift_month(month: date, by: int) -> date:
    index = month.year * 12 + month.month - 1 + by
    return date(index // 12, index % 12 + 1, 1)


def calendar_rows(
    _: Translator,
    month: date,
    first: date,
    last: date,
    day: Callable[[date], CallbackData],
    show_month: Callable[[date], CallbackData],
) -> list[Row]:
    """A month as a grid of days, Monday first: the month's name (`Март 2027`), the weekdays,
    the weeks, then the arrows `◀️ ▶️`.

    Days from `first` to `last` are buttons carrying `day(d)`; other days show `·` and do
    nothing. The arrows (`show_month(first day of a month)`) appear only towards months that
    hold a day to pick. `month` is clamped into that span. The name has a row of its own: a
    third of a phone's width cuts «Сентябрь 2026».
    """
    lo, hi = _month_start(first), _month_start(last)
    shown = min(max(_month_start(month), lo), hi)
    prev, nxt = _shift_month(shown, -1), _shift_month(shown, 1)
    title = [button(_("cal-month", month=shown.month, year=str(shown.year)), NoopCb())]
    rows: list[Row] = [title, [button(_(f"cal-wd-{n}"), NoopCb()) for n in range(1, 8)]]
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(shown.year, shown.month):
        rows.append([_calendar_day(d, shown, first, last, day) for d in week])
    arrows: Row = [
        button("◀️", show_month(prev)) if prev >= lo else button(BLANK, NoopCb()),
        button("▶️", show_month(nxt)) if nxt <= hi else button(BLANK, NoopCb()),
    ]
    if lo < hi:
        rows.append(arrows)
    return rows


def _calendar_day(
    d: date, shown: date, first: date, last: date, day: Callable[[date], CallbackData]
) -> InlineKeyboardButton:
    if d.month != shown.month:
        return button(BLANK, NoopCb())
    if first <= d <= last:
        return button(str(d.day), day(d))
    return button("·", NoopCb())
