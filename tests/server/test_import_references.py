"""klipp-server import of a till's export file whose reversal comes before its target (two
tills' clocks disagree) and in another batch: the references are still found and it imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.clock import SystemClock
from server import db, tenants
from server.cli import main
from server.settings import sqlite_url
from sync.protocol import EXPORT_FORMAT, EXPORT_VERSION, EnrolRequest
from tests.support.live_server import wire_event


def test_a_reversal_before_its_target_in_the_file_imports(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture) -> None:
    def cli(*args: str) -> dict:
        assert main([*args, "--data-dir", str(tmp_path), "--json"]) == 0, capsys.readouterr()
        return json.loads(capsys.readouterr().out)

    org = cli("org", "create", "--name", "Kafé Sør")
    shop = cli("shop", "create", "--org", org["id"], "--name", "Disken", "--template", "none")
    code = cli("pair", "--shop", shop["id"])["code"]
    engine = db.make_engine(sqlite_url(tmp_path))
    try:
        with db.writing(engine) as conn:
            enrolled = tenants.enrol(conn, SystemClock(), EnrolRequest(
                pairing_code=code, device_id="0190a000-0000-7000-8000-000000000001",
                device_name="till"))
    finally:
        engine.dispose()
    till = {"device_id": enrolled.device_id, "org": {"id": org["id"]},
            "shop": {"id": shop["id"]}}
    member = "0190a000-0000-7000-8000-0000000000aa"
    target = wire_event(till, 502, "stamp", member_id=member, stamps=1)
    undo = wire_event(till, 1, "reversal", member_id=member, stamps=-1,
                      reverses=target["id"], payload='{"reversed_kind": "stamp"}')
    filler = [wire_event(till, seq, "stamp", member_id=member, stamps=1)
              for seq in range(2, 502)]
    export = tmp_path / "till.jsonl"
    export.write_text("\n".join(json.dumps(line) for line in [
        {"format": EXPORT_FORMAT, "version": EXPORT_VERSION}, undo, *filler, target]) + "\n",
        encoding="utf-8")
    done = cli("import", "--org", org["id"], str(export))
    assert (done["accepted"], done["rejected"]) == (502, 0), done
