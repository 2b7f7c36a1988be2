"""WAL checkpoints off the cashier's commit: a background thread copies the log into the
database, so no stamp ever waits for it.

SQLite's automatic checkpoint runs inside whichever commit pushes the log past 1,000 pages:
on a large till database that commit takes most of a second (measured: one stamp in about
forty took 0.8-0.94 s on a 690 MB ledger), and the cashier sees the screen hang. A long-lived
till (the window) switches the automatic checkpoint off on its connections and lets this
thread run PASSIVE checkpoints, which never block a writer or a reader. Short-lived processes
(the command line) keep SQLite's automatic one, so their log never grows unchecked.

A checkpoint only copies pages that are already durable in the log (synchronous=FULL), so
moving it changes nothing about what a kill or a power cut can lose.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.store import Store

INTERVAL_S = 2.0


def no_automatic_checkpoint(driver: sqlite3.Connection) -> None:
    """A connection whose commits never checkpoint (the checkpointer thread does)."""
    driver.execute("PRAGMA wal_autocheckpoint = 0")


class Checkpointer:
    """A daemon thread running `PRAGMA wal_checkpoint(PASSIVE)` every `interval_s`."""

    def __init__(self, store: Store, *, interval_s: float = INTERVAL_S) -> None:
        self.store = store
        self.interval_s = interval_s
        self.runs = 0  # checkpoints that copied something (tests and benchmarks read it)
        self.failures = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Callable[[], None]:
        """Switch the commits' own checkpoints off and start the thread; returns `stop`."""
        if no_automatic_checkpoint not in self.store.on_connect:
            self.store.on_connect.append(no_automatic_checkpoint)
        # Idle connections were opened with the automatic checkpoint: let them go.
        self.store.close()
        self._thread = threading.Thread(target=self._loop, name="klipp-checkpoint",
                                        daemon=True)
        self._thread.start()
        return self.stop

    def checkpoint(self) -> tuple[int, int, int]:
        """One PASSIVE checkpoint now: (busy, frames in the log, frames copied)."""
        with self.store.raw() as driver:
            busy, log, done = driver.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        if done > 0:
            self.runs += 1
        return busy, log, done

    def stop(self) -> None:
        """Stop the thread and copy what the log still holds (a clean close)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        if no_automatic_checkpoint in self.store.on_connect:
            self.store.on_connect.remove(no_automatic_checkpoint)
        try:
            self.checkpoint()
        except sqlite3.Error:
            pass  # the log stays; the next open or commit checkpoints it

    def _loop(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                self.checkpoint()
            except sqlite3.Error as exc:
                # A full disk or a locked file: the log keeps every commit; try again later.
                self.failures += 1
                logging.getLogger(__name__).warning("WAL checkpoint failed: %s", exc)
