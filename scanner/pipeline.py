"""Frame in, at most one Scan out: grayscale, decode, pick, check, de-duplicate.

With a `Region` (the guide frame the cashier is asked to hold the code in), a camera or
video frame is decoded there first: a fifth to a third of the pixels, converted to gray
alone. The whole frame is still decoded every `whole_every`-th frame in a row that the
region showed nothing, and on every frame while a code is seen only outside the region,
so a code held off-centre is read within `whole_every` frames and then followed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

import cv2
import numpy as np

from scanner.decoders import Decoder, Prefer, Read, make_decoder, pick_one
from scanner.dedup import DEFAULT_HOLD_S, Deduplicator
from scanner.frame import Frame
from scanner.payload import DEFAULT_MAX_LENGTH, DropCounters, rejection
from scanner.region import Box, Region
from scanner.scan import Scan, utc_now

COUNTERS = ("frames", "reads", "scans", "suppressed", "whole_frames")

# The region decoded is the guide grown by this much: a code held across the guide's edge
# is still whole in it, with the quiet zone around it that the decoder needs.
REGION_GROW = 1.25
DEFAULT_WHOLE_EVERY = 3


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
    confirmation (the same code in two files is two scans) and are always decoded whole.
    With several codes in a frame, `prefer` (text -> bool) picks the ones it accepts over
    larger ones it does not. `region` and `whole_every`: see the module's docstring.
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
        region: Region | None = None,
        whole_every: int = DEFAULT_WHOLE_EVERY,
    ) -> None:
        if whole_every < 1:
            raise ValueError("whole_every must be >= 1")
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
        self.region = region
        self.whole_every = whole_every
        self._misses = 0  # region misses in a row since the last whole decode
        self._seen_outside = False  # the last whole decode found a code the region had not

    def process(self, frame: Frame) -> Scan | None:
        """Decode one frame; the Scan if it holds a code that counts now, else None."""
        return self.examine(frame).scan

    def examine(self, frame: Frame) -> FrameResult:
        """Decode one frame and say what came of it: a scan, or why there is none."""
        started = self._clock()
        reads, shape = self._decode(frame)
        read = pick_one(reads, shape, self.prefer)
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
        if not is_new or text is None or read is None:
            if read is None:
                why = "no code found"
            elif reason is not None:
                why = f"code dropped ({reason})"
            else:
                why = "code held back (a repeat, or not yet confirmed)"
            return FrameResult(None, why, latency_ms)
        h, w = shape
        outline = tuple((x / w, y / h) for x, y in read.corners)
        return FrameResult(Scan(text=text, source=frame.kind, at=self._now_utc(),
                                latency_ms=latency_ms, file=frame.file, outline=outline),
                           None, latency_ms)

    def _decode(self, frame: Frame) -> tuple[list[Read], tuple[int, int]]:
        """The frame's reads, corners in whole-frame pixels, and its (height, width)."""
        image = frame.image
        shape = (int(image.shape[0]), int(image.shape[1]))
        box = self._region_box(frame, shape)
        if box is not None:
            x0, y0, x1, y1 = box
            # Only the region becomes gray: the rest of the frame is not even converted.
            reads = self.decoder.decode(to_gray(image[y0:y1, x0:x1]))
            if reads:
                return [_moved(r, x0, y0) for r in reads], shape
            self._misses += 1
            if not self._seen_outside and self._misses < self.whole_every:
                return [], shape
            self._misses = 0
        with self._lock:
            self._counts["whole_frames"] += 1
        reads = self.decoder.decode(to_gray(image))
        self._seen_outside = box is not None and bool(reads)
        return reads, shape

    def _region_box(self, frame: Frame, shape: tuple[int, int]) -> Box | None:
        if self.region is None or frame.kind == "image":
            return None  # a photograph has no guide frame: all of it is looked at
        return self.region.box(*shape, grow=REGION_GROW)

    def counters(self) -> dict[str, int]:
        """Frames seen, reads, scans, repeats suppressed, frames decoded whole, drops by reason."""
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


def _moved(read: Read, dx: int, dy: int) -> Read:
    return replace(read, corners=tuple((x + dx, y + dy) for x, y in read.corners))
