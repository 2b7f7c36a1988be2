"""Phone numbers: typed as people type them, stored in E.164 with the shop's country."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk import profiles
from kiosk.clock import FixedClock
from kiosk.errors import InvalidInput
from kiosk.members import Registration
from kiosk.shops import region_of
from kiosk.till import Till


@pytest.mark.parametrize("typed, region, stored", [
    ("41234567", "NO", "+4741234567"),
    ("412 34 567", "NO", "+4741234567"),
    ("+47 412 34 567", "NO", "+4741234567"),
    ("0047 41234567", "NO", "+4741234567"),
    ("(+47) 41-23-45-67", "NO", "+4741234567"),
    ("070-123 45 67", "SE", "+46701234567"),
    ("+46 70 123 45 67", "NO", "+46701234567"),
    ("0046701234567", None, "+46701234567"),
    ("20 12 34 56", "DK", "+4520123456"),
])
def test_typed_numbers_become_e164(typed: str, region: str | None, stored: str) -> None:
    assert profiles.normalise_phone(typed, region) == stored
    # What is stored is accepted as received, by a till's pull and by the server's push.
    assert profiles.refusal("phone", stored) is None
    assert profiles.normalise_phone(stored) == stored


@pytest.mark.parametrize("typed, region", [
    ("12345", "NO"), ("4123456", "NO"), ("070-123 45 67", "NO"), ("41234567", None),
    ("+47 0000 0000", "NO"), ("+999 41234567", "NO"), ("1-800-FLOWERS", "US"),
    ("41234567 ext. 12", "NO"), ("", "NO"), ("+", "NO"), ("4" * 60, "NO"),
])
def test_what_is_no_number_of_any_country_is_refused_in_one_line(typed: str,
                                                                  region: str | None) -> None:
    with pytest.raises(InvalidInput) as refused:
        profiles.normalise_phone(typed, region)
    message = str(refused.value)
    assert "\n" not in message and len(message) < 160


@pytest.mark.parametrize("received", ["41234567", "+47 41234567", "004741234567",
                                      "+4741234567 ", "+47412345678901234"])
def test_received_values_must_already_be_e164(received: str) -> None:
    assert profiles.refusal("phone", received) is not None


def test_region_comes_from_the_shop() -> None:
    assert region_of("Europe/Oslo", "NOK") == "NO"
    assert region_of("Europe/Stockholm", "SEK") == "SE"
    assert region_of("Europe/Helsinki", "EUR") == "FI"
    assert region_of("Europe/Nowhere", "DKK") == "DK"
    assert region_of("Europe/Nowhere", "EUR") is None


@pytest.fixture
def oslo(tmp_path: Path) -> Till:
    till = Till.open(tmp_path / "oslo", clock=FixedClock(datetime(2026, 11, 17, 9, tzinfo=UTC)))
    till.setup(org_name="Kaffe AS", shop_name="Kaffebar")
    yield till
    till.close()


def test_a_number_typed_without_country_code_is_found_with_it(oslo: Till) -> None:
    who = oslo.register(Registration(name="Ingrid Lie", phone="41234567")).member_id
    assert oslo.member(who).phone == "+4741234567"
    for typed in ("+47 41234567", "41234567", "0047 412 34 567", "412 34 567"):
        assert [m.id for m in oslo.find(typed)] == [who], typed
    with pytest.raises(InvalidInput, match="already"):
        oslo.register(Registration(name="Ingrid Andre", phone="+47 412 34 567"))
    oslo.edit_member(who, phone="+46 70 123 45 67")
    assert oslo.member(who).phone == "+46701234567"
    assert [m.id for m in oslo.find("+46701234567")] == [who]


def test_a_bad_number_changes_nothing(oslo: Till) -> None:
    with oslo.store.read() as conn:
        before = conn.exec_driver_sql("SELECT count(*) FROM member").scalar_one()
    with pytest.raises(InvalidInput):
        oslo.register(Registration(name="Per", phone="12345"))
    with oslo.store.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM member").scalar_one() == before
