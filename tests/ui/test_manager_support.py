"""Shared set-up for the manager's window tests: a demo café and a back office opened with
the PIN, over the real operations layer (the GUI thread is forbidden to touch the till)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.clock import FixedClock
from kiosk.demo import build_demo
from kiosk.till import Till

PIN = "2468"
WAIT_MS = 20_000
DEMO_START = datetime(2026, 9, 1, 7, 0, tzinfo=UTC)


def demo_till(folder: Path, *, members: int = 80, days: int = 60, language: str = "en"
              ) -> Till:
    """A café with two months of trade through the real till operations, and a PIN."""
    clock = FixedClock(DEMO_START)
    till = Till.open(folder, clock=clock)
    build_demo(till, members=members, days=days, clock=clock, language=language)
    till.set_pin(PIN)
    return till


def demo_copy(folder: Path, tmp_path: Path) -> Till:
    """A fresh copy of a demo café made by `demo_till` (tests may change it), its clock five
    minutes after its last event."""
    import shutil
    from datetime import timedelta

    from kiosk.clock import from_micros

    shutil.copytree(folder, tmp_path / "demo")
    till = Till.open(tmp_path / "demo", clock=FixedClock(DEMO_START))
    last = till.run(lambda conn, _ctx: conn.exec_driver_sql(
        "SELECT max(ts) FROM event").scalar_one(), write=False)
    till.clock.set(from_micros(last) + timedelta(minutes=5))  # type: ignore[attr-defined]
    return till


class Office:
    """A runner on a till, with formats, guarding the GUI thread like the window does."""

    def __init__(self, qtbot: Any, till: Till, language: str = "en") -> None:
        from ui.window.fmt import Formats
        from ui.window.ops import OpRunner

        self.qtbot = qtbot
        self.till = till
        self.ops = OpRunner(till)
        info = self.ops.call(lambda t: t.info())
        self.formats = Formats(language, currency=info.shop.currency,
                               timezone=info.shop.timezone)
        till.forbid_thread(threading.get_ident())
        self.shell: Any = None

    def call(self, fn: Any) -> Any:
        """Ask the core directly (on the writer thread) for what a test compares with."""
        return self.ops.call(fn)

    def open(self, pin: str = PIN, *, idle_ms: int = 600_000) -> Any:
        """Open the back office with the PIN; returns the ManagerView with its summary in."""
        from ui.manager import open_manager

        self.shell = open_manager(None, self.ops, self.formats, idle_ms=idle_ms)
        self.qtbot.addWidget(self.shell)
        self.shell.pad.display.setText(pin)
        with self.qtbot.waitSignal(self.shell.unlocked, timeout=WAIT_MS):
            self.shell.pad.ok.click()
        view = self.shell.view
        self.qtbot.waitUntil(lambda: view.summary.data is not None, timeout=WAIT_MS)
        return view

    def close(self) -> None:
        import shiboken6

        if self.shell is not None and shiboken6.isValid(self.shell) and self.shell.isVisible():
            self.shell.close()
        self.ops.close()
        self.till.forbid_thread(None)


def offices() -> Iterator[Any]:
    """Body of an `office_on` fixture: makes Offices, closes them after the test."""
    opened: list[Office] = []

    def make(qtbot: Any, till: Till, language: str = "en") -> Office:
        o = Office(qtbot, till, language)
        opened.append(o)
        return o

    yield make
    for o in opened:
        o.close()
