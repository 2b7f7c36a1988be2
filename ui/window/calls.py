"""What the screens ask the core, as plain functions run on the writer thread by ops.

Each takes the Till first and returns plain values; none touches Qt. They use only the
till's front door (visit, panel, stamp, ...), never its database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.panel import Panel, reward_completed


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


def _earned(before: Panel, after: Panel) -> str | None:
    if before.stamps_for_reward is None:
        return None
    return reward_completed(before.stamps, after)


def find(till: Any, text: str, *, scanned: bool = False, auto_stamp: bool = False) -> Found:
    """Identify a scanned or typed text; with `auto_stamp`, a card scan also gives the stamp.

    One call to the front door's visit: the member, the stamp within the cap (the core's to
    enforce) and the panel after it, in one transaction.
    """
    seen = till.visit(text, scanned=scanned, stamp=auto_stamp)
    found = seen.identified
    if seen.panel is None:
        return Found(None, tuple(found.candidates), found.how)
    return Found(seen.panel, (), found.how, stamped=seen.changes,
                 reward_earned=seen.reward_earned, note="cap" if seen.capped else None)


def act(till: Any, member_id: str, action: str, **kwargs: Any) -> Acted:
    """Run one cashier action by name (stamp, purchase, redeem, use_coupon, undo...)."""
    before = till.panel(member_id) if action in ("stamp", "purchase") else None
    changes = getattr(till, action)(member_id, **kwargs)
    panel = till.panel(member_id)
    return Acted(changes, panel, _earned(before, panel) if before is not None else None)
