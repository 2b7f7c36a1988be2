"""Frame in, at most one Scan out: grayscale, decode, pick, check, de-duplicate."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import cv2
import numpy as np

from scanner.decoders import Decoder, Prefer, make_decoder, pick_one
from scanner.dedup import DEFAULT_HOLD_S, Deduplicator
from scanner.frame import Frame
from scanner.payload import DEFAULT_MAX_LENGTH, DropCounters, rejection
from scanner.scan import Scan, utc_now

COUNTERS = ("frames", "reads", "scans", "suppressed")


def to_gray(image: np.ndarray) -> np.ndarray:
    """An 8-bit single-channel view of a BGR, BGRA or already gray image."""
    if image.ndim == 2:
        return image
    if image.shape[2] == 1:
        return image[:, :, 0]
    code = cv2.COLOR_BGRA2GRAY if image.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return cv2.cvtColor(image, code)


@dataclass(frozen=True, slots=True)
class FrameResult:
    """What one frame gave: the scan, or None and a short reason a person can read."""

    scan: Scan | None
    problem: str | None
    latency_ms: float


class ScanPipeline:
    """Turns frames into scans. One thread calls `process`; counters may be read anywhere.

    Still images are independent photographs, so they skip de-duplication and
    confirmation: the same code in two files is two scans. With several codes in a frame,
    `prefer` (text -> bool) picks the ones it accepts over larger ones it does not.
    """

    def __init__(
        self,
        decoder: Decoder | None = None,
        *,
        hold_s: float = DEFAULT_HOLD_S,
        confirm_frames: int = 1,
        max_length: int = DEFAULT_MAX_LENGTH,
        clock: Callable[[], float] = time.perf_counter,
        now_utc: Callable[[], datetime] = utc_now,
        prefer: Prefer | None = None,
    ) -> None:
        self.decoder = decoder if decoder is not None else make_decoder()
        # Filled by the composition root (e.g. the till's offline card check), so the
        # scanner need not know what a card is.
        self.prefer = prefer
        self.dedup = Deduplicator(hold_s=hold_s, confirm_frames=confirm_frames)
        self.max_length = max_length
        self.dropped = DropCounters()
        self._clock = clock
        self._now_utc = now_utc
        self._lock = threading.Lock()
        self._counts = dict.fromkeys(COUNTERS, 0)

    def process(self, frame: Frame) -> Scan | None:
        """Decode one frame; the Scan if it holds a code that counts now, else None."""
        return self.examine(frame).scan

    def examine(self, frame: Frame) -> FrameResult:
        """Decode one frame and say what came of it: a scan, or why there is none."""
        started = self._clock()
        gray = to_gray(frame.image)
        read = pick_one(self.decoder.decode(gray), gray.shape, self.prefer)
        text: str | None = None
        reason: str | None = None
        if read is not None:
            reason = rejection(read.text, binary=read.binary, max_length=self.max_length)
            if reason is None:
                text = read.text
            else:
                self.dropped.add(reason)
        if frame.kind == "image":
            is_new = text is not None
        else:
            is_new = self.dedup.observe(text, frame.t)
        latency_ms = (self._clock() - started) * 1000
        self._count(read=text is not None, scan=is_new)
        if not is_new or text is None:
            if read is None:
                why = "no code found"
            elif reason is not None:
                why = f"code dropped ({reason})"
            else:
                why = "code held back (a repeat, or not yet confirmed)"
            return FrameResult(None, why, latency_ms)
        return FrameResult(Scan(text=text, source=frame.kind, at=self._now_utc(),
                                latency_ms=latency_ms, file=frame.file), None, latency_ms)

    def counters(self) -> dict[str, int]:
        """Frames seen, reads, scans, reads suppressed as repeats, and drops by reason."""
        with self._lock:
            counts = dict(self._counts)
        counts.update({f"dropped_{k}": v for k, v in self.dropped.snapshot().items()})
        return counts

    def _count(self, *, read: bool, scan: bool) -> None:
        with self._lock:
            self._counts["frames"] += 1
            self._counts["reads"] += read
            self._counts["scans"] += scan
            # A read that is no scan: a repeat of a code in view, or one awaiting confirmation.
            self._counts["suppressed"] += read and not scan
