"""Which reversal of an action counts: one rule for every till, the server and every report.

Two offline tills may undo the same action. Both reversal events stand (events are facts),
but only one of them takes effect: the one with the lowest event id, among reversals of the
same organisation. Ids are UUIDv7, so that is the earliest minted, and every till and the
server pick the same one whatever order the events arrive in. A till keeps the winner in its
`reversed` table (kiosk.ledger); the server and the reports ask `COUNTS_SQL`.
"""

from __future__ import annotations

from collections.abc import Iterable


def winner(reversal_ids: Iterable[str]) -> str:
    """The reversal that counts among those of one action."""
    return min(reversal_ids)


def counts_sql(alias: str = "e") -> str:
    """A SQL condition true for an event that is not a reversal outranked by another one.

    Portable (SQLite and PostgreSQL); `alias` names the event row being tested.
    """
    return (f"NOT ({alias}.reverses IS NOT NULL AND EXISTS (SELECT 1 FROM event d"
            f" WHERE d.reverses = {alias}.reverses AND d.org_id = {alias}.org_id"
            f" AND d.id < {alias}.id))")
