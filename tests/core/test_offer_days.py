"""offer_day (kiosk.offer_days) follows a till's own actions: a redeemer's next visit comes
and goes with stamps and their undo, and the cache always equals a rebuild from the events."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from kiosk import members, offer_days
from kiosk.clock import FixedClock
from kiosk.till import Till


def _came_back(till: Till) -> tuple[int, int]:
    """(redeemed, came back) for the free coffee in November, one shop and the organisation."""
    out = []
    for whole in (False, True):
        (coffee,) = [r for r in till.reward_response(date(2026, 11, 1), date(2026, 11, 30),
                                                     whole_org=whole)
                     if r.offer == "reward:free-coffee"]
        out.append((coffee.redeemed, coffee.came_back))
    assert out[0] == out[1]  # one shop: its own visits are the organisation's
    return out[0]


def test_a_redeemers_next_visit_follows_stamps_and_their_undo(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 11, 2, 9, tzinfo=UTC))
    till = Till.open(tmp_path / "till", clock=clock)
    try:
        till.setup(org_name="Kaffe AS", shop_name="Kaffebar")
        kari = till.register(members.Registration(name="Kari Nordmann")).member_id
        for _ in range(4):
            till.stamp(kari, count=3)
            clock.advance(days=1)
        till.redeem(kari, "free-coffee")  # 5 November
        assert _came_back(till) == (1, 0)

        clock.advance(days=5)
        till.stamp(kari)  # back within 30 days
        assert _came_back(till) == (1, 1)
        till.undo(kari)  # ... and undone: that visit never happened
        assert _came_back(till) == (1, 0)
        assert till.check_balances() == []

        clock.advance(days=40)
        till.stamp(kari)  # back, but too late to count
        assert _came_back(till) == (1, 0)
        till.undo(kari)
        clock.advance(days=-39)
        till.stamp(kari)
        assert _came_back(till) == (1, 1)
        assert till.check_balances() == []

        # The set-based rebuild (the migration's) agrees with the fold.
        with till.store.write() as conn:
            folded = offer_days.snapshot(conn)
            assert offer_days.rebuild(conn) == len(folded) > 0
            assert offer_days.snapshot(conn) == folded
    finally:
        till.close()


def test_a_coupon_used_on_a_till_whose_clock_is_behind_stays_used_after_a_rebuild(
        tmp_path: Path) -> None:
    """Till B pulled the welcome coupon, then the member used it there; B's clock runs two
    minutes behind, so in time order the use comes before the issue. A rebuild (klipp check
    --rebuild, or the repair after a sync) must not give the coupon back."""
    import json

    from kiosk import ledger
    from kiosk.ids import new_id
    from tests.core.test_reports import Book

    b = Book()
    kari, coupon = new_id(), new_id()
    day = date(2026, 11, 5)
    b.add(ledger.MEMBER_REGISTERED, kari, day, 9, 0)
    b.add(ledger.COUPON_ISSUED, kari, day, 10, 0, coupon_id=coupon,
          payload=json.dumps({"coupon_kind": "welcome", "title": "Welcome", "valid_from": 0}))
    used = b.add(ledger.COUPON_USED, kari, day, 9, 58, shop=b.shop_b, coupon_id=coupon)
    store = b.store(tmp_path / "till.sqlite3")
    try:
        with store.write() as conn:
            def used_event() -> str | None:
                return conn.exec_driver_sql("SELECT used_event FROM coupon WHERE id = ?",
                                            (coupon,)).scalar_one()

            assert used_event() == used.id
            assert ledger.check(conn) == []
            ledger.rebuild(conn)
            assert used_event() == used.id
    finally:
        store.close()


def test_a_visit_at_another_shop_counts_for_the_organisation_only(tmp_path: Path) -> None:
    """Events arriving one at a time (as a till pulls them): a redemption at shop A, the
    member back at shop B within the month, and that visit undone."""
    from kiosk import analytics, ledger
    from kiosk.ids import new_id
    from kiosk.store import Store, migrate
    from tests.core.test_reports import TZ, Book

    b = Book()
    kari = new_id()
    day = date(2026, 11, 5)
    redeem = b.add(ledger.REDEEM, kari, day, 10, 0, reward_id="coffee")
    back = b.stamp(kari, date(2026, 11, 9), 11, shop=b.shop_b)
    store = Store(tmp_path / "till.sqlite3")
    migrate(store)

    def came_back(shop_id: str | None) -> int:
        with store.read() as conn:
            (coffee,) = analytics.reward_response(conn, org_id=b.org, shop_id=shop_id,
                                                  first=day, last=day, tz=TZ, visit_days=True)
            return coffee.came_back

    try:
        for e in (redeem, back):
            with store.write() as conn:
                ledger.apply_remote(conn, [e])
        assert (came_back(b.shop_a), came_back(None)) == (0, 1)
        undo = b.reverse(back)
        with store.write() as conn:
            ledger.apply_remote(conn, [undo])
        assert (came_back(b.shop_a), came_back(None)) == (0, 0)
        with store.write() as conn:
            assert ledger.check(conn) == []
    finally:
        store.close()
