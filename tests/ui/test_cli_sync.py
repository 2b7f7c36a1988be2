"""`klipp sync` against a server that is not there: one line, no urllib3 retry noise."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

from kiosk.till import Till


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_sync_once_against_an_unreachable_server_is_one_quiet_line(tmp_path: Path) -> None:
    till = Till.open(tmp_path)
    till.setup(org_name="Kaffe AS", shop_name="Kaffebar")
    info = till.info()
    # Paired with a server whose port nobody listens on (as if the server were down).
    till.sync.adopt(org=info.org, shop=info.shop, device_id=info.device_id,
                    url=f"http://127.0.0.1:{closed_port()}", token="t" * 43, ca_bundle=None,
                    handed_over=(), reset_cursors=False)
    till.close()
    for extra in ([], ["--json"]):
        out = subprocess.run([sys.executable, "-m", "ui.cli", "--data-dir", str(tmp_path),
                              "sync", "once", *extra], capture_output=True, text=True,
                             timeout=120)
        assert out.returncode == 2, out
        assert out.stderr.count("\n") == 1 and "unreachable" in out.stderr, out.stderr
        assert "Retrying" not in out.stderr and "WARNING" not in out.stderr
    status = subprocess.run([sys.executable, "-m", "ui.cli", "--data-dir", str(tmp_path),
                             "events", "--waiting", "--json"], capture_output=True, text=True,
                            timeout=60)
    assert [e["kind"] for e in json.loads(status.stdout)] == ["program_published"]
