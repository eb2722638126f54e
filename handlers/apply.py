"""Application for remote service: one question per field, each answer checked as typed, a
summary where any field can be corrected, then a ticket number."""

from __future__ import annotations

import html
from typing import Any, ClassVar

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from pydantic import Field

from domain.access.checks import Principal
from domain.auth import applications as app
from domain.db import Db
from domain.errors import DomainError
from handlers.common import alert, ask_value, error_text, show
from handlers.dialog_data import DialogData
from handlers.start import show_main_menu
from handlers.typed import TextState
from keyboards import apply as kb
from keyboards.menu import MenuCb, Section, back_to_menu
from keyboards.texts import Translator

FIELD_NAMES = [f.name for f in app.FIELDS]


class Apply(StatesGroup):
    field = TextState()
    summary = State()
    choose = State()


class ApplyData(DialogData):
    """The answers so far (by field name) and the field being asked."""

    KEY: ClassVar[str] = "apply"
    answers: dict[str, Any] = Field(default_factory=dict)
    field: str = ""


def _value_shown(name: str, answers: dict[str, Any], _: Translator) -> str:
    if name == "by_proxy":
        return _("apply-yes" if answers.get(name) == app.YES else "apply-no")
    return app.display_value(name, answers)


def _question(name: str, answers: dict[str, Any], _: Translator) -> str:
    fields = app.editable_fields(answers)
    n = fields.index(name) + 1 if name in fields else 1
    lines = [
        _("apply-step", n=n, total=len(fields)),
        _(f"apply-ask-{name}", kind=answers.get("inn_kind", "company")),
    ]
    if name in answers:
        lines.append(_("apply-current", value=html.escape(_value_shown(name, answers, _))))
    return "\n".join(lines)


async def ask(
    target: Message | CallbackQuery, state: FSMContext, _: Translator, before: str = ""
) -> None:
    data = await ApplyData.load(state)
    name = data.field
    text = _question(name, data.answers, _)
    await ask_value(target, text, kb.question(_, yes_no=name == "by_proxy"), error=before)


def _summary_text(answers: dict[str, Any], _: Translator) -> str:
    lines = [_("apply-summary-title"), ""]
    for name, _value in app.summary(answers):
        value = html.escape(_value_shown(name, answers, _))
        lines.append(f"<b>{_(f'apply-field-{name}')}</b>: {value}")
    return "\n".join(lines)


async def show_summary(target: Message | CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(Apply.summary)
    text = _summary_text((await ApplyData.load(state)).answers, _)
    if isinstance(target, CallbackQuery):
        await show(target, text, kb.summary(_))
    else:
        await target.answer(text, reply_markup=kb.summary(_))


async def _go_on(target: Message | CallbackQuery, state: FSMContext, _: Translator) -> None:
    """After an answer: the next unanswered field, or the summary when none is left."""
    nxt = app.next_field((await ApplyData.load(state)).answers)
    if nxt is None:
        await show_summary(target, state, _)
        return
    await state.set_state(Apply.field)
    await ApplyData.change(state, field=nxt)
    await ask(target, state, _)


async def start(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.clear()
    await state.set_state(Apply.field)
    await ApplyData(field=app.FIELDS[0].name).save(state)
    await ask(callback, state, _, before=_("apply-intro"))


async def _accept(
    target: Message | CallbackQuery, state: FSMContext, _: Translator, raw: str
) -> None:
    data = await ApplyData.load(state)
    try:
        answers = await app.accept(data.field, raw, data.answers)
    except DomainError as err:
        if isinstance(target, CallbackQuery):
            await alert(target, error_text(_, err))
        else:
            await ask(target, state, _, before=error_text(_, err))
        return
    await ApplyData.change(state, answers=answers)
    await _go_on(target, state, _)


async def typed(message: Message, state: FSMContext, _: Translator) -> None:
    field = (await ApplyData.load(state)).field
    if field in app.BY_NAME and app.BY_NAME[field].secret:
        try:
            await message.delete()
        except TelegramBadRequest:
            pass
    await _accept(message, state, _, message.text or "")


async def _yes_no(callback: CallbackQuery, state: FSMContext, _: Translator, value: str) -> None:
    """«Да» / «Нет»: only the question «по доверенности?» has them."""
    if (await ApplyData.load(state)).field != "by_proxy":
        await alert(callback, _("stale-button"))
        return
    await _accept(callback, state, _, value)


async def yes(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await _yes_no(callback, state, _, app.YES)


async def no(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await _yes_no(callback, state, _, app.NO)


async def field_not_text(message: Message, state: FSMContext, _: Translator) -> None:
    await ask(message, state, _, before=_("auth-text-needed"))


async def summary_not_text(message: Message, state: FSMContext, _: Translator) -> None:
    await message.answer(_("apply-use-buttons"))
    await show_summary(message, state, _)


async def _back_to(
    callback: CallbackQuery,
    state: FSMContext,
    principal: Principal | None,
    _: Translator,
    index: int,
) -> None:
    """The field before the `index`th editable one; before the first, the dialog ends."""
    fields = app.editable_fields((await ApplyData.load(state)).answers)
    if index <= 0:
        await cancel(callback, state, principal, _)
        return
    await state.set_state(Apply.field)
    await ApplyData.change(state, field=fields[index - 1])
    await ask(callback, state, _)


async def back(
    callback: CallbackQuery, state: FSMContext, principal: Principal | None, _: Translator
) -> None:
    """«Назад» at a question: the question before it."""
    data = await ApplyData.load(state)
    fields = app.editable_fields(data.answers)
    index = fields.index(data.field) if data.field in fields else 0
    await _back_to(callback, state, principal, _, index)


async def back_from_summary(
    callback: CallbackQuery, state: FSMContext, principal: Principal | None, _: Translator
) -> None:
    """«Назад» under the summary: the last question."""
    fields = app.editable_fields((await ApplyData.load(state)).answers)
    await _back_to(callback, state, principal, _, len(fields))


async def cancel(
    callback: CallbackQuery, state: FSMContext, principal: Principal | None, _: Translator
) -> None:
    await state.clear()
    await callback.answer()
    if not isinstance(callback.message, Message):
        return
    # Say in the dialog's own message that nothing went out, then the menu below it.
    await callback.message.edit_text(_("apply-cancelled"))
    await show_main_menu(callback.message, principal, _)


async def choose_field(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    answers = (await ApplyData.load(state)).answers
    await state.set_state(Apply.choose)
    items = [(FIELD_NAMES.index(n), _(f"apply-field-{n}")) for n in app.editable_fields(answers)]
    # The answers stay in sight while the user picks the one to correct.
    text = f"{_summary_text(answers, _)}\n\n{_('apply-edit-which')}"
    await show(callback, text, kb.fields(_, items))


async def edit_field(
    callback: CallbackQuery, callback_data: kb.ApplyCb, state: FSMContext, _: Translator
) -> None:
    answers = (await ApplyData.load(state)).answers
    index = callback_data.field
    if not 0 <= index < len(FIELD_NAMES) or FIELD_NAMES[index] not in app.editable_fields(answers):
        await alert(callback, _("forged-button"))
        return
    await state.set_state(Apply.field)
    await ApplyData.change(state, field=FIELD_NAMES[index])
    await ask(callback, state, _)


async def back_to_summary(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await show_summary(callback, state, _)


async def send(
    callback: CallbackQuery, state: FSMContext, db: Db, settings: Any, _: Translator
) -> None:
    assert callback.from_user is not None
    answers = (await ApplyData.load(state)).answers
    try:
        done = await app.submit(
            db,
            answers,
            callback.from_user.id,
            staff_chat_id=getattr(settings, "support_chat_id", None),
        )
    except DomainError as err:
        await alert(callback, error_text(_, err))
        return
    await state.clear()
    await show(
        callback,
        _("apply-sent", number=done.number, email=html.escape(str(answers.get("email", "")))),
        back_to_menu(_),
    )


async def outside(callback: CallbackQuery, _: Translator) -> None:
    # An application button after the dialog ended (or made by hand): change nothing.
    await alert(callback, _("stale-button"))


def build_router() -> Router:
    router = Router(name="apply")
    cb = router.callback_query
    cb.register(start, MenuCb.filter(F.section == Section.APPLY), StateFilter("*"))
    cb.register(cancel, kb.ApplyCb.filter(F.action == kb.ApplyAction.CANCEL), StateFilter(Apply))
    on_back = kb.ApplyCb.filter(F.action == kb.ApplyAction.BACK)
    cb.register(back_from_summary, on_back, Apply.summary)
    cb.register(back, on_back, StateFilter(Apply.field, Apply.choose))
    cb.register(yes, kb.ApplyCb.filter(F.action == kb.ApplyAction.YES), Apply.field)
    cb.register(no, kb.ApplyCb.filter(F.action == kb.ApplyAction.NO), Apply.field)
    cb.register(send, kb.ApplyCb.filter(F.action == kb.ApplyAction.SEND), Apply.summary)
    cb.register(choose_field, kb.ApplyCb.filter(F.action == kb.ApplyAction.EDIT), Apply.summary)
    cb.register(edit_field, kb.ApplyCb.filter(F.action == kb.ApplyAction.FIELD), Apply.choose)
    cb.register(
        back_to_summary, kb.ApplyCb.filter(F.action == kb.ApplyAction.SUMMARY), Apply.choose
    )
    cb.register(outside, kb.ApplyCb.filter())
    router.message.register(typed, Apply.field, F.text)
    router.message.register(field_not_text, Apply.field)
    router.message.register(summary_not_text, StateFilter(Apply.summary, Apply.choose))
    return router
