"""Keyboards of the application for remote service."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from keyboards.texts import Translator
from keyboards.widgets import back_cancel_row, button, markup


class ApplyAction(StrEnum):
    YES = "yes"
    NO = "no"
    BACK = "back"
    CANCEL = "cancel"
    SEND = "send"
    EDIT = "edit"
    FIELD = "field"
    SUMMARY = "summary"


class ApplyCb(CallbackData, prefix="ap"):
    action: ApplyAction
    # Index of a field in the application's field list (for "field").
    field: int = -1


def question(_: Translator, *, yes_no: bool = False) -> InlineKeyboardMarkup:
    rows = []
    if yes_no:
        rows.append(
            [
                button(_("apply-btn-yes"), ApplyCb(action=ApplyAction.YES)),
                button(_("apply-btn-no"), ApplyCb(action=ApplyAction.NO)),
            ]
        )
    rows.append(
        back_cancel_row(_, ApplyCb(action=ApplyAction.BACK), ApplyCb(action=ApplyAction.CANCEL))
    )
    return markup(rows)


def summary(_: Translator) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(_("apply-btn-send"), ApplyCb(action=ApplyAction.SEND))],
            [button(_("apply-btn-edit"), ApplyCb(action=ApplyAction.EDIT))],
            back_cancel_row(
                _, ApplyCb(action=ApplyAction.BACK), ApplyCb(action=ApplyAction.CANCEL)
            ),
        ]
    )


# Half a row on a phone shows about 16 characters; a longer label gets a row of its own.
HALF_ROW = 16


def fields(_: Translator, items: Iterable[tuple[int, str]]) -> InlineKeyboardMarkup:
    """`items`: (index of the field, its label)."""
    rows: list[list[InlineKeyboardButton]] = []
    row: list[InlineKeyboardButton] = []
    for index, label in items:
        btn = button(label, ApplyCb(action=ApplyAction.FIELD, field=index))
        if len(label) > HALF_ROW:
            if row:
                rows.append(row)
                row = []
            rows.append([btn])
            continue
        row.append(btn)
        if len(row) == 2:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    rows.append(
        back_cancel_row(_, ApplyCb(action=ApplyAction.SUMMARY), ApplyCb(action=ApplyAction.CANCEL))
    )
    return markup(rows)
