"""Two tills undo the same action while apart: the member gets it back once, everywhere."""

from __future__ import annotations

from sync.reconcile import run_once
from tests.sync.conftest import Shop, balances_of, register


def test_the_same_stamp_undone_on_two_offline_tills_counts_once(shop: Shop) -> None:
    first, second = shop.till("first"), shop.till("second")
    c1, c2 = shop.client(first), shop.client(second)
    run_once(first, c1)
    (member,) = register(first, 1)
    first.stamp(member)
    first.stamp(member, count=2)
    run_once(first, c1)
    run_once(second, c2)
    assert second.member(member).stamps == 3

    first.undo(member)   # both tills are offline here: neither knows of the other's undo
    second.undo(member)
    for _ in range(2):
        r1, r2 = run_once(first, c1), run_once(second, c2)

    assert first.member(member).stamps == second.member(member).stamps == 1
    assert balances_of(first)[member] == balances_of(second)[member]
    assert r1.diverged == r2.diverged == []
    assert c1.check(list(_mine(first, member))).mismatched == []
    assert c1.conflicts().conflicts == []
    assert first.check_balances() == second.check_balances() == []

    # One rule for which reversal counts: the daily reports agree line by line on both tills
    # and on the server, not only the balances.
    day = first.today()
    here = first.report(day, day).as_dict()
    there = second.report(day, day).as_dict()
    assert here == there
    served = c1._session.get(c1._url("/reports/daily"), params={
        "day": day.isoformat(), "shop_id": first.info().shop.id}, timeout=10).json()
    assert here["stamps_given"] == 1  # three stamped, two undone: one undo counts, once
    assert {k: served[k] for k in here} == here


def _mine(till, member):
    from sync.protocol import MemberBalance

    m = till.member(member)
    yield MemberBalance(member_id=member, stamps=m.stamps, points=m.points,
                        cashback_minor=m.cashback_minor)
