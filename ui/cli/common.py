"""Helpers shared by the command-line modules."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from kiosk.errors import InvalidInput, NotFound
from kiosk.till import Till
from kiosk.views import MemberView

# Services the composition root runs beside an interactive till session (the sync worker):
# each is started with the till and returns the function that stops it.
SESSION_SERVICES: list[Callable[[Till], Callable[[], None]]] = []


def open_till(args: argparse.Namespace) -> Till:
    return Till.open(args.data_dir)


def one_member(till: Till, query: str) -> MemberView:
    """Exactly one member for a card code, phone, name or member id; otherwise say why."""
    from kiosk.ids import is_uuid

    if is_uuid(query):
        return till.member(query)
    found = till.find(query)
    if not found:
        raise NotFound(f"No member matches {query!r}.")
    if len(found) > 1:
        names = ", ".join(f"{m.name} ({m.phone or m.id[:8]})" for m in found[:5])
        raise InvalidInput(f"Several members match {query!r}: {names}. Be more specific.")
    return till.member(found[0].id)


def parse_amount(text: str) -> int:
    """'45', '45.50' or '45,50' kroner → minor units (øre)."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except (InvalidOperation, AttributeError):
        raise InvalidInput(f"{text!r} is not an amount (write 45 or 45.50).") from None
    minor = value * 100
    if minor != minor.to_integral_value() or not value.is_finite():
        raise InvalidInput(f"{text!r} has more than two decimals.")
    return int(minor)


def money(minor: int, currency: str | None = None) -> str:
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    return f"{sign}{whole}.{cents:02d}" + (f" {currency}" if currency else "")


def describe(member: MemberView, currency: str | None = None) -> str:
    """A member as a cashier reads it: one line of who, one of what they hold."""
    who = "(erased)" if member.erased else member.name or "(no name)"
    parts = [f"{member.stamps} stamps", f"{member.points} points"]
    if member.cashback_minor:
        parts.append(f"{money(member.cashback_minor, currency)} cashback")
    if member.tier:
        parts.append(f"tier {member.tier}")
    open_coupons = [c for c in member.coupons if not c.used]
    lines = [f"{who}  [{member.id}]", "  " + ", ".join(parts)]
    for number, c in enumerate(open_coupons, 1):
        lines.append(f"  coupon {number}: {c.title}  [{c.id}]")
    return "\n".join(lines)
