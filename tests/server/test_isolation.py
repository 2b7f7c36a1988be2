"""Tenant isolation: every endpoint and verb, with no token, a bad one, a revoked one, and a
valid token of another organisation. Refused, and nothing read or written (checked in the
database, not only in the answers)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import requests

from tests.support.live_server import LiveServer

FUTURE_HLC = "9999999999999999-0000-attacker"


@pytest.fixture
def victim(make_tenant, server: LiveServer) -> dict[str, Any]:
    """An organisation with events, a conflict, a profile, a programme and a revoked till."""
    tenant = make_tenant("Offer AS")
    a, b = tenant.till(), tenant.till()
    member = str(uuid.uuid4())
    a.push(a.event("member_registered", member_id=member),
           a.event("stamp", member_id=member, stamps=10),
           a.event("redeem", member_id=member, stamps=-10))
    b.push(b.event("redeem", member_id=member, stamps=-10))
    a.request("POST", "/v1/profiles", json={"profiles": [{"member_id": member, "fields": {
        "name": {"value": "Kari", "hlc": "1790000000000000-0000-a"}}}]})
    server.admin_publish_program(tenant.shop["id"], {})
    revoked = tenant.till()
    server.admin_revoke_device(revoked.device_id)
    return {"tenant": tenant, "till": a, "member": member, "revoked": revoked,
            "secrets": [tenant.org["id"], tenant.org["card_key"], member, tenant.shop["id"],
                        a.device_id, b.device_id]}


def attacks(victim: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every endpoint, aimed at the victim's data."""
    tenant, till, member = victim["tenant"], victim["till"], victim["member"]
    shop = tenant.shop["id"]
    return [
        ("POST", "/v1/events", {"json": {"events": [till.event("stamp", member_id=member,
                                                               stamps=99)]}}),
        ("GET", "/v1/events", {"params": {"after": 0}}),
        ("GET", f"/v1/members/{member}/events", {}),
        ("POST", "/v1/profiles", {"json": {"profiles": [{"member_id": member, "fields": {
            "name": {"value": "Hacked", "hlc": FUTURE_HLC}}}]}}),
        ("GET", "/v1/profiles", {}),
        ("POST", "/v1/check", {"json": {"balances": [
            {"member_id": member, "stamps": 0, "points": 0, "cashback_minor": 0}]}}),
        ("GET", "/v1/conflicts", {}),
        ("GET", "/v1/reports/daily", {"params": {"day": "2026-11-17", "shop_id": shop}}),
        ("POST", "/v1/admin/orgs", {"json": {"name": "Mine now"}}),
        ("POST", f"/v1/admin/orgs/{tenant.org['id']}/shops", {"json": {"name": "Mine"}}),
        ("POST", f"/v1/admin/shops/{shop}/pairing", {"json": {}}),
        ("DELETE", f"/v1/admin/devices/{till.device_id}", {}),
        ("POST", f"/v1/admin/shops/{shop}/programs", {"json": {"config": {}}}),
        ("POST", f"/v1/admin/orgs/{tenant.org['id']}/events", {"json": {"events": []}}),
    ]


def _send(server: LiveServer, token: str | None, method: str, path: str,
          kwargs: dict[str, Any]) -> requests.Response:
    headers = server.auth(token) if token is not None else {}
    return requests.request(method, server.base_url + path, headers=headers, timeout=30,
                            **kwargs)


@pytest.mark.parametrize("who", ["no token", "garbage token", "revoked token"])
def test_without_a_valid_token_everything_is_refused(who: str, victim, server: LiveServer,
                                                     snapshot) -> None:
    token = {"no token": None, "garbage token": "x" * 43,
             "revoked token": victim["revoked"].enrolment["token"]}[who]
    before = snapshot()
    for method, path, kwargs in attacks(victim):
        response = _send(server, token, method, path, kwargs)
        assert response.status_code == 401, (method, path, response.text)
        assert set(response.json()) == {"detail"}
        assert not any(s in response.text for s in victim["secrets"]), (method, path)
    assert snapshot() == before


def test_another_organisation_reads_and_writes_none_of_it(victim, make_tenant,
                                                          server: LiveServer, snapshot) -> None:
    intruder = make_tenant("Inntrenger AS").till()
    org_id = victim["tenant"].org["id"]
    before = snapshot(org_id)
    answers = {}
    for method, path, kwargs in attacks(victim):
        response = _send(server, intruder.enrolment["token"], method, path, kwargs)
        answers[(method, path.split("/")[2])] = response
        assert response.status_code < 500, (method, path)
        assert not any(s in response.text for s in victim["secrets"][:3]), (method, path)
        if path.startswith("/v1/admin"):
            assert response.status_code == 401, (method, path)
    # The push is answered per event: refused, with the reason.
    push = answers[("POST", "events")].json()
    assert push["accepted"] == [] and "another organisation" in push["rejected"][0]["reason"]
    assert answers[("GET", "events")].json()["events"] == []
    assert answers[("GET", "members")].json()["events"] == []
    assert answers[("GET", "profiles")].json()["profiles"] == []
    assert answers[("POST", "check")].json() == {"mismatched": []}  # zeros, as asked
    assert answers[("GET", "conflicts")].json() == {"conflicts": []}
    assert answers[("GET", "reports")].status_code == 404
    assert snapshot(org_id) == before
    # And the victim's own till still sees its own data, untouched.
    mine = victim["till"].request("GET", "/v1/profiles").json()["profiles"]
    assert mine[0]["fields"]["name"]["value"] == "Kari"


def test_verbs_an_endpoint_does_not_have_are_refused(victim, server: LiveServer,
                                                     snapshot) -> None:
    token = victim["till"].enrolment["token"]
    member = victim["member"]
    # The verbs each path really has; every other verb must be answered 405, not served.
    verbs = {"/v1/events": {"GET", "POST"}, f"/v1/members/{member}/events": {"GET"},
             "/v1/profiles": {"GET", "POST"}, "/v1/check": {"POST"}, "/v1/conflicts": {"GET"},
             "/v1/reports/daily": {"GET"}, "/v1/enrol": {"POST"}, "/v1/health": {"GET"},
             f"/v1/admin/devices/{victim['till'].device_id}": {"DELETE"}}
    before = snapshot()
    for path, allowed in verbs.items():
        for method in ("PUT", "PATCH", "DELETE", "POST", "GET"):
            response = _send(server, token, method, path, {"json": {}})
            assert response.status_code < 500, (method, path)
            if method in allowed:
                assert response.status_code != 405, (method, path)
            else:
                assert response.status_code == 405, (method, path, response.status_code)
                assert "detail" in response.json()
    # A till's token is not an administrator's: revoking a device through it is refused.
    device = f"/v1/admin/devices/{victim['till'].device_id}"
    assert _send(server, token, "DELETE", device, {}).status_code in (401, 403)
    assert snapshot() == before
