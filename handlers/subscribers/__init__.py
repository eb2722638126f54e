"""Employees and their numbers: the list with search, the subscriber card, adding and removing
employees, bulk selection, personal data, limits and access grants (`numbers`); groups and labels
(`groups`); SIM replacement, a personal SIM, blocking and call forwarding (`network`); what they
show in common (`screens`). Each child builds its own gated router; this package composes them.
"""

from __future__ import annotations

from aiogram import Router

from handlers.subscribers import groups, network, numbers


def build_deeplink_router() -> Router:
    """`/start sc_…`: the confirmation link of a new employee's number, before plain /start."""
    return numbers.build_deeplink_router()


def build_router() -> Router:
    router = Router(name="subscribers-section")
    router.include_routers(numbers.build_router(), groups.build_router(), network.build_router())
    return router
