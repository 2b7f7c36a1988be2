"""A member shows up at the till: who it is, their panel, and the visit's stamp, in one go."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk import actions
from kiosk.actions import Context
from kiosk.changes import Changes
from kiosk.errors import LimitReached
from kiosk.identify import Identified, by_phone_or_name, card_member
from kiosk.panel import Panel, member_panel, reward_completed
from kiosk.shops import Org
from kiosk.store import Connection


@dataclass(frozen=True)
class Visit:
    """The till's answer to a scanned or typed text."""

    identified: Identified  # the member (or the candidates of a name) and how they were found
    panel: Panel | None = None  # the member's panel, after the stamp when one was given
    changes: Changes | None = None  # the visit's stamp, when asked for and given
    capped: bool = False  # a stamp was asked for, but today's are already given

    @property
    def reward_earned(self) -> str | None:
        """The reward this very stamp completed, if it did."""
        if self.changes is None or self.changes.event is None or self.panel is None:
            return None
        return reward_completed(self.panel.stamps - self.changes.event.stamps, self.panel)


def visit(conn: Connection, ctx: Context, org: Org, text: str, *, scanned: bool = False,
          stamp: bool = False) -> Visit:
    """Identify the text; for a card with `stamp`, give one stamp within the cap; read the
    panel after. Only a card gets the stamp: a typed name or number is someone to look at."""
    member_id = card_member(conn, org, text, scanned=scanned)
    if member_id is None:
        found = by_phone_or_name(conn, org, text)
        if found.member is None:
            return Visit(found)
        return Visit(found, member_panel(conn, ctx, found.member.id))
    event = None
    capped = False
    if stamp and ctx.program.stamp_card is not None:
        try:
            event = actions.stamp(conn, ctx, member_id)
        except LimitReached:  # raised before anything is written
            capped = True
    panel = member_panel(conn, ctx, member_id)
    return Visit(Identified(panel.member, how="card"), panel,
                 Changes.of_action(event, panel.member) if event is not None else None, capped)
