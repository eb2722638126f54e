"""Orders and requests: placing them and executing them at their date (`placing`), the history
with each number's result (`history`), and what the operator's network does with them
(`network`: the replaceable simulation, installed by the entry point).
"""

from __future__ import annotations

from domain.orders.history import (
    cancel_order as cancel_order,
)
from domain.orders.history import (
    list_orders as list_orders,
)
from domain.orders.history import (
    order_card as order_card,
)
from domain.orders.placing import (
    execute_due_orders as execute_due_orders,
)
from domain.orders.placing import (
    place_order as place_order,
)
from domain.orders.placing import (
    remind_upcoming_orders as remind_upcoming_orders,
)
