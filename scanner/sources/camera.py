"""A live camera through cv2.VideoCapture, kept alive through unplugging and busy devices."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

import cv2
import numpy as np

from scanner.backoff import Backoff
from scanner.frame import Frame
from scanner.sources.base import FrameSink, SourceState, StateCallback, ThreadedSource

log = logging.getLogger(__name__)

class Capture(Protocol):
    """The part of cv2.VideoCapture the camera source uses (fakes implement this)."""

    def isOpened(self) -> bool: ...

    def read(self) -> tuple[bool, np.ndarray | None]: ...

    def set(self, prop: int, value: float) -> bool: ...

    def get(self, prop: int) -> float: ...

    def release(self) -> None: ...


CaptureFactory = Callable[[int | str], Capture]


class CameraSource(ThreadedSource):
    """Frames from a camera by index (0) or device path (/dev/video0), at the camera's rate.

    A camera that is missing or busy reports NO_CAMERA; one that stops delivering
    reports LOST; both are retried with capped exponential back-off until `stop`.
    `sleep(seconds)` and `clock()` (monotonic seconds, stamped on frames) are
    injectable so tests run without waiting; the default sleep wakes early on `stop`.
    A `stop` during a blocking driver read waits for that read to return.
    """

    kind = "camera"

    def __init__(
        self,
        device: int | str = 0,
        *,
        resolution: tuple[int, int] = (1280, 720),
        fps: float | None = None,
        fourcc: str | None = "MJPG",
        on_state: StateCallback | None = None,
        capture_factory: CaptureFactory = cv2.VideoCapture,
        backoff: Backoff | None = None,
        sleep: Callable[[float], object] | None = None,
        clock: Callable[[], float] = time.monotonic,
        max_failed_reads: int = 10,
    ) -> None:
        super().__init__(on_state)
        self.device = device
        self.resolution = resolution
        self.fps = fps
        self.fourcc = fourcc
        self._factory = capture_factory
        self._backoff = backoff if backoff is not None else Backoff(initial=0.5, cap=10.0)
        self._sleep = sleep if sleep is not None else self._stopping.wait
        self._clock = clock
        self._max_failed_reads = max_failed_reads
        self._index = 0

    def _run(self, sink: FrameSink) -> None:
        ever_ran = False
        while not self._stopping.is_set():
            cap = self._open()
            if cap is None:
                delay = self._backoff.next_delay()
                state = SourceState.LOST if ever_ran else SourceState.NO_CAMERA
                self._report(state, f"camera {self.device} cannot be opened; "
                                    f"retrying in {delay:g} s")
                self._sleep(delay)
                continue
            try:
                ever_ran |= self._pump(cap, sink)
            finally:
                cap.release()
            if self._stopping.is_set():
                break
            delay = self._backoff.next_delay()
            self._report(SourceState.LOST, f"camera {self.device} stopped delivering frames; "
                                           f"retrying in {delay:g} s")
            self._sleep(delay)
        self._report(SourceState.STOPPED)

    def _open(self) -> Capture | None:
        try:
            cap = self._factory(self.device)
        except Exception as exc:  # cv2.error, OSError from odd drivers
            log.debug("opening camera %s failed: %s", self.device, exc)
            return None
        if not cap.isOpened():
            cap.release()
            return None
        # MJPG first: many USB webcams give 720p only at 5-10 fps in their raw format.
        if self.fourcc:
            cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*self.fourcc))
        width, height = self.resolution
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        if self.fps:
            cap.set(cv2.CAP_PROP_FPS, self.fps)
        # Driver-side queues hold stale frames too; one buffer keeps the latest.
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        return cap

    def _pump(self, cap: Capture, sink: FrameSink) -> bool:
        """Read until stopped or the camera fails; True if any frame arrived."""
        failures = 0
        delivered = False
        while not self._stopping.is_set():
            try:
                ok, image = cap.read()
            except Exception as exc:
                log.debug("camera %s read failed: %s", self.device, exc)
                ok, image = False, None
            if not ok or image is None or image.size == 0:
                failures += 1
                if failures >= self._max_failed_reads:
                    return delivered
                continue
            failures = 0
            if not delivered:
                delivered = True
                self._backoff.reset()
                h, w = image.shape[:2]
                self._report(SourceState.RUNNING, f"camera {self.device} at {w}x{h}")
            frame = Frame(image=image, t=self._clock(), index=self._index, kind="camera")
            self._index += 1
            if not sink.put(frame):
                self._stopping.set()  # nobody reads any more
                return delivered
        return delivered
