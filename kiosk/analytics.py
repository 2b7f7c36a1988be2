"""Does the programme pay? The manager's analyses, as plain functions over the ledger.

Every function reads standing events only: an event is reversed when an event of the same
organisation names it in `reverses` (kiosk.reports' rule), and reversals count for nothing.
Scope is a shop (`shop_id`) or the whole organisation (`shop_id=None`); days are local days in
`tz`. A visit is a distinct (member, local day) among the visit kinds (`ledger.VISIT_KINDS`).

Two ways to the same answers. On a till, whose SQLite file keeps each member's visit days
(kiosk.visits, in the ledger's transaction), the weeks, cohorts and reward response are
counted set-based from that table (kiosk.analytics_days). Elsewhere (the server's
PostgreSQL, another time zone) they fold the range's events in Python: plain selects with
named parameters that run on SQLite and PostgreSQL alike. `visit_days` forces one way
(True: the table, False: the events; None: the table when it can answer).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, bindparam, text

from kiosk import analytics_days, ledger
from kiosk.clock import from_micros
from kiosk.days import day_bounds
from kiosk.errors import InvalidInput
from kiosk.reports import visit_days_usable
from kiosk.visits import local_date

REVENUE_EFFECT_METHOD = (
    "Purchases made before someone joins are not in the ledger (a till records purchases of "
    "members only), so 'before' cannot be measured. This compares each member's first 30 days "
    "of membership with the rest of their membership up to the end of the range: spend per "
    "visit and visits per 30 days, for members with at least one recorded purchase in both. "
    "For a programme change it compares the members who visited in the 30 days before and "
    "after the new version was published. The figures describe what happened alongside; "
    "they cannot show that the programme caused it (seasons, prices and who chose to join "
    "all differ).")
RETURN_DAYS = 30
EARLY_DAYS = 30
_VISIT_KINDS = tuple(sorted(ledger.VISIT_KINDS))


def _as_dict(obj: Any) -> dict[str, Any]:
    return asdict(obj)


@dataclass(frozen=True)
class _Row:
    member_id: str
    ts: int
    kind: str
    amount_minor: int
    reward_id: str | None
    coupon_id: str | None
    day: date


def _standing(conn: Connection, org_id: str, shop_id: str | None, lo: int, hi: int,
              kinds: Iterable[str], tz: ZoneInfo) -> list[_Row]:
    """Standing events of these kinds in scope with lo <= ts < hi, in time order."""
    shop = " AND e.shop_id = :shop_id" if shop_id is not None else ""
    rows = conn.execute(text(f"""
        SELECT e.member_id, e.ts, e.kind, e.amount_minor, e.reward_id, e.coupon_id FROM event e
        WHERE e.org_id = :org_id{shop} AND e.ts >= :lo AND e.ts < :hi AND e.kind IN :kinds
          AND e.member_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM event r WHERE r.reverses = e.id
                          AND r.org_id = e.org_id)
        ORDER BY e.ts, e.id""").bindparams(bindparam("kinds", expanding=True)),
        {"org_id": org_id, "shop_id": shop_id, "lo": lo, "hi": hi, "kinds": list(kinds)})
    return [_Row(m, int(ts), k, int(a or 0), r, c, local_date(int(ts), tz))
            for m, ts, k, a, r, c in rows]


def _by_days(conn: Connection, org_id: str, tz: ZoneInfo, visit_days: bool | None) -> bool:
    """Whether to count from member_day (see the module's docstring)."""
    return visit_days_usable(conn, org_id, tz) if visit_days is None else visit_days


def _range(first: date, last: date, tz: ZoneInfo) -> tuple[int, int]:
    if last < first:
        raise InvalidInput("The last day cannot come before the first day.")
    return day_bounds(first, tz)[0], day_bounds(last, tz)[1]


# --- The day view -------------------------------------------------------------------------


@dataclass(frozen=True)
class HourlyVisits:
    """Visits per local hour of one day (a visit counts in the hour of its first action)."""

    day: str
    hours: list[int]

    def as_dict(self) -> dict[str, Any]:
        return _as_dict(self)


def visits_per_hour(conn: Connection, *, org_id: str, shop_id: str | None, day: date,
                    tz: ZoneInfo) -> HourlyVisits:
    """Visits per local hour (0..23) of `day`."""
    lo, hi = _range(day, day, tz)
    hours = [0] * 24
    seen: set[str] = set()
    for r in _standing(conn, org_id, shop_id, lo, hi, _VISIT_KINDS, tz):
        if r.member_id not in seen:
            seen.add(r.member_id)
            hours[from_micros(r.ts).astimezone(tz).hour] += 1
    return HourlyVisits(day.isoformat(), hours)


@dataclass(frozen=True)
class Week:
    """Seven local days ending on `last`: visits, member revenue and repeat visits."""

    first: str
    last: str
    visits: int
    member_revenue_minor: int
    repeat_visits: int

    @property
    def repeat_share(self) -> float:
        return self.repeat_visits / self.visits if self.visits else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {**_as_dict(self), "repeat_share": self.repeat_share}


def weekly(conn: Connection, *, org_id: str, shop_id: str | None, last: date, tz: ZoneInfo,
           weeks: int = 8, visit_days: bool | None = None) -> list[Week]:
    """The `weeks` seven-day blocks ending on `last`, oldest first: visits, member revenue,
    and repeat visits (a visit by a member who visited on an earlier local day, at any time
    before, in scope). The repeat-purchase share per week is repeat_visits / visits."""
    if not 1 <= weeks <= 106:
        raise InvalidInput("Between 1 and 106 weeks, please.")
    first = last - timedelta(days=7 * weeks - 1)
    if _by_days(conn, org_id, tz, visit_days):
        out = analytics_days.weeks(conn, org_id=org_id, shop_id=shop_id, first=first,
                                   weeks=weeks, tz=tz)
    else:
        out = _weeks_from_events(conn, org_id, shop_id, first, weeks, tz)
    return [Week((first + timedelta(days=7 * i)).isoformat(),
                 (first + timedelta(days=7 * i + 6)).isoformat(), *out[i])
            for i in range(weeks)]


def _weeks_from_events(conn: Connection, org_id: str, shop_id: str | None, first: date,
                       weeks: int, tz: ZoneInfo) -> list[list[int]]:
    """[visits, member revenue, repeat visits] per block, folded from the events."""
    lo, hi = _range(first, first + timedelta(days=7 * weeks - 1), tz)
    rows = _standing(conn, org_id, shop_id, lo, hi, _VISIT_KINDS, tz)
    members = sorted({r.member_id for r in rows})
    earlier = _visited_before(conn, org_id, shop_id, members, lo)
    out = [[0, 0, 0] for _ in range(weeks)]
    days: dict[str, set[date]] = defaultdict(set)
    for r in rows:
        w = (r.day - first).days // 7
        if r.kind == ledger.PURCHASE:
            out[w][1] += r.amount_minor
        if r.day in days[r.member_id]:
            continue
        out[w][0] += 1
        if days[r.member_id] or r.member_id in earlier:
            out[w][2] += 1
        days[r.member_id].add(r.day)
    return out


def _visited_before(conn: Connection, org_id: str, shop_id: str | None, members: list[str],
                    before: int) -> set[str]:
    """Which of these members have a standing visit in scope before `before`."""
    shop = " AND e.shop_id = :shop_id" if shop_id is not None else ""
    out: set[str] = set()
    clause = text(f"""
        SELECT DISTINCT e.member_id FROM event e
        WHERE e.member_id IN :ids AND e.ts < :before AND e.org_id = :org_id{shop}
          AND e.kind IN :kinds
          AND NOT EXISTS (SELECT 1 FROM event r WHERE r.reverses = e.id
                          AND r.org_id = e.org_id)""").bindparams(
        bindparam("ids", expanding=True), bindparam("kinds", expanding=True))
    for i in range(0, len(members), 500):
        out |= {m for (m,) in conn.execute(clause, {
            "ids": members[i:i + 500], "before": before, "org_id": org_id, "shop_id": shop_id,
            "kinds": list(_VISIT_KINDS)})}
    return out


# --- Retention by cohort -------------------------------------------------------------------


@dataclass(frozen=True)
class Cohort:
    """Members who joined in `month` (YYYY-MM) and the share of them with a visit in each
    later month up to the range's end (`returned[k]` is month + k + 1)."""

    month: str
    members: int
    returned: list[int]

    @property
    def shares(self) -> list[float]:
        return [n / self.members if self.members else 0.0 for n in self.returned]

    def as_dict(self) -> dict[str, Any]:
        return {**_as_dict(self), "shares": self.shares}


def _month(d: date) -> int:
    return d.year * 12 + d.month - 1


def _month_first(m: int) -> date:
    return date(m // 12, m % 12 + 1, 1)


def cohorts(conn: Connection, *, org_id: str, shop_id: str | None, first: date, last: date,
            tz: ZoneInfo, visit_days: bool | None = None) -> list[Cohort]:
    """Retention by monthly cohort, for members who joined (member_registered) from the month
    of `first` to the month of `last`: for a shop, joined there and came back there."""
    start = _month_first(_month(first))
    if _by_days(conn, org_id, tz, visit_days):
        sizes, returned = analytics_days.cohorts(conn, org_id=org_id, shop_id=shop_id,
                                                 first=start, last=last, tz=tz)
    else:
        sizes, returned = _cohorts_from_events(conn, org_id, shop_id, start, last, tz)
    end = _month(last)
    return [Cohort(_month_first(m).strftime("%Y-%m"), sizes.get(m, 0),
                   [returned.get((m, later), 0) for later in range(m + 1, end + 1)])
            for m in range(_month(start), end + 1)]


def _cohorts_from_events(conn: Connection, org_id: str, shop_id: str | None, start: date,
                         last: date, tz: ZoneInfo
                         ) -> tuple[dict[int, int], dict[tuple[int, int], int]]:
    """(members per joining month, returners per (joining month, later month)), folded."""
    lo, hi = _range(start, last, tz)
    joined: dict[str, int] = {}
    for r in _standing(conn, org_id, shop_id, lo, hi, [ledger.MEMBER_REGISTERED], tz):
        joined.setdefault(r.member_id, _month(r.day))
    came: dict[str, set[int]] = defaultdict(set)
    for r in _standing(conn, org_id, shop_id, lo, hi, _VISIT_KINDS, tz):
        if r.member_id in joined:
            came[r.member_id].add(_month(r.day))
    sizes: dict[int, int] = defaultdict(int)
    returned: dict[tuple[int, int], int] = defaultdict(int)
    for member, month in joined.items():
        sizes[month] += 1
        for later in came[member]:
            if later > month:
                returned[(month, later)] += 1
    return sizes, returned


# --- Reward response -----------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    """One reward (`reward:<id>`) or coupon kind (`coupon:<kind>`): issued (None for catalogue
    rewards, which are earned, not issued), redeemed, and how many distinct redeemers came
    back (a visit on a later local day within RETURN_DAYS days of a redemption)."""

    offer: str
    issued: int | None
    redeemed: int
    redeemers: int
    came_back: int

    @property
    def redemption_rate(self) -> float | None:
        return self.redeemed / self.issued if self.issued else None

    @property
    def came_back_share(self) -> float:
        return self.came_back / self.redeemers if self.redeemers else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {**_as_dict(self), "redemption_rate": self.redemption_rate,
                "came_back_share": self.came_back_share}


def reward_response(conn: Connection, *, org_id: str, shop_id: str | None, first: date,
                    last: date, tz: ZoneInfo, visit_days: bool | None = None
                    ) -> list[Response]:
    """Every reward and coupon kind redeemed or issued in first..last, best-responding first
    (the share of redeemers who came back, then the redemption rate, then redemptions)."""
    _range(first, last, tz)
    if _by_days(conn, org_id, tz, visit_days):
        counts = analytics_days.reward_response(conn, org_id=org_id, shop_id=shop_id,
                                                first=first, last=last, tz=tz,
                                                return_days=RETURN_DAYS)
    else:
        counts = _responses_from_events(conn, org_id, shop_id, first, last, tz)
    out = [Response(offer, *counts[offer]) for offer in sorted(counts)]  # type: ignore[arg-type]
    out.sort(key=lambda r: (-r.came_back_share, -(r.redemption_rate or 0.0), -r.redeemed,
                            r.offer))
    return out


def _responses_from_events(conn: Connection, org_id: str, shop_id: str | None, first: date,
                           last: date, tz: ZoneInfo) -> dict[str, list[int | None]]:
    """offer -> [issued, redeemed, redeemers, came back], folded from the events."""
    lo, hi = _range(first, last, tz)
    later = day_bounds(last + timedelta(days=RETURN_DAYS), tz)[1]
    kinds_of = _coupon_kinds(conn, org_id, shop_id, lo, hi)
    issued: dict[str, set[str]] = defaultdict(set)
    for coupon_id, kind in kinds_of.items():
        issued[f"coupon:{kind}"].add(coupon_id)
    redeemed: dict[str, list[tuple[str, date]]] = defaultdict(list)
    for r in _standing(conn, org_id, shop_id, lo, hi, sorted(ledger.REDEMPTION_KINDS), tz):
        if r.kind == ledger.REDEEM:
            redeemed[f"reward:{r.reward_id or ''}"].append((r.member_id, r.day))
        elif r.coupon_id in kinds_of:
            redeemed[f"coupon:{kinds_of[r.coupon_id]}"].append((r.member_id, r.day))
    visit_days: dict[str, set[date]] = defaultdict(set)
    for r in _standing(conn, org_id, shop_id, lo, later, _VISIT_KINDS, tz):
        visit_days[r.member_id].add(r.day)
    out: dict[str, list[int | None]] = {}
    for offer in issued.keys() | redeemed.keys():
        uses = redeemed.get(offer, [])
        back = {m for m, d in uses if any(d < v <= d + timedelta(days=RETURN_DAYS)
                                          for v in visit_days[m])}
        out[offer] = [len(issued[offer]) if offer.startswith("coupon:") else None,
                      len(uses), len({m for m, _ in uses}), len(back)]
    return out


def _coupon_kinds(conn: Connection, org_id: str, shop_id: str | None, lo: int, hi: int
                  ) -> dict[str, str]:
    """coupon id -> its kind (welcome, birthday, ...) for coupons issued in scope and range."""
    shop = " AND e.shop_id = :shop_id" if shop_id is not None else ""
    rows = conn.execute(text(f"""
        SELECT e.coupon_id, e.payload FROM event e
        WHERE e.org_id = :org_id{shop} AND e.ts >= :lo AND e.ts < :hi
          AND e.kind = :kind AND e.coupon_id IS NOT NULL"""),
        {"org_id": org_id, "shop_id": shop_id, "lo": lo, "hi": hi,
         "kind": ledger.COUPON_ISSUED})
    kinds: dict[str, str] = {}
    for c, p in rows:
        kind = str(json.loads(p).get("coupon_kind", "other"))
        # One kind per coupon, whatever order the rows come in. A till names it by its coupon
        # row (the first issue's kind); the two differ only for one id issued under two
        # kinds, which ids minted per kind (kiosk.members) rule out.
        kinds[c] = min(kinds.get(c, kind), kind)
    return kinds


# --- Revenue effect --------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """Spend per visit and visits per member per 30 days, before and after a point (see
    REVENUE_EFFECT_METHOD); money in minor units."""

    members: int
    before_spend_per_visit_minor: int
    after_spend_per_visit_minor: int
    before_visits_per_30_days: float
    after_visits_per_30_days: float
    method: str = REVENUE_EFFECT_METHOD

    def as_dict(self) -> dict[str, Any]:
        return _as_dict(self)


def revenue_effect(conn: Connection, *, org_id: str, shop_id: str | None, last: date,
                   tz: ZoneInfo) -> Comparison:
    """Each member's first EARLY_DAYS days of membership against the rest up to `last`, for
    members with a recorded purchase in both (see REVENUE_EFFECT_METHOD)."""
    hi = day_bounds(last, tz)[1]
    joined: dict[str, int] = {}
    for r in _standing(conn, org_id, shop_id, 0, hi, [ledger.MEMBER_REGISTERED], tz):
        joined.setdefault(r.member_id, r.ts)
    early_us = EARLY_DAYS * 86_400_000_000
    windows = {m: (ts, ts + early_us, hi) for m, ts in joined.items() if ts + early_us < hi}
    return _compare(conn, org_id, shop_id, windows, tz, hi)


def programme_change(conn: Connection, *, org_id: str, shop_id: str, version: int,
                     tz: ZoneInfo, days: int = 30) -> Comparison:
    """The `days` days before and after programme `version` of a shop was published, for the
    members with a recorded purchase in both."""
    row = conn.execute(text("""
        SELECT min(e.ts) FROM event e WHERE e.org_id = :org_id AND e.shop_id = :shop_id
          AND e.kind = :kind AND e.payload LIKE :version"""),
        {"org_id": org_id, "shop_id": shop_id, "kind": ledger.PROGRAM_PUBLISHED,
         "version": f'%"version":{int(version)}%'}).scalar()
    if row is None:
        raise InvalidInput(f"No programme version {version} was published for this shop.")
    at, span = int(row), days * 86_400_000_000
    members = {r.member_id for r in _standing(conn, org_id, shop_id, at - span, at + span,
                                              _VISIT_KINDS, tz)}
    return _compare(conn, org_id, shop_id, {m: (at - span, at, at + span) for m in members},
                    tz, at + span)


def _compare(conn: Connection, org_id: str, shop_id: str | None,
             windows: dict[str, tuple[int, int, int]], tz: ZoneInfo, hi: int) -> Comparison:
    lo = min((w[0] for w in windows.values()), default=hi)
    # [spend, visit days, purchases] before and after, per member
    acc: dict[str, list[Any]] = {m: [0, set(), 0, 0, set(), 0] for m in windows}
    for r in _standing(conn, org_id, shop_id, lo, hi, _VISIT_KINDS, tz):
        w = windows.get(r.member_id)
        if w is None or not w[0] <= r.ts < w[2]:
            continue
        side = 0 if r.ts < w[1] else 3
        a = acc[r.member_id]
        a[side + 1].add(r.day)
        if r.kind == ledger.PURCHASE:
            a[side] += r.amount_minor
            a[side + 2] += 1
    both = [m for m, a in acc.items() if a[2] and a[5]]
    if not both:
        return Comparison(0, 0, 0, 0.0, 0.0)
    spend = [sum(acc[m][s] for m in both) for s in (0, 3)]
    visits = [sum(len(acc[m][s + 1]) for m in both) for s in (0, 3)]
    span_days = [sum((windows[m][1] - windows[m][0]) for m in both) / 86_400_000_000,
                 sum((windows[m][2] - windows[m][1]) for m in both) / 86_400_000_000]
    return Comparison(
        len(both), spend[0] // visits[0], spend[1] // visits[1],
        round(visits[0] / span_days[0] * 30, 2), round(visits[1] / span_days[1] * 30, 2))
