"""The daily summary of a shop or a whole organisation, with the previous period to compare.

Definitions (what each figure counts):

- Days are the shop's local days in `tz`: events are stored with UTC microsecond times, and a
  day runs from one local midnight to the next (`kiosk.days.day_bounds`), so the days on
  which summer time starts and ends have 23 and 25 hours.
- Reversed events do not count, and reversals themselves count for nothing. An event is
  reversed when another event of the same organisation has `reverses` = its id (one naming
  another tenant's event changes nothing). Reversals are looked for from a week
  before the earliest window to a week after the period: undo works only within a
  programme's undo window (a day at most), so only a till clock off by days could put one
  outside.
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
comparing times with day boundaries computed in Python (`day_bounds`), in a CASE split in
halves, so a year costs nine comparisons a row.

Counting distinct members over 90 days is the expensive part, so it is done ONCE. A single
pass over a covering index (org, shop, time, kind, member: `ix_event_org_shop_ts`, or
`ix_event_org_ts` for the whole organisation) groups the visit events from the start of the
earliest window to the end of the period by member, keeping per member only each period's
latest visit (and, for the first period, the latest before it; for periods longer than a
day, the first visit in it). Every visit figure of both periods is a sum over those groups:
visitors, repeat visitors and the four active-member windows (and, for a one-day period,
visits; longer periods count distinct member-days over their own rows). Only visitors with no
visit in the ~90 days before a period are looked up one by one for an older visit
(`ix_event_member_ts`). A second small pass sums stamps, points, revenue and redemptions
over the periods' own rows.

Reversals are few, so they are never checked row by row: the window's reversed events are
read once, starting from a small partial index of reversals by time (`ix_event_reversal_ts`).
Their amounts are subtracted from the sums, and the member pass leaves out the visit events
at their exact times (the index holds times, not ids). A standing event at the very same
microsecond as a reversed one (rare; one index seek per time finds it) gets its member
recounted exactly from their own events.

The cost is about one microsecond per visit event in the 90-day window on SQLite, most of it
the sort behind GROUP BY (SQLite groups by sorting; PostgreSQL can hash).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from kiosk import ledger, visits
from kiosk.days import day_bounds
from kiosk.errors import InvalidInput
from kiosk.store import Connection as TillConnection

if TYPE_CHECKING:
    from sqlalchemy import Connection

MAX_DAYS = 366
ACTIVE_WINDOWS = (30, 90)
# Reversals of the window's events are looked for this far either side of it (see above).
REVERSAL_SLACK_US = 7 * 86_400_000_000
# Up to this many reversed times travel as one list parameter; more go back as a subquery.
INLINE_REVERSALS = 2000
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
                  last: date, tz: ZoneInfo, compare: bool = True,
                  visit_days: bool | None = None) -> Summary:
    """Figures for a shop (or the whole organisation when shop_id is None) over the local days
    first..last, with the previous period of equal length when `compare`.

    `visit_days`: count visits from the till's member_day table (True), from the events
    (False), or from the table when it can answer (None: a till's database whose table is
    kept in `tz` and holds this organisation's rows; the server has no such table)."""
    if last < first:
        raise InvalidInput("A report's last day cannot come before its first day.")
    length = (last - first).days + 1
    if length > MAX_DAYS:
        raise InvalidInput(f"A report covers at most {MAX_DAYS} days.")
    periods = [_period(first, last, tz)]
    if compare:
        periods.insert(0, _period(first - timedelta(days=length), first - timedelta(days=1), tz))
    lo = min(min(p.start, *p.active_from) for p in periods)
    hi = periods[-1].end
    if visit_days is None:
        visit_days = visit_days_usable(conn, org_id, tz)
    # member_day holds standing visits only, so the events are read just for the periods'
    # totals and their reversals, not across the active-member windows too.
    q = _Queries(conn, org_id, shop_id, periods[0].start if visit_days else lo, hi)
    reversed_events = q.reversed_events()
    times = sorted({r.ts for r in reversed_events})
    if visit_days:
        figures = _day_figures(conn, org_id, shop_id, periods)
        times = []  # nothing to recount: the table is exact by event id
    else:
        figures = q.member_pass(periods, times)
    # The pass left out every visit event at the very microsecond of a reversed one. When
    # another event shares such a time (the same microsecond twice: rare), the members with a
    # standing visit event then are recounted from their own events.
    if times and q.events_at(times) > len(reversed_events):
        for history in q.visit_histories(q.members_at(times)):
            for i, period in enumerate(periods):
                figures[i].replace(history.figures(period, lo, dropped=set(times)),
                                   history.figures(period, lo))
    totals = q.totals(periods)
    for period, sums in zip(periods, totals, strict=True):
        _subtract_reversed(sums, [r for r in reversed_events
                                  if period.start <= r.ts < period.end])
    out: Summary | None = None
    for period, sums, counted in zip(periods, totals, figures, strict=True):
        out = _summary(period, sums, counted, previous=out)
    assert out is not None
    return out


def _summary(period: _Period, totals: _Totals, visits: _Visits,
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
        active_members_30=visits.active[0], active_members_90=visits.active[1],
        previous=previous)


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
    """A period's visit figures: visits, visiting members, repeat visitors, active members
    per ACTIVE_WINDOWS window."""

    visits: int = 0
    members: int = 0
    repeat: int = 0
    active: list[int] = field(default_factory=lambda: [0] * len(ACTIVE_WINDOWS))

    def replace(self, counted: _Visits, exact: _Visits) -> None:
        """Swap what the member pass counted for one member for their exact figures."""
        self.visits += exact.visits - counted.visits
        self.members += exact.members - counted.members
        self.repeat += exact.repeat - counted.repeat
        self.active = [a + e - c for a, e, c in zip(self.active, exact.active, counted.active,
                                                     strict=True)]


@dataclass
class _History:
    """One member's visit events in scope before the report's end: (ts, reversed), in order."""

    events: list[tuple[int, bool]] = field(default_factory=list)

    def figures(self, period: _Period, lo: int, *, dropped: set[int] | None = None
                ) -> _Visits:
        """This member's contribution to a period's figures: exact, or as the member pass
        counts it when given the times it `dropped` (from `lo` on; before `lo`, the pass looks
        for unreversed visits)."""
        if dropped is None:
            seen = [ts for ts, rev in self.events if not rev]
        else:
            seen = [ts for ts, rev in self.events
                    if (ts >= lo and ts not in dropped) or (ts < lo and not rev)]
        days = {period.day_of(ts) for ts in seen if period.start <= ts < period.end}
        before = any(ts < period.start for ts in seen)
        return _Visits(
            visits=len(days), members=int(bool(days)),
            repeat=int(bool(days) and (len(days) > 1 or before)),
            active=[int(any(since <= ts < period.end for ts in seen))
                    for since in period.active_from])


# --- Visits from the member_day table (kiosk.visits) -----------------------------------------


def visit_days_usable(conn: Connection, org_id: str, tz: ZoneInfo) -> bool:
    """Whether member_day can answer for this organisation in this time zone: a till's SQLite
    file that has the table, keeps its days in `tz`, and holds rows of the organisation (a
    ledger written in bulk around the fold, such as the demo generator's, has none)."""
    if conn.dialect.name != "sqlite":
        return False
    if _execute(conn, "SELECT 1 FROM sqlite_master WHERE type = 'table'"
                " AND name = 'member_day'").first() is None:
        return False
    if visits.till_tz(conn).key != tz.key:
        return False
    return _execute(conn, "SELECT 1 FROM member_day WHERE org_id = :org_id LIMIT 1",
                    {"org_id": org_id}).first() is not None


def _day_figures(conn: Connection, org_id: str, shop_id: str | None,
                 periods: Sequence[_Period]) -> list[_Visits]:
    """The periods' visit figures from member_day: each period's rows grouped by member (a day
    or a week of rows), and the active-member windows of each length in one range scan,
    counting the rows whose previous visit in scope lies before the window (each member's
    first visit in it)."""
    params: dict[str, Any] = {"org_id": org_id, "scope": shop_id or visits.ORG_WIDE}
    out = []
    for period in periods:
        d0, d1 = visits.day_number(period.first), visits.day_number(period.last)
        members, days, repeat = _execute(conn, """
            SELECT count(*), coalesce(sum(x.n), 0),
                   coalesce(sum(CASE WHEN x.n > 1 OR x.early > 0 THEN 1 ELSE 0 END), 0)
            FROM (SELECT member_id, count(*) AS n,
                         max(CASE WHEN prev_day IS NOT NULL AND prev_day < :d0
                                  THEN 1 ELSE 0 END) AS early
                  FROM member_day
                  WHERE org_id = :org_id AND shop_id = :scope AND day >= :d0 AND day <= :d1
                  GROUP BY member_id) x""", {**params, "d0": d0, "d1": d1}).one()
        out.append(_Visits(int(days), int(members), int(repeat)))
    # The periods' windows of one length together. A row counts only where its previous
    # visit is before the window's first day (or it has none), and the index keeps each day's
    # rows in order of their previous visit: so each day of the span is one seek to the rows
    # before the latest first day (and one to those with none), and the rest of the day's
    # rows, most of them for the long windows, are never read.
    ends = [visits.day_number(p.last) for p in periods]
    for n, days_back in enumerate(ACTIVE_WINDOWS):
        firsts = [end - days_back + 1 for end in ends]
        window = {f"a{i}": a for i, a in enumerate(firsts)} | {
            f"b{i}": b for i, b in enumerate(ends)}
        days = ", ".join(str(d) for d in range(min(firsts), max(ends) + 1))  # integers
        for previous, counts_it in (("prev_day < :last_first", " AND prev_day < :a{i}"),
                                    ("prev_day IS NULL", "")):
            sums = ", ".join(f"total(day >= :a{i} AND day <= :b{i}{counts_it.format(i=i)})"
                             for i in range(len(periods)))
            counts = _execute(conn, f"""
                SELECT {sums} FROM member_day
                WHERE org_id = :org_id AND shop_id = :scope AND day IN ({days})
                  AND {previous}""",
                {**params, **window, "last_first": max(firsts)}).one()
            for counted, count in zip(out, counts, strict=True):
                counted.active[n] += int(count)
    return out


# --- SQL ----------------------------------------------------------------------------------


def _execute(conn: Connection, sql: str, params: Mapping[str, Any] | None = None, *,
             expanding: Sequence[str] = ()) -> Any:
    """SQL with :named parameters (those in `expanding` take a list, for `IN :name`), on the
    till's own connection or on the server's SQLAlchemy one. SQLAlchemy's text() only for
    the server: a till's report would otherwise import SQLAlchemy for it, which costs a
    command more than its report (bench/bench_cli.py)."""
    if isinstance(conn, TillConnection):
        return conn.execute(sql, dict(params or {}))  # lists expand in kiosk.store
    from sqlalchemy import bindparam, text

    clause = text(sql)
    if expanding:
        clause = clause.bindparams(*(bindparam(name, expanding=True) for name in expanding))
    return conn.execute(clause, dict(params or {}))


def _in_list(prefix: str, values: Sequence[str]) -> tuple[str, dict[str, str]]:
    """":k0, :k1, ..." and their values, for a fixed list of constants such as event kinds."""
    names = [f"{prefix}{i}" for i in range(len(values))]
    return ", ".join(f":{n}" for n in names), dict(zip(names, values, strict=True))


def _day_case(column: str, starts: Sequence[int], name: str) -> tuple[str, dict[str, int]]:
    """A SQL expression giving the index (0..n-1) of the local day that `column` falls in,
    given the days' starts: nested CASEs halving the days at each level, on boundaries passed
    as parameters."""
    params = {f"{name}_{i}": start for i, start in enumerate(starts)}

    def split(lo: int, hi: int) -> str:
        if hi - lo == 1:
            return str(lo)
        mid = (lo + hi) // 2
        return (f"CASE WHEN {column} < :{name}_{mid} THEN {split(lo, mid)}"
                f" ELSE {split(mid, hi)} END")

    return split(0, len(starts)), params


class _Queries:
    """The report's SQL for one organisation (and shop), portable across SQLite and Postgres."""

    def __init__(self, conn: Connection, org_id: str, shop_id: str | None, lo: int, hi: int
                 ) -> None:
        self.conn = conn
        # Every query reads within the window [lo, hi); reversals are looked for around it.
        self.params: dict[str, Any] = {
            "org_id": org_id, "lo": lo, "hi": hi, "rlo": lo - REVERSAL_SLACK_US,
            "rhi": hi + REVERSAL_SLACK_US}
        if shop_id is not None:
            self.params["shop_id"] = shop_id
        visit_list, visit_params = _in_list("v", _VISIT_KINDS)
        total_list, total_params = _in_list("t", _TOTAL_KINDS)
        self.params |= visit_params | total_params
        self.visit_kinds = visit_list
        self.total_kinds = total_list

    def scope(self, alias: str, *, by_member: bool = False) -> str:
        """The organisation (and shop) filter. `by_member` writes it as an expression no index
        can serve: a till's SQLite has no statistics, and would otherwise walk the shop's
        whole history by (org, shop, ts) instead of seeking the member by (member_id, ts)."""
        pad = " || ''" if by_member else ""
        if "shop_id" in self.params:
            return f"{alias}.org_id{pad} = :org_id AND {alias}.shop_id{pad} = :shop_id"
        return f"{alias}.org_id{pad} = :org_id"

    def totals(self, periods: Sequence[_Period]) -> list[_Totals]:
        """Each period's sums by kind, reward and currency (reversed events included)."""
        which = "0"
        params: dict[str, Any] = {"p_start": periods[0].start, "p_end": periods[-1].end}
        for i, p in enumerate(periods[1:], start=1):
            params[f"p{i}"] = p.start
            which = f"CASE WHEN e.ts < :p{i} THEN {which} ELSE {i} END"
        rows = self._run(f"""
            SELECT {which}, e.kind, e.reward_id, e.currency, count(*),
                   coalesce(sum(CASE WHEN e.stamps > 0 THEN e.stamps ELSE 0 END), 0),
                   coalesce(sum(CASE WHEN e.points > 0 THEN e.points ELSE 0 END), 0),
                   coalesce(sum(CASE WHEN e.points < 0 THEN -e.points ELSE 0 END), 0),
                   coalesce(sum(e.amount_minor), 0)
            FROM event e
            WHERE {self.scope('e')} AND e.ts >= :p_start AND e.ts < :p_end
              AND e.kind IN ({self.total_kinds})
            GROUP BY 1, e.kind, e.reward_id, e.currency""", params)
        totals = [_Totals() for _ in periods]
        for i, kind, reward_id, currency, *numbers in rows:
            totals[int(i)].add(kind, reward_id, currency, *(int(n) for n in numbers))
        return totals

    def _reversed(self, columns: str) -> str:
        """The window's visit events in scope that a reversal of the same organisation cancels
        (a subquery). CROSS JOIN keeps SQLite walking the few reversals (partial index by time)
        and looking their targets up by id, rather than probing every event of the window for
        a reversal; the organisation test is an expression no index serves, or SQLite would
        walk the organisation's whole window by (org_id, ts) for it."""
        return f"""SELECT {columns} FROM event r CROSS JOIN event t
                   WHERE t.id = r.reverses AND r.reverses IS NOT NULL
                     AND r.org_id || '' = t.org_id
                     AND r.ts >= :rlo AND r.ts < :rhi AND t.ts >= :lo AND t.ts < :hi
                     AND {self.scope('t')} AND t.kind IN ({self.visit_kinds})"""

    def reversed_events(self) -> list[_Reversed]:
        """The reversed events, each once even when two tills undid it."""
        rows = self._run(self._reversed(
            "DISTINCT t.id, t.member_id, t.ts, t.kind, t.stamps, t.points, t.amount_minor,"
            " t.currency, t.reward_id"), {})
        return [_Reversed(r[1] or "", int(r[2]), r[3], int(r[4]), int(r[5]), int(r[6]), r[7],
                          r[8]) for r in rows]

    def _visits_in_window(self) -> str:
        return f"""{self.scope('e')} AND e.ts >= :lo AND e.ts < :hi
                   AND e.kind IN ({self.visit_kinds})"""

    def member_pass(self, periods: Sequence[_Period], dropped: Sequence[int]) -> list[_Visits]:
        """Every visit figure of every period from one pass over the window's visit events,
        grouped by member. Reversed events are left out by their time, which the index holds
        (their ids it does not); daily_summary recounts the rare member caught alongside.

        Per member it keeps as few aggregates as it can, each costing time on every row: the
        latest visit before each period ends ("until"; the first period's start too), and for
        periods longer than a day the first visit in it. Periods are consecutive, so the latest
        visit before a period starts is the previous period's "until". Visits in periods
        longer than a day are counted apart (`member_days`), over the periods' rows only."""
        params: dict[str, Any] = {}
        skip = self._at_times(dropped, params, negate=True)
        per_member = []
        sums = []
        for i, p in enumerate(periods):
            params |= {f"start{i}": p.start, f"end{i}": p.end}
            if i == 0:
                per_member.append("max(CASE WHEN e.ts < :start0 THEN e.ts END) AS until_")
            until = f"until{i}"
            per_member.append(f"max(e.ts) AS {until}" if i + 1 == len(periods)
                              else f"max(CASE WHEN e.ts < :end{i} THEN e.ts END) AS {until}")
            before = "a.until_" if i == 0 else f"a.until{i - 1}"
            if len(p.starts) == 1:
                several_days = "1 = 0"
            else:
                # Two days or more when the first and the last visit fall on different days;
                # the days are told apart per member here, not per row.
                per_member.append(f"min(CASE WHEN e.ts >= :start{i} AND e.ts < :end{i}"
                                  f" THEN e.ts END) AS first{i}")
                day_first, day_params = _day_case(f"a.first{i}", p.starts, f"d{i}")
                day_last, _ = _day_case(f"a.{until}", p.starts, f"d{i}")
                params |= day_params
                several_days = f"({day_first}) < ({day_last})"
            sums += [
                f"sum(CASE WHEN a.{until} >= :start{i} THEN 1 ELSE 0 END)",
                f"""sum(CASE WHEN a.{until} IS NULL OR a.{until} < :start{i} THEN 0
                             WHEN {before} IS NOT NULL OR {several_days} THEN 1
                             WHEN EXISTS ({self._visit_before('a.member_id')}) THEN 1
                             ELSE 0 END)"""]
            for n, since in enumerate(p.active_from):
                params[f"since{i}_{n}"] = since
                sums.append(f"sum(CASE WHEN a.{until} >= :since{i}_{n} THEN 1 ELSE 0 END)")
        row = self._run(f"""
            SELECT {', '.join(f'coalesce({s}, 0)' for s in sums)}
            FROM (SELECT e.member_id, {', '.join(per_member)} FROM event e
                  WHERE {self._visits_in_window()} AND {skip}
                  GROUP BY e.member_id) a""", params).one()
        values = [int(v) for v in row]
        width = 2 + len(ACTIVE_WINDOWS)
        out = []
        for i in range(len(periods)):
            members, repeat, *active = values[i * width:(i + 1) * width]
            out.append(_Visits(members, members, repeat, active))
        if len(periods[0].starts) > 1:
            for visits, counted in zip(out, self.member_days(periods, dropped), strict=True):
                visits.visits = counted
        return out

    def member_days(self, periods: Sequence[_Period], dropped: Sequence[int]) -> list[int]:
        """Visits (distinct member and local day) in each period, from the periods' rows."""
        starts = [start for p in periods for start in p.starts]
        params: dict[str, Any] = {"v_start": periods[0].start, "v_end": periods[-1].end}
        day, day_params = _day_case("e.ts", starts, "v")
        params |= day_params
        skip = self._at_times(dropped, params, negate=True)
        rows = self._run(f"""
            SELECT m.day, count(*) FROM (
                SELECT DISTINCT e.member_id, {day} AS day FROM event e
                WHERE {self.scope('e')} AND e.ts >= :v_start AND e.ts < :v_end
                  AND e.kind IN ({self.visit_kinds}) AND {skip}) m
            GROUP BY m.day""", params)
        per_day = dict((int(d), int(n)) for d, n in rows)
        out, offset = [], 0
        for p in periods:
            out.append(sum(per_day.get(offset + k, 0) for k in range(len(p.starts))))
            offset += len(p.starts)
        return out

    def _visit_before(self, member: str) -> str:
        """A subquery finding a member's unreversed visit before :lo, seeking by member."""
        return f"""SELECT 1 FROM event p
                   WHERE p.member_id = {member} AND p.ts < :lo
                     AND p.kind IN ({self.visit_kinds}) AND {self.scope('p', by_member=True)}
                     AND NOT EXISTS (SELECT 1 FROM event r
                                     WHERE r.reverses = p.id AND r.org_id = p.org_id)"""

    def _at_times(self, times: Sequence[int], params: dict[str, Any], *,
                  negate: bool = False) -> str:
        """`e.ts [NOT] IN` the reversed events' times: as one expanding parameter (a statement
        SQLAlchemy compiles once), or, past INLINE_REVERSALS, as the subquery that found them."""
        op = "NOT IN" if negate else "IN"
        if not times:
            return "1 = 1" if negate else "1 = 0"
        if len(times) > INLINE_REVERSALS:
            return f"e.ts {op} ({self._reversed('t.ts')})"
        params["times"] = list(times)
        return f"e.ts {op} :times"

    def _run(self, sql: str, params: Mapping[str, Any]) -> Any:
        return _execute(self.conn, sql, {**self.params, **params},
                        expanding=("times",) if "times" in params else ())

    def events_at(self, times: Sequence[int]) -> int:
        """How many events in scope, of any kind, sit at these times: one index seek a time."""
        params: dict[str, Any] = {}
        at = self._at_times(times, params)
        return int(self._run(f"SELECT count(*) FROM event e WHERE {self.scope('e')} AND {at}",
                             params).scalar_one())

    def members_at(self, times: Sequence[int]) -> list[str]:
        """Members with a standing (unreversed) visit event at one of these times."""
        params: dict[str, Any] = {}
        at = self._at_times(times, params)
        rows = self._run(f"""
            SELECT DISTINCT e.member_id FROM event e
            WHERE {self.scope('e')} AND {at} AND e.kind IN ({self.visit_kinds})
              AND NOT EXISTS (SELECT 1 FROM event x
                              WHERE x.reverses = e.id AND x.org_id = e.org_id)""", params)
        return sorted(r[0] for r in rows if r[0] is not None)

    def visit_histories(self, member_ids: Sequence[str]) -> list[_History]:
        """All visit events in scope before :hi of a few members, each marked reversed or not."""
        out: dict[str, _History] = {m: _History() for m in member_ids}
        sql = f"""
            SELECT e.member_id, e.ts,
                   CASE WHEN EXISTS (SELECT 1 FROM event r
                                    WHERE r.reverses = e.id AND r.org_id = e.org_id)
                        THEN 1 ELSE 0 END
            FROM event e
            WHERE e.member_id IN :ids AND e.ts < :hi AND e.kind IN ({self.visit_kinds})
              AND {self.scope('e', by_member=True)}
            ORDER BY e.member_id, e.ts"""
        for start in range(0, len(member_ids), 500):
            chunk = list(member_ids[start:start + 500])
            for member_id, ts, rev in _execute(self.conn, sql, {**self.params, "ids": chunk},
                                               expanding=("ids",)):
                out[member_id].events.append((int(ts), bool(rev)))
        return list(out.values())
