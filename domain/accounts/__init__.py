"""Accounts and money: the quick balance and the account card (`balance`), payments and
charges with filters and pages (`payments`), their exports (`exports`; the xlsx writer in
`xlsx_sheet`, imported on first use), spending statistics and charts (`statistics`), cashback
(`cashback`), the documents' delivery method (`delivery`) and low-balance alerts (`alerts`).
"""

from __future__ import annotations

from domain.accounts.alerts import (
    alert_setting as alert_setting,
)
from domain.accounts.alerts import (
    check_low_balances as check_low_balances,
)
from domain.accounts.alerts import (
    set_alert_threshold as set_alert_threshold,
)
from domain.accounts.balance import (
    account_card as account_card,
)
from domain.accounts.balance import (
    account_refs as account_refs,
)
from domain.accounts.balance import (
    checked_account as checked_account,
)
from domain.accounts.balance import (
    checked_accounts as checked_accounts,
)
from domain.accounts.balance import (
    quick_balance as quick_balance,
)
from domain.accounts.balance import (
    reachable_accounts as reachable_accounts,
)
from domain.accounts.balance import (
    record_done as record_done,
)
from domain.accounts.cashback import (
    cashback_history as cashback_history,
)
from domain.accounts.cashback import (
    cashback_overview as cashback_overview,
)
from domain.accounts.cashback import (
    spend_cashback as spend_cashback,
)
from domain.accounts.delivery import (
    delivery_setting as delivery_setting,
)
from domain.accounts.delivery import (
    set_delivery_method as set_delivery_method,
)
from domain.accounts.exports import (
    export_operations as export_operations,
)
from domain.accounts.exports import (
    plan_export as plan_export,
)
from domain.accounts.exports import (
    write_export as write_export,
)
from domain.accounts.payments import (
    list_operations as list_operations,
)
from domain.accounts.payments import (
    operations_summary as operations_summary,
)
from domain.accounts.payments import (
    resolve_accounts as resolve_accounts,
)
from domain.accounts.payments import (
    stream_operations as stream_operations,
)
from domain.accounts.statistics import (
    spending as spending,
)
