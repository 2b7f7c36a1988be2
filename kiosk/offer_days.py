"""The offers' days, kept by the ledger's fold so the reward-response analysis reads one table.

A row of `offer_day` is one coupon issue or one standing (unreversed) redemption of a member
(a reward redeemed, a coupon used), with the till's local day it happened on (member_day's
days) and, for a redemption, the member's next visit day after it at the same shop
(`next_shop_day`) and anywhere in the organisation (`next_org_day`), from member_day. "Did
the redeemer come back within 30 days" is then a comparison on the row, instead of a probe of
member_day per redemption at every question.

`offer` names what was offered: 'reward:<reward id>' for a redemption, 'coupon:<kind>' for an
issue (its payload's kind); a coupon use takes the kind of its issue when asked.

Kept in the ledger's transaction by `fold` (after kiosk.visits' own fold of the same event, so
member_day already holds the event's day), in any order of events, and rebuilt set-based by
`rebuild`. The reversal rule is the reports' one: an event is reversed when an event of the
same organisation names it in `reverses`; a coupon issue counts whether reversed or not, as in
the analyses' fold of the events (kiosk.analytics).
"""

from __future__ import annotations

from typing import Any

from kiosk import event_kinds as kinds
from kiosk import ledger
from kiosk.store import Connection, sql
from kiosk.visits import DAY_US, ORG_WIDE, day_number, local_date, local_day_sql, till_tz

REDEMPTIONS = (kinds.REDEEM, kinds.COUPON_USED)
_REDEMPTION_LIST = f"'{kinds.REDEEM}', '{kinds.COUPON_USED}'"
_REVERSED = "SELECT 1 FROM event WHERE reverses = ? AND org_id = ? LIMIT 1"
_TARGET = "SELECT member_id, shop_id, ts, kind FROM event WHERE id = ? AND org_id = ?"
# The member's first visit day after the row's, in one scope: the shop's rows or ORG_WIDE's.
_ORG = f"'{ORG_WIDE}'"
_NEXT = ("(SELECT min(d.day) FROM member_day d WHERE d.org_id = {t}.org_id"
         " AND d.shop_id = {scope} AND d.member_id = {t}.member_id AND d.day > {t}.day)")
_COLUMNS = ("(event_id, org_id, shop_id, member_id, day, kind, offer, coupon_id,"
            " next_shop_day, next_org_day)")
_INSERT_ISSUE = (f"INSERT OR IGNORE INTO offer_day {_COLUMNS}"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)")
_INSERT_REDEMPTION = f"""
INSERT OR IGNORE INTO offer_day {_COLUMNS}
SELECT t.*, {_NEXT.format(t="t", scope="t.shop_id")}, {_NEXT.format(t="t", scope=_ORG)}
FROM (SELECT ? AS event_id, ? AS org_id, ? AS shop_id, ? AS member_id, ? AS day, ? AS kind,
             ? AS offer, ? AS coupon_id) t"""
# A visit of the member on day ?3 at shop ?4 came: only redemptions before it whose next
# visit (at that shop, or anywhere) is unknown or later can have it as their next visit now;
# the others are not written at all (an unchanged row rewritten is a page for the WAL).
_FOLLOW = f"""
UPDATE offer_day SET next_shop_day = {_NEXT.format(t="offer_day", scope="offer_day.shop_id")},
                     next_org_day = {_NEXT.format(t="offer_day", scope=_ORG)}
WHERE member_id = ?1 AND org_id = ?2 AND kind IN ({_REDEMPTION_LIST}) AND day < ?3
  AND {{}}"""
_CAME = _FOLLOW.format("(next_org_day IS NULL OR next_org_day > ?3 OR (shop_id = ?4"
                       " AND (next_shop_day IS NULL OR next_shop_day > ?3)))")
# ... or went (undone): only those whose next visit was on that day.
_WENT = _FOLLOW.format("(next_org_day = ?3 OR (shop_id = ?4 AND next_shop_day = ?3))")


def fold(conn: Connection, e: ledger.EventRecord, *, local: bool = False) -> None:
    """Keep offer_day right after one event was stored and kiosk.visits folded it.

    `local`: the event was just written here, so nothing can have reversed it yet."""
    if e.kind == kinds.COUPON_ISSUED and e.coupon_id is not None:
        _insert(conn, _INSERT_ISSUE, e, f"coupon:{e.data['coupon_kind']}", _day(conn, e.ts))
    elif e.kind == kinds.REVERSAL and e.reverses is not None:
        # Only a reversal of the same organisation counts (another tenant's changes nothing).
        target = sql(conn, _TARGET, (e.reverses, e.org_id)).fetchone()
        if target is None or target[0] is None:
            return
        member_id, shop_id, ts, kind = target
        if kind in REDEMPTIONS:
            sql(conn, "DELETE FROM offer_day WHERE event_id = ?", (e.reverses,))
        if kind in ledger.VISIT_KINDS:
            sql(conn, _WENT, (member_id, e.org_id, _day(conn, ts), shop_id))
    elif e.kind in ledger.VISIT_KINDS and e.member_id is not None:
        day = _day(conn, e.ts)
        # A reversal pulled before its target already took this redemption back.
        if e.kind in REDEMPTIONS and (
                local or sql(conn, _REVERSED, (e.id, e.org_id)).fetchone() is None):
            offer = f"reward:{e.reward_id or ''}" if e.kind == kinds.REDEEM else None
            _insert(conn, _INSERT_REDEMPTION, e, offer, day)
        # kiosk.visits has already put this visit into member_day.
        sql(conn, _CAME, (e.member_id, e.org_id, day, e.shop_id))


def _day(conn: Connection, ts: int) -> int:
    return day_number(local_date(ts, till_tz(conn)))


def _insert(conn: Connection, statement: str, e: ledger.EventRecord, offer: str | None,
            day: int) -> None:
    sql(conn, statement, (e.id, e.org_id, e.shop_id, e.member_id, day, e.kind, offer,
                          e.coupon_id))


def rebuild(conn: Connection) -> int:
    """Recompute offer_day from the events and member_day (set-based); returns its rows."""
    from sqlalchemy import text  # a rebuild, rare: kept off every command's imports

    conn.execute(text("DELETE FROM offer_day"))
    lo, hi = conn.execute(text("SELECT min(ts), max(ts) FROM event")).one()
    if lo is None:
        return 0
    day, params = local_day_sql("e.ts", till_tz(conn), int(lo) - DAY_US, int(hi) + DAY_US,
                                "r")
    params |= {"redeem": kinds.REDEEM, "used": kinds.COUPON_USED,
               "issued": kinds.COUPON_ISSUED}
    conn.execute(text(f"""
        INSERT INTO offer_day (event_id, org_id, shop_id, member_id, day, kind, offer,
                               coupon_id)
        SELECT e.id, e.org_id, e.shop_id, e.member_id, {day}, e.kind,
               CASE e.kind WHEN :redeem THEN 'reward:' || coalesce(e.reward_id, '')
                           WHEN :issued THEN 'coupon:' || json_extract(e.payload,
                                                                       '$.coupon_kind')
               END,
               e.coupon_id
        FROM event e
        WHERE (e.kind IN (:redeem, :used) AND e.member_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM event r
                               WHERE r.reverses = e.id AND r.org_id = e.org_id))
           OR (e.kind = :issued AND e.coupon_id IS NOT NULL)"""), params)
    conn.execute(text(f"""
        UPDATE offer_day
        SET next_shop_day = {_NEXT.format(t="offer_day", scope="offer_day.shop_id")},
            next_org_day = {_NEXT.format(t="offer_day", scope=_ORG)}
        WHERE kind IN ({_REDEMPTION_LIST})"""))
    return int(conn.execute(text("SELECT count(*) FROM offer_day")).scalar_one())


def snapshot(conn: Connection) -> list[tuple[Any, ...]]:
    """offer_day's rows, keyed by event id, for comparing a cache with a rebuild."""
    return [tuple(r) for r in sql(conn,
        "SELECT event_id, org_id, shop_id, member_id, day, kind, offer, coupon_id,"
        " next_shop_day, next_org_day FROM offer_day ORDER BY event_id").fetchall()]
