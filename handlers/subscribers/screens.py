"""What the subscribers section shows, shared by its routers: the numbers list with its
filter, the subscriber card and its buttons, the forwarding lines."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from html import escape
from typing import Any, ClassVar

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from pydantic import BaseModel

from domain.access.checks import Principal
from domain.db import Db
from domain.money import format_rub
from domain.subscribers import numbers as subs
from domain.subscribers.numbers import ListFilter, SubscriberCard
from domain.subscribers.rights import rights_of
from domain.types import ForwardingType, SubscriberStatus
from domain.validation import format_phone
from handlers.common import short_name
from handlers.dialog_data import DialogData
from handlers.gate import edit_or_send
from handlers.multiselect import keep_picked, picked
from handlers.typed import TextState
from keyboards import subscribers as kb
from keyboards.subscribers import (
    Bulk,
    BulkCb,
    ListMode,
)
from keyboards.texts import Translator

MAX_SELECTED = 10_000
CAPTION_LIMIT = 1024
STATUS_MARK = {
    SubscriberStatus.ACTIVE: "🟢",
    SubscriberStatus.BLOCKED: "⛔",
    SubscriberStatus.PENDING: "⏳",
    SubscriberStatus.REMOVED: "✖️",
}


class ListInput(StatesGroup):
    search = TextState()
    page = TextState()


# --- the list ---


def row_label(row: subs.SubscriberRow) -> str:
    name = short_name(row.name) if row.name else "—"
    return f"{STATUS_MARK[row.status]} {format_phone(row.msisdn)} · {name}"


class Members(BaseModel):
    """The check boxes pick numbers to add to a group (`adding`) or to take out of it."""

    adding: bool
    group_id: int


class ListData(DialogData):
    """The numbers list: its filter, whether it shows check boxes, and what they are for."""

    KEY: ClassVar[str] = "sub_list"
    query: str = ""
    group_id: int | None = None
    label_id: int | None = None
    selecting: bool = False
    members: Members | None = None  # None: the checked numbers go to the bulk changes

    @property
    def filter(self) -> ListFilter:
        return ListFilter(self.query, self.group_id, self.label_id)

    @property
    def mode(self) -> ListMode:
        return ListMode.SELECT if self.selecting else ListMode.BROWSE


async def get_filter(state: FSMContext) -> ListFilter:
    return (await ListData.load(state)).filter


async def set_filter(state: FSMContext, flt: ListFilter) -> None:
    await ListData.change(state, query=flt.query, group_id=flt.group_id, label_id=flt.label_id)


async def start_browsing(state: FSMContext) -> None:
    """The plain list again: no check boxes, nothing checked."""
    await unselect(state)
    await ListData.change(state, selecting=False, members=None)


async def start_selecting(state: FSMContext, members: Members | None = None) -> None:
    """The check boxes, none checked yet, for the bulk changes or for a group's members."""
    await unselect(state)
    await ListData.change(state, selecting=True, members=members)


async def selected(state: FSMContext) -> list[int]:
    """The numbers ticked for a bulk change (the multi-select `kb.PICK`)."""
    return await picked(state, kb.PICK)


async def unselect(state: FSMContext) -> None:
    await keep_picked(state, kb.PICK, [])


def filter_text(_: Translator, flt: ListFilter, names: dict[str, str]) -> str:
    parts: list[str] = []
    if flt.query:
        parts.append(_("sub-filter-query", query=escape(flt.query)))
    if flt.group_id is not None:
        parts.append(_("sub-filter-group", group=escape(names.get("group", ""))))
    if flt.label_id is not None:
        parts.append(_("sub-filter-label", label=escape(names.get("label", ""))))
    return "\n".join(parts)


async def _filter_names(db: Db, flt: ListFilter) -> dict[str, str]:
    from domain.subscribers.groups import group_name
    from domain.subscribers.labels import label_name

    names: dict[str, str] = {}
    if flt.group_id is not None:
        names["group"] = await group_name(db, flt.group_id)
    if flt.label_id is not None:
        names["label"] = await label_name(db, flt.label_id)
    return names


def is_filtered(flt: ListFilter) -> bool:
    return bool(flt.query) or flt.group_id is not None or flt.label_id is not None


# --- the list ---------------------------------------------------------------------------------


async def list_screen(
    db: Db, principal: Principal, state: FSMContext, _: Translator, page: int, mode: ListMode
) -> tuple[str, InlineKeyboardMarkup]:
    flt = await get_filter(state)
    result = await subs.list_subscribers(db, principal, flt, page)
    names = await _filter_names(db, flt)
    lines = [_("sub-list-title", n=result.total)]
    ftext = filter_text(_, flt, names)
    if ftext:
        lines.append(ftext)
    if result.total == 0:
        lines.append(_("sub-list-empty" if is_filtered(flt) else "sub-list-none"))
    if mode is ListMode.SELECT:
        chosen = set(await selected(state))
        lines.append(_("sub-sel-hint", n=len(chosen)))
        items = [(r.id, row_label(r), r.id in chosen) for r in result.items]
        members = (await ListData.load(state)).members
        done_key = "sub-btn-sel-done"
        if members is not None:
            done_key = "sub-btn-sel-group-add" if members.adding else "sub-btn-sel-group-drop"
        return "\n".join(lines), kb.select_kb(
            _, items, result.page, result.pages, len(chosen), done_key=done_key
        )
    items2 = [(r.id, row_label(r)) for r in result.items]
    return "\n".join(lines), kb.list_kb(
        _,
        items2,
        result.page,
        result.pages,
        filtered=is_filtered(flt),
        manage=rights_of(principal).manage,
        groups=rights_of(principal).groups,
    )


# --- the card ---------------------------------------------------------------------------------


def _spending_lines(_: Translator, card: SubscriberCard) -> list[str]:
    spent = format_rub(card.month_spent_kop)
    if not card.limit_kop:
        return [_("sub-card-spent", spent=spent)]
    limit, percent = format_rub(card.limit_kop), card.limit_percent or 0
    lines = [_("sub-card-limit", spent=spent, limit=limit, percent=percent)]
    if card.outgoing_barred:
        lines.append(_("sub-card-barred"))
    return lines


def _tariff_lines(_: Translator, card: SubscriberCard) -> list[str]:
    """Tariff, services and spending; a number not yet confirmed has none of them yet."""
    if card.status is SubscriberStatus.PENDING:
        return [_("sub-card-pending-note")]
    lines = [_("sub-card-tariff", tariff=escape(card.tariff or "—"))]
    if card.services:
        lines.append(_("sub-card-services", services=escape(", ".join(card.services))))
    else:
        lines.append(_("sub-card-no-services"))
    return lines + _spending_lines(_, card)


def card_text(_: Translator, card: SubscriberCard, principal: Principal) -> str:
    lines = [
        _("sub-card-title", number=format_phone(card.msisdn)),
        _("sub-card-name", name=escape(card.name or "—")),
    ]
    if card.position:
        lines.append(_("sub-card-position", position=escape(card.position)))
    lines.append(_(f"sub-status-{card.status.value}"))
    if card.status is SubscriberStatus.BLOCKED and card.block_reason:
        lines.append(_("sub-card-block-reason", reason=escape(card.block_reason)))
    lines.append(_("sub-card-account", account=card.account_number))
    lines += _tariff_lines(_, card)
    if card.labels:
        lines.append(_("sub-card-labels", labels=escape(", ".join(card.labels))))
    if card.group:
        lines.append(_("sub-card-group", group=escape(card.group)))
    if card.email:
        lines.append(_("sub-card-email", email=escape(card.email)))
    if card.comment:
        lines.append(_("sub-card-comment", comment=escape(card.comment)))
    level = _(f"role-{card.level.value}") if card.level else _("sub-card-level-none")
    lines.append(_("sub-card-level", level=level))
    lines.append(forwarding_lines(_, card))
    if principal.own_number_only:
        lines.append("")
        lines.append(_(f"sub-mine-{principal.role.value}"))
    return "\n".join(lines)


def forwarding_lines(_: Translator, card: SubscriberCard) -> str:
    if not card.forwarding:
        return _("sub-card-fwd-none")
    lines = [_("sub-card-fwd")]
    for rule in card.forwarding:
        line = _(
            "sub-fwd-rule",
            type=_(f"sub-fwd-type-{rule.type.value}"),
            target=format_phone(rule.target),
        )
        if rule.suspended:
            line += " " + _("sub-fwd-suspended")
        lines.append(line)
    if (
        any(r.type is ForwardingType.UNCONDITIONAL for r in card.forwarding)
        and len(card.forwarding) > 1
    ):
        lines.append(_("sub-fwd-uncond-note"))
    return "\n".join(lines)


def card_markup(
    _: Translator, card: SubscriberCard, principal: Principal, *, photo_button: bool = True
) -> InlineKeyboardMarkup:
    may = rights_of(principal)
    pending = card.status is SubscriberStatus.PENDING
    return kb.card_kb(
        _,
        card.id,
        manage=may.manage,
        pending=pending,
        grant=may.grant,
        forwarding=may.forwarding and not pending,
        number_management=may.number_management and not pending,
        # A card too long for a caption is text, with its photo one button away.
        has_photo=photo_button and card.photo_file_id is not None,
        own_view=principal.own_number_only,
        own_services=may.own_services,
    )


async def show_card(
    target: Message | CallbackQuery,
    db: Db,
    principal: Principal,
    _: Translator,
    sub_id: int,
    note: str = "",
) -> None:
    card = await subs.subscriber_card(db, principal, sub_id)
    text = card_text(_, card, principal)
    if note:
        text = note + "\n\n" + text
    if card.photo_file_id is not None and len(text) <= CAPTION_LIMIT:
        # The employee's photo is the card itself, its text the caption.
        markup = card_markup(_, card, principal, photo_button=False)
        if isinstance(target, Message):
            await target.answer_photo(card.photo_file_id, caption=text, reply_markup=markup)
            return
        if isinstance(target.message, Message):
            await target.message.answer_photo(card.photo_file_id, caption=text, reply_markup=markup)
            await target.answer()
            return
    await edit_or_send(target, text, card_markup(_, card, principal))


# --- the checked numbers ----------------------------------------------------------------------


async def checked_or_alert(callback: CallbackQuery, state: FSMContext, _: Translator) -> list[int]:
    """The checked numbers; none (a stale button) is answered «Сначала отметьте…»."""
    chosen = await selected(state)
    if not chosen:
        await callback.answer(_("sub-sel-empty"), show_alert=True)
    return chosen


def bulk_markup(_: Translator, principal: Principal, n: int) -> InlineKeyboardMarkup:
    """What to do with `n` checked numbers."""
    return kb.bulk_kb(_, n, groups=rights_of(principal).groups)


def bulk_text(_: Translator, n: int, note: str = "") -> str:
    text = _("sub-bulk-title", n=n)
    return note + "\n\n" + text if note else text


# The checked numbers into the group or out of the label a button names (its `target`); how
# many changed.
BulkChange = Callable[[Db, Principal, list[int], int], Awaitable[int]]
# What a bulk button offers to pick from (groups, labels): ids and their buttons' labels.
BulkChoices = Callable[[Db, Principal], Awaitable[list[tuple[int, str]]]]


def picking_for_checked(
    choices: BulkChoices, ask_key: str, then: Bulk
) -> Callable[..., Awaitable[Any]]:
    """The handler of a bulk button that first asks which group or label (`ask_key`); the
    pick is the button `then`."""

    async def pick(
        callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
    ) -> None:
        if not await checked_or_alert(callback, state, _):
            return
        items = await choices(db, principal)
        await edit_or_send(callback, _(ask_key), kb.bulk_pick_kb(_, items, then))

    return pick


def changing_checked(change: BulkChange, done_key: str) -> Callable[..., Awaitable[Any]]:
    """The handler of a bulk button that changes the checked numbers at once; the bulk screen
    then says how many changed (`done_key`)."""

    async def apply(
        callback: CallbackQuery,
        callback_data: BulkCb,
        db: Db,
        principal: Principal,
        state: FSMContext,
        _: Translator,
    ) -> None:
        chosen = await checked_or_alert(callback, state, _)
        if not chosen:
            return
        n = await change(db, principal, chosen, callback_data.target)
        text = bulk_text(_, len(chosen), _(done_key, n=n))
        await edit_or_send(callback, text, bulk_markup(_, principal, len(chosen)))

    return apply
