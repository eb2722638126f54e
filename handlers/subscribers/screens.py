"""What the subscribers section shows, shared by its routers: the numbers list with its
filter, the subscriber card and its buttons, the forwarding lines."""

from __future__ import annotations

from html import escape

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.access.checks import Permission, Principal
from domain.db import Db
from domain.money import format_rub
from domain.subscribers import numbers as subs
from domain.subscribers.numbers import ListFilter, SubscriberCard
from domain.types import ForwardingType, SubscriberStatus
from domain.validation import format_phone
from handlers.gate import edit_or_send
from handlers.multiselect import keep_picked, picked
from keyboards import subscribers as kb
from keyboards.subscribers import (
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


class SubInput(StatesGroup):
    search = State()
    page = State()
    add_name = State()
    add_number = State()
    add_photo = State()
    add_comment = State()
    add_summary = State()
    code = State()
    edit_name = State()
    edit_comment = State()
    edit_email = State()
    edit_photo = State()
    limit = State()


# --- the list ---


def short_name(name: str, size: int = 24) -> str:
    return name if len(name) <= size else name[: size - 1] + "…"


def row_label(row: subs.SubscriberRow) -> str:
    name = short_name(row.name) if row.name else "—"
    return f"{STATUS_MARK[row.status]} {format_phone(row.msisdn)} · {name}"


async def get_filter(state: FSMContext) -> ListFilter:
    data = (await state.get_data()).get("sf") or {}
    return ListFilter(
        query=str(data.get("q") or ""),
        group_id=data.get("g"),
        label_id=data.get("l"),
    )


async def set_filter(state: FSMContext, flt: ListFilter) -> None:
    await state.update_data(sf={"q": flt.query, "g": flt.group_id, "l": flt.label_id})


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
        done_key = "sub-btn-sel-done"
        purpose = (await state.get_data()).get("purpose") or {}
        if purpose.get("kind") == "group_add":
            done_key = "sub-btn-sel-group-add"
        elif purpose.get("kind") == "group_drop":
            done_key = "sub-btn-sel-group-drop"
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
        manage=principal.can(Permission.MANAGE_SUBSCRIBERS),
        groups=principal.can(Permission.MANAGE_GROUPS),
    )


# --- the card ---------------------------------------------------------------------------------


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
    lines.append(_("sub-card-tariff", tariff=escape(card.tariff or "—")))
    if card.services:
        lines.append(_("sub-card-services", services=escape(", ".join(card.services))))
    else:
        lines.append(_("sub-card-no-services"))
    spent = format_rub(card.month_spent_kop)
    if card.limit_kop:
        lines.append(
            _(
                "sub-card-limit",
                spent=spent,
                limit=format_rub(card.limit_kop),
                percent=card.limit_percent or 0,
            )
        )
        if card.outgoing_barred:
            lines.append(_("sub-card-barred"))
    else:
        lines.append(_("sub-card-spent", spent=spent))
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
    return kb.card_kb(
        _,
        card.id,
        manage=principal.can(Permission.MANAGE_SUBSCRIBERS),
        pending=card.status is SubscriberStatus.PENDING,
        grant=principal.can(Permission.GRANT_ACCESS),
        forwarding=principal.can(Permission.MANAGE_FORWARDING)
        and card.status is not SubscriberStatus.PENDING,
        number_management=principal.can(Permission.REPLACE_SIM)
        and card.status is not SubscriberStatus.PENDING,
        # A card too long for a caption is text, with its photo one button away.
        has_photo=photo_button and card.photo_file_id is not None,
        own_view=principal.own_number_only,
        own_services=principal.own_number_only and principal.can(Permission.MANAGE_SERVICES),
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
