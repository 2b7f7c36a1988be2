"""The camera source: missing, busy and unplugged cameras, retried with back-off."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import cv2
import numpy as np

from scanner.backoff import Backoff
from scanner.frame import Frame
from scanner.mailbox import Mailbox, MailboxClosed
from scanner.sources import CameraSource, SourceState

IMAGE = np.zeros((48, 64, 3), np.uint8)


class FakeCapture:
    """A VideoCapture stand-in: opens or not, then gives `good_reads` frames and fails."""

    def __init__(self, opened: bool, good_reads: int | None = None) -> None:
        self.opened = opened
        self.good_reads = good_reads
        self.reads = 0
        self.released = False
        self.props: dict[int, float] = {}

    def isOpened(self) -> bool:
        return self.opened

    def read(self) -> tuple[bool, np.ndarray | None]:
        self.reads += 1
        if self.good_reads is not None and self.reads > self.good_reads:
            return False, None
        return True, IMAGE

    def set(self, prop: int, value: float) -> bool:
        self.props[prop] = value
        return True

    def get(self, prop: int) -> float:
        return self.props.get(prop, 0.0)

    def release(self) -> None:
        self.released = True


class Script:
    """A capture factory that hands out prepared captures in order, then repeats the last."""

    def __init__(self, *captures: FakeCapture) -> None:
        self.captures = list(captures)
        self.opened_with: list[int | str] = []

    def __call__(self, device: int | str) -> FakeCapture:
        self.opened_with.append(device)
        if len(self.captures) > 1:
            return self.captures.pop(0)
        return self.captures[0]


class Recorder:
    """Collects states and sleeps; `until` wakes the test when a condition holds."""

    def __init__(self) -> None:
        self.states: list[tuple[SourceState, str]] = []
        self.sleeps: list[float] = []
        self._cond = threading.Condition()

    def on_state(self, state: SourceState, detail: str) -> None:
        with self._cond:
            self.states.append((state, detail))
            self._cond.notify_all()

    def sleep(self, seconds: float) -> None:
        with self._cond:
            self.sleeps.append(seconds)
            self._cond.notify_all()
        time.sleep(0.001)  # yield, so a failing loop does not starve the test thread

    def until(self, check: Callable[[], bool], timeout: float = 5.0) -> bool:
        with self._cond:
            return self._cond.wait_for(check, timeout)

    def state_names(self) -> list[SourceState]:
        names: list[SourceState] = []
        for state, _ in self.states:
            if not names or names[-1] is not state:
                names.append(state)
        return names


def _drain(mailbox: Mailbox[Frame], count: int, timeout: float = 5.0) -> list[Frame]:
    frames: list[Frame] = []
    deadline = time.monotonic() + timeout
    while len(frames) < count and time.monotonic() < deadline:
        try:
            frame = mailbox.get(timeout=0.1)
        except MailboxClosed:
            break
        if frame is not None:
            frames.append(frame)
    return frames


def test_missing_camera_reports_no_camera_then_runs_when_plugged_in(mono_clock) -> None:
    rec = Recorder()
    script = Script(FakeCapture(False), FakeCapture(False), FakeCapture(False),
                    FakeCapture(True))
    source = CameraSource(2, on_state=rec.on_state, capture_factory=script, sleep=rec.sleep,
                          clock=mono_clock)
    mailbox: Mailbox[Frame] = Mailbox(lossless=True)
    source.start(mailbox)
    try:
        frames = _drain(mailbox, 3)
    finally:
        assert source.stop()
    assert len(frames) == 3
    assert [f.t for f in frames] == [mono_clock.now] * 3  # stamped by the injected clock
    assert [f.index for f in frames] == [0, 1, 2]
    assert rec.sleeps[:3] == [0.5, 1.0, 2.0]
    assert rec.state_names() == [SourceState.NO_CAMERA, SourceState.RUNNING, SourceState.STOPPED]
    assert "camera 2" in rec.states[0][1]
    assert script.opened_with[:4] == [2, 2, 2, 2]
    assert mailbox.closed


def test_unplugged_mid_run_is_lost_then_recovers_and_backoff_resets() -> None:
    rec = Recorder()
    first = FakeCapture(True, good_reads=5)
    second = FakeCapture(True, good_reads=3)
    script = Script(first, FakeCapture(False), FakeCapture(False), second, FakeCapture(True))
    source = CameraSource(0, on_state=rec.on_state, capture_factory=script, sleep=rec.sleep,
                          max_failed_reads=3)
    mailbox: Mailbox[Frame] = Mailbox(lossless=True)
    source.start(mailbox)
    try:
        frames = _drain(mailbox, 10)
    finally:
        assert source.stop()
    assert len(frames) == 10
    assert [f.index for f in frames] == list(range(10))
    assert first.released and second.released
    assert rec.state_names() == [
        SourceState.RUNNING, SourceState.LOST, SourceState.RUNNING, SourceState.LOST,
        SourceState.RUNNING, SourceState.STOPPED,
    ]
    # Lost (0.5), two failed re-opens (1, 2); frames flowed again, so the second loss
    # starts from the initial delay.
    assert rec.sleeps == [0.5, 1.0, 2.0, 0.5]


def test_backoff_is_capped_and_the_loop_never_crashes() -> None:
    rec = Recorder()
    source = CameraSource(0, on_state=rec.on_state, capture_factory=Script(FakeCapture(False)),
                          sleep=rec.sleep, backoff=Backoff(initial=0.5, cap=4.0))
    source.start(Mailbox())
    try:
        assert rec.until(lambda: len(rec.sleeps) >= 8)
    finally:
        assert source.stop()
    assert rec.sleeps[:8] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0, 4.0, 4.0]
    assert rec.state_names() == [SourceState.NO_CAMERA, SourceState.STOPPED]
    # The same message at the cap is reported once, not once per attempt.
    assert len(rec.states) == 5


def test_factory_that_raises_counts_as_no_camera() -> None:
    rec = Recorder()

    def broken(device: int | str) -> FakeCapture:
        raise cv2.error("device busy")

    source = CameraSource("/dev/video7", on_state=rec.on_state, capture_factory=broken,
                          sleep=rec.sleep)
    source.start(Mailbox())
    try:
        assert rec.until(lambda: len(rec.sleeps) >= 2)
    finally:
        assert source.stop()
    assert rec.states[0][0] is SourceState.NO_CAMERA
    assert "/dev/video7" in rec.states[0][1]


class WatchedCondition(threading.Condition):
    """A condition that says when a thread has started waiting on it."""

    def __init__(self) -> None:
        super().__init__(threading.Lock())
        self.waiting = threading.Event()

    def wait(self, timeout: float | None = None) -> bool:
        self.waiting.set()
        return super().wait(timeout)


def test_bogus_index_with_real_opencv_reports_no_camera_and_stops_promptly() -> None:
    rec = Recorder()
    # A back-off of an hour: stop can only return in time if the default sleep wakes on it.
    source = CameraSource(97, on_state=rec.on_state, backoff=Backoff(initial=3600, cap=3600))
    # The default sleep waits on the stop event; watch its condition to know it is sleeping.
    sleeping = WatchedCondition()
    source._stopping._cond = sleeping
    source.start(Mailbox())
    try:
        assert rec.until(lambda: bool(rec.states), timeout=30)
        assert rec.states[0][0] is SourceState.NO_CAMERA
        assert sleeping.waiting.wait(30), "the source never went to sleep after no camera"
    finally:
        assert source.stop(timeout=30), "stop did not wake the back-off sleep"
    assert source.state is SourceState.STOPPED


def test_camera_is_asked_for_the_chosen_resolution() -> None:
    capture = FakeCapture(True)
    source = CameraSource(0, resolution=(640, 480), fps=30, capture_factory=Script(capture),
                          sleep=lambda s: None)
    mailbox: Mailbox[Frame] = Mailbox(lossless=True)
    source.start(mailbox)
    try:
        assert len(_drain(mailbox, 1)) == 1
    finally:
        assert source.stop()
    assert capture.props[cv2.CAP_PROP_FRAME_WIDTH] == 640
    assert capture.props[cv2.CAP_PROP_FRAME_HEIGHT] == 480
    assert capture.props[cv2.CAP_PROP_FPS] == 30
    assert capture.props[cv2.CAP_PROP_BUFFERSIZE] == 1


def test_slow_consumer_gets_the_latest_frame_not_a_queue() -> None:
    source = CameraSource(0, capture_factory=Script(FakeCapture(True)), sleep=lambda s: None)
    mailbox: Mailbox[Frame] = Mailbox()
    source.start(mailbox)
    seen: list[int] = []
    try:
        for _ in range(5):
            time.sleep(0.02)  # a decoder far slower than the camera
            frame = mailbox.get(timeout=1)
            assert frame is not None
            seen.append(frame.index)
    finally:
        assert source.stop()
    assert seen == sorted(seen)
    assert all(b - a > 1 for a, b in zip(seen, seen[1:], strict=False))  # stale ones skipped
    assert mailbox.overwritten > 0
