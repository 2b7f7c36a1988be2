"""Events from other tills: applied once, in any order, to the same balances."""

from __future__ import annotations

import itertools
import json

import pytest

from kiosk import ledger
from kiosk.ids import new_id


def _reversal_from(other_device: str, target: ledger.EventRecord, seq: int
                   ) -> ledger.EventRecord:
    return ledger.EventRecord(
        id=new_id(), device_id=other_device, seq=seq, ts=target.ts + seq, kind=ledger.REVERSAL,
        org_id=target.org_id, shop_id=target.shop_id, member_id=target.member_id,
        stamps=-target.stamps, points=-target.points, reverses=target.id,
        payload=json.dumps({"reversed_kind": target.kind}))


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_two_tills_undoing_the_same_action_give_it_back_once(till, member, order) -> None:
    till.stamp(member)
    stamp = till.stamp(member, count=2).event
    a, b = new_id(), new_id()
    reversals = [_reversal_from(a, stamp, 1), _reversal_from(b, stamp, 1),
                 _reversal_from(a, stamp, 2)]
    for i in order:
        till.run(lambda conn, _ctx, r=reversals[i]: ledger.apply_remote(conn, [r]))
    assert till.member(member).stamps == 1
    assert till.check_balances() == []
    till.rebuild_balances()
    assert till.member(member).stamps == 1


def test_a_repeated_event_is_ignored(till, member) -> None:
    stamp = till.stamp(member).event
    other = ledger.EventRecord(**{**stamp.as_dict(), "id": new_id(), "device_id": new_id()})
    for _ in range(3):
        fresh = till.run(lambda conn, _ctx: ledger.apply_remote(conn, [other]))
    assert fresh == []
    assert till.member(member).stamps == 2
