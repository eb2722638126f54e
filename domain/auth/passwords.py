"""Passwords: argon2id hashes, the password policy, generated passwords.

Parameters are chosen for a 2-core machine: 64 MiB, 3 passes, 2 lanes costs about a tenth of a
second per check (`benchmarks/bench_password.py` prints it). The work runs in a thread so that the
event loop keeps serving other users, and at most two checks run at once so that a flood of
logins cannot take more than 128 MiB.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
import unicodedata

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from domain.errors import ValidationFailed

TIME_COST = 3
MEMORY_COST_KIB = 64 * 1024
PARALLELISM = 2

MIN_LENGTH = 8
MAX_LENGTH = 64

_hasher = PasswordHasher(
    time_cost=TIME_COST,
    memory_cost=MEMORY_COST_KIB,
    parallelism=PARALLELISM,
    type=Type.ID,
)
_slots = threading.BoundedSemaphore(2)
_dummy_hash: str | None = None

# The most common passwords (public breach lists), lower-cased; ones shorter than the minimum
# length are refused by length anyway.
COMMON_PASSWORDS = frozenset(
    {
        "12345678",
        "123456789",
        "1234567890",
        "12345678910",
        "123123123",
        "11111111",
        "00000000",
        "88888888",
        "87654321",
        "11223344",
        "12341234",
        "1q2w3e4r",
        "1q2w3e4r5t",
        "1qaz2wsx",
        "qwertyui",
        "qwertyuiop",
        "qwerty123",
        "qwerty12",
        "qwe123qwe",
        "password",
        "password1",
        "password12",
        "password123",
        "passw0rd",
        "p@ssw0rd",
        "iloveyou",
        "sunshine",
        "princess",
        "football",
        "baseball",
        "superman",
        "whatever",
        "trustno1",
        "starwars",
        "zaq12wsx",
        "asdfghjk",
        "asdfghjkl",
        "zxcvbnm1",
        "abcd1234",
        "abc12345",
        "aa123456",
        "a1234567",
        "q1234567",
        "123qweasd",
        "qweasdzxc",
        "welcome1",
        "admin123",
        "administrator",
        "letmein1",
        "monkey12",
        "dragon12",
        "master12",
        "michael1",
        "jennifer",
        "computer",
        "internet",
        "mercedes",
        "samsung1",
        "corvette",
        "11111111a",
        "1234qwer",
        "qazwsxedc",
        "changeme",
        "secret12",
        "default1",
        "пароль123",
        "йцукенгш",
        "йцукенгшщз",
        "qwerty1234",
        "q1w2e3r4",
        "q1w2e3r4t5",
        "zxcvbnm123",
        "1234abcd",
        "password!",
        "megafon1",
        "megafon123",
        "yota1234",
        "mobile123",
        "company1",
        "business1",
        "moscow123",
        "russia123",
        "spartak1",
    }
)


def _normalize(password: str) -> str:
    # One Unicode form, so that the same password typed on two keyboards hashes the same.
    return unicodedata.normalize("NFKC", password)


def check_policy(password: str, login: str) -> None:
    """8–64 characters, not the login, not a common password."""
    pw = _normalize(password)
    if len(pw) < MIN_LENGTH:
        raise ValidationFailed("auth-password-too-short", min=MIN_LENGTH)
    if len(pw) > MAX_LENGTH:
        raise ValidationFailed("auth-password-too-long", max=MAX_LENGTH)
    folded = pw.casefold()
    login_forms = {login.casefold(), login.lstrip("+").casefold()}
    if login.startswith("+7"):
        login_forms |= {"8" + login[2:], login[2:]}
    if folded in login_forms or any(f and f in folded for f in login_forms if len(f) >= 6):
        raise ValidationFailed("auth-password-is-login")
    if folded in COMMON_PASSWORDS or len(set(folded)) <= 2:
        raise ValidationFailed("auth-password-common")


def hash_password(password: str) -> str:
    with _slots:
        return _hasher.hash(_normalize(password))


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Constant-time check. With no stored hash it still spends the same time, so that "no such
    login" and "wrong password" cannot be told apart by the clock."""
    with _slots:
        try:
            return _hasher.verify(stored_hash or _dummy(), _normalize(password)) and bool(
                stored_hash
            )
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def _dummy() -> str:
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash(secrets.token_urlsafe(16))
    return _dummy_hash


async def hash_password_async(password: str) -> str:
    return await asyncio.to_thread(hash_password, password)


async def verify_password_async(stored_hash: str | None, password: str) -> bool:
    return await asyncio.to_thread(verify_password, stored_hash, password)


def normalize_answer(answer: str) -> str:
    """A secret answer is compared without case and extra spaces: "Москва " == "москва"."""
    return " ".join(_normalize(answer).casefold().split())


# Letters and digits that cannot be mistaken for one another when read from an SMS.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generate_password(length: int = 12) -> str:
    """A random password that passes the policy: letters of both cases and digits."""
    while True:
        pw = "".join(secrets.choice(_ALPHABET) for _ in range(length))
        if (
            any(c.islower() for c in pw)
            and any(c.isupper() for c in pw)
            and any(c.isdigit() for c in pw)
        ):
            return pw


def use_parameters(time_cost: int, memory_cost_kib: int, parallelism: int) -> None:
    """Replace the hashing parameters (the benchmark and fast tests use this)."""
    global _hasher, _dummy_hash
    _hasher = PasswordHasher(
        time_cost=time_cost,
        memory_cost=memory_cost_kib,
        parallelism=parallelism,
        type=Type.ID,
    )
    _dummy_hash = None


def reset_parameters() -> None:
    use_parameters(TIME_COST, MEMORY_COST_KIB, PARALLELISM)
