"""Manager PIN: hashed at rest, lockout after five wrong tries, surviving a restart."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk import pin, settings
from kiosk.clock import FixedClock
from kiosk.errors import InvalidInput, PinRefused
from kiosk.till import Till

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def till(tmp_path: Path, clock: FixedClock) -> Till:
    t = Till.open(tmp_path, clock=clock)
    t.setup(org_name="Butikk AS", shop_name="Butikk")
    yield t
    t.close()


def _verify(till: Till, value: str) -> None:
    till.verify_pin(value)


def _set(till: Till, value: str) -> None:
    till.run(lambda conn, _ctx: pin.set_pin(conn, value))


def test_pin_is_stored_hashed_and_verified(till: Till, tmp_path: Path) -> None:
    assert not till.run(lambda conn, _ctx: pin.has_pin(conn), write=False)
    with pytest.raises(PinRefused, match="No manager PIN"):
        _verify(till, "1234")
    _set(till, "583920")
    assert till.run(lambda conn, _ctx: pin.has_pin(conn), write=False)
    _verify(till, "583920")
    stored = till.run(lambda conn, _ctx: settings.get(conn, pin.PIN_HASH), write=False)
    assert stored and stored.startswith("scrypt$") and "583920" not in stored
    with pytest.raises(PinRefused, match="4 tries left"):
        _verify(till, "583921")
    # Same PIN, fresh salt: the stored hashes differ.
    _set(till, "583920")
    again = till.run(lambda conn, _ctx: settings.get(conn, pin.PIN_HASH), write=False)
    assert again != stored


@pytest.mark.parametrize("bad", ["123", "123456789", "12a4", "", " 1234", "١٢٣٤", "12.4"])
def test_pin_must_be_4_to_8_ascii_digits(till: Till, bad: str) -> None:
    with pytest.raises(InvalidInput):
        _set(till, bad)
    assert not till.run(lambda conn, _ctx: pin.has_pin(conn), write=False)


def test_lockout_after_five_wrong_tries_survives_restart(till: Till, clock: FixedClock,
                                                         tmp_path: Path) -> None:
    _set(till, "2468")
    for left in (4, 3, 2, 1):
        with pytest.raises(PinRefused, match=f"{left} tr"):
            _verify(till, "0000")
    with pytest.raises(PinRefused, match="locked for 5 min"):
        _verify(till, "0000")
    till.close()

    reopened = Till.open(tmp_path, clock=clock)  # a restart keeps the lockout
    clock.advance(seconds=40)
    with pytest.raises(PinRefused, match=r"try again in 4 min 20 s"):
        _verify(reopened, "2468")  # even the right PIN waits
    clock.advance(minutes=4, seconds=19)
    with pytest.raises(PinRefused, match=r"try again in 1 s"):
        _verify(reopened, "2468")
    clock.advance(seconds=1)
    _verify(reopened, "2468")
    # The slate is clean again: five more tries before the next lockout.
    for left in (4, 3, 2, 1):
        with pytest.raises(PinRefused, match=f"{left} tr"):
            _verify(reopened, "1111")
    _verify(reopened, "2468")
    with pytest.raises(PinRefused, match="4 tries left"):
        _verify(reopened, "1111")
    reopened.close()


def test_lockout_ends_by_itself_and_counting_restarts(till: Till, clock: FixedClock) -> None:
    _set(till, "13579")
    for _ in range(5):
        with pytest.raises(PinRefused):
            _verify(till, "97531")
    clock.advance(minutes=4, seconds=59)
    with pytest.raises(PinRefused, match="try again in 1 s"):
        _verify(till, "13579")
    clock.advance(seconds=1)
    with pytest.raises(PinRefused, match="4 tries left"):
        _verify(till, "97531")


def test_clock_set_back_does_not_stretch_the_lockout(till: Till, clock: FixedClock) -> None:
    _set(till, "1357")
    for _ in range(5):
        with pytest.raises(PinRefused):
            _verify(till, "0000")
    clock.set(START.replace(hour=7))  # someone sets the till's clock back two hours
    with pytest.raises(PinRefused, match=r"try again in 5 min 0 s"):
        _verify(till, "1357")
    clock.advance(minutes=5)
    _verify(till, "1357")


def test_setting_a_new_pin_clears_the_lockout(till: Till) -> None:
    _set(till, "1111")
    for _ in range(5):
        with pytest.raises(PinRefused):
            _verify(till, "2222")
    with pytest.raises(PinRefused, match="try again"):
        _verify(till, "1111")
    _set(till, "3333")
    _verify(till, "3333")
