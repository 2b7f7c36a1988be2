"""The core's one front door: identify, change sets, listeners, one writer, the thread guard."""

from __future__ import annotations

import threading

import pytest

from kiosk import cards, ledger
from kiosk.changes import Changes
from kiosk.clock import to_micros
from kiosk.errors import CardRefused, WrongThread
from kiosk.members import Registration
from kiosk.till import Till


def _reason(till: Till, text: str, *, scanned: bool = False) -> str:
    with pytest.raises(CardRefused) as refused:
        till.identify(text, scanned=scanned)
    return refused.value.reason


def test_identify_turns_a_card_a_phone_or_a_name_into_a_member(till: Till) -> None:
    kari = till.register(Registration(name="Kari Nordmann", phone="+4791234567"))
    till.register(Registration(name="Kari Lie"))
    by_card = till.identify(kari.code)
    assert (by_card.how, by_card.member.id) == ("card", kari.member_id)
    by_phone = till.identify("+47 912 34 567")
    assert (by_phone.how, by_phone.member.id) == ("phone", kari.member_id)
    several = till.identify("Kari")
    assert several.member is None and several.how == "name"
    assert sorted(m.name for m in several.candidates) == ["Kari Lie", "Kari Nordmann"]
    one = till.identify("Lie")
    assert one.member is not None and one.member.name == "Kari Lie"
    assert till.identify("Nobody Here").how == "none"
    assert till.identify("   ").member is None


def test_identify_says_why_a_card_is_refused(till: Till, make_till) -> None:
    org = till.info().org
    kari = till.register(Registration(name="Kari"))
    jonas = till.register(Registration(name="Jonas"))
    gone = till.register(Registration(name="Gone"))
    till.revoke_cards(jonas.member_id)
    till.erase_member(gone.member_id)
    other_org = make_till(name="other").info().org
    assert _reason(till, jonas.code) == "revoked"
    assert _reason(till, gone.code) == "erased"
    assert _reason(till, cards.new_code(other_org.code_prefix, other_org.card_key)) == "foreign"
    forged = kari.code[:-1] + ("0" if kari.code[-1] != "0" else "1")
    assert _reason(till, forged) == "forged"
    assert _reason(till, cards.new_code(org.code_prefix, org.card_key)) == "unknown"
    assert _reason(till, "https://example.com/not-a-card", scanned=True) == "unreadable"
    assert _reason(till, "x" * 10_000) == "unreadable"


def test_every_write_returns_and_publishes_what_changed(till: Till, member: str) -> None:
    heard: list[Changes] = []
    stop = till.subscribe(heard.append)
    done = till.stamp(member)
    assert heard == [done]
    assert done.event.kind == ledger.STAMP and done.member.stamps == 1
    assert done.members == {member} and done.outbox and not done.pulled
    edited = till.edit_member(member, name="Kari N.")
    assert heard[-1] is edited and edited.member.name == "Kari N." and not edited.outbox
    version = till.publish_program(till.info().program)
    assert heard[-1] is version and version.program and version.version == 2
    stop()
    till.stamp(member)
    assert len(heard) == 3  # unsubscribed


def test_a_database_call_on_a_forbidden_thread_raises(till: Till, member: str) -> None:
    till.forbid_thread(threading.get_ident())
    with pytest.raises(WrongThread):
        till.member(member)
    with pytest.raises(WrongThread):
        till.stamp(member)
    seen: list[int] = []
    worker = threading.Thread(target=lambda: seen.append(till.stamp(member).member.stamps))
    worker.start()
    worker.join(30)
    assert seen == [1]  # any other thread may
    till.forbid_thread(None)
    assert till.member(member).stamps == 1


def test_the_writer_thread_and_the_sync_thread_together(till: Till, make_till, clock) -> None:
    """A screen's writer stamps while the sync port applies pulled events and a programme
    reload lands: nothing is lost, nothing torn, the cache equals a rebuild."""
    ids = [till.register(Registration(name=f"M{i}")).member_id for i in range(4)]
    # Events of another device of the same organisation, as a pull would bring them.
    info = till.info()
    remote = [ledger.EventRecord(
        id=f"0190a000-0000-7000-8000-{i:012d}", device_id="other-till", seq=i + 1,
        ts=to_micros(clock.now()) - 1000 + i, kind=ledger.STAMP, org_id=info.org.id,
        shop_id=info.shop.id, member_id=ids[i % 4], stamps=1) for i in range(200)]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def cashier() -> None:
        try:
            start.wait()
            for i in range(200):
                if i % 50 == 49:
                    till.publish_program(info.program)  # the cached programme reloads
                else:
                    till.adjust(ids[i % 4], stamps=1, reason="hammer")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def sync() -> None:
        try:
            start.wait()
            for i in range(0, 200, 10):
                till.sync.apply_member_events(remote[i:i + 10])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=cashier), threading.Thread(target=sync)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert sum(till.member(m).stamps for m in ids) == 196 + 200
    assert till.info().program_version == 1 + 4
    assert till.check_balances() == []


def test_a_payload_that_does_not_fit_its_kind_is_refused_before_anything_is_written(
        till: Till, member: str) -> None:
    from kiosk.errors import InvalidInput
    from sync.protocol import WireEvent

    before = till.pending_count()
    for kind, payload in ((ledger.CARD_ISSUED, {"card_hash": "not-a-hash"}),
                          (ledger.STAMP, {"category": "x" * 500}),
                          (ledger.PROGRAM_PUBLISHED, {"version": 2, "config": {"nope": 1}}),
                          (ledger.REDEEM, {})):
        with pytest.raises(InvalidInput, match=kind):
            till.run(lambda c, x, k=kind, p=payload: ledger.append(
                c, x.origin, x.clock, ledger.NewEvent(k, member, payload=p)))
    assert till.pending_count() == before
    # The wire's model is the same definition: a till pulling or a server taking a push
    # refuses the same payload.
    good = till.stamp(member).event.as_dict()
    WireEvent.model_validate(good)
    with pytest.raises(ValueError, match="stamp payload"):
        WireEvent.model_validate({**good, "payload": '{"category": 5}'})


def test_the_card_check_a_scanner_prefers_by_is_offline_and_exact(till: Till, make_till) -> None:
    code = till.register(Registration(name="Kari")).code
    other = make_till(name="other").register(Registration(name="Ola")).code
    ours = till.card_check()
    till.forbid_thread(threading.get_ident())  # proves it needs no database any more
    assert ours(code) and not ours(other) and not ours("https://example.com")
    assert not ours(code[:-1] + ("0" if code[-1] != "0" else "1"))
    till.forbid_thread(None)


def test_a_failing_listener_never_turns_a_commit_into_an_error(till: Till, member: str) -> None:
    heard: list[Changes] = []

    def broken(_changes: Changes) -> None:
        raise RuntimeError("a screen's bug")

    till.subscribe(broken)
    till.subscribe(heard.append)
    done = till.stamp(member)  # no exception: the stamp is on disk
    assert done.member.stamps == 1 and heard == [done]
    assert till.member(member).stamps == 1


def test_a_visit_gives_a_cards_stamp_and_shows_the_panel_after_it(till: Till, clock) -> None:
    kari = till.register(Registration(name="Kari Nordmann", phone="+4791234567"))
    heard: list[Changes] = []
    till.subscribe(heard.append)
    seen = till.visit(kari.code, scanned=True, stamp=True)
    assert seen.identified.how == "card" and seen.identified.member.id == kari.member_id
    assert seen.changes is not None and seen.changes.event.kind == ledger.STAMP
    assert heard == [seen.changes] and seen.changes.member.stamps == 1
    assert seen.panel.stamps == 1 and seen.panel.member.stamps == 1
    assert seen.panel.recent[0].kind == ledger.STAMP  # the panel is read after the stamp
    assert seen.reward_earned is None and not seen.capped
    cap = till.info().program.stamp_card.max_stamps_per_visit
    for _ in range(cap - 1):
        assert till.visit(kari.code, scanned=True, stamp=True).changes is not None
    waiting = till.info().waiting
    capped = till.visit(kari.code, scanned=True, stamp=True)
    # Over today's cap: no stamp, nothing written or heard, and the member is still shown.
    assert capped.capped and capped.changes is None and capped.panel.stamps == cap
    assert till.info().waiting == waiting and len(heard) == cap


def test_a_visit_stamps_only_a_card_and_only_when_asked(till: Till) -> None:
    kari = till.register(Registration(name="Kari Nordmann", phone="+4791234567"))
    till.register(Registration(name="Kari Lie"))
    waiting = till.info().waiting
    looked = till.visit(kari.code, scanned=True)
    assert looked.panel.stamps == 0 and looked.changes is None
    by_phone = till.visit("+47 912 34 567", stamp=True)  # a number typed is someone to look at
    assert by_phone.identified.how == "phone" and by_phone.panel.member.id == kari.member_id
    assert by_phone.changes is None and by_phone.panel.stamps == 0
    several = till.visit("Kari", stamp=True)
    assert several.panel is None and len(several.identified.candidates) == 2
    assert till.visit("   ", stamp=True).panel is None
    assert till.info().waiting == waiting


def test_a_refused_card_at_a_visit_writes_nothing(till: Till) -> None:
    jonas = till.register(Registration(name="Jonas"))
    till.revoke_cards(jonas.member_id)
    waiting = till.info().waiting
    with pytest.raises(CardRefused) as refused:
        till.visit(jonas.code, scanned=True, stamp=True)
    assert refused.value.reason == "revoked"
    with pytest.raises(CardRefused):
        till.visit("https://example.com/not-a-card", scanned=True, stamp=True)
    assert till.info().waiting == waiting
    assert till.panel(jonas.member_id).stamps == 0


def test_a_visit_says_which_reward_its_stamp_completed(till: Till, clock) -> None:
    kari = till.register(Registration(name="Kari"))
    card = till.info().program.stamp_card
    goal = card.stamps_for_reward
    while till.panel(kari.member_id).stamps < goal - 1:
        room = goal - 1 - till.panel(kari.member_id).stamps
        till.stamp(kari.member_id, count=min(room, card.max_stamps_per_visit))
        clock.advance(days=1)
    seen = till.visit(kari.code, scanned=True, stamp=True)
    assert seen.panel.stamps == goal
    assert seen.reward_earned == seen.panel.stamp_reward_title is not None
    clock.advance(days=1)
    assert till.visit(kari.code, scanned=True, stamp=True).reward_earned is None  # past it
