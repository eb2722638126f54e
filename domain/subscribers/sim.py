"""SIM cards: replacing a number's SIM with one of the company's reserve, and attaching an
employee's personal SIM (its number joins the company's account). Each is an order executed
by the network (`domain.orders.network.numbers`); this module checks what the user typed first and
says exactly what is wrong.
"""

from __future__ import annotations

from sqlalchemy import func, select
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError

from domain.access.checks import Permission, Principal
from domain.auth.passwords import hash_password_async
from domain.db import Db
from domain.errors import ValidationFailed
from domain.orders.network.numbers import attach_refusal, sim_refusal
from domain.orders.placing import OrderRef
from domain.subscribers.numbers import checked_subscriber, place_number_order, placed_before
from domain.types import OrderKind, SimStatus
from domain.validation import parse_phone
from storage.models import SimCard, Subscriber

_SPACES = str.maketrans("", "", " -\u00a0")


async def ensure_can_manage_sim(db: Db, principal: Principal, subscriber_id: int) -> None:
    await checked_subscriber(db, principal, subscriber_id, Permission.REPLACE_SIM, "sim.manage")


async def reserve_count(db: Db, principal: Principal, subscriber_id: int) -> int:
    """How many blank SIMs (loaded by `admin sims import`) the company holds for replacing
    this number's SIM; the number passes the scope check first."""
    await ensure_can_manage_sim(db, principal, subscriber_id)
    n = await db.scalar(
        select(func.count(SimCard.id)).where(
            SimCard.company_id == principal.company_id, SimCard.status == SimStatus.RESERVE
        )
    )
    return int(n or 0)


def parse_icc(raw: str) -> str:
    """An ICC (ICCID) as typed: 19 or 20 digits whose last one is the Luhn check digit."""
    icc = raw.strip().translate(_SPACES)
    if not icc.isdigit() or not icc.isascii():
        raise ValidationFailed("sub-err-icc-digits")
    if len(icc) not in (19, 20):
        raise ValidationFailed("sub-err-icc-length", n=len(icc))
    try:
        luhn.validate(icc)
    except StdnumError:
        raise ValidationFailed("sub-err-icc-luhn") from None
    return icc


def parse_puk(raw: str) -> str:
    puk = raw.strip().translate(_SPACES)
    if len(puk) != 8 or not puk.isdigit() or not puk.isascii():
        raise ValidationFailed("sub-err-puk")
    return puk


_SIM_ERRORS = {
    "network-reason-sim-not-reserve": "sub-err-icc-not-reserve",
    "network-reason-sim-in-use": "sub-err-icc-in-use",
    "network-reason-sim-retired": "sub-err-icc-retired",
}


async def check_reserve_sim(db: Db, principal: Principal, subscriber_id: int, raw: str) -> str:
    """The typed ICC, if it is valid and a free SIM of this company's reserve."""
    sub = await checked_subscriber(
        db, principal, subscriber_id, Permission.REPLACE_SIM, "sim.replace"
    )
    icc = parse_icc(raw)
    sim = await db.scalar(select(SimCard).where(SimCard.icc == icc))
    if sim is not None and sim.company_id != principal.company_id:
        sim = None  # another client's SIM is, to this one, not in its reserve
    if sim is not None and sim.status is SimStatus.IN_USE and sim.subscriber_id == sub.id:
        raise ValidationFailed("sub-err-icc-same")
    reason = sim_refusal(sub, sim)
    if reason is not None:
        raise ValidationFailed(_SIM_ERRORS.get(reason, reason))
    return icc


async def replace_sim(
    db: Db, principal: Principal, subscriber_id: int, icc: str, request_key: str
) -> OrderRef:
    """Place the replacement order (idempotent per `request_key`)."""
    found = await placed_before(db, principal, request_key)
    if found is not None:
        return found
    icc = await check_reserve_sim(db, principal, subscriber_id, icc)
    params = {"icc": icc}
    return await place_number_order(
        db, principal, subscriber_id, OrderKind.REPLACE_SIM, request_key, params, params
    )


async def check_personal_number(db: Db, principal: Principal, subscriber_id: int, raw: str) -> str:
    sub = await checked_subscriber(
        db, principal, subscriber_id, Permission.REPLACE_SIM, "sim.attach"
    )
    msisdn = parse_phone(raw, mobile_only=True)
    existing = await db.scalar(select(Subscriber).where(Subscriber.msisdn == msisdn))
    if attach_refusal(sub, existing, msisdn) is not None:
        raise ValidationFailed("sub-err-personal-served")
    return msisdn


async def hash_puk(raw: str) -> str:
    """The PUK1 as typed → its hash; the dialog keeps only this (its state is in the database)."""
    return await hash_password_async(parse_puk(raw))


async def attach_personal_sim(
    db: Db,
    principal: Principal,
    subscriber_id: int,
    personal_number: str,
    puk_hash: str,
    request_key: str,
) -> OrderRef:
    """Place the order for the personal number to join the employee's account; `puk_hash` is
    from `hash_puk`."""
    found = await placed_before(db, principal, request_key)
    if found is not None:
        return found
    msisdn = await check_personal_number(db, principal, subscriber_id, personal_number)
    return await place_number_order(
        db,
        principal,
        subscriber_id,
        OrderKind.ATTACH_SIM,
        request_key,
        {"personal_msisdn": msisdn},
        {"personal_msisdn": msisdn, "puk_hash": puk_hash},
    )
