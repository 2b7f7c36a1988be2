"""Durability and the write lock, with real processes on a real SQLite file.

- Crash loop: a child writes stamps through the real path and reports each event id only
  after commit; it is SIGKILLed at random moments, over and over. Every reported event must
  survive, exactly once, and the database must pass integrity_check after every kill.
- Race: several processes redeem a member's last reward at the same moment; exactly one wins.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import select
import signal
import sqlite3
import time
from datetime import timedelta
from pathlib import Path

from kiosk.clock import FixedClock
from kiosk.errors import InsufficientBalance
from kiosk.members import Registration
from kiosk.programs import Limits, StampCard
from kiosk.store import Store
from kiosk.till import Till
from tests.conftest import START

KILLS = int(os.environ.get("KLIPP_CRASH_KILLS", "100"))
RACE_ROUNDS = 15
RACERS = 4


def _prepared_till(folder: Path, members: int) -> list[str]:
    till = Till.open(folder, clock=FixedClock(START))
    till.setup(org_name="Crash AS", shop_name="Crash", template="cafe")
    cfg = till.program
    till.publish_program(cfg.model_copy(update={
        "stamp_card": StampCard(stamps_for_reward=10, reward_id="free-coffee",
                                max_stamps_per_visit=100),
        "limits": Limits(max_redemptions_per_day=100)}))
    ids = [till.register(Registration(name=f"Member {i}")).member_id for i in range(members)]
    till.close()
    return ids


def _stamp_forever(db: Path, member_ids: list[str], run: int, fd: int) -> None:
    """Child: stamp through the real path; report an id only once it is committed."""
    clock = FixedClock(START + timedelta(days=run))
    till = Till(Store(db), clock=clock)
    i = 0
    while True:
        done = till.stamp(member_ids[i % len(member_ids)])
        os.write(fd, (done.event.id + "\n").encode())
        clock.advance(seconds=1)
        i += 1


def test_kill_9_loses_nothing_that_was_reported(tmp_path: Path) -> None:
    member_ids = _prepared_till(tmp_path, members=20)
    db = tmp_path / "till.sqlite3"
    rng = random.Random(20261123)
    reported: list[str] = []
    for run in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_fd)
            try:
                _stamp_forever(db, member_ids, run, write_fd)
            finally:
                os._exit(1)
        os.close(write_fd)
        deadline = time.monotonic() + rng.uniform(0.005, 0.25)
        buf = b""
        while time.monotonic() < deadline:
            ready, _, _ = select.select([read_fd], [], [], max(deadline - time.monotonic(), 0))
            if ready:
                chunk = os.read(read_fd, 65536)
                if not chunk:
                    break
                buf += chunk
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while chunk := os.read(read_fd, 65536):
            buf += chunk
        os.close(read_fd)
        # Only whole lines were written after a commit.
        reported.extend(line for line in buf.decode().split("\n")[:-1])

        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            recent = reported[-500:]
            if recent:
                marks = ",".join("?" * len(recent))
                present = {r[0] for r in conn.execute(
                    f"SELECT id FROM event WHERE id IN ({marks})", recent)}
                assert present == set(recent), f"lost events after kill {run}"

    assert len(reported) > KILLS, "the child never got to write; the test proved nothing"
    with sqlite3.connect(db) as conn:
        counts = dict(conn.execute(
            "SELECT id, count(*) FROM event WHERE kind = 'stamp' GROUP BY id").fetchall())
        outbox = {r[0] for r in conn.execute("SELECT event_id FROM outbox")}
    assert all(counts.get(i) == 1 for i in reported)
    assert set(reported) <= outbox
    till = Till(Store(db), clock=FixedClock(START))
    assert till.check_balances() == []
    till.close()


def _racer(db: str, member_id: str, barrier, results) -> None:
    till = Till(Store(db), clock=FixedClock(START))
    assert till.context  # warm up so the race is on the write, not on opening
    barrier.wait()
    try:
        till.redeem(member_id, "free-coffee")
        results.put("won")
    except InsufficientBalance as exc:
        results.put(f"refused: {exc}")
    except Exception as exc:  # noqa: BLE001 - anything else is a failure to report
        results.put(f"error: {type(exc).__name__}: {exc}")
    finally:
        till.close()


def test_only_one_of_several_processes_spends_the_last_reward(tmp_path: Path) -> None:
    (member_id,) = _prepared_till(tmp_path, members=1)
    db = str(tmp_path / "till.sqlite3")
    till = Till(Store(db), clock=FixedClock(START))
    ctx = multiprocessing.get_context("fork")
    for _ in range(RACE_ROUNDS):
        till.adjust(member_id, stamps=10 - till.member(member_id).stamps, reason="race")
        barrier = ctx.Barrier(RACERS)
        results = ctx.Queue()
        procs = [ctx.Process(target=_racer, args=(db, member_id, barrier, results))
                 for _ in range(RACERS)]
        for p in procs:
            p.start()
        outcomes = [results.get(timeout=30) for _ in procs]
        for p in procs:
            p.join(timeout=30)
        assert outcomes.count("won") == 1, outcomes
        refusals = [o for o in outcomes if o != "won"]
        assert all("needs 10 stamps; the member has 0" in o for o in refusals), refusals
        assert till.member(member_id).stamps == 0
    assert till.check_balances() == []
    till.close()


