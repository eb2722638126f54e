"""Buttons of the accounts section: quick balance, accounts, card, payments, exports,
statistics, prepayment, cashback, document delivery, low-balance alert.

Handlers pass the labels and what is ticked; these functions only lay buttons out. Every
callback carries ints and short codes, far under Telegram's 64 bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

from domain.types import AccountType, DeliveryMethod, ExportFormat, OpType, QuickRange, StatsView
from keyboards.documents import DocForAccountCb, quick_invoice_button
from keyboards.menu import MenuCb, Section
from keyboards.texts import Translator
from keyboards.widgets import (
    Row,
    back_cancel_row,
    button,
    checkbox_rows,
    markup,
    pager_row,
    pick_all_none_row,
    pick_done_row,
    pick_rows,
    radio_rows,
    yes_no_row,
)


class BalCb(CallbackData, prefix="bal"):
    page: int


class AccListCb(CallbackData, prefix="acl"):
    page: int


class AccAction(StrEnum):
    CARD = "c"
    PAYMENTS = "p"
    STATS = "s"
    PREPAY = "pp"
    CASHBACK = "cb"
    DELIVERY = "d"
    ALERT = "al"


class AccCb(CallbackData, prefix="acc"):
    action: AccAction
    account_id: int


class SelAction(StrEnum):
    """The payments' account selection; its check boxes are the shared `PickCb` of `PAY_PICK`."""

    PAGE = "p"
    OPEN = "o"  # open the selection anew (from the accounts list)


class SelCb(CallbackData, prefix="psel"):
    action: SelAction
    page: int = 0


# The payments' account selection in the shared multi-select (`keyboards.widgets.PickCb.of`).
PAY_PICK = "pay"


class PayAction(StrEnum):
    LIST = "l"  # the list at `page`
    PERIOD = "per"  # the period screen
    QUICK = "q"  # a quick period: `rng`, None = all time
    TYPES = "ty"
    TOGGLE_TYPE = "tt"  # `op`
    ATYPE = "at"
    SET_ATYPE = "sat"  # `atype`, None = any
    AMOUNT = "am"
    CLEAR_AMOUNT = "ca"
    RESET = "rs"
    EXPORT = "ex"
    FORMAT = "f"  # `fmt`


class PayCb(CallbackData, prefix="pay"):
    """Each action reads only its own field; a value that is not one of the enum's is not
    this callback at all (the fallback answers «Эта кнопка недоступна»)."""

    action: PayAction
    page: int = 0
    rng: QuickRange | None = None
    op: OpType | None = None
    atype: AccountType | None = None
    fmt: ExportFormat | None = None


class StatCb(CallbackData, prefix="st"):
    view: StatsView
    rng: QuickRange | None = None  # None: the period the user typed
    account_id: int = 0  # 0: every account in reach


class StatTypeCb(CallbackData, prefix="stt"):
    """«Свой период» for the statistics: asks for dates."""

    view: StatsView
    account_id: int = 0


class CbkAction(StrEnum):
    OVERVIEW = "o"
    HISTORY = "h"
    SPEND = "s"
    CONFIRM = "y"
    CANCEL = "n"


class CbkCb(CallbackData, prefix="cbk"):
    action: CbkAction
    account_id: int = 0
    page: int = 0


class DlvCb(CallbackData, prefix="dlv"):
    account_id: int
    method: DeliveryMethod


class AlrAction(StrEnum):
    EDIT = "e"
    OFF = "off"


class AlrCb(CallbackData, prefix="alr"):
    action: AlrAction
    account_id: int


def _main_menu() -> CallbackData:
    return MenuCb(section=Section.MAIN)


# --- quick balance and the accounts list ------------------------------------------------------


def balance_kb(_: Translator, page: int, pages: int) -> InlineKeyboardMarkup:
    return markup(
        [
            pager_row(_, page, pages, lambda p: BalCb(page=p)),
            [
                button(_("acc-btn-accounts"), AccListCb(page=0)),
                button(_("btn-main-menu"), _main_menu()),
            ],
        ]
    )


def accounts_list_kb(
    _: Translator,
    items: Sequence[tuple[int, str]],
    page: int,
    pages: int,
    *,
    payments: bool,
    statistics: bool,
    cashback: bool,
) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [button(label, AccCb(action=AccAction.CARD, account_id=account_id))]
        for account_id, label in items
    ]
    rows.append(pager_row(_, page, pages, lambda p: AccListCb(page=p)))
    extra: Row = []
    if payments:
        extra.append(button(_("acc-btn-payments-many"), SelCb(action=SelAction.OPEN)))
    if statistics:
        extra.append(
            button(
                _("acc-btn-stats-all"),
                StatCb(view=StatsView.CATEGORIES, rng=QuickRange.THIS_MONTH),
            )
        )
    rows.append(extra)
    if cashback:
        rows.append([button(_("acc-btn-cashback"), CbkCb(action=CbkAction.OVERVIEW))])
    rows.append([button(_("btn-main-menu"), _main_menu())])
    return markup(rows)


def card_kb(
    _: Translator,
    account_id: int,
    *,
    payments: bool,
    statistics: bool,
    documents: bool,
    prepay: bool,
    cashback_label: str | None,
    delivery_label: str | None,
    alert_label: str | None,
    invoice_month: date | None = None,
) -> InlineKeyboardMarkup:
    """`invoice_month`: the last ended month, for «🧾 Счёт за <месяц>» (with `documents`)."""

    def act(action: AccAction) -> AccCb:
        return AccCb(action=action, account_id=account_id)

    first: Row = [button(_("acc-btn-payments"), act(AccAction.PAYMENTS))] if payments else []
    if statistics:
        first.append(button(_("acc-btn-stats"), act(AccAction.STATS)))
    # «🧾 Счёт на предоплату» gets a row of its own: beside another button a phone cuts it to
    # «Счёт на предоп…».
    rows: list[Row] = [first]
    if documents and invoice_month is not None:
        rows.append([quick_invoice_button(_, invoice_month, account_id)])
    if documents:
        rows.append([button(_("acc-btn-documents"), DocForAccountCb(account_id=account_id))])
    if prepay:
        rows.append([button(_("acc-btn-prepay"), act(AccAction.PREPAY))])
    labelled = (
        (cashback_label, AccAction.CASHBACK),
        (delivery_label, AccAction.DELIVERY),
        (alert_label, AccAction.ALERT),
    )
    rows += [[button(label, act(action))] for label, action in labelled if label]
    to_accounts = button(_("acc-btn-to-accounts"), AccListCb(page=0))
    rows.append([to_accounts, button(_("btn-main-menu"), _main_menu())])
    return markup(rows)


def back_to_card_kb(_: Translator, account_id: int) -> InlineKeyboardMarkup:
    return markup([back_cancel_row(_, back=AccCb(action=AccAction.CARD, account_id=account_id))])


# --- payments ---------------------------------------------------------------------------------


def select_accounts_kb(
    _: Translator,
    items: Sequence[tuple[int, str, bool]],
    page: int,
    pages: int,
    selected: int,
) -> InlineKeyboardMarkup:
    """The accounts' check boxes: the shared multi-select (`PickCb`, of `PAY_PICK`)."""
    rows: list[Row] = pick_rows(PAY_PICK, items, page)
    rows.append(pager_row(_, page, pages, lambda p: SelCb(action=SelAction.PAGE, page=p)))
    rows.append(
        pick_all_none_row(PAY_PICK, page, _("acc-btn-select-all"), _("acc-btn-select-none"))
    )
    show_key = "acc-btn-show-selected" if selected else "acc-btn-show-all"
    rows.append(pick_done_row(PAY_PICK, _(show_key, n=selected)))
    rows.append(back_cancel_row(_, back=AccListCb(page=0)))
    return markup(rows)


def payments_kb(
    _: Translator,
    page: int,
    pages: int,
    *,
    back: CallbackData,
    has_filters: bool,
    can_export: bool,
) -> InlineKeyboardMarkup:
    """The list's buttons; `back` returns to where the list was opened (card or selection)."""

    def act(action: PayAction) -> PayCb:
        return PayCb(action=action, page=page)

    rows: list[Row] = [
        pager_row(_, page, pages, lambda p: PayCb(action=PayAction.LIST, page=p)),
        [
            button(_("acc-btn-period"), act(PayAction.PERIOD)),
            button(_("acc-btn-types"), act(PayAction.TYPES)),
        ],
        [
            button(_("acc-btn-amount"), act(PayAction.AMOUNT)),
            button(_("acc-btn-atype"), act(PayAction.ATYPE)),
        ],
    ]
    last: Row = []
    if can_export:
        last.append(button(_("acc-btn-export"), act(PayAction.EXPORT)))
    if has_filters:
        last.append(button(_("acc-btn-reset"), act(PayAction.RESET)))
    rows.append(last)
    rows.append(back_cancel_row(_, back=back))
    return markup(rows)


def period_kb(
    _: Translator, page: int, quick: Sequence[tuple[QuickRange | None, str, bool]]
) -> InlineKeyboardMarkup:
    """`quick`: (range, label, selected); the range None means all time."""
    return _pay_radio_kb(
        _, page, [(PayCb(action=PayAction.QUICK, page=page, rng=r), lb, on) for r, lb, on in quick]
    )


def types_kb(
    _: Translator, page: int, items: Sequence[tuple[OpType, str, bool]]
) -> InlineKeyboardMarkup:
    rows = checkbox_rows(
        (label, checked, PayCb(action=PayAction.TOGGLE_TYPE, page=page, op=op))
        for op, label, checked in items
    )
    rows.append([button(_("acc-btn-done"), PayCb(action=PayAction.LIST, page=0))])
    return markup(rows)


def account_type_kb(
    _: Translator, page: int, items: Sequence[tuple[AccountType | None, str, bool]]
) -> InlineKeyboardMarkup:
    """`items`: (type, label, selected); the type None means any."""
    return _pay_radio_kb(
        _,
        page,
        [(PayCb(action=PayAction.SET_ATYPE, page=page, atype=t), lb, on) for t, lb, on in items],
    )


def _pay_radio_kb(
    _: Translator, page: int, items: Sequence[tuple[PayCb, str, bool]]
) -> InlineKeyboardMarkup:
    """One choice of a filter: (callback, label, selected) radio buttons, «Назад» to the list."""
    rows = radio_rows((label, selected, data) for data, label, selected in items)
    rows.append(back_cancel_row(_, back=PayCb(action=PayAction.LIST, page=page)))
    return markup(rows)


def amount_kb(_: Translator, page: int, has_amount: bool) -> InlineKeyboardMarkup:
    rows: list[Row] = []
    if has_amount:
        rows.append([button(_("acc-btn-any-amount"), PayCb(action=PayAction.CLEAR_AMOUNT))])
    rows.append(back_cancel_row(_, back=PayCb(action=PayAction.LIST, page=page)))
    return markup(rows)


def export_kb(_: Translator, page: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [
                button(f.value.upper(), PayCb(action=PayAction.FORMAT, page=page, fmt=f))
                for f in ExportFormat
            ],
            back_cancel_row(_, back=PayCb(action=PayAction.LIST, page=page)),
        ]
    )


# --- statistics -------------------------------------------------------------------------------


def stats_kb(
    _: Translator,
    account_id: int,
    view: StatsView,
    rng: QuickRange | None,
    views: Sequence[tuple[StatsView, str]],
    ranges: Sequence[tuple[QuickRange, str]],
) -> InlineKeyboardMarkup:
    rows = radio_rows(
        (
            (label, code == view, StatCb(view=code, rng=rng, account_id=account_id))
            for code, label in views
        ),
        per_row=3,
    )
    rows += radio_rows(
        (
            (label, code == rng, StatCb(view=view, rng=code, account_id=account_id))
            for code, label in ranges
        ),
        per_row=2,
    )
    rows.append([button(_("acc-btn-own-period"), StatTypeCb(view=view, account_id=account_id))])
    back = AccCb(action=AccAction.CARD, account_id=account_id) if account_id else AccListCb(page=0)
    rows.append(back_cancel_row(_, back=back))
    return markup(rows)


# --- prepayment, cashback, delivery, alert ----------------------------------------------------


def cashback_overview_kb(_: Translator, items: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [button(label, CbkCb(action=CbkAction.HISTORY, account_id=account_id))]
        for account_id, label in items
    ]
    rows.append(back_cancel_row(_, back=AccListCb(page=0)))
    return markup(rows)


def cashback_kb(
    _: Translator, account_id: int, page: int, pages: int, *, can_spend: bool
) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        pager_row(
            _, page, pages, lambda p: CbkCb(action=CbkAction.HISTORY, account_id=account_id, page=p)
        )
    ]
    if can_spend:
        rows.append(
            [
                button(
                    _("acc-btn-cashback-spend"),
                    CbkCb(action=CbkAction.SPEND, account_id=account_id),
                )
            ]
        )
    rows.append(back_cancel_row(_, back=AccCb(action=AccAction.CARD, account_id=account_id)))
    return markup(rows)


def cashback_confirm_kb(_: Translator, account_id: int) -> InlineKeyboardMarkup:
    return markup(
        [
            yes_no_row(
                _,
                CbkCb(action=CbkAction.CONFIRM, account_id=account_id),
                CbkCb(action=CbkAction.CANCEL, account_id=account_id),
                "acc-btn-confirm",
                "btn-cancel",
            )
        ]
    )


def delivery_kb(
    _: Translator,
    account_id: int,
    items: Sequence[tuple[DeliveryMethod, str, bool]],
    can_change: bool,
) -> InlineKeyboardMarkup:
    rows: list[Row] = []
    if can_change:
        rows = radio_rows(
            (label, selected, DlvCb(account_id=account_id, method=method))
            for method, label, selected in items
        )
    rows.append(back_cancel_row(_, back=AccCb(action=AccAction.CARD, account_id=account_id)))
    return markup(rows)


def alert_kb(
    _: Translator, account_id: int, *, enabled: bool, can_change: bool
) -> InlineKeyboardMarkup:
    rows: list[Row] = []
    if can_change:
        row = [button(_("acc-btn-alert-set"), AlrCb(action=AlrAction.EDIT, account_id=account_id))]
        if enabled:
            row.append(
                button(_("acc-btn-alert-off"), AlrCb(action=AlrAction.OFF, account_id=account_id))
            )
        rows.append(row)
    rows.append(back_cancel_row(_, back=AccCb(action=AccAction.CARD, account_id=account_id)))
    return markup(rows)


def input_kb(_: Translator, back: CallbackData) -> InlineKeyboardMarkup:
    """Under a question that waits for typed input: back (which also stops waiting)."""
    return markup([back_cancel_row(_, back=back)])
