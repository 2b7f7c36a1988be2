"""Property tests: whatever a cashier does, the cache equals a rebuild, undo restores, and a
single till never lets a balance go below zero."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.clock import FixedClock
from kiosk.errors import KlippError, UndoRefused
from kiosk.members import Registration
from kiosk.programs import (
    BirthdayCoupon,
    Cashback,
    CouponSpec,
    Limits,
    PointsRule,
    ProgramConfig,
    Reward,
    StampCard,
    Tier,
    TierRule,
)
from kiosk.store import Store
from kiosk.till import Till
from tests.conftest import START

EVERYTHING = ProgramConfig(
    name="All features",
    stamp_card=StampCard(stamps_for_reward=5, reward_id="coffee", max_stamps_per_visit=3),
    points=PointsRule(minor_per_point=1000, rounding="half_up"),
    tiers=TierRule(basis="spend", period_days=30, tiers=[
        Tier(name="bronze", threshold=0), Tier(name="silver", threshold=20_000,
                                               multiplier_percent=150)]),
    cashback=Cashback(basis_points=500),
    welcome_coupon=CouponSpec(title="Welcome", valid_days=2),
    birthday_coupon=BirthdayCoupon(title="Birthday"),
    rewards=[Reward(id="coffee", title="Coffee", cost_stamps=5),
             Reward(id="mug", title="Mug", cost_points=15)],
    limits=Limits(max_redemptions_per_day=4, undo_window_seconds=600),
)

action = st.one_of(
    st.tuples(st.just("stamp"), st.integers(0, 2), st.integers(1, 3)),
    st.tuples(st.just("purchase"), st.integers(0, 2), st.integers(1, 30_000)),
    st.tuples(st.just("redeem"), st.integers(0, 2), st.sampled_from(["coffee", "mug"])),
    st.tuples(st.just("coupon"), st.integers(0, 2), st.just(0)),
    st.tuples(st.just("cashback"), st.integers(0, 2), st.integers(1, 2_000)),
    st.tuples(st.just("undo"), st.integers(0, 2), st.just(0)),
    st.tuples(st.just("wait"), st.just(0), st.sampled_from([60, 900, 86_400, 3 * 86_400])),
)


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    till = Till.open(folder, clock=FixedClock(START))
    till.setup(org_name="Prop AS", shop_name="Prop", template="cafe")
    till.publish_program(EVERYTHING)
    till.close()
    return folder / "till.sqlite3"


def _copy(src: Path, dst_dir: Path) -> Path:
    dst_dir.mkdir(parents=True, exist_ok=True)
    dst = dst_dir / "till.sqlite3"
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return dst


def _state(till: Till, member_id: str) -> tuple:
    m = till.member(member_id)
    return (m.stamps, m.points, m.cashback_minor, m.spend_minor, m.tier,
            tuple(c.used for c in m.coupons))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(actions=st.lists(action, min_size=1, max_size=25))
def test_any_sequence_keeps_cache_equal_to_rebuild(template_db: Path, tmp_path_factory,
                                                   actions) -> None:
    folder = tmp_path_factory.mktemp("prop")
    clock = FixedClock(START)
    till = Till(Store(_copy(template_db, folder)), clock=clock)
    try:
        members = [till.register(Registration(name=f"M{i}")).member_id for i in range(3)]
        undo_stack: dict[str, list[tuple]] = {m: [] for m in members}
        for verb, who, arg in actions:
            if verb == "wait":
                clock.advance(seconds=arg)
                continue
            m = members[who]
            before = _state(till, m)
            events_before = till.pending_count()
            try:
                if verb == "stamp":
                    till.stamp(m, count=arg)
                elif verb == "purchase":
                    till.purchase(m, amount_minor=arg)
                elif verb == "redeem":
                    till.redeem(m, arg)
                elif verb == "coupon":
                    open_coupons = [c for c in till.member(m).coupons if not c.used]
                    till.use_coupon(m, open_coupons[0].id if open_coupons else "none")
                elif verb == "cashback":
                    till.spend_cashback(m, arg)
                elif verb == "undo":
                    till.undo(m)
            except UndoRefused:
                assert _state(till, m) == before
                assert till.pending_count() == events_before
                if undo_stack[m]:
                    undo_stack[m].clear()  # too old: nothing older can be undone either
                continue
            except KlippError:
                # A refusal changes nothing at all.
                assert _state(till, m) == before
                assert till.pending_count() == events_before
                continue
            after = _state(till, m)
            if verb == "undo":
                assert undo_stack[m], "undo succeeded with nothing to undo"
                assert after == undo_stack[m].pop()
            else:
                undo_stack[m].append(before)
            stamps, points, cashback, *_ = after
            assert stamps >= 0 and points >= 0 and cashback >= 0
        assert till.check_balances() == []
    finally:
        till.close()
