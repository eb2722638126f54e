"""The program's one clock: pinned by CABINET_TODAY, seen everywhere "now" is asked."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.config import SettingsError, load_settings
from bot.wiring import configure
from domain import clock


def test_the_suite_runs_on_a_pinned_date() -> None:
    assert clock.is_pinned()
    assert clock.today_local() == clock.parse_pin(_env_today()).astimezone(clock.MSK).date()


def _env_today() -> str:
    import os

    return os.environ["CABINET_TODAY"]


def test_a_date_pins_noon_moscow_time_and_the_clock_runs_on() -> None:
    clock.pin(date(2028, 2, 29))
    first = clock.utcnow()
    assert first.tzinfo is UTC
    assert clock.to_local(first).replace(microsecond=0, second=0) == datetime(
        2028, 2, 29, 12, 0, tzinfo=clock.MSK
    )
    assert clock.utcnow() >= first  # time still passes
    assert clock.today_local() == date(2028, 2, 29)
    assert clock.fmt_date(clock.utcnow()) == "29.02.2028"


def test_a_moment_can_be_pinned_in_moscow_time() -> None:
    clock.pin("2027-03-01T00:02")
    assert clock.today_local() == date(2027, 3, 1)
    # Still the last day of February in UTC.
    assert clock.utcnow().date() == date(2027, 2, 28)


def test_today_local_follows_a_replaced_utcnow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2026, 12, 31, 21, 30, tzinfo=UTC))
    assert clock.today_local() == date(2027, 1, 1)  # 00:30 in Moscow


def test_unpinned_is_the_real_clock() -> None:
    clock.pin(None)
    assert not clock.is_pinned()
    assert abs(clock.utcnow() - datetime.now(UTC)) < timedelta(minutes=1)


@pytest.mark.parametrize("bad", ["2027-02-30", "tomorrow", "01.03.2027"])
def test_a_wrong_date_is_refused_naming_the_setting(bad: str) -> None:
    with pytest.raises(ValueError, match="CABINET_TODAY"):
        clock.parse_pin(bad)
    with pytest.raises(SettingsError, match="CABINET_TODAY"):
        load_settings(cabinet_today=bad)


def test_settings_pin_the_clock() -> None:
    configure(load_settings(_env_file=None, cabinet_today="2027-01-01"))
    assert clock.today_local() == date(2027, 1, 1)


def test_month_helpers_cross_the_year_and_know_february() -> None:
    from domain.clock import month_end, month_start, next_month_start

    assert month_start(date(2026, 12, 31)) == date(2026, 12, 1)
    assert next_month_start(date(2026, 12, 31)) == date(2027, 1, 1)
    assert next_month_start(date(2026, 1, 31)) == date(2026, 2, 1)
    assert month_end(date(2028, 2, 3)) == date(2028, 2, 29)
    assert month_end(date(2026, 2, 3)) == date(2026, 2, 28)
