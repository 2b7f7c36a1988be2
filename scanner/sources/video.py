"""A video file as a frame source, so the whole pipeline runs without a camera."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import cv2

from scanner.frame import Frame
from scanner.sources.base import FrameSink, SourceError, SourceState, StateCallback, ThreadedSource
from scanner.sources.camera import CaptureFactory

FALLBACK_FPS = 30.0


class VideoFileSource(ThreadedSource):
    """Frames of a video file, stamped with media time.

    Iterate `frames()` to decode every frame on the calling thread, or `start` a thread
    that plays the file: paced at its frame rate times `speed` with `realtime=True` (it
    then behaves like a camera, dropping frames a slow reader misses), or as fast as
    the sink takes them otherwise.
    """

    kind = "video"

    def __init__(
        self,
        path: str | Path,
        *,
        realtime: bool = False,
        speed: float = 1.0,
        on_state: StateCallback | None = None,
        capture_factory: CaptureFactory = cv2.VideoCapture,
    ) -> None:
        super().__init__(on_state)
        self.path = Path(path)
        self.realtime = realtime
        self.speed = speed
        self._factory = capture_factory
        if not self.path.is_file():
            raise SourceError(f"no such video file: {self.path}")
        cap = self._factory(str(self.path))
        try:
            if not cap.isOpened():
                raise SourceError(f"cannot open {self.path} as a video")
            fps = cap.get(cv2.CAP_PROP_FPS)
        finally:
            cap.release()
        self.fps = fps if fps and math.isfinite(fps) and fps > 0 else FALLBACK_FPS

    def frames(self) -> Iterator[Frame]:
        """Every frame of the file in order, on the calling thread."""
        cap = self._factory(str(self.path))
        try:
            index = 0
            while True:
                ok, image = cap.read()
                if not ok or image is None:
                    return
                yield Frame(image=image, t=index / self.fps, index=index, kind="video",
                            file=str(self.path))
                index += 1
        finally:
            cap.release()

    def _run(self, sink: FrameSink) -> None:
        self._report(SourceState.RUNNING, f"playing {self.path} at {self.fps:g} fps")
        started = time.monotonic()
        with closing(self.frames()) as frames:
            for frame in frames:
                if self._stopping.is_set():
                    break
                if self.realtime:
                    wait = started + frame.t / self.speed - time.monotonic()
                    if wait > 0 and self._stopping.wait(wait):
                        break
                if not sink.put(frame):
                    break
            else:
                self._report(SourceState.FINISHED, f"end of {self.path}")
                return
        self._report(SourceState.STOPPED)
