from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bot.i18n import I18n
from domain.accounts import exports
from domain.accounts.exports import ExportFormat
from domain.accounts.payments import OpType, PaymentFilter
from domain.accounts.xlsx_sheet import RUB_NUMBER_FORMAT
from domain.errors import AccessDenied, DomainError
from domain.types import ChargeCategory, PaymentType
from tests.accounts_data import (
    add_charge,
    add_payment,
    assistant,
    at,
    coordinator,
    small_world,
    viewer,
)

_I18N = I18n()


async def export_operations(*args, lang: str = "ru", **kwargs):  # type: ignore[no-untyped-def]
    """The domain's export with the headings the bot gives it: its Fluent texts."""
    from handlers.accounts.payments import export_headers

    headers = export_headers(_I18N.get(lang))
    return await exports.export_operations(*args, headers=headers, lang=lang, **kwargs)


SEPT = PaymentFilter(date_from=date(2026, 9, 1), date_to=date(2026, 9, 30))


async def _seed(session):  # type: ignore[no-untyped-def]
    w = await small_world(session)
    a1, a2, _a3 = w.accounts
    await add_payment(session, a1, at(2026, 9, 1, 9, 15), 123_456_78, doc="ПП-77")
    await add_payment(session, a2, at(2026, 9, 2), 1_00, PaymentType.CARD, doc="К-1")
    await add_charge(session, a1, at(2026, 9, 3), 99_99, ChargeCategory.SMS)
    await session.flush()
    return w


async def test_xlsx_has_typed_cells_header_frozen_pane_and_widths(session) -> None:  # type: ignore[no-untyped-def]
    w = await _seed(session)
    f = await export_operations(session, coordinator(w), SEPT, ExportFormat.XLSX)
    assert f.file_name.endswith(".xlsx") and f.rows == 3
    wb = load_workbook(io.BytesIO(f.content))
    ws = wb.active
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header == [
        "Дата и время (МСК)",
        "Лицевой счёт",
        "Операция",
        "Сумма, ₽",
        "Номер документа",
        "Описание",
    ]
    assert ws["A1"].font.b
    assert ws.column_dimensions["A"].width >= 16
    assert ws.column_dimensions["F"].width >= 40
    # Newest first: the SMS charge on 03.09, then the card payment, then the transfer.
    sms, card, transfer = ws[2], ws[3], ws[4]
    assert sms[2].value == "Списание: SMS"
    assert sms[3].value == pytest.approx(-99.99)
    assert card[2].value == "Платёж: банковская карта"
    # A date cell, in Moscow wall time (12:15 MSK for 09:15 UTC).
    assert transfer[0].value == datetime(2026, 9, 1, 12, 15)
    assert transfer[0].is_date
    assert transfer[3].value == pytest.approx(123456.78)
    assert Decimal(str(transfer[3].value)) == Decimal("123456.78")
    assert transfer[3].number_format == RUB_NUMBER_FORMAT
    assert transfer[1].value == "500100000001"
    assert transfer[4].value == "ПП-77"


async def test_csv_is_utf8_with_bom_semicolons_and_decimal_comma(session) -> None:  # type: ignore[no-untyped-def]
    w = await _seed(session)
    f = await export_operations(session, coordinator(w), SEPT, ExportFormat.CSV)
    assert f.content.startswith(b"\xef\xbb\xbf")
    text = f.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Дата и время (МСК)"
    assert rows[1][:5] == ["03.09.2026 15:00", "500100000001", "Списание: SMS", "-99,99", ""]
    assert rows[3][:5] == [
        "01.09.2026 12:15",
        "500100000001",
        "Платёж: безналичный",
        "123456,78",
        "ПП-77",
    ]
    assert f.mime == "text/csv"


async def test_txt_is_an_aligned_table_with_totals(session) -> None:  # type: ignore[no-untyped-def]
    w = await _seed(session)
    f = await export_operations(session, coordinator(w), SEPT, ExportFormat.TXT)
    lines = f.content.decode("utf-8").splitlines()
    assert lines[0] == "Платежи и списания"
    assert lines[2] == "Период: 01.09.2026 – 30.09.2026"
    header = lines[4]
    table = lines[6:9]
    # Amounts are right-aligned in one column: they end at the same position.
    amount_end = header.index("Сумма, ₽") + len("Сумма, ₽")
    for line, amount in zip(table, ["-99,99", "1,00", "123 456,78"], strict=True):
        assert line[amount_end - len(amount) : amount_end] == amount
    assert "Поступления: 123 457,78 ₽" in lines
    assert "Списания: 99,99 ₽" in lines
    assert "Строк: 3" in lines


async def test_english_headers(session) -> None:  # type: ignore[no-untyped-def]
    w = await _seed(session)
    f = await export_operations(session, coordinator(w), SEPT, ExportFormat.CSV, lang="en")
    assert f.content.decode("utf-8-sig").splitlines()[0].startswith("Date and time (MSK);Account")


async def test_progress_is_reported_in_order_up_to_one(session) -> None:  # type: ignore[no-untyped-def]
    w = await _seed(session)
    seen: list[float] = []

    async def on_progress(fraction: float) -> None:
        seen.append(fraction)

    f = await export_operations(
        session, coordinator(w), SEPT, ExportFormat.XLSX, on_progress, chunk=1
    )
    assert f.rows == 3
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)
    assert len(seen) >= 5
    sync_seen: list[float] = []
    await export_operations(session, coordinator(w), SEPT, ExportFormat.CSV, sync_seen.append)
    assert sync_seen[-1] == 1.0


async def test_empty_selection_is_an_error_not_a_file(session) -> None:  # type: ignore[no-untyped-def]
    w = await _seed(session)
    flt = SEPT.toggle_type(OpType.CASHBACK)
    for fmt in ExportFormat:
        with pytest.raises(DomainError) as err:
            await export_operations(session, coordinator(w), flt, fmt)
        assert err.value.key == "acc-export-empty"


async def test_exports_refuse_accounts_beyond_reach(session) -> None:  # type: ignore[no-untyped-def]
    w = await _seed(session)
    with pytest.raises(AccessDenied):
        await export_operations(
            session,
            assistant(w),
            PaymentFilter(account_ids=frozenset({w.accounts[1].id})),
            ExportFormat.CSV,
        )
    with pytest.raises(AccessDenied):
        await export_operations(
            session,
            coordinator(w),
            PaymentFilter(account_ids=frozenset({w.other_account.id})),
            ExportFormat.XLSX,
        )
    with pytest.raises(AccessDenied):
        await export_operations(session, viewer(w), PaymentFilter(), ExportFormat.TXT)
    # The assistant's own export holds only the own account.
    own = await export_operations(session, assistant(w), PaymentFilter(), ExportFormat.CSV)
    rows = list(csv.reader(io.StringIO(own.content.decode("utf-8-sig")), delimiter=";"))[1:]
    assert {r[1] for r in rows} == {"500100000001"}


async def test_big_xlsx_is_written_by_a_child_process(session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import domain.accounts.exports as exports_module

    w = await _seed(session)
    monkeypatch.setattr(exports_module, "PROCESS_THRESHOLD_ROWS", 1)
    started: list[object] = []
    original = exports_module._XlsxChildWriter.start

    async def spy(lang: str, headers: tuple[str, ...]):  # type: ignore[no-untyped-def]
        writer = await original(lang, headers)
        started.append(writer)
        return writer

    monkeypatch.setattr(exports_module._XlsxChildWriter, "start", spy)
    f = await export_operations(session, coordinator(w), SEPT, ExportFormat.XLSX, chunk=1)
    assert len(started) == 1
    assert started[0].proc.returncode == 0  # type: ignore[attr-defined]
    ws = load_workbook(io.BytesIO(f.content)).active
    assert ws.freeze_panes == "A2"
    values = list(ws.iter_rows(min_row=2, values_only=True))
    assert [v[3] for v in values] == [
        pytest.approx(-99.99),
        pytest.approx(1.0),
        pytest.approx(123456.78),
    ]
    assert values[2][0] == datetime(2026, 9, 1, 12, 15)
    assert ws["D4"].number_format == RUB_NUMBER_FORMAT
    assert ws["A1"].value == "Дата и время (МСК)"


async def test_english_xlsx_headings_and_empty_cells(session) -> None:  # type: ignore[no-untyped-def]
    w = await _seed(session)
    f = await export_operations(session, coordinator(w), SEPT, ExportFormat.XLSX, lang="en")
    ws = load_workbook(io.BytesIO(f.content)).active
    assert ws.title == "Payments"
    assert [c.value for c in ws[1]] == [
        "Date and time (MSK)",
        "Account",
        "Operation",
        "Amount, RUB",
        "Document number",
        "Description",
    ]
    assert ws["C2"].value == "Charge: SMS"
    # The SMS charge has no document number: its cell is empty, not an empty string.
    assert ws["E2"].value is None
    assert ws["A2"].is_date and ws["A2"].number_format == "DD.MM.YYYY HH:MM"


async def test_an_export_needs_all_six_headings(session) -> None:  # type: ignore[no-untyped-def]
    w = await _seed(session)
    with pytest.raises(ValueError):
        await exports.export_operations(
            session, coordinator(w), SEPT, ExportFormat.CSV, headers=("Дата", "Счёт")
        )
