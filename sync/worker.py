"""The background sync worker: one owned thread that pushes, pulls and reports.

Threading contract:
- `start()` starts the thread; `stop()` asks it to finish, cuts any request in flight and
  joins it. Both are called from the owner's thread (the composition root or the CLI).
- `wake()` may be called from any thread, after every write: it only sets an event.
- `on_state` is called on the worker's thread with a SyncState whenever it changes; adapt it
  to a Qt signal in ui/. `on_result` gets each successful pass's SyncResult, likewise.
  An exception raised by either callback is logged and ignored.

Scheduling: a light pass (push, then pull) runs as soon as the worker is woken or the poll
finds events waiting; a full pass (also profiles, conflicts and a sampled balance check) runs
every `pull_interval`. After a failure the worker waits `backoff.delay(failures)` before the
next attempt, wakes included. Passes take the till's sync lock (sync.lock), so two workers or a
worker and `python -m sync once` never sync the same till at the same time.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable

from kiosk.clock import to_micros
from kiosk.errors import KlippError
from kiosk.till import Till
from sync.backoff import Backoff
from sync.client import SyncClient
from sync.errors import NotPaired, SyncBusy
from sync.lock import SyncLock
from sync.reconcile import BATCH_SIZE, BeforeMark, data_dir, sync_pass
from sync.state import SyncResult, SyncState

log = logging.getLogger("klipp.sync.worker")

StateCallback = Callable[[SyncState], None]


class SyncWorker:
    """Keeps one till in step with the server on a thread of its own."""

    def __init__(self, till: Till, client: SyncClient, *, on_state: StateCallback | None = None,
                 poll_interval: float = 0.5, pull_interval: float = 10.0,
                 refused_retry_interval: float = 60.0, conflicts_interval: float = 300.0,
                 backoff: Backoff | None = None,
                 monotonic: Callable[[], float] = time.monotonic, batch_size: int = BATCH_SIZE,
                 on_result: Callable[[SyncResult], None] | None = None,
                 before_mark: BeforeMark | None = None, join_timeout: float = 10.0) -> None:
        self.till = till
        self.client = client
        self.poll_interval = poll_interval
        self.pull_interval = pull_interval
        self.refused_retry_interval = refused_retry_interval
        self.conflicts_interval = conflicts_interval
        self.backoff = backoff or Backoff()
        self.batch_size = batch_size
        self.join_timeout = join_timeout
        self._on_state = on_state
        self._on_result = on_result
        self._before_mark = before_mark
        self._monotonic = monotonic
        self._lock = SyncLock(data_dir(till))
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._state = SyncState()
        self._state_lock = threading.Lock()
        self._state = SyncState(waiting=self._waiting())
        self._failures = 0
        self._not_before = 0.0
        self._next_full = 0.0
        self._next_conflicts = 0.0
        self._full_requested = False
        # Events the server refused: left in the outbox, retried now and then, not every pass.
        self._refused: set[str] = set()
        self._refused_since = 0.0

    # --- owner's side ---------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker thread (once)."""
        if self._thread is not None:
            raise RuntimeError("the sync worker is already started")
        self._stopping.clear()
        self.client.resume()
        self._thread = threading.Thread(target=self._run, name="klipp-sync", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Finish promptly: cut the request in flight and join the thread."""
        thread = self._thread
        if thread is None:
            return
        self._stopping.set()
        self._wake.set()
        self.client.abort()
        thread.join(self.join_timeout)
        if thread.is_alive():  # pragma: no cover - a connect that ignores its timeout
            log.warning("the sync worker did not stop within %.1f s", self.join_timeout)
        else:
            self.client.resume()  # the client may serve a `run_once` after the worker
        self._thread = None

    def wake(self) -> None:
        """Something was written: push it now (unless backing off after a failure)."""
        self._wake.set()

    def sync_now(self) -> None:
        """Run a full pass as soon as possible, even during a back-off (a cashier's button)."""
        self._full_requested = True
        self._next_conflicts = 0.0
        self._not_before = 0.0
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def state(self) -> SyncState:
        with self._state_lock:
            return self._state

    # --- the thread -----------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stopping.is_set():
            if self._monotonic() >= self._not_before:
                self._tick(self._monotonic())
            if self._stopping.is_set():
                break
            # During a back-off a wake only re-arms the wait for the rest of it.
            remaining = self._not_before - self._monotonic()
            self._wake.wait(remaining if remaining > 0 else self.poll_interval)
            self._wake.clear()

    def _tick(self, now: float) -> None:
        full = self._full_requested or now >= self._next_full
        waiting = self._waiting()
        if not full and waiting - len(self._refused) <= 0:
            self._publish(waiting=waiting)
            return
        if now - self._refused_since >= self.refused_retry_interval:
            self._refused = set()
            self._refused_since = now
        if not self._lock.acquire():
            return  # another worker or process is syncing this till; try at the next poll
        try:
            ask = full and now >= self._next_conflicts
            result = sync_pass(self.till, self.client, batch_size=self.batch_size, full=full,
                               conflicts=ask, skip=self._refused, before_mark=self._before_mark)
            if ask:
                self._next_conflicts = now + self.conflicts_interval
        except SyncBusy:
            return
        except KlippError as exc:
            if not self._stopping.is_set():  # a pass cut short by stop() is no failure
                self._failed(str(exc), paired=not isinstance(exc, NotPaired),
                             kind=getattr(exc, "kind", "failed"))
            return
        except Exception as exc:  # a bug must not kill the thread; it is logged in full
            log.exception("sync pass failed")
            self._failed(f"sync failed unexpectedly ({type(exc).__name__})", kind="failed")
            return
        finally:
            self._lock.release()
        self._succeeded(result, full=full)

    def _succeeded(self, result: SyncResult, *, full: bool) -> None:
        now = self._monotonic()
        self._failures = 0
        self._not_before = 0.0
        if full:
            self._full_requested = False
            self._next_full = now + self.pull_interval
        state = self.state
        self._publish(
            online=True, last_error=None, error_kind=None,
            last_success=to_micros(self.till.clock.now()),
            waiting=result.waiting, refused=len(self._refused), paired=True,
            repaired=state.repaired + result.repaired,
            diverged=len(result.diverged) if (result.checked or result.diverged)
            else state.diverged,
            conflicts=result.conflicts if result.conflicts is not None else state.conflicts,
        )
        if self._on_result is not None:
            try:
                self._on_result(result)
            except Exception:
                log.exception("the sync result callback failed")

    def _failed(self, message: str, *, paired: bool = True, kind: str = "failed") -> None:
        self._failures += 1
        delay = self.backoff.delay(self._failures)
        self._not_before = self._monotonic() + delay
        log.info("sync failed (%s); next attempt in %.1f s", message, delay)
        self._publish(online=False, last_error=message, error_kind=kind,
                      waiting=self._waiting(), paired=paired)

    def _waiting(self) -> int:
        try:
            return self.till.sync.waiting()
        except KlippError:
            return self._state.waiting

    def _publish(self, **changes: object) -> None:
        with self._state_lock:
            old = self._state
            if "online" in changes and changes["online"] != old.online:
                changes["since"] = to_micros(self.till.clock.now())
            new = dataclasses.replace(old, **changes)  # type: ignore[arg-type]
            if new == old:
                return
            self._state = new
        if self._on_state is not None:
            try:
                self._on_state(new)
            except Exception:
                log.exception("the sync state callback failed")


def run_foreground(till: Till, client: SyncClient, *, on_state: StateCallback | None = None,
                   stop: threading.Event | None = None, **options: object) -> None:
    """Run the worker until `stop` is set (or Ctrl-C); for `klipp sync --watch`."""
    worker = SyncWorker(till, client, on_state=on_state, **options)  # type: ignore[arg-type]
    stop = stop or threading.Event()
    worker.start()
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        worker.stop()
