"""The daily summary of a shop or a whole organisation, with the previous period to compare.

Definitions (what each figure counts):

- Days are the shop's local days in `tz`: events are stored with UTC microsecond times, and a
  day runs from one local midnight to the next (`kiosk.days.day_bounds`), so the days on
  which summer time starts and ends have 23 and 25 hours.
- Reversed events do not count, and reversals themselves count for nothing. An event is
  reversed when another event has `reverses` = its id, whenever that reversal was made.
- A visit is one member served on one local day, however many actions it took: a distinct
  (member, local day) among the period's events of the kinds in `ledger.VISIT_KINDS`.
  `unique_members` counts the members with at least one visit.
- `new_members`: member_registered events in the period.
- `stamps_given`: stamps added by stamp and purchase events; `points_earned`: points added
  by them; `points_redeemed`: points spent by redeem events; `rewards_redeemed`: redeem events
  per reward id; `coupons_used`: coupon_used events.
- `member_revenue_minor`: the sum of purchase amounts, in minor units; `currency` is the one
  currency of those purchases, or None when there were none or they were in several.
- `repeat_visit_rate`: the share of the period's visiting members who also visited on an
  earlier local day, before the period (at any time) or within it; 0.0 without visitors.
- `active_members_30` / `active_members_90`: members with a visit in the 30 / 90 local days
  ending on `last`.
- `previous`: the same figures for the period of equal length just before `first`.
- Scope: a shop (`shop_id`) or, with `shop_id=None`, all shops of the organisation. Every
  query also filters on `org_id`, so a report never counts another tenant's rows.

How it stays fast and portable: plain SQL with named parameters that runs unchanged on SQLite
and PostgreSQL (the server calls this on its `event` table). Local days are bucketed by
comparing times with day boundaries computed in Python (a CASE split in halves, so a year
costs nine comparisons a row). Each figure is one scan of a covering index (org, shop, time,
kind, member: `ix_event_org_shop_ts` and `ix_event_org_ts`), and all four active-member
windows (30 and 90 days, this period and the previous) come from ONE pass that groups the
window's visit events by member and keeps each member's latest visit overall and before the
current period. Reversals are never checked row by row in those scans: reversals are few,
so the reversed events of the window are read once through a small partial index of
reversals by time (`ix_event_reversal_ts`), their amounts are subtracted, and the few
members they touch are recounted exactly from their own events and replace what the scans
counted for them. Reversals are searched from a week before the window to a week after it:
undo only works within a programme's undo window (a day at most), so only a till clock off
by days could put a reversal outside that.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, bindparam, text

from kiosk import ledger
from kiosk.days import day_bounds
from kiosk.errors import InvalidInput

MAX_DAYS = 366
ACTIVE_WINDOWS = (30, 90)
# Reversals of the window's events are looked for this far either side of it (see above).
REVERSAL_SLACK_US = 7 * 86_400_000_000
_VISIT_KINDS = tuple(sorted(ledger.VISIT_KINDS))
_TOTAL_KINDS = (ledger.COUPON_USED, ledger.MEMBER_REGISTERED, ledger.PURCHASE, ledger.REDEEM,
                ledger.STAMP)
_EARNING_KINDS = frozenset({ledger.STAMP, ledger.PURCHASE})


@dataclass(frozen=True)
class Summary:
    """A period's figures (see the module docstring for what each one counts)."""

    first: str
    last: str
    visits: int
    unique_members: int
    new_members: int
    stamps_given: int
    points_earned: int
    points_redeemed: int
    rewards_redeemed: dict[str, int]
    coupons_used: int
    member_revenue_minor: int
    currency: str | None
    repeat_visit_rate: float
    active_members_30: int
    active_members_90: int
    previous: Summary | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values; `previous` nested the same way or None."""
        return asdict(self)


@dataclass(frozen=True)
class _Period:
    first: date
    last: date
    starts: tuple[int, ...]  # UTC micros of each local day's start, in order
    end: int
    active_from: tuple[int, ...]  # start of each ACTIVE_WINDOWS window ending on `last`

    @property
    def start(self) -> int:
        return self.starts[0]

    def day_of(self, ts: int) -> int:
        return bisect_right(self.starts, ts) - 1


def _period(first: date, last: date, tz: ZoneInfo) -> _Period:
    days = (last - first).days + 1
    starts = tuple(day_bounds(first + timedelta(days=i), tz)[0] for i in range(days))
    active = tuple(day_bounds(last - timedelta(days=n - 1), tz)[0] for n in ACTIVE_WINDOWS)
    return _Period(first, last, starts, day_bounds(last, tz)[1], active)


def daily_summary(conn: Connection, *, org_id: str, shop_id: str | None, first: date,
                  last: date, tz: ZoneInfo, compare: bool = True) -> Summary:
    """Figures for a shop (or the whole organisation when shop_id is None) over the local days
    first..last, with the previous period of equal length when `compare`."""
    if last < first:
        raise InvalidInput("A report's last day cannot come before its first day.")
    length = (last - first).days + 1
    if length > MAX_DAYS:
        raise InvalidInput(f"A report covers at most {MAX_DAYS} days.")
    current = _period(first, last, tz)
    periods = [current]
    if compare:
        periods.insert(0, _period(first - timedelta(days=length), first - timedelta(days=1), tz))
    q = _Queries(conn, org_id, shop_id)
    reversed_events = q.reversed_events(min(min(p.active_from) for p in periods), current.end)
    touched = sorted({r.member_id for r in reversed_events})
    histories = q.visit_histories(touched, current.end)
    active = q.active_members(periods, current.end)
    out: Summary | None = None
    for i, period in enumerate(periods):
        totals = q.totals(period)
        _subtract_reversed(totals, [r for r in reversed_events
                                    if period.start <= r.ts < period.end])
        visits = q.visits(period)
        for history in histories.values():
            visits.correct(history, period)
            for n, since in enumerate(period.active_from):
                active[i][n] += history.active_in(since, period.end, exact=True) \
                    - history.active_in(since, period.end, exact=False)
        out = _summary(period, totals, visits, active[i], previous=out)
    assert out is not None
    return out


def _summary(period: _Period, totals: _Totals, visits: _Visits, active: list[int],
             previous: Summary | None) -> Summary:
    currencies = sorted(c for c, n in totals.purchases_by_currency.items() if n > 0 and c)
    return Summary(
        first=period.first.isoformat(), last=period.last.isoformat(), visits=visits.visits,
        unique_members=visits.members, new_members=totals.new_members,
        stamps_given=totals.stamps_given, points_earned=totals.points_earned,
        points_redeemed=totals.points_redeemed,
        rewards_redeemed={k: v for k, v in sorted(totals.rewards.items()) if v > 0},
        coupons_used=totals.coupons_used, member_revenue_minor=totals.revenue_minor,
        currency=currencies[0] if len(currencies) == 1 else None,
        repeat_visit_rate=visits.repeat / visits.members if visits.members else 0.0,
        active_members_30=active[0], active_members_90=active[1], previous=previous)


# --- Sums over the period ----------------------------------------------------------------


@dataclass
class _Totals:
    new_members: int = 0
    stamps_given: int = 0
    points_earned: int = 0
    points_redeemed: int = 0
    coupons_used: int = 0
    revenue_minor: int = 0
    rewards: Counter[str] = field(default_factory=Counter)
    purchases_by_currency: Counter[str | None] = field(default_factory=Counter)

    def add(self, kind: str, reward_id: str | None, currency: str | None, count: int,
            stamps_added: int, points_added: int, points_spent: int, amount: int) -> None:
        if kind in _EARNING_KINDS:
            self.stamps_given += stamps_added
            self.points_earned += points_added
        if kind == ledger.PURCHASE:
            self.revenue_minor += amount
            self.purchases_by_currency[currency] += count
        elif kind == ledger.REDEEM:
            self.points_redeemed += points_spent
            self.rewards[reward_id or ""] += count
        elif kind == ledger.COUPON_USED:
            self.coupons_used += count
        elif kind == ledger.MEMBER_REGISTERED:
            self.new_members += count


@dataclass(frozen=True)
class _Reversed:
    """An event that a reversal cancels (only its own fields matter)."""

    member_id: str
    ts: int
    kind: str
    stamps: int
    points: int
    amount_minor: int
    currency: str | None
    reward_id: str | None


def _subtract_reversed(totals: _Totals, events: Iterable[_Reversed]) -> None:
    for e in events:
        totals.add(e.kind, e.reward_id, e.currency, -1, -max(e.stamps, 0), -max(e.points, 0),
                   -max(-e.points, 0), -e.amount_minor)


# --- Visits -------------------------------------------------------------------------------


@dataclass
class _Visits:
    visits: int
    members: int
    repeat: int

    def correct(self, history: _History, period: _Period) -> None:
        """Swap what the scans counted for a member touched by reversals for the exact count."""
        for exact, sign in ((False, -1), (True, 1)):
            days = history.days_in(period, exact=exact)
            if days:
                self.visits += sign * len(days)
                self.members += sign
                self.repeat += sign * (len(days) > 1 or history.visited_before(period.start))


@dataclass
class _History:
    """One member's visit events in scope up to the report's end: (ts, reversed) in order."""

    events: list[tuple[int, bool]] = field(default_factory=list)

    def days_in(self, period: _Period, *, exact: bool) -> set[int]:
        # Not exact: as the scans count, reversed events included.
        return {period.day_of(ts) for ts, rev in self.events
                if period.start <= ts < period.end and not (exact and rev)}

    def visited_before(self, start: int) -> bool:
        return any(ts < start and not rev for ts, rev in self.events)

    def active_in(self, since: int, end: int, *, exact: bool) -> int:
        return int(any(since <= ts < end and not (exact and rev) for ts, rev in self.events))


# --- SQL ----------------------------------------------------------------------------------


def _in_list(prefix: str, values: Sequence[str]) -> tuple[str, dict[str, str]]:
    """":k0, :k1, ..." and their values, for a fixed list of constants such as event kinds."""
    names = [f"{prefix}{i}" for i in range(len(values))]
    return ", ".join(f":{n}" for n in names), dict(zip(names, values, strict=True))


def _day_case(column: str, period: _Period) -> tuple[str, dict[str, int]]:
    """A SQL expression giving the local day index (0..n-1) of `column` within the period:
    nested CASEs that halve the days at each level, on boundaries passed as parameters."""
    params = {f"d{i}": start for i, start in enumerate(period.starts)}

    def split(lo: int, hi: int) -> str:
        if hi - lo == 1:
            return str(lo)
        mid = (lo + hi) // 2
        return f"CASE WHEN {column} < :d{mid} THEN {split(lo, mid)} ELSE {split(mid, hi)} END"

    return split(0, len(period.starts)), params


class _Queries:
    """The report's SQL for one organisation (and shop), portable across SQLite and Postgres."""

    def __init__(self, conn: Connection, org_id: str, shop_id: str | None) -> None:
        self.conn = conn
        self.params: dict[str, Any] = {"org_id": org_id}
        if shop_id is not None:
            self.params["shop_id"] = shop_id
        visit_list, visit_params = _in_list("v", _VISIT_KINDS)
        total_list, total_params = _in_list("t", _TOTAL_KINDS)
        self.params |= visit_params | total_params
        self.visit_kinds = visit_list
        self.total_kinds = total_list

    def scope(self, alias: str) -> str:
        if "shop_id" in self.params:
            return f"{alias}.org_id = :org_id AND {alias}.shop_id = :shop_id"
        return f"{alias}.org_id = :org_id"

    def _run(self, sql: str, params: Mapping[str, Any]) -> Any:
        return self.conn.execute(text(sql), {**self.params, **params})

    def totals(self, period: _Period) -> _Totals:
        rows = self._run(f"""
            SELECT e.kind, e.reward_id, e.currency, count(*),
                   coalesce(sum(CASE WHEN e.stamps > 0 THEN e.stamps ELSE 0 END), 0),
                   coalesce(sum(CASE WHEN e.points > 0 THEN e.points ELSE 0 END), 0),
                   coalesce(sum(CASE WHEN e.points < 0 THEN -e.points ELSE 0 END), 0),
                   coalesce(sum(e.amount_minor), 0)
            FROM event e
            WHERE {self.scope('e')} AND e.ts >= :lo AND e.ts < :hi
              AND e.kind IN ({self.total_kinds})
            GROUP BY e.kind, e.reward_id, e.currency""",
            {"lo": period.start, "hi": period.end})
        totals = _Totals()
        for kind, reward_id, currency, *numbers in rows:
            totals.add(kind, reward_id, currency, *(int(n) for n in numbers))
        return totals

    def visits(self, period: _Period) -> _Visits:
        """Visits, visiting members and repeat visitors as the index scans see them."""
        day_expr, day_params = _day_case("e.ts", period)
        days = "1" if len(period.starts) == 1 else f"count(DISTINCT {day_expr})"
        row = self._run(f"""
            SELECT count(*), coalesce(sum(m.days), 0), coalesce(sum(
                CASE WHEN m.days > 1 THEN 1
                     WHEN EXISTS (
                         SELECT 1 FROM event p
                         WHERE p.member_id = m.member_id AND p.ts < :lo
                           AND p.kind IN ({self.visit_kinds}) AND {self.scope('p')}
                           AND NOT EXISTS (SELECT 1 FROM event r WHERE r.reverses = p.id))
                     THEN 1 ELSE 0 END), 0)
            FROM (SELECT e.member_id, {days} AS days FROM event e
                  WHERE {self.scope('e')} AND e.ts >= :lo AND e.ts < :hi
                    AND e.kind IN ({self.visit_kinds})
                  GROUP BY e.member_id) m""",
            {"lo": period.start, "hi": period.end, **day_params}).one()
        return _Visits(visits=int(row[1]), members=int(row[0]), repeat=int(row[2]))

    def active_members(self, periods: Sequence[_Period], end: int) -> list[list[int]]:
        """Members with a visit in each period's 30- and 90-day windows, in one pass: group
        the visits by member, keeping the latest overall and the latest before each later
        period starts; a member is active in a window when that latest visit falls in it."""
        params: dict[str, Any] = {"lo": min(min(p.active_from) for p in periods), "hi": end}
        latest = []
        counts = []
        for i, period in enumerate(periods):
            if i + 1 < len(periods):
                params[f"before{i}"] = periods[i + 1].start
                latest.append(f"max(CASE WHEN e.ts < :before{i} THEN e.ts END) AS latest{i}")
            else:
                latest.append(f"max(e.ts) AS latest{i}")
            for n, since in enumerate(period.active_from):
                params[f"since{i}_{n}"] = since
                counts.append(
                    f"coalesce(sum(CASE WHEN a.latest{i} >= :since{i}_{n} THEN 1 ELSE 0 END), 0)")
        row = self._run(f"""
            SELECT {', '.join(counts)}
            FROM (SELECT {', '.join(latest)} FROM event e
                  WHERE {self.scope('e')} AND e.ts >= :lo AND e.ts < :hi
                    AND e.kind IN ({self.visit_kinds})
                  GROUP BY e.member_id) a""", params).one()
        values = [int(v) for v in row]
        width = len(ACTIVE_WINDOWS)
        return [values[i * width:(i + 1) * width] for i in range(len(periods))]

    def reversed_events(self, lo: int, hi: int) -> list[_Reversed]:
        """Visit events in [lo, hi) in scope that a reversal cancels."""
        rows = self._run(f"""
            SELECT t.member_id, t.ts, t.kind, t.stamps, t.points, t.amount_minor, t.currency,
                   t.reward_id
            FROM event r JOIN event t ON t.id = r.reverses
            WHERE r.reverses IS NOT NULL AND r.ts >= :rlo AND r.ts < :rhi
              AND t.ts >= :lo AND t.ts < :hi AND {self.scope('t')}
              AND t.kind IN ({self.visit_kinds})""",
            {"lo": lo, "hi": hi, "rlo": lo - REVERSAL_SLACK_US, "rhi": hi + REVERSAL_SLACK_US})
        return [_Reversed(r[0], int(r[1]), r[2], int(r[3]), int(r[4]), int(r[5]), r[6], r[7])
                for r in rows if r[0] is not None]

    def visit_histories(self, member_ids: Sequence[str], end: int) -> dict[str, _History]:
        """The visit events in scope before `end` of a few members, each marked reversed or not."""
        out: dict[str, _History] = {m: _History() for m in member_ids}
        sql = text(f"""
            SELECT e.member_id, e.ts,
                   CASE WHEN EXISTS (SELECT 1 FROM event r WHERE r.reverses = e.id)
                        THEN 1 ELSE 0 END
            FROM event e
            WHERE e.member_id IN :ids AND e.ts < :hi AND e.kind IN ({self.visit_kinds})
              AND {self.scope('e')}
            ORDER BY e.member_id, e.ts""").bindparams(bindparam("ids", expanding=True))
        for start in range(0, len(member_ids), 500):
            chunk = list(member_ids[start:start + 500])
            for member_id, ts, rev in self.conn.execute(
                    sql, {**self.params, "ids": chunk, "hi": end}):
                out[member_id].events.append((int(ts), bool(rev)))
        return out
