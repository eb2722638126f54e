"""Support tickets, the client's side: create (topic → message → files → phone → summary →
send), the list with filters and sorting, the card with the whole conversation and its files,
reply, close, reopen, rate.

The dialog keeps what the user gave as plain values in the FSM data; nothing typed or sent is
lost by a mistake in a later step. Every id from a button is checked by `domain.tickets.desk`.
"""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.access.checks import Principal
from domain.clock import fmt_date, fmt_datetime
from domain.db import Db
from domain.errors import DomainError
from domain.tickets import desk as tk
from domain.tickets.attachments import MAX_FILE_MB, MAX_FILES, Attachment, check_count, check_file
from domain.types import AttachmentKind, TicketAuthor
from domain.validation import format_phone
from handlers.common import error_text, show
from handlers.gate import edit_or_send, money_router
from handlers.start import show_main_menu
from keyboards import tickets as kb
from keyboards.menu import MenuCb, Section
from keyboards.texts import Translator

PER_PAGE = 8
# One screen of the conversation: at most this many messages, each cut to SHOWN characters.
MESSAGES_PER_PAGE = 4
FILES_PER_PAGE = 8
SHOWN = 600


class NewTicket(StatesGroup):
    topic = State()
    text = State()
    files = State()
    phone = State()
    summary = State()


class TicketInput(StatesGroup):
    reply = State()
    comment = State()


def _staff_chat(settings: Any) -> int | None:
    return getattr(settings, "support_chat_id", None)


# --- files, wherever they come ------------------------------------------------------------------


def _incoming_file(message: Message, index: int) -> Attachment:
    """The document or photo of a message, checked (`ValidationFailed` says why not)."""
    if message.photo:
        photo = message.photo[-1]
        return check_file(
            file_id=photo.file_id,
            name=None,
            mime="image/jpeg",
            size=photo.file_size,
            kind=AttachmentKind.PHOTO,
            index=index,
        )
    doc = message.document
    assert doc is not None
    return check_file(
        file_id=doc.file_id,
        name=doc.file_name,
        mime=doc.mime_type,
        size=doc.file_size,
        kind=AttachmentKind.DOCUMENT,
        index=index,
    )


async def _take_file(message: Message, state: FSMContext, _: Translator) -> str:
    """Keep the message's file in the FSM data if it passes; → the line to tell the user."""
    files: list[dict[str, Any]] = list((await state.get_data()).get("files", []))
    try:
        check_count(len(files))
        item = _incoming_file(message, len(files) + 1)
    except DomainError as err:
        return _("tic-file-refused", reason=error_text(_, err), n=len(files), limit=MAX_FILES)
    files.append(item.as_dict())
    await state.update_data(files=files)
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
    topic = tk.client_topic(callback_data.topic.value)
    await state.update_data(topic=topic.value)
    await state.set_state(NewTicket.text)
    data = await state.get_data()
    await show(callback, _ask_text(_, data), _text_kb(_, data))


def _ask_text(_: Translator, data: dict[str, Any]) -> str:
    lines = [_("tic-ask-text", topic=_(f"tic-topic-{data.get('topic', 'other')}"), max=tk.TEXT_MAX)]
    if data.get("text"):
        lines.append(_("tic-current", value=escape(_cut(str(data["text"]), 300))))
    return "\n\n".join(lines)


def _text_kb(_: Translator, data: dict[str, Any]) -> InlineKeyboardMarkup:
    return kb.text_kb(_, keep=bool(data.get("text")))


def _ask_files(_: Translator, n: int) -> str:
    return _("tic-ask-files", limit=MAX_FILES, mb=MAX_FILE_MB, n=n)


async def new_text(message: Message, state: FSMContext, _: Translator) -> None:
    try:
        text = tk.parse_ticket_text(message.text or "")
    except DomainError as err:
        data = await state.get_data()
        await message.answer(
            f"{error_text(_, err)}\n\n{_ask_text(_, data)}", reply_markup=_text_kb(_, data)
        )
        return
    await state.update_data(text=text)
    await state.set_state(NewTicket.files)
    n = len((await state.get_data()).get("files", []))
    await message.answer(_ask_files(_, n), reply_markup=kb.files_kb(_, n))


async def new_file(message: Message, state: FSMContext, _: Translator) -> None:
    """A file at the text step or the files step: kept (or refused, the rest kept)."""
    line = await _take_file(message, state, _)
    data = await state.get_data()
    n = len(data.get("files", []))
    caption = (message.caption or "").strip()
    if await state.get_state() == NewTicket.text.state:
        if caption and not data.get("text"):
            try:
                await state.update_data(text=tk.parse_ticket_text(caption))
            except DomainError:
                pass
            else:
                await state.set_state(NewTicket.files)
                await message.answer(
                    f"{line}\n\n{_ask_files(_, n)}", reply_markup=kb.files_kb(_, n)
                )
                return
        await message.answer(f"{line}\n\n{_ask_text(_, data)}", reply_markup=_text_kb(_, data))
        return
    await message.answer(f"{line}\n\n{_ask_files(_, n)}", reply_markup=kb.files_kb(_, n))


async def new_keep_text(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    """Back at the text step with a text already given: go on with it."""
    data = await state.get_data()
    if not data.get("text"):
        await callback.answer(_("stale-button"), show_alert=True)
        return
    await state.set_state(NewTicket.files)
    n = len(data.get("files", []))
    await edit_or_send(callback, _ask_files(_, n), kb.files_kb(_, n))


async def new_files_text(message: Message, state: FSMContext, _: Translator) -> None:
    n = len((await state.get_data()).get("files", []))
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
    chosen = (await state.get_data()).get("phone")
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
    await state.update_data(phone=own)
    await _show_summary(callback, state, _)


async def new_phone(
    message: Message, state: FSMContext, db: Db, principal: Principal, _: Translator
) -> None:
    try:
        phone = tk.parse_notify_phone(message.text or "")
    except DomainError as err:
        await _ask_phone(message, state, db, principal, _, before=error_text(_, err))
        return
    await state.update_data(phone=phone)
    await _show_summary(message, state, _)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _summary_text(_: Translator, data: dict[str, Any]) -> str:
    files = [Attachment.from_dict(f) for f in data.get("files", [])]
    names = "\n".join(f"📎 {escape(f.name)}" for f in files) if files else _("tic-no-files")
    return _(
        "tic-summary",
        topic=_(f"tic-topic-{data.get('topic', 'other')}"),
        text=escape(_cut(str(data.get("text", "")), 2000)),
        files=names,
        n=len(files),
        phone=format_phone(str(data.get("phone", ""))),
    )


async def _show_summary(target: Message | CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(NewTicket.summary)
    await edit_or_send(target, _summary_text(_, await state.get_data()), kb.summary_kb(_))


async def new_send(
    callback: CallbackQuery,
    state: FSMContext,
    db: Db,
    principal: Principal,
    settings: Any,
    _: Translator,
) -> None:
    data = await state.get_data()
    done = await tk.create_ticket(
        db,
        principal,
        topic=str(data.get("topic", "")),
        text=str(data.get("text", "")),
        files=list(data.get("files", [])),
        phone=str(data.get("phone", "")),
        staff_chat_id=_staff_chat(settings),
    )
    await state.clear()
    await show(
        callback,
        _("tic-created", number=done.number, phone=format_phone(str(data["phone"]))),
        kb.created_kb(_, done.ticket_id),
    )


_BACK = {
    NewTicket.text.state: NewTicket.topic,
    NewTicket.files.state: NewTicket.text,
    NewTicket.phone.state: NewTicket.files,
    NewTicket.summary.state: NewTicket.phone,
}


async def new_back(
    callback: CallbackQuery, state: FSMContext, db: Db, principal: Principal, _: Translator
) -> None:
    current = await state.get_state()
    target = _BACK.get(current or "")
    data = await state.get_data()
    if target is None:
        await new_cancel(callback, state, principal, _)
        return
    await state.set_state(target)
    if target is NewTicket.topic:
        await edit_or_send(callback, _("tic-ask-topic"), kb.topics_kb(_, tk.CLIENT_TOPICS))
    elif target is NewTicket.text:
        await edit_or_send(callback, _ask_text(_, data), _text_kb(_, data))
    elif target is NewTicket.files:
        n = len(data.get("files", []))
        await edit_or_send(callback, _ask_files(_, n), kb.files_kb(_, n))
    else:
        await _ask_phone(callback, state, db, principal, _)


async def new_cancel(
    callback: CallbackQuery, state: FSMContext, principal: Principal, _: Translator
) -> None:
    await state.clear()
    await callback.answer()
    if isinstance(callback.message, Message):
        if callback.message.text is not None:
            await callback.message.edit_text(_("tic-cancelled"))
        await show_main_menu(callback.message, principal, _)


async def new_outside(callback: CallbackQuery, _: Translator) -> None:
    await callback.answer(_("stale-button"), show_alert=True)


async def new_not_expected(
    message: Message, state: FSMContext, db: Db, principal: Principal, _: Translator
) -> None:
    """A sticker, a voice message, a file where it is not asked for, or text where a button is
    expected: say so and ask the same question again."""
    current = await state.get_state()
    if current == NewTicket.topic.state:
        await message.answer(_("tic-use-buttons"), reply_markup=kb.topics_kb(_, tk.CLIENT_TOPICS))
    elif current == NewTicket.summary.state:
        await message.answer(_("tic-use-buttons"))
        await message.answer(
            _summary_text(_, await state.get_data()), reply_markup=kb.summary_kb(_)
        )
    elif current == NewTicket.phone.state:
        await _ask_phone(message, state, db, principal, _, before=_("tic-phone-text"))
    else:
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
    await state.update_data(tic_list=flt.pack())
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


async def cb_filter(callback: CallbackQuery, callback_data: kb.FilterCb, _: Translator) -> None:
    if callback_data.what is kb.FilterWhat.STATUS:
        await edit_or_send(
            callback, _("tic-filter-status-title"), kb.status_filter_kb(_, callback_data)
        )
    else:
        await edit_or_send(
            callback,
            _("tic-filter-topic-title"),
            kb.topic_filter_kb(_, callback_data, tk.CLIENT_TOPICS),
        )


# --- the card -----------------------------------------------------------------------------------


def _message_block(_: Translator, m: tk.MessageView) -> str:
    if m.author is TicketAuthor.CLIENT:
        who = _("tic-msg-client", name=escape(m.author_name))
    else:
        who = _("tic-msg-staff", name=escape(m.author_name) or _("tic-staff-default-name"))
    text = m.text
    if text.startswith(tk.AUTO_CLOSED_PREFIX):
        text = _("tic-note-autoclosed", days=text.removeprefix(tk.AUTO_CLOSED_PREFIX))
    else:
        text = escape(_cut(text, SHOWN))
    lines = [f"{who} · {fmt_datetime(m.created_at)}"]
    if text:
        lines.append(text)
    lines.extend(
        f"{'🖼' if f.kind is AttachmentKind.PHOTO else '📎'} {escape(f.name)}" for f in m.files
    )
    return "\n".join(lines)


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
    start = page * MESSAGES_PER_PAGE
    blocks = [_message_block(_, m) for m in card.messages[start : start + MESSAGES_PER_PAGE]]
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
    )
    await edit_or_send(target, _card_text(_, card, page, pages), markup)


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


async def cb_back_to_list(
    callback: CallbackQuery, state: FSMContext, db: Db, principal: Principal, _: Translator
) -> None:
    raw = (await state.get_data()).get("tic_list")
    flt = kb.ListCb.unpack(raw) if isinstance(raw, str) else kb.ListCb()
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
    await state.set_state(TicketInput.reply)
    await state.update_data(ticket_id=tid, reply_text="", files=[])
    text = _("tic-ask-reply", limit=MAX_FILES, mb=MAX_FILE_MB)
    await edit_or_send(callback, text, kb.reply_kb(_, tid, False))


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
    await callback.answer(_("tic-reopened", number=number))
    await _show_card(callback, db, principal, _, tid)


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
    await state.set_state(TicketInput.comment)
    await state.update_data(ticket_id=tid)
    text = _("tic-ask-comment", number=number, rating=rating)
    await edit_or_send(callback, text, kb.comment_kb(_, tid))


async def cb_no_comment(
    callback: CallbackQuery,
    callback_data: kb.TicketCb,
    state: FSMContext,
    db: Db,
    principal: Principal,
    _: Translator,
) -> None:
    await state.set_state(None)
    await callback.answer(_("tic-thanks"))
    await _show_card(callback, db, principal, _, callback_data.ticket_id)


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


async def _reply_prompt(message: Message, state: FSMContext, _: Translator, line: str) -> None:
    data = await state.get_data()
    n = len(data.get("files", []))
    ready = bool(data.get("reply_text")) or n > 0
    text = _(
        "tic-reply-so-far", text=escape(_cut(str(data.get("reply_text", "")), 500)) or "—", n=n
    )
    await message.answer(
        f"{line}\n\n{text}" if line else text,
        reply_markup=kb.reply_kb(_, int(data["ticket_id"]), ready),
    )


async def reply_text(message: Message, state: FSMContext, _: Translator) -> None:
    data = await state.get_data()
    joined = "\n".join(
        t for t in (str(data.get("reply_text", "")), (message.text or "").strip()) if t
    )
    try:
        joined = tk.parse_ticket_text(joined)
    except DomainError as err:
        await _reply_prompt(message, state, _, error_text(_, err))
        return
    await state.update_data(reply_text=joined)
    await _reply_prompt(message, state, _, "")


async def reply_file(message: Message, state: FSMContext, _: Translator) -> None:
    line = await _take_file(message, state, _)
    caption = (message.caption or "").strip()
    if caption:
        data = await state.get_data()
        joined = "\n".join(t for t in (str(data.get("reply_text", "")), caption) if t)
        await state.update_data(reply_text=joined[: tk.TEXT_MAX])
    await _reply_prompt(message, state, _, line)


async def reply_other(message: Message, _: Translator) -> None:
    await message.answer(_("tic-file-kind"))


async def reply_action(
    callback: CallbackQuery,
    callback_data: kb.ReplyCb,
    state: FSMContext,
    db: Db,
    principal: Principal,
    settings: Any,
    _: Translator,
) -> None:
    data = await state.get_data()
    tid = callback_data.ticket_id
    if data.get("ticket_id") != tid or await state.get_state() != TicketInput.reply.state:
        await callback.answer(_("stale-button"), show_alert=True)
        return
    if callback_data.action is kb.ReplyAction.SEND:
        await tk.client_reply(
            db,
            principal,
            tid,
            text=str(data.get("reply_text", "")),
            files=list(data.get("files", [])),
            staff_chat_id=_staff_chat(settings),
        )
        await callback.answer(_("tic-reply-sent"))
    await state.set_state(None)
    await state.update_data(reply_text="", files=[])
    await _show_card(callback, db, principal, _, tid)


async def comment_text(
    message: Message, state: FSMContext, db: Db, principal: Principal, settings: Any, _: Translator
) -> None:
    tid = int((await state.get_data()).get("ticket_id", 0))
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
    tid = int((await state.get_data()).get("ticket_id", 0))
    await message.answer(_("tic-ask-comment-short"), reply_markup=kb.comment_kb(_, tid))


def build_router() -> Router:
    router = money_router("tickets")
    cb = router.callback_query
    msg = router.message
    files = F.document | F.photo
    cb.register(cb_section, MenuCb.filter(F.section == Section.TICKETS), StateFilter("*"))
    cb.register(new_start, kb.NewCb.filter(F.action == kb.NewAction.START), StateFilter("*"))
    cb.register(
        new_cancel, kb.NewCb.filter(F.action == kb.NewAction.CANCEL), StateFilter(NewTicket)
    )
    cb.register(new_back, kb.NewCb.filter(F.action == kb.NewAction.BACK), StateFilter(NewTicket))
    cb.register(new_topic, kb.NewCb.filter(F.action == kb.NewAction.TOPIC), NewTicket.topic)
    cb.register(new_files_done, kb.NewCb.filter(F.action == kb.NewAction.DONE), NewTicket.files)
    cb.register(new_keep_text, kb.NewCb.filter(F.action == kb.NewAction.DONE), NewTicket.text)
    cb.register(new_my_phone, kb.NewCb.filter(F.action == kb.NewAction.MY_PHONE), NewTicket.phone)
    cb.register(new_send, kb.NewCb.filter(F.action == kb.NewAction.SEND), NewTicket.summary)
    cb.register(new_outside, kb.NewCb.filter(), StateFilter("*"))
    cb.register(cb_list, kb.ListCb.filter(), StateFilter("*"))
    cb.register(cb_filter, kb.FilterCb.filter(), StateFilter("*"))
    cb.register(reply_action, kb.ReplyCb.filter(), StateFilter("*"))
    for action, handler in (
        (kb.TicketAction.OPEN, cb_open),
        (kb.TicketAction.BACK_TO_LIST, cb_back_to_list),
        (kb.TicketAction.FILES, cb_files),
        (kb.TicketAction.FILE, cb_file),
        (kb.TicketAction.ALL_FILES, cb_all_files),
        (kb.TicketAction.REPLY, cb_reply),
        (kb.TicketAction.CLOSE, cb_close),
        (kb.TicketAction.CLOSE_YES, cb_close_yes),
        (kb.TicketAction.REOPEN, cb_reopen),
        (kb.TicketAction.RATE, cb_rate),
        (kb.TicketAction.NO_COMMENT, cb_no_comment),
    ):
        cb.register(handler, kb.TicketCb.filter(F.action == action), StateFilter("*"))
    msg.register(new_text, NewTicket.text, F.text)
    msg.register(new_file, StateFilter(NewTicket.text, NewTicket.files), files)
    msg.register(new_files_text, NewTicket.files, F.text)
    msg.register(new_phone, NewTicket.phone, F.text)
    msg.register(new_not_expected, StateFilter(NewTicket))
    msg.register(reply_text, TicketInput.reply, F.text)
    msg.register(reply_file, TicketInput.reply, files)
    msg.register(reply_other, TicketInput.reply)
    msg.register(comment_text, TicketInput.comment, F.text)
    msg.register(comment_other, TicketInput.comment)
    return router
