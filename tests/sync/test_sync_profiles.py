"""Which profile edits a till sends, and how received ones merge (SQLite only, no server)."""

from __future__ import annotations

import json

from kiosk import ledger
from kiosk.clock import FixedClock, to_micros
from kiosk.till import Till
from sync.profiles import local_edits, merge
from sync.protocol import FieldValue, ServerProfile


def _device(till: Till) -> str:
    return till.context.origin.device_id


def _edits(till: Till, pushed: str) -> list[tuple[str, set[str]]]:
    with till.store.read() as conn:
        found = local_edits(conn, _device(till), pushed, now=to_micros(till.clock.now()))
    return [(e.change.member_id, set(e.change.fields)) for e in found]


def test_only_this_tills_edits_since_the_last_push_are_sent(
        till: Till, member: str, clock: FixedClock) -> None:
    assert _edits(till, "") == [(member, {"name", "phone", "email", "birthday",
                                          "segments_json"})]
    with till.store.read() as conn:
        stamps = json.loads(conn.exec_driver_sql(
            "SELECT profile_hlc_json FROM member WHERE id = ?", (member,)).scalar_one())
    pushed = max(stamps.values())
    clock.advance(seconds=10)
    assert _edits(till, pushed) == []  # sent already, and well in the past
    till.edit_member(member, email="kari@nordmann.no")
    assert _edits(till, pushed) == [(member, {"email"})]

    # A field another till wrote later is theirs: nothing of it goes out from here.
    other = f"{to_micros(clock.now()) + 5:016d}-0000-0190a000-0000-7000-8000-000000000000"
    with till.store.write() as conn:
        merge(conn, till.hlc, org_id=till.org.id, now=0, profiles=[ServerProfile(
            member_id=member, server_seq=1,
            fields={"email": FieldValue(value="kari@elsewhere.no", hlc=other)})])
    clock.advance(seconds=10)
    assert _edits(till, pushed) == []
    assert till.member(member).email == "kari@elsewhere.no"


def test_merge_takes_the_higher_stamp_per_field_and_erasure_sticks(
        till: Till, member: str, clock: FixedClock) -> None:
    assert till.hlc is not None
    now = to_micros(clock.now())
    node = "0190a000-0000-7000-8000-000000000001"
    older = f"{now - 1_000_000:016d}-0000-{node}"
    newer = f"{now + 3_600_000_000:016d}-0000-{node}"  # an hour ahead
    with till.store.write() as conn:
        changed = merge(conn, till.hlc, org_id=till.org.id, now=now, profiles=[ServerProfile(
            member_id=member, server_seq=1, fields={
                "name": FieldValue(value="Old name", hlc=older),
                "phone": FieldValue(value="+4799999999", hlc=newer),
                "segments_json": FieldValue(value="not json", hlc=newer)})])
    view = till.member(member)
    assert changed == {member}
    assert (view.name, view.phone) == ("Kari Nordmann", "+4799999999")
    assert view.segments == {}  # a malformed value is not taken
    assert till.hlc.tick() > newer  # the clock moved past what it saw

    till.run(lambda conn, ctx: ledger.append(conn, ctx.origin, ctx.clock, ledger.NewEvent(
        ledger.MEMBER_ERASED, member)))
    with till.store.write() as conn:
        changed = merge(conn, till.hlc, org_id=till.org.id, now=now, profiles=[ServerProfile(
            member_id=member, server_seq=2,
            fields={"name": FieldValue(value="Back again", hlc=f"{now * 2:016d}-0000-{node}")})])
    assert changed == set() and till.member(member).name is None
