"""Which profile edits a till sends, and how received ones merge (SQLite only, no server)."""

from __future__ import annotations

import json

from kiosk import ledger
from kiosk.clock import FixedClock, to_micros
from kiosk.sync_port import PulledProfile
from kiosk.till import Till
from sync.profiles import to_change


def _device(till: Till) -> str:
    device = till.info().device_id
    assert device is not None
    return device


def _edits(till: Till, pushed: str) -> list[tuple[str, set[str]]]:
    if pushed:
        till.sync.profiles_pushed(pushed)
    found = till.sync.profile_edits(_device(till))
    return [(e.member_id, set(to_change(e).fields)) for e in found]


def _merge(till: Till, member: str, cursor: int, **fields: tuple[str, str]) -> set[str]:
    return set(till.sync.apply_profiles(
        [PulledProfile(member_id=member, erased=False, fields=fields)], cursor=cursor).members)


def test_only_this_tills_edits_since_the_last_push_are_sent(
        till: Till, member: str, clock: FixedClock) -> None:
    assert _edits(till, "") == [(member, {"name", "phone", "email", "birthday",
                                          "segments_json"})]
    stamps = till.run(lambda conn, _ctx: json.loads(conn.exec_driver_sql(
        "SELECT profile_hlc_json FROM member WHERE id = ?", (member,)).scalar_one()),
        write=False)
    pushed = max(stamps.values())
    clock.advance(seconds=10)
    assert _edits(till, pushed) == []  # sent already, and well in the past
    till.edit_member(member, email="kari@nordmann.no")
    assert _edits(till, pushed) == [(member, {"email"})]

    # A field another till wrote later is theirs: nothing of it goes out from here.
    other = f"{to_micros(clock.now()) + 5:016d}-0000-0190a000-0000-7000-8000-000000000000"
    _merge(till, member, 1, email=("kari@elsewhere.no", other))
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
    changed = _merge(till, member, 1, name=("Old name", older), phone=("+4799999999", newer),
                     segments_json=("not json", newer))
    view = till.member(member)
    assert changed == {member}
    assert (view.name, view.phone) == ("Kari Nordmann", "+4799999999")
    assert view.segments == {}  # a malformed value is not taken
    assert till.hlc.tick() > newer  # the clock moved past what it saw

    till.run(lambda conn, ctx: ledger.append(conn, ctx.origin, ctx.clock, ledger.NewEvent(
        ledger.MEMBER_ERASED, member)))
    changed = _merge(till, member, 2, name=("Back again", f"{now * 2:016d}-0000-{node}"))
    assert changed == set() and till.member(member).name is None
