"""Every section's router, in the order the Dispatcher tries them."""

from __future__ import annotations

from typing import Any

from aiogram import Router

from handlers import (
    accounts,
    apply,
    auth,
    documents,
    fallback,
    orders,
    profile,
    start,
    tariffs,
)


def build_routers(i18n: Any) -> list[Router]:
    return [
        # While a user must set a new password, the guard takes every update first.
        auth.build_guard_router(),
        start.build_router(i18n),
        auth.build_router(),
        profile.build_router(),
        apply.build_router(),
        accounts.build_router(i18n),
        documents.build_router(),
        tariffs.build_router(),
        orders.build_router(),
        # Whatever nobody took gets an answer that says what the bot expects.
        fallback.build_router(),
    ]
