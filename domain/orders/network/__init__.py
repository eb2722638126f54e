"""The operator's network, simulated: what happens to a number when an order is executed.

A real integration replaces this module; the rest of the cabinet only sees the contract:

- An **executor** is `async (db, order, item) -> None | reason`. It runs inside the order's
  transaction, changes what the network would change (the number's tariff, its services, its
  SIM, its blocking, its forwarding) and returns None on success, or a locale key naming why the
  network refused this number (`network-reason-*`). It must not commit, and must not raise for a
  refusal: an exception means the simulation itself broke, and the whole order then fails with
  `network-reason-internal` and nothing of it is kept.
- `simulated_executors()` maps each order kind to its executor; `bot.wiring.configure` installs
  that mapping into `domain.orders` (a real integration installs its own). The scheduler skips
  orders of kinds without an executor (documents are made by their own job), it never fails them.
- Reaching the goal state already counts as success (a number already on the tariff, a service
  already switched off), so executing an order again is harmless.

Rules of this simulation:

- A removed number, or one still waiting for its owner's confirmation, refuses everything.
- A blocked number refuses a tariff change and services (it must be unblocked first).
- A tariff or service is only for numbers of its brand (MegaFon or Yota), and a tariff made for
  one account type (postpaid / prepaid) only for accounts of that type; a withdrawn tariff or
  service is refused.
- A service lists the tariffs it cannot be used with (`Service.incompatible_tariffs`): switching
  it on for a number on such a tariff is refused, and so is a change to such a tariff while the
  service is on.

`tariff_refusal` and `service_on_refusal` are the same rules as pure functions, so that the
availability check before an order and the execution at its date never disagree.

Speed: before an order runs, `prepare(db, items)` loads its numbers, their accounts, the
catalogue and the services on the numbers in a few queries and keeps them for the executors
(`cached(db)`), so an order of thousands of numbers is not thousands of queries. An executor
must also work without it (called alone, `cached(db)` is None).
"""

from __future__ import annotations

from domain.orders.network import numbers, tariffs
from domain.orders.network.core import Executor
from domain.types import OrderKind


def simulated_executors() -> dict[OrderKind, Executor]:
    """What the simulated network does with each kind of order it executes."""
    return {
        OrderKind.CHANGE_TARIFF: tariffs.change_tariff,
        OrderKind.SERVICE_ON: tariffs.service_on,
        OrderKind.SERVICE_OFF: tariffs.service_off,
        OrderKind.REPLACE_SIM: numbers.replace_sim,
        OrderKind.ATTACH_SIM: numbers.attach_sim,
        OrderKind.BLOCK: numbers.block,
        OrderKind.UNBLOCK: numbers.unblock,
        OrderKind.FORWARDING: numbers.forwarding,
    }
