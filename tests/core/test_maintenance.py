"""Daily jobs: birthday coupons in their window, tier downgrades on review, points expiry."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk import gdpr, ledger, maintenance
from kiosk.clock import FixedClock, to_micros
from kiosk.members import Registration, birthday_coupon_id
from kiosk.programs import Tier, TierRule
from kiosk.till import Till

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _open(path: Path, template: str) -> Till:
    till = Till.open(path, clock=FixedClock(START))
    till.setup(org_name="Butikk AS", shop_name="Butikk Sentrum", template=template)
    return till


@pytest.fixture
def cafe(tmp_path: Path) -> Till:
    t = _open(tmp_path, "cafe")
    yield t
    t.close()


def _birthdays(till: Till, today: date) -> int:
    return till.run(lambda c, x: maintenance.issue_birthday_coupons(c, x, today))


def _birthday_coupons(till: Till, member_id: str) -> list[str]:
    return [c.id for c in till.member(member_id).coupons if c.kind == "birthday"]


@pytest.mark.parametrize(("birthday", "today", "year"), [
    ("1990-05-17", date(2026, 5, 10), 2026),  # first day of the 7-day window before
    ("1990-05-17", date(2026, 5, 17), 2026),
    ("1990-05-17", date(2026, 5, 24), 2026),  # last day of the window after
    ("1990-05-17", date(2026, 5, 9), None),
    ("1990-05-17", date(2026, 5, 25), None),
    ("1990-01-03", date(2025, 12, 27), 2026),  # the window reaches back over New Year
    ("1990-01-03", date(2025, 12, 26), None),
    ("1990-12-30", date(2027, 1, 6), 2026),  # ... and forward over it
    ("1990-12-30", date(2027, 1, 7), None),
    ("1992-02-29", date(2027, 2, 21), 2027),  # common year: kept on 28 February
    ("1992-02-29", date(2027, 3, 7), 2027),
    ("1992-02-29", date(2027, 3, 8), None),
    ("02-29", date(2028, 3, 7), 2028),  # leap year: 29 February itself
    ("02-29", date(2028, 2, 21), None),
])
def test_birthday_window_edges(cafe: Till, birthday: str, today: date, year: int | None
                               ) -> None:
    mid = cafe.register(Registration(name="Bursdag", birthday=birthday)).member_id
    assert _birthdays(cafe, today) == (1 if year else 0)
    expected = [birthday_coupon_id(mid, year)] if year else []
    assert _birthday_coupons(cafe, mid) == expected
    assert _birthdays(cafe, today) == 0  # once a year, however often the job runs


def test_birthday_coupon_is_valid_through_the_window_and_usable(cafe: Till) -> None:
    mid = cafe.register(Registration(name="Bursdag", birthday="1990-03-10")).member_id
    nobody = cafe.register(Registration(name="Ingen bursdag")).member_id
    other = cafe.register(Registration(name="Annen dag", birthday="1990-09-01")).member_id
    erased = cafe.register(Registration(name="Slettet", birthday="1990-03-10")).member_id
    cafe.run(lambda c, x: gdpr.erase_member(c, x, erased))
    assert _birthdays(cafe, date(2026, 3, 3)) == 1
    assert not _birthday_coupons(cafe, nobody) and not _birthday_coupons(cafe, other)
    coupon = next(c for c in cafe.member(mid).coupons if c.kind == "birthday")
    # Europe/Oslo: the window opens 3 March 00:00 local (23:00 UTC the day before) and
    # lasts valid_days (30) from then, which is longer than the 7 days after.
    assert coupon.valid_from == to_micros(datetime(2026, 3, 2, 23, tzinfo=UTC))
    assert coupon.valid_to == to_micros(datetime(2026, 4, 1, 22, tzinfo=UTC))
    cafe.clock.advance(days=1)  # type: ignore[attr-defined]
    done = cafe.use_coupon(mid, coupon.id)
    assert done.event.kind == ledger.COUPON_USED
    # Issuing again (another till's run, say) never makes a second or a fresh coupon.
    assert _birthdays(cafe, date(2026, 3, 10)) == 0
    assert cafe.check_balances() == []


def test_no_birthday_coupon_in_programme_issues_nothing(tmp_path: Path) -> None:
    till = _open(tmp_path, "points")
    try:
        till.register(Registration(name="Bursdag", birthday="1990-03-02"))
        assert _birthdays(till, date(2026, 3, 2)) == 0
    finally:
        till.close()


@pytest.fixture
def tiered(tmp_path: Path) -> Till:
    t = _open(tmp_path, "tiered")
    yield t
    t.close()


def _review(till: Till) -> int:
    return till.run(maintenance.review_tiers)


def test_tier_review_downgrades_when_rolling_spend_falls(tiered: Till) -> None:
    clock: FixedClock = tiered.clock  # type: ignore[assignment]
    lapsed = tiered.register(Registration(name="Tidligere gull")).member_id
    steady = tiered.register(Registration(name="Fast sølv")).member_id
    bronze = tiered.register(Registration(name="Bronse")).member_id
    assert tiered.purchase(lapsed, amount_minor=1_200_000).member.tier == "gold"
    assert tiered.purchase(steady, amount_minor=350_000).member.tier == "silver"
    tiered.purchase(bronze, amount_minor=10_000)
    assert _review(tiered) == 0  # everyone still qualifies

    clock.advance(days=200)
    tiered.purchase(lapsed, amount_minor=400_000)  # enough for silver on its own
    tiered.purchase(steady, amount_minor=350_000)
    assert _review(tiered) == 0

    clock.advance(days=170)  # the first purchases are now out of the 365-day window
    assert _review(tiered) == 1
    assert tiered.member(lapsed).tier == "silver"  # one step down to what still qualifies
    assert tiered.member(steady).tier == "silver"
    assert _review(tiered) == 0

    clock.advance(days=200)
    assert _review(tiered) == 2
    assert {tiered.member(m).tier for m in (lapsed, steady)} == {"bronze"}
    with tiered.store.read() as conn:
        last = [e for e in ledger.events_of(conn, lapsed) if e.kind == ledger.TIER_CHANGED]
    assert [(e.tier, e.data["tier_before"]) for e in last] == [
        ("silver", "gold"), ("bronze", "silver")]
    assert tiered.check_balances() == []


def test_tier_review_replaces_a_tier_the_programme_dropped(tiered: Till) -> None:
    mid = tiered.register(Registration(name="Gull")).member_id
    tiered.purchase(mid, amount_minor=1_200_000)
    config = tiered.info().program.model_copy(update={"tiers": TierRule(basis="spend", tiers=[
        Tier(name="member", threshold=0), Tier(name="vip", threshold=1_000_000,
                                                multiplier_percent=200)])})
    tiered.publish_program(config)
    assert _review(tiered) == 1
    assert tiered.member(mid).tier == "vip"


def test_tier_review_without_tiers_does_nothing(cafe: Till) -> None:
    cafe.register(Registration(name="Kari"))
    assert _review(cafe) == 0


@pytest.fixture
def points(tmp_path: Path) -> Till:
    t = _open(tmp_path, "points")  # points expire after 365 days without activity
    yield t
    t.close()


def _expire(till: Till) -> int:
    return till.run(maintenance.expire_points)


def test_points_expire_after_inactivity(points: Till) -> None:
    clock: FixedClock = points.clock  # type: ignore[assignment]
    idle = points.register(Registration(name="Borte")).member_id
    active = points.register(Registration(name="Her")).member_id
    points.purchase(idle, amount_minor=250_000)
    points.purchase(active, amount_minor=100_000)
    assert points.member(idle).points == 250

    clock.advance(days=300)
    points.purchase(active, amount_minor=10_000)
    clock.advance(days=65)
    assert _expire(points) == 0  # exactly 365 days is not yet "more than"
    clock.advance(seconds=1)
    assert _expire(points) == 1
    assert points.member(idle).points == 0
    assert points.member(active).points == 110
    assert _expire(points) == 0
    with points.store.read() as conn:
        expiry = [e for e in ledger.events_of(conn, idle) if e.kind == ledger.POINTS_EXPIRED]
    assert len(expiry) == 1 and expiry[0].points == -250
    assert json.loads(expiry[0].payload)["inactive_days"] == 365
    assert points.check_balances() == []


def test_points_never_expire_when_the_programme_says_so(tiered: Till) -> None:
    mid = tiered.register(Registration(name="Evig")).member_id
    tiered.purchase(mid, amount_minor=100_000)
    tiered.clock.advance(days=4000)  # type: ignore[attr-defined]
    assert _expire(tiered) == 0
    assert tiered.member(mid).points == 100
