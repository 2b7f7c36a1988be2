"""What the screens ask the core, as plain functions run on the writer thread by ops.

Each takes the Till first and returns plain values; none touches Qt. They use only the
till's front door (identify, panel, stamp, ...), never its database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk import cards
from kiosk.errors import LimitReached
from kiosk.panel import Panel


@dataclass(frozen=True)
class Found:
    """The outcome of a scan or search: a member's panel, or several candidates."""

    panel: Panel | None
    candidates: tuple[Any, ...] = ()
    how: str = "none"
    stamped: Any = None  # the Changes of an auto-stamp, when the scan gave one
    reward_earned: str | None = None  # the reward title this very stamp completed
    note: str | None = None  # why an auto-stamp was not given (the cap), in the core's words


@dataclass(frozen=True)
class Acted:
    """A write's change set with the member's panel as it now stands."""

    changes: Any
    panel: Panel
    reward_earned: str | None = None


def identify(till: Any, text: str, *, scanned: bool = False
             ) -> tuple[Any, tuple[Any, ...], str]:
    """(member or None, candidates, how) through the front door's identify, or older calls."""
    if hasattr(till, "identify"):
        found = till.identify(text, scanned=scanned)
        return found.member, tuple(found.candidates), found.how
    if cards.looks_like_code(text):
        return till.lookup(text), (), "card"
    matches = till.find(text)
    if len(matches) == 1:
        return matches[0], (), "phone" if any(ch.isdigit() for ch in text) else "name"
    return None, tuple(matches), "name" if matches else "none"


def _earned(before: Panel, after: Panel) -> str | None:
    if before.stamps_for_reward is None:
        return None
    goal = before.stamps_for_reward
    if before.stamps < goal <= after.stamps:
        return before.stamp_reward_title
    return None


def find(till: Any, text: str, *, scanned: bool = False, auto_stamp: bool = False) -> Found:
    """Identify a scanned or typed text; with `auto_stamp`, a card scan also gives the stamp.

    The auto-stamp path reads the panel once, after the stamp: the cap is the core's to
    enforce (LimitReached), and "before" is the member identify already read.
    """
    member, candidates, how = identify(till, text, scanned=scanned)
    if member is None:
        return Found(None, candidates, how)
    if not (auto_stamp and how == "card"):
        return Found(till.panel(member.id), (), how)
    try:
        changes = till.stamp(member.id)
    except LimitReached:
        return Found(till.panel(member.id), (), how, note="cap")
    after = till.panel(member.id)
    earned = None
    goal = after.stamps_for_reward
    if goal is not None and member.stamps < goal <= after.stamps:
        earned = after.stamp_reward_title
    return Found(after, (), how, stamped=changes, reward_earned=earned)


def act(till: Any, member_id: str, action: str, **kwargs: Any) -> Acted:
    """Run one cashier action by name (stamp, purchase, redeem, use_coupon, undo...)."""
    before = till.panel(member_id) if action in ("stamp", "purchase") else None
    changes = getattr(till, action)(member_id, **kwargs)
    panel = till.panel(member_id)
    return Acted(changes, panel, _earned(before, panel) if before is not None else None)
