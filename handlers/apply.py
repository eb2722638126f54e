"""Application for remote service: one question per field, each answer checked as typed, a
summary where any field can be corrected, then a ticket number."""

from __future__ import annotations

import html
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from domain.access.checks import Principal
from domain.auth import applications as app
from domain.db import Db
from domain.errors import DomainError
from handlers.common import alert, ask_value, error_text, show
from handlers.start import show_main_menu
from keyboards import apply as kb
from keyboards.menu import MenuCb, Section, back_to_menu
from keyboards.texts import Translator

FIELD_NAMES = [f.name for f in app.FIELDS]


class Apply(StatesGroup):
    field = State()
    summary = State()
    choose = State()


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
    data = await state.get_data()
    name = data["field"]
    text = _question(name, data["answers"], _)
    await ask_value(target, text, kb.question(_, yes_no=name == "by_proxy"), error=before)


def _summary_text(answers: dict[str, Any], _: Translator) -> str:
    lines = [_("apply-summary-title"), ""]
    for name, _value in app.summary(answers):
        value = html.escape(_value_shown(name, answers, _))
        lines.append(f"<b>{_(f'apply-field-{name}')}</b>: {value}")
    return "\n".join(lines)


async def show_summary(target: Message | CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(Apply.summary)
    text = _summary_text((await state.get_data())["answers"], _)
    if isinstance(target, CallbackQuery):
        await show(target, text, kb.summary(_))
    else:
        await target.answer(text, reply_markup=kb.summary(_))


async def _go_on(target: Message | CallbackQuery, state: FSMContext, _: Translator) -> None:
    """After an answer: the next unanswered field, or the summary when none is left."""
    answers = (await state.get_data())["answers"]
    nxt = app.next_field(answers)
    if nxt is None:
        await show_summary(target, state, _)
        return
    await state.set_state(Apply.field)
    await state.update_data(field=nxt)
    await ask(target, state, _)


async def start(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.clear()
    await state.set_state(Apply.field)
    await state.update_data(answers={}, field=app.FIELDS[0].name)
    await ask(callback, state, _, before=_("apply-intro"))


async def _accept(
    target: Message | CallbackQuery, state: FSMContext, _: Translator, raw: str
) -> None:
    data = await state.get_data()
    try:
        answers = await app.accept(data["field"], raw, data["answers"])
    except DomainError as err:
        if isinstance(target, CallbackQuery):
            await alert(target, error_text(_, err))
        else:
            await ask(target, state, _, before=error_text(_, err))
        return
    await state.update_data(answers=answers)
    await _go_on(target, state, _)


async def typed(message: Message, state: FSMContext, _: Translator) -> None:
    field = (await state.get_data()).get("field", "")
    if field in app.BY_NAME and app.BY_NAME[field].secret:
        try:
            await message.delete()
        except TelegramBadRequest:
            pass
    await _accept(message, state, _, message.text or "")


async def yes_no(
    callback: CallbackQuery, callback_data: kb.ApplyCb, state: FSMContext, _: Translator
) -> None:
    if (await state.get_data()).get("field") != "by_proxy":
        await alert(callback, _("stale-button"))
        return
    await _accept(
        callback, state, _, app.YES if callback_data.action is kb.ApplyAction.YES else app.NO
    )


async def not_text(message: Message, state: FSMContext, _: Translator) -> None:
    if await state.get_state() == Apply.field.state:
        await ask(message, state, _, before=_("auth-text-needed"))
    else:
        await message.answer(_("apply-use-buttons"))
        await show_summary(message, state, _)


async def back(
    callback: CallbackQuery, state: FSMContext, principal: Principal | None, _: Translator
) -> None:
    data = await state.get_data()
    answers = data.get("answers", {})
    fields = app.editable_fields(answers)
    current = await state.get_state()
    if current == Apply.summary.state:
        index = len(fields)
    elif data.get("field") in fields:
        index = fields.index(data["field"])
    else:
        index = 0
    if index == 0:
        await cancel(callback, state, principal, _)
        return
    await state.set_state(Apply.field)
    await state.update_data(field=fields[index - 1])
    await ask(callback, state, _)


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
    answers = (await state.get_data()).get("answers", {})
    await state.set_state(Apply.choose)
    items = [(FIELD_NAMES.index(n), _(f"apply-field-{n}")) for n in app.editable_fields(answers)]
    # The answers stay in sight while the user picks the one to correct.
    text = f"{_summary_text(answers, _)}\n\n{_('apply-edit-which')}"
    await show(callback, text, kb.fields(_, items))


async def edit_field(
    callback: CallbackQuery, callback_data: kb.ApplyCb, state: FSMContext, _: Translator
) -> None:
    answers = (await state.get_data()).get("answers", {})
    index = callback_data.field
    if not 0 <= index < len(FIELD_NAMES) or FIELD_NAMES[index] not in app.editable_fields(answers):
        await alert(callback, _("forged-button"))
        return
    await state.set_state(Apply.field)
    await state.update_data(field=FIELD_NAMES[index])
    await ask(callback, state, _)


async def back_to_summary(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await show_summary(callback, state, _)


async def send(
    callback: CallbackQuery, state: FSMContext, db: Db, settings: Any, _: Translator
) -> None:
    assert callback.from_user is not None
    answers = (await state.get_data()).get("answers", {})
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
    cb.register(back, kb.ApplyCb.filter(F.action == kb.ApplyAction.BACK), StateFilter(Apply))
    cb.register(
        yes_no,
        kb.ApplyCb.filter(F.action.in_({kb.ApplyAction.YES, kb.ApplyAction.NO})),
        Apply.field,
    )
    cb.register(send, kb.ApplyCb.filter(F.action == kb.ApplyAction.SEND), Apply.summary)
    cb.register(choose_field, kb.ApplyCb.filter(F.action == kb.ApplyAction.EDIT), Apply.summary)
    cb.register(edit_field, kb.ApplyCb.filter(F.action == kb.ApplyAction.FIELD), Apply.choose)
    cb.register(
        back_to_summary, kb.ApplyCb.filter(F.action == kb.ApplyAction.SUMMARY), Apply.choose
    )
    cb.register(outside, kb.ApplyCb.filter())
    router.message.register(typed, Apply.field, F.text)
    router.message.register(not_text, StateFilter(Apply))
    return router
