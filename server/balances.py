"""Balances as the server sees them: sums of the events carried, never recomputed by rules."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, text

from kiosk import ledger, reversals
from sync.protocol import Conflict, MemberBalance

_CHUNK = 500
# Two offline tills may undo the same action; only one reversal of it counts, by the rule
# every till and report uses (kiosk.reversals), among the organisation's own reversals.
_ONCE = " AND " + reversals.counts_sql("e")
_SUMS = text(
    "SELECT member_id, sum(stamps), sum(points), sum(cashback_minor) FROM event e"
    " WHERE org_id = :org AND member_id IN :ids" + _ONCE + " GROUP BY member_id"
).bindparams(bindparam("ids", expanding=True))
_NEGATIVE = text(
    "SELECT member_id, sum(stamps), sum(points), sum(cashback_minor) FROM event e"
    " WHERE org_id = :org AND member_id IS NOT NULL" + _ONCE + " GROUP BY member_id"
    " HAVING sum(stamps) < 0 OR sum(points) < 0 OR sum(cashback_minor) < 0"
    " ORDER BY member_id"
)
_SPENDING = text(
    "SELECT id, member_id, kind, stamps, points, cashback_minor, reverses FROM event"
    " WHERE org_id = :org AND member_id IN :ids AND kind IN :kinds ORDER BY ts, id"
).bindparams(bindparam("ids", expanding=True), bindparam("kinds", expanding=True))
_SPEND_KINDS = [ledger.REDEEM, ledger.CASHBACK_SPENT, ledger.REVERSAL]


def sums(conn: Connection, *, org_id: str, member_ids: Sequence[str]
         ) -> dict[str, MemberBalance]:
    """Stamps, points and cashback per member of the organisation (members with events)."""
    out: dict[str, MemberBalance] = {}
    ids = list(dict.fromkeys(member_ids))
    for start in range(0, len(ids), _CHUNK):
        rows = conn.execute(_SUMS, {"org": org_id, "ids": ids[start : start + _CHUNK]})
        for member_id, stamps, points, cashback in rows:
            out[member_id] = MemberBalance(member_id=member_id, stamps=int(stamps),
                                           points=int(points), cashback_minor=int(cashback))
    return out


def check(conn: Connection, *, org_id: str, balances: Sequence[MemberBalance]
          ) -> list[MemberBalance]:
    """The server's figures for the members whose till balance differs from them."""
    server = sums(conn, org_id=org_id, member_ids=[b.member_id for b in balances])
    mismatched: dict[str, MemberBalance] = {}
    for till in balances:
        ours = server.get(till.member_id) or MemberBalance(
            member_id=till.member_id, stamps=0, points=0, cashback_minor=0)
        if (ours.stamps, ours.points, ours.cashback_minor) != (
                till.stamps, till.points, till.cashback_minor):
            mismatched[till.member_id] = ours
    return list(mismatched.values())


def conflicts(conn: Connection, *, org_id: str) -> list[Conflict]:
    """Members whose stamps, points or cashback sum below zero, with the spending behind it.

    Two tills offline can both redeem the same last reward; both events stand. The events
    listed are the unreversed redemptions that took away what is now negative.
    """
    negative = [(m, int(s), int(p), int(c))
                for m, s, p, c in conn.execute(_NEGATIVE, {"org": org_id})]
    spending: dict[str, list[tuple[str, int, int, int]]] = {}
    reversed_ids: set[str] = set()
    ids = [n[0] for n in negative]
    for start in range(0, len(ids), _CHUNK):
        rows = conn.execute(_SPENDING, {"org": org_id, "ids": ids[start : start + _CHUNK],
                                        "kinds": _SPEND_KINDS})
        for event_id, member_id, kind, stamps, points, cashback, reverses in rows:
            if kind == ledger.REVERSAL:
                if reverses:
                    reversed_ids.add(reverses)
                continue
            spending.setdefault(member_id, []).append((event_id, stamps, points, cashback))
    out = []
    for member_id, stamps, points, cashback in negative:
        events = [
            event_id for event_id, s, p, c in spending.get(member_id, [])
            if event_id not in reversed_ids
            and ((stamps < 0 and s < 0) or (points < 0 and p < 0) or (cashback < 0 and c < 0))
        ]
        out.append(Conflict(member_id=member_id, stamps=stamps, points=points,
                            cashback_minor=cashback, events=events))
    return out
