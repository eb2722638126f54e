"""Adding an employee: name, number, photo, comment, a summary with the account, «Создать»; and
the SMS confirmation of a number from outside (the code typed by the coordinator, or the deep
link `/start sc_…` pressed by the employee). One handler per button."""

from __future__ import annotations

from html import escape
from typing import ClassVar

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from domain.access.checks import Principal
from domain.db import Db
from domain.errors import DomainError, RateLimited, ValidationFailed
from domain.subscribers import numbers as subs
from domain.types import SubscriberStatus
from domain.validation import format_phone
from handlers.dialog_data import DialogData
from handlers.gate import ask_about, edit_or_send, money_router
from handlers.stale import finished_here, stale_or_done
from handlers.subscribers.screens import list_screen, show_card, start_browsing
from handlers.typed import TextState
from keyboards import subscribers as kb
from keyboards.menu import Section, back_to_menu
from keyboards.subscribers import AddAction, AddCb, ListMode, SubAction, SubCb
from keyboards.texts import Translator


class AddInput(StatesGroup):
    name = TextState()
    number = TextState()
    photo = State()
    comment = TextState()
    summary = State()
    code = TextState()  # the code from the SMS of a number from outside


class AddDraft(DialogData):
    """What the user has told so far; a mistake in a later step loses none of it."""

    KEY: ClassVar[str] = "sub_add"
    name: str = ""
    number: str = ""
    own: bool = False  # a number of the company's own accounts (active at once)
    account_id: int = 0
    photo: str | None = None
    comment: str = ""


class CodeFor(DialogData):
    KEY: ClassVar[str] = "sub_code"
    sub_id: int = 0


STEPS = (AddInput.name, AddInput.number, AddInput.photo, AddInput.comment, AddInput.summary)
QUESTIONS = {
    AddInput.name.state: "sub-add-name-ask",
    AddInput.number.state: "sub-add-number-ask",
    AddInput.photo.state: "sub-add-photo-ask",
    AddInput.comment.state: "sub-add-comment-ask",
    AddInput.code.state: "sub-code-ask",
}


async def start_add(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    await subs.check_can_add(db, principal)
    question, markup = _("sub-add-name-ask"), kb.add_step_kb(_, back=False)
    await ask_about(callback, state, AddInput.name, AddDraft(), question, markup)


async def _ask_step(
    target: Message | CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    step: State,
    error: str = "",
) -> None:
    await state.set_state(step)
    if step is AddInput.summary:
        await _summary(target, db, principal, state, _)
        return
    text = (error + "\n\n" if error else "") + _(QUESTIONS[step.state or ""])
    if step in (AddInput.photo, AddInput.comment):
        markup = kb.add_skip_kb(_)
    else:
        markup = kb.add_step_kb(_, back=step is not AddInput.name)
    await edit_or_send(target, text, markup)


async def _summary(
    target: Message | CallbackQuery,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
    note: str = "",
) -> None:
    draft = await AddDraft.load(state)
    accounts = await subs.accounts_for_new(db, principal)
    if not draft.own and not draft.account_id and accounts:
        draft = await AddDraft.change(state, account_id=accounts[0].id)
    number = next((a.number for a in accounts if a.id == draft.account_id), "—")
    lines = [
        _("sub-add-summary"),
        _("sub-card-name", name=escape(draft.name)),
        _("sub-card-title", number=format_phone(draft.number)),
        _("sub-add-photo-yes" if draft.photo else "sub-add-photo-no"),
        _("sub-card-comment", comment=escape(draft.comment or "—")),
        _("sub-card-account", account=number),
        _("sub-add-own" if draft.own else "sub-add-foreign"),
    ]
    markup = kb.add_summary_kb(_, other_accounts=not draft.own and len(accounts) > 1)
    text = "\n\n".join(filter(None, [note, "\n".join(lines)]))
    await edit_or_send(target, text, markup)


# --- the answers ------------------------------------------------------------------------------


async def on_name(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    try:
        name = subs.parse_employee_name(message.text or "")
    except ValidationFailed as err:
        await _ask_step(message, db, principal, state, _, AddInput.name, _(err.key, **err.params))
        return
    await AddDraft.change(state, name=name)
    await _ask_step(message, db, principal, state, _, AddInput.number)


async def on_number(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    try:
        check = await subs.check_new_number(db, principal, message.text or "")
    except ValidationFailed as err:
        error = _(err.key, **err.params)
        await _ask_step(message, db, principal, state, _, AddInput.number, error)
        return
    await AddDraft.change(
        state, number=check.msisdn, own=check.own, account_id=check.account_id or 0
    )
    await _ask_step(message, db, principal, state, _, AddInput.photo)


async def on_photo(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    if not message.photo:
        await _ask_step(message, db, principal, state, _, AddInput.photo, _("sub-err-photo"))
        return
    await AddDraft.change(state, photo=message.photo[-1].file_id)
    await _ask_step(message, db, principal, state, _, AddInput.comment)


async def on_comment(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    try:
        comment = subs.parse_comment(message.text or "")
    except ValidationFailed as err:
        error = _(err.key, **err.params)
        await _ask_step(message, db, principal, state, _, AddInput.comment, error)
        return
    await AddDraft.change(state, comment=comment)
    await _ask_step(message, db, principal, state, _, AddInput.summary)


async def on_not_text(message: Message, state: FSMContext, _: Translator) -> None:
    key = QUESTIONS.get(await state.get_state() or "", "sub-err-text")
    await message.answer(_("sub-err-text-only", question=_(key)))


# --- the buttons ------------------------------------------------------------------------------


async def cb_back(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    index = [s.state for s in STEPS].index(await state.get_state())
    if index > 0:
        await _ask_step(callback, db, principal, state, _, STEPS[index - 1])
        return
    await state.set_state(None)
    await start_browsing(state)
    text, markup = await list_screen(db, principal, state, _, 0, ListMode.BROWSE)
    await edit_or_send(callback, text, markup)


async def cb_skip(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    """«Пропустить» the photo or the comment."""
    index = [s.state for s in STEPS].index(await state.get_state())
    await _ask_step(callback, db, principal, state, _, STEPS[index + 1])


async def cb_next_account(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    """A number from outside goes to the next of the user's accounts."""
    ids = [a.id for a in await subs.accounts_for_new(db, principal)]
    if ids:
        current = (await AddDraft.load(state)).account_id
        k = ids.index(current) if current in ids else -1
        await AddDraft.change(state, account_id=ids[(k + 1) % len(ids)])
    await _summary(callback, db, principal, state, _)


async def cb_create(
    callback: CallbackQuery, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    draft = await AddDraft.load(state)
    # The dialog ends first, so that a second press finds no dialog.
    await state.set_state(None)
    await AddDraft.drop(state)
    try:
        added = await subs.add_employee(
            db,
            principal,
            name=draft.name,
            number=draft.number,
            account_id=draft.account_id,
            photo_file_id=draft.photo,
            comment=draft.comment,
            telegram_user_id=callback.from_user.id,
        )
    except ValidationFailed as err:
        text = _(err.key, **err.params) + "\n\n" + _("sub-add-number-ask")
        await ask_about(callback, state, AddInput.number, draft, text, kb.add_step_kb(_))
        return
    except RateLimited as err:
        # Nothing was written: the same summary, saying when «Создать» will work.
        await state.set_state(AddInput.summary)
        await draft.save(state)
        note = _("sub-add-later", reason=_(err.key, **err.params))
        await _summary(callback, db, principal, state, _, note)
        return
    active = added.status is SubscriberStatus.ACTIVE
    note = _(
        "sub-added-active" if active else "sub-added-pending", number=format_phone(added.msisdn)
    )
    await show_card(callback, db, principal, _, added.id, note)
    await finished_here(state, callback)


async def cb_stale(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    """A button out of its dialog: «Создать» pressed twice creates one employee («Это уже
    сделано»); a step's button after «Отмена» or a restart is out of date."""
    await stale_or_done(callback, state, _, Section.SUBSCRIBERS)


# --- confirmation of a number from outside ----------------------------------------------------


async def cb_code(
    callback: CallbackQuery,
    callback_data: SubCb,
    db: Db,
    principal: Principal,
    state: FSMContext,
    _: Translator,
) -> None:
    sub_id = callback_data.sub_id
    await subs.ensure_can_confirm(db, principal, sub_id)
    question, markup = _("sub-code-ask"), kb.input_kb(_, sub_id)
    await ask_about(callback, state, AddInput.code, CodeFor(sub_id=sub_id), question, markup)


async def cb_resend(
    callback: CallbackQuery, callback_data: SubCb, db: Db, principal: Principal, _: Translator
) -> None:
    sub_id = callback_data.sub_id
    number = await subs.resend_confirmation(db, principal, sub_id, callback.from_user.id)
    note = _("sub-code-resent", number=format_phone(number))
    await show_card(callback, db, principal, _, sub_id, note)


async def on_code(
    message: Message, db: Db, principal: Principal, state: FSMContext, _: Translator
) -> None:
    sub_id = (await CodeFor.load(state)).sub_id
    telegram_id = message.from_user.id if message.from_user else None
    try:
        number = await subs.confirm_by_coordinator(
            db, principal, sub_id, message.text or "", telegram_id
        )
    except ValidationFailed as err:
        await message.answer(
            _(err.key, **err.params) + "\n" + _("sub-code-ask"), reply_markup=kb.input_kb(_, sub_id)
        )
        return
    await state.set_state(None)
    note = _("sub-confirmed", number=format_phone(number))
    await show_card(message, db, principal, _, sub_id, note)


async def on_start_confirm(
    message: Message, command: CommandObject, db: Db, state: FSMContext, _: Translator
) -> None:
    """`/start sc_<id>_<code>` from the SMS: the employee confirms the number in the bot."""
    await state.clear()
    try:
        company = await subs.confirm_by_link(
            db, command.args or "", message.from_user.id if message.from_user else None
        )
    except DomainError as err:
        await message.answer(_(err.key, **err.params), reply_markup=back_to_menu(_))
        return
    await message.answer(
        _("sub-confirmed-link", company=escape(company)), reply_markup=back_to_menu(_)
    )


def build_deeplink_router() -> Router:
    """`/start sc_…` from the confirmation SMS; before the start router, for anyone."""
    router = Router(name="subscribers-deeplink")
    router.message.register(
        on_start_confirm,
        CommandStart(deep_link=True, magic=F.args.startswith(subs.CONFIRM_PREFIX)),
        StateFilter("*"),
    )
    return router


def build_router() -> Router:
    router = money_router("subscriber-adding")
    on = router.callback_query.register
    on(cb_back, AddCb.filter(F.action == AddAction.BACK), StateFilter(*STEPS))
    on(
        cb_skip,
        AddCb.filter(F.action == AddAction.SKIP),
        StateFilter(AddInput.photo, AddInput.comment),
    )
    on(cb_next_account, AddCb.filter(F.action == AddAction.ACCOUNT), AddInput.summary)
    on(cb_create, AddCb.filter(F.action == AddAction.CREATE), AddInput.summary)
    on(cb_stale, AddCb.filter())
    on(cb_code, SubCb.filter(F.action == SubAction.CODE))
    on(cb_resend, SubCb.filter(F.action == SubAction.RESEND))
    msg = router.message.register
    msg(on_name, AddInput.name, F.text)
    msg(on_number, AddInput.number, F.text)
    msg(on_photo, AddInput.photo)
    msg(on_comment, AddInput.comment, F.text)
    msg(on_code, AddInput.code, F.text)
    msg(on_not_text, StateFilter(AddInput))
    return router
