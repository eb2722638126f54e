"""Passwords: argon2id with the chosen parameters, the policy, generated passwords."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from argon2.low_level import Type

from domain.auth import passwords
from domain.auth.passwords import (
    check_policy,
    generate_password,
    hash_password,
    needs_rehash,
    normalize_answer,
    verify_password,
)
from domain.errors import ValidationFailed


def policy_key(password: str, login: str = "+79161234567") -> str:
    with pytest.raises(ValidationFailed) as exc:
        check_policy(password, login)
    return exc.value.key


def test_hash_is_argon2id_with_the_chosen_parameters() -> None:
    h = hash_password("Veter-2026-okno")
    assert h.startswith("$argon2id$")
    assert f"m={passwords.MEMORY_COST_KIB},t={passwords.TIME_COST},p={passwords.PARALLELISM}" in h
    assert verify_password(h, "Veter-2026-okno")
    assert not verify_password(h, "Veter-2026-okn0")
    assert not needs_rehash(h)


def test_unicode_forms_of_one_password_are_one_password() -> None:
    h = hash_password("Пароль-ё-Й-2026")
    decomposed = "Пароль-е\u0308-И\u0306-2026"
    assert verify_password(h, decomposed)


def test_no_hash_or_a_broken_hash_never_verifies() -> None:
    assert not verify_password(None, "anything-at-all")
    assert not verify_password("", "anything-at-all")
    assert not verify_password("not-a-hash", "anything-at-all")


def test_old_parameters_ask_for_a_rehash() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)
    old = weak.hash("Veter-2026-okno")
    assert verify_password(old, "Veter-2026-okno")
    assert needs_rehash(old)


def test_policy_length() -> None:
    assert policy_key("Ab3$xyz") == "auth-password-too-short"
    assert policy_key("A" * 30 + "b" * 35) == "auth-password-too-long"
    check_policy("Veter-26", "+79161234567")  # exactly 8
    check_policy("xY3" * 21 + "z", "+79161234567")  # exactly 64


def test_policy_refuses_the_login_in_any_form() -> None:
    assert policy_key("+79161234567") == "auth-password-is-login"
    assert policy_key("79161234567") == "auth-password-is-login"
    assert policy_key("89161234567") == "auth-password-is-login"
    assert policy_key("9161234567") == "auth-password-is-login"
    assert policy_key("my9161234567!") == "auth-password-is-login"
    assert policy_key("400900800700", login="400900800700") == "auth-password-is-login"


def test_policy_refuses_common_passwords_whatever_the_case() -> None:
    for pw in ("12345678", "Password1", "QWERTY123", "qwertyuiop", "11111111", "abababab"):
        assert policy_key(pw) == "auth-password-common", pw


def test_generated_passwords_pass_the_policy_and_differ() -> None:
    seen = set()
    for _ in range(50):
        pw = generate_password()
        check_policy(pw, "+79161234567")
        assert len(pw) == 12
        assert not set(pw) & set("0O1lI")
        seen.add(pw)
    assert len(seen) == 50


def test_secret_answers_ignore_case_and_spaces() -> None:
    assert normalize_answer("  Москва   Сити ") == normalize_answer("москва сити")
