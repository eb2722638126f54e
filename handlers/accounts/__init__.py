"""Accounts and money: the quick balance, account cards (prepayment invoice, cashback, document
delivery, low-balance alert), payments and charges with filters and exports, and spending
statistics. Each child builds its own gated router; this package composes them in order."""

from __future__ import annotations

from typing import Any

from aiogram import Router

from handlers.accounts import cards, payments, statistics


def build_router(i18n: Any | None = None) -> Router:
    router = Router(name="accounts-section")
    router.include_routers(
        cards.build_router(i18n), payments.build_router(), statistics.build_router()
    )
    return router
