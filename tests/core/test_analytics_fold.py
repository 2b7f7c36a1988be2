"""The analyses on random small ledgers equal a straightforward fold of the events.

Both ways the core counts (from the visit-day table, and from the events) are compared with
the definitions written out here in plain Python: two shops of one organisation, members who
join, come, buy, redeem and use coupons around month ends and midnights (summer time too),
actions undone (also by a reversal of another organisation, which changes nothing), coupons
issued twice. Examples: 100 by default, 1000 under KLIPP_SOAK=1."""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import analytics, ledger, offer_days, visits
from kiosk.clock import from_micros
from kiosk.ids import new_id
from kiosk.store import Store, migrate, sql
from tests.core.test_reports import TZ, Book

EXAMPLES = 1000 if os.environ.get("KLIPP_SOAK") else 100
START = date(2026, 9, 20)
# Days (from START) around month ends and the end of summer time (2026-10-25), few enough
# that members meet again on them.
DAYS = [0, 10, 11, 12, 34, 35, 36, 41, 42, 56, 71, 72]
# Weighted by repetition, so members join, come back and redeem in most examples.
KINDS = ["registered"] * 3 + ["stamp"] * 3 + ["purchase"] * 2 + ["redeem"] * 2 + [
    "issue", "use", "use", "cashback", "undo", "foreign_undo"]

step = st.tuples(
    st.sampled_from(KINDS),
    st.integers(0, 2),  # member
    st.sampled_from(DAYS),  # day
    st.sampled_from([0, 1, 2, 9, 13, 22, 23]),  # local hour: midnights matter
    st.booleans(),  # shop B instead of shop A
    st.integers(0, 3),  # a small choice: reward, coupon, amount, which event to undo
)
query = st.tuples(
    st.booleans(),  # the whole organisation
    st.sampled_from(DAYS),  # first day
    st.sampled_from([0, 1, 6, 13, 30, 45, 80]),  # length
    st.integers(1, 8),  # weeks
)


@dataclass(frozen=True)
class _Ledger:
    book: Book
    events: list[ledger.EventRecord]


def _book(steps: list[tuple[str, int, int, int, bool, int]]) -> _Ledger:
    b = Book()
    members = [new_id() for _ in range(4)]
    coupons = [new_id() for _ in range(3)]
    done: list[ledger.EventRecord] = []
    for kind, who, day_index, hour, at_b, pick in steps:
        m, day = members[who], START + timedelta(days=day_index)
        shop = b.shop_b if at_b else b.shop_a
        if kind == "registered":
            done.append(b.add(ledger.MEMBER_REGISTERED, m, day, hour, 0, shop=shop))
        elif kind == "stamp":
            done.append(b.stamp(m, day, hour, 5, shop=shop))
        elif kind == "purchase":
            done.append(b.purchase(m, day, hour, 10, 1000 * (pick + 1), shop=shop))
        elif kind == "redeem":
            reward = ["coffee", "cake", None, "coffee"][pick]
            done.append(b.add(ledger.REDEEM, m, day, hour, 15, shop=shop, reward_id=reward))
        elif kind == "issue":
            coupon = coupons[pick % 3]
            coupon_kind = "welcome" if coupon == coupons[0] else "birthday"
            done.append(b.add(ledger.COUPON_ISSUED, m, day, hour, 20, shop=shop,
                              coupon_id=coupon, payload=_coupon(coupon_kind)))
        elif kind == "use":
            done.append(b.add(ledger.COUPON_USED, m, day, hour, 25, shop=shop,
                              coupon_id=coupons[pick % 3]))
        elif kind == "cashback":
            done.append(b.add(ledger.CASHBACK_SPENT, m, day, hour, 30, shop=shop,
                              cashback_minor=-100))
        elif done:
            target = done[-1 - pick % len(done)]
            if kind == "undo":
                b.reverse(target)
            else:
                b.events.append(_foreign_reversal(target))
    return _Ledger(b, b.events)


def _coupon(kind: str) -> str:
    import json

    return json.dumps({"coupon_kind": kind, "title": kind.title(), "valid_from": 0})


def _foreign_reversal(target: ledger.EventRecord) -> ledger.EventRecord:
    """Another organisation's event naming ours in `reverses`: it undoes nothing."""
    return ledger.EventRecord(
        id=new_id(), device_id=new_id(), seq=1, ts=target.ts + 60_000_000,
        kind=ledger.REVERSAL, org_id=new_id(), shop_id=new_id(), member_id=target.member_id,
        reverses=target.id, payload='{"reversed_kind": "stamp"}')


# --- The definitions, folded plainly ---------------------------------------------------------


def _day(e: ledger.EventRecord) -> date:
    return from_micros(e.ts).astimezone(TZ).date()


def _standing(events: list[ledger.EventRecord], org: str, shop: str | None
              ) -> list[ledger.EventRecord]:
    undone = {r.reverses for r in events if r.reverses is not None and r.org_id == org}
    return [e for e in events if e.org_id == org and e.id not in undone
            and (shop is None or e.shop_id == shop)]


def _visit_days(events: list[ledger.EventRecord]) -> dict[str, set[date]]:
    days: dict[str, set[date]] = defaultdict(set)
    for e in events:
        if e.kind in ledger.VISIT_KINDS and e.member_id is not None:
            days[e.member_id].add(_day(e))
    return days


def fold_weeks(events: list[ledger.EventRecord], org: str, shop: str | None, last: date,
               weeks: int) -> list[tuple[int, int, int]]:
    ours = _standing(events, org, shop)
    first = last - timedelta(days=7 * weeks - 1)
    out = [[0, 0, 0] for _ in range(weeks)]
    for days in _visit_days(ours).values():
        for d in days:
            if first <= d <= last:
                out[(d - first).days // 7][0] += 1
                out[(d - first).days // 7][2] += any(x < d for x in days)
    for e in ours:
        if e.kind == ledger.PURCHASE and e.member_id is not None and first <= _day(e) <= last:
            out[(_day(e) - first).days // 7][1] += e.amount_minor
    return [(v, r, p) for v, r, p in out]


def fold_cohorts(events: list[ledger.EventRecord], org: str, shop: str | None, first: date,
                 last: date) -> list[tuple[str, int, list[int]]]:
    ours = _standing(events, org, shop)
    start = first.replace(day=1)

    def month(d: date) -> int:
        return d.year * 12 + d.month - 1

    joined: dict[str, int] = {}
    for e in sorted(ours, key=lambda e: e.ts):
        if (e.kind == ledger.MEMBER_REGISTERED and e.member_id is not None
                and start <= _day(e) <= last):
            joined.setdefault(e.member_id, month(_day(e)))
    days = _visit_days(ours)
    out = []
    for m in range(month(start), month(last) + 1):
        who = [x for x, j in joined.items() if j == m]
        came = [sum(1 for x in who if any(month(d) == later and start <= d <= last
                                          for d in days[x]))
                for later in range(m + 1, month(last) + 1)]
        out.append((f"{m // 12}-{m % 12 + 1:02d}", len(who), came))
    return out


def fold_responses(events: list[ledger.EventRecord], org: str, shop: str | None, first: date,
                   last: date) -> list[tuple[str, int | None, int, int, int]]:
    import json

    scoped = [e for e in events if e.org_id == org and (shop is None or e.shop_id == shop)]
    kind_of: dict[str, str] = {}
    for e in scoped:  # issues count whether undone or not, as the analysis has always had it
        if e.kind == ledger.COUPON_ISSUED and e.coupon_id and first <= _day(e) <= last:
            kind = json.loads(e.payload)["coupon_kind"]
            kind_of[e.coupon_id] = min(kind_of.get(e.coupon_id, kind), kind)
    ours = _standing(events, org, shop)
    uses: dict[str, list[tuple[str, date]]] = defaultdict(list)
    for e in ours:
        if e.member_id is None or not first <= _day(e) <= last:
            continue
        if e.kind == ledger.REDEEM:
            uses[f"reward:{e.reward_id or ''}"].append((e.member_id, _day(e)))
        elif e.kind == ledger.COUPON_USED and e.coupon_id in kind_of:
            uses[f"coupon:{kind_of[e.coupon_id]}"].append((e.member_id, _day(e)))
    days = _visit_days(ours)
    offers = set(uses) | {f"coupon:{k}" for k in kind_of.values()}
    out = []
    for offer in offers:
        issued = (sum(1 for k in kind_of.values() if f"coupon:{k}" == offer)
                  if offer.startswith("coupon:") else None)
        who = {m for m, _ in uses[offer]}
        back = {m for m, d in uses[offer]
                if any(d < v <= d + timedelta(days=analytics.RETURN_DAYS) for v in days[m])}
        out.append((offer, issued, len(uses[offer]), len(who), len(back)))
    return sorted(out)


# --- The comparison ------------------------------------------------------------------------


def _store(template: Path, folder: Path, events: list[ledger.EventRecord]) -> Store:
    path = folder / f"{new_id()}.sqlite3"
    shutil.copyfile(template, path)
    store = Store(path)
    with store.write() as conn:
        ledger.apply_remote(conn, events)
    return store


def _template(folder: Path) -> Path:
    path = folder / "template.sqlite3"
    if not path.exists():
        store = Store(path)
        migrate(store)
        store.close()
    return path


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=8, max_size=40), q=query)
def test_the_analyses_equal_a_plain_fold(tmp_path: Path,
                                         steps: list[tuple[str, int, int, int, bool, int]],
                                         q: tuple[bool, int, int, int]) -> None:
    whole, first_index, length, weeks = q
    led = _book(steps)
    b = led.book
    shop = None if whole else b.shop_a
    first = START + timedelta(days=first_index)
    last = first + timedelta(days=length)
    store = _store(_template(tmp_path), tmp_path, led.events)
    try:
        with store.read() as conn:
            for visit_days in (True, False):
                kw = {"org_id": b.org, "shop_id": shop, "tz": TZ, "visit_days": visit_days}
                # The second `last` starts its newest week on a day of DAYS, near midnights.
                for week_end in (last, first + timedelta(days=6)):
                    got_weeks = analytics.weekly(conn, last=week_end, weeks=weeks, **kw)
                    assert [(w.visits, w.member_revenue_minor, w.repeat_visits)
                            for w in got_weeks] == fold_weeks(led.events, b.org, shop,
                                                              week_end, weeks)
                got_cohorts = analytics.cohorts(conn, first=first, last=last, **kw)
                assert [(c.month, c.members, c.returned) for c in got_cohorts] == \
                    fold_cohorts(led.events, b.org, shop, first, last)
                got = analytics.reward_response(conn, first=first, last=last, **kw)
                assert sorted((r.offer, r.issued, r.redeemed, r.redeemers, r.came_back)
                              for r in got) == fold_responses(led.events, b.org, shop,
                                                              first, last)
        # Every cached table folded in this order equals a fold in time order (where another
        # till's clock may put a coupon's use before its issue), and the visit tables equal
        # the set-based rebuild of the migrations.
        with store.write() as conn:
            assert ledger.check(conn) == []
            for table in (visits, offer_days):
                folded = table.snapshot(conn)
                table.rebuild(conn)
                assert table.snapshot(conn) == folded, table.__name__
    finally:
        store.close()


def test_the_table_is_used_on_a_till(tmp_path: Path) -> None:
    """Without `visit_days` a till's file answers from member_day: a row planted there (and
    nowhere in the events) shows, so the comparison above compares two different ways."""
    b = Book()
    m = new_id()
    b.stamp(m, START, 10)
    store = _store(_template(tmp_path), tmp_path, b.events)
    try:
        with store.write() as conn:
            sql(conn, "INSERT INTO member_day (org_id, shop_id, member_id, day, month,"
                         " prev_day, new_month) SELECT org_id, shop_id, member_id, day + 1,"
                         " month, day, 0 FROM member_day")
        with store.read() as conn:
            kw = {"org_id": b.org, "shop_id": b.shop_a, "tz": TZ}
            last = START + timedelta(days=1)
            assert [w.visits for w in analytics.weekly(conn, last=last, weeks=1, **kw)] == [2]
            assert [w.visits for w in analytics.weekly(conn, last=last, weeks=1,
                                                       visit_days=False, **kw)] == [1]
    finally:
        store.close()
