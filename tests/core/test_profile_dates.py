"""Dates as the shop writes them (01.12.2026, 1.12.2026) as well as ISO."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.errors import InvalidInput
from kiosk.profiles import parse_birthday, parse_day


@pytest.mark.parametrize("typed, day", [
    ("01.12.2026", date(2026, 12, 1)), ("1.12.2026", date(2026, 12, 1)),
    ("1.2.2026", date(2026, 2, 1)), (" 2026-12-01 ", date(2026, 12, 1)),
    ("29.02.2024", date(2024, 2, 29)),
])
def test_parse_day_reads_the_local_form_and_iso(typed: str, day: date) -> None:
    assert parse_day(typed) == day


@pytest.mark.parametrize("typed", ["12/01/2026", "2026-12-1", "31.11.2026", "29.02.2026",
                                   "1.13.2026", "01.12.26", "i går", "", "1" * 5000])
def test_parse_day_refuses_in_one_short_line(typed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_day(typed)
    assert "\n" not in str(refused.value) and len(str(refused.value)) < 120


@pytest.mark.parametrize("typed, stored", [
    ("28.02.1985", "1985-02-28"), ("1.2.1985", "1985-02-01"), ("1985-02-28", "1985-02-28"),
    ("02-28", "1904-02-28"), ("29.02", "1904-02-29"), ("29.2.", "1904-02-29"),
])
def test_birthdays_in_every_form_a_person_types(typed: str, stored: str) -> None:
    assert parse_birthday(typed) == stored


@pytest.mark.parametrize("typed", ["31.02.1985", "1.1.1850", "1.1.2999", "32.1", "1985"])
def test_impossible_birthdays_are_refused(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_birthday(typed)
