"""Every section's router, in the order the Dispatcher tries them."""

from __future__ import annotations

from typing import Any

from aiogram import Router

from handlers import fallback, start


def build_routers(i18n: Any) -> list[Router]:
    routers = [start.build_router(i18n)]
    # Section routers go here, before the fallback that answers whatever nobody took.
    routers.append(fallback.build_router())
    return routers
