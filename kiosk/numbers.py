"""Whole numbers as a person types them at a till: the digits 0-9 and nothing else.

str.isdigit() is true for '²', '٣' and other Unicode digits, and int() then refuses some of
them ('²') with an internal error; every front end reads typed counts, quantities, choices,
ports and sizes through this one rule instead.
"""

from __future__ import annotations


def is_digits(text: str) -> bool:
    """True for a non-empty run of 0-9 alone."""
    return bool(text) and text.isascii() and text.isdigit()


def whole_number(text: str) -> int | None:
    """`text` (spaces around allowed) as a whole number written with 0-9, else None."""
    text = text.strip()
    return int(text) if is_digits(text) else None


def whole_number_in(text: str, low: int, high: int) -> int | None:
    """`text` as a whole number from `low` to `high`, else None."""
    number = whole_number(text)
    return number if number is not None and low <= number <= high else None
