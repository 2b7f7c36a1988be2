"""Member profiles (last writer wins per field, erasure wins), conflicts and balance checks."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import psycopg

from kiosk.clock import FixedClock
from kiosk.hlc import HybridClock


def _stamps(device: str, *moments: int) -> list[str]:
    clock = FixedClock(datetime(2026, 11, 17, 9, 0, tzinfo=UTC))
    hlc = HybridClock(clock, device)
    out = []
    for seconds in moments:
        clock.set(datetime(2026, 11, 17, 9, 0, seconds, tzinfo=UTC))
        out.append(hlc.tick())
    return out


def _push(till, member: str, **fields: tuple[str | None, str]) -> dict:
    body = {"profiles": [{"member_id": member, "fields": {
        name: {"value": value, "hlc": stamp} for name, (value, stamp) in fields.items()}}]}
    response = till.request("POST", "/v1/profiles", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def _pull(till, after: int = 0, limit: int = 500) -> dict:
    response = till.request("GET", "/v1/profiles", params={"after": after, "limit": limit})
    assert response.status_code == 200, response.text
    return response.json()


def test_last_writer_wins_per_field(tenant) -> None:
    a, b = tenant.till(), tenant.till()
    member = str(uuid.uuid4())
    early, late = _stamps(a.device_id, 1, 5)
    (middle,) = _stamps(b.device_id, 3)
    assert _push(a, member, name=("Kari", early), phone=("+4791234567", late)) == {
        "applied": 2, "stale_fields": 0}
    # B edits both at a time between: the name is newer than A's, the phone older.
    assert _push(b, member, name=("Kari N.", middle), phone=("+4700000000", middle)) == {
        "applied": 1, "stale_fields": 1}
    # The same write again changes nothing.
    assert _push(b, member, name=("Kari N.", middle)) == {"applied": 0, "stale_fields": 1}
    (profile,) = _pull(a)["profiles"]
    assert profile["member_id"] == member and profile["erased"] is False
    assert profile["fields"] == {"name": {"value": "Kari N.", "hlc": middle},
                                 "phone": {"value": "+4791234567", "hlc": late}}


def test_profile_cursor_pages_and_moves_with_changes(tenant) -> None:
    till = tenant.till()
    members = [str(uuid.uuid4()) for _ in range(3)]
    stamps = _stamps(till.device_id, 1, 2, 3, 4)
    for member, stamp in zip(members, stamps, strict=False):
        _push(till, member, email=(f"{member[:4]}@example.no", stamp))
    first = _pull(till, limit=2)
    assert [p["member_id"] for p in first["profiles"]] == members[:2] and first["more"]
    rest = _pull(till, after=first["cursor"], limit=2)
    assert [p["member_id"] for p in rest["profiles"]] == members[2:] and not rest["more"]
    _push(till, members[0], email=("new@example.no", stamps[3]))
    changed = _pull(till, after=rest["cursor"])
    assert [p["member_id"] for p in changed["profiles"]] == [members[0]]


def test_erasure_wins_over_everything(tenant, pg: psycopg.Connection) -> None:
    a, b = tenant.till(), tenant.till()
    member = str(uuid.uuid4())
    early, late = _stamps(b.device_id, 1, 9)
    _push(b, member, name=("Ola", early), phone=("+4799999999", early))
    a.push(a.event("member_registered", member_id=member),
           a.event("member_erased", member_id=member))
    row = pg.execute("SELECT name, phone, email, birthday, segments_json, erased FROM"
                     " member_profile WHERE member_id = %s", (member,)).fetchone()
    assert row == (None, None, None, None, None, True)
    # A till that was offline edits afterwards with a later stamp: counted stale, not applied.
    assert _push(b, member, name=("Ola Nordmann", late)) == {"applied": 0, "stale_fields": 1}
    (profile,) = [p for p in _pull(a)["profiles"] if p["member_id"] == member]
    assert profile["erased"] is True and profile["fields"] == {}
    # Erasure also reaches members the server never had a profile for.
    stranger = str(uuid.uuid4())
    a.push(a.event("member_erased", member_id=stranger))
    assert _push(b, stranger, name=("Someone", late)) == {"applied": 0, "stale_fields": 1}


def test_profiles_with_unstorable_text_are_refused_whole(tenant, pg) -> None:
    till = tenant.till()
    member = str(uuid.uuid4())
    (stamp,) = _stamps(till.device_id, 1)
    body = {"profiles": [{"member_id": member, "fields": {
        "name": {"value": "ok", "hlc": stamp}, "email": {"value": "a\x00b", "hlc": stamp}}}]}
    response = till.request("POST", "/v1/profiles", json=body)
    assert response.status_code == 422
    count = pg.execute("SELECT count(*) FROM member_profile WHERE member_id = %s",
                       (member,)).fetchone()
    assert count == (0,)


def test_two_tills_redeeming_the_same_last_reward_is_a_conflict(tenant) -> None:
    a, b = tenant.till(), tenant.till()
    member, happy = str(uuid.uuid4()), str(uuid.uuid4())
    a.push(*[a.event("stamp", member_id=member, stamps=1) for _ in range(10)],
           a.event("stamp", member_id=happy, stamps=10))
    # Both tills were offline and both gave away the tenth coffee.
    redeem_a = a.event("redeem", member_id=member, stamps=-10, reward_id="free-coffee")
    redeem_b = b.event("redeem", member_id=member, stamps=-10, reward_id="free-coffee")
    fine = a.event("redeem", member_id=happy, stamps=-10, reward_id="free-coffee")
    assert a.push(redeem_a, fine)["accepted"] and b.push(redeem_b)["accepted"]
    response = a.request("GET", "/v1/conflicts")
    assert response.status_code == 200
    assert redeem_b["ts"] < redeem_a["ts"]
    assert response.json() == {"conflicts": [{  # the redemptions, oldest first
        "member_id": member, "stamps": -10, "points": 0, "cashback_minor": 0,
        "events": [redeem_b["id"], redeem_a["id"]]}]}
    # Undoing one redemption (a reversal) settles it.
    b.push(b.event("reversal", member_id=member, stamps=10, reverses=redeem_b["id"]))
    assert a.request("GET", "/v1/conflicts").json() == {"conflicts": []}


def test_balance_check_names_the_members_that_differ(tenant) -> None:
    till = tenant.till()
    same, off, unknown = (str(uuid.uuid4()) for _ in range(3))
    till.push(till.event("stamp", member_id=same, stamps=3),
              till.event("purchase", member_id=off, points=40, cashback_minor=120,
                         amount_minor=12_000, currency="NOK"),
              till.event("redeem", member_id=off, points=-25))
    body = {"balances": [
        {"member_id": same, "stamps": 3, "points": 0, "cashback_minor": 0},
        {"member_id": off, "stamps": 0, "points": 40, "cashback_minor": 120},
        {"member_id": unknown, "stamps": 1, "points": 0, "cashback_minor": 0},
    ]}
    response = till.request("POST", "/v1/check", json=body)
    assert response.status_code == 200
    assert response.json() == {"mismatched": [
        {"member_id": off, "stamps": 0, "points": 15, "cashback_minor": 120},
        {"member_id": unknown, "stamps": 0, "points": 0, "cashback_minor": 0},
    ]}
