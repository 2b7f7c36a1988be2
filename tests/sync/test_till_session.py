"""The composition root: an interactive till session runs the sync worker beside it, and a
cashier's action reaches the server while the session is still open."""

from __future__ import annotations

import subprocess
import sys

from kiosk import ledger
from kiosk.members import Registration
from sync.reconcile import run_once
from tests.sync.conftest import Shop, wait_until


def test_a_stamp_in_the_terminal_till_reaches_the_server(shop: Shop) -> None:
    till = shop.till("session")
    run_once(till, shop.client(till))  # as `klipp enrol` does: fetch the shop's programme
    assert till.info().program.stamp_card is not None
    code = till.register(Registration(name="Kari")).code
    folder = till.store.path.parent
    till.close()
    session = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "--data-dir", str(folder), "till"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert session.stdin is not None
        session.stdin.write(f"{code}\ns\n")
        session.stdin.flush()

        def stamped_on_server() -> bool:
            return any(e.kind == ledger.STAMP for e in shop.server_events())

        wait_until(stamped_on_server, timeout=20, what="the stamp on the server")
        session.stdin.write("q\n")
        session.stdin.flush()
        out, err = session.communicate(timeout=30)
    finally:
        if session.poll() is None:
            session.kill()
    assert session.returncode == 0, err
    assert "1 stamps" in out
