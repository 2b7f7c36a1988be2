"""A till whose cached balance went wrong is put right by the check after a sync."""

from __future__ import annotations

from sync.reconcile import run_once
from tests.sync.conftest import Shop, register


def test_a_corrupted_local_balance_is_rebuilt_and_reported_repaired(shop: Shop) -> None:
    till = shop.till("repair")
    client = shop.client(till)
    (member,) = register(till, 1)
    till.adjust(member, points=40, reason="opening balance")
    run_once(till, client)
    with till.store.write() as conn:  # a bug or a bad disk: the cache no longer fits
        conn.exec_driver_sql("UPDATE balance SET points = 999 WHERE member_id = ?", (member,))
    assert till.member(member).points == 999

    result = run_once(till, client)

    assert till.member(member).points == 40
    assert result.repaired == 1
    assert result.diverged == []
    assert till.check_balances() == []
