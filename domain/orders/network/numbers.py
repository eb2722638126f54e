"""What the simulated network does with a number's SIM, blocking and call forwarding.

Mapped to their order kinds by `domain.orders.network.simulated_executors`. Same contract as
in the package's docstring: an executor returns None on success or a `network-reason-*` key,
changes only what the network would change, never commits; reaching the goal state already is
success, so an order
run twice changes nothing more.

Rules (the dialogs check the same functions before placing an order, so the user hears the
reason at once, and the execution checks them again at its time):

- **SIM replacement**: the new SIM must be one of the number's company's SIMs and in reserve; a
  SIM in use (by any number) cannot be reused, a retired one never comes back. The number's SIM
  in use is retired, the new one is in use. A blocked number may get a new SIM (a lost SIM is
  usually blocked first); a removed or unconfirmed number may not.
- **Personal SIM**: the personal number joins the employee's account after the operator's
  check: it must not be a number already served to any client of ours (this company's or
  another's). Its PUK1 is kept only as a hash.
- **Blocking**: a removed or unconfirmed number cannot be blocked or unblocked; blocking a
  blocked number (or unblocking an active one) is already done.
- **Forwarding**: a blocked, removed or unconfirmed number cannot get forwarding; a number
  cannot forward to itself; one rule per type (a new target replaces the old one). Removing a
  rule that is not there is already done.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.orders.network.core import number_refusal
from domain.types import ForwardingType, SimStatus, SubscriberStatus
from storage.models import Forwarding, Order, OrderItem, SimCard, Subscriber


def _param(order: Order, item: OrderItem, name: str) -> str | None:
    value = (item.params or {}).get(name, (order.params or {}).get(name))
    return str(value) if value is not None else None


async def _subscriber(db: AsyncSession, item: OrderItem) -> Subscriber | None:
    return await db.get(Subscriber, item.subscriber_id) if item.subscriber_id else None


# --- SIM --------------------------------------------------------------------------------------


def sim_refusal(sub: Subscriber | None, sim: SimCard | None) -> str | None:
    """Why `sim` cannot replace the number's SIM, or None (also None when it already has)."""
    if sub is None or sub.status in (SubscriberStatus.REMOVED, SubscriberStatus.PENDING):
        return number_refusal(sub)
    if sim is None or sim.company_id != sub.company_id:
        return "network-reason-sim-not-reserve"
    if sim.status is SimStatus.IN_USE:
        return None if sim.subscriber_id == sub.id else "network-reason-sim-in-use"
    if sim.status is SimStatus.RETIRED:
        return "network-reason-sim-retired"
    return None


async def replace_sim(db: AsyncSession, order: Order, item: OrderItem) -> str | None:
    sub = await _subscriber(db, item)
    icc = _param(order, item, "icc") or ""
    sim = await db.scalar(select(SimCard).where(SimCard.icc == icc))
    reason = sim_refusal(sub, sim)
    if reason is not None or sub is None or sim is None:
        return reason
    if sim.status is SimStatus.IN_USE:
        return None  # this number has it already
    for old in await db.scalars(
        select(SimCard).where(SimCard.subscriber_id == sub.id, SimCard.status == SimStatus.IN_USE)
    ):
        old.status = SimStatus.RETIRED
    sim.status = SimStatus.IN_USE
    sim.subscriber_id = sub.id
    return None


def attach_refusal(sub: Subscriber | None, existing: Subscriber | None, msisdn: str) -> str | None:
    """Why the personal number cannot join the employee's account, or None."""
    reason = number_refusal(sub)
    if reason is not None and reason != "network-reason-blocked":
        return reason
    if existing is not None:
        return "network-reason-number-served"
    if sub is not None and sub.msisdn == msisdn:
        return "network-reason-number-served"
    return None


async def attach_sim(db: AsyncSession, order: Order, item: OrderItem) -> str | None:
    sub = await _subscriber(db, item)
    msisdn = _param(order, item, "personal_msisdn") or ""
    existing = await db.scalar(select(Subscriber).where(Subscriber.msisdn == msisdn))
    if existing is not None and sub is not None and existing.company_id == sub.company_id:
        # Joined by this order's first run (or the same request before): done.
        sim = await db.scalar(
            select(SimCard).where(SimCard.subscriber_id == existing.id, SimCard.personal)
        )
        if sim is not None:
            return None
    reason = attach_refusal(sub, existing, msisdn)
    if reason is not None or sub is None:
        return reason
    personal = Subscriber(
        company_id=sub.company_id,
        account_id=sub.account_id,
        msisdn=msisdn,
        employee_name=sub.employee_name,
        email=sub.email,
        position=sub.position,
        tariff_id=sub.tariff_id,
        status=SubscriberStatus.ACTIVE,
        group_id=sub.group_id,
        comment=sub.comment,
    )
    db.add(personal)
    await db.flush()
    db.add(
        SimCard(
            company_id=sub.company_id,
            # A personal SIM's ICC is not known to the cabinet: its number stands in for it.
            icc=f"P{msisdn.lstrip('+')}",
            puk1_hash=_param(order, item, "puk_hash"),
            status=SimStatus.IN_USE,
            subscriber_id=personal.id,
            personal=True,
        )
    )
    return None


# --- blocking ---------------------------------------------------------------------------------


async def block(db: AsyncSession, order: Order, item: OrderItem) -> str | None:
    sub = await _subscriber(db, item)
    reason = number_refusal(sub)
    if reason == "network-reason-blocked" or sub is None:
        return None if sub is not None else reason
    if reason is not None:
        return reason
    sub.status = SubscriberStatus.BLOCKED
    sub.block_reason = _param(order, item, "reason")
    return None


async def unblock(db: AsyncSession, order: Order, item: OrderItem) -> str | None:
    sub = await _subscriber(db, item)
    reason = number_refusal(sub)
    if sub is None or (reason is not None and reason != "network-reason-blocked"):
        return reason
    sub.status = SubscriberStatus.ACTIVE
    sub.block_reason = None
    return None


# --- call forwarding --------------------------------------------------------------------------


def forwarding_refusal(sub: Subscriber | None, target: str | None) -> str | None:
    """Why this forwarding cannot be set on the number, or None."""
    reason = number_refusal(sub)
    if reason is not None:
        return reason
    if sub is not None and target == sub.msisdn:
        return "network-reason-forward-self"
    return None


async def forwarding(db: AsyncSession, order: Order, item: OrderItem) -> str | None:
    sub = await _subscriber(db, item)
    fwd_type = ForwardingType(_param(order, item, "type") or ForwardingType.UNCONDITIONAL)
    target = _param(order, item, "target")
    row = (
        await db.scalar(
            select(Forwarding).where(
                Forwarding.subscriber_id == sub.id, Forwarding.type == fwd_type
            )
        )
        if sub is not None
        else None
    )
    if _param(order, item, "action") == "remove":
        if sub is None or sub.status in (SubscriberStatus.REMOVED, SubscriberStatus.PENDING):
            return number_refusal(sub)
        if row is not None:
            await db.delete(row)
        return None
    reason = forwarding_refusal(sub, target)
    if reason is not None or sub is None or target is None:
        return reason or "network-reason-internal"
    if row is None:
        db.add(Forwarding(subscriber_id=sub.id, type=fwd_type, target_msisdn=target))
    else:
        row.target_msisdn = target
        row.is_active = True
    return None
