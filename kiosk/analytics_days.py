"""The manager's analyses counted set-based from the till's visit days (kiosk.visits).

Each function answers the same question as its namesake in kiosk.analytics, as plain
counts, from the `member_day` and `offer_day` tables kept in the ledger's transaction (kiosk.
visits, kiosk.offer_days), plus the few event rows they do not hold (registrations, purchase
amounts). Callers use them only
where `kiosk.reports.visit_days_usable` says the table can answer: a till's SQLite file whose
days are kept in the asked time zone. The SQL is SQLite's (json_extract); local days and
months of event times are bucketed by comparisons with boundaries computed in Python, as the
reports do, so no row is converted in Python.

A standing event is one no event of the same organisation names in `reverses`
(kiosk.reports' rule); member_day holds standing visits only.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, text

from kiosk import ledger
from kiosk.days import day_bounds
from kiosk.visits import ORG_WIDE, bisect_sql, day_number, month_number, month_start

_STANDING = ("NOT EXISTS (SELECT 1 FROM event r WHERE r.reverses = e.id"
             " AND r.org_id = e.org_id)")
# The WHERE of the partial index ix_event_offers (migration 0009), word for word: SQLite uses
# a partial index only for a query that states its condition.
OFFER_KINDS = (ledger.MEMBER_REGISTERED, ledger.COUPON_ISSUED, ledger.REDEEM,
               ledger.COUPON_USED)
OFFERS_WHERE = f"kind IN ({', '.join(repr(k) for k in OFFER_KINDS)})"


def _scope(org_id: str, shop_id: str | None, *, by_kind: bool = False
           ) -> tuple[str, dict[str, Any]]:
    """The events' scope filter and the parameters it and member_day's scope take.

    `by_kind`: the scan is to walk a partial index of one kind of event by (org_id, ts), so
    the shop is tested as an expression no index serves (a till's SQLite has no statistics,
    and would otherwise walk the shop's every event by (org_id, shop_id, ts) instead)."""
    params: dict[str, Any] = {"org_id": org_id, "scope": shop_id or ORG_WIDE}
    if shop_id is None:
        return "e.org_id = :org_id", params
    shop = "e.shop_id || ''" if by_kind else "e.shop_id"
    return f"e.org_id = :org_id AND {shop} = :shop_id", params | {"shop_id": shop_id}


def weeks(conn: Connection, *, org_id: str, shop_id: str | None, first: date, weeks: int,
          tz: ZoneInfo) -> list[list[int]]:
    """[visits, member revenue, repeat visits] for each seven-day block from `first`.

    A visit is one member_day row; it repeats when the row has a previous visit day in scope
    (at any time before). Revenue sums the standing purchases of members in the blocks."""
    where, params = _scope(org_id, shop_id)
    d0 = day_number(first)
    out = [[0, 0, 0] for _ in range(weeks)]
    for w, visits, repeats in conn.execute(text("""
            SELECT (day - :d0) / 7, count(*),
                   coalesce(sum(CASE WHEN prev_day IS NOT NULL THEN 1 ELSE 0 END), 0)
            FROM member_day
            WHERE org_id = :org_id AND shop_id = :scope AND day >= :d0 AND day <= :d1
            GROUP BY 1"""), {**params, "d0": d0, "d1": d0 + 7 * weeks - 1}):
        out[int(w)][0], out[int(w)][2] = int(visits), int(repeats)
    starts = [day_bounds(first + timedelta(days=7 * i), tz)[0] for i in range(weeks)]
    week_of, week_params = bisect_sql("e.ts", starts, range(weeks), "w")
    for w, revenue in conn.execute(text(f"""
            SELECT {week_of}, sum(e.amount_minor) FROM event e
            WHERE {where} AND e.ts >= :lo AND e.ts < :hi AND e.kind = :purchase
              AND e.member_id IS NOT NULL AND {_STANDING}
            GROUP BY 1"""), {**params, **week_params, "purchase": ledger.PURCHASE,
                             "lo": starts[0],
                             "hi": day_bounds(first + timedelta(days=7 * weeks - 1), tz)[1]}):
        out[int(w)][1] = int(revenue or 0)
    return out


def cohorts(conn: Connection, *, org_id: str, shop_id: str | None, first: date, last: date,
            tz: ZoneInfo) -> tuple[dict[int, int], dict[tuple[int, int], int]]:
    """(members per joining month, members per (joining month, later month) who visited).

    A member joins in the month of their first standing registration in scope from the month
    of `first` to the end of `last`; a later month counts when it holds one of their visits
    in scope up to `last`: its first visit (`new_month`) is on or before `last`.
    """
    where, params = _scope(org_id, shop_id, by_kind=True)
    months = list(range(month_number(first), month_number(last) + 1))
    starts = [day_bounds(month_start(m), tz)[0] for m in months]
    month_of, month_params = bisect_sql("j.ts", starts, months, "m")
    params |= month_params | {"lo": starts[0], "hi": day_bounds(last, tz)[1],
                              "last_day": day_number(last)}
    # One statement: SQLite keeps the joined members (used twice) in a table of its own.
    # Each joined member's later months are read from member_day's months index alone.
    sizes: dict[int, int] = {}
    returned: dict[tuple[int, int], int] = {}
    for month, later, n in conn.execute(text(f"""
            WITH j AS (SELECT e.member_id AS member_id, min(e.ts) AS ts FROM event e
                       WHERE e.{OFFERS_WHERE} AND e.kind = '{ledger.MEMBER_REGISTERED}'
                         AND {where}
                         AND e.ts >= :lo AND e.ts < :hi AND e.member_id IS NOT NULL
                         AND {_STANDING}
                       GROUP BY e.member_id),
                 m AS (SELECT j.member_id AS member_id, {month_of} AS month FROM j)
            SELECT month, NULL, count(*) FROM m GROUP BY month
            UNION ALL
            SELECT m.month, d.month, count(*) FROM m CROSS JOIN member_day d
            WHERE d.org_id = :org_id AND d.shop_id = :scope AND d.member_id = m.member_id
              AND d.new_month = 1 AND d.month > m.month AND d.day <= :last_day
            GROUP BY m.month, d.month"""), params):
        if later is None:
            sizes[int(month)] = int(n)
        else:
            returned[(int(month), int(later))] = int(n)
    return sizes, returned


def reward_response(conn: Connection, *, org_id: str, shop_id: str | None, first: date,
                    last: date, tz: ZoneInfo, return_days: int
                    ) -> dict[str, list[int | None]]:
    """offer -> [issued (coupons only), redeemed, redeemers, redeemers who came back].

    Read from offer_day (kiosk.offer_days) alone. Coupons count when issued in scope and
    range, each under its issue's kind; a coupon use counts under that kind when its coupon
    was issued in scope and range. A redeemer came back when their next visit in scope after
    a redemption (the row's next day, from member_day) is within `return_days` days."""
    del tz  # offer_day's days are the till's (kiosk.reports.visit_days_usable checked it)
    params: dict[str, Any] = {"org_id": org_id, "shop_id": shop_id, "d0": day_number(first),
                              "d1": day_number(last), "back": return_days,
                              "redeem": ledger.REDEEM, "used": ledger.COUPON_USED,
                              "issued": ledger.COUPON_ISSUED}
    nxt = "u.next_shop_day" if shop_id is not None else "u.next_org_day"

    def scope(t: str) -> str:
        shop = f" AND {t}.shop_id = :shop_id" if shop_id is not None else ""
        return f"{t}.org_id = :org_id AND {t}.day >= :d0 AND {t}.day <= :d1{shop}"

    out: dict[str, list[int | None]] = {}
    for offer, issued_n, redeemed, redeemers, back in conn.execute(text(f"""
            WITH o AS (SELECT u.offer AS offer, u.member_id AS member_id, u.day AS day,
                              {nxt} AS next_day
                       FROM offer_day u WHERE u.kind = :redeem AND {scope("u")}
                       UNION ALL
                       SELECT (SELECT i.offer FROM offer_day i
                               WHERE i.coupon_id = u.coupon_id AND i.kind = :issued
                                 AND {scope("i")} LIMIT 1),
                              u.member_id, u.day, {nxt}
                       FROM offer_day u WHERE u.kind = :used AND {scope("u")})
            SELECT u.offer, count(DISTINCT u.coupon_id), 0, 0, 0 FROM offer_day u
            WHERE u.kind = :issued AND {scope("u")} GROUP BY u.offer
            UNION ALL
            SELECT offer, NULL, count(*), count(DISTINCT member_id),
                   count(DISTINCT CASE WHEN next_day <= day + :back THEN member_id END)
            FROM o WHERE offer IS NOT NULL GROUP BY offer"""), params):
        row = out.setdefault(offer, [None, 0, 0, 0])
        if issued_n is not None:
            row[0] = int(issued_n)
        else:
            row[1:] = [int(redeemed), int(redeemers), int(back)]
    return out
