"""Employees and their numbers: the list with search, the check boxes and bulk removal, the card
(`numbers`); adding an employee and confirming a number from outside (`adding`); personal data,
limits and access grants (`card`); groups (`groups`) and labels (`labels`); SIM replacement, a
personal SIM, blocking and call forwarding (`network`); what they show in common (`screens`).
Each child builds its own gated router, one handler per button; this package composes them.
"""

from __future__ import annotations

from aiogram import Router

from handlers.subscribers import adding, card, groups, labels, network, numbers


def build_deeplink_router() -> Router:
    """`/start sc_…`: the confirmation link of a new employee's number, before plain /start."""
    return adding.build_deeplink_router()


def build_router() -> Router:
    router = Router(name="subscribers-section")
    router.include_routers(
        numbers.build_router(),
        adding.build_router(),
        card.build_router(),
        groups.build_router(),
        labels.build_router(),
        network.build_router(),
    )
    return router
