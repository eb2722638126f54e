"""The operator's back-office: companies, accounts, numbers, SIM reserve, first passwords and
blocks (`admin`), billing's payments and charges from CSV (`billing`, `csv_table`), and the
housekeeping the scheduler runs (`maintenance`).
"""

from __future__ import annotations

from domain.backoffice.admin import (
    block_user as block_user,
)
from domain.backoffice.admin import (
    create_account as create_account,
)
from domain.backoffice.admin import (
    create_company as create_company,
)
from domain.backoffice.admin import (
    import_reserve_sims as import_reserve_sims,
)
from domain.backoffice.admin import (
    import_subscribers as import_subscribers,
)
from domain.backoffice.admin import (
    issue_password as issue_password,
)
from domain.backoffice.admin import (
    list_outbox as list_outbox,
)
from domain.backoffice.admin import (
    unblock_user as unblock_user,
)
from domain.backoffice.billing import (
    import_charges as import_charges,
)
from domain.backoffice.billing import (
    import_payments as import_payments,
)
from domain.backoffice.maintenance import (
    cleanup_expired_codes as cleanup_expired_codes,
)
