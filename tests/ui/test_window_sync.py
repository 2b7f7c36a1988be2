"""Sync seen from the cashier's window, against the real server on 127.0.0.1 (SQLite backend).

The sync state line goes offline and back online as the server stops and starts, a stamp
never waits for the network, and a member on screen refreshes when another till's stamp
arrives through the pull.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.clock import SystemClock
from kiosk.members import Registration
from kiosk.programs import cafe_template
from kiosk.till import Till
from sync.backoff import Backoff
from sync.client import client_for
from sync.enrol import enrol
from sync.reconcile import run_once
from tests.support.live_server import LiveServer
from tests.ui.conftest import Harness

FAST = {"rate_per_second": 100_000, "rate_burst": 100_000,
        "enrol_rate_per_second": 100_000, "enrol_burst": 100_000}
CLIENT = {"connect_timeout": 1.0, "read_timeout": 3.0, "retry_backoff": 0.0}
SYNC_WAIT_MS = 30_000


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with LiveServer("", settings={"data_dir": str(tmp_path / "server"), **FAST},
                    log_path=tmp_path / "server.log") as live:
        yield live


def _enrolled(server: LiveServer, shop_id: str, folder: Path) -> Till:
    till = Till.open(folder, clock=SystemClock())
    enrol(till, server_url=server.base_url, pairing_code=server.admin_create_pairing(shop_id))
    return till


def test_sync_state_and_a_stamp_from_another_till(qtbot, server: LiveServer,
                                                  tmp_path: Path) -> None:
    org = server.admin_create_org("Kaffe Nord")
    shop = server.admin_create_shop(org["id"], "Storgata")
    server.admin_publish_program(shop["id"], cafe_template().model_dump(mode="json"))
    other = _enrolled(server, shop["id"], tmp_path / "till-b")
    other_client = client_for(other, **CLIENT)
    kari = other.register(Registration(name="Kari Nordmann", phone="+4791234567"))
    run_once(other, other_client)
    mine = _enrolled(server, shop["id"], tmp_path / "till-a")
    run_once(mine, client_for(mine, **CLIENT))  # Kari's card is known here before we open

    client = client_for(mine, **CLIENT)
    # The window starts its own worker on our client, with short intervals for the test.
    h = Harness(qtbot, mine, sync_client=client, sync_options={
        "poll_interval": 0.1, "pull_interval": 0.3, "backoff": Backoff(base=0.2, cap=0.5)})
    try:
        # The state arrives as a queued signal; the window keeps the latest it heard.
        def state() -> object:
            return h.window.sync_state

        qtbot.waitUntil(lambda: state() is not None and state().online is True,
                        timeout=SYNC_WAIT_MS)
        assert h.window.sync_label.text().startswith("Online")

        panel = h.scan_card(kari.code)
        assert panel.stamps == 0
        # Another till stamps Kari; our worker pulls it and the panel follows by itself.
        other.stamp(kari.member_id)
        run_once(other, other_client)
        with qtbot.waitSignal(h.cashier.member_shown, timeout=SYNC_WAIT_MS,
                              check_params_cb=lambda p: p.stamps == 1):
            pass
        assert h.cashier.member_panel.card.stamps == 1

        # Offline: the state says so calmly and a stamp still lands at once.
        server.stop()
        qtbot.waitUntil(lambda: state().online is False, timeout=SYNC_WAIT_MS)
        assert h.window.sync_label.text().startswith("Offline")
        acted = h.touch(h.cashier.stamp_button)
        assert acted.panel.stamps == 2
        qtbot.waitUntil(lambda: state().online is False and state().waiting >= 1,
                        timeout=SYNC_WAIT_MS)
        assert "waiting to send" in h.window.sync_label.text()

        # Back online: what waited is sent.
        server.start()
        qtbot.waitUntil(lambda: state().online is True and state().waiting == 0,
                        timeout=SYNC_WAIT_MS)
        assert h.window.sync_label.text() == "Online: 0 waiting to send."
        qtbot.mouseClick(h.cashier.next_button, Qt.MouseButton.LeftButton)
    finally:
        h.close()
        client.close()
        other_client.close()
        other.close()
        mine.close()
