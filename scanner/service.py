"""Runs a frame source and a decode thread together, reporting scans through callbacks."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from scanner.frame import Frame
from scanner.mailbox import Mailbox, MailboxClosed
from scanner.pipeline import ScanPipeline
from scanner.scan import Scan
from scanner.sources.base import FrameSource

log = logging.getLogger(__name__)

ScanCallback = Callable[[Scan], None]


class ScanService:
    """A source thread and a decode thread joined by a one-slot mailbox.

    The source fills the mailbox at its own rate; the decode thread takes the newest
    frame, runs the pipeline and calls `on_scan(scan)` on the decode thread (a UI
    bridge re-emits it as a signal). A live camera uses latest-frame-wins; a file source
    with `lossless=True` waits for the decoder so no frame is skipped.

    `start` launches both threads; `stop` ends and joins them; `wait` joins after a
    file source has run out. A listener that raises is logged and does not stop scanning.
    """

    def __init__(
        self,
        source: FrameSource,
        on_scan: ScanCallback,
        *,
        pipeline: ScanPipeline | None = None,
        lossless: bool = False,
    ) -> None:
        self.source = source
        self.pipeline = pipeline if pipeline is not None else ScanPipeline()
        self._on_scan = on_scan
        self._lossless = lossless
        self._mailbox: Mailbox[Frame] = Mailbox(lossless=lossless)
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    def start(self) -> None:
        """Start the source and the decode thread."""
        if self._thread is not None and self._thread.is_alive():
            raise RuntimeError("scan service already running")
        self._stopping.clear()
        self._mailbox = Mailbox(lossless=self._lossless)
        self._thread = threading.Thread(target=self._decode_loop, name="klipp-scan-decode",
                                        daemon=True)
        self._thread.start()
        self.source.start(self._mailbox)

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop both threads and join them; True if both ended within `timeout`."""
        self._stopping.set()
        # Closing first releases a lossless source blocked on a full mailbox.
        self._mailbox.close()
        source_done = self.source.stop(timeout)
        return self._join(timeout) and source_done

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the source has run out and every frame is decoded; True when done."""
        return self._join(timeout)

    @property
    def frames_dropped(self) -> int:
        """Frames the decoder never saw because a newer one replaced them."""
        return self._mailbox.overwritten

    def _join(self, timeout: float | None) -> bool:
        thread = self._thread
        if thread is None or thread is threading.current_thread():
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def _decode_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                frame = self._mailbox.get(timeout=0.2)
            except MailboxClosed:
                return
            if frame is None:
                continue
            try:
                scan = self.pipeline.process(frame)
            except Exception:
                # One bad frame (odd shape from a driver) must not end scanning.
                log.exception("decoding a frame failed")
                continue
            if scan is None:
                continue
            try:
                self._on_scan(scan)
            except Exception:
                log.exception("scan callback failed")
