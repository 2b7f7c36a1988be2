"""Enrolment: a till adopts its shop's identity; one with an identity or waiting events
refuses unless a manager confirms, and first exports the waiting events."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk import ledger, settings
from kiosk.members import Registration
from kiosk.till import Till
from sync import keys
from sync.client import SyncClient, client_for
from sync.enrol import enrol, unpair
from sync.errors import EnrolRefused, NotPaired, PairingRevoked, ServerRefused
from sync.export import batches, read_export
from sync.reconcile import run_once
from tests.support.live_server import LiveServer

from .conftest import CLIENT, Shop, drain, events_of, events_of_device, write_points


def identity(till: Till) -> tuple[str | None, ...]:
    with till.store.read() as conn:
        return tuple(settings.get(conn, k) for k in (
            settings.DEVICE_ID, settings.ORG_ID, settings.SHOP_ID, keys.SERVER_URL, keys.TOKEN))


def waiting_ids(till: Till) -> set[str]:
    with till.store.read() as conn:
        return {e.id for e in ledger.pending(conn, 100_000)}


def test_a_new_till_adopts_the_shops_identity_and_cards_work_everywhere(shop: Shop) -> None:
    a = shop.till("a")
    done = enrol(b := shop.open_till("b"), server_url=shop.server.base_url,
                 pairing_code=shop.server.admin_create_pairing(shop.shop["id"]))
    assert (done.org_id, done.shop_id, done.export) == (shop.org_id, shop.shop["id"], None)
    device, org, shop_id, url, token = identity(b)
    assert (device, org, shop_id, url) == (done.device_id, shop.org_id, shop.shop["id"],
                                           shop.server.base_url) and token
    org = b.info().org
    assert org is not None
    assert (org.code_prefix, org.card_key) == (shop.org["code_prefix"], shop.org["card_key"])
    drain([(a, shop.client(a)), (b, shop.client(b))])
    assert b.info().program.stamp_card is not None  # the shop's programme came with the first pull

    card = a.register(Registration(name="Kari")).code
    drain([(a, shop.client(a)), (b, shop.client(b))])
    assert b.lookup(card).name == "Kari"  # a card made at one till works at the others


def test_a_standalone_till_with_waiting_events_refuses_then_exports_and_moves(
        shop: Shop, make_till: Callable[..., Till]) -> None:
    standalone = make_till("cafe", name="standalone")
    member = standalone.register(Registration(name="Ola")).member_id
    standalone.stamp(member)
    before, waiting = identity(standalone), waiting_ids(standalone)
    assert waiting
    code = shop.server.admin_create_pairing(shop.shop["id"])

    with pytest.raises(EnrolRefused, match="already set up.*standalone") as refused:
        enrol(standalone, server_url=shop.server.base_url, pairing_code=code)
    exports = sorted((standalone.store.path.parent / "exports").glob("outbox-*.jsonl"))
    assert len(exports) == 1 and str(exports[0]) in str(refused.value)
    header, events = read_export(exports[0])
    assert header["count"] == len(waiting) and {e.id for e in events} == waiting
    assert identity(standalone) == before and waiting_ids(standalone) == waiting

    # The refusal spent nothing: the same code works once a manager confirms.
    done = enrol(standalone, server_url=shop.server.base_url, pairing_code=code, confirm=True)
    assert done.export is not None and done.export != exports[0]
    assert {e.id for e in read_export(done.export)[1]} == waiting
    assert done.handed_over == len(waiting)  # the old organisation's events left the outbox
    assert standalone.pending_count() == 0
    assert identity(standalone)[1:3] == (shop.org_id, shop.shop["id"])
    drain([(standalone, shop.client(standalone))])
    assert standalone.info().program.stamp_card is not None
    assert not (waiting & {e.id for e in shop.server_events()})  # nothing of the old org


def test_re_enrolling_after_revocation_keeps_and_sends_the_waiting_events(
        shop: Shop, live: LiveServer) -> None:
    till = shop.till("a")
    client = shop.client(till)
    drain([(till, client)])
    [member] = [till.register(Registration(name="Kari")).member_id]
    run_once(till, client)
    live.admin_revoke_device(events_of_device(till))
    write_points(till, [member], 12)
    with pytest.raises(PairingRevoked):
        run_once(till, client)
    waiting = waiting_ids(till)
    assert len(waiting) == 12

    with pytest.raises(EnrolRefused, match="12 events are still waiting"):
        enrol(till, server_url=live.base_url,
              pairing_code=live.admin_create_pairing(shop.shop["id"]))
    done = enrol(till, server_url=live.base_url, confirm=True,
                 pairing_code=live.admin_create_pairing(shop.shop["id"]))
    assert done.handed_over == 0 and waiting_ids(till) == waiting  # same org: still to send
    assert done.export is not None

    # The export file imports without duplicates, before or after the till sends them.
    fresh = client_for(till, **CLIENT)
    _, events = read_export(done.export)
    first = [fresh.push(batch) for batch in batches(events)]
    assert sum(len(a.accepted) for a in first) == 12
    result = run_once(till, fresh)
    assert (result.pushed, result.duplicates) == (0, 12)
    again = [fresh.push(batch) for batch in batches(events)]
    assert sum(len(a.duplicate) for a in again) == 12
    ids = [e.id for e in shop.server_events()]
    assert len(ids) == len(set(ids)) and waiting <= set(ids)
    fresh.close()


def test_unpairing_with_waiting_events_needs_a_manager(shop: Shop) -> None:
    till = shop.till("a")
    drain([(till, shop.client(till))])
    member = till.register(Registration(name="Kari")).member_id
    with pytest.raises(EnrolRefused, match="waiting to be sent"):
        unpair(till)
    still = client_for(till, **CLIENT)  # still paired, and the token still works
    assert still.pull(after=0).events
    still.close()
    export = unpair(till, confirm=True)
    assert export is not None and export.exists()
    with pytest.raises(NotPaired):
        client_for(till)
    till.stamp(member)  # the till goes on standalone
    assert till.pending_count() == len(read_export(export)[1]) + 1


def test_a_wrong_pairing_code_is_refused_in_plain_words(shop: Shop) -> None:
    till = shop.open_till("a")
    with pytest.raises(ServerRefused, match="pairing code was not accepted"):
        enrol(till, server_url=shop.server.base_url, pairing_code="WRONG-CODE-123")
    assert identity(till)[1] is None


def test_command_line_enrols_and_syncs(shop: Shop, tmp_path: Path) -> None:
    folder = tmp_path / "cli-till"
    code = shop.server.admin_create_pairing(shop.shop["id"])

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ui.cli", "--data-dir", str(folder), *args],
                              capture_output=True, text=True, timeout=60)

    enrolled = cli("enrol", "--server", shop.server.base_url, "--code", code)
    assert enrolled.returncode == 0, enrolled.stderr
    assert "Enrolled as a till of Kaffebar" in enrolled.stdout
    assert "received 1" in enrolled.stdout  # enrolment fetches the shop's programme at once
    once = cli("sync", "once")
    assert once.returncode == 0 and "received 0" in once.stdout
    again = cli("enrol", "--server", shop.server.base_url, "--code", code)
    assert again.returncode == 2 and "already set up" in again.stderr
    assert again.stderr.startswith("klipp: ") and again.stderr.count("\n") == 1
    till = Till.open(folder)
    try:
        assert {e.kind for e in events_of(till).values()} == {ledger.PROGRAM_PUBLISHED}
        # The command line kept the server and a working token: the till's own client pulls
        # the programme; a made-up token on the same server is turned away as unpaired.
        own = client_for(till, **CLIENT)
        assert [e.kind for e in own.pull(after=0).events] == [ledger.PROGRAM_PUBLISHED]
        own.close()
    finally:
        till.close()
    stranger = SyncClient(shop.server.base_url, token="x", **CLIENT)
    with pytest.raises(PairingRevoked, match="pair it again"):
        stranger.pull(after=0)
    stranger.close()
