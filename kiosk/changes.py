"""What a commit changed: the one result shape of every write through the front door.

In the manner of Anki's OpChanges: a screen looks at the change set it hears and refreshes
only what it shows (the member in front of the cashier, the programme, the sync counter).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.ledger import EventRecord
    from kiosk.views import MemberView


@dataclass(frozen=True)
class Changes:
    """The events a commit wrote and what they touched; `pulled` when sync brought them."""

    events: tuple[EventRecord, ...] = ()
    member: MemberView | None = None
    members: frozenset[str] = frozenset()
    program: bool = False
    outbox: bool = False
    pulled: bool = False
    # Events left the outbox because the server confirmed them.
    sent: bool = False
    # A rebuild or a hand-written transaction: any member may have changed.
    all_members: bool = False
    # Small answers some writes give besides the change set.
    code: str | None = None
    count: int = 0
    version: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def of_action(cls, event: EventRecord, member: MemberView) -> Changes:
        """A cashier's action: its one event, and the member as the commit left them."""
        return cls(events=(event,), member=member, members=frozenset({event.member_id}),
                   outbox=True)

    @property
    def event(self) -> EventRecord | None:
        """The first event written (a cashier action writes exactly one)."""
        return self.events[0] if self.events else None

    @property
    def empty(self) -> bool:
        return not (self.events or self.members or self.program or self.outbox
                    or self.all_members)

    def as_dict(self) -> dict[str, Any]:
        """For JSON output: the change set, with the first event under "event"."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["event"] = self.event
        out["members"] = sorted(self.members)
        return out

    def touches(self, member_id: str | None) -> bool:
        """Whether a screen showing this member should refresh."""
        return member_id is not None and (self.all_members or member_id in self.members)
