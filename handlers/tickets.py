"""Support tickets, the client's side: create (topic → message → files → phone → summary →
send), the list with filters and sorting, the card with the whole conversation and its files,
reply, close, reopen, rate.

The dialogs keep what the user gave in typed models (`NewTicketData`, `ReplyData`,
`CommentData`, `ListData`); nothing typed or sent is lost by a mistake in a later step. Every
id from a button is checked by `domain.tickets.desk`. One handler per button and per step.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from html import escape, unescape
from typing import Any, ClassVar

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from pydantic import Field

from domain.access.checks import Principal
from domain.clock import fmt_date, fmt_datetime
from domain.db import Db
from domain.errors import DomainError
from domain.long_text import TELEGRAM_TEXT_MAX, beginning, pieces, utf16_len
from domain.tickets import desk as tk
from domain.tickets.attachments import MAX_FILE_MB, MAX_FILES, Attachment, check_count
from domain.types import AttachmentKind, TicketAuthor, TicketSort, TicketStatus, TicketTopic
from domain.validation import format_phone
from handlers.common import error_text, incoming_file, show
from handlers.dialog_data import DialogData
from handlers.gate import ask_about, edit_or_send, money_router
from handlers.start import show_main_menu
from handlers.typed import TextState
from keyboards import tickets as kb
from keyboards.menu import MenuCb, Section
from keyboards.texts import Translator

PER_PAGE = 8
# One screen of the conversation: at most this many messages, each shown up to SHOWN characters
# (a longer one: its beginning, said to be one, and «📄 Показать целиком» sends it whole).
MESSAGES_PER_PAGE = 4
FILES_PER_PAGE = 8
SHOWN = 600
# How much of the text being written the dialog's screens show (all of it is kept).
SHOWN_IN_QUESTION = 300
SHOWN_IN_SUMMARY = 2000
SHOWN_IN_REPLY = 500


class NewTicket(StatesGroup):
    topic = State()
    text = State()
    files = State()
    phone = TextState()
    summary = State()


class TicketInput(StatesGroup):
    reply = State()
    comment = TextState()


def _staff_chat(settings: Any) -> int | None:
    return getattr(settings, "support_chat_id", None)


class NewTicketData(DialogData):
    """What the new-ticket dialog has been given so far (kept through «Назад» and mistakes)."""

    KEY: ClassVar[str] = "tic_new"
    topic: TicketTopic | None = None
    text: str = ""
    files: list[dict[str, Any]] = Field(default_factory=list)  # `Attachment.as_dict()`
    phone: str = ""


class ReplyData(DialogData):
    """A reply being put together: the ticket, the text so far, the files so far."""

    KEY: ClassVar[str] = "tic_reply"
    ticket_id: int = 0
    text: str = ""
    files: list[dict[str, Any]] = Field(default_factory=list)


class CommentData(DialogData):
    """The ticket whose rating a typed comment explains."""

    KEY: ClassVar[str] = "tic_comment"
    ticket_id: int = 0


class ListData(DialogData):
    """The list's filters and page, for «К списку» under a card."""

    KEY: ClassVar[str] = "tic_list"
    page: int = 0
    status: TicketStatus | None = None
    topic: TicketTopic | None = None
    sort: TicketSort = TicketSort.DATE


# --- files, wherever they come ------------------------------------------------------------------


def _take_file(message: Message, files: list[dict[str, Any]], _: Translator) -> str:
    """Add the message's file to `files` if it passes; → the line to tell the user."""
    try:
        check_count(len(files))
        item = incoming_file(message, len(files) + 1)
    except DomainError as err:
        return _("tic-file-refused", reason=error_text(_, err), n=len(files), limit=MAX_FILES)
    files.append(item.as_dict())
    return _("tic-file-taken", name=escape(item.name), n=len(files), limit=MAX_FILES)


# --- creating -----------------------------------------------------------------------------------


async def new_start(
    callback: CallbackQuery, state: FSMContext, db: Db, principal: Principal, _: Translator
) -> None:
    await tk.ensure_can_create(db, principal)
    await state.clear()
    await state.set_state(NewTicket.topic)
    await show(callback, _("tic-ask-topic"), kb.topics_kb(_, tk.CLIENT_TOPICS))


async def new_topic(
    callback: CallbackQuery, callback_data: kb.NewCb, state: FSMContext, _: Translator
) -> None:
    if callback_data.topic is None:
        await callback.answer(_("forged-button"), show_alert=True)
        return
    data = await NewTicketData.change(state, topic=tk.client_topic(callback_data.topic.value))
    await state.set_state(NewTicket.text)
    await show(callback, _ask_text(_, data), _text_kb(_, data))


def _topic_name(_: Translator, data: NewTicketData) -> str:
    return _(f"tic-topic-{(data.topic or TicketTopic.OTHER).value}")


def _ask_text(_: Translator, data: NewTicketData) -> str:
    lines = [_("tic-ask-text", topic=_topic_name(_, data), max=tk.TEXT_MAX)]
    if data.text:
        lines.append(_("tic-current", value=_draft(_, data.text, SHOWN_IN_QUESTION)))
    return "\n\n".join(lines)


def _text_kb(_: Translator, data: NewTicketData) -> InlineKeyboardMarkup:
    return kb.text_kb(_, keep=bool(data.text))


def _ask_files(_: Translator, n: int) -> str:
    return _("tic-ask-files", limit=MAX_FILES, mb=MAX_FILE_MB, n=n)


async def new_text(message: Message, state: FSMContext, _: Translator) -> None:
    data = await NewTicketData.load(state)
    try:
        text = tk.parse_ticket_text(message.text or "")
    except DomainError as err:
        question = f"{error_text(_, err)}\n\n{_ask_text(_, data)}"
        await message.answer(question, reply_markup=_text_kb(_, data))
        return
    data = await NewTicketData.change(state, text=text)
    await state.set_state(NewTicket.files)
    n = len(data.files)
    await message.answer(_ask_files(_, n), reply_markup=kb.files_kb(_, n))


async def new_file_for_text(message: Message, state: FSMContext, _: Translator) -> None:
    """A file where the text is asked: kept; its caption, if it reads as one, is the text."""
    data = await NewTicketData.load(state)
    line = _take_file(message, data.files, _)
    caption = (message.caption or "").strip()
    from_caption = False
    if caption and not data.text:
        try:
            data.text, from_caption = tk.parse_ticket_text(caption), True
        except DomainError:
            pass
    await data.save(state)
    if from_caption:
        await state.set_state(NewTicket.files)
        n = len(data.files)
        await message.answer(f"{line}\n\n{_ask_files(_, n)}", reply_markup=kb.files_kb(_, n))
        return
    await message.answer(f"{line}\n\n{_ask_text(_, data)}", reply_markup=_text_kb(_, data))


async def new_file(message: Message, state: FSMContext, _: Translator) -> None:
    """A file at the files step: kept (or refused, the rest kept)."""
    data = await NewTicketData.load(state)
    line = _take_file(message, data.files, _)
    await data.save(state)
    n = len(data.files)
    await message.answer(f"{line}\n\n{_ask_files(_, n)}", reply_markup=kb.files_kb(_, n))


async def new_keep_text(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    """Back at the text step with a text already given: go on with it."""
    data = await NewTicketData.load(state)
    if not data.text:
        await callback.answer(_("stale-button"), show_alert=True)
        return
    await state.set_state(NewTicket.files)
    n = len(data.files)
    await edit_or_send(callback, _ask_files(_, n), kb.files_kb(_, n))


async def new_files_text(message: Message, state: FSMContext, _: Translator) -> None:
    n = len((await NewTicketData.load(state)).files)
    await message.answer(
        f"{_('tic-files-text')}\n\n{_ask_files(_, n)}", reply_markup=kb.files_kb(_, n)
    )


async def _ask_phone(
    target: Message | CallbackQuery,
    state: FSMContext,
    db: Db,
    principal: Principal,
    _: Translator,
    before: str = "",
) -> None:
    await state.set_state(NewTicket.phone)
    own = await tk.default_notify_phone(db, principal)
    chosen = (await NewTicketData.load(state)).phone
    text = _("tic-ask-phone")
    if chosen:
        text += "\n\n" + _("tic-current", value=format_phone(chosen))
    if before:
        text = f"{before}\n\n{text}"
    markup = kb.phone_kb(_, format_phone(own) if own else None)
    await edit_or_send(target, text, markup)


async def new_files_done(
    callback: CallbackQuery, state: FSMContext, db: Db, principal: Principal, _: Translator
) -> None:
    await _ask_phone(callback, state, db, principal, _)


async def new_my_phone(
    callback: CallbackQuery, state: FSMContext, db: Db, principal: Principal, _: Translator
) -> None:
    own = await tk.default_notify_phone(db, principal)
    if own is None:
        await callback.answer(_("forged-button"), show_alert=True)
        return
    await _show_summary(callback, state, _, await NewTicketData.change(state, phone=own))


async def new_phone(
    message: Message, state: FSMContext, db: Db, principal: Principal, _: Translator
) -> None:
    try:
        phone = tk.parse_notify_phone(message.text or "")
    except DomainError as err:
        await _ask_phone(message, state, db, principal, _, before=error_text(_, err))
        return
    await _show_summary(message, state, _, await NewTicketData.change(state, phone=phone))


def _draft(_: Translator, text: str, size: int) -> str:
    """The text being written, escaped: whole up to `size`, else its beginning and a line that
    says so (the whole is kept and sent)."""
    if len(text) <= size:
        return escape(text)
    start = beginning(text, size)
    return f"{escape(start)}\n{_('tic-cut-draft', shown=len(start), length=len(text))}"


def _summary_text(_: Translator, data: NewTicketData) -> str:
    files = [Attachment.from_dict(f) for f in data.files]
    names = "\n".join(f"📎 {escape(f.name)}" for f in files) if files else _("tic-no-files")
    return _(
        "tic-summary",
        topic=_topic_name(_, data),
        text=_draft(_, data.text, SHOWN_IN_SUMMARY),
        files=names,
        n=len(files),
        phone=format_phone(data.phone),
    )


async def _show_summary(
    target: Message | CallbackQuery, state: FSMContext, _: Translator, data: NewTicketData
) -> None:
    await state.set_state(NewTicket.summary)
    await edit_or_send(target, _summary_text(_, data), kb.summary_kb(_))


async def new_send(
    callback: CallbackQuery,
    state: FSMContext,
    db: Db,
    principal: Principal,
    settings: Any,
    _: Translator,
) -> None:
    data = await NewTicketData.load(state)
    done = await tk.create_ticket(
        db,
        principal,
        topic=data.topic.value if data.topic else "",
        text=data.text,
        files=data.files,
        phone=data.phone,
        staff_chat_id=_staff_chat(settings),
    )
    await state.clear()
    await show(
        callback,
        _("tic-created", number=done.number, phone=format_phone(data.phone)),
        kb.created_kb(_, done.ticket_id),
    )


# «Назад» in the dialog: one handler per step it is pressed at.


async def back_to_topic(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(NewTicket.topic)
    await edit_or_send(callback, _("tic-ask-topic"), kb.topics_kb(_, tk.CLIENT_TOPICS))


async def back_to_text(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(NewTicket.text)
    data = await NewTicketData.load(state)
    await edit_or_send(callback, _ask_text(_, data), _text_kb(_, data))


async def back_to_files(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(NewTicket.files)
    n = len((await NewTicketData.load(state)).files)
    await edit_or_send(callback, _ask_files(_, n), kb.files_kb(_, n))


async def back_to_phone(
    callback: CallbackQuery, state: FSMContext, db: Db, principal: Principal, _: Translator
) -> None:
    await _ask_phone(callback, state, db, principal, _)


async def new_cancel(
    callback: CallbackQuery, state: FSMContext, principal: Principal, _: Translator
) -> None:
    """«Отмена» anywhere in the dialog, and «Назад» at its first step."""
    await state.clear()
    await callback.answer()
    if isinstance(callback.message, Message):
        if callback.message.text is not None:
            await callback.message.edit_text(_("tic-cancelled"))
        await show_main_menu(callback.message, principal, _)


async def new_outside(callback: CallbackQuery, _: Translator) -> None:
    await callback.answer(_("stale-button"), show_alert=True)


# Input the step does not take (a sticker, a voice message, a file where it is not asked for,
# text where a button is expected): say so and ask the same question again.


async def topic_not_expected(message: Message, _: Translator) -> None:
    await message.answer(_("tic-use-buttons"), reply_markup=kb.topics_kb(_, tk.CLIENT_TOPICS))


async def summary_not_expected(message: Message, state: FSMContext, _: Translator) -> None:
    await message.answer(_("tic-use-buttons"))
    data = await NewTicketData.load(state)
    await message.answer(_summary_text(_, data), reply_markup=kb.summary_kb(_))


async def phone_not_expected(
    message: Message, state: FSMContext, db: Db, principal: Principal, _: Translator
) -> None:
    await _ask_phone(message, state, db, principal, _, before=_("tic-phone-text"))


async def file_kind_not_expected(message: Message, _: Translator) -> None:
    await message.answer(_("tic-file-kind"))


# --- the list -----------------------------------------------------------------------------------


def _row_label(_: Translator, row: tk.TicketRow) -> str:
    return _(
        "tic-list-row",
        number=row.number,
        date=fmt_date(row.created_at),
        topic=_(f"tic-topic-{row.topic.value}"),
        icon=_(f"tic-icon-{row.status.value}"),
    )


async def _show_list(
    target: Message | CallbackQuery,
    state: FSMContext,
    db: Db,
    principal: Principal,
    _: Translator,
    flt: kb.ListCb,
) -> None:
    await state.set_state(None)
    await ListData(page=flt.page, status=flt.status, topic=flt.topic, sort=flt.sort).save(state)
    page = await tk.list_tickets(
        db,
        principal,
        page=flt.page,
        per_page=PER_PAGE,
        status=flt.status,
        topic=flt.topic,
        sort=flt.sort,
    )
    lines = [_("tic-list-title", n=page.total), _("tic-list-legend")]
    if flt.status is not None:
        lines.append(_("tic-list-filter-status", status=_(f"tic-status-{flt.status.value}")))
    if flt.topic is not None:
        lines.append(_("tic-list-filter-topic", topic=_(f"tic-topic-{flt.topic.value}")))
    lines.append(_(f"tic-list-sorted-{flt.sort.value}"))
    if not page.items:
        lines.append("")
        lines.append(
            _("tic-list-empty" if flt.status is None and flt.topic is None else "tic-list-none")
        )
    items = [(r.id, _row_label(_, r)) for r in page.items]
    markup = kb.list_kb(_, items, flt, page.page, page.pages, can_create=True)
    await edit_or_send(target, "\n".join(lines), markup)


async def cb_section(
    callback: CallbackQuery, state: FSMContext, db: Db, principal: Principal, _: Translator
) -> None:
    await _show_list(callback, state, db, principal, _, kb.ListCb())


async def cb_list(
    callback: CallbackQuery,
    callback_data: kb.ListCb,
    state: FSMContext,
    db: Db,
    principal: Principal,
    _: Translator,
) -> None:
    await _show_list(callback, state, db, principal, _, callback_data)


async def cb_filter_status(
    callback: CallbackQuery, callback_data: kb.FilterCb, _: Translator
) -> None:
    markup = kb.status_filter_kb(_, callback_data)
    await edit_or_send(callback, _("tic-filter-status-title"), markup)


async def cb_filter_topic(
    callback: CallbackQuery, callback_data: kb.FilterCb, _: Translator
) -> None:
    markup = kb.topic_filter_kb(_, callback_data, tk.CLIENT_TOPICS)
    await edit_or_send(callback, _("tic-filter-topic-title"), markup)


# --- the card -----------------------------------------------------------------------------------


def _who(_: Translator, m: tk.MessageView) -> str:
    if m.author is TicketAuthor.CLIENT:
        return _("tic-msg-client", name=escape(m.author_name))
    return _("tic-msg-staff", name=escape(m.author_name) or _("tic-staff-default-name"))


def _autoclosed_days(m: tk.MessageView) -> int | None:
    """The days of the auto-close note the scheduler wrote (None: the message is not one)."""
    days = m.text.removeprefix(tk.AUTO_CLOSED_PREFIX)
    if (
        m.author is TicketAuthor.STAFF
        and m.text.startswith(tk.AUTO_CLOSED_PREFIX)
        and days.isdigit()
    ):
        return int(days)
    return None


def _is_cut(m: tk.MessageView) -> bool:
    return len(m.text) > SHOWN and _autoclosed_days(m) is None


def _message_block(_: Translator, m: tk.MessageView) -> str:
    days = _autoclosed_days(m)
    if days is not None:
        text = _("tic-note-autoclosed", days=days)
    elif _is_cut(m):
        start = beginning(m.text, SHOWN)
        text = f"{escape(start)}\n{_('tic-cut-card', shown=len(start), length=len(m.text))}"
    else:
        text = escape(m.text)
    lines = [f"{_who(_, m)} · {fmt_datetime(m.created_at)}"]
    if text:
        lines.append(text)
    lines.extend(
        f"{'🖼' if f.kind is AttachmentKind.PHOTO else '📎'} {escape(f.name)}" for f in m.files
    )
    return "\n".join(lines)


def _page_messages(card: tk.TicketCard, page: int) -> list[tk.MessageView]:
    start = page * MESSAGES_PER_PAGE
    return card.messages[start : start + MESSAGES_PER_PAGE]


def _card_text(_: Translator, card: tk.TicketCard, page: int, pages: int) -> str:
    head = _(
        "tic-card",
        number=card.number,
        topic=_(f"tic-topic-{card.topic.value}"),
        status=_(f"tic-status-{card.status.value}"),
        date=fmt_datetime(card.created_at),
        phone=format_phone(card.notify_phone) if card.notify_phone else "—",
        author=escape(card.author_name) or "—",
    )
    blocks = [_message_block(_, m) for m in _page_messages(card, page)]
    parts = [head]
    if pages > 1:
        parts.append(_("tic-card-page", page=page + 1, pages=pages, n=len(card.messages)))
    parts.extend(blocks)
    if card.rating is not None:
        comment = escape(card.rating_comment) if card.rating_comment else ""
        parts.append(_("tic-card-rating", rating=card.rating, comment=comment))
    elif card.can_rate:
        parts.append(_("tic-card-rate-invite"))
    return "\n\n".join(parts)


async def _show_card(
    target: Message | CallbackQuery,
    db: Db,
    principal: Principal,
    _: Translator,
    ticket_id: int,
    page: int = -1,
    notice: str | None = None,
) -> None:
    card = await tk.ticket_card(db, principal, ticket_id)
    pages = max(1, -(-len(card.messages) // MESSAGES_PER_PAGE))
    page = pages - 1 if page < 0 or page >= pages else page
    markup = kb.card_kb(
        _,
        card.id,
        page=page,
        pages=pages,
        files=len(card.files),
        is_open=card.is_open,
        can_reopen=card.can_reopen,
        can_rate=card.can_rate,
        cut=any(_is_cut(m) for m in _page_messages(card, page)),
    )
    await edit_or_send(target, _card_text(_, card, page, pages), markup, notice=notice)


async def cb_open(
    callback: CallbackQuery,
    callback_data: kb.TicketCb,
    state: FSMContext,
    db: Db,
    principal: Principal,
    _: Translator,
) -> None:
    await state.set_state(None)
    await _show_card(callback, db, principal, _, callback_data.ticket_id, callback_data.value)


def _plain_len(html_text: str) -> int:
    """The length Telegram counts for a text in HTML: tags gone, entities one character."""
    return utf16_len(unescape(re.sub(r"<[^>]*>", "", html_text)))


def _whole(_: Translator, card: tk.TicketCard, m: tk.MessageView) -> list[str]:
    """One message whole, under a heading, in as many Telegram messages as it takes."""

    def head(part: int, parts: int) -> str:
        when = fmt_datetime(m.created_at)
        who = _who(_, m)
        return _("tic-whole-head", number=card.number, who=who, date=when, part=part, parts=parts)

    size = TELEGRAM_TEXT_MAX - _plain_len(head(99, 99)) - 2
    parts = pieces(m.text, size)
    return [f"{head(n, len(parts))}\n\n{escape(part)}" for n, part in enumerate(parts, 1)]


async def _send_whole(
    callback: CallbackQuery, _: Translator, card: tk.TicketCard, messages: list[tk.MessageView]
) -> None:
    await callback.answer()
    if not isinstance(callback.message, Message):
        return
    for m in messages:
        for text in _whole(_, card, m):
            await callback.message.answer(text)


async def cb_whole(
    callback: CallbackQuery, callback_data: kb.TicketCb, db: Db, principal: Principal, _: Translator
) -> None:
    """«📄 Показать целиком» under a card: the messages its page shows cut."""
    card = await tk.ticket_card(db, principal, callback_data.ticket_id)
    await _send_whole(
        callback, _, card, [m for m in _page_messages(card, callback_data.value) if _is_cut(m)]
    )


async def cb_whole_message(
    callback: CallbackQuery, callback_data: kb.TicketCb, db: Db, principal: Principal, _: Translator
) -> None:
    """«📄 Прочитать целиком» under a push: that message of the ticket (another's id: refused)."""
    card = await tk.ticket_card(db, principal, callback_data.ticket_id)
    found = [m for m in card.messages if m.id == callback_data.value]
    if not found:
        await callback.answer(_("forged-button"), show_alert=True)
        return
    await _send_whole(callback, _, card, found)


async def cb_back_to_list(
    callback: CallbackQuery, state: FSMContext, db: Db, principal: Principal, _: Translator
) -> None:
    kept = await ListData.load(state)
    flt = kb.ListCb(page=kept.page, status=kept.status, topic=kept.topic, sort=kept.sort)
    await _show_list(callback, state, db, principal, _, flt)


async def cb_files(
    callback: CallbackQuery,
    callback_data: kb.TicketCb,
    db: Db,
    principal: Principal,
    _: Translator,
) -> None:
    card = await tk.ticket_card(db, principal, callback_data.ticket_id)
    files = card.files
    pages = max(1, -(-len(files) // FILES_PER_PAGE))
    page = min(max(callback_data.value, 0), pages - 1)
    items = [(f.id, f.name) for f in files[page * FILES_PER_PAGE : (page + 1) * FILES_PER_PAGE]]
    text = _("tic-files-title", number=card.number, n=len(files))
    await edit_or_send(callback, text, kb.files_list_kb(_, card.id, items, page, pages))


async def cb_file(
    callback: CallbackQuery, callback_data: kb.TicketCb, db: Db, principal: Principal
) -> None:
    tid, file_id = callback_data.ticket_id, callback_data.value
    await _send_files(callback, await tk.ticket_files(db, principal, tid, file_id))


async def cb_all_files(
    callback: CallbackQuery, callback_data: kb.TicketCb, db: Db, principal: Principal
) -> None:
    # One page of the list at a time: a burst of files stays within Telegram's limits.
    start = max(callback_data.value, 0) * FILES_PER_PAGE
    stored = await tk.ticket_files(db, principal, callback_data.ticket_id)
    await _send_files(callback, stored[start : start + FILES_PER_PAGE])


async def cb_reply(
    callback: CallbackQuery,
    callback_data: kb.TicketCb,
    state: FSMContext,
    db: Db,
    principal: Principal,
    _: Translator,
) -> None:
    tid = callback_data.ticket_id
    await tk.ensure_can_reply(db, principal, tid)
    text = _("tic-ask-reply", limit=MAX_FILES, mb=MAX_FILE_MB)
    markup = kb.reply_kb(_, tid, False)
    await ask_about(callback, state, TicketInput.reply, ReplyData(ticket_id=tid), text, markup)


async def cb_close(
    callback: CallbackQuery,
    callback_data: kb.TicketCb,
    db: Db,
    principal: Principal,
    _: Translator,
) -> None:
    card = await tk.ticket_card(db, principal, callback_data.ticket_id)
    text = _("tic-close-ask", number=card.number)
    await edit_or_send(callback, text, kb.close_confirm_kb(_, card.id))


async def cb_close_yes(
    callback: CallbackQuery,
    callback_data: kb.TicketCb,
    db: Db,
    principal: Principal,
    settings: Any,
    _: Translator,
) -> None:
    tid = callback_data.ticket_id
    number = await tk.close_ticket(db, principal, tid, staff_chat_id=_staff_chat(settings))
    await edit_or_send(callback, _("tic-closed", number=number), kb.rate_kb(_, tid))


async def cb_reopen(
    callback: CallbackQuery,
    callback_data: kb.TicketCb,
    db: Db,
    principal: Principal,
    settings: Any,
    _: Translator,
) -> None:
    tid = callback_data.ticket_id
    number = await tk.reopen_ticket(db, principal, tid, staff_chat_id=_staff_chat(settings))
    await _show_card(callback, db, principal, _, tid, notice=_("tic-reopened", number=number))


async def cb_rate(
    callback: CallbackQuery,
    callback_data: kb.TicketCb,
    state: FSMContext,
    db: Db,
    principal: Principal,
    settings: Any,
    _: Translator,
) -> None:
    tid, rating = callback_data.ticket_id, callback_data.value
    number = await tk.rate_ticket(db, principal, tid, rating, staff_chat_id=_staff_chat(settings))
    text = _("tic-ask-comment", number=number, rating=rating)
    markup = kb.comment_kb(_, tid)
    await ask_about(callback, state, TicketInput.comment, CommentData(ticket_id=tid), text, markup)


async def cb_no_comment(
    callback: CallbackQuery,
    callback_data: kb.TicketCb,
    state: FSMContext,
    db: Db,
    principal: Principal,
    _: Translator,
) -> None:
    await state.set_state(None)
    thanks = _("tic-thanks")
    await _show_card(callback, db, principal, _, callback_data.ticket_id, notice=thanks)


async def _send_files(callback: CallbackQuery, files: list[tk.StoredFile]) -> None:
    await callback.answer()
    msg = callback.message
    if not isinstance(msg, Message):
        return
    for f in files:
        if f.kind is AttachmentKind.PHOTO:
            await msg.answer_photo(f.file_id, caption=escape(f.name))
        else:
            await msg.answer_document(f.file_id)


# --- reply and rating comment -------------------------------------------------------------------


async def _reply_prompt(message: Message, data: ReplyData, _: Translator, line: str) -> None:
    n = len(data.files)
    ready = bool(data.text) or n > 0
    text = _("tic-reply-so-far", text=_draft(_, data.text, SHOWN_IN_REPLY) or "—", n=n)
    await message.answer(
        f"{line}\n\n{text}" if line else text,
        reply_markup=kb.reply_kb(_, data.ticket_id, ready),
    )


async def reply_text(message: Message, state: FSMContext, _: Translator) -> None:
    data = await ReplyData.load(state)
    joined = "\n".join(t for t in (data.text, (message.text or "").strip()) if t)
    try:
        data.text = tk.parse_ticket_text(joined)
    except DomainError as err:
        await _reply_prompt(message, data, _, error_text(_, err))
        return
    await data.save(state)
    await _reply_prompt(message, data, _, "")


async def reply_file(message: Message, state: FSMContext, _: Translator) -> None:
    data = await ReplyData.load(state)
    line = _take_file(message, data.files, _)
    caption = (message.caption or "").strip()
    if caption:
        try:
            data.text = tk.parse_ticket_text("\n".join(t for t in (data.text, caption) if t))
        except DomainError as err:  # the file is kept, the text as it was
            line = f"{line}\n{error_text(_, err)}"
    await data.save(state)
    await _reply_prompt(message, data, _, line)


async def reply_other(message: Message, _: Translator) -> None:
    await message.answer(_("tic-file-kind"))


async def _current_reply(
    callback: CallbackQuery, callback_data: kb.ReplyCb, state: FSMContext, _: Translator
) -> ReplyData | None:
    """The reply the button belongs to; None (said as «устарела») for an older message's."""
    data = await ReplyData.load(state)
    if data.ticket_id != callback_data.ticket_id or (
        await state.get_state() != TicketInput.reply.state
    ):
        await callback.answer(_("stale-button"), show_alert=True)
        return None
    return data


async def reply_send(
    callback: CallbackQuery,
    callback_data: kb.ReplyCb,
    state: FSMContext,
    db: Db,
    principal: Principal,
    settings: Any,
    _: Translator,
) -> None:
    data = await _current_reply(callback, callback_data, state, _)
    if data is None:
        return
    await tk.client_reply(
        db,
        principal,
        data.ticket_id,
        text=data.text,
        files=data.files,
        staff_chat_id=_staff_chat(settings),
    )
    sent = _("tic-reply-sent")
    await _leave_reply(callback, state, db, principal, _, data.ticket_id, notice=sent)


async def reply_cancel(
    callback: CallbackQuery,
    callback_data: kb.ReplyCb,
    state: FSMContext,
    db: Db,
    principal: Principal,
    _: Translator,
) -> None:
    data = await _current_reply(callback, callback_data, state, _)
    if data is not None:
        await _leave_reply(callback, state, db, principal, _, data.ticket_id)


async def _leave_reply(
    callback: CallbackQuery,
    state: FSMContext,
    db: Db,
    principal: Principal,
    _: Translator,
    ticket_id: int,
    notice: str | None = None,
) -> None:
    await state.set_state(None)
    await ReplyData.drop(state)
    await _show_card(callback, db, principal, _, ticket_id, notice=notice)


async def comment_text(
    message: Message, state: FSMContext, db: Db, principal: Principal, settings: Any, _: Translator
) -> None:
    tid = (await CommentData.load(state)).ticket_id
    try:
        await tk.comment_rating(
            db, principal, tid, message.text or "", staff_chat_id=_staff_chat(settings)
        )
    except DomainError as err:
        await message.answer(
            f"{error_text(_, err)}\n\n{_('tic-ask-comment-short')}",
            reply_markup=kb.comment_kb(_, tid),
        )
        return
    await state.set_state(None)
    await message.answer(_("tic-thanks"))
    await _show_card(message, db, principal, _, tid)


async def comment_other(message: Message, state: FSMContext, _: Translator) -> None:
    tid = (await CommentData.load(state)).ticket_id
    await message.answer(_("tic-ask-comment-short"), reply_markup=kb.comment_kb(_, tid))


_CARD_BUTTONS: dict[kb.TicketAction, Callable[..., Awaitable[None]]] = {
    kb.TicketAction.OPEN: cb_open,
    kb.TicketAction.BACK_TO_LIST: cb_back_to_list,
    kb.TicketAction.FILES: cb_files,
    kb.TicketAction.FILE: cb_file,
    kb.TicketAction.ALL_FILES: cb_all_files,
    kb.TicketAction.REPLY: cb_reply,
    kb.TicketAction.CLOSE: cb_close,
    kb.TicketAction.CLOSE_YES: cb_close_yes,
    kb.TicketAction.REOPEN: cb_reopen,
    kb.TicketAction.RATE: cb_rate,
    kb.TicketAction.NO_COMMENT: cb_no_comment,
    kb.TicketAction.WHOLE: cb_whole,
    kb.TicketAction.WHOLE_MESSAGE: cb_whole_message,
}


def _register_new_ticket(router: Router) -> None:
    """The new-ticket dialog: each button and each step's input has a handler of its own."""
    cb, msg = router.callback_query.register, router.message.register

    def new(action: kb.NewAction) -> Any:
        return kb.NewCb.filter(F.action == action)

    cb(new_start, new(kb.NewAction.START), StateFilter("*"))
    cb(new_cancel, new(kb.NewAction.CANCEL), StateFilter(NewTicket))
    for step, back in (
        (NewTicket.topic, new_cancel),
        (NewTicket.text, back_to_topic),
        (NewTicket.files, back_to_text),
        (NewTicket.phone, back_to_files),
        (NewTicket.summary, back_to_phone),
    ):
        cb(back, new(kb.NewAction.BACK), step)
    cb(new_topic, new(kb.NewAction.TOPIC), NewTicket.topic)
    cb(new_files_done, new(kb.NewAction.DONE), NewTicket.files)
    cb(new_keep_text, new(kb.NewAction.DONE), NewTicket.text)
    cb(new_my_phone, new(kb.NewAction.MY_PHONE), NewTicket.phone)
    cb(new_send, new(kb.NewAction.SEND), NewTicket.summary)
    cb(new_outside, kb.NewCb.filter(), StateFilter("*"))
    files = F.document | F.photo
    msg(new_text, NewTicket.text, F.text)
    msg(new_file_for_text, NewTicket.text, files)
    msg(new_file, NewTicket.files, files)
    msg(new_files_text, NewTicket.files, F.text)
    msg(new_phone, NewTicket.phone, F.text)
    msg(topic_not_expected, NewTicket.topic)
    msg(summary_not_expected, NewTicket.summary)
    msg(phone_not_expected, NewTicket.phone)
    msg(file_kind_not_expected, StateFilter(NewTicket))


def build_router() -> Router:
    router = money_router("tickets")
    cb, msg = router.callback_query.register, router.message.register
    anywhere = StateFilter("*")
    cb(cb_section, MenuCb.filter(F.section == Section.TICKETS), anywhere)
    _register_new_ticket(router)
    cb(cb_list, kb.ListCb.filter(), anywhere)
    cb(cb_filter_status, kb.FilterCb.filter(F.what == kb.FilterWhat.STATUS), anywhere)
    cb(cb_filter_topic, kb.FilterCb.filter(F.what == kb.FilterWhat.TOPIC), anywhere)
    cb(reply_send, kb.ReplyCb.filter(F.action == kb.ReplyAction.SEND), anywhere)
    cb(reply_cancel, kb.ReplyCb.filter(F.action == kb.ReplyAction.CANCEL), anywhere)
    for action, handler in _CARD_BUTTONS.items():
        cb(handler, kb.TicketCb.filter(F.action == action), anywhere)
    files = F.document | F.photo
    msg(reply_text, TicketInput.reply, F.text)
    msg(reply_file, TicketInput.reply, files)
    msg(reply_other, TicketInput.reply)
    msg(comment_text, TicketInput.comment, F.text)
    msg(comment_other, TicketInput.comment)
    return router
