"""Pull: an organisation's events after a cursor, in server order, a page at a time."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from kiosk import ledger

_FIELDS = (*ledger.COLUMNS, "server_seq")
_SELECT = f"SELECT {', '.join(_FIELDS)} FROM event"
_ORG_PAGE = text(
    f"{_SELECT} WHERE org_id = :org AND server_seq > :after ORDER BY server_seq LIMIT :n")
_MEMBER_PAGE = text(
    f"{_SELECT} WHERE org_id = :org AND member_id = :member AND server_seq > :after"
    " ORDER BY server_seq LIMIT :n")


def _page(rows: list[Any], after: int, limit: int) -> dict[str, Any]:
    more = len(rows) > limit
    events = [dict(zip(_FIELDS, row, strict=True)) for row in rows[:limit]]
    return {
        "events": events,
        "cursor": events[-1]["server_seq"] if events else after,
        "more": more,
    }


def pull(conn: Connection, *, org_id: str, after: int, limit: int) -> dict[str, Any]:
    """A PullResponse as plain data: events with server_seq > after, at most `limit`."""
    rows = conn.execute(_ORG_PAGE, {"org": org_id, "after": after, "n": limit + 1}).all()
    return _page(rows, after, limit)


def member_events(conn: Connection, *, org_id: str, member_id: str, after: int, limit: int
                  ) -> dict[str, Any]:
    """One member's events in the organisation, for a till repairing that member."""
    rows = conn.execute(_MEMBER_PAGE, {"org": org_id, "member": member_id, "after": after,
                                       "n": limit + 1}).all()
    return _page(rows, after, limit)
