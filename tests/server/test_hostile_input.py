"""Malformed, oversized and hostile requests: a clear 4xx, never a 5xx, and nothing stored."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest
import requests

from tests.support.live_server import LiveServer


@pytest.fixture
def till(tenant):
    return tenant.till()


def _raw(till, method: str, path: str, data: bytes | Iterator[bytes],
         content_type: str = "application/json") -> requests.Response:
    return till.request(method, path, data=data, headers={"Content-Type": content_type})


def _assert_refused(response: requests.Response, status: int | tuple[int, ...] = 422) -> None:
    statuses = (status,) if isinstance(status, int) else status
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]


def test_bodies_that_are_not_the_right_json(till, snapshot) -> None:
    before = snapshot()
    event = till.event(stamps=1)
    bodies = [
        b"", b"{", b"null", b"[]", b'"events"', b'{"events": {}}',
        b'{"events": null}', b'{"events": [1, 2]}', b'{"events": [], "extra": 1}',
        json.dumps({"events": [{**event, "seq": "one"}]}).encode(),
        json.dumps({"events": [{**event, "stamps": 1.5}]}).encode(),
        json.dumps({"events": [{**event, "stamps": 10**13}]}).encode(),
        json.dumps({"events": [{**event, "seq": 2**70}]}).encode(),
        json.dumps({"events": [{**event, "kind": "free_money"}]}).encode(),
        json.dumps({"events": [{**event, "id": "'; DROP TABLE event; --"}]}).encode(),
        json.dumps({"events": [{**event, "payload": "[1, 2]"}]}).encode(),
        json.dumps({"events": [{**event, "payload": "not json"}]}).encode(),
        json.dumps({"events": [{**event, "surprise": True}]}).encode(),
        json.dumps({"events": [{k: v for k, v in event.items() if k != "org_id"}]}).encode(),
    ]
    for body in bodies:
        _assert_refused(_raw(till, "POST", "/v1/events", body))
    _assert_refused(_raw(till, "POST", "/v1/events", json.dumps({"events": []}).encode(),
                         "text/plain"))
    _assert_refused(_raw(till, "POST", "/v1/events", b"\xff\xfe\x00"), 400)  # not UTF-8
    assert snapshot() == before


def test_a_batch_over_the_limit_is_refused_whole(till, snapshot) -> None:
    before = snapshot()
    response = till.request("POST", "/v1/events",
                            json={"events": [till.event(stamps=1) for _ in range(2000)]})
    _assert_refused(response)
    assert "events" in response.json()["detail"]
    assert snapshot() == before


def test_huge_strings_are_refused(till, server: LiveServer, tenant, snapshot) -> None:
    code = server.admin_create_pairing(tenant.shop["id"])
    before = snapshot()
    big = "x" * 100_000
    for fields in ({"payload": json.dumps({"note": big})}, {"reward_id": big}, {"tier": big},
                   {"currency": big}):
        _assert_refused(till.request("POST", "/v1/events", json={"events": [
            till.event(**fields)]}))
    _assert_refused(till.request("POST", "/v1/profiles", json={"profiles": [{
        "member_id": str(uuid.uuid4()),
        "fields": {"name": {"value": big, "hlc": "1790000000000000-0000-x"}}}]}))
    _assert_refused(server.enrol(big))
    _assert_refused(server.enrol(code, None, big))
    assert snapshot() == before


def test_bodies_over_four_mebibytes_are_refused_unread(till, snapshot) -> None:
    before = snapshot()
    blob = b'{"events": [' + b" " * (4 * 1024 * 1024 + 10) + b"]}"
    _assert_refused(_raw(till, "POST", "/v1/events", blob), 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer
        yield b'{"events": ['
        for _ in range(5):
            yield b" " * (1024 * 1024)
        yield b"]}"

    _assert_refused(_raw(till, "POST", "/v1/events", chunks()), 413)
    assert snapshot() == before


def test_sql_looking_text_is_just_text(till, pg) -> None:
    hostile = "x'); DROP TABLE event; --"
    event = till.event(reward_id=hostile[:40], tier="' OR '1'='1",
                       payload=json.dumps({"category": "'; DELETE FROM device; --"}))
    assert till.push(event)["accepted"] == [event["id"]]
    stored = pg.execute("SELECT reward_id, tier, payload FROM event WHERE id = %s",
                        (event["id"],)).fetchone()
    assert stored == (event["reward_id"], event["tier"], event["payload"])
    assert pg.execute("SELECT count(*) FROM device").fetchone()[0] > 0
    for params in ({"after": "0 OR 1=1"}, {"limit": "1; DROP TABLE event"}, {"after": -1},
                   {"after": 2**64}, {"limit": 0}, {"limit": 1001}):
        _assert_refused(till.request("GET", "/v1/events", params=params))
    _assert_refused(till.request("GET", "/v1/members/' OR 1=1 --/events"), (404, 422))


def test_nested_junk_and_unstorable_characters(till, snapshot) -> None:
    before = snapshot()
    deep = "[" * 4000 + "]" * 4000
    _assert_refused(till.request("POST", "/v1/events", json={"events": [
        till.event(payload=json.dumps({"junk": "x"})[:-1] + ', "deep": ' + deep + "}")]}))
    _assert_refused(_raw(till, "POST", "/v1/events", b'{"events": ' + b"[" * 100_000 + b"]}"),
                    (400, 422))
    # NUL cannot be stored in PostgreSQL text: that event alone is refused.
    answer = till.push(till.event(tier="gold\x00"), till.event(reward_id="\x00"))
    assert answer["accepted"] == [] and len(answer["rejected"]) == 2
    # An unpaired surrogate is not a string at all.
    _assert_refused(till.request("POST", "/v1/events", json={"events": [
        till.event(reward_id="\ud800")]}))
    assert snapshot() == before


def test_junk_authorisation_headers(server: LiveServer, snapshot) -> None:
    before = snapshot()
    for value in ("Bearer", "Bearer " + "A" * 20_000, "Basic dXNlcjpwYXNz", "bearer \t ",
                  "Bearer \u00e6\u00f8\u00e5".encode().decode("latin-1")):
        response = requests.get(server.base_url + "/v1/events", timeout=30,
                                headers={"Authorization": value})
        _assert_refused(response, 401)
    assert snapshot() == before


def test_a_bad_device_name_does_not_spend_the_code(server: LiveServer, tenant) -> None:
    code = server.admin_create_pairing(tenant.shop["id"])
    _assert_refused(server.enrol(code, None, "till\x00one"))
    assert server.enrol(code, None, "till one").status_code == 200


def test_admin_input_is_checked(server: LiveServer, tenant, snapshot) -> None:
    before = snapshot()
    for path, body in (("/orgs", {"name": ""}), ("/orgs", {"name": "X", "timezone": "Nowhere"}),
                       ("/orgs", {"name": "\x00"}),
                       (f"/orgs/{tenant.org['id']}/shops", {"name": "S", "currency": "XXX"}),
                       (f"/orgs/{uuid.uuid4()}/shops", {"name": "S"}),
                       ("/orgs/not-a-uuid/shops", {"name": "S"}),
                       (f"/shops/{tenant.shop['id']}/pairing", {"ttl_seconds": 10**9}),
                       (f"/shops/{tenant.shop['id']}/programs", {"config": {"x": 1}})):
        _assert_refused(server.admin("POST", path, body), (404, 422))
    assert snapshot() == before
