"""The window's operations layer: every core call on one writer thread, results as signals.

Modelled on Anki's `CollectionOp`/`QueryOp`. A widget says what to run and what to do with
the outcome, and never touches a thread or a connection:

    ops.op(lambda till: till.stamp(member_id)) \\
       .success(self._stamped).failure(self._refused).run_in_background()

Threading contract:
- `fn(till)` runs on the runner's single writer thread, one operation at a time, in the
  order they were started (one writer: the core's own lock is never contended by us).
- `success(result)` and `failure(exc)` run on the GUI thread, delivered by a queued signal.
- Every operation ends in a shown success or a shown failure: an op without a failure
  callback reports through `OpRunner.failed` (the window shows it in its banner), and an
  unexpected exception is reported in words too, never swallowed.
- A callback whose owner widget was deleted meanwhile is dropped.
- `device(fn)` is the same, for slow hardware that needs no till (a receipt printer,
  looking for cameras): it runs on a thread of its own, so a printer that takes seconds
  never holds up the next stamp on the writer thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal

from kiosk.errors import KlippError

log = logging.getLogger("klipp.window.ops")

T = TypeVar("T")
TillLike = Any  # kiosk.till.Till; typed loosely so tests may hand in a fake for the guard


class Op(Generic[T]):
    """One core call: what to run, what to do after. Build, then `run_in_background()`."""

    def __init__(self, runner: OpRunner, fn: Callable[[TillLike], T], *,
                 owner: QObject | None = None, label: str = "", device: bool = False) -> None:
        self._runner = runner
        self._fn = fn
        self._owner = owner
        self.label = label
        self.device = device  # runs on the device thread, not the writer
        self._success: Callable[[T], object] | None = None
        self._failure: Callable[[BaseException], object] | None = None

    def success(self, callback: Callable[[T], object]) -> Op[T]:
        """Called on the GUI thread with fn's result."""
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], object]) -> Op[T]:
        """Called on the GUI thread with the exception fn raised (it must show it)."""
        self._failure = callback
        return self

    def run_in_background(self) -> Future[T] | None:
        """Queue fn on the writer thread; its future (None once the window is closing)."""
        return self._runner._submit(self)

    def _call(self, till: TillLike) -> T:
        return self._fn(till)

    def _owner_alive(self) -> bool:
        return self._owner is None or shiboken6.isValid(self._owner)


_FINISHED = QEvent.Type(QEvent.registerEventType())


class _Finished(QEvent):
    """An op's result or failure, posted from the writer thread to the GUI thread."""

    def __init__(self, op: Op[Any], result: Any, exc: BaseException | None) -> None:
        super().__init__(_FINISHED)
        self.op, self.result, self.exc = op, result, exc


class OpRunner(QObject):
    """Owns the writer thread and the till; turns finished ops into GUI-thread callbacks."""
    # A failure no op handled, in words for the banner.
    failed = Signal(str)
    # Emitted after every op's callbacks ran; tests wait on it.
    done = Signal(object)

    def __init__(self, till: TillLike | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.till = till
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="klipp-writer")
        self._devices = ThreadPoolExecutor(max_workers=1, thread_name_prefix="klipp-devices")
        self.thread_ident: int | None = None
        self._pool.submit(self._note_thread).result()
        self._closed = False
        self.pending = 0

    def _note_thread(self) -> None:
        self.thread_ident = threading.get_ident()

    def op(self, fn: Callable[[TillLike], T], *, owner: QObject | None = None,
           label: str = "") -> Op[T]:
        """An operation on this runner's till."""
        return Op(self, fn, owner=owner, label=label)

    def device(self, fn: Callable[[], T], *, owner: QObject | None = None,
               label: str = "") -> Op[T]:
        """An operation on slow hardware (printer, cameras) that never touches the till."""
        return Op(self, lambda _till: fn(), owner=owner, label=label, device=True)

    def call(self, fn: Callable[[TillLike], T]) -> T:
        """Run fn on the writer thread and wait (start-up and shutdown only, never in a slot)."""
        return self._pool.submit(fn, self.till).result()

    def _submit(self, op: Op[Any]) -> Future[Any] | None:
        if self._closed:
            # A repaint or language change while shutting down: nothing to show any more.
            log.debug("operation %s dropped: the window is closing", op.label)
            return None
        self.pending += 1

        def work() -> Any:
            try:
                result = op._call(None if op.device else self.till)
            except BaseException as exc:  # noqa: BLE001 - every failure must be shown
                self._post(op, None, exc)
                raise
            self._post(op, result, None)
            return result

        return (self._devices if op.device else self._pool).submit(work)

    def _post(self, op: Op[Any], result: Any, exc: BaseException | None) -> None:
        # A result the cashier waits for goes ahead of the camera's frames and the repaints
        # already queued on the GUI thread (a queued signal would wait behind them).
        QCoreApplication.postEvent(self, _Finished(op, result, exc),
                                   Qt.EventPriority.HighEventPriority.value)

    def event(self, event: QEvent) -> bool:  # the GUI thread, where this runner lives
        if event.type() == _FINISHED and isinstance(event, _Finished):
            self._deliver(event.op, event.result, event.exc)
            return True
        return super().event(event)

    def _deliver(self, op: Op[Any], result: Any, exc: BaseException | None) -> None:
        self.pending -= 1
        try:
            if not op._owner_alive():
                return
            if exc is None:
                if op._success is not None:
                    op._success(result)
                return
            if not isinstance(exc, KlippError):
                log.error("operation %s failed", op.label or op._fn, exc_info=exc)
            if op._failure is not None:
                op._failure(exc)
            else:
                self.failed.emit(describe_failure(exc))
        except Exception as callback_exc:  # a bug in a slot must still be seen
            log.exception("callback of %s failed", op.label)
            self.failed.emit(describe_failure(callback_exc))
        finally:
            self.done.emit(op)

    def close(self) -> None:
        """Finish queued ops and join the writer thread (the till is closed by its owner)."""
        self._closed = True
        self._pool.shutdown(wait=True)
        self._devices.shutdown(wait=True)


def describe_failure(exc: BaseException) -> str:
    """One line a cashier can read: the core's own words, or a calm generic sentence."""
    if isinstance(exc, KlippError):
        return str(exc)
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "ops", "Something went wrong ({0}); look at the last actions before trying again.").format(
        type(exc).__name__)
