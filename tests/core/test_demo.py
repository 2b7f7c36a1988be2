"""The demo café through the real till, and the bulk chain generator at a small size."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk import ledger
from kiosk.clock import FixedClock, to_micros
from kiosk.demo import build_demo, build_large
from kiosk.errors import KlippError
from kiosk.store import Store, current_revision, head_revision
from kiosk.till import Till

START = datetime(2026, 9, 1, 5, 0, tzinfo=UTC)


def _kinds(till: Till) -> Counter[str]:
    with till.store.read() as conn:
        return Counter(dict(conn.exec_driver_sql(
            "SELECT kind, count(*) FROM event GROUP BY kind").fetchall()))


def test_demo_builds_a_cafe_through_the_till_that_checks_clean(tmp_path: Path) -> None:
    clock = FixedClock(START)
    till = Till.open(tmp_path, clock=clock)
    try:
        result = build_demo(till, members=30, days=28, seed=3, clock=clock)
        assert result.members == len(result.codes) == 30
        assert result.visits > 60 and result.undos >= 1
        assert clock.now() > START + timedelta(days=26)
        kinds = _kinds(till)
        assert kinds[ledger.MEMBER_REGISTERED] == 30
        for kind in (ledger.STAMP, ledger.PURCHASE, ledger.REDEEM, ledger.COUPON_USED,
                     ledger.REVERSAL):
            assert kinds[kind] > 0, kind
        assert result.events == sum(kinds.values()) - 1  # all but the programme's publication
        assert till.check_balances() == []
        for member_id, code in list(result.codes.items())[:5]:
            view = till.lookup(code)
            assert view.id == member_id and view.name and " " in view.name
        with till.store.read() as conn:
            phones = [r[0] for r in conn.exec_driver_sql("SELECT phone FROM member")]
            per_day = conn.exec_driver_sql(
                "SELECT max(n) FROM (SELECT count(*) AS n FROM event e WHERE kind IN"
                " ('stamp', 'purchase') AND NOT EXISTS (SELECT 1 FROM event r"
                " WHERE r.reverses = e.id) GROUP BY member_id, ts / 86400000000)").scalar_one()
        assert len(set(phones)) == len(phones) == 30
        assert all(p.startswith("+47") for p in phones)
        assert per_day <= 3  # never more stamp actions than the cap allows in a day
        last = result.last_day
        summary = till.report(last - timedelta(days=6), last)
        assert summary.visits > 0 and summary.stamps_given > 0
    finally:
        till.close()


def test_demo_on_a_points_till_with_its_own_clock_stays_in_the_past(tmp_path: Path) -> None:
    now = datetime(2026, 11, 17, 9, 30, tzinfo=UTC)
    till = Till.open(tmp_path, clock=FixedClock(now))
    till.setup(org_name="Butikk AS", shop_name="Butikken", template="points")
    try:
        build_demo(till, members=20, days=14, seed=5,
                   clock=FixedClock(now - timedelta(days=13, hours=3)))
        kinds = _kinds(till)
        assert kinds[ledger.PURCHASE] > 10 and kinds[ledger.STAMP] == 0
        with till.store.read() as conn:
            latest, points = conn.exec_driver_sql(
                "SELECT max(ts), sum(points) FROM event WHERE kind = 'purchase'").one()
        assert latest < to_micros(now) and points > 0
        assert till.check_balances() == []
        assert till.clock.now() == now  # the till's own clock is left alone
    finally:
        till.close()


def test_large_generator_writes_what_the_real_path_would(tmp_path: Path) -> None:
    path = tmp_path / "till.sqlite3"
    built = build_large(path, members=250, events=4000, shops=3, days=90, seed=11,
                        sample=20, last_day=date(2026, 4, 10))
    assert not list(tmp_path.glob("*.building*"))
    assert 3400 <= built.events <= 4600
    store = Store(path)
    try:
        assert current_revision(store) == head_revision()
        with store.write() as conn:
            assert ledger.check(conn) == []
            counts = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
                      for t in ("member", "balance", "consent", "coupon", "organisation",
                                "shop", "program")}
            assert counts == {"member": 250, "balance": 250, "consent": 250, "coupon": 250,
                              "organisation": 1, "shop": 3, "program": 3}
            live_cards = conn.exec_driver_sql(
                "SELECT count(DISTINCT member_id) FROM card WHERE revoked_at IS NULL"
            ).scalar_one()
            assert live_cards == 250
            gaps = conn.exec_driver_sql(
                "SELECT count(*) FROM (SELECT device_id, count(*) AS n, min(seq) AS lo,"
                " max(seq) AS hi FROM event GROUP BY device_id) WHERE lo != 1 OR hi != n"
            ).scalar_one()
            assert gaps == 0
            outbox_devices = conn.exec_driver_sql(
                "SELECT DISTINCT e.device_id FROM outbox o JOIN event e ON e.id = o.event_id"
            ).fetchall()
            assert outbox_devices == [(conn.exec_driver_sql(
                "SELECT value FROM setting WHERE key = 'device_id'").scalar_one(),)]
    finally:
        store.close()
    till = Till.open(tmp_path)
    try:
        for code, member_id in built.codes.items():
            assert till.lookup(code).id == member_id
        assert till.info().shop.id == built.till_shop_id
    finally:
        till.close()
    with pytest.raises(KlippError, match="already exists"):
        build_large(path, members=10, events=100)


def test_large_generator_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    def facts(name: str) -> list[tuple[object, ...]]:
        built = build_large(tmp_path / name, members=60, events=700, shops=2, days=30, seed=4)
        store = Store(built.path)
        with store.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, device_id, seq, ts, kind, member_id, stamps, amount_minor, reverses"
                " FROM event ORDER BY id").fetchall()
        store.close()
        return rows

    assert facts("a.sqlite3") == facts("b.sqlite3")
