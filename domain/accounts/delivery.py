"""How accounting documents of an account are delivered: by e-mail or through EDO (ЭДО).

The choice is remembered per account (`Account.delivery_method`); the documents section reads it
when it sends what was ordered.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from domain.access.checks import Permission, Principal
from domain.accounts.balance import checked_account, record_done
from domain.db import Db
from domain.types import DeliveryMethod
from storage.models import Account, Company


@dataclass(frozen=True)
class DeliverySetting:
    account_id: int
    number: str
    method: DeliveryMethod
    email: str | None  # where e-mail delivery goes: the company's e-mail


async def delivery_setting(db: Db, principal: Principal, account_id: int) -> DeliverySetting:
    ref = await checked_account(db, principal, account_id, Permission.VIEW_BALANCE, "delivery")
    row = (
        await db.execute(
            select(Account.delivery_method, Company.email)
            .join(Company, Company.id == Account.company_id)
            .where(Account.id == account_id)
        )
    ).one()
    return DeliverySetting(account_id, ref.number, DeliveryMethod(row[0]), row[1])


async def set_delivery_method(
    db: Db, principal: Principal, account_id: int, method: DeliveryMethod
) -> DeliverySetting:
    """Remember the method for the account; the same choice again changes nothing."""
    await checked_account(db, principal, account_id, Permission.MANAGE_DELIVERY, "delivery_set")
    account = await db.get(Account, account_id)
    assert account is not None  # checked_account has just found it
    if account.delivery_method != method:
        old = account.delivery_method
        account.delivery_method = method
        await db.flush()
        await record_done(
            db, principal, "delivery_set", "account", account_id, old=old.value, new=method.value
        )
    return await delivery_setting(db, principal, account_id)
