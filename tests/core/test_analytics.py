"""The manager's analyses on a small hand-built ledger, answers worked out by hand."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from kiosk import analytics, ledger
from kiosk.ids import new_id
from tests.core.test_reports import TZ, Book

D = date(2026, 11, 10)  # a Tuesday


def _ledger(tmp_path: Path):
    b = Book()
    a, c, x = new_id(), new_id(), new_id()
    # a joined in October and came back in November (twice, once undone).
    b.add(ledger.MEMBER_REGISTERED, a, date(2026, 10, 5), 9, 0)
    b.purchase(a, date(2026, 10, 5), 9, 1, 4000)
    b.purchase(a, D - timedelta(days=7), 9, 10, 5000)
    b.reverse(b.stamp(a, D, 8, 30))
    b.purchase(a, D, 10, 15, 6000)
    b.add(ledger.REDEEM, a, D, 10, 16, stamps=-10, reward_id="free-coffee")
    # c joined in October, never came back; x joined in November.
    b.add(ledger.MEMBER_REGISTERED, c, date(2026, 10, 20), 12, 0)
    b.stamp(c, date(2026, 10, 20), 12, 1)
    welcome = new_id()
    b.add(ledger.MEMBER_REGISTERED, x, D, 10, 0)
    b.add(ledger.COUPON_ISSUED, x, D, 10, 0, coupon_id=welcome,
          payload=json.dumps({"coupon_kind": "welcome", "title": "Welcome",
                                      "valid_from": 0}))
    b.add(ledger.COUPON_USED, x, D, 10, 5, coupon_id=welcome)
    b.stamp(x, D + timedelta(days=3), 15, 0)
    store = b.store(tmp_path / "till.sqlite3")
    return b, store


def test_visits_per_hour_count_a_member_once_and_skip_undone(tmp_path: Path) -> None:
    b, store = _ledger(tmp_path)
    with store.read() as conn:
        h = analytics.visits_per_hour(conn, org_id=b.org, shop_id=b.shop_a, day=D, tz=TZ)
    store.close()
    # a's undone 08:30 stamp is gone: a at 10:15, x at 10:05.
    assert h.hours[10] == 2 and sum(h.hours) == 2


def test_weeks_count_visits_revenue_and_repeats(tmp_path: Path) -> None:
    b, store = _ledger(tmp_path)
    with store.read() as conn:
        weeks = analytics.weekly(conn, org_id=b.org, shop_id=b.shop_a, last=D, tz=TZ, weeks=2)
    store.close()
    assert [w.as_dict()["first"] for w in weeks] == ["2026-10-28", "2026-11-04"]
    # week 1: a on D-7 (repeat: came in October), 5000; week 2: a and x on D, a repeats.
    assert [(w.visits, w.member_revenue_minor, w.repeat_visits) for w in weeks] == [
        (1, 5000, 1), (2, 6000, 1)]
    assert weeks[1].repeat_share == 0.5


def test_cohorts_share_who_came_back_in_later_months(tmp_path: Path) -> None:
    b, store = _ledger(tmp_path)
    with store.read() as conn:
        got = analytics.cohorts(conn, org_id=b.org, shop_id=None, first=date(2026, 10, 1),
                                last=date(2026, 11, 30), tz=TZ)
    store.close()
    assert [c.as_dict() for c in got] == [
        {"month": "2026-10", "members": 2, "returned": [1], "shares": [0.5]},
        {"month": "2026-11", "members": 1, "returned": [], "shares": []}]


def test_reward_response_sorts_the_best_responding_first(tmp_path: Path) -> None:
    b, store = _ledger(tmp_path)
    with store.read() as conn:
        got = analytics.reward_response(conn, org_id=b.org, shop_id=None, first=D, last=D,
                                        tz=TZ)
    store.close()
    # x used the welcome coupon on D and came back on D+3; a redeemed and did not come back.
    assert [(r.offer, r.issued, r.redeemed, r.redeemers, r.came_back) for r in got] == [
        ("coupon:welcome", 1, 1, 1, 1), ("reward:free-coffee", None, 1, 1, 0)]
    assert got[0].redemption_rate == 1.0 and got[1].redemption_rate is None


def test_revenue_effect_compares_early_and_later_membership(tmp_path: Path) -> None:
    b, store = _ledger(tmp_path)
    with store.read() as conn:
        got = analytics.revenue_effect(conn, org_id=b.org, shop_id=None, last=D, tz=TZ)
    store.close()
    # Only a has purchases in both: Oct 5 (4000) and Nov 3 (5000) fall in the first 30 days
    # (two visits), D (6000) after them (one visit); c bought nothing, x joined on D.
    assert (got.members, got.before_spend_per_visit_minor,
            got.after_spend_per_visit_minor) == (1, 4500, 6000)
    assert "cannot show" in got.method


def test_cohorts_and_responses_walk_their_partial_indexes(tmp_path: Path) -> None:
    """Cohorts read a year of registrations from ix_event_offers (and the months from
    member_day's index); reward response reads offer_day's two indexes alone (no event row,
    coupon or member_day probe); never rows one by one: what keeps them fast on a till with a
    million events (bench/bench_manager.py). SQLite has no statistics on a till, so the plan
    here is the plan there."""
    b, store = _ledger(tmp_path)
    statements: list[str] = []
    with store.read() as conn:
        driver = conn.connection.driver_connection
        driver.set_trace_callback(statements.append)
        for shop in (b.shop_a, None):
            analytics.cohorts(conn, org_id=b.org, shop_id=shop, first=date(2026, 10, 1),
                              last=D, tz=TZ)
            analytics.reward_response(conn, org_id=b.org, shop_id=shop, first=D, last=D,
                                      tz=TZ)
        driver.set_trace_callback(None)
        plans = [[row[3] for row in driver.execute(f"EXPLAIN QUERY PLAN {s}")]
                 for s in statements if s.lstrip().startswith("WITH")]
    store.close()
    assert len(plans) == 4
    for plan in plans[0::2]:
        scans = [p for p in plan if p.startswith("SEARCH e ")]
        assert scans and all("COVERING INDEX ix_event_offers" in p for p in scans), plan
        assert any("SEARCH d USING COVERING INDEX ix_member_day_new_month" in p
                   for p in plan), "\n".join(plan)
    for plan in plans[1::2]:
        reads = [p for p in plan if p.startswith(("SEARCH", "SCAN"))]
        assert {p.split(" USING ")[-1].split(" (")[0] for p in reads
                if not p.startswith("SCAN o")} == {"COVERING INDEX ix_offer_day_scope",
                                                   "COVERING INDEX ix_offer_day_coupon"}, plan
