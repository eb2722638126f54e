"""Logging in: MegaFon by number (shared or typed), Yota by account; a code by SMS or a password;
"forgot password"; and the forced permanent password after a one-time one.

Two routers: `build_guard_router()` must come first in the Dispatcher — while a principal must
change its password it takes every update (nothing else is allowed) — and `build_router()` holds
the login dialogs.
"""

from __future__ import annotations

import html
from collections.abc import Coroutine
from typing import Any, ClassVar

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message, ReplyKeyboardMarkup, TelegramObject

from domain.access.checks import Principal
from domain.auth import login as auth
from domain.db import Db
from domain.errors import DomainError
from domain.types import Brand, Channel
from domain.validation import format_phone
from handlers.common import ask_value, error_text, quick_keys
from handlers.dialog_data import DialogData
from handlers.start import show_main_menu
from handlers.typed import TextState
from keyboards import auth as kb
from keyboards.menu import MenuCb, Section
from keyboards.texts import Translator


class Login(StatesGroup):
    phone = TextState()  # MegaFon: share the contact or type the number
    account = TextState()  # Yota: type the account number
    code = TextState()
    pw_login = TextState()
    pw_password = TextState()
    rec_identifier = TextState()
    rec_channel = State()
    rec_code = TextState()


class Forced(StatesGroup):
    new_password = State()


class LoginData(DialogData):
    """What the login dialog has been told: the brand, the login, and for a recovery the
    identifier typed and the channel the code went by."""

    KEY: ClassVar[str] = "login"
    brand: Brand = Brand.MEGAFON
    login: str = ""
    identifier: str = ""
    channel: Channel = Channel.SMS


class Btn(Filter):
    """A reply-keyboard button, by its message id, in the user's language."""

    def __init__(self, key: str) -> None:
        self.key = key

    async def __call__(self, message: Message, _: Translator) -> bool:
        return message.text is not None and message.text == _(self.key)


class MustChangePassword(Filter):
    async def __call__(self, event: TelegramObject, principal: Principal | None = None) -> bool:
        return principal is not None and principal.must_change_password


def _login_shown(brand: Brand, login: str) -> str:
    return format_phone(login) if brand is Brand.MEGAFON else login


async def _prompt(state: FSMContext, _: Translator) -> tuple[str, ReplyKeyboardMarkup]:
    """The question of the current step and its keyboard (asked again after a mistake)."""
    current = await state.get_state()
    data = await LoginData.load(state)
    brand = data.brand
    login = _login_shown(brand, data.login)
    if current == Login.phone.state:
        return _("auth-megafon-ask"), kb.login_start(_, brand)
    if current == Login.account.state:
        return _("auth-yota-ask"), kb.login_start(_, brand)
    if current == Login.code.state:
        return _("auth-code-ask"), kb.code_step(_)
    if current == Login.pw_login.state:
        return _(f"auth-pw-login-ask-{brand.value}"), kb.login_step(_, brand)
    if current == Login.pw_password.state:
        return _("auth-pw-ask", login=html.escape(login)), kb.back_cancel(_)
    if current == Login.rec_identifier.state:
        return _(f"auth-rec-ask-{brand.value}"), kb.back_cancel(_)
    if current == Login.rec_channel.state:
        shown = _login_shown(brand, data.identifier)
        text = _("auth-rec-channel-ask", login=html.escape(shown), brand=brand.value)
        return text, kb.channel_step(_)
    return _("auth-rec-code-ask"), kb.code_step(_)


async def ask(message: Message, state: FSMContext, _: Translator, before: str = "") -> None:
    text, markup = await _prompt(state, _)
    await ask_value(message, text, markup, error=before)


async def _delete(message: Message) -> None:
    # A password or a code word must not stay in the chat history.
    try:
        await message.delete()
    except TelegramBadRequest:
        pass


def _first_step(brand: Brand) -> State:
    return Login.phone if brand is Brand.MEGAFON else Login.account


async def logged_in(
    message: Message, state: FSMContext, principal: Principal, _: Translator
) -> None:
    await state.clear()
    await message.answer(
        _(
            "auth-welcome",
            company=html.escape(principal.company_name),
            role=_(f"role-{principal.role.value}"),
        ),
        # Until the permanent password is set the quick buttons would only be refused.
        reply_markup=quick_keys(_, principal),
    )
    if principal.must_change_password:
        await state.set_state(Forced.new_password)
        await message.answer(_("auth-forced-ask"), reply_markup=kb.forced_password(_))
        return
    await show_main_menu(message, principal, _)


async def _refuse(
    message: Message, state: FSMContext, db: Db, _: Translator, err: DomainError
) -> None:
    """Say why a step failed and ask it again — unless the login is locked: then nothing typed
    can help until the time named, so the dialog ends and the menu says how to come back."""
    if err.key != "auth-locked":
        await ask(message, state, _, before=error_text(_, err))
        return
    await state.clear()
    assert message.from_user is not None
    # Another login of this Telegram account may still be active (adding a second login).
    current = await auth.load_principal(db, message.from_user.id)
    await message.answer(
        f"{error_text(_, err)}\n\n{_('auth-locked-next')}",
        reply_markup=quick_keys(_, current),
    )
    await show_main_menu(message, current, _)


async def _finish_login(
    message: Message,
    state: FSMContext,
    db: Db,
    _: Translator,
    attempt: Coroutine[Any, Any, Principal],
) -> None:
    """The last step of every way in (code, password, one-time password)."""
    try:
        principal = await attempt
    except DomainError as err:
        # The failure just counted must outlive the lock message's reads.
        await db.commit()
        await _refuse(message, state, db, _, err)
        return
    await logged_in(message, state, principal, _)


# --- entry, back, cancel ------------------------------------------------------------------------


async def start_login(
    callback: CallbackQuery, callback_data: MenuCb, state: FSMContext, _: Translator
) -> None:
    brand = Brand.MEGAFON if callback_data.section == Section.LOGIN_MEGAFON else Brand.YOTA
    await state.clear()
    await state.set_state(_first_step(brand))
    await LoginData(brand=brand).save(state)
    await callback.answer()
    if isinstance(callback.message, Message):
        await ask(callback.message, state, _)


async def cancel(
    message: Message, state: FSMContext, principal: Principal | None, _: Translator
) -> None:
    await state.clear()
    await message.answer(
        _("auth-login-cancelled"),
        reply_markup=quick_keys(_, principal),
    )
    await show_main_menu(message, principal, _)


_BACK: dict[str | None, State | None] = {
    Login.phone.state: None,
    Login.account.state: None,
    Login.code.state: Login.phone,  # the brand's first step, see below
    Login.pw_login.state: Login.phone,
    Login.pw_password.state: Login.pw_login,
    Login.rec_identifier.state: Login.phone,
    Login.rec_channel.state: Login.rec_identifier,
    Login.rec_code.state: Login.rec_identifier,
}


async def back(
    message: Message, state: FSMContext, principal: Principal | None, _: Translator
) -> None:
    current = await state.get_state() or ""
    target = _BACK.get(current)
    if target is None:
        await cancel(message, state, principal, _)
        return
    if target is Login.phone:
        target = _first_step((await LoginData.load(state)).brand)
    await state.set_state(target)
    await ask(message, state, _)


async def text_needed(message: Message, state: FSMContext, _: Translator) -> None:
    await ask(message, state, _, before=_("auth-text-needed"))


# --- login with a code --------------------------------------------------------------------------


async def _send_code(
    message: Message, state: FSMContext, db: Db, _: Translator, raw_login: str
) -> None:
    assert message.from_user is not None
    brand = (await LoginData.load(state)).brand
    try:
        target = await auth.request_login_code(db, brand, raw_login, message.from_user.id)
    except DomainError as err:
        await db.commit()  # the failed attempt counts, whatever happens to the answer
        if err.key == "auth-code-pause" and await state.get_state() != Login.code.state:
            # A code for this login went out a moment ago (the user came back to the number
            # step): take them to it rather than make them wait for another one.
            await state.set_state(Login.code)
            await LoginData.change(state, login=auth.normalize_login(brand, raw_login))
            before = f"{_('auth-code-already-sent')} {error_text(_, err)}"
            await ask(message, state, _, before=before)
            return
        await _refuse(message, state, db, _, err)
        return
    await state.set_state(Login.code)
    await LoginData.change(state, login=target.login)
    sent = (
        _("auth-code-sent-megafon", phone=format_phone(target.login))
        if brand is Brand.MEGAFON
        else _("auth-code-sent-yota", account=target.login)
    )
    await ask(message, state, _, before=sent)


def _own_contact(message: Message) -> bool:
    contact = message.contact
    return (
        contact is not None
        and message.from_user is not None
        and contact.user_id == message.from_user.id
    )


async def login_contact(message: Message, state: FSMContext, db: Db, _: Translator) -> None:
    if not _own_contact(message):
        await ask(message, state, _, before=_("auth-contact-not-own"))
        return
    assert message.contact is not None
    await _send_code(message, state, db, _, message.contact.phone_number)


async def login_typed(message: Message, state: FSMContext, db: Db, _: Translator) -> None:
    await _send_code(message, state, db, _, message.text or "")


async def new_code(message: Message, state: FSMContext, db: Db, _: Translator) -> None:
    await _send_code(message, state, db, _, (await LoginData.load(state)).login)


async def code_typed(message: Message, state: FSMContext, db: Db, _: Translator) -> None:
    assert message.from_user is not None
    data = await LoginData.load(state)
    target = auth.LoginTarget(data.brand, data.login)
    attempt = auth.login_with_code(
        db, target, message.text or "", message.from_user.id, message.chat.id
    )
    await _finish_login(message, state, db, _, attempt)


# --- login with a password ----------------------------------------------------------------------


async def to_password_login(message: Message, state: FSMContext, _: Translator) -> None:
    await state.set_state(Login.pw_login)
    await ask(message, state, _)


async def pw_login_contact(message: Message, state: FSMContext, _: Translator) -> None:
    if not _own_contact(message):
        await ask(message, state, _, before=_("auth-contact-not-own"))
        return
    assert message.contact is not None
    await _password_login_typed(message, state, _, message.contact.phone_number)


async def pw_login_typed(message: Message, state: FSMContext, _: Translator) -> None:
    await _password_login_typed(message, state, _, message.text or "")


async def _take_login(
    message: Message, state: FSMContext, _: Translator, raw: str, *, key: str, step: State
) -> None:
    """Keep the login typed (as the `key` field of `LoginData`) and ask `step`; a bad one is
    asked again."""
    brand = (await LoginData.load(state)).brand
    try:
        login = auth.normalize_login(brand, raw)
    except DomainError as err:
        await ask(message, state, _, before=error_text(_, err))
        return
    await LoginData.change(state, **{key: login})
    await state.set_state(step)
    await ask(message, state, _)


async def _password_login_typed(
    message: Message, state: FSMContext, _: Translator, raw: str
) -> None:
    await _take_login(message, state, _, raw, key="login", step=Login.pw_password)


async def password_typed(message: Message, state: FSMContext, db: Db, _: Translator) -> None:
    assert message.from_user is not None
    password = message.text or ""
    await _delete(message)
    data = await LoginData.load(state)
    attempt = auth.login_with_password(
        db, data.brand, data.login, password, message.from_user.id, message.chat.id
    )
    await _finish_login(message, state, db, _, attempt)


# --- forgot password ----------------------------------------------------------------------------


async def to_recovery(message: Message, state: FSMContext, _: Translator) -> None:
    await state.set_state(Login.rec_identifier)
    await ask(message, state, _)


async def _recover(
    message: Message, state: FSMContext, db: Db, _: Translator, identifier: str, channel: Channel
) -> None:
    assert message.from_user is not None
    brand = (await LoginData.load(state)).brand
    try:
        sent = await auth.start_recovery(db, brand, identifier, channel, message.from_user.id)
    except DomainError as err:
        await db.commit()  # the failed attempt counts, whatever happens to the answer
        await _refuse(message, state, db, _, err)
        return
    await LoginData.change(
        state, identifier=identifier, channel=sent.channel, login=sent.target.login
    )
    await state.set_state(Login.rec_code)
    key = "auth-rec-sent-email" if sent.channel is Channel.EMAIL else "auth-rec-sent-sms"
    await ask(message, state, _, before=_(key))


async def recovery_identifier(message: Message, state: FSMContext, db: Db, _: Translator) -> None:
    text = (message.text or "").strip()
    brand = (await LoginData.load(state)).brand
    if brand is Brand.MEGAFON and "@" in text:
        await _recover(message, state, db, _, text, Channel.EMAIL)
        return
    await _take_login(message, state, _, text, key="identifier", step=Login.rec_channel)


async def recovery_by_sms(message: Message, state: FSMContext, db: Db, _: Translator) -> None:
    await _recover(message, state, db, _, (await LoginData.load(state)).identifier, Channel.SMS)


async def recovery_by_email(message: Message, state: FSMContext, db: Db, _: Translator) -> None:
    identifier = (await LoginData.load(state)).identifier
    await _recover(message, state, db, _, identifier, Channel.EMAIL)


async def recovery_use_buttons(message: Message, state: FSMContext, _: Translator) -> None:
    await ask(message, state, _, before=_("auth-use-buttons"))


async def recovery_new_code(message: Message, state: FSMContext, db: Db, _: Translator) -> None:
    data = await LoginData.load(state)
    await _recover(message, state, db, _, data.identifier, data.channel)


async def recovery_code_typed(message: Message, state: FSMContext, db: Db, _: Translator) -> None:
    assert message.from_user is not None
    data = await LoginData.load(state)
    target = auth.LoginTarget(data.brand, data.login)
    code = message.text or ""
    await _delete(message)
    attempt = auth.login_with_recovery_code(db, target, code, message.from_user.id, message.chat.id)
    await _finish_login(message, state, db, _, attempt)


# --- the forced permanent password (guard router) -----------------------------------------------


async def forced_password_typed(
    message: Message, state: FSMContext, db: Db, principal: Principal, _: Translator
) -> None:
    password = message.text or ""
    await _delete(message)
    try:
        principal = await auth.set_permanent_password(db, principal, password)
    except DomainError as err:
        await message.answer(
            f"{error_text(_, err)}\n\n{_('auth-forced-ask')}", reply_markup=kb.forced_password(_)
        )
        return
    await state.clear()
    await message.answer(_("auth-password-set"), reply_markup=quick_keys(_, principal))
    await show_main_menu(message, principal, _)


async def forced_anything(message: Message, state: FSMContext, _: Translator) -> None:
    await state.clear()
    await state.set_state(Forced.new_password)
    await message.answer(
        f"{_('auth-forced-first')}\n\n{_('auth-forced-ask')}", reply_markup=kb.forced_password(_)
    )


async def forced_callback(callback: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await callback.answer(_("auth-forced-first"), show_alert=True)
    if isinstance(callback.message, Message):
        await forced_anything(callback.message, state, _)


async def logout_button(
    callback: CallbackQuery,
    state: FSMContext,
    db: Db,
    principal: Principal | None,
    _: Translator,
) -> None:
    """Log out of the current login; another login this Telegram account holds takes over."""
    await state.clear()
    await callback.answer()
    assert callback.from_user is not None
    if principal is not None:
        await auth.logout(db, principal)
    after = await auth.load_principal(db, callback.from_user.id)
    if not isinstance(callback.message, Message):
        return
    if principal is not None:
        await callback.message.answer(
            _("auth-logged-out", company=html.escape(principal.company_name)),
            reply_markup=quick_keys(_, after),
        )
    await show_main_menu(callback.message, after, _)


def build_guard_router() -> Router:
    """Include first: a principal that must change its password gets nothing else."""
    router = Router(name="auth-guard")
    router.callback_query.register(
        logout_button, kb.AuthCb.filter(F.action == kb.AuthAction.LOGOUT)
    )
    forced = MustChangePassword()
    # A command is not a password: it gets the reminder below.
    router.message.register(
        forced_password_typed, forced, Forced.new_password, F.text, ~F.text.startswith("/")
    )
    router.message.register(forced_anything, forced)
    router.callback_query.register(forced_callback, forced)
    return router


def build_router() -> Router:
    router = Router(name="auth")
    router.callback_query.register(
        start_login,
        MenuCb.filter(F.section.in_({Section.LOGIN_MEGAFON, Section.LOGIN_YOTA})),
        StateFilter("*"),
    )
    m = router.message
    every = StateFilter(Login)
    m.register(cancel, every, Btn("btn-cancel"))
    m.register(back, every, Btn("btn-back"))
    start = StateFilter(Login.phone, Login.account)
    m.register(to_password_login, start, Btn("auth-btn-password"))
    m.register(to_recovery, start, Btn("auth-btn-forgot"))
    m.register(login_contact, Login.phone, F.contact)
    m.register(login_typed, start, F.text)
    m.register(new_code, Login.code, Btn("auth-btn-new-code"))
    m.register(code_typed, Login.code, F.text)
    m.register(pw_login_contact, Login.pw_login, F.contact)
    m.register(pw_login_typed, Login.pw_login, F.text)
    m.register(password_typed, Login.pw_password, F.text)
    m.register(recovery_identifier, Login.rec_identifier, F.text)
    m.register(recovery_by_sms, Login.rec_channel, Btn("auth-btn-sms"))
    m.register(recovery_by_email, Login.rec_channel, Btn("auth-btn-email"))
    m.register(recovery_use_buttons, Login.rec_channel)
    m.register(recovery_new_code, Login.rec_code, Btn("auth-btn-new-code"))
    m.register(recovery_code_typed, Login.rec_code, F.text)
    m.register(text_needed, every)
    return router
