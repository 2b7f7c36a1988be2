"""Tills that worked offline reconnect and agree: events, balances, profiles, conflicts."""

from __future__ import annotations

from datetime import timedelta

from kiosk import ledger, settings
from kiosk.till import Till
from sync import keys
from sync.protocol import MemberBalance
from sync.reconcile import run_once

from .conftest import (
    AheadClock,
    Shop,
    balances_of,
    drain,
    events_of,
    register,
    replayed_balances,
    write_points,
)


def test_three_offline_tills_reconnect_and_agree(shop: Shop) -> None:
    a, b, c = shop.till("a"), shop.till("b"), shop.till("c")
    pairs = [(t, shop.client(t)) for t in (a, b, c)]
    members = register(a, 4)
    drain(pairs)  # everyone knows the members; now the network goes away

    written = {}
    for i, (till, _) in enumerate(pairs):
        write_points(till, members, 40 + 7 * i, points=i + 1)
        mine = register(till, 2, prefix=f"New at {i}")
        write_points(till, mine, 5)
        till.purchase(members[i], amount_minor=12_000)
        written[i] = set(events_of(till))
    assert all(till.pending_count() > 40 for till, _ in pairs)

    drain(pairs)

    on_server = shop.server_events()
    ids = [e.id for e in on_server]
    assert len(ids) == len(set(ids)), "the server holds an event twice"
    everything = set().union(*written.values())
    assert everything <= set(ids)  # all arrived (the server also has its programme event)
    truth = replayed_balances(on_server)
    for till, client in pairs:
        assert till.pending_count() == 0
        assert set(events_of(till)) == set(ids)
        assert balances_of(till) == truth
        assert till.check_balances() == []
        mine = [MemberBalance(member_id=m, stamps=s, points=p, cashback_minor=cb)
                for m, (s, p, cb) in balances_of(till).items()]
        assert client.check(mine).mismatched == []


def test_two_tills_redeem_the_same_last_reward_offline(shop: Shop) -> None:
    a, b = shop.till("a"), shop.till("b")
    ca, cb = shop.client(a), shop.client(b)
    [member] = register(a, 1)
    a.adjust(member, stamps=10, reason="paper card")
    drain([(a, ca), (b, cb)])
    assert b.member(member).stamps == 10

    first = a.redeem(member, "free-coffee").event  # both tills are offline here
    second = b.redeem(member, "free-coffee").event

    drain([(a, ca), (b, cb)])
    conflicts = ca.conflicts().conflicts
    assert [c.member_id for c in conflicts] == [member]
    assert conflicts[0].stamps == -10
    assert set(conflicts[0].events) == {first.id, second.id}
    assert a.member(member).stamps == b.member(member).stamps == -10
    assert run_once(a, ca).conflicts == 1  # and a pass reports it


def test_profiles_merge_by_stamp_and_erasure_sticks(shop: Shop) -> None:
    # b's clock runs an hour fast: its stamps are "later" than anything a writes by itself.
    a, b = shop.till("a"), shop.till("b", clock=AheadClock(timedelta(hours=1)))
    ca, cb = shop.client(a), shop.client(b)
    [kari, ola] = register(a, 2)
    a.edit_member(kari, phone="+4791111111")
    drain([(a, ca), (b, cb)])
    assert b.member(kari).phone == "+4791111111"  # personal data came as a profile

    a.edit_member(kari, name="Kari A")  # offline on both; b edits later, so b wins the name
    b.edit_member(kari, name="Kari B", email="kari@example.no")
    drain([(a, ca), (b, cb)])
    for till in (a, b):
        view = till.member(kari)
        assert (view.name, view.email, view.phone) == ("Kari B", "kari@example.no",
                                                      "+4791111111")

    # a has seen b's stamps (its clock observed them), so a's next edit wins over them.
    a.edit_member(kari, email="kari@a.example")
    drain([(a, ca), (b, cb)])
    assert a.member(kari).email == b.member(kari).email == "kari@a.example"

    b.edit_member(ola, name="Ola before erasure")  # b has not heard of the erasure yet
    _erase(a, ola)
    drain([(a, ca), (b, cb)])
    for till in (a, b):
        view = till.member(ola)
        assert view.erased and view.name is None
    c = shop.till("c")  # a till that arrives later never sees the erased data either
    drain([(c, shop.client(c))])
    assert c.member(ola).erased and c.member(ola).name is None
    assert c.member(kari).name == "Kari B"


def _erase(till: Till, member_id: str) -> None:
    def write(conn, ctx):  # type: ignore[no-untyped-def]
        ledger.append(conn, ctx.origin, ctx.clock,
                      ledger.NewEvent(ledger.MEMBER_ERASED, member_id))
    till.run(write)


def test_a_till_that_missed_events_repairs_itself(shop: Shop) -> None:
    a, b = shop.till("a"), shop.till("b")
    ca, cb = shop.client(a), shop.client(b)
    [member] = register(a, 1)
    drain([(a, ca), (b, cb)])
    write_points(a, [member], 3, points=5)
    run_once(a, ca)
    # A lost page: b's cursor moves past a's events without applying them.
    server_cursor = shop.observer().pull(after=0, limit=1000).cursor
    with b.store.write() as conn:
        settings.put(conn, keys.EVENTS_CURSOR, str(server_cursor))
    b.adjust(member, points=1, reason="touch")

    result = run_once(b, cb)

    assert result.repaired == 1 and result.diverged == []
    assert b.member(member).points == a.member(member).points + 1 == 16
    assert b.check_balances() == []
