"""Random filter combinations: the list's totals, its pages and every export agree with the
database to the kopeck. The expected rows come from a plain SQL query written here, with the
Moscow day bounds computed independently, and from the rows filtered in Python."""

from __future__ import annotations

import csv
import io
import random
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import text

from domain.access.checks import Principal
from domain.accounts.exports import ExportFormat
from domain.accounts.payments import AmountRange, OpType, PaymentFilter, list_operations
from domain.clock import MSK
from domain.errors import DomainError
from domain.types import AccountType, ChargeCategory, PaymentType
from tests.accounts_data import (
    add_charge,
    add_payment,
    assistant,
    coordinator,
    small_world,
)
from tests.unit.test_exports import export_operations  # with the bot's Russian headings

DAYS = [
    date(2026, 8, 31),
    date(2026, 9, 1),
    date(2026, 9, 10),
    date(2026, 9, 30),
    date(2026, 10, 1),
]
AMOUNT_IN_TXT = re.compile(r"  (-?\d{1,3}(?: \d{3})*,\d{2})  ")
BOUNDS = [0, 1, 99, 100_00, 1_000_00, 1_000_01, 5_000_00, 100_000_00]


@dataclass
class Seeded:
    coordinator: Principal
    assistant: Principal
    account_ids: list[int]
    account_types: dict[int, AccountType]
    numbers: dict[int, str]


@pytest.fixture
async def seeded(session):  # type: ignore[no-untyped-def]
    w = await small_world(session)
    rnd = random.Random(20260901)
    start = datetime(2026, 8, 30, tzinfo=UTC)
    accounts = [*w.accounts, w.other_account]
    for i in range(400):
        acc = rnd.choice(accounts)
        # Times cluster around Moscow midnight (21:00 UTC) so day bounds are put to the test.
        when = start + timedelta(
            days=rnd.randrange(0, 35),
            hours=rnd.choice([20, 21, 22, 3, 12]),
            minutes=rnd.choice([0, 59]),
        )
        amount = rnd.choice([*BOUNDS[1:], rnd.randrange(1, 20_000_00)])
        if i % 2:
            await add_payment(session, acc, when, amount, rnd.choice(list(PaymentType)))
        else:
            await add_charge(session, acc, when, amount, rnd.choice(list(ChargeCategory)))
    # A few refunds: negative adjustments count as money out.
    await add_payment(
        session, w.accounts[0], datetime(2026, 9, 2, tzinfo=UTC), -150_00, PaymentType.ADJUSTMENT
    )
    await add_payment(
        session, w.accounts[1], datetime(2026, 9, 2, tzinfo=UTC), -1_000_00, PaymentType.ADJUSTMENT
    )
    await session.commit()
    return Seeded(
        coordinator=coordinator(w),
        assistant=assistant(w),
        account_ids=[a.id for a in w.accounts],
        account_types={a.id: a.type for a in w.accounts},
        numbers={a.id: a.number for a in w.accounts},
    )


@st.composite
def filters(draw: st.DrawFn) -> tuple[bool, dict[str, object]]:
    as_assistant = draw(st.booleans())
    first = draw(st.none() | st.sampled_from(DAYS))
    last = draw(st.none() | st.sampled_from(DAYS))
    if first and last and last < first:
        first, last = last, first
    amount = None
    if draw(st.booleans()):
        lo = draw(st.none() | st.sampled_from(BOUNDS))
        hi = draw(st.none() | st.sampled_from(BOUNDS))
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        amount = AmountRange(lo, hi, draw(st.booleans()), draw(st.booleans()))
    return as_assistant, {
        "pick": draw(st.lists(st.integers(0, 2), max_size=3, unique=True)),
        "first": first,
        "last": last,
        "types": draw(st.frozensets(st.sampled_from(list(OpType)))),
        "amount": amount,
        "atype": draw(st.none() | st.sampled_from(list(AccountType))),
    }


def _make(
    seeded: Seeded, as_assistant: bool, spec: dict[str, object]
) -> tuple[Principal, PaymentFilter]:
    principal = seeded.assistant if as_assistant else seeded.coordinator
    pick = spec["pick"]
    assert isinstance(pick, list)
    ids = [seeded.account_ids[i] for i in pick]
    if as_assistant:
        ids = [i for i in ids if principal.account_ids and i in principal.account_ids]
    flt = PaymentFilter(
        account_ids=frozenset(ids),
        date_from=spec["first"],  # type: ignore[arg-type]
        date_to=spec["last"],  # type: ignore[arg-type]
        types=spec["types"],  # type: ignore[arg-type]
        amount=spec["amount"],  # type: ignore[arg-type]
        account_type=spec["atype"],  # type: ignore[arg-type]
    )
    return principal, flt


def _msk_midnight_utc(d: date) -> str:
    instant = datetime.combine(d, time.min, MSK).astimezone(UTC)
    return instant.strftime("%Y-%m-%d %H:%M:%S")


async def _expected(session, seeded: Seeded, principal: Principal, flt: PaymentFilter):  # type: ignore[no-untyped-def]
    """Plain SQL: (count, income, expense, ids in order) the filter must select."""
    ids = list(flt.account_ids) or (
        list(principal.account_ids) if principal.account_ids else seeded.account_ids
    )
    if flt.account_type:
        ids = [i for i in ids if seeded.account_types[i] is flt.account_type]
    if not ids:
        return 0, 0, 0, []
    parts = []
    params: dict[str, object] = {}
    where_common = []
    if flt.date_from:
        where_common.append("t >= :start")
        params["start"] = _msk_midnight_utc(flt.date_from)
    if flt.date_to:
        where_common.append("t < :end")
        params["end"] = _msk_midnight_utc(flt.date_to + timedelta(days=1))
    if flt.amount:
        a = flt.amount
        if a.low_kop is not None:
            where_common.append(f"abs(amount) {'>' if a.low_strict else '>='} {a.low_kop}")
        if a.high_kop is not None:
            where_common.append(f"abs(amount) {'<' if a.high_strict else '<='} {a.high_kop}")
    id_list = ",".join(str(i) for i in ids)
    ptypes = [
        t.value for t in OpType if t is not OpType.CHARGE and (not flt.types or t in flt.types)
    ]
    if ptypes:
        quoted = ",".join(f"'{t}'" for t in ptypes)
        parts.append(
            "SELECT 0 AS kind, id, substr(paid_at, 1, 19) AS t, amount_kop AS amount "
            f"FROM payments WHERE account_id IN ({id_list}) AND type IN ({quoted})"
        )
    if not flt.types or OpType.CHARGE in flt.types:
        parts.append(
            "SELECT 1 AS kind, id, substr(charged_at, 1, 19) AS t, -amount_kop AS amount "
            f"FROM charges WHERE account_id IN ({id_list})"
        )
    if not parts:
        return 0, 0, 0, []
    where = (" WHERE " + " AND ".join(where_common)) if where_common else ""
    union = " UNION ALL ".join(parts)
    sql = f"SELECT kind, id, amount FROM ({union}){where} ORDER BY t DESC, kind, id DESC"
    rows = (await session.execute(text(sql), params)).all()
    income = sum(r.amount for r in rows if r.amount > 0)
    expense = sum(-r.amount for r in rows if r.amount < 0)
    return len(rows), income, expense, [(r.kind, r.id) for r in rows]


def _parse_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "csv must start with a UTF-8 BOM"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def _csv_kop(cell: str) -> int:
    return int((Decimal(cell.replace(",", ".")) * 100).to_integral_value())


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(case=filters())
async def test_list_and_csv_txt_exports_match_sql(seeded: Seeded, session, case) -> None:  # type: ignore[no-untyped-def]
    principal, flt = _make(seeded, *case)
    count, income, expense, order = await _expected(session, seeded, principal, flt)

    per_page = 7
    first = await list_operations(session, principal, flt, 0, per_page)
    assert first.summary.count == count
    assert first.summary.income_kop == income
    assert first.summary.expense_kop == expense
    assert first.pages == max(1, -(-count // per_page))

    # Walking every page lists each row once, in the SQL order.
    seen = []
    for page in range(first.pages):
        pg = await list_operations(session, principal, flt, page, per_page)
        seen.extend((int(o.is_charge), o.id) for o in pg.items)
        assert all(o.account_number in seeded.numbers.values() for o in pg.items)
    assert seen == order

    if count == 0:
        with pytest.raises(DomainError) as err:
            await export_operations(session, principal, flt, ExportFormat.CSV)
        assert err.value.key == "acc-export-empty"
        return

    exported = await export_operations(session, principal, flt, ExportFormat.CSV)
    rows = _parse_csv(exported.content)
    body = rows[1:]
    assert len(body) == count == exported.rows
    kops = [_csv_kop(r[3]) for r in body]
    assert sum(k for k in kops if k > 0) == income
    assert sum(-k for k in kops if k < 0) == expense

    txt = (await export_operations(session, principal, flt, ExportFormat.TXT)).content.decode()
    lines = txt.splitlines()
    data_lines = lines[lines.index(next(line for line in lines if line.startswith("---"))) + 1 :]
    data_lines = data_lines[: data_lines.index("")]
    assert len(data_lines) == count
    total = 0
    for line in data_lines:
        m = AMOUNT_IN_TXT.search(line)
        assert m is not None, line
        total += _csv_kop(m.group(1).replace(" ", ""))
    assert total == income - expense


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(case=filters())
async def test_xlsx_export_matches_sql(seeded: Seeded, session, case) -> None:  # type: ignore[no-untyped-def]
    principal, flt = _make(seeded, *case)
    count, income, expense, _order = await _expected(session, seeded, principal, flt)
    if count == 0:
        return
    exported = await export_operations(session, principal, flt, ExportFormat.XLSX)
    ws = load_workbook(io.BytesIO(exported.content), read_only=True).active
    values = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(values) == count
    kops = [round(Decimal(str(v[3])) * 100) for v in values]
    assert sum(k for k in kops if k > 0) == income
    assert sum(-k for k in kops if k < 0) == expense
