"""Buttons of the support tickets: the new-ticket dialog, the list with its filters, the card,
the reply, the rating, and the status buttons under a post in the staff chat.

Every callback carries ints and enum codes, far under Telegram's 64 bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

from domain.types import TicketSort, TicketStatus, TicketTopic
from keyboards.menu import MenuCb, Section
from keyboards.texts import Translator
from keyboards.widgets import NoopCb, Row, back_cancel_row, button, markup, pager_row, radio_rows

STAFF_STATUSES = (
    TicketStatus.IN_PROGRESS,
    TicketStatus.WAITING,
    TicketStatus.ANSWERED,
    TicketStatus.CLOSED,
)


class ListCb(CallbackData, prefix="tkl"):
    page: int = 0
    status: TicketStatus | None = None
    topic: TicketTopic | None = None
    sort: TicketSort = TicketSort.DATE


class FilterWhat(StrEnum):
    STATUS = "s"
    TOPIC = "t"


class FilterCb(CallbackData, prefix="tkf"):
    what: FilterWhat
    status: TicketStatus | None = None
    topic: TicketTopic | None = None
    sort: TicketSort = TicketSort.DATE


class TicketAction(StrEnum):
    OPEN = "o"  # the card; `value`: the page of the conversation (-1: the last)
    FILES = "f"  # the list of files; `value`: its page
    FILE = "fi"  # send one file again; `value`: its id
    ALL_FILES = "fa"  # every file of one page of the list; `value`: the page
    REPLY = "r"
    CLOSE = "c"  # asks
    CLOSE_YES = "cy"
    REOPEN = "ro"
    RATE = "ra"  # `value`: 1–5
    NO_COMMENT = "nc"
    BACK_TO_LIST = "l"
    WHOLE = "w"  # the messages a page of the card shows cut, whole; `value`: the page
    WHOLE_MESSAGE = "wm"  # one message whole (from a push); `value`: its id


class TicketCb(CallbackData, prefix="tk"):
    action: TicketAction
    ticket_id: int
    value: int = 0


class NewAction(StrEnum):
    START = "s"
    TOPIC = "t"
    DONE = "d"  # no (more) files
    MY_PHONE = "mp"
    SEND = "go"
    BACK = "b"
    CANCEL = "x"


class NewCb(CallbackData, prefix="tkn"):
    action: NewAction
    topic: TicketTopic | None = None


class ReplyAction(StrEnum):
    SEND = "go"
    CANCEL = "x"


class ReplyCb(CallbackData, prefix="tkr"):
    action: ReplyAction
    ticket_id: int


class StaffCb(CallbackData, prefix="tks"):
    ticket_id: int
    status: TicketStatus


def _new_back_cancel(_: Translator) -> Row:
    return back_cancel_row(_, NewCb(action=NewAction.BACK), NewCb(action=NewAction.CANCEL))


def topics_kb(_: Translator, topics: Sequence[TicketTopic]) -> InlineKeyboardMarkup:
    rows = [
        [button(_(f"tic-topic-{t.value}"), NewCb(action=NewAction.TOPIC, topic=t))] for t in topics
    ]
    rows.append(_new_back_cancel(_))
    return markup(rows)


def text_kb(_: Translator, *, keep: bool = False) -> InlineKeyboardMarkup:
    """`keep`: a text is already there (the user came back); it may go on with it."""
    rows: list[Row] = []
    if keep:
        rows.append([button(_("tic-btn-keep-text"), NewCb(action=NewAction.DONE))])
    rows.append(_new_back_cancel(_))
    return markup(rows)


def files_kb(_: Translator, count: int) -> InlineKeyboardMarkup:
    label = _("tic-btn-files-done", n=count) if count else _("tic-btn-no-files")
    return markup([[button(label, NewCb(action=NewAction.DONE))], _new_back_cancel(_)])


def phone_kb(_: Translator, own: str | None) -> InlineKeyboardMarkup:
    rows: list[Row] = []
    if own:
        rows.append([button(_("tic-btn-my-phone", phone=own), NewCb(action=NewAction.MY_PHONE))])
    rows.append(_new_back_cancel(_))
    return markup(rows)


def summary_kb(_: Translator) -> InlineKeyboardMarkup:
    return markup([[button(_("tic-btn-send"), NewCb(action=NewAction.SEND))], _new_back_cancel(_)])


def created_kb(_: Translator, ticket_id: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(
                    _("tic-btn-open"),
                    TicketCb(action=TicketAction.OPEN, ticket_id=ticket_id, value=-1),
                )
            ],
            [button(_("tic-btn-list"), ListCb())],
            [button(_("btn-main-menu"), MenuCb(section=Section.MAIN))],
        ]
    )


def _filter_row(_: Translator, flt: ListCb) -> Row:
    """«Статус» and «Тема»: each opens its filter's choices, the other filter and sort kept."""
    kept = {"status": flt.status, "topic": flt.topic, "sort": flt.sort}
    return [
        button(_("tic-btn-filter-status"), FilterCb(what=FilterWhat.STATUS, **kept)),
        button(_("tic-btn-filter-topic"), FilterCb(what=FilterWhat.TOPIC, **kept)),
    ]


def list_kb(
    _: Translator,
    items: Sequence[tuple[int, str]],
    flt: ListCb,
    page: int,
    pages: int,
    *,
    can_create: bool,
) -> InlineKeyboardMarkup:
    """`items`: (ticket id, its label)."""
    rows: list[Row] = []
    if can_create:
        rows.append([button(_("tic-btn-new"), NewCb(action=NewAction.START))])
    rows.extend(
        [button(label, TicketCb(action=TicketAction.OPEN, ticket_id=tid, value=-1))]
        for tid, label in items
    )
    rows.append(pager_row(_, page, pages, lambda n: flt.model_copy(update={"page": n})))
    rows.append(_filter_row(_, flt))
    other_sort = TicketSort.STATUS if flt.sort is TicketSort.DATE else TicketSort.DATE
    resorted = ListCb(status=flt.status, topic=flt.topic, sort=other_sort)
    rows.append([button(_(f"tic-btn-sort-{other_sort.value}"), resorted)])
    if flt.status is not None or flt.topic is not None:
        rows.append([button(_("tic-btn-reset"), ListCb(sort=flt.sort))])
    rows.append([button(_("btn-main-menu"), MenuCb(section=Section.MAIN))])
    return markup(rows)


def status_filter_kb(_: Translator, flt: FilterCb) -> InlineKeyboardMarkup:
    items = [(_("tic-filter-all"), flt.status is None, ListCb(topic=flt.topic, sort=flt.sort))]
    items += [
        (
            _(f"tic-status-{s.value}"),
            flt.status is s,
            ListCb(status=s, topic=flt.topic, sort=flt.sort),
        )
        for s in TicketStatus
    ]
    rows = radio_rows(items, per_row=2)
    rows.append(back_cancel_row(_, ListCb(status=flt.status, topic=flt.topic, sort=flt.sort)))
    return markup(rows)


def topic_filter_kb(
    _: Translator, flt: FilterCb, topics: Sequence[TicketTopic]
) -> InlineKeyboardMarkup:
    items = [(_("tic-filter-all"), flt.topic is None, ListCb(status=flt.status, sort=flt.sort))]
    items += [
        (
            _(f"tic-topic-{t.value}"),
            flt.topic is t,
            ListCb(status=flt.status, topic=t, sort=flt.sort),
        )
        for t in topics
    ]
    rows = radio_rows(items, per_row=1)
    rows.append(back_cancel_row(_, ListCb(status=flt.status, topic=flt.topic, sort=flt.sort)))
    return markup(rows)


def card_kb(
    _: Translator,
    ticket_id: int,
    *,
    page: int,
    pages: int,
    files: int,
    is_open: bool,
    can_reopen: bool,
    can_rate: bool,
    cut: bool = False,
) -> InlineKeyboardMarkup:
    """`cut`: the page shows a message cut, and «📄 Показать целиком» sends it whole."""

    def cb(action: TicketAction, value: int = 0) -> TicketCb:
        return TicketCb(action=action, ticket_id=ticket_id, value=value)

    rows: list[Row] = [pager_row(_, page, pages, lambda n: cb(TicketAction.OPEN, n))]
    if cut:
        rows.append([button(_("tic-btn-whole"), cb(TicketAction.WHOLE, page))])
    if files:
        rows.append([button(_("tic-btn-files", n=files), cb(TicketAction.FILES))])
    if is_open:
        rows.append(
            [
                button(_("tic-btn-reply"), cb(TicketAction.REPLY)),
                button(_("tic-btn-close"), cb(TicketAction.CLOSE)),
            ]
        )
    if can_reopen:
        rows.append([button(_("tic-btn-reopen"), cb(TicketAction.REOPEN))])
    if can_rate:
        rows.append(rating_row(ticket_id))
    rows.append([button(_("tic-btn-back-list"), cb(TicketAction.BACK_TO_LIST))])
    return markup(rows)


def rating_row(ticket_id: int) -> Row:
    return [
        button(f"{n}⭐", TicketCb(action=TicketAction.RATE, ticket_id=ticket_id, value=n))
        for n in range(1, 6)
    ]


def close_confirm_kb(_: Translator, ticket_id: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(
                    _("tic-btn-close-yes"),
                    TicketCb(action=TicketAction.CLOSE_YES, ticket_id=ticket_id),
                ),
                button(
                    _("btn-back"), TicketCb(action=TicketAction.OPEN, ticket_id=ticket_id, value=-1)
                ),
            ]
        ]
    )


def rate_kb(_: Translator, ticket_id: int) -> InlineKeyboardMarkup:
    return markup(
        [
            rating_row(ticket_id),
            [
                button(
                    _("tic-btn-open"),
                    TicketCb(action=TicketAction.OPEN, ticket_id=ticket_id, value=-1),
                )
            ],
        ]
    )


def comment_kb(_: Translator, ticket_id: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(
                    _("tic-btn-no-comment"),
                    TicketCb(action=TicketAction.NO_COMMENT, ticket_id=ticket_id),
                )
            ]
        ]
    )


def files_list_kb(
    _: Translator, ticket_id: int, files: Sequence[tuple[int, str]], page: int, pages: int
) -> InlineKeyboardMarkup:
    """One page of the ticket's files, `(attachment id, name)`; a press sends that file."""

    def cb(action: TicketAction, value: int = 0) -> TicketCb:
        return TicketCb(action=action, ticket_id=ticket_id, value=value)

    rows: list[Row] = [[button(f"📎 {name}", cb(TicketAction.FILE, fid))] for fid, name in files]
    rows.append(pager_row(_, page, pages, lambda n: cb(TicketAction.FILES, n)))
    if len(files) > 1:
        rows.append(
            [button(_("tic-btn-all-files", n=len(files)), cb(TicketAction.ALL_FILES, page))]
        )
    rows.append([button(_("btn-back"), cb(TicketAction.OPEN, -1))])
    return markup(rows)


def reply_kb(_: Translator, ticket_id: int, ready: bool) -> InlineKeyboardMarkup:
    rows: list[Row] = []
    if ready:
        rows.append(
            [button(_("tic-btn-reply-send"), ReplyCb(action=ReplyAction.SEND, ticket_id=ticket_id))]
        )
    rows.append([button(_("btn-cancel"), ReplyCb(action=ReplyAction.CANCEL, ticket_id=ticket_id))])
    return markup(rows)


def _open_ticket_row(_: Translator, ticket_id: int) -> Row:
    whole_card = TicketCb(action=TicketAction.OPEN, ticket_id=ticket_id, value=-1)
    return [button(_("tic-btn-open"), whole_card)]


def open_ticket_kb(_: Translator, ticket_id: int) -> InlineKeyboardMarkup:
    return markup([_open_ticket_row(_, ticket_id)])


def staff_kb(_: Translator, ticket_id: int, status: str | None = None) -> InlineKeyboardMarkup:
    """The status buttons under a post in the staff chat; `status` (on the ticket's first post,
    kept current by the notifier): a row above them that shows the ticket's status now."""
    rows = [
        [
            button(_(f"tic-staff-btn-{s.value}"), StaffCb(ticket_id=ticket_id, status=s))
            for s in pair
        ]
        for pair in (STAFF_STATUSES[:2], STAFF_STATUSES[2:])
    ]
    if status:
        rows.insert(0, [button(_("tic-staff-status-now", status=status), NoopCb())])
    return markup(rows)


def push_markup(name: Any, _: Translator, payload: dict[str, Any]) -> InlineKeyboardMarkup | None:
    """The keyboard the notifier puts under a push, by the name the domain wrote in the row."""
    ticket_id = payload.get("ticket_id")
    if not isinstance(ticket_id, int):
        return None
    if name == "tic_staff":
        status = payload.get("status")
        return staff_kb(_, ticket_id, status if isinstance(status, str) else None)
    if name == "tic_client":
        return open_ticket_kb(_, ticket_id)
    message_id = payload.get("message_id")
    if name == "tic_client_long" and isinstance(message_id, int):
        whole = TicketCb(action=TicketAction.WHOLE_MESSAGE, ticket_id=ticket_id, value=message_id)
        return markup([[button(_("tic-btn-read-whole"), whole)], _open_ticket_row(_, ticket_id)])
    return None
