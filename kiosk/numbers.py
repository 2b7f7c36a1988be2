"""Whole numbers as a person types them at a till: the digits 0-9 and nothing else.

str.isdigit() is true for '²', '٣' and other Unicode digits, and int() then refuses some of
them ('²') with an internal error; every front end reads typed counts, quantities, choices and
sizes through this one rule instead.
"""

from __future__ import annotations


def whole_number(text: str) -> int | None:
    """`text` (spaces around allowed) as a whole number written with 0-9, else None."""
    text = text.strip()
    return int(text) if text and text.isascii() and text.isdigit() else None


def is_digits(text: str) -> bool:
    """True for a non-empty run of 0-9 alone (a PIN, a part of an amount)."""
    return bool(text) and text.isascii() and text.isdigit()
