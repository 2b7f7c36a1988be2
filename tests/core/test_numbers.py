"""Typed whole numbers: 0-9 only, and never an internal error whatever is typed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.numbers import is_digits, whole_number


@given(st.text())
def test_any_text_is_a_number_of_0_to_9_or_none(text: str) -> None:
    got = whole_number(text)
    stripped = text.strip()
    if got is None:
        assert not (stripped and all(c in "0123456789" for c in stripped))
    else:
        assert stripped and all(c in "0123456789" for c in stripped)
        assert got == int(stripped)
    assert is_digits(text) == (bool(text) and all(c in "0123456789" for c in text))


def test_unicode_digits_are_not_numbers() -> None:
    for text in ("²", "12²", "٣", "１２", "⑤"):  # isdigit() is true for several of these
        assert whole_number(text) is None and not is_digits(text)
    assert whole_number(" 42 ") == 42 and whole_number("007") == 7


def test_a_range_bounds_the_number() -> None:
    from kiosk.numbers import whole_number_in

    assert whole_number_in("10", 10, 600) == 10 and whole_number_in(" 600", 10, 600) == 600
    assert whole_number_in("9", 10, 600) is None and whole_number_in("601", 10, 600) is None
    assert whole_number_in("²", 1, 9) is None and whole_number_in("-5", -9, 9) is None
