"""Bridges from the scanner's, the sync worker's and the core's callbacks to Qt signals.

`scanner/`, `sync/` and `kiosk/` call plain functions on their own threads; these objects
live on the GUI thread and re-emit, so Qt queues every delivery onto the GUI thread.

One camera feeds both the decoder and the picture: `DisplayTee` wraps the frame source so
each frame goes first to the scanner's own mailbox (the decoder never waits for the
display), then into a one-slot display mailbox read by a display thread of ours, which
mirrors the frame, converts it to 32-bit (never Qt's slow BGR888 path) and emits it.
The scanner never learns about Qt or the display.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage

from scanner.frame import Frame
from scanner.mailbox import Mailbox, MailboxClosed
from scanner.scan import Scan
from scanner.sources.base import FrameSink, FrameSource, SourceState

log = logging.getLogger("klipp.window.bridges")

DISPLAY_HOLD_S = 0.1  # longest the picture waits for a scan's answer to be painted


@dataclass(frozen=True)
class ScanHit:
    """A scan for the screen: its text, where from, and its outline on the mirrored picture."""

    text: str
    source: str
    outline: tuple[tuple[float, float], ...] = ()  # corners as 0..1 of width and height
    latency_ms: float = 0.0
    frame_t: float | None = None


class _TeeSink:
    def __init__(self, sink: FrameSink, display: Callable[[Frame], None]) -> None:
        self._sink = sink
        self._display = display

    def put(self, item: Frame) -> bool:
        ok = self._sink.put(item)  # the decoder first: it never waits for the display
        self._display(item)
        return ok

    def close(self) -> None:
        self._sink.close()


class DisplayTee:
    """A FrameSource that passes every frame of `inner` to the scanner and to `display`."""

    def __init__(self, inner: FrameSource, display: Callable[[Frame], None]) -> None:
        self.inner = inner
        self._display = display
        self.kind = inner.kind

    def start(self, sink: FrameSink) -> None:
        self.inner.start(_TeeSink(sink, self._display))

    def stop(self, timeout: float = 5.0) -> bool:
        return self.inner.stop(timeout)

    @property
    def state(self) -> SourceState:
        return self.inner.state


_SCAN_EVENT = QEvent.Type(QEvent.registerEventType())


class _ScanEvent(QEvent):
    """A decoded scan on its way to the GUI thread."""

    def __init__(self, hit: ScanHit) -> None:
        super().__init__(_SCAN_EVENT)
        self.hit = hit


class ScanBridge(QObject):
    """Scanner callbacks in, signals out: scans, display frames and camera states."""

    scanned = Signal(object)  # ScanHit
    frame = Signal(QImage)  # mirrored RGB32, scaled to the view
    camera_state = Signal(str, str)  # SourceState value, detail

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._display_box: Mailbox[Frame] = Mailbox()
        self._display_thread: threading.Thread | None = None
        self._target = QSize(640, 360)
        self._target_lock = threading.Lock()
        self._answer_shown = threading.Event()
        self._answer_shown.set()
        self.display_hold_s = DISPLAY_HOLD_S
        self.frames_shown = 0
        self.frames_converted = 0
        self.convert_seconds = 0.0

    # --- called on the scanner's threads --------------------------------------------------

    def on_scan(self, scan: Scan) -> None:
        """ScanService's callback (decode thread)."""
        self._answer_shown.clear()  # frames wait until the answer is painted (answer_shown)
        outline = tuple((1.0 - x, y) for x, y in scan.outline)  # mirrored like the picture
        # Posted with high priority, a scan is handled before the frames and repaints already
        # queued on the GUI thread (a queued signal waited ~4 ms behind a window repaint).
        QCoreApplication.postEvent(
            self, _ScanEvent(ScanHit(scan.text, scan.source, outline, scan.latency_ms)),
            Qt.EventPriority.HighEventPriority.value)

    def event(self, event: QEvent) -> bool:  # GUI thread: where this bridge lives
        if event.type() == _SCAN_EVENT and isinstance(event, _ScanEvent):
            self.scanned.emit(event.hit)
            return True
        return super().event(event)

    def on_state(self, state: SourceState, detail: str) -> None:
        """The source's state callback (capture thread)."""
        self.camera_state.emit(str(state), detail)

    def answer_shown(self) -> None:
        """The last scan's answer is painted: the camera's frames may be painted again."""
        self._answer_shown.set()

    def on_frame(self, frame: Frame) -> None:
        """DisplayTee's display hook (capture thread): latest frame wins, never blocks."""
        self._display_box.put(frame)

    # --- GUI side -------------------------------------------------------------------------

    def usb_scan(self, scan: Scan) -> None:
        """A scan from the wedge filter or typed entry (GUI thread)."""
        self.scanned.emit(ScanHit(scan.text, scan.source, (), scan.latency_ms))

    def set_target_size(self, size: QSize) -> None:
        """The view's size; frames are scaled to it on the display thread."""
        with self._target_lock:
            self._target = QSize(max(size.width(), 16), max(size.height(), 16))

    def start_display(self) -> None:
        if self._display_thread is not None:
            return
        self._display_box = Mailbox()
        self._display_thread = threading.Thread(target=self._display_loop,
                                                name="klipp-display", daemon=True)
        self._display_thread.start()

    def stop_display(self) -> None:
        self._answer_shown.set()  # a frame held for an answer must not hold up the stop
        self._display_box.close()
        if self._display_thread is not None:
            self._display_thread.join(2.0)
            self._display_thread = None

    def _display_loop(self) -> None:
        while True:
            try:
                frame = self._display_box.get(timeout=0.5)
            except MailboxClosed:
                return
            if frame is None:
                continue
            try:
                started = time.perf_counter()
                image = self.convert(frame.image)
                self.convert_seconds += time.perf_counter() - started
                self.frames_converted += 1
                # A scan's answer reaches the screen first. This frame's paint on the GUI
                # thread, while the writer served the scan and the member was painted, held
                # both up on the GIL (with frames switched off a scan was 0.9 ms faster). It
                # waits for the answer's paint, one frame at most, never over display_hold_s.
                self._answer_shown.wait(self.display_hold_s)
                self.frame.emit(image)
            except Exception:
                log.exception("display conversion failed")

    def convert(self, image: np.ndarray) -> QImage:
        """Mirror, scale to fit the view, and convert to a 32-bit QImage that owns its data."""
        with self._target_lock:
            tw, th = self._target.width(), self._target.height()
        h, w = image.shape[:2]
        # Scaled here to the view's own size, nearest pixel: the GUI thread then blits it
        # unscaled. Letting the painter scale a decimated frame cost the GUI thread about
        # 1 ms a frame, paid again by every scan's outline flash beside the member's paint.
        scale = min(tw / w, th / h)
        size = (max(round(w * scale), 1), max(round(h * scale), 1))
        if size != (w, h):
            image = cv2.resize(image, size, interpolation=cv2.INTER_NEAREST)
        h, w = image.shape[:2]
        if image.ndim == 2:
            bgra = cv2.cvtColor(image, cv2.COLOR_GRAY2BGRA)
        elif image.shape[2] == 4:
            bgra = image
        else:
            bgra = cv2.cvtColor(image, cv2.COLOR_BGR2BGRA)
        # Format_RGB32 is BGRA in memory on little-endian machines. OpenCV mirrors straight
        # into the image's own buffer with the GIL released: numpy's strided copy of a
        # mirrored view and QImage.copy() cost 10-20 ms a 720p frame, and the decode and
        # GUI threads waited on that CPU and that GIL.
        qimage = QImage(w, h, QImage.Format.Format_RGB32)
        pixels = np.frombuffer(qimage.bits(), np.uint8)
        target = pixels.reshape(h, qimage.bytesPerLine() // 4, 4)[:, :w]
        cv2.flip(bgra, 1, dst=target)
        return qimage


class SyncBridge(QObject):
    """The sync worker's state callback (worker thread) as a signal."""

    state = Signal(object)  # sync.state.SyncState

    def on_state(self, state: Any) -> None:
        self.state.emit(state)


class ChangeBridge(QObject):
    """The till's change listener (writer or sync thread) as a signal on the GUI thread."""

    changed = Signal(object)  # kiosk Changes, or None when the till cannot say what changed

    def on_change(self, changes: Any = None) -> None:
        self.changed.emit(changes)
