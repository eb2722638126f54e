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
    subscribers,
    support_staff,
    tariffs,
    ticket_push_reply,
    tickets,
    typed,
)


def build_routers(i18n: Any) -> list[Router]:
    """A fresh set of routers for one Dispatcher (a router belongs to one Dispatcher only).

    What the routers remember between updates lives here, per set: `menus`, where each chat's
    main menu was last shown (`handlers.start.MenuPlaces`)."""
    menus = start.MenuPlaces()
    return [
        # The staff chat first: only staff work there, no client command is answered in it.
        support_staff.build_router(),
        # While a user must set a new password, the guard takes every update first.
        auth.build_guard_router(),
        # `/start sc_…` (the confirmation SMS of a new employee's number) before plain /start.
        subscribers.build_deeplink_router(),
        # «Ответить» on a push about a ticket, whatever dialog the chat is in.
        ticket_push_reply.build_router(),
        start.build_router(i18n, menus),
        # A sticker, photo, voice or file at a step that waits for text: «Напишите …» and the
        # step's question again, whatever the section.
        typed.build_router(),
        auth.build_router(),
        profile.build_router(),
        apply.build_router(),
        accounts.build_router(i18n),
        subscribers.build_router(),
        tariffs.build_router(),
        orders.build_router(),
        documents.build_router(),
        tickets.build_router(),
        # Whatever nobody took gets an answer that says what the bot expects.
        fallback.build_router(menus),
    ]
