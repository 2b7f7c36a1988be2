"""A till dies with events unsent; the manager's export from its disk is imported by the
server's administrator, once each, although the old till's token is gone."""

from __future__ import annotations

import json
import subprocess
import sys

from sync.enrol import unpair
from sync.protocol import read_export
from sync.reconcile import run_once
from tests.support.live_server import LiveServer

from .conftest import Shop, register, write_points


def test_the_export_of_a_dead_till_is_imported_once_by_the_administrator(
        shop: Shop, live: LiveServer) -> None:
    old = shop.till("old")
    client = shop.client(old)
    run_once(old, client)
    members = register(old, 2)
    run_once(old, client)
    write_points(old, members, 15)           # written offline: still waiting
    export = unpair(old, confirm=True)       # the manager rescues them before the reinstall
    assert export is not None
    _, events = read_export(export)
    assert len(events) == 15

    # The reinstalled till is a new device: its token may not push the old device's events.
    new = shop.till("new")
    refused = shop.client(new).push(events[:3])
    assert [r.reason for r in refused.rejected] == ["the event was written by another device"] * 3

    body = {"events": [json.loads(e.model_dump_json()) for e in events[:5]]}
    first = live.admin("POST", f"/orgs/{shop.org_id}/events", body, 200).json()
    assert (len(first["accepted"]), first["rejected"]) == (5, [])

    # The rest through the command line, then the whole file again: nothing twice.
    cli = [sys.executable, "-m", "server", "import", "--database-url", live.database_url,
           "--org", shop.org_id, str(export), "--json"]
    done = json.loads(subprocess.run(cli, capture_output=True, text=True, timeout=60,
                                     check=True).stdout)
    assert (done["accepted"], done["duplicate"], done["rejected"]) == (10, 5, 0)
    again = json.loads(subprocess.run(cli, capture_output=True, text=True, timeout=60,
                                      check=True).stdout)
    assert (again["accepted"], again["duplicate"]) == (0, 15)

    ids = [e.id for e in shop.server_events()]
    assert len(ids) == len(set(ids))
    assert {e.id for e in events} <= set(ids)
    run_once(new, shop.client(new))
    assert sum(new.member(m).points for m in members) == 15


def test_another_organisations_administrator_cannot_import_them(
        shop: Shop, live: LiveServer) -> None:
    old = shop.till("old")
    run_once(old, shop.client(old))
    (member,) = register(old, 1)
    export = unpair(old, confirm=True)
    _, events = read_export(export)
    other = live.admin_create_org("Someone else")
    body = {"events": [json.loads(e.model_dump_json()) for e in events]}
    answer = live.admin("POST", f"/orgs/{other['id']}/events", body, 200).json()
    assert answer["accepted"] == []
    assert {r["reason"] for r in answer["rejected"]} == {
        "the event belongs to another organisation"}
    assert member not in {e.member_id for e in shop.server_events()}
