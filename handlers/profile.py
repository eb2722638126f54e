"""Profile: login, company, level, e-mail and the phone for SMS; change the e-mail, the phone,
the password, the secret question; Telegram sessions of the login; switching among logins;
logout."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from typing import ClassVar

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from domain.access.checks import Principal
from domain.auth import login as auth
from domain.auth import profile
from domain.clock import fmt_datetime
from domain.db import Db
from domain.errors import DomainError
from domain.types import Brand
from domain.validation import format_phone
from handlers.auth import logout_button
from handlers.common import alert, ask_value, error_text, show
from handlers.dialog_data import DialogData
from handlers.start import show_main_menu
from handlers.typed import TextState
from keyboards import profile as kb
from keyboards.menu import MenuCb, Section, back_to_menu
from keyboards.texts import Translator


class Form(StatesGroup):
    email = TextState()
    email_code = TextState()
    phone = TextState()
    phone_code = TextState()
    old_password = TextState()
    new_password = TextState()
    question = TextState()
    answer = TextState()


_ASK = {
    Form.email.state: "profile-email-ask",
    Form.email_code.state: "profile-email-code-ask",
    Form.phone.state: "profile-phone-ask",
    Form.phone_code.state: "profile-phone-code-ask",
    Form.old_password.state: "profile-old-password-ask",
    Form.new_password.state: "profile-new-password-ask",
    Form.question.state: "profile-question-ask",
    Form.answer.state: "profile-answer-ask",
}
_SECRET = {Form.old_password.state, Form.new_password.state, Form.answer.state}


def _login_shown(brand: Brand, login: str) -> str:
    return format_phone(login) if brand is Brand.MEGAFON else login


async def card_text(db: Db, principal: Principal, _: Translator) -> str:
    p = await profile.get_profile(db, principal)
    return _(
        "profile-card",
        login=html.escape(_login_shown(p.brand, p.login)),
        company=html.escape(p.company_name),
        role=_(f"role-{p.role.value}"),
        email=html.escape(p.email) if p.email else _("profile-email-none"),
        phone=format_phone(p.phone) if p.phone else _("profile-email-none"),
        question=_("profile-question-set" if p.secret_question else "profile-question-none"),
    )


class ProfileData(DialogData):
    """The secret question typed at the first step, kept for the answer's step."""

    KEY: ClassVar[str] = "profile"
    question: str = ""


async def ask(message: Message, state: FSMContext, _: Translator, before: str = "") -> None:
    current = await state.get_state()
    question = (await ProfileData.load(state)).question
    text = _(_ASK.get(current or "", "profile-email-ask"), question=html.escape(question))
    await ask_value(message, text, kb.dialog(_), error=before)


async def _need_login(target: Message | CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.clear()
    await show(target, _("need-login"), back_to_menu(_))


# --- the card -----------------------------------------------------------------------------------


async def open_profile(
    callback: CallbackQuery, state: FSMContext, db: Db, principal: Principal | None, _: Translator
) -> None:
    if principal is None:
        await _need_login(callback, state, _)
        return
    await state.clear()
    try:
        text = await card_text(db, principal, _)
    except DomainError as err:
        await alert(callback, error_text(_, err))
        return
    await show(callback, text, kb.card(_))


async def cancel(
    callback: CallbackQuery, state: FSMContext, principal: Principal | None, _: Translator
) -> None:
    await state.clear()
    await show_main_menu(callback, principal, _)


def _opens(first: State) -> Callable[..., Awaitable[None]]:
    """The handler of a «change…» button: the dialog starts afresh at `first`."""

    async def start_dialog(
        callback: CallbackQuery, state: FSMContext, principal: Principal | None, _: Translator
    ) -> None:
        if principal is None:
            await _need_login(callback, state, _)
            return
        await state.clear()
        await state.set_state(first)
        await callback.answer()
        if isinstance(callback.message, Message):
            await ask(callback.message, state, _)

    return start_dialog


async def _done(
    message: Message, state: FSMContext, db: Db, principal: Principal, _: Translator, note: str
) -> None:
    await state.clear()
    await message.answer(f"{note}\n\n{await card_text(db, principal, _)}", reply_markup=kb.card(_))


# One function per step: what the typed text is at that step. A `DomainError` asks again.
Step = Callable[[Message, FSMContext, Db, Principal, Translator, str], Awaitable[None]]


def _step(step: Step, *, secret: bool = False) -> Callable[..., Awaitable[None]]:
    """The message handler of one step: logged in, a secret taken off the screen, a mistake
    said above the same question."""

    async def typed(
        message: Message, state: FSMContext, db: Db, principal: Principal | None, _: Translator
    ) -> None:
        if principal is None:
            await _need_login(message, state, _)
            return
        if secret:
            try:
                await message.delete()
            except TelegramBadRequest:
                pass
        try:
            await step(message, state, db, principal, _, message.text or "")
        except DomainError as err:
            await ask(message, state, _, before=error_text(_, err))

    return typed


async def email_typed(
    message: Message, state: FSMContext, db: Db, principal: Principal, _: Translator, text: str
) -> None:
    email = await profile.request_email_change(db, principal, text)
    await state.set_state(Form.email_code)
    await ask(message, state, _, before=_("profile-email-code-sent", email=html.escape(email)))


async def email_code_typed(
    message: Message, state: FSMContext, db: Db, principal: Principal, _: Translator, text: str
) -> None:
    email = await profile.confirm_email_change(db, principal, text)
    note = _("profile-email-changed", email=html.escape(email))
    await _done(message, state, db, principal, _, note)


async def phone_typed(
    message: Message, state: FSMContext, db: Db, principal: Principal, _: Translator, text: str
) -> None:
    phone = await profile.request_phone_change(db, principal, text)
    await state.set_state(Form.phone_code)
    await ask(message, state, _, before=_("profile-phone-code-sent", phone=format_phone(phone)))


async def phone_code_typed(
    message: Message, state: FSMContext, db: Db, principal: Principal, _: Translator, text: str
) -> None:
    phone = await profile.confirm_phone_change(db, principal, text)
    note = _("profile-phone-changed", phone=format_phone(phone))
    await _done(message, state, db, principal, _, note)


async def old_password_typed(
    message: Message, state: FSMContext, db: Db, principal: Principal, _: Translator, text: str
) -> None:
    await auth.verify_current_password(db, principal, text)
    await state.set_state(Form.new_password)
    await ask(message, state, _)


async def new_password_typed(
    message: Message, state: FSMContext, db: Db, principal: Principal, _: Translator, text: str
) -> None:
    try:
        await auth.set_new_password(db, principal, text)
    except auth.OldPasswordNeeded:
        # The domain decides: no recent proof of the current password, ask it again.
        await state.set_state(Form.old_password)
        await ask(message, state, _)
        return
    await _done(message, state, db, principal, _, _("profile-password-changed"))


async def question_typed(
    message: Message, state: FSMContext, db: Db, principal: Principal, _: Translator, text: str
) -> None:
    await ProfileData.change(state, question=profile.check_question(text))
    await state.set_state(Form.answer)
    await ask(message, state, _)


async def answer_typed(
    message: Message, state: FSMContext, db: Db, principal: Principal, _: Translator, text: str
) -> None:
    question = (await ProfileData.load(state)).question
    await profile.set_secret_question(db, principal, question, text)
    await _done(message, state, db, principal, _, _("profile-question-saved"))


_STEPS: tuple[tuple[State, Step], ...] = (
    (Form.email, email_typed),
    (Form.email_code, email_code_typed),
    (Form.phone, phone_typed),
    (Form.phone_code, phone_code_typed),
    (Form.old_password, old_password_typed),
    (Form.new_password, new_password_typed),
    (Form.question, question_typed),
    (Form.answer, answer_typed),
)


async def not_text(message: Message, state: FSMContext, _: Translator) -> None:
    await ask(message, state, _, before=_("auth-text-needed"))


# --- sessions of this login ---------------------------------------------------------------------


async def show_sessions(
    callback: CallbackQuery, state: FSMContext, db: Db, principal: Principal | None, _: Translator
) -> None:
    if principal is None:
        await _need_login(callback, state, _)
        return
    items = await auth.list_user_sessions(db, principal)
    lines = [_("profile-sessions-title", count=len(items))]
    others = []
    for n, s in enumerate(items, start=1):
        lines.append(
            _(
                "profile-session-line",
                n=n,
                tg=str(s.telegram_user_id)[-4:],
                created=fmt_datetime(s.created_at),
                seen=fmt_datetime(s.last_seen_at),
                this="yes" if s.is_this else "no",
            )
        )
        if not s.is_this:
            others.append((n, s.session_id))
    await show(callback, "\n".join(lines), kb.sessions(_, others))


async def end_session(
    callback: CallbackQuery,
    callback_data: kb.ProfileCb,
    state: FSMContext,
    db: Db,
    principal: Principal | None,
    _: Translator,
) -> None:
    if principal is None:
        await _need_login(callback, state, _)
        return
    try:
        was_current = await auth.end_user_session(db, principal, callback_data.id)
    except DomainError as err:
        await alert(callback, error_text(_, err))
        return
    if was_current:
        assert callback.from_user is not None
        await show_main_menu(callback, await auth.load_principal(db, callback.from_user.id), _)
        return
    await show_sessions(callback, state, db, principal, _)


# --- several logins -----------------------------------------------------------------------------


async def show_logins(
    callback: CallbackQuery, state: FSMContext, db: Db, principal: Principal | None, _: Translator
) -> None:
    assert callback.from_user is not None
    await state.clear()
    items = await auth.list_logins(db, callback.from_user.id)
    if principal is None and not items:
        await _need_login(callback, state, _)
        return
    lines = [_("profile-switch-title")]
    buttons = []
    for i in items:
        label = _(
            "profile-switch-line",
            current="yes" if i.is_current else "no",
            company=i.company_name,
            login=_login_shown(i.brand, i.login),
            role=_(f"role-{i.role.value}"),
        )
        lines.append(html.escape(label))
        mark = "✅" if i.is_current else "▫️"
        # The login first: a phone's width cuts the end of a long label, and two logins of one
        # company differ only by it.
        buttons.append(
            (f"{mark} {_login_shown(i.brand, i.login)} · {i.company_name}"[:60], i.session_id)
        )
    await show(callback, "\n".join(lines), kb.logins(_, buttons))


async def switch(
    callback: CallbackQuery, callback_data: kb.ProfileCb, db: Db, _: Translator
) -> None:
    assert callback.from_user is not None
    try:
        principal = await auth.switch_login(db, callback.from_user.id, callback_data.id)
    except DomainError as err:
        await alert(callback, error_text(_, err))
        return
    await show_main_menu(callback, principal, _)


async def add_login(callback: CallbackQuery, _: Translator) -> None:
    await show(callback, _("profile-add-login-ask"), kb.add_login(_))


def build_router() -> Router:
    router = Router(name="profile")
    cb = router.callback_query
    anywhere = StateFilter("*")
    cb.register(open_profile, MenuCb.filter(F.section == Section.PROFILE), anywhere)
    cb.register(open_profile, kb.ProfileCb.filter(F.action == kb.ProfileAction.BACK), anywhere)
    cb.register(cancel, kb.ProfileCb.filter(F.action == kb.ProfileAction.CANCEL), anywhere)
    for action, first in (
        (kb.ProfileAction.EMAIL, Form.email),
        (kb.ProfileAction.PHONE, Form.phone),
        (kb.ProfileAction.PASSWORD, Form.old_password),
        (kb.ProfileAction.QUESTION, Form.question),
    ):
        cb.register(_opens(first), kb.ProfileCb.filter(F.action == action), anywhere)
    cb.register(show_sessions, kb.ProfileCb.filter(F.action == kb.ProfileAction.SESSIONS), anywhere)
    cb.register(end_session, kb.ProfileCb.filter(F.action == kb.ProfileAction.END), anywhere)
    cb.register(show_logins, MenuCb.filter(F.section == Section.SWITCH_LOGIN), anywhere)
    cb.register(switch, kb.ProfileCb.filter(F.action == kb.ProfileAction.SWITCH), anywhere)
    cb.register(add_login, kb.ProfileCb.filter(F.action == kb.ProfileAction.ADD), anywhere)
    cb.register(logout_button, kb.ProfileCb.filter(F.action == kb.ProfileAction.LOGOUT), anywhere)
    for step_state, step in _STEPS:
        secret = step_state.state in _SECRET
        router.message.register(_step(step, secret=secret), step_state, F.text)
    router.message.register(not_text, StateFilter(Form))
    return router
