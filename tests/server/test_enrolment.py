"""Pairing codes, enrolment, tokens and revocation, over HTTP and on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from sqlalchemy import create_engine

from kiosk.clock import FixedClock
from server import tenants
from server.cli import main
from tests.support.live_server import REPO, LiveServer


def test_a_till_enrols_once_and_gets_its_own_token_and_identity(server: LiveServer,
                                                                 tenant) -> None:
    code = server.admin_create_pairing(tenant.shop["id"])
    device = str(uuid.uuid4())
    first = server.enrol(code, device, "Front till")
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["device_id"] == device
    assert body["org"] == {k: tenant.org[k] for k in ("id", "name", "code_prefix", "card_key")}
    assert body["shop"]["id"] == tenant.shop["id"]
    assert len(body["token"]) >= 40

    again = server.enrol(code, str(uuid.uuid4()))
    assert again.status_code == 403
    assert "already been used" in again.json()["detail"]

    ok = server.http.get(server.base_url + "/v1/events", headers=server.auth(body["token"]))
    assert ok.status_code == 200


def test_the_code_is_forgiving_about_case_and_dashes(server: LiveServer, tenant) -> None:
    code = server.admin_create_pairing(tenant.shop["id"])
    typed = code.replace("-", " ").lower()
    assert server.enrol(typed).status_code == 200


def test_wrong_and_malformed_codes_are_refused(server: LiveServer, tenant) -> None:
    for code in ("AAAA-BBBB-CCCC-DDDD", "not a code at all", "ÆØÅ-!!!!-????-____"):
        response = server.enrol(code)
        assert response.status_code == 403, code
        assert response.json() == {"detail": "That pairing code is not valid."}


def test_an_expired_code_is_refused(server: LiveServer, pg_url: str, tenant) -> None:
    # Made "yesterday" through the server's own code on the real database: no clock patching.
    engine = create_engine(pg_url)
    yesterday = FixedClock(datetime.now(UTC) - timedelta(hours=25))
    with engine.begin() as conn:
        pairing = tenants.create_pairing(conn, yesterday, shop_id=tenant.shop["id"])
    engine.dispose()
    response = server.enrol(pairing.code)
    assert response.status_code == 403
    assert "expired" in response.json()["detail"]


def test_tokens_and_codes_are_stored_hashed_and_never_logged(server: LiveServer, tenant,
                                                            pg: psycopg.Connection) -> None:
    code = server.admin_create_pairing(tenant.shop["id"])
    till = server.enrol(code).json()
    server.http.get(server.base_url + "/v1/events", headers=server.auth(till["token"]))
    row = pg.execute("SELECT token_hash FROM device WHERE id = %s", (till["device_id"],)).fetchone()
    assert row[0] != till["token"] and len(row[0]) == 64
    dump = " ".join(str(r) for r in pg.execute("SELECT * FROM device").fetchall())
    dump += " ".join(str(r) for r in pg.execute("SELECT * FROM pairing_code").fetchall())
    assert till["token"] not in dump and code.replace("-", "") not in dump
    log = server.log_text()
    assert till["token"] not in log
    assert server.admin_token not in log
    assert till["device_id"] in log  # requests are logged, by device


def test_a_revoked_token_stops_working_and_the_till_can_enrol_again(server: LiveServer,
                                                                   tenant) -> None:
    till = server.enrol_till(tenant.shop["id"])
    headers = server.auth(till["token"])
    server.admin_revoke_device(till["device_id"])
    refused = server.http.get(server.base_url + "/v1/events", headers=headers)
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"] == "Bearer"

    # The same till (same device id, same ledger) pairs again and gets a new token.
    again = server.enrol_till(tenant.shop["id"], device_id=till["device_id"])
    assert again["token"] != till["token"]
    assert server.http.get(server.base_url + "/v1/events", headers=headers).status_code == 401
    fresh = server.http.get(server.base_url + "/v1/events", headers=server.auth(again["token"]))
    assert fresh.status_code == 200


def test_a_device_enrolled_in_one_shop_cannot_take_over_in_another(server: LiveServer,
                                                                   make_tenant) -> None:
    first, other = make_tenant(), make_tenant("Other AS")
    till = server.enrol_till(first.shop["id"])
    response = server.enrol(server.admin_create_pairing(other.shop["id"]), till["device_id"])
    assert response.status_code == 409
    still = server.http.get(server.base_url + "/v1/events", headers=server.auth(till["token"]))
    assert still.status_code == 200


def test_the_admin_api_needs_the_admin_token(server: LiveServer, tenant) -> None:
    till = server.enrol_till(tenant.shop["id"])
    for headers in ({}, server.auth("wrong"), server.auth(till["token"])):
        response = server.http.post(server.base_url + "/v1/admin/orgs", json={"name": "X"},
                                    headers=headers)
        assert response.status_code == 401, headers


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "server", *args, "--database-url", url],
                          cwd=REPO, capture_output=True, text=True, timeout=60)


def test_the_command_line_sets_up_an_org_shop_and_till(server: LiveServer, pg_url: str,
                                                       capsys: pytest.CaptureFixture) -> None:
    def cli(*args: str) -> str:
        assert main([*args, "--database-url", pg_url]) == 0
        return capsys.readouterr().out

    # The entry point as a process, once; the rest in-process (the same main()).
    org = json.loads(_cli(pg_url, "org", "create", "--name", "Bakeriet", "--json").stdout)
    assert len(org["code_prefix"]) == 4
    shop = json.loads(cli("shop", "create", "--org", org["id"], "--name", "Torget",
                          "--timezone", "Europe/Stockholm", "--currency", "sek", "--json"))
    assert (shop["timezone"], shop["currency"]) == ("Europe/Stockholm", "SEK")
    pairing = json.loads(cli("--json", "pair", "--shop", shop["id"]))
    till = server.enrol(pairing["code"]).json()
    assert till["org"]["code_prefix"] == org["code_prefix"]

    assert till["device_id"] in cli("device", "revoke", till["device_id"])
    answer = server.http.get(server.base_url + "/v1/events", headers=server.auth(till["token"]))
    assert answer.status_code == 401


def test_command_line_errors_are_one_line_and_fail(pg_url: str,
                                                   capsys: pytest.CaptureFixture) -> None:
    for args in (("shop", "create", "--org", str(uuid.uuid4()), "--name", "X"),
                 ("pair", "--shop", "nonsense"),
                 ("device", "revoke", str(uuid.uuid4())),
                 ("org", "create", "--name", "X", "--timezone", "Mars/Olympus")):
        assert main([*args, "--database-url", pg_url]) == 1, args
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("klipp-server: "), err
    for url in ("nonsense://", "mysql://root@localhost/x", "sqlite:////proc/nope/x.db"):
        assert main(["org", "create", "--name", "X", "--database-url", url]) == 1, url
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("klipp-server: "), err
    unreachable = _cli("postgresql+psycopg://postgres@127.0.0.1:1/none", "org", "create",
                       "--name", "X")
    assert unreachable.returncode == 1 and "Traceback" not in unreachable.stderr
    assert unreachable.stderr.count("\n") == 1 and "database" in unreachable.stderr
