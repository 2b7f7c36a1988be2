"""The screens' read models: what the member panel shows, the earn preview, the last action."""

from __future__ import annotations

from kiosk.clock import FixedClock, to_micros
from kiosk.members import Registration
from kiosk.till import Till


def test_panel_shows_stamps_rewards_coupons_and_the_undo_window(till: Till, member: str,
                                                                clock: FixedClock) -> None:
    for _ in range(2):
        till.stamp(member, count=3)
        clock.advance(days=1)
    till.stamp(member)
    panel = till.panel(member)
    assert (panel.stamps, panel.stamps_for_reward, panel.stamp_reward_title) == (
        7, 10, "Free coffee")
    assert panel.stamps_left_today == 2
    assert [r.id for r in panel.rewards_now] == ["free-pastry"]
    assert [c.kind for c in panel.coupons_today] == ["welcome"]
    assert [line.kind for line in panel.recent[:3]] == ["stamp", "stamp", "stamp"]
    assert panel.undo_deadline == panel.recent[0].ts + 300 * 1_000_000
    assert panel.undo_seconds_left(to_micros(clock.now())) == 300
    clock.advance(seconds=301)
    assert till.panel(member).undo_deadline is None


def test_an_undone_action_is_marked_and_the_undo_window_moves_to_the_one_before(
        till: Till, member: str, clock: FixedClock) -> None:
    till.stamp(member)
    clock.advance(seconds=10)
    first_deadline = till.panel(member).undo_deadline
    till.stamp(member)
    till.undo(member)
    panel = till.panel(member)
    assert panel.recent[0].kind == "reversal" and panel.recent[0].reversed_kind == "stamp"
    assert panel.recent[1].reversed and not panel.recent[2].reversed
    assert panel.undo_deadline == first_deadline
    assert panel.stamps == 1


def test_coupon_used_or_not_yet_valid_is_not_offered_today(till: Till, member: str) -> None:
    coupon = till.panel(member).coupons_today[0]
    till.use_coupon(member, coupon.id)
    assert till.panel(member).coupons_today == ()


def test_tier_progress_and_earn_preview_follow_the_tier_multiplier(make_till) -> None:
    till = make_till("tiered")
    kari = till.register(Registration(name="Kari")).member_id
    panel = till.panel(kari)
    assert panel.tier is not None
    assert (panel.tier.tier, panel.tier.next_tier, panel.tier.to_next) == (
        "bronze", "silver", 300_000)
    assert till.earn_preview(kari, 8950).points == 8
    till.purchase(kari, amount_minor=300_000)
    panel = till.panel(kari)
    assert (panel.tier.tier, panel.tier.next_tier, panel.tier.to_next) == (
        "silver", "gold", 700_000)
    # Silver earns 125 %: what the preview promises is what the purchase gives.
    preview = till.earn_preview(kari, 8950)
    assert preview.points == 11
    assert till.purchase(kari, amount_minor=8950).event.points == preview.points


def test_earn_preview_gives_cashback_and_matches_the_purchase(make_till) -> None:
    till = make_till("points")
    ola = till.register(Registration(name="Ola")).member_id
    preview = till.earn_preview(ola, 12_345)
    done = till.purchase(ola, amount_minor=12_345)
    assert (preview.points, preview.cashback_minor) == (done.event.points,
                                                        done.event.cashback_minor)
    assert preview.cashback_minor == 123


def test_last_action_names_the_member_and_survives_a_reopen(till: Till, member: str,
                                                           clock: FixedClock) -> None:
    till.stamp(member)
    path = till.data_dir
    till.close()
    again = Till.open(path, clock=clock)
    try:
        last = again.last_action()
        assert last is not None
        assert (last.kind, last.stamps, last.member_name) == ("stamp", 1, "Kari Nordmann")
        again.undo(member)
        last = again.last_action()
        assert last is not None and (last.kind, last.reversed_kind) == ("reversal", "stamp")
    finally:
        again.close()


def test_no_last_action_on_a_fresh_till(till: Till) -> None:
    assert till.last_action() is None
