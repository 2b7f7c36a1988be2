"""Lost answers, duplicated and reordered requests, killed workers and a killed server:
nothing is lost, nothing is counted twice."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kiosk.till import Till
from sync.backoff import Backoff
from sync.protocol import PushResponse
from sync.reconcile import run_once
from sync.worker import SyncWorker
from tests.support.faultproxy import FaultProxy, Faults
from tests.support.live_server import LiveServer
from tests.support.pg import connect, temp_database

from .conftest import (
    FAST,
    Shop,
    balances_of,
    drain,
    events_of,
    register,
    replayed_balances,
    wait_until,
    write_points,
)

SOAK_ONLY = pytest.mark.skipif(not os.environ.get("KLIPP_SOAK"),
                               reason="soak run: set KLIPP_SOAK=1")
CHILD = Path(__file__).with_name("child_worker.py")


def server_counts(database_url: str, org_id: str) -> tuple[int, int]:
    """(rows, distinct ids) of the organisation's events, straight from PostgreSQL."""
    with connect(database_url) as conn:
        row = conn.execute("SELECT count(*), count(DISTINCT id) FROM event WHERE org_id = %s",
                           (org_id,)).fetchone()
    assert row is not None
    return row[0], row[1]


def assert_agreed(shop: Shop, tills: list[Till], database_url: str) -> None:
    on_server = shop.server_events()
    ids = [e.id for e in on_server]
    assert len(ids) == len(set(ids))
    assert server_counts(database_url, shop.org_id) == (len(ids), len(ids))
    truth = replayed_balances(on_server)
    for till in tills:
        assert till.pending_count() == 0
        assert set(events_of(till)) == set(ids)
        assert balances_of(till) == truth
        assert till.check_balances() == []


def _workers(pairs, answers: list[PushResponse]) -> list[SyncWorker]:  # type: ignore[no-untyped-def]
    """Workers that record every push answer the server gave (even in passes cut short)."""
    lock = threading.Lock()

    def keep(answer: PushResponse) -> None:
        with lock:
            answers.append(answer)

    return [SyncWorker(till, client, before_mark=keep, batch_size=40, poll_interval=0.02,
                       pull_interval=0.2, backoff=Backoff(base=0.02, cap=0.2))
            for till, client in pairs]


def fault_scenario(shop: Shop, live: LiveServer, pg_url: str, *, seed: int,
                   per_till: int) -> None:
    """Three tills work offline, then sync at once through lossy, duplicating, reordering,
    delaying network; afterwards everything must agree with the server exactly."""
    with FaultProxy(("127.0.0.1", live.port)) as proxy:
        tills = [shop.till(name, url=proxy.url) for name in ("a", "b", "c")]
        pairs = [(t, shop.client(t, read_timeout=3.0)) for t in tills]
        members = register(tills[0], 5)
        drain(pairs)
        for i, till in enumerate(tills):  # offline work
            write_points(till, members, per_till + 20 * i, points=i + 1)
            register(till, 3, prefix=f"till {i}")
            till.purchase(members[i], amount_minor=5_000)
        proxy.set_faults(Faults(drop_response=0.3, duplicate=0.2, reorder=0.2, replay=0.2,
                                hold_seconds=0.05, delay=0.3, delay_seconds=(0.0, 0.01),
                                drop_request=0.05, cut=0.05, seed=seed))
        answers: list[PushResponse] = []
        workers = _workers(pairs, answers)
        for worker in workers:
            worker.start()
        try:
            wait_until(lambda: all(t.pending_count() == 0 for t in tills), timeout=300,
                       what="the outboxes to empty through the faulty network")
        finally:
            for worker in workers:
                worker.stop()
        drain(pairs)  # the last pulls, still through the faults
        proxy.set_faults(Faults())
        drain(pairs)
        stats = dict(proxy.stats)

    assert stats.get("drop_response", 0) > 0 and stats.get("duplicate", 0) > 0
    assert stats.get("replayed", 0) > 0 and stats.get("reorder", 0) > 0
    assert stats.get("cut", 0) > 0 and stats.get("drop_request", 0) > 0
    # The server told us of the repeats it absorbed, and took each event once.
    assert sum(len(a.duplicate) for a in answers) > 0
    assert all(a.rejected == [] for a in answers)
    assert_agreed(shop, tills, pg_url)


def test_lost_answers_duplicates_and_reordering_lose_and_double_nothing(
        shop: Shop, live: LiveServer, pg_url: str) -> None:
    fault_scenario(shop, live, pg_url, seed=7, per_till=150)


@pytest.mark.soak
@SOAK_ONLY
@pytest.mark.parametrize("seed", range(11, 16))
def test_fault_soak(shop: Shop, live: LiveServer, pg_url: str, seed: int) -> None:
    fault_scenario(shop, live, pg_url, seed=seed, per_till=1500)


def test_worker_killed_between_answer_and_mark(shop: Shop, pg_url: str) -> None:
    rounds = 20 if os.environ.get("KLIPP_SOAK") else 6  # each round a fresh process
    till = shop.till("a")
    [member] = register(till, 1)
    run_once(till, shop.client(till))
    per_round = 20  # all that is waiting fits one batch (500) in every round
    for k in range(1, rounds + 1):
        write_points(till, [member], per_round)
        child = subprocess.Popen([sys.executable, str(CHILD), str(till.store.path.parent),
                                  "--hang-after-answer"], stdout=subprocess.PIPE, text=True)
        try:
            line = child.stdout.readline() if child.stdout else ""
            answer = json.loads(line)
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(10)
            if child.stdout:
                child.stdout.close()
        # Nothing was marked: everything written so far went out again in one batch.
        assert answer == {"accepted": per_round, "duplicate": per_round * (k - 1)}
        assert till.pending_count() == per_round * k

    done = subprocess.run([sys.executable, str(CHILD), str(till.store.path.parent)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    totals = json.loads(done.stdout.strip().splitlines()[-1])
    assert totals == {"pushed": 0, "duplicates": per_round * rounds}
    assert_agreed(shop, [till], pg_url)


def test_server_killed_mid_batch_and_restarted(tmp_path: Path) -> None:
    with temp_database("klipp_sync_kill") as url, LiveServer(url, settings=FAST) as server:
        shop = Shop(server, tmp_path)
        try:
            a, b = shop.till("a"), shop.till("b")
            pairs = [(a, shop.client(a, read_timeout=3.0)), (b, shop.client(b))]
            members = register(a, 10)
            write_points(a, members, 3000)
            answers: list[PushResponse] = []
            [worker] = _workers(pairs[:1], answers)
            worker.batch_size = 100
            worker.start()
            try:
                wait_until(lambda: server_counts(url, shop.org_id)[0] > 300, timeout=60,
                           what="the first batches to arrive")
                server.kill()  # while the worker is pushing its backlog
                assert a.pending_count() > 0
                write_points(a, members, 50)  # the till keeps working meanwhile
                wait_until(lambda: worker.state.online is False, what="the worker to notice")
                server.start()
                wait_until(lambda: a.pending_count() == 0, timeout=60,
                           what="the backlog to drain after the restart")
            finally:
                worker.stop()
            drain(pairs)
            assert_agreed(shop, [a, b], url)
        finally:
            shop.close()


KILL_ROUNDS = 40 if os.environ.get("KLIPP_SOAK") else 3


def _kill_while_pushing(child: subprocess.Popen[str], delay: float) -> list[dict]:
    """Wait for the child's first push to be sent, let it run `delay` s more, SIGKILL it;
    everything it printed."""
    assert child.stdout is not None
    lines: list[dict] = []
    try:
        while not any("pushing" in line for line in lines):
            text = child.stdout.readline()
            assert text, "the worker ended before sending a push"
            lines.append(json.loads(text))
        # A random moment within the pushes (not a wait for anything: where the kill lands).
        time.sleep(delay)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    lines.extend(json.loads(text) for text in child.stdout.read().splitlines())
    child.stdout.close()
    return lines


def test_worker_killed_at_random_moments(shop: Shop, pg_url: str) -> None:
    """SIGKILL the worker process while it pushes, with writes between; a few rounds in the
    default run, 40 under KLIPP_SOAK=1."""
    rng = random.Random(5)
    till = shop.till("a")
    members = register(till, 20)
    for k in range(KILL_ROUNDS):
        write_points(till, members, 200)
        child = subprocess.Popen([sys.executable, str(CHILD), str(till.store.path.parent),
                                  "--announce", "--batch-size", "25"],
                                 stdout=subprocess.PIPE, text=True)
        lines = _kill_while_pushing(child, rng.uniform(0.0, 0.05))
        # The kill landed after a push was sent and before the outbox was empty: not during
        # start-up, and not after the work was done.
        assert any("pushing" in line for line in lines), (k, lines)
        assert not any("pushed" in line for line in lines), (k, "the child had finished")
        assert till.pending_count() > 0, (k, "the child had sent everything")
    done = subprocess.run([sys.executable, str(CHILD), str(till.store.path.parent)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert_agreed(shop, [till], pg_url)
