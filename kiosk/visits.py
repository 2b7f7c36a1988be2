"""Each member's visit days, kept by the ledger's fold so reports need not regroup the events.

A row of `member_day` says: this member made at least one standing (unreversed) visit on this
local day, at this shop (`shop_id`) or anywhere in the organisation (`shop_id` = ORG_WIDE, so a
member at two shops on one day is one organisation visit). Each row also carries the member's
previous visit day in the same scope (`prev_day`), the calendar month (`month`, year * 12 +
month - 1) and whether it is the member's first visit of that month (`new_month`). With those,
"distinct members in a window" is a plain range count (rows in the window whose previous visit
is before it) and a cohort table counts one row per member and month, with no GROUP BY sort.

Days are local days in the till's own shop's time zone (Europe/Oslo before the till is set
up): `day` is the number of days since 1970-01-01 of the event's local date. A report asked in
another time zone reads the events instead (`table_tz`).

Kept in the ledger's transaction by `fold` (called from `ledger.apply` for every event, local,
pulled or rebuilt, in any order) and rebuilt set-based from the events alone by `rebuild`.
The reversal rule is the reports' one: an event is reversed when an event of the same
organisation names it in `reverses`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from kiosk import ledger
from kiosk.clock import from_micros
from kiosk.days import day_bounds
from kiosk.store import Connection, sql

ORG_WIDE = ""
DEFAULT_TZ = "Europe/Oslo"
DAY_US = 86_400_000_000
_EPOCH = date(1970, 1, 1)
_EPOCH_ORDINAL = _EPOCH.toordinal()

_TILL_TZ = ("SELECT timezone FROM shop WHERE id ="
            " (SELECT value FROM setting WHERE key = 'shop_id')")
_REVERSED = "SELECT 1 FROM event WHERE reverses = ? AND org_id = ? LIMIT 1"
_TARGET = "SELECT member_id, shop_id, ts, kind FROM event WHERE id = ? AND org_id = ?"
_SAME = "org_id = ? AND shop_id = ? AND member_id = ?"
# The previous visit's day, and whether this row starts a month, come from the rows before it.
_INSERT = f"""
INSERT OR IGNORE INTO member_day (org_id, shop_id, member_id, day, month, prev_day, new_month)
VALUES (?, ?, ?, ?, ?,
        (SELECT max(day) FROM member_day WHERE {_SAME} AND day < ?),
        CASE WHEN (SELECT month FROM member_day WHERE {_SAME} AND day < ?
                   ORDER BY day DESC LIMIT 1) = ? THEN 0 ELSE 1 END)"""
# Re-link the member's first row after `day` to whatever now comes before it.
_RELINK_NEXT = f"""
UPDATE member_day SET
  prev_day = (SELECT max(p.day) FROM member_day p
              WHERE p.org_id = member_day.org_id AND p.shop_id = member_day.shop_id
                AND p.member_id = member_day.member_id AND p.day < member_day.day),
  new_month = CASE WHEN (SELECT p.month FROM member_day p
                         WHERE p.org_id = member_day.org_id AND p.shop_id = member_day.shop_id
                           AND p.member_id = member_day.member_id AND p.day < member_day.day
                         ORDER BY p.day DESC LIMIT 1) = member_day.month THEN 0 ELSE 1 END
WHERE {_SAME} AND day = (SELECT min(day) FROM member_day WHERE {_SAME} AND day > ?)"""
_DELETE = f"DELETE FROM member_day WHERE {_SAME} AND day = ?"


def _visit_kinds() -> tuple[str, ...]:
    return tuple(sorted(ledger.VISIT_KINDS))


def _standing_sql(by_shop: bool) -> str:
    kinds = _visit_kinds()
    shop = " AND e.shop_id = ?" if by_shop else ""
    return (f"SELECT 1 FROM event e WHERE e.member_id = ? AND e.ts >= ? AND e.ts < ?"
            f" AND e.org_id = ?{shop} AND e.kind IN ({', '.join('?' * len(kinds))})"
            " AND NOT EXISTS (SELECT 1 FROM event r"
            " WHERE r.reverses = e.id AND r.org_id = e.org_id) LIMIT 1")


def day_number(day: date) -> int:
    """Days since 1970-01-01: how `member_day.day` stores a local date."""
    return day.toordinal() - _EPOCH_ORDINAL


def day_of_number(n: int) -> date:
    return date.fromordinal(n + _EPOCH_ORDINAL)


def month_number(day: date) -> int:
    """year * 12 + month - 1: how `member_day.month` stores a calendar month."""
    return day.year * 12 + day.month - 1


def month_start(month: int) -> date:
    return date(month // 12, month % 12 + 1, 1)


def local_date(ts: int, tz: ZoneInfo) -> date:
    return from_micros(ts).astimezone(tz).date()


def till_tz(conn: Connection) -> ZoneInfo:
    """The time zone member_day's days are kept in: the till's own shop's."""
    row = sql(conn, _TILL_TZ).fetchone()
    return ZoneInfo(row[0] if row and row[0] else DEFAULT_TZ)


def fold(conn: Connection, e: ledger.EventRecord, *, local: bool = False) -> None:
    """Keep member_day right after one event was stored (the ledger's transaction).

    `local`: the event was just written here, so nothing can have reversed it yet.
    """
    if e.kind in ledger.VISIT_KINDS:
        if e.member_id is None:
            return
        # A reversal pulled before its target already took this event back.
        if not local and sql(conn, _REVERSED, (e.id, e.org_id)).fetchone() is not None:
            return
        _add(conn, e.org_id, e.shop_id, e.member_id, local_date(e.ts, till_tz(conn)))
    elif e.kind == ledger.REVERSAL and e.reverses is not None:
        # Only a reversal of the same organisation counts (another tenant's changes nothing).
        target = sql(conn, _TARGET, (e.reverses, e.org_id)).fetchone()
        if target is None or target[0] is None or target[3] not in ledger.VISIT_KINDS:
            return
        member_id, shop_id, ts, _kind = target
        _drop_if_empty(conn, e.org_id, shop_id, member_id, local_date(ts, till_tz(conn)))


def _scopes(shop_id: str | None) -> tuple[str, ...]:
    return (shop_id, ORG_WIDE) if shop_id else (ORG_WIDE,)


def _add(conn: Connection, org_id: str, shop_id: str | None, member_id: str, day: date) -> None:
    n, month = day_number(day), month_number(day)
    for scope in _scopes(shop_id):
        key = (org_id, scope, member_id)
        if sql(conn, _INSERT, (*key, n, month, *key, n, *key, n, month)).rowcount:
            sql(conn, _RELINK_NEXT, (*key, *key, n))


def _drop_if_empty(conn: Connection, org_id: str, shop_id: str | None, member_id: str,
                   day: date) -> None:
    lo, hi = day_bounds(day, till_tz(conn))
    n = day_number(day)
    kinds = _visit_kinds()
    for scope in _scopes(shop_id):
        by_shop = scope != ORG_WIDE
        args = (member_id, lo, hi, org_id, *((scope,) if by_shop else ()), *kinds)
        if sql(conn, _standing_sql(by_shop), args).fetchone() is not None:
            continue
        key = (org_id, scope, member_id)
        if sql(conn, _DELETE, (*key, n)).rowcount:
            sql(conn, _RELINK_NEXT, (*key, *key, n))


# --- Set-based rebuild --------------------------------------------------------------------


def offset_transitions(tz: ZoneInfo, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """The UTC offsets (micros) in force over [lo, hi) and the instants they change at:
    (changes, offsets) with len(offsets) == len(changes) + 1."""
    def offset(ts: int) -> int:
        delta = from_micros(ts).astimezone(tz).utcoffset() or timedelta(0)
        return (delta.days * 86_400 + delta.seconds) * 1_000_000

    changes: list[int] = []
    offsets = [offset(lo)]
    step = 6 * 3_600_000_000  # no zone changes its offset twice within six hours
    at = lo
    while at < hi:
        nxt = min(at + step, hi)
        if offset(nxt) != offsets[-1]:
            a, b = at, nxt  # offset(a) is the old one, offset(b) the new one
            while b - a > 1:
                mid = (a + b) // 2
                a, b = (mid, b) if offset(mid) == offsets[-1] else (a, mid)
            changes.append(b)
            offsets.append(offset(b))
        at = nxt
    return changes, offsets


def local_day_sql(column: str, tz: ZoneInfo, lo: int, hi: int, name: str
                  ) -> tuple[str, dict[str, int]]:
    """A portable SQL expression for the local day number of a UTC micros column whose values
    lie in [lo, hi): the offset in force, picked by the few clock changes in between, added
    before an integer division (times are positive, so it floors on SQLite and PostgreSQL)."""
    changes, offsets = offset_transitions(tz, lo, hi)
    params = {f"{name}_o{i}": o for i, o in enumerate(offsets)}
    params |= {f"{name}_c{i}": c for i, c in enumerate(changes)}
    params[f"{name}_day"] = DAY_US
    if not changes:
        offset = f":{name}_o0"
    else:
        whens = " ".join(f"WHEN {column} < :{name}_c{i} THEN :{name}_o{i}"
                         for i in range(len(changes)))
        offset = f"CASE {whens} ELSE :{name}_o{len(changes)} END"
    return f"(({column} + {offset}) / :{name}_day)", params


def bisect_sql(column: str, bounds: Sequence[int], values: Sequence[int], name: str
               ) -> tuple[str, dict[str, int]]:
    """values[i] for the i with bounds[i] <= column < bounds[i + 1] (values[0] below bounds[1]),
    as nested CASEs halving the bounds at each level."""
    params = {f"{name}_b{i}": b for i, b in enumerate(bounds)}
    params |= {f"{name}_v{i}": v for i, v in enumerate(values)}

    def split(a: int, b: int) -> str:
        if b - a == 1:
            return f":{name}_v{a}"
        mid = (a + b) // 2
        return f"CASE WHEN {column} < :{name}_b{mid} THEN {split(a, mid)} ELSE {split(mid, b)} END"

    return split(0, len(bounds)), params


def month_sql(day_column: str, first: date, last: date, name: str
              ) -> tuple[str, dict[str, int]]:
    """SQL for the month number of a day-number column whose days lie within first..last."""
    months = list(range(month_number(first), month_number(last) + 1))
    bounds = [day_number(month_start(m)) for m in months]
    return bisect_sql(day_column, bounds, months, name)


def rebuild(conn: Connection) -> int:
    """Recompute member_day from the events alone (set-based); returns its rows."""
    from sqlalchemy import text  # a rebuild, rare: kept off every command's imports

    conn.execute(text("DELETE FROM member_day"))
    lo, hi = conn.execute(text("SELECT min(ts), max(ts) FROM event")).one()
    if lo is None:
        return 0
    tz = till_tz(conn)
    hi = int(hi) + 1
    first = from_micros(int(lo)).astimezone(tz).date()
    last = from_micros(hi).astimezone(tz).date()
    day, params = local_day_sql("e.ts", tz, int(lo) - DAY_US, hi + DAY_US, "r")
    month, month_params = month_sql("d.day", first, last, "m")
    kinds = _visit_kinds()
    params |= month_params | {f"k{i}": k for i, k in enumerate(kinds)}
    params["all"] = ORG_WIDE
    kind_list = ", ".join(f":k{i}" for i in range(len(kinds)))
    conn.execute(text(f"""
        INSERT INTO member_day (org_id, shop_id, member_id, day, month, prev_day, new_month)
        SELECT org_id, shop_id, member_id, day, month,
               lag(day) OVER w,
               CASE WHEN lag(month) OVER w = month THEN 0 ELSE 1 END
        FROM (SELECT d.org_id, d.shop_id, d.member_id, d.day, {month} AS month
              FROM (SELECT e.org_id, e.shop_id, e.member_id, {day} AS day
                    FROM event e
                    WHERE e.kind IN ({kind_list}) AND e.member_id IS NOT NULL
                      AND e.shop_id IS NOT NULL AND e.shop_id != :all
                      AND NOT EXISTS (SELECT 1 FROM event r
                                      WHERE r.reverses = e.id AND r.org_id = e.org_id)
                    UNION
                    SELECT e.org_id, :all, e.member_id, {day} AS day
                    FROM event e
                    WHERE e.kind IN ({kind_list}) AND e.member_id IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM event r
                                      WHERE r.reverses = e.id AND r.org_id = e.org_id)) d) x
        WINDOW w AS (PARTITION BY org_id, shop_id, member_id ORDER BY day)"""), params)
    return int(conn.execute(text("SELECT count(*) FROM member_day")).scalar_one())


def rebuild_member(conn: Connection, member_id: str) -> None:
    """Recompute one member's rows from their events (after ledger.rebuild_member)."""
    sql(conn, "DELETE FROM member_day WHERE member_id = ?", (member_id,))
    for row in sql(conn, f"SELECT {', '.join(ledger.COLUMNS)} FROM event WHERE member_id = ?",
                   (member_id,)).fetchall():
        e = ledger.EventRecord.from_row(row)
        if e.kind in ledger.VISIT_KINDS:
            fold(conn, e)


def snapshot(conn: Connection) -> list[tuple[Any, ...]]:
    """member_day's rows, keyed first by one string, for comparing a cache with a rebuild."""
    return [(f"{r[0]}/{r[1]}/{r[2]}/{r[3]}", *r) for r in sql(conn,
        "SELECT org_id, shop_id, member_id, day, month, prev_day, new_month FROM member_day"
        " ORDER BY org_id, shop_id, member_id, day").fetchall()]

