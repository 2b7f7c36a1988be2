"""What every frame source shares: states, the sink it feeds, and an owned thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import StrEnum
from typing import Protocol

from scanner.frame import Frame, FrameKind

log = logging.getLogger(__name__)


class SourceState(StrEnum):
    """What a source is doing, as a cashier-facing word."""

    STARTING = "starting"
    RUNNING = "running"
    NO_CAMERA = "no camera"
    LOST = "camera lost, retrying"
    SKIPPED = "skipped"
    FINISHED = "finished"
    FAILED = "failed"
    STOPPED = "stopped"


StateCallback = Callable[[SourceState, str], None]


class SourceError(Exception):
    """A file source that cannot be used at all; the message is fit for a user."""


class FrameSink(Protocol):
    """Where a source delivers frames (a Mailbox)."""

    def put(self, item: Frame) -> bool:
        """Offer a frame; False when the sink is closed."""
        ...

    def close(self) -> None:
        """No more frames will come."""
        ...


class FrameSource(Protocol):
    """A source of frames running on its own thread."""

    kind: FrameKind

    def start(self, sink: FrameSink) -> None:
        """Start the capture thread, delivering into `sink`; the sink is closed at the end."""
        ...

    def stop(self, timeout: float = 5.0) -> bool:
        """Ask the thread to end and join it; True if it ended within `timeout`."""
        ...

    @property
    def state(self) -> SourceState:
        """The last state reported."""
        ...


class ThreadedSource:
    """Owns one capture thread: `start` launches it, `stop` ends and joins it.

    Subclasses implement `_run(sink)`, watching `self._stopping` to end early. Any
    exception escaping `_run` becomes the FAILED state rather than a dead thread with
    a traceback nobody sees. `on_state` is called on the capture thread.
    """

    kind: FrameKind

    def __init__(self, on_state: StateCallback | None = None) -> None:
        self._on_state = on_state
        self._state = SourceState.STARTING
        self._last_report: tuple[SourceState, str] | None = None
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> SourceState:
        """The last state reported."""
        return self._state

    def start(self, sink: FrameSink) -> None:
        """Start the capture thread, delivering into `sink`; the sink is closed at the end."""
        if self._thread is not None and self._thread.is_alive():
            raise RuntimeError("source already running")
        self._stopping.clear()
        # Daemon only as a last resort: a driver stuck in read() must not keep the till
        # from exiting. Owners still stop() and join.
        self._thread = threading.Thread(
            target=self._main, args=(sink,), name=f"klipp-{self.kind}-source", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> bool:
        """Ask the thread to end and join it; True if it ended within `timeout`."""
        self._stopping.set()
        thread = self._thread
        if thread is None or thread is threading.current_thread():
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def _main(self, sink: FrameSink) -> None:
        try:
            self._run(sink)
        except Exception as exc:
            log.exception("%s source failed", self.kind)
            self._report(SourceState.FAILED, str(exc) or type(exc).__name__)
        finally:
            sink.close()

    def _run(self, sink: FrameSink) -> None:
        raise NotImplementedError

    def _report(self, state: SourceState, detail: str = "") -> None:
        self._state = state
        if self._last_report == (state, detail):
            return
        self._last_report = (state, detail)
        if self._on_state is None:
            return
        try:
            self._on_state(state, detail)
        except Exception:
            # A faulty listener must not stop the camera.
            log.exception("state callback failed")
