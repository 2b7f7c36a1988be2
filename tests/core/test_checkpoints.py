"""A long-lived till copies its WAL into the database on a thread of its own: no cashier's
commit runs a checkpoint (on a large ledger SQLite's automatic one holds a stamp for most of
a second), and nothing committed is lost by moving it."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from kiosk.checkpoints import Checkpointer, no_automatic_checkpoint
from kiosk.members import Registration
from kiosk.till import Till

FRAMES = 1500  # well past SQLite's automatic checkpoint at 1,000 pages


def log_frames(till: Till) -> int:
    """How many frames the WAL holds since it last restarted (read by an outside connection,
    as a second process would; a PASSIVE checkpoint reports it)."""
    conn = sqlite3.connect(till.store.path)
    try:
        return conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]
    finally:
        conn.close()


def write(till: Till, count: int = 60) -> list[str]:
    """Register `count` members: about 40 log frames each, so 60 pass FRAMES with room."""
    return [till.register(Registration(name=f"Medlem {i} Åsen")).member_id
            for i in range(count)]


def test_commits_leave_the_log_to_the_checkpointer(make_till: Callable[..., Till]) -> None:
    till = make_till()
    checkpointer = Checkpointer(till.store, interval_s=3600)  # the thread stays asleep
    stop = checkpointer.start()
    try:
        members = write(till)
        # No commit copied the log back: it holds every frame written since it started.
        assert log_frames(till) >= FRAMES
        busy, log, copied = checkpointer.checkpoint()
        assert busy == 0 and copied == log >= FRAMES
        assert checkpointer.runs == 1
    finally:
        stop()
    assert no_automatic_checkpoint not in till.store.on_connect
    # Everything committed is there, read through a fresh open of the folder.
    again = Till.open(till.data_dir)
    try:
        assert all(again.member(m).name for m in (members[0], members[-1]))
    finally:
        again.close()


def test_without_the_checkpointer_a_commit_checkpoints(make_till: Callable[..., Till]) -> None:
    # The control: SQLite's automatic checkpoint restarts the log inside some commit.
    till = make_till()
    write(till)
    assert log_frames(till) < 1000 + 200


def test_the_thread_copies_the_log_while_the_till_writes(make_till: Callable[..., Till]
                                                         ) -> None:
    till = make_till()
    checkpointer = Checkpointer(till.store, interval_s=0.02)
    stop = checkpointer.start()
    try:
        write(till, 10)
        deadline = time.monotonic() + 30
        while checkpointer.runs == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert checkpointer.runs > 0 and checkpointer.failures == 0
    finally:
        stop()
    assert checkpointer._thread is None  # stopped and joined
