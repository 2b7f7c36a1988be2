"""The scan service: owned threads, callbacks, and a listener that misbehaves."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from scanner import synthetic
from scanner.scan import Scan
from scanner.service import ScanService
from scanner.sources import ImageSource, SourceError, SourceState, VideoFileSource
from scanner.sources.images import find_images, load_image


@pytest.fixture
def photos(tmp_path: Path) -> tuple[Path, list[str]]:
    rng = np.random.default_rng(11)
    texts = []
    for i in (1, 2, 10):
        frame = synthetic.make_frame(rng, "clean", (640, 480))
        cv2.imwrite(str(tmp_path / f"{i}.png"), frame.image)
        texts.append(frame.text)
    return tmp_path, texts


def _klipp_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("klipp-")]


def test_scans_arrive_on_the_callback_and_threads_end(photos) -> None:
    folder, texts = photos
    scans: list[Scan] = []
    service = ScanService(ImageSource(folder), scans.append, lossless=True)
    service.start()
    assert service.wait(timeout=20)
    assert service.stop()
    assert [s.text for s in scans] == texts  # natural order: 1, 2, 10
    assert _klipp_threads() == []


def test_a_failing_listener_does_not_stop_scanning(photos) -> None:
    folder, texts = photos
    seen: list[str] = []

    def listener(scan: Scan) -> None:
        seen.append(scan.text)
        raise RuntimeError("widget gone")

    service = ScanService(ImageSource(folder), listener, lossless=True)
    service.start()
    assert service.wait(timeout=20)
    service.stop()
    assert seen == texts


def test_stop_interrupts_a_long_video(tmp_path: Path) -> None:
    video = tmp_path / "long.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter.fourcc(*"MJPG"), 30, (160, 120))
    for _ in range(300):
        writer.write(np.zeros((120, 160, 3), np.uint8))
    writer.release()
    states: list[SourceState] = []
    service = ScanService(VideoFileSource(video, realtime=True,
                                          on_state=lambda s, _: states.append(s)),
                          lambda scan: None)
    service.start()
    assert not service.wait(timeout=0.3)  # 10 s of video is still playing
    assert service.stop(timeout=3)
    assert states[-1] is SourceState.STOPPED
    assert _klipp_threads() == []


def test_image_source_errors_and_skips(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such image file or folder"):
        ImageSource(tmp_path / "missing")
    (tmp_path / ".hidden").mkdir()
    cv2.imwrite(str(tmp_path / ".hidden" / "x.png"), np.zeros((8, 8), np.uint8))
    (tmp_path / "sub").mkdir()
    cv2.imwrite(str(tmp_path / "sub" / "y.png"), np.zeros((8, 8), np.uint8))
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8 not really")
    assert [p.name for p in find_images(tmp_path)] == ["broken.jpg", "y.png"]
    assert load_image(tmp_path / "broken.jpg") is None
    source = ImageSource(tmp_path)
    assert [f.file for f in source.frames()] == [str(tmp_path / "sub" / "y.png")]
    assert source.skipped == [tmp_path / "broken.jpg"]


class ExplodingCapture:
    """Gives three frames, then the driver throws."""

    def __init__(self, path: str) -> None:
        self.reads = 0

    def isOpened(self) -> bool:
        return True

    def read(self) -> tuple[bool, np.ndarray]:
        self.reads += 1
        if self.reads > 3:
            raise cv2.error("decoder crashed")
        return True, np.zeros((48, 64, 3), np.uint8)

    def get(self, prop: int) -> float:
        return 25.0

    def set(self, prop: int, value: float) -> bool:
        return True

    def release(self) -> None:
        pass


def test_a_source_that_throws_reports_failed_and_ends_cleanly(tmp_path: Path) -> None:
    clip = tmp_path / "clip.avi"
    clip.write_bytes(b"any")
    states: list[tuple[SourceState, str]] = []
    source = VideoFileSource(clip, capture_factory=ExplodingCapture,
                             on_state=lambda s, d: states.append((s, d)))
    assert source.fps == 25.0
    service = ScanService(source, lambda scan: None, lossless=True)
    service.start()
    assert service.wait(timeout=5)
    service.stop()
    assert states[-1] == (SourceState.FAILED, "decoder crashed")
    assert service.pipeline.counters()["frames"] == 3
