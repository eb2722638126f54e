"""Low-balance alerts: a threshold per account and the scheduled check that pushes.

The check pushes once when the balance falls below the threshold (and marks the account
`low_balance_alerted`), stays quiet while it stays below, and arms again only once the balance
has recovered to the threshold or above. Pushes go to every coordinator and assistant of the
company who may see that account, through the outbox (`domain.notifications.notify_user`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select

from domain.access.checks import MATRIX, Permission, Principal
from domain.access.reach import ACCOUNT_ROLES, users_reaching
from domain.accounts.balance import AccountRef, checked_account, record_done
from domain.claims import claimable, write_if_unchanged
from domain.db import Db
from domain.errors import ValidationFailed
from domain.money import format_rub
from domain.notifications import notify_user
from storage.models import Account

MAX_THRESHOLD_KOP = 100_000_000_00

# Levels that work with accounts and so hear about their balance.
_ALERTED_ROLES = tuple(role for role in ACCOUNT_ROLES if Permission.VIEW_BALANCE in MATRIX[role])
# What the check reads to decide; another instance's change of any of them since then means
# the row is not ours to alert.
_ALERT_STATE = (
    Account.low_balance_alerted,
    Account.balance_kop,
    Account.low_balance_threshold_kop,
)


@dataclass(frozen=True)
class AlertSetting:
    account_id: int
    number: str
    threshold_kop: int | None  # None: the alert is off
    balance_kop: int

    @property
    def below(self) -> bool:
        return self.threshold_kop is not None and self.balance_kop < self.threshold_kop


def check_threshold(threshold_kop: int) -> int:
    """A threshold a user may set: above zero, at most `MAX_THRESHOLD_KOP`."""
    if not 0 < threshold_kop <= MAX_THRESHOLD_KOP:
        raise ValidationFailed("acc-err-threshold-range", max=format_rub(MAX_THRESHOLD_KOP))
    return threshold_kop


async def alert_setting(db: Db, principal: Principal, account_id: int) -> AlertSetting:
    ref = await checked_account(db, principal, account_id, Permission.VIEW_BALANCE, "alert")
    account = await db.get(Account, account_id)
    assert account is not None
    return AlertSetting(ref.id, ref.number, account.low_balance_threshold_kop, account.balance_kop)


async def set_alert_threshold(
    db: Db, principal: Principal, account_id: int, threshold_kop: int | None
) -> AlertSetting:
    """Set the threshold (kopecks) or switch the alert off (`None`).

    A new threshold arms the alert afresh: if the balance is already below it, the next check
    pushes. Error: `acc-err-threshold-range`.
    """
    await checked_account(db, principal, account_id, Permission.MANAGE_ALERTS, "alert_set")
    if threshold_kop is not None:
        check_threshold(threshold_kop)
    account = await db.get(Account, account_id)
    assert account is not None
    old = account.low_balance_threshold_kop
    account.low_balance_threshold_kop = threshold_kop
    account.low_balance_alerted = False
    await db.flush()
    await record_done(
        db,
        principal,
        "alert_set" if threshold_kop is not None else "alert_off",
        "account",
        account_id,
        old=old,
        new=threshold_kop,
    )
    return await alert_setting(db, principal, account_id)


async def check_low_balances(db: Db) -> int:
    """The scheduled check. Returns how many pushes it queued; each fall below the threshold is
    pushed once however many instances run the check (`domain.claims`)."""
    accounts = await db.scalars(
        await claimable(
            db,
            select(Account)
            .where(
                Account.low_balance_threshold_kop.is_not(None),
                or_(
                    (Account.balance_kop < Account.low_balance_threshold_kop)
                    & Account.low_balance_alerted.is_(False),
                    (Account.balance_kop >= Account.low_balance_threshold_kop)
                    & Account.low_balance_alerted.is_(True),
                ),
            )
            .order_by(Account.id),
        )
    )
    pushes = 0
    for account in list(accounts):
        threshold = account.low_balance_threshold_kop
        assert threshold is not None
        below = account.balance_kop < threshold
        # Below: alerted now, and pushed. Recovered: the next fall below pushes again.
        if not await write_if_unchanged(db, account, _ALERT_STATE, low_balance_alerted=below):
            continue  # another instance has just done it
        if not below:
            continue
        params = {
            "account": account.number,
            "account_id": account.id,
            "balance": format_rub(account.balance_kop),
            "threshold": format_rub(threshold),
        }
        reaching = await users_reaching(db, account.company_id, account.id, _ALERTED_ROLES)
        for user_id in reaching:
            pushes += await notify_user(db, user_id, "acc-alert-low-balance", params)
    await db.flush()
    return pushes


async def alert_account_to_change(db: Db, principal: Principal, account_id: int) -> AccountRef:
    """The account whose alert threshold the principal is about to type (checked first)."""
    return await checked_account(db, principal, account_id, Permission.MANAGE_ALERTS, "alert_set")
