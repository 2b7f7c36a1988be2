"""The background worker: pushes on wake, reports its state, backs off, stops promptly."""

from __future__ import annotations

import json
import threading

from kiosk import ledger
from kiosk.ledger import Origin
from sync.backoff import Backoff
from sync.state import SyncResult, SyncState
from sync.worker import SyncWorker
from tests.support.faultproxy import FaultProxy, Faults
from tests.support.live_server import LiveServer

from .conftest import (
    Shop,
    drain,
    events_of,
    register,
    wait_until,
    write_points,
)


class Recorder:
    """Collects what the worker reports, from its thread."""

    def __init__(self) -> None:
        self.states: list[SyncState] = []
        self.results: list[SyncResult] = []
        self._lock = threading.Lock()

    def state(self, state: SyncState) -> None:
        with self._lock:
            self.states.append(state)

    def result(self, result: SyncResult) -> None:
        with self._lock:
            self.results.append(result)


class WatchedWake(threading.Event):
    """The worker's wake-up event, telling the test each time the worker goes back to waiting
    and for how long it means to wait."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float | None] = []
        self._seen = threading.Condition()

    def wait(self, timeout: float | None = None) -> bool:
        with self._seen:
            self.waits.append(timeout)
            self._seen.notify_all()
        return super().wait(timeout)

    def waited(self, count: int, timeout: float = 30.0) -> bool:
        with self._seen:
            return self._seen.wait_for(lambda: len(self.waits) >= count, timeout)


class CountingBackoff(Backoff):
    def __init__(self, **kwargs: float) -> None:
        super().__init__(**kwargs)
        self.asked: list[int] = []

    def delay(self, failures: int) -> float:
        self.asked.append(failures)
        return super().delay(failures)


def on_server(shop: Shop, ids: set[str]) -> bool:
    return ids <= {e.id for e in shop.server_events()}


def test_a_wake_pushes_at_once_and_the_state_says_so(shop: Shop) -> None:
    till = shop.till("a")
    seen = Recorder()
    # A poll too slow to matter: only wake() can make this push happen in time.
    worker = SyncWorker(till, shop.client(till), on_state=seen.state, on_result=seen.result,
                        poll_interval=3600, pull_interval=3600)
    worker.start()
    try:
        wait_until(lambda: worker.state.online is True, what="the first pass")
        [member] = register(till, 1)
        done = till.stamp(member)
        worker.wake()
        wait_until(lambda: on_server(shop, {done.event.id}), what="the stamp on the server")
        wait_until(lambda: sum(r.pushed for r in seen.results) >= 4,
                   what="the pass to finish")
    finally:
        worker.stop()
    assert not worker.running
    last = seen.states[-1]
    assert last.online and last.last_error is None and last.last_success is not None
    assert last.since is not None and "Online" in last.message
    # Registered, card issued, welcome coupon, stamp: each sent once.
    assert sum(r.pushed for r in seen.results) == 4 and last.waiting == 0


def test_the_poll_finds_writes_nobody_announced(shop: Shop) -> None:
    till = shop.till("a")
    other = shop.till("b")
    worker = SyncWorker(till, shop.client(till), poll_interval=0.05, pull_interval=0.05)
    worker.start()
    try:
        [member] = register(till, 1)
        ids = set(events_of(till))
        wait_until(lambda: on_server(shop, ids), what="the poll to push")
        # And what another till wrote arrives here by the scheduled pull.
        drain([(other, shop.client(other))])
        stamped = other.stamp(member).event.id
        drain([(other, shop.client(other))])
        wait_until(lambda: stamped in events_of(till), what="the other till's stamp")
    finally:
        worker.stop()


def test_a_failing_server_means_offline_back_off_and_nothing_lost(
        shop: Shop, live: LiveServer) -> None:
    with FaultProxy(("127.0.0.1", live.port)) as proxy:
        till = shop.till("a", url=proxy.url)
        client = shop.client(till, read_timeout=0.5)
        [member] = register(till, 1)
        proxy.set_faults(Faults(error=1.0, error_status=500))
        seen = Recorder()
        backoff = CountingBackoff(base=0.01, cap=0.05)
        worker = SyncWorker(till, client, on_state=seen.state, poll_interval=0.01,
                            pull_interval=3600, backoff=backoff)
        wake = worker._wake = WatchedWake()
        worker.start()
        try:
            wait_until(lambda: len(backoff.asked) >= 4, what="repeated failures")
            assert backoff.asked[:4] == [1, 2, 3, 4]  # each failure lengthens the wait
            state = worker.state
            assert state.online is False and state.last_error == "server error 500"
            assert "Offline (server error 500)" in state.message
            for _ in range(5):  # the till keeps working offline meanwhile
                till.adjust(member, points=1, reason="offline")

            # A long back-off: wakes do not hammer the server.
            worker.backoff = CountingBackoff(base=3600, cap=3600)
            wait_until(lambda: worker.backoff.asked != [], what="the long back-off")
            asked = proxy.stats["requests"]
            for _ in range(5):
                # Each wake is handled (the worker goes back to waiting) before the next, and
                # it goes back to the rest of the (jittered) hour, without a request.
                waits = len(wake.waits)
                worker.wake()
                assert wake.waited(waits + 1), "the worker did not handle the wake"
                assert wake.waits[-1] is not None and wake.waits[-1] > 60, wake.waits[-1]
            assert proxy.stats["requests"] == asked

            proxy.set_faults(Faults(silent=True))  # now a server that never answers
            worker.sync_now()
            wait_until(lambda: worker.state.last_error is not None
                       and "did not answer" in worker.state.last_error,
                       what="the silence to be reported")
            assert worker.state.online is False

            proxy.set_faults(Faults())
            worker.sync_now()
            wait_until(lambda: worker.state.online is True and till.pending_count() == 0,
                       what="recovery")
        finally:
            worker.stop()
        assert on_server(shop, set(events_of(till)))  # nothing lost
        offline_since = [s for s in seen.states if s.online is False][0].since
        online_again = seen.states[-1]
        assert online_again.since is not None and offline_since is not None
        assert online_again.since >= offline_since and online_again.last_error is None


def test_stop_is_prompt_while_a_request_hangs(shop: Shop, live: LiveServer) -> None:
    with FaultProxy(("127.0.0.1", live.port)) as proxy:
        till = shop.till("a", url=proxy.url)
        register(till, 1)
        proxy.set_faults(Faults(silent=True))
        # The request and the join would both wait an hour: stop can only return in time
        # by cutting the request.
        worker = SyncWorker(till, shop.client(till, read_timeout=3600), join_timeout=3600)
        worker.start()
        wait_until(lambda: proxy.stats["silent"] >= 1, what="a request to hang")
        stopped = threading.Event()
        threading.Thread(target=lambda: (worker.stop(), stopped.set()), daemon=True).start()
        assert stopped.wait(60), "stop waited for the hanging request"
        assert not worker.running
    assert till.pending_count() > 0  # nothing was marked sent


def test_two_workers_on_one_till_take_turns(shop: Shop) -> None:
    till = shop.till("a")
    members = register(till, 3)
    write_points(till, members, 600)
    mine = till.pending_count()
    seen = Recorder()
    workers = [SyncWorker(till, shop.client(till), on_result=seen.result, batch_size=50,
                          poll_interval=0.001, pull_interval=3600) for _ in range(2)]
    for worker in workers:
        worker.start()
    try:
        wait_until(lambda: sum(r.pushed + r.duplicates for r in seen.results) >= mine,
                   what="passes that sent everything")
    finally:
        for worker in workers:
            worker.stop()
    assert till.pending_count() == 0
    assert sum(r.pushed for r in seen.results) == mine == 606
    assert sum(r.duplicates for r in seen.results) == 0  # never the same batch twice


def test_refused_events_stay_in_the_outbox_and_are_reported(shop: Shop) -> None:
    till = shop.till("a")
    [member] = register(till, 1)
    other_shop = shop.server.admin_create_shop(shop.org_id, "Another shop")["id"]

    def write(conn, ctx):  # type: ignore[no-untyped-def]
        elsewhere = Origin(ctx.origin.device_id, ctx.origin.org_id, other_shop)
        bad = ledger.append(conn, elsewhere, ctx.clock,
                            ledger.NewEvent(ledger.ADJUSTMENT, member, points=1,
                                            payload={"reason": "elsewhere"}))
        huge = ledger.append(conn, ctx.origin, ctx.clock, ledger.NewEvent(
            ledger.ADJUSTMENT, member, points=2, payload={"reason": "x"}))
        # The core no longer writes a payload this large; one written by an older version
        # of the till must still be refused by the server and stay here.
        conn.exec_driver_sql("UPDATE event SET payload = ? WHERE id = ?",
                             (json.dumps({"reason": "x" * 9000}), huge.id))
        return bad.id, huge.id

    drain([(till, shop.client(till))])  # the programme arrives with the first pull
    refused_there, refused_here = till.run(write)
    fine = till.stamp(member).event.id
    seen = Recorder()
    worker = SyncWorker(till, shop.client(till), on_state=seen.state, on_result=seen.result,
                        poll_interval=0.01, pull_interval=3600)
    worker.start()
    try:
        wait_until(lambda: on_server(shop, {fine}), what="the good events")
        wait_until(lambda: worker.state.refused == 2, what="the refusals to be reported")
    finally:
        worker.stop()
    with till.store.read() as conn:
        assert {e.id for e in ledger.pending(conn)} == {refused_there, refused_here}
    rejected = [r for res in seen.results for r in res.rejected]
    invalid = [r for res in seen.results for r in res.invalid]
    assert [r.id for r in rejected] == [refused_there] and "another shop" in rejected[0].reason
    assert [r.id for r in invalid] == [refused_here] and "payload" in invalid[0].reason
    assert "2 refused by the server" in worker.state.message
