"""A generated video of member codes coming and going, played through VideoCapture."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from scanner import synthetic
from scanner.decoders import make_decoder
from scanner.pipeline import ScanPipeline, to_gray
from scanner.scan import Scan
from scanner.service import ScanService
from scanner.sources import SourceState, VideoFileSource

FPS = 30
SIZE = (640, 480)
A, B, C = (synthetic.member_code(np.random.default_rng(seed)) for seed in (1, 2, 3))

# (first frame, frame after the last, code or None, condition). At 30 fps the default
# hold of 2.5 s is 75 frames.
TIMELINE = [
    (0, 15, None, "empty"),
    (15, 60, A, "clean"),
    (60, 150, None, "empty"),  # 3 s away: A counts again
    (150, 180, A, "tilted"),
    (180, 210, B, "phone_40pct"),  # a different code counts at once
    (210, 225, None, "empty"),  # B turned away for half a second...
    (225, 255, B, "phone_40pct"),  # ...and back: the same presentation
    (255, 360, None, "empty"),
    (360, 390, C, "dark_mode"),
    (390, 420, None, "empty"),
]
EXPECTED = [A, A, B, C]


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("video") / "counter.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), FPS, SIZE)
    assert writer.isOpened()
    rng = np.random.default_rng(42)
    scene = synthetic.background(rng, SIZE)
    try:
        for start, end, text, condition in TIMELINE:
            for _ in range(start, end):
                frame = synthetic.make_frame(rng, condition, SIZE, text=text, scene=scene)
                writer.write(frame.image)
    finally:
        writer.release()
    return path


def _segment(index: int) -> tuple[int, int, str | None, str]:
    return next(seg for seg in TIMELINE if seg[0] <= index < seg[1])


def test_every_appearance_once_on_its_first_readable_frame(video: Path) -> None:
    source = VideoFileSource(video)
    pipeline = ScanPipeline()
    decoder = make_decoder()
    scanned: list[tuple[int, str]] = []
    first_readable: dict[tuple[int, int], int] = {}
    for frame in source.frames():
        start, end, text, _ = _segment(frame.index)
        readable = [r.text for r in decoder.decode(to_gray(frame.image))]
        if text is None:
            assert readable == [], f"phantom read on empty frame {frame.index}"
        elif text in readable:
            first_readable.setdefault((start, end), frame.index)
        scan = pipeline.process(frame)
        if scan is not None:
            scanned.append((frame.index, scan.text))
    assert frame.index == TIMELINE[-1][1] - 1  # every frame came through VideoCapture
    assert [text for _, text in scanned] == EXPECTED
    counted = [(15, 60), (150, 180), (180, 210), (360, 390)]
    assert [index for index, _ in scanned] == [first_readable[seg] for seg in counted]


def test_threaded_service_reports_each_appearance_once(video: Path) -> None:
    scans: list[Scan] = []
    states: list[SourceState] = []
    source = VideoFileSource(video, on_state=lambda state, _: states.append(state))
    service = ScanService(source, scans.append, lossless=True)
    service.start()
    assert service.wait(timeout=60)
    service.stop()
    assert [s.text for s in scans] == EXPECTED
    assert {s.source for s in scans} == {"video"}
    assert {s.file for s in scans} == {str(video)}
    assert states == [SourceState.RUNNING, SourceState.FINISHED]
    assert service.frames_dropped == 0
    assert service.pipeline.counters()["frames"] == 420


def test_played_in_real_time_with_latest_frame_wins(video: Path) -> None:
    scans: list[Scan] = []
    done = threading.Event()
    source = VideoFileSource(video, realtime=True, speed=4.0,
                             on_state=lambda s, _: s is SourceState.FINISHED and done.set())
    service = ScanService(source, scans.append)
    service.start()
    try:
        assert done.wait(timeout=30)
        assert service.wait(timeout=10)
    finally:
        assert service.stop()
    assert [s.text for s in scans] == EXPECTED
