"""Tariffs and services: the catalogue, the availability check per number and the orders that
change a tariff or switch a service for many numbers at once (`catalog`), and which numbers an
order is for (`selection`).
"""

from __future__ import annotations

from domain.tariffs.catalog import (
    check_availability as check_availability,
)
from domain.tariffs.catalog import (
    open_section as open_section,
)
from domain.tariffs.catalog import (
    order_change as order_change,
)
from domain.tariffs.catalog import (
    service_card as service_card,
)
from domain.tariffs.catalog import (
    services as services,
)
from domain.tariffs.catalog import (
    start_change as start_change,
)
from domain.tariffs.catalog import (
    tariff_card as tariff_card,
)
from domain.tariffs.catalog import (
    tariffs as tariffs,
)
from domain.tariffs.selection import (
    buckets as buckets,
)
from domain.tariffs.selection import (
    checked_numbers as checked_numbers,
)
from domain.tariffs.selection import (
    numbers_of as numbers_of,
)
from domain.tariffs.selection import (
    numbers_page as numbers_page,
)
