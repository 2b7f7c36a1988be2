"""The audit trail's read: the till's newest events and the names of their members.

An erased member keeps their events (the accounting facts) but no name: they are listed as
erased, and nothing personal of theirs is read, whatever a row may still hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk import ledger
from kiosk.store import sql

if TYPE_CHECKING:
    from kiosk.store import Connection

_CHUNK = 500  # ids per IN list, well under SQLite's limit on parameters


@dataclass(frozen=True)
class AuditTrail:
    """The newest events, oldest first, with who their members are."""

    events: list[ledger.EventRecord]
    names: dict[str, str]  # member id -> name, for members with a name and not erased
    erased: frozenset[str]  # member ids whose personal data was erased

    def member_name(self, member_id: str | None) -> str | None:
        """The member's name; None for no member, an erased one or one without a name."""
        return None if member_id is None else self.names.get(member_id)


def audit_trail(conn: Connection, limit: int) -> AuditTrail:
    """The till's `limit` newest events and their members' names (erased ones named not)."""
    events = ledger.newest(conn, limit)
    ids = sorted({e.member_id for e in events if e.member_id is not None})
    names: dict[str, str] = {}
    erased: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        # The name is read only where no erasure is recorded.
        for member_id, name, is_erased in sql(conn,
                f"SELECT id, CASE WHEN erased_at IS NULL THEN name END, erased_at IS NOT NULL"
                f" FROM member WHERE id IN ({', '.join('?' * len(chunk))})", chunk):
            if is_erased:
                erased.add(member_id)
            elif name:
                names[member_id] = name
    return AuditTrail(events, names, frozenset(erased))
