"""Buttons of «📑 Документы»: the section's menu, the order dialog's steps, the summary, the
document history and a document order's screen.

Every callback carries short codes and ints, far under Telegram's 64 bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from domain.types import DocumentFormat, DocumentKind, NotifyBy
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


class DocStep(StrEnum):
    MENU = "m"
    ORDER = "o"  # start the documents order
    RECON = "r"  # start the reconciliation statement
    ACCOUNTS = "a"
    PERIOD = "p"
    KINDS = "k"
    FORMAT = "f"
    NOTIFY = "n"
    ZIP = "z"
    PROTECT = "pw"
    SUMMARY = "s"


class DocNavCb(CallbackData, prefix="dnav"):
    """Go to a step (back, or edit from the summary). ORDER / RECON with `account_id`: start
    with that account ticked, at the period (from an account's card)."""

    step: DocStep
    account_id: int = 0


class DocForAccountCb(CallbackData, prefix="dacc"):
    """«📑 Документы» on an account's card: the section for that account."""

    account_id: int


DOC_PICK = "doc"  # the accounts' multi-select (`keyboards.widgets.PickCb`)


class DocAccPageCb(CallbackData, prefix="dpg"):
    """A page of the accounts to tick."""

    page: int


class DocPeriodCb(CallbackData, prefix="dper"):
    """`first`/`last` are months as yyyymm; 0 asks for a typed range."""

    first: int
    last: int


class DocKindAction(StrEnum):
    TOGGLE = "t"
    NEXT = "go"


class DocKindCb(CallbackData, prefix="dkind"):
    action: DocKindAction
    kind: DocumentKind = DocumentKind.INVOICE


class DocFormatCb(CallbackData, prefix="dfmt"):
    fmt: DocumentFormat


class DocNotifyCb(CallbackData, prefix="dntf"):
    by: NotifyBy


class DocYesNoCb(CallbackData, prefix="dyn"):
    step: DocStep  # ZIP or PROTECT
    yes: int


class DocOrderNowCb(CallbackData, prefix="dgo"):
    """«Заказать» on the summary."""


class DocCancelCb(CallbackData, prefix="dcan"):
    """Leave the dialog for the section's menu."""


class DocHistCb(CallbackData, prefix="dhis"):
    """A kind that is not one of DocumentKind's is not this callback at all (the fallback
    answers «Эта кнопка недоступна»)."""

    page: int = 0
    kind: DocumentKind | None = None  # None = every kind
    order_id: int = 0  # 0 = every order
    filters: int = 0  # 1: show the kind filter
    fresh: int = 0  # 1: answer with a new message (from a push, which stays as it is)


class DocQuickCb(CallbackData, prefix="dq"):
    """«🧾 Счёт за <месяц>»: last ended month's invoice straight to the summary; 0 = the account
    is chosen first (unless there is one). The month is the server's, never the button's."""

    account_id: int = 0


def quick_invoice_button(_: Translator, month: date, account_id: int = 0) -> InlineKeyboardButton:
    label = _("doc-btn-quick-invoice", month=_(f"acc-month-{month.month}"))
    return button(label, DocQuickCb(account_id=account_id))


class DocFileCb(CallbackData, prefix="dfile"):
    document_id: int


def yyyymm(day: date) -> int:
    return day.year * 100 + day.month


def from_yyyymm(code: int) -> date:
    return date(code // 100, code % 100, 1)


def _cancel_row(_: Translator, back: DocStep | None) -> Row:
    return back_cancel_row(_, DocNavCb(step=back) if back is not None else None, DocCancelCb())


def section_kb(
    _: Translator,
    *,
    can_order: bool,
    account_id: int = 0,
    back: CallbackData | None = None,
    month: date | None = None,
) -> InlineKeyboardMarkup:
    """The section's menu; with `account_id` the orders start with that account ticked and
    `back` returns to its card; `month`: the last ended one, for «🧾 Счёт за <месяц>»."""
    rows: list[Row] = []
    if can_order and month is not None:
        rows.append([quick_invoice_button(_, month, account_id)])
    if can_order:
        order = DocNavCb(step=DocStep.ORDER, account_id=account_id)
        rows.append([button(_("doc-btn-order"), order)])
        rows.append(
            [button(_("doc-btn-recon"), DocNavCb(step=DocStep.RECON, account_id=account_id))]
        )
    rows.append([button(_("doc-btn-history"), DocHistCb())])
    rows.append(back_cancel_row(_, back=back))
    rows.append([button(_("btn-main-menu"), MenuCb(section=Section.MAIN))])
    return markup(rows)


def accounts_kb(
    _: Translator,
    items: Sequence[tuple[int, str, bool]],
    page: int,
    pages: int,
    selected: int,
) -> InlineKeyboardMarkup:
    """The accounts as the shared check-box multi-select (each tick checked in the domain)."""
    rows: list[Row] = [pick_all_none_row(DOC_PICK, page, _("doc-btn-all"), _("doc-btn-none"))]
    rows += pick_rows(DOC_PICK, items, page)
    rows.append(pager_row(_, page, pages, lambda p: DocAccPageCb(page=p)))
    if selected:
        rows.append(pick_done_row(DOC_PICK, _("doc-btn-next", n=selected)))
    rows.append(_cancel_row(_, DocStep.MENU))
    return markup(rows)


def period_kb(
    _: Translator, months: Sequence[tuple[str, date]], quarter: tuple[str, date, date] | None
) -> InlineKeyboardMarkup:
    rows: list[Row] = []
    row: Row = []
    for label, first in months:
        row.append(button(label, DocPeriodCb(first=yyyymm(first), last=yyyymm(first))))
        if len(row) == 2:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    if quarter is not None:
        label, first, last = quarter
        rows.append([button(label, DocPeriodCb(first=yyyymm(first), last=yyyymm(last)))])
    rows.append([button(_("doc-btn-type-period"), DocPeriodCb(first=0, last=0))])
    rows.append(_cancel_row(_, DocStep.ACCOUNTS))
    return markup(rows)


def typed_period_kb(_: Translator) -> InlineKeyboardMarkup:
    return markup([_cancel_row(_, DocStep.PERIOD)])


def kinds_kb(
    _: Translator, kinds: Sequence[tuple[DocumentKind, str, bool]]
) -> InlineKeyboardMarkup:
    rows = checkbox_rows(
        (label, checked, DocKindCb(action=DocKindAction.TOGGLE, kind=kind))
        for kind, label, checked in kinds
    )
    if any(checked for _k, _l, checked in kinds):
        rows.append([button(_("doc-btn-continue"), DocKindCb(action=DocKindAction.NEXT))])
    rows.append(_cancel_row(_, DocStep.PERIOD))
    return markup(rows)


def format_kb(_: Translator, current: DocumentFormat | None) -> InlineKeyboardMarkup:
    rows = radio_rows(
        (
            (_("doc-fmt-pdf"), current == DocumentFormat.PDF, DocFormatCb(fmt=DocumentFormat.PDF)),
            (
                _("doc-fmt-html"),
                current == DocumentFormat.HTML,
                DocFormatCb(fmt=DocumentFormat.HTML),
            ),
        )
    )
    rows.append(_cancel_row(_, DocStep.KINDS))
    return markup(rows)


def notify_kb(
    _: Translator,
    options: Sequence[tuple[NotifyBy, str]],
    current: NotifyBy | None,
    back: DocStep,
) -> InlineKeyboardMarkup:
    rows = radio_rows(
        ((label, by is current, DocNotifyCb(by=by)) for by, label in options), per_row=1
    )
    rows.append(_cancel_row(_, back))
    return markup(rows)


def yes_no_kb(_: Translator, step: DocStep, back: DocStep) -> InlineKeyboardMarkup:
    return markup(
        [
            yes_no_row(_, DocYesNoCb(step=step, yes=1), DocYesNoCb(step=step, yes=0)),
            _cancel_row(_, back),
        ]
    )


def summary_kb(
    _: Translator, *, reconciliation: bool, format_choice: bool = True
) -> InlineKeyboardMarkup:
    """`format_choice`: False when every document of the order is PDF only (no «✏️ Формат»)."""
    edits: list[tuple[str, DocStep]] = [
        ("doc-edit-accounts", DocStep.ACCOUNTS),
        ("doc-edit-period", DocStep.PERIOD),
    ]
    if reconciliation:
        edits += [("doc-edit-notify", DocStep.NOTIFY), ("doc-edit-protect", DocStep.PROTECT)]
    else:
        edits.append(("doc-edit-kinds", DocStep.KINDS))
        if format_choice:
            edits.append(("doc-edit-format", DocStep.FORMAT))
        edits += [("doc-edit-notify", DocStep.NOTIFY), ("doc-edit-zip", DocStep.ZIP)]
    rows: list[Row] = [[button(_("doc-btn-place"), DocOrderNowCb())]]
    pair: Row = []
    for key, step in edits:
        pair.append(button(_(key), DocNavCb(step=step)))
        if len(pair) == 2:
            rows.append(pair)
            pair = []
    if pair:
        rows.append(pair)
    rows.append([button(_("btn-cancel"), DocCancelCb())])
    return markup(rows)


def placed_kb(_: Translator, order_id: int) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(_("doc-btn-order-docs"), DocHistCb(order_id=order_id))],
            [button(_("doc-btn-section"), DocNavCb(step=DocStep.MENU))],
        ]
    )


def document_order_markup(_: Translator, order_id: int) -> InlineKeyboardMarkup:
    """The button under «Документы по заказу № … готовы»: the order's documents."""
    data = DocHistCb(order_id=order_id, fresh=1)
    return markup([[button(_("doc-btn-open-order", id=order_id), data)]])


def history_kb(
    _: Translator,
    files: Sequence[tuple[int, str]],
    page: int,
    pages: int,
    *,
    kind: DocumentKind | None,
    order_id: int,
    filters: bool,
    kinds: Sequence[tuple[DocumentKind | None, str]],
) -> InlineKeyboardMarkup:
    """`kinds`: (kind, label) for the filter; the kind None means every kind."""
    rows: list[Row] = [[button(label, DocFileCb(document_id=i))] for i, label in files]
    rows.append(
        pager_row(_, page, pages, lambda p: DocHistCb(page=p, kind=kind, order_id=order_id))
    )
    if filters:
        rows += radio_rows(
            ((label, k is kind, DocHistCb(kind=k, order_id=order_id)) for k, label in kinds),
            per_row=2,
        )
    else:
        rows.append(
            [button(_("doc-btn-filter"), DocHistCb(kind=kind, order_id=order_id, filters=1))]
        )
    if order_id:
        rows.append([button(_("doc-btn-all-history"), DocHistCb())])
    rows.append(
        [
            button(_("doc-btn-section"), DocNavCb(step=DocStep.MENU)),
            button(_("btn-main-menu"), MenuCb(section=Section.MAIN)),
        ]
    )
    return markup(rows)
