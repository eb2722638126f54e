"""The composition root: what every entry point installs before it does anything else.

`run`, `demo`, `demo-large`, `sandbox`, every `admin` command, the tests' harness and the
benchmarks call `configure(settings)` first, so that they all run the same program. Importing a
module of ours installs nothing (docs/wiring.md).
"""

from __future__ import annotations

from datetime import timedelta

from bot.config import Settings
from bot.i18n import I18n
from domain import claims, clock, texts
from domain.documents import operators
from domain.documents import orders as document_orders
from domain.orders.network import simulated_executors
from domain.orders.placing import install_network
from storage import changes, outbox_signal


def configure(settings: Settings) -> None:
    """Install the clock, the claim timeout, the operator's network, the sellers' requisites,
    the documents' font, the texts the domain writes into rows and the session listeners, from
    `settings`."""
    clock.install(settings.cabinet_today)
    seconds = settings.claim_timeout_seconds
    claims.install(None if seconds is None else timedelta(seconds=seconds))
    texts.install(I18n("ru").get("ru"))
    install_network(simulated_executors())
    operators.configure(settings.operator_requisites())  # checked: BIK, account keys…
    document_orders.configure(font_path=settings.font_path)
    changes.install()
    outbox_signal.install()
