"""The whole permission matrix, walked: every level × every permission × every object.

The expected table is written out here by hand from the seed's levels, not derived from
`MATRIX`, so that a change of the matrix has to change this table too.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.access.checks import (
    MATRIX,
    Permission,
    Principal,
    account_in_reach,
    ensure_account,
    ensure_company_object,
    ensure_permission,
    ensure_subscriber,
    scope_subscribers,
    visible_account_ids,
)
from domain.auth import login as auth
from domain.auth.command_menu import MENU_KEY
from domain.errors import AccessDenied, ValidationFailed
from domain.subscribers.levels import grant_level, revoke_level
from domain.types import AuditResult, Role
from storage.models import AuditLog, CabinetUser, Outbox, Subscriber
from tests.access_data import World

P = Permission
ALL = frozenset(Permission)
EXPECTED: dict[Role, frozenset[Permission]] = {
    Role.UNION_COORDINATOR: ALL,
    Role.COORDINATOR: ALL,
    Role.ASSISTANT: ALL - {P.GRANT_ACCESS, P.MANAGE_CASHBACK},
    Role.NUMBER_MANAGER: frozenset(
        {
            P.VIEW_SUBSCRIBERS,
            P.MANAGE_OWN_NUMBER,
            P.MANAGE_SERVICES,
            P.MANAGE_FORWARDING,
            P.VIEW_ORDERS,
            P.MANAGE_TICKETS,
            P.VIEW_PROFILE,
        }
    ),
    Role.VIEWER: frozenset({P.VIEW_SUBSCRIBERS, P.VIEW_ORDERS, P.MANAGE_TICKETS, P.VIEW_PROFILE}),
}

# Who reaches which account and which number (names from tests/access_data.py).
REACH_ACCOUNTS = {
    "union": {"a1", "a2", "ay"},
    "coord": {"a1"},
    "assistant": {"a2"},
    "manager": set(),
    "viewer": set(),
    "yota": {"ay"},
    "b_coord": {"b1"},
}
REACH_SUBSCRIBERS = {
    "union": {"a1_1", "a1_2", "a1_3", "a2_1", "a2_2", "ay_1"},
    "coord": {"a1_1", "a1_2", "a1_3"},
    "assistant": {"a2_1", "a2_2"},
    "manager": {"a1_3"},
    "viewer": {"a2_2"},
    "yota": {"ay_1"},
    "b_coord": {"b1_1"},
}


pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


async def principal_of(session: AsyncSession, access_world: World, name: str) -> Principal:
    tg = 10_000 + access_world.users[name]
    await auth.open_session(session, access_world.users[name], tg, tg)
    p = await auth.load_principal(session, tg)
    assert p is not None
    return p


async def denied_count(session: AsyncSession) -> int:
    return int(
        await session.scalar(
            select(func.count()).select_from(AuditLog).where(AuditLog.result == AuditResult.DENIED)
        )
        or 0
    )


def test_matrix_is_the_table_of_levels() -> None:
    assert set(MATRIX) == set(Role)
    for role in Role:
        assert MATRIX[role] == EXPECTED[role], role


async def test_every_level_every_permission(session: AsyncSession, access_world: World) -> None:
    for name in REACH_ACCOUNTS:
        p = await principal_of(session, access_world, name)
        for perm in Permission:
            assert p.can(perm) == (perm in EXPECTED[p.role]), (name, perm)
            if p.can(perm):
                await ensure_permission(session, p, perm)
            else:
                with pytest.raises(AccessDenied):
                    await ensure_permission(session, p, perm)


async def test_every_level_every_account(session: AsyncSession, access_world: World) -> None:
    denials = 0
    for name, reach in REACH_ACCOUNTS.items():
        p = await principal_of(session, access_world, name)
        visible = await visible_account_ids(session, p)
        assert set(visible) == {access_world.accounts[a] for a in reach}, name
        for acc_name, acc_id in access_world.accounts.items():
            for perm in (None, P.VIEW_BALANCE, P.MANAGE_CASHBACK):
                allowed = acc_name in reach and (perm is None or p.can(perm))
                if allowed:
                    acc = await ensure_account(session, p, acc_id, perm)
                    assert acc.id == acc_id
                else:
                    denials += 1
                    with pytest.raises(AccessDenied):
                        await ensure_account(session, p, acc_id, perm)
    assert await denied_count(session) == denials


async def test_every_level_every_permission_every_number(
    session: AsyncSession, access_world: World
) -> None:
    denials = 0
    for name, reach in REACH_SUBSCRIBERS.items():
        p = await principal_of(session, access_world, name)
        listed = set(await session.scalars(scope_subscribers(select(Subscriber.id), p)))
        assert listed == {access_world.subscribers[s] for s in reach}, name
        for sub_name, sub_id in access_world.subscribers.items():
            for perm in Permission:
                allowed = sub_name in reach and p.can(perm)
                if allowed:
                    await ensure_subscriber(session, p, sub_id, perm)
                else:
                    denials += 1
                    with pytest.raises(AccessDenied):
                        await ensure_subscriber(session, p, sub_id, perm)
    assert await denied_count(session) == denials


async def test_a_denial_names_who_what_and_why(session: AsyncSession, access_world: World) -> None:
    p = await principal_of(session, access_world, "coord")
    with pytest.raises(AccessDenied):
        await ensure_subscriber(
            session,
            p,
            access_world.subscribers["b1_1"],
            P.MANAGE_SUBSCRIBERS,
            action="subscriber.block",
        )
    row = await session.scalar(select(AuditLog).where(AuditLog.result == AuditResult.DENIED))
    assert row is not None
    assert (row.user_id, row.company_id, row.action) == (
        access_world.users["coord"],
        access_world.company_a,
        "subscriber.block",
    )
    assert (row.object_type, row.object_id) == ("subscriber", str(access_world.subscribers["b1_1"]))
    assert row.telegram_user_id == 10_000 + access_world.users["coord"]
    assert row.details == {"reason": "other_company", "permission": "manage_subscribers"}


async def test_company_wide_objects_of_another_company(
    session: AsyncSession, access_world: World
) -> None:
    p = await principal_of(session, access_world, "coord")
    await ensure_company_object(
        session, p, access_world.company_a, object_type="group", object_id=1
    )
    with pytest.raises(AccessDenied):
        await ensure_company_object(
            session, p, access_world.company_b, object_type="group", object_id=2
        )
    assert await denied_count(session) == 1


async def test_nothing_is_allowed_until_the_one_time_password_is_replaced(
    session: AsyncSession, access_world: World
) -> None:
    user = await session.get(CabinetUser, access_world.users["union"])
    assert user is not None
    user.must_change_password = True
    p = await principal_of(session, access_world, "union")
    assert not any(p.can(perm) for perm in Permission)
    with pytest.raises(AccessDenied):
        await ensure_account(session, p, access_world.accounts["a1"], P.VIEW_BALANCE)


async def add_number(session: AsyncSession, access_world: World, acc: str, msisdn: str) -> int:
    company = access_world.company_b if acc == "b1" else access_world.company_a
    sub = Subscriber(
        company_id=company,
        account_id=access_world.accounts[acc],
        msisdn=msisdn,
        employee_name="Новиков Сергей Петрович",
    )
    session.add(sub)
    await session.flush()
    return sub.id


async def test_a_coordinator_grants_a_level_and_the_number_gets_a_password(
    session: AsyncSession, access_world: World
) -> None:
    sub_id = await add_number(session, access_world, "a1", "+79160000001")
    p = await principal_of(session, access_world, "coord")
    uid = await grant_level(session, p, sub_id, Role.VIEWER)
    user = await session.get(CabinetUser, uid)
    assert user is not None
    assert (user.login, user.role, user.subscriber_id) == ("+79160000001", Role.VIEWER, sub_id)
    assert user.must_change_password and user.password_hash
    sms = await session.scalar(select(Outbox).where(Outbox.recipient == "+79160000001"))
    assert sms is not None and sms.payload["key"] == "sms-first-password"
    # The new login works and sees its own number only.
    tg = 77
    viewer = await auth.login_with_password(
        session, user.brand, user.login, sms.payload["params"]["password"], tg, tg
    )
    assert viewer.must_change_password
    assert await revoke_level(session, p, sub_id) is True
    assert await auth.load_principal(session, tg) is None


async def test_granting_beyond_the_level_or_reach_is_refused_and_audited(
    session: AsyncSession, access_world: World
) -> None:
    in_a2 = await add_number(session, access_world, "a2", "+79160000002")
    in_b1 = await add_number(session, access_world, "b1", "+79160000003")
    coord = await principal_of(session, access_world, "coord")
    assistant = await principal_of(session, access_world, "assistant")
    with pytest.raises(AccessDenied):
        await grant_level(session, coord, in_a2, Role.VIEWER)  # another account
    with pytest.raises(AccessDenied):
        await grant_level(session, coord, in_b1, Role.VIEWER)  # another company
    with pytest.raises(AccessDenied):
        await grant_level(session, assistant, in_a2, Role.VIEWER)  # no GRANT_ACCESS
    in_a1 = await add_number(session, access_world, "a1", "+79160000004")
    with pytest.raises(AccessDenied):
        await grant_level(session, coord, in_a1, Role.COORDINATOR)  # only the operator does
    with pytest.raises(ValidationFailed) as exc:
        await grant_level(session, coord, access_world.subscribers["a1_2"], Role.VIEWER)
    assert exc.value.key == "auth-grant-coordinator"  # that number is a coordinator's login
    union = await principal_of(session, access_world, "union")
    with pytest.raises(ValidationFailed) as exc:
        await grant_level(session, union, access_world.subscribers["ay_1"], Role.VIEWER)
    assert exc.value.key == "auth-grant-yota"
    assert await denied_count(session) == 4
    # No SMS or push went out (the logins' own command-menu rows aside).
    sent = select(func.count()).select_from(Outbox).where(Outbox.text != MENU_KEY)
    assert await session.scalar(sent) == 0


def test_the_permission_matrix_is_a_leaf() -> None:
    """principal (the matrix) imports only the vocabulary: every section may use it."""
    import ast
    from pathlib import Path

    import domain

    tree = ast.parse((Path(domain.__file__).parent / "principal.py").read_text("utf-8"))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported <= {"__future__", "dataclasses", "enum", "domain.types"}


async def test_who_reaches_an_account_is_the_rule_of_the_login(
    session: AsyncSession, access_world: World
) -> None:
    """The pushes about an account go to exactly the users whose principal reaches it."""
    from domain.access.reach import users_reaching

    w = access_world
    by_id = {v: k for k, v in w.users.items()}
    for acc in ("a1", "a2", "ay"):
        reaching = await users_reaching(session, w.company_a, w.accounts[acc])
        names = {by_id[u] for u in reaching}
        expected = set()
        for name in ("union", "coord", "assistant", "manager", "viewer", "yota"):
            p = await principal_of(session, w, name)
            if account_in_reach(p, w.company_a, w.accounts[acc]):
                expected.add(name)
        assert names == expected
    assert {by_id[u] for u in await users_reaching(session, w.company_a, w.accounts["a1"])} == {
        "union",
        "coord",
    }
    user = await session.get(CabinetUser, w.users["coord"])
    assert user is not None
    user.is_blocked = True
    await session.flush()
    assert {by_id[u] for u in await users_reaching(session, w.company_a, w.accounts["a1"])} == {
        "union"
    }
