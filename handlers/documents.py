"""«📑 Документы»: order invoices / VAT invoices, a reconciliation statement, the history.

The dialog keeps what the user chose in the FSM (`doc`), one step per screen, each with back
and cancel; the summary edits any step and comes back. «Заказать» calls the domain once with
the dialog's request key, so a second press shows the same order. The documents are made by the
`make_documents` job and arrive through the outbox.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import ClassVar

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from pydantic import Field

from domain.access.checks import Permission, Principal
from domain.accounts.balance import checked_accounts, local_today, reachable_accounts
from domain.clock import to_local
from domain.db import Db
from domain.documents.orders import (
    ORDER_KINDS,
    DocumentRequest,
    HistoryRow,
    NotifyBy,
    checked_document_accounts,
    delivery_contacts,
    document_file,
    document_history,
    ensure_documents_section,
    formats_for,
    last_closed_month,
    masked_phone,
    month_bounds,
    order_summary,
    parse_period,
    period_example,
    place_document_order,
    recent_months,
    start_loading_renderers,
)
from domain.errors import ValidationFailed
from domain.types import DocumentFormat, DocumentKind, DocumentStatus
from handlers.dialog_data import DialogData
from handlers.gate import brand, edit_or_send, money_router, month_name
from handlers.multiselect import MultiSelect, keep_picked, picked
from handlers.stale import finished_here, is_finished, stale_or_done
from handlers.typed import TextState
from keyboards.accounts import AccAction, AccCb
from keyboards.documents import (
    DOC_PICK,
    DocAccPageCb,
    DocCancelCb,
    DocFileCb,
    DocForAccountCb,
    DocFormatCb,
    DocHistCb,
    DocKindAction,
    DocKindCb,
    DocNavCb,
    DocNotifyCb,
    DocOrderNowCb,
    DocPeriodCb,
    DocQuickCb,
    DocStep,
    DocYesNoCb,
    accounts_kb,
    format_kb,
    from_yyyymm,
    history_kb,
    kinds_kb,
    notify_kb,
    period_kb,
    placed_kb,
    section_kb,
    summary_kb,
    typed_period_kb,
    yes_no_kb,
)
from keyboards.menu import MenuCb, Section
from keyboards.texts import Translator

SELECT_PER_PAGE = 8
HISTORY_PER_PAGE = 8
HISTORY_KINDS = (*ORDER_KINDS, DocumentKind.RECONCILIATION, DocumentKind.PREPAYMENT_INVOICE)

Target = Message | CallbackQuery


class DocInput(StatesGroup):
    period = TextState()


class DocData(DialogData):
    """What the documents dialog has collected so far (one model, under its own FSM key)."""

    KEY: ClassVar[str] = "doc"
    mode: str = ""  # "docs" or "recon"; "" = no dialog
    account_ids: list[int] = Field(default_factory=list)
    first: date | None = None
    last: date | None = None
    kinds: list[DocumentKind] = Field(default_factory=list)
    format: DocumentFormat | None = None
    notify: NotifyBy | None = None
    zip_email: bool | None = None
    protect: bool | None = None
    editing: bool = False  # from the summary: each step goes back to it
    key: str = ""  # the order's request key, made when the summary is first shown
    vat_only_note: bool = False
    single_format: bool = False

    @property
    def recon(self) -> bool:
        return self.mode == "recon"


class DocPlaced(DialogData):
    KEY: ClassVar[str] = "doc_placed"
    last: int = 0


async def _get(state: FSMContext) -> DocData:
    return await DocData.load(state)


async def _put(state: FSMContext, d: DocData) -> None:
    await d.save(state)


# ----------------------------------------------------------------------------------------------
# The section's menu


async def cb_section(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await ensure_documents_section(db, principal)
    start_loading_renderers()  # the PDF ordered a few presses later needs them
    await state.set_state(None)
    can_order = principal.can(Permission.ORDER_DOCUMENTS)
    key = "doc-menu" if can_order else "doc-menu-view"
    month = last_closed_month(local_today())
    await edit_or_send(callback, _(key), section_kb(_, can_order=can_order, month=month))


async def _open(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> DocData | None:
    """The order being put together; None, with the section's menu shown, for a button of an
    order that is over (ordered, cancelled, or never started here)."""
    d = await _get(state)
    if not d.mode:
        await stale_or_done(callback, state, _, Section.DOCUMENTS)
        return None
    return d


async def cb_for_account(
    callback: CallbackQuery,
    callback_data: DocForAccountCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    """«📑 Документы» on an account's card: the section, its orders starting with that account."""
    [ref] = await checked_accounts(
        db, principal, [callback_data.account_id], Permission.ORDER_DOCUMENTS, "documents"
    )
    start_loading_renderers()
    await state.set_state(None)
    text = _("doc-menu") + "\n\n" + _("doc-menu-account", number=ref.number)
    back = AccCb(action=AccAction.CARD, account_id=ref.id)
    month = last_closed_month(local_today())
    markup = section_kb(_, can_order=True, account_id=ref.id, back=back, month=month)
    await edit_or_send(callback, text, markup)


async def cb_quick(
    callback: CallbackQuery,
    callback_data: DocQuickCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    """«🧾 Счёт за <месяц>»: the last ended month's invoice, PDF, no notice, straight to the
    summary; without an account (and more than one in reach) the accounts are asked first."""
    if callback_data.account_id:
        refs = await checked_accounts(
            db, principal, [callback_data.account_id], Permission.ORDER_DOCUMENTS, "documents"
        )
    else:
        refs = await reachable_accounts(db, principal, Permission.ORDER_DOCUMENTS, "documents")
        refs = refs if len(refs) == 1 else []
    month = last_closed_month(local_today())
    first, last = month_bounds(month, month)
    d = DocData(
        mode="docs",
        account_ids=[r.id for r in refs],
        first=first,
        last=last,
        kinds=[DocumentKind.INVOICE],
        format=DocumentFormat.PDF,
        notify=NotifyBy.NONE,
        zip_email=False,
        editing=True,  # every step is answered: after the accounts, the summary
    )
    await _put(state, d)
    await keep_picked(state, DOC_PICK, d.account_ids)
    step = DocStep.SUMMARY if refs else DocStep.ACCOUNTS
    await _show_step(callback, db, principal, state, _, step)


async def cb_cancel(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await DocData.drop(state)
    await cb_section(callback, db, principal, state, _)


# ----------------------------------------------------------------------------------------------
# Steps


def _next(d: DocData, step: DocStep) -> DocStep:
    """The step after `step`; back to the summary while the user edits from it."""
    if d.editing:
        return DocStep.SUMMARY
    recon = d.recon
    order = (
        [DocStep.ACCOUNTS, DocStep.PERIOD, DocStep.NOTIFY, DocStep.PROTECT, DocStep.SUMMARY]
        if recon
        else [
            DocStep.ACCOUNTS,
            DocStep.PERIOD,
            DocStep.KINDS,
            DocStep.FORMAT,
            DocStep.NOTIFY,
            DocStep.ZIP,
            DocStep.SUMMARY,
        ]
    )
    nxt = order[order.index(step) + 1]
    formats = _formats(d)
    if nxt == DocStep.FORMAT and len(formats) == 1:
        # A VAT invoice in the order: every document is PDF, nothing to choose.
        d.format = formats[0]
        d.vat_only_note = True
        return DocStep.NOTIFY
    return nxt


def _formats(d: DocData) -> tuple[DocumentFormat, ...]:
    return formats_for(d.kinds)


@dataclass
class Screen:
    """What a step's screen is shown with: where, for whom, and the dialog's data so far."""

    target: Target
    db: Db
    principal: Principal
    state: FSMContext
    _: Translator
    d: DocData
    page: int = 0
    note: str = ""

    @property
    def recon(self) -> bool:
        return self.d.recon

    async def next(self, step: DocStep) -> None:
        """The step after `step` (one that asks nothing went by)."""
        await _put(self.state, self.d)
        await _show_step(
            self.target, self.db, self.principal, self.state, self._, _next(self.d, step)
        )


async def _ask_accounts(s: Screen) -> None:
    _ = s._
    refs = await reachable_accounts(s.db, s.principal, Permission.ORDER_DOCUMENTS, "documents")
    selected = set(await picked(s.state, DOC_PICK))
    pages = max(1, -(-len(refs) // SELECT_PER_PAGE))
    page = min(max(s.page, 0), pages - 1)
    chunk = refs[page * SELECT_PER_PAGE : (page + 1) * SELECT_PER_PAGE]
    items = [(r.id, f"{r.number} · {brand(_, r.brand)}", r.id in selected) for r in chunk]
    title = "doc-recon-title" if s.recon else "doc-order-title"
    text = _(title) + "\n\n" + _("doc-ask-accounts", total=len(refs), n=len(selected))
    await edit_or_send(s.target, text, accounts_kb(_, items, page, pages, len(selected)))


async def _ask_period(s: Screen) -> None:
    _ = s._
    months = recent_months(local_today(), 6)
    labels = [(month_name(_, m), m) for m in months]
    q_first, q_last = months[2], months[0]
    quarter = (
        _("doc-btn-three-months", first=month_name(_, q_first), last=month_name(_, q_last)),
        q_first,
        q_last,
    )
    text = (s.note + "\n\n" if s.note else "") + _(
        "doc-ask-period", example=period_example(local_today())
    )
    await edit_or_send(s.target, text, period_kb(_, labels, quarter))


async def _ask_kinds(s: Screen) -> None:
    chosen = set(s.d.kinds)
    kinds = [(k, s._(f"doc-kind-{k.value}"), k in chosen) for k in ORDER_KINDS]
    await edit_or_send(s.target, s._("doc-ask-kinds"), kinds_kb(s._, kinds))


async def _ask_format(s: Screen) -> None:
    if len(_formats(s.d)) == 1:  # «✏️ Формат» of an order that can be PDF only: the summary
        await _show_summary(s.target, s.db, s.principal, s.state, s._)
        return
    await edit_or_send(s.target, s._("doc-ask-format"), format_kb(s._, s.d.format))


async def _ask_notify(s: Screen) -> None:
    """Only the ways there is an address for; a missing e-mail is named, with where to add it."""
    _, d = s._, s.d
    contacts = await delivery_contacts(s.db, s.principal)
    options = [(NotifyBy.NONE, _("doc-notify-no"))]
    if contacts.phone:
        options.append((NotifyBy.SMS, _("doc-notify-sms")))
    if contacts.email:
        options.append((NotifyBy.EMAIL, _("doc-notify-email")))
    notify_by = d.notify
    note = "\n\n" + _("doc-vat-pdf-only") if d.vat_only_note else ""
    d.vat_only_note = False
    if not contacts.email:
        note += "\n\n" + _("doc-no-email-note-recon" if s.recon else "doc-no-email-note")
    await _put(s.state, d)
    back = DocStep.PERIOD if s.recon else DocStep.FORMAT
    markup = notify_kb(_, options, notify_by, back)
    await edit_or_send(s.target, _("doc-ask-notify") + note, markup)


async def _ask_zip(s: Screen) -> None:
    if not (await delivery_contacts(s.db, s.principal)).email:
        s.d.zip_email = False  # nowhere to send a zip: not asked; the summary says why
        await s.next(DocStep.ZIP)
        return
    markup = yes_no_kb(s._, DocStep.ZIP, DocStep.NOTIFY)
    await edit_or_send(s.target, s._("doc-ask-zip"), markup)


async def _ask_protect(s: Screen) -> None:
    phone = (await delivery_contacts(s.db, s.principal)).phone
    if not phone:  # the password goes by SMS only: without a phone, not offered
        s.d.protect = False
        await s.next(DocStep.PROTECT)
        return
    text = s._("doc-ask-protect", phone=masked_phone(phone))
    await edit_or_send(s.target, text, yes_no_kb(s._, DocStep.PROTECT, DocStep.NOTIFY))


async def _ask_summary(s: Screen) -> None:
    await _show_summary(s.target, s.db, s.principal, s.state, s._)


_SCREENS: dict[DocStep, Callable[[Screen], Awaitable[None]]] = {
    DocStep.ACCOUNTS: _ask_accounts,
    DocStep.PERIOD: _ask_period,
    DocStep.KINDS: _ask_kinds,
    DocStep.FORMAT: _ask_format,
    DocStep.NOTIFY: _ask_notify,
    DocStep.ZIP: _ask_zip,
    DocStep.PROTECT: _ask_protect,
    DocStep.SUMMARY: _ask_summary,
}


async def _show_step(
    target: Target,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    step: DocStep,
    page: int = 0,
    note: str = "",
) -> None:
    """The screen of `step`, one function per step (the menu for any other)."""
    d = await _get(state)
    # The period's screen invites a range typed in: it is taken there without «✍️ Ввести период».
    await state.set_state(DocInput.period if step is DocStep.PERIOD else None)
    screen = _SCREENS.get(step)
    if screen is None:
        await edit_or_send(target, _("doc-menu"), section_kb(_, can_order=True))
        return
    await screen(Screen(target, db, principal, state, _, d, page, note))


def _period_text(first: date, last: date, _: Translator) -> str:
    a, b = month_name(_, first), month_name(_, last)
    return a if a == b else f"{a} – {b}"


async def _step_done(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    d: DocData,
    step: DocStep,
) -> None:
    """`step` answered: the order so far is kept and the step after it shown."""
    await _put(state, d)
    await _show_step(callback, db, principal, state, _, _next(d, step))


async def _show_summary(
    target: Target, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    d = await _get(state)
    d.editing = True
    d.key = d.key or uuid.uuid4().hex
    await _put(state, d)
    recon = d.recon
    refs = {
        r.id: r
        for r in await reachable_accounts(db, principal, Permission.ORDER_DOCUMENTS, "documents")
    }
    numbers = [refs[i].number for i in d.account_ids if i in refs]
    shown = ", ".join(numbers[:5]) + (f" … (+{len(numbers) - 5})" if len(numbers) > 5 else "")
    assert d.first is not None and d.last is not None  # a complete dialog's summary
    lines = [
        _("doc-summary-title-recon" if recon else "doc-summary-title"),
        "",
        _("doc-sum-accounts", n=len(numbers), numbers=escape(shown)),
        _("doc-sum-period", period=_period_text(d.first, d.last, _)),
    ]
    if recon:
        protect = "yes" if d.protect else "no"
        if not d.protect and not (await delivery_contacts(db, principal)).phone:
            protect = "no-phone"
        lines.append(_("doc-sum-protect-" + protect))
    else:
        kinds = ", ".join(_(f"doc-kind-{k.value}") for k in d.kinds)
        lines.append(_("doc-sum-kinds", kinds=kinds))
        fmt = d.format or DocumentFormat.PDF
        lines.append(_("doc-sum-format", format=_(f"doc-fmt-{fmt.value}")))
        zip_key = "yes" if d.zip_email else "no"
        if not d.zip_email and not (await delivery_contacts(db, principal)).email:
            zip_key = "no-email"
        lines.append(_("doc-sum-zip-" + zip_key))
    lines.append(_("doc-sum-notify", how=_(f"doc-notify-{(d.notify or NotifyBy.NONE).value}")))
    single = recon or len(_formats(d)) == 1
    await edit_or_send(
        target, "\n".join(lines), summary_kb(_, reconciliation=recon, format_choice=not single)
    )


# ----------------------------------------------------------------------------------------------
# Button handlers


async def cb_nav(
    callback: CallbackQuery,
    callback_data: DocNavCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    step = callback_data.step
    if step == DocStep.MENU:
        await cb_section(callback, db, principal, state, _)
        return
    if step in (DocStep.ORDER, DocStep.RECON):
        # The level (and a preselected account) is checked before the dialog starts; the
        # domain checks everything again when the order is placed.
        chosen: list[int] = []
        if callback_data.account_id:
            refs = await checked_accounts(
                db, principal, [callback_data.account_id], Permission.ORDER_DOCUMENTS, "documents"
            )
            chosen = [r.id for r in refs]
        else:
            await reachable_accounts(db, principal, Permission.ORDER_DOCUMENTS, "documents")
        mode = "recon" if step == DocStep.RECON else "docs"
        await _put(state, DocData(mode=mode, account_ids=chosen))
        await keep_picked(state, DOC_PICK, chosen)
        step = DocStep.PERIOD if chosen else DocStep.ACCOUNTS
    d = await _open(callback, db, principal, state, _)
    if d is None:
        return
    if step == DocStep.SUMMARY and not _complete(d):
        step = DocStep.ACCOUNTS
    await _show_step(callback, db, principal, state, _, step)


def _complete(d: DocData) -> bool:
    base = bool(d.account_ids) and d.first is not None and d.notify is not None
    if d.recon:
        return base and d.protect is not None
    return base and bool(d.kinds) and d.format is not None and d.zip_email is not None


async def _all_accounts(db: Db, principal: Principal, state: FSMContext) -> list[int]:
    refs = await reachable_accounts(db, principal, Permission.ORDER_DOCUMENTS, "documents")
    return [r.id for r in refs]


async def _accounts_page(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    page: int,
) -> None:
    if await _open(callback, db, principal, state, _) is None:
        return
    await _show_step(callback, db, principal, state, _, DocStep.ACCOUNTS, page)


async def _use_accounts(
    callback: CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    ids: list[int],
) -> None:
    """«Далее» under the ticked accounts (each one checked when it was ticked)."""
    d = await _open(callback, db, principal, state, _)
    if d is None:
        return
    d.account_ids = sorted(ids)
    await _step_done(callback, db, principal, state, _, d, DocStep.ACCOUNTS)


PICK = MultiSelect(
    of=DOC_PICK,
    check=checked_document_accounts,
    everything=_all_accounts,
    redraw=_accounts_page,
    done=_use_accounts,
    empty_key="doc-err-no-accounts",
)


async def cb_accounts_page(
    callback: CallbackQuery,
    callback_data: DocAccPageCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await _accounts_page(callback, db, principal, state, _, callback_data.page)


def _typed_period(_: Translator) -> str:
    """The question of a typed period, with an example the step takes today."""
    return _("doc-ask-period-typed", example=period_example(local_today()))


async def cb_period(
    callback: CallbackQuery,
    callback_data: DocPeriodCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    d = await _open(callback, db, principal, state, _)
    if d is None:
        return
    if callback_data.first == 0:
        await state.set_state(DocInput.period)
        await edit_or_send(callback, _typed_period(_), typed_period_kb(_))
        return
    try:
        first = from_yyyymm(callback_data.first)
        last = from_yyyymm(callback_data.last)
    except ValueError:
        await callback.answer(_("forged-button"), show_alert=True)
        return
    try:
        parsed = parse_period(f"{first:%m.%Y}-{last:%m.%Y}", local_today())
    except ValidationFailed as err:
        # A month that has not ended (a stale or forged button): said, and asked again.
        await _show_step(
            callback, db, principal, state, _, DocStep.PERIOD, note=_(err.key, **err.params)
        )
        return
    await _set_period(callback, db, principal, state, _, d, parsed)


async def _set_period(
    target: Target,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    d: DocData,
    period: tuple[date, date],
) -> None:
    first, last = period
    d.first, d.last = first, last
    await _put(state, d)
    await _show_step(target, db, principal, state, _, _next(d, DocStep.PERIOD))


async def on_period_typed(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    d = await _get(state)
    try:
        period = parse_period(message.text or "", local_today())
    except ValidationFailed as err:
        await message.answer(
            _(err.key, **err.params) + "\n\n" + _typed_period(_),
            reply_markup=typed_period_kb(_),
        )
        return
    await state.set_state(None)
    await _set_period(message, db, principal, state, _, d, period)


async def on_period_not_text(message: Message, _: Translator) -> None:
    await message.answer(_typed_period(_), reply_markup=typed_period_kb(_))


async def cb_kind(
    callback: CallbackQuery,
    callback_data: DocKindCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    d = await _open(callback, db, principal, state, _)
    if d is None:
        return
    kinds = list(d.kinds)
    if callback_data.action == DocKindAction.TOGGLE:
        if callback_data.kind not in ORDER_KINDS:
            await callback.answer(_("forged-button"), show_alert=True)
            return
        kind = callback_data.kind
        kinds = [k for k in kinds if k != kind] if kind in kinds else [*kinds, kind]
        d.kinds = [k for k in ORDER_KINDS if k in kinds]
        await _put(state, d)
        await _show_step(callback, db, principal, state, _, DocStep.KINDS)
        return
    if not kinds:
        await callback.answer(_("doc-err-no-kinds"), show_alert=True)
        return
    formats = _formats(d)
    was_single = d.single_format
    d.single_format = len(formats) == 1
    if (d.format or DocumentFormat.PDF) not in formats:
        d.format = formats[0]  # HTML chosen, then a VAT invoice added: PDF, said so
        d.vat_only_note = True
    # An order that could be PDF only and now can be HTML too has its format asked.
    step = (
        DocStep.FORMAT if d.editing and was_single and len(formats) > 1 else _next(d, DocStep.KINDS)
    )
    await _put(state, d)
    await _show_step(callback, db, principal, state, _, step)


async def cb_format(
    callback: CallbackQuery,
    callback_data: DocFormatCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    d = await _open(callback, db, principal, state, _)
    if d is None:
        return
    if callback_data.fmt not in _formats(d):
        await callback.answer(_("doc-err-format"), show_alert=True)
        return
    d.format = callback_data.fmt
    await _step_done(callback, db, principal, state, _, d, DocStep.FORMAT)


async def cb_notify(
    callback: CallbackQuery,
    callback_data: DocNotifyCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    d = await _open(callback, db, principal, state, _)
    if d is None:
        return
    d.notify = callback_data.by
    await _step_done(callback, db, principal, state, _, d, DocStep.NOTIFY)


async def cb_yes_no(
    callback: CallbackQuery,
    callback_data: DocYesNoCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    d = await _get(state)
    if not d.mode or callback_data.step not in (DocStep.ZIP, DocStep.PROTECT):
        await cb_section(callback, db, principal, state, _)
        return
    if callback_data.step == DocStep.ZIP:
        d.zip_email = bool(callback_data.yes)
    else:
        d.protect = bool(callback_data.yes)
    await _put(state, d)
    await _show_step(callback, db, principal, state, _, _next(d, callback_data.step))


def _request(d: DocData) -> DocumentRequest:
    assert d.first is not None and d.last is not None  # `_complete` said so
    return DocumentRequest(
        account_ids=tuple(d.account_ids),
        first=d.first,
        last=d.last,
        kinds=(DocumentKind.RECONCILIATION,) if d.recon else tuple(d.kinds),
        format=DocumentFormat.PDF if d.recon else (d.format or DocumentFormat.PDF),
        notify=d.notify or NotifyBy.NONE,
        zip_email=bool(d.zip_email),
        protect=bool(d.protect),
    )


async def cb_place(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    d = await _get(state)
    if not d.mode and await is_finished(state, callback):
        await stale_or_done(callback, state, _, Section.DOCUMENTS)  # «Это уже сделано»
        return
    if not d.mode or not _complete(d):
        last = (await DocPlaced.load(state)).last
        if last:
            # «Заказать» pressed again after the order went: the same order, not a new one.
            await edit_or_send(callback, _("doc-placed-again", order=last), placed_kb(_, last))
            return
        await cb_section(callback, db, principal, state, _)
        return
    result = await place_document_order(db, principal, _request(d), d.key)
    await DocData.drop(state)
    await DocPlaced(last=result.order_id).save(state)
    key = "doc-placed-recon" if d.recon else "doc-placed"
    await edit_or_send(
        callback, _(key, order=result.order_id, n=result.documents), placed_kb(_, result.order_id)
    )
    await finished_here(state, callback)


# ----------------------------------------------------------------------------------------------
# History


async def _history_head(
    db: Db, principal: Principal, _: Translator, data: DocHistCb, total: int
) -> list[str]:
    if data.order_id:
        order = await order_summary(db, principal, data.order_id)
        lines = [
            _("doc-history-order-title", order=order.id),
            _(f"doc-order-status-{order.status.value}", n=order.ready, total=order.documents),
        ]
    else:
        lines = [_("doc-history-title", n=total)]
    if data.kind is not None:
        lines.append(_("doc-history-filter", kind=_(f"doc-kind-{data.kind.value}")))
    return lines


def _history_row(row: HistoryRow, _: Translator) -> str:
    period = ""
    if row.period_start and row.period_end:
        period = _("doc-history-period", period=_period_text(row.period_start, row.period_end, _))
    status = _(f"doc-status-{row.status.value}")
    if row.status == DocumentStatus.FAILED and row.reason:
        status += f" ({escape(row.reason)})"
    return _(
        "doc-history-row",
        kind=_(f"doc-kind-{row.kind.value}"),
        number=escape(row.number),
        account=row.account_number,
        period=period,
        status=status,
        order=_("doc-history-order", order=row.order_id) if row.order_id else "",
        format=row.file_format,
    )


async def cb_history(
    callback: CallbackQuery,
    callback_data: DocHistCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    await state.set_state(None)
    data = callback_data
    page = await document_history(
        db,
        principal,
        kind=data.kind,
        order_id=data.order_id or None,
        page=data.page,
        per_page=HISTORY_PER_PAGE,
    )
    lines = await _history_head(db, principal, _, data, page.total)
    lines += ["", _("doc-history-empty")] if not page.rows else []
    for row in page.rows:
        lines += ["", _history_row(row, _)]
    files = [(row.id, _download_label(row, _)) for row in page.rows if row.downloadable]
    kinds: list[tuple[DocumentKind | None, str]] = [(None, _("doc-filter-all"))]
    kinds += [(k, _(f"doc-kind-short-{k.value}")) for k in HISTORY_KINDS]
    markup = history_kb(
        _,
        files,
        page.page,
        page.pages,
        kind=data.kind,
        order_id=data.order_id,
        filters=bool(data.filters),
        kinds=kinds,
    )
    if data.fresh and isinstance(callback.message, Message):
        await callback.message.answer("\n".join(lines), reply_markup=markup)
        await callback.answer()
        return
    await edit_or_send(callback, "\n".join(lines), markup)


def _short_period(first: date | None, last: date | None) -> str:
    """«10.26», «04–09.26» or «12.25–02.26»: a button has room for no more."""
    if first is None or last is None:
        return ""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%m.%y}"
    if first.year == last.year:
        return f"{first:%m}–{last:%m.%y}"
    return f"{first:%m.%y}–{last:%m.%y}"


def _download_label(row: HistoryRow, _: Translator) -> str:
    """Kind, account, period, format and the day it was made, in about 30 characters."""
    made = f"{to_local(row.made_at):%d.%m}" if row.made_at else ""
    period = _short_period(row.period_start, row.period_end)
    return _(
        "doc-btn-download" if period else "doc-btn-download-noperiod",
        kind=_(f"doc-kind-btn-{row.kind.value}"),
        account=row.account_number[-4:],
        period=period,
        format=row.file_format,
        made=made,
    )


async def cb_file(
    callback: CallbackQuery, callback_data: DocFileCb, db: Db, principal: Principal, _: Translator
) -> None:
    doc = await document_file(db, principal, callback_data.document_id)
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.answer_document(
            BufferedInputFile(doc.content, filename=doc.file_name),
            caption=_("doc-file-caption", name=escape(doc.file_name)),
        )


def build_router() -> Router:
    router = money_router("documents")
    router.callback_query.register(cb_section, MenuCb.filter(F.section == Section.DOCUMENTS))
    router.callback_query.register(cb_for_account, DocForAccountCb.filter())
    router.callback_query.register(cb_quick, DocQuickCb.filter())
    router.callback_query.register(cb_cancel, DocCancelCb.filter())
    router.callback_query.register(cb_nav, DocNavCb.filter())
    router.callback_query.register(cb_accounts_page, DocAccPageCb.filter())
    PICK.register(router)
    router.callback_query.register(cb_period, DocPeriodCb.filter())
    router.callback_query.register(cb_kind, DocKindCb.filter())
    router.callback_query.register(cb_format, DocFormatCb.filter())
    router.callback_query.register(cb_notify, DocNotifyCb.filter())
    router.callback_query.register(cb_yes_no, DocYesNoCb.filter())
    router.callback_query.register(cb_place, DocOrderNowCb.filter())
    router.callback_query.register(cb_history, DocHistCb.filter())
    router.callback_query.register(cb_file, DocFileCb.filter())
    router.message.register(on_period_typed, DocInput.period, F.text)
    router.message.register(on_period_not_text, DocInput.period)
    return router
