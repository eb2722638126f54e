"""Buttons of «📶 Тарифы и услуги»: the catalogue, a tariff's or service's card, and the
change dialog (numbers → availability → date → notification → summary → apply)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from pydantic import PlainSerializer

from domain.types import DatePick, OrderKind, PickMode
from keyboards.menu import MenuCb, Section
from keyboards.orders import order_card_button
from keyboards.texts import Translator
from keyboards.widgets import (
    Row,
    back_cancel_row,
    button,
    calendar_rows,
    checkbox_rows,
    markup,
    pager_row,
)


class CatAction(StrEnum):
    HOME = "h"
    TARIFFS = "t"
    TARIFF = "tc"
    SERVICES = "s"
    SERVICE = "sc"


class CatCb(CallbackData, prefix="cat"):
    action: CatAction
    item_id: int = 0
    page: int = 0


class ChgAction(StrEnum):
    START = "go"  # `kind` and `item_id` (the tariff or service): begin a change
    PICK = "pk"  # the "which numbers" screen
    MODE = "m"  # `mode`
    TOGGLE = "t"  # `item_id`: a number ticked or unticked in the list, `page` stays
    PAGE = "p"  # a page of the check-box list
    SEARCH = "s"  # ask for a part of a number or a name to narrow the check-box list
    ALL_NUMBERS = "sa"  # the whole check-box list again (the search dropped, ticks kept)
    BUCKET = "b"  # `item_id`: the group / label / account picked
    PICKED = "ok"  # ticking done → availability
    AVAIL = "av"  # back to the availability screen
    DATE = "d"  # the date screen, or the date picked: `day`, or `on`
    CALENDAR = "cal"  # a month calendar: the month of `on` (None: this month)
    NOTIFY = "n"  # the notification screen, or the choice made: `notify`
    APPLY = "ap"
    CANCEL = "x"


class NotifyChoice(StrEnum):
    """Whether and how the numbers hear of the change."""

    NONE = "none"
    SMS = "sms"
    EMAIL = "email"


# A day in callback data, as yyyy-mm-dd.
IsoDate = Annotated[date, PlainSerializer(date.isoformat, return_type=str)]


class ChgCb(CallbackData, prefix="chg"):
    """Each action reads only its own field; a value that is not one of the enum's (or not a
    date) is not this callback at all (the fallback answers «Эта кнопка недоступна»)."""

    action: ChgAction
    kind: OrderKind = OrderKind.CHANGE_TARIFF
    item_id: int = 0
    page: int = 0
    mode: PickMode | None = None
    day: DatePick | None = None
    on: IsoDate | None = None
    notify: NotifyChoice | None = None


def _menu() -> MenuCb:
    return MenuCb(section=Section.MAIN)


def home_kb(_: Translator, *, tariffs: bool) -> InlineKeyboardMarkup:
    rows: list[Row] = []
    if tariffs:
        rows.append([button(_("cat-btn-tariffs"), CatCb(action=CatAction.TARIFFS))])
    rows.append([button(_("cat-btn-services"), CatCb(action=CatAction.SERVICES))])
    rows.append([button(_("menu-orders"), MenuCb(section=Section.ORDERS))])
    rows.append([button(_("btn-main-menu"), _menu())])
    return markup(rows)


def catalogue_kb(
    _: Translator,
    items: Sequence[tuple[int, str]],
    page: int,
    pages: int,
    card: CatAction,
    list_action: CatAction,
) -> InlineKeyboardMarkup:
    rows: list[Row] = [[button(label, CatCb(action=card, item_id=i))] for i, label in items]
    rows.append(pager_row(_, page, pages, lambda p: CatCb(action=list_action, page=p)))
    rows.append(back_cancel_row(_, back=CatCb(action=CatAction.HOME)))
    return markup(rows)


def tariff_card_kb(_: Translator, tariff_id: int, *, can_change: bool) -> InlineKeyboardMarkup:
    rows: list[Row] = []
    if can_change:
        start = ChgCb(action=ChgAction.START, kind=OrderKind.CHANGE_TARIFF, item_id=tariff_id)
        rows.append([button(_("cat-btn-change-tariff"), start)])
    rows.append(back_cancel_row(_, back=CatCb(action=CatAction.TARIFFS)))
    return markup(rows)


def service_card_kb(_: Translator, service_id: int, *, can_manage: bool) -> InlineKeyboardMarkup:
    rows: list[Row] = []
    if can_manage:
        rows.append(
            [
                button(
                    _("cat-btn-service-on"),
                    ChgCb(action=ChgAction.START, kind=OrderKind.SERVICE_ON, item_id=service_id),
                ),
                button(
                    _("cat-btn-service-off"),
                    ChgCb(action=ChgAction.START, kind=OrderKind.SERVICE_OFF, item_id=service_id),
                ),
            ]
        )
    rows.append(back_cancel_row(_, back=CatCb(action=CatAction.SERVICES)))
    return markup(rows)


def _cancel() -> ChgCb:
    return ChgCb(action=ChgAction.CANCEL)


def pick_kb(
    _: Translator, modes: Sequence[tuple[PickMode, str]], back: CallbackData
) -> InlineKeyboardMarkup:
    rows: list[Row] = [[button(label, ChgCb(action=ChgAction.MODE, mode=m))] for m, label in modes]
    rows.append(back_cancel_row(_, back=back, cancel=_cancel()))
    return markup(rows)


def numbers_kb(
    _: Translator,
    items: Sequence[tuple[int, str, bool]],
    page: int,
    pages: int,
    ticked: int,
    *,
    searching: bool = False,
) -> InlineKeyboardMarkup:
    rows = checkbox_rows(
        (label, on, ChgCb(action=ChgAction.TOGGLE, item_id=i, page=page)) for i, label, on in items
    )
    rows.append(pager_row(_, page, pages, lambda p: ChgCb(action=ChgAction.PAGE, page=p)))
    search: Row = [button(_("cat-btn-search"), ChgCb(action=ChgAction.SEARCH))]
    if searching:
        search.append(button(_("cat-btn-all-numbers"), ChgCb(action=ChgAction.ALL_NUMBERS)))
    rows.append(search)
    if ticked:
        rows.append([button(_("cat-btn-picked", n=ticked), ChgCb(action=ChgAction.PICKED))])
    rows.append(back_cancel_row(_, back=ChgCb(action=ChgAction.PICK), cancel=_cancel()))
    return markup(rows)


def search_kb(_: Translator) -> InlineKeyboardMarkup:
    """Under the search question: back to the check-box list, or leave the change."""
    return markup([back_cancel_row(_, back=ChgCb(action=ChgAction.PAGE), cancel=_cancel())])


def buckets_kb(
    _: Translator, items: Sequence[tuple[int, str]], page: int, pages: int
) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [button(label, ChgCb(action=ChgAction.BUCKET, item_id=i))] for i, label in items
    ]
    rows.append(pager_row(_, page, pages, lambda p: ChgCb(action=ChgAction.PAGE, page=p)))
    rows.append(back_cancel_row(_, back=ChgCb(action=ChgAction.PICK), cancel=_cancel()))
    return markup(rows)


def availability_kb(_: Translator, *, can_go_on: bool) -> InlineKeyboardMarkup:
    rows: list[Row] = []
    if can_go_on:
        rows.append([button(_("cat-btn-next"), ChgCb(action=ChgAction.DATE))])
    rows.append(back_cancel_row(_, back=ChgCb(action=ChgAction.PICK), cancel=_cancel()))
    return markup(rows)


def date_kb(
    _: Translator,
    next_month_label: str,
    today_label: str,
    days: Sequence[tuple[date, str]] = (),
) -> InlineKeyboardMarkup:
    """Today, the 1st of next month, and the coming days (`(day, label)`) to pick."""
    picks = [button(label, ChgCb(action=ChgAction.DATE, on=day)) for day, label in days]
    return markup(
        [
            [button(today_label, ChgCb(action=ChgAction.DATE, day=DatePick.TODAY))],
            [button(next_month_label, ChgCb(action=ChgAction.DATE, day=DatePick.NEXT_MONTH))],
            picks[:3],
            picks[3:6],
            [button(_("cat-btn-calendar"), ChgCb(action=ChgAction.CALENDAR))],
            back_cancel_row(_, back=ChgCb(action=ChgAction.AVAIL), cancel=_cancel()),
        ]
    )


def calendar_kb(_: Translator, month: date, first: date, last: date) -> InlineKeyboardMarkup:
    """A month to pick the day from, `first`..`last`; «Назад» to the date screen."""
    rows = calendar_rows(
        _,
        month,
        first,
        last,
        day=lambda d: ChgCb(action=ChgAction.DATE, on=d),
        show_month=lambda m: ChgCb(action=ChgAction.CALENDAR, on=m),
    )
    rows.append(back_cancel_row(_, back=ChgCb(action=ChgAction.DATE), cancel=_cancel()))
    return markup(rows)


def _notify(choice: NotifyChoice) -> ChgCb:
    return ChgCb(action=ChgAction.NOTIFY, notify=choice)


def notify_kb(_: Translator) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(_("cat-btn-notify-none"), _notify(NotifyChoice.NONE))],
            [
                button(_("cat-btn-notify-sms"), _notify(NotifyChoice.SMS)),
                button(_("cat-btn-notify-email"), _notify(NotifyChoice.EMAIL)),
            ],
            back_cancel_row(_, back=ChgCb(action=ChgAction.DATE), cancel=_cancel()),
        ]
    )


def summary_kb(_: Translator) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(_("cat-btn-apply"), ChgCb(action=ChgAction.APPLY))],
            back_cancel_row(_, back=ChgCb(action=ChgAction.NOTIFY), cancel=_cancel()),
        ]
    )


def placed_kb(_: Translator, order_id: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [order_card_button(_, order_id)],
            [
                button(_("cat-btn-home"), CatCb(action=CatAction.HOME)),
                button(_("btn-main-menu"), _menu()),
            ],
        ]
    )


def back_home_kb(_: Translator) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(_("cat-btn-home"), CatCb(action=CatAction.HOME)),
                button(_("btn-main-menu"), _menu()),
            ]
        ]
    )
