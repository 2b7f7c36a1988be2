"""A member's cards fold to the same state in the cache, in a rebuild and on another till,
whatever the order of revocations, erasures, undos and events arriving by sync."""

from __future__ import annotations

import json
import random
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import actions, cards, gdpr, ledger, members
from kiosk.clock import FixedClock, to_micros
from kiosk.errors import KlippError
from kiosk.ids import new_id
from kiosk.till import Till

START = datetime(2026, 11, 17, 9, 30, tzinfo=UTC)
OTHER_TILL = "0190a000-0000-7000-8000-00000000b0b0"

# Steps on this till, and events of another till arriving by sync, whose clock may run
# minutes behind or ahead of ours (the skew, in seconds).
STEP = st.one_of(
    st.tuples(st.just("revoke"), st.booleans()),
    st.tuples(st.just("erase"), st.none()),
    st.tuples(st.just("stamp"), st.none()),
    st.tuples(st.just("undo"), st.none()),
    st.tuples(st.just("remote_revoke"), st.integers(-600, 600)),
    st.tuples(st.just("remote_erase"), st.integers(-600, 600)),
    st.tuples(st.just("remote_issue"), st.integers(-600, 600)),
)


def _remote(till: Till, member_id: str, kind: str, skew: int, seq: int,
            payload: dict) -> ledger.EventRecord:
    origin = till.run(lambda _conn, ctx: ctx.origin, write=False)
    return ledger.EventRecord(
        id=new_id(), device_id=OTHER_TILL, seq=seq,
        ts=to_micros(till.clock.now()) + skew * 1_000_000, kind=kind,
        org_id=origin.org_id, shop_id=origin.shop_id, member_id=member_id,
        payload=json.dumps(payload, separators=(",", ":"), sort_keys=True))


def _card_hashes(till: Till, member_id: str) -> list[str]:
    with till.store.read() as conn:
        return [r[0] for r in conn.exec_driver_sql(
            "SELECT code_hash FROM card WHERE member_id = ? ORDER BY code_hash", (member_id,))]


def _play(path: Path, steps: list[tuple[str, object]], seed: int) -> None:
    clock = FixedClock(START)
    till = Till.open(path / "a", clock=clock)
    till.setup(org_name="Kaffe AS", shop_name="Kaffebar")
    org = till.info().org
    kari = till.register(members.Registration(name="Kari Nordmann")).member_id
    seq = 0
    for what, arg in steps:
        clock.advance(seconds=7)
        try:
            if what == "revoke":
                def revoke(conn, ctx, new_card=arg):
                    members.revoke_cards(conn, ctx.origin, ctx.clock, kari, "lost")
                    if new_card:
                        members.issue_card(conn, ctx.origin, ctx.clock, org, kari)
                till.run(revoke)
            elif what == "erase":
                till.run(lambda conn, ctx: gdpr.erase_member(conn, ctx, kari))
            elif what == "stamp":
                till.run(lambda conn, ctx: actions.stamp(conn, ctx, kari))
            elif what == "undo":
                till.run(lambda conn, ctx: actions.undo(conn, ctx, kari))
            else:
                seq += 1
                if what == "remote_revoke":
                    hashes = _card_hashes(till, kari)
                    payload = {"card_hash": random.Random(seq).choice(hashes),
                               "reason": "stolen"}
                    kind = ledger.CARD_REVOKED
                elif what == "remote_erase":
                    payload, kind = {}, ledger.MEMBER_ERASED
                else:
                    payload = {"card_hash": cards.code_hash(cards.new_code(
                        org.code_prefix, org.card_key))}
                    kind = ledger.CARD_ISSUED
                event = _remote(till, kari, kind, int(arg), seq, payload)  # type: ignore[arg-type]
                till.run(lambda conn, _ctx, e=event: ledger.apply_remote(conn, [e]))
        except KlippError:
            pass  # refused as the rules say (erased member, nothing to undo): nothing written

    # The cache agrees with a rebuild from the events.
    assert till.check_balances() == []
    with till.store.read() as conn:
        events = [ledger.EventRecord.from_row(r) for r in conn.exec_driver_sql(
            f"SELECT {', '.join(ledger.COLUMNS)} FROM event")]
        mine = ledger.snapshot(conn)["card"]
    # Another till that pulls the same events, in another order, holds the same cards.
    random.Random(seed).shuffle(events)
    other = Till.open(path / "b", clock=FixedClock(START))
    other.setup(org_name="Annen AS", shop_name="Annen")
    other.run(lambda conn, _ctx: ledger.apply_remote(conn, events))
    with other.store.read() as conn:
        theirs = ledger.snapshot(conn)["card"]
    assert other.check_balances() == []
    other.close()
    till.close()
    assert theirs == mine


def test_revoke_then_erase_keeps_the_card_lost_in_the_cache_and_the_rebuild(
        tmp_path: Path) -> None:
    # The first-day report: `revoke kari --new-card`, then `erase kari --yes`, then `check`.
    _play(tmp_path, [("revoke", True), ("erase", None)], seed=0)


def test_a_revocation_stamped_before_the_cards_issue_still_revokes_it(tmp_path: Path) -> None:
    # Another till's clock runs behind: its revocation sorts before the issue in a rebuild.
    _play(tmp_path, [("remote_issue", 300), ("remote_revoke", -300), ("stamp", None)], seed=1)


def test_two_erasures_whatever_arrives_first(tmp_path: Path) -> None:
    _play(tmp_path, [("revoke", True), ("remote_erase", 120), ("erase", None),
                     ("remote_issue", -60)], seed=2)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(STEP, min_size=1, max_size=8), seed=st.integers(0, 2**16))
def test_cards_fold_alike_in_any_order(steps: list[tuple[str, object]], seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _play(Path(tmp), steps, seed)
