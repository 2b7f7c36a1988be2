"""The server as a process: rate limits, kill -9 and restart, and SQLite with no configuration."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
import requests

from server.cli import main
from tests.support.live_server import LiveServer, wire_event


def test_a_till_that_asks_too_often_is_told_to_wait(pg_url: str, server: LiveServer) -> None:
    org = server.admin_create_org("Travelt AS")
    shop = server.admin_create_shop(org["id"], "Hjørnet")
    limits = {"rate_per_second": 0.2, "rate_burst": 3, "enrol_rate_per_second": 0.2,
              "enrol_burst": 2}
    with LiveServer(pg_url, settings=limits) as strict:
        busy, calm = strict.enrol_till(shop["id"]), strict.enrol_till(shop["id"])
        third = strict.enrol(strict.admin_create_pairing(shop["id"]))
        assert third.status_code == 429 and int(third.headers["Retry-After"]) >= 1
        statuses = [requests.get(strict.base_url + "/v1/events", timeout=30,
                                 headers=strict.auth(busy["token"])).status_code
                    for _ in range(5)]
        assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]
        refused = requests.get(strict.base_url + "/v1/events", timeout=30,
                               headers=strict.auth(busy["token"]))
        assert int(refused.headers["Retry-After"]) >= 1
        assert "detail" in refused.json()
        other = requests.get(strict.base_url + "/v1/events", timeout=30,
                             headers=strict.auth(calm["token"]))
        assert other.status_code == 200  # the limit is per till


def test_accepted_events_survive_kill_and_restart(server: LiveServer) -> None:
    org = server.admin_create_org("Strømbrudd AS")
    till = server.enrol_till(server.admin_create_shop(org["id"], "Kaia")["id"])
    headers = server.auth(till["token"])
    events = [wire_event(till, seq, member_id=str(uuid.uuid4()), stamps=1)
              for seq in range(1, 101)]
    pushed = requests.post(server.base_url + "/v1/events", json={"events": events},
                           headers=headers, timeout=30)
    assert len(pushed.json()["accepted"]) == 100
    url = server.base_url
    server.kill()
    assert not server.running
    try:
        requests.get(url + "/v1/health", timeout=2)
        raise AssertionError("the killed server still answers")
    except requests.ConnectionError:
        pass
    assert server.start() == url  # same port, same database
    again = requests.post(url + "/v1/events", json={"events": events}, headers=headers,
                          timeout=30).json()
    assert len(again["duplicate"]) == 100
    pulled = requests.get(url + "/v1/events", params={"limit": 1000}, headers=headers,
                          timeout=30).json()
    assert [e["id"] for e in pulled["events"]] == [e["id"] for e in events]


def test_sqlite_with_no_configuration(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    def cli(*args: str) -> dict:
        assert main([*args, "--data-dir", str(tmp_path), "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    org = cli("org", "create", "--name", "Liten kafé")
    shop = cli("shop", "create", "--org", org["id"], "--name", "Disken")
    code = cli("pair", "--shop", shop["id"])["code"]
    with LiveServer("", settings={"data_dir": tmp_path}) as live:
        assert (tmp_path / "server.sqlite3").exists()
        till = live.enrol(code).json()
        headers = live.auth(till["token"])
        member = str(uuid.uuid4())
        events = [wire_event(till, 1, "stamp", member_id=member, stamps=10),
                  wire_event(till, 2, "redeem", member_id=member, stamps=-10,
                             payload='{"title": "Gratis kaffe"}'),
                  wire_event(till, 3, "redeem", member_id=member, stamps=-10,
                             payload='{"title": "Gratis kaffe"}'),
                  wire_event(till, 4, "member_erased", member_id=member)]

        def call(method: str, path: str, **kwargs) -> dict:
            response = requests.request(method, live.base_url + path, headers=headers,
                                        timeout=30, **kwargs)
            assert response.status_code == 200, response.text
            return response.json()

        assert len(call("POST", "/v1/events", json={"events": events})["accepted"]) == 4
        assert len(call("POST", "/v1/events", json={"events": events})["duplicate"]) == 4
        assert call("GET", "/v1/events", params={"limit": 2})["more"] is True
        conflicts = call("GET", "/v1/conflicts")["conflicts"]
        assert [c["member_id"] for c in conflicts] == [member]
        assert call("POST", "/v1/check", json={"balances": [
            {"member_id": member, "stamps": -10, "points": 0, "cashback_minor": 0}]}) == {
            "mismatched": []}
        written = call("POST", "/v1/profiles", json={"profiles": [{"member_id": member,
            "fields": {"name": {"value": "X", "hlc": "1790000000000000-0000-a"}}}]})
        assert written == {"applied": 0, "stale_fields": 1}
        (profile,) = call("GET", "/v1/profiles")["profiles"]
        assert profile["erased"] is True
        published = live.admin_publish_program(shop["id"], {})
        assert published["version"] == 2  # `shop create` published the cafe template as 1
        assert call("GET", f"/v1/members/{member}/events")["events"][0]["id"] == events[0]["id"]
