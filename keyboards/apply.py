"""Keyboards of the application for remote service."""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

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


def fields(_: Translator, items: Iterable[tuple[int, str]]) -> InlineKeyboardMarkup:
    """`items`: (index of the field, its label)."""
    rows = []
    row = []
    for index, label in items:
        row.append(button(label, ApplyCb(action="field", field=index)))
        if len(row) == 2:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    rows.append(back_cancel_row(_, ApplyCb(action="summary"), ApplyCb(action="cancel")))
    return markup(rows)
