"""Tenant isolation through references inside payloads, not only through endpoints.

An event that names another event (a reversal's `reverses`) or a coupon (a coupon use, the
reversal of one) must name one of its own organisation. Another tenant's is refused like one
nobody holds: the whole batch, 422, nothing stored. An event id another organisation already
used is stored like any new id, so the answer never tells that it exists; and in every query
that joins events, the other tenant's copy changes nothing.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.server.conftest import Tenant, Till

LOWEST_ID = "00000000-0000-4000-8000-000000000001"
HIGHEST_ID = "ffffffff-ffff-4fff-bfff-ffffffffffff"
USED = '{"title": "Velkommen"}'
UNDO_STAMP = '{"reversed_kind": "stamp"}'


def _day(event: dict[str, Any]) -> str:
    return datetime.fromtimestamp(event["ts"] / 1e6, ZoneInfo("Europe/Oslo")).date().isoformat()


class Victim:
    """Organisation B: a member with stamps, a redemption, a coupon, and reversals."""

    def __init__(self, tenant: Tenant) -> None:
        self.tenant = tenant
        self.till: Till = tenant.till()
        t = self.till
        self.member = str(uuid.uuid4())
        self.coupon = str(uuid.uuid4())
        self.stamp = t.event("stamp", member_id=self.member, stamps=5)
        # Undone by B itself, with the highest id: any other reversal of it would sort first.
        self.undone = t.event("stamp", member_id=self.member, stamps=2)
        self.kept = t.event("stamp", member_id=self.member, stamps=3)
        self.redeem = t.event("redeem", member_id=self.member, stamps=-10, reward_id="coffee",
                              payload='{"title": "Kaffe"}')
        self.issued = t.event("coupon_issued", member_id=self.member, coupon_id=self.coupon,
                              payload=json.dumps({"coupon_kind": "welcome", "title": "Velkommen",
                                                  "valid_from": 0}))
        self.used = t.event("coupon_used", member_id=self.member, coupon_id=self.coupon,
                            payload=USED)
        undo = t.event("reversal", member_id=self.member, stamps=-2,
                       reverses=self.undone["id"], payload='{"reversed_kind": "stamp"}')
        undo["id"] = HIGHEST_ID
        answer = t.push(t.event("member_registered", member_id=self.member), self.stamp,
                        self.undone, self.kept, self.redeem, self.issued, self.used, undo)
        assert len(answer["accepted"]) == 8, answer
        self.day = _day(self.stamp)

    def balance(self) -> dict[str, Any]:
        return {"member_id": self.member, "stamps": 5 + 3 - 10, "points": 0,
                "cashback_minor": 0}

    def view(self) -> dict[str, Any]:
        """Everything B's tills can see about what the server holds."""
        t = self.till
        report = t.request("GET", "/v1/reports/daily", params={"day": self.day})
        check = t.request("POST", "/v1/check", json={"balances": [self.balance()]})
        conflicts = t.request("GET", "/v1/conflicts")
        for response in (report, check, conflicts):
            assert response.status_code == 200, response.text
        return {"report": report.json(), "check": check.json(),
                "conflicts": conflicts.json(), "pull": t.pull()["events"]}


@pytest.fixture
def victim(make_tenant) -> Victim:
    return Victim(make_tenant("Offer AS"))


@pytest.fixture
def attacker(make_tenant) -> Till:
    return make_tenant("Angriper AS").till()


def _refused(till: Till, *events: dict[str, Any]) -> str:
    response = till.request("POST", "/v1/events", json={"events": list(events)})
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    for event in events:  # the detail names the pusher's event, never the target
        detail = detail.replace(event["id"], "<id>")
    return detail


def test_the_victim_sees_what_it_wrote(victim: Victim) -> None:
    """The baseline the other tests compare with: B's own figures are right."""
    view = victim.view()
    assert view["check"]["mismatched"] == []
    assert view["report"]["stamps_given"] == 8, view["report"]
    assert [c["member_id"] for c in view["conflicts"]["conflicts"]] == [victim.member]


@pytest.mark.parametrize("target", ["stamp", "redeem", "used"])
def test_a_reversal_of_another_tenants_event_is_refused_like_an_unknown_one(
        target: str, victim: Victim, attacker: Till, snapshot) -> None:
    aimed = getattr(victim, target)
    before, ours, theirs = victim.view(), snapshot(attacker.org_id), snapshot(
        victim.tenant.org["id"])
    member = str(uuid.uuid4())
    legit = attacker.event("stamp", member_id=member, stamps=1)
    attack = attacker.event("reversal", member_id=victim.member, stamps=-aimed["stamps"],
                            reverses=aimed["id"], coupon_id=aimed["coupon_id"],
                            payload=json.dumps({"reversed_kind": aimed["kind"]}))
    detail = _refused(attacker, legit, attack)
    # The same words as for an id no organisation holds: nothing learnt about B.
    unknown = attacker.event("reversal", member_id=member, stamps=-1,
                             reverses=str(uuid.uuid4()), coupon_id=aimed["coupon_id"],
                             payload=json.dumps({"reversed_kind": aimed["kind"]}))
    assert _refused(attacker, legit, unknown) == detail
    assert "does not have" in detail
    assert snapshot(attacker.org_id) == ours  # the legitimate stamp went neither
    assert snapshot(victim.tenant.org["id"]) == theirs
    assert victim.view() == before


def test_using_another_tenants_coupon_is_refused(victim: Victim, attacker: Till,
                                                 snapshot) -> None:
    before, ours = victim.view(), snapshot(attacker.org_id)
    attack = attacker.event("coupon_used", member_id=victim.member, coupon_id=victim.coupon,
                            payload=USED)
    detail = _refused(attacker, attacker.event("stamp", stamps=1), attack)
    assert "never issued" in detail
    unknown = attacker.event("coupon_used", member_id=victim.member, coupon_id=str(uuid.uuid4()),
                             payload=USED)
    assert _refused(attacker, attacker.event("stamp", stamps=1), unknown) == detail
    assert snapshot(attacker.org_id) == ours
    assert victim.view() == before


def test_references_within_the_organisation_are_accepted(attacker: Till) -> None:
    """The check must not refuse what a real till sends: targets in the batch or stored."""
    t, member, coupon = attacker, str(uuid.uuid4()), str(uuid.uuid4())
    stamp = t.event("stamp", member_id=member, stamps=1)
    issued = t.event("coupon_issued", member_id=member, coupon_id=coupon,
                     payload=json.dumps({"coupon_kind": "birthday", "title": "Gratulerer",
                                         "valid_from": 0}))
    used = t.event("coupon_used", member_id=member, coupon_id=coupon, payload=USED)
    undo = t.event("reversal", member_id=member, stamps=-1, reverses=stamp["id"],
                   payload=UNDO_STAMP)
    assert len(t.push(stamp, issued, used, undo)["accepted"]) == 4  # in the same batch
    undo_use = t.event("reversal", member_id=member, reverses=used["id"], coupon_id=coupon,
                       payload='{"reversed_kind": "coupon_used"}')
    again = t.event("coupon_used", member_id=member, coupon_id=coupon, payload=USED)
    assert len(t.push(undo_use, again)["accepted"]) == 2  # stored in an earlier batch


def test_an_id_another_tenant_used_is_taken_like_a_new_one_and_changes_nothing_there(
        victim: Victim, attacker: Till, snapshot) -> None:
    before, theirs = victim.view(), snapshot(victim.tenant.org["id"])
    member = str(uuid.uuid4())
    copies = [attacker.event("stamp", member_id=member, stamps=4, id=victim.undone["id"]),
              attacker.event("stamp", member_id=member, stamps=6, id=victim.kept["id"]),
              attacker.event("redeem", member_id=member, stamps=-10, id=victim.redeem["id"],
                             payload='{"title": "Kaffe"}')]
    answer = attacker.push(*copies)
    # Exactly the answer to new ids: not "duplicate", not refused.
    assert answer == {"accepted": [c["id"] for c in copies], "duplicate": [], "rejected": []}
    assert attacker.push(*copies) == {"accepted": [], "duplicate": [c["id"] for c in copies],
                                      "rejected": []}
    # The attacker undoes its copies; its first reversal has the lowest id there is, so a
    # query matching reversals by id alone would let it outrank B's own.
    undo_first = attacker.event("reversal", member_id=member, stamps=-4,
                                reverses=victim.undone["id"], id=LOWEST_ID,
                                payload=UNDO_STAMP)
    undo_kept = attacker.event("reversal", member_id=member, stamps=-6,
                               reverses=victim.kept["id"], payload=UNDO_STAMP)
    undo_redeem = attacker.event("reversal", member_id=member, stamps=10,
                                 reverses=victim.redeem["id"],
                                 payload='{"reversed_kind": "redeem"}')
    assert len(attacker.push(undo_first, undo_kept, undo_redeem)["accepted"]) == 3
    assert snapshot(victim.tenant.org["id"]) == theirs
    assert victim.view() == before
    # ...and the attacker sees only its own events, its own way.
    pulled = attacker.pull()["events"]
    assert {e["org_id"] for e in pulled} == {attacker.org_id}
    assert [e["stamps"] for e in pulled] == [4, 6, -10, -4, -6, 10]
    check = attacker.request("POST", "/v1/check", json={"balances": [
        {"member_id": member, "stamps": 0, "points": 0, "cashback_minor": 0}]})
    assert check.json()["mismatched"] == []
