"""Money as a person reads it: "20,00 kr", never minor units."""

from __future__ import annotations

# How each currency a Nordic shop meets is written after the amount; others get their code.
_SYMBOLS = {"NOK": "kr", "SEK": "kr", "DKK": "kr", "ISK": "kr", "EUR": "€"}


def format_money(minor: int, currency: str | None = "NOK") -> str:
    """Minor units to the shop's way of writing money: 2000 NOK → "20,00 kr"."""
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(int(minor)), 100)
    grouped = f"{whole:,}".replace(",", "\u00a0")
    text = f"{sign}{grouped},{cents:02d}"
    if not currency:
        return text
    return f"{text} {_SYMBOLS.get(currency.upper(), currency.upper())}"
