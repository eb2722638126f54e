"""Keyboards of the application for remote service."""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from keyboards.texts import Translator
from keyboards.widgets import back_cancel_row, button, markup


class ApplyCb(CallbackData, prefix="ap"):
    action: str
    # Index of a field in the application's field list (for "field").
    field: int = -1


def question(_: Translator, *, yes_no: bool = False) -> InlineKeyboardMarkup:
    rows = []
    if yes_no:
        rows.append(
            [
                button(_("apply-btn-yes"), ApplyCb(action="yes")),
                button(_("apply-btn-no"), ApplyCb(action="no")),
            ]
        )
    rows.append(back_cancel_row(_, ApplyCb(action="back"), ApplyCb(action="cancel")))
    return markup(rows)


def summary(_: Translator) -> InlineKeyboardMarkup:
    return markup(
        [
            [button(_("apply-btn-send"), ApplyCb(action="send"))],
            [button(_("apply-btn-edit"), ApplyCb(action="edit"))],
            back_cancel_row(_, ApplyCb(action="back"), ApplyCb(action="cancel")),
        ]
    )


# Half a row on a phone shows about 16 characters; a longer label gets a row of its own.
HALF_ROW = 16


def fields(_: Translator, items: Iterable[tuple[int, str]]) -> InlineKeyboardMarkup:
    """`items`: (index of the field, its label)."""
    rows: list[list[InlineKeyboardButton]] = []
    row: list[InlineKeyboardButton] = []
    for index, label in items:
        btn = button(label, ApplyCb(action="field", field=index))
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
    rows.append(back_cancel_row(_, ApplyCb(action="summary"), ApplyCb(action="cancel")))
    return markup(rows)
