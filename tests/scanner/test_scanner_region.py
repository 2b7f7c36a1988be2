"""The guide region: decoded first and alone, yet a code held elsewhere is still read.

Real zxing-cpp decodes throughout; a recording wrapper only notes what the decoder was
handed, so a test can tell the region path from the whole frame.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from scanner.decoders import Read, make_decoder
from scanner.frame import Frame
from scanner.pipeline import REGION_GROW, ScanPipeline
from scanner.region import Region
from scanner.sources import ImageSource
from scanner.synthetic import qr_matrix

CODE = "K7Q2M9RX4T1VB8C3N6P0D5F2G7H9J4W1Y8Z3S6"
GUIDE = Region(side=0.62)
SIZE = (1280, 720)  # width, height
FRAME_S = 1 / 30


class Recording:
    """The real decoder, noting the (height, width) of every image it is handed."""

    name = "recording"

    def __init__(self) -> None:
        self.inner = make_decoder()
        self.shapes: list[tuple[int, int]] = []

    def decode(self, gray: np.ndarray) -> list[Read]:
        self.shapes.append(gray.shape[:2])
        return self.inner.decode(gray)


def code_bgr(text: str = CODE, module: int = 5) -> np.ndarray:
    matrix = qr_matrix(text)
    gray = np.where(matrix, 20, 235).astype(np.uint8)
    gray = cv2.resize(gray, None, fx=module, fy=module, interpolation=cv2.INTER_NEAREST)
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)


def scene(centre: tuple[int, int] | None, size: tuple[int, int] = SIZE) -> np.ndarray:
    """A grey BGR camera frame, with the code centred on `centre` (x, y) when given."""
    w, h = size
    frame = np.full((h, w, 3), 120, np.uint8)
    if centre is not None:
        code = code_bgr()
        ch, cw = code.shape[:2]
        x, y = centre[0] - cw // 2, centre[1] - ch // 2
        frame[y:y + ch, x:x + cw] = code
    return frame


def camera(image: np.ndarray, i: int) -> Frame:
    return Frame(image=image, t=i * FRAME_S, index=i, kind="camera")


def test_region_box_is_the_guide_grown_and_centred() -> None:
    assert GUIDE.box(720, 1280) == (640 - 223, 360 - 223, 640 + 223, 360 + 223)
    x0, y0, x1, y1 = GUIDE.box(720, 1280, grow=REGION_GROW)  # type: ignore[misc]
    assert (x1 - x0, y1 - y0) == (558, 558) and (x0 + x1, y0 + y1) == (1280, 720)
    # Portrait frames measure on the width; a region as large as the frame is no region.
    assert GUIDE.box(1280, 720) == (137, 417, 583, 863)
    assert Region(side=0.9).box(480, 640, grow=1.25) == (50, 0, 590, 480)  # 540 wide, clipped
    assert Region(side=1.0).box(480, 480) is None
    with pytest.raises(ValueError):
        Region(side=0)


def test_a_code_in_the_guide_is_decoded_from_the_region_alone() -> None:
    decoder = Recording()
    pipeline = ScanPipeline(decoder, region=GUIDE)
    scan = pipeline.process(camera(scene((700, 330)), 0))
    assert scan is not None and scan.text == CODE
    assert decoder.shapes == [(558, 558)]  # the region only, never the 720p frame
    assert pipeline.counters()["whole_frames"] == 0
    # The outline is where the code is in the whole frame, as shares of its size.
    side = code_bgr().shape[0]
    xs = [x * 1280 for x, _ in scan.outline]
    ys = [y * 720 for _, y in scan.outline]
    assert len(scan.outline) == 4
    assert min(xs) == pytest.approx(700 - side // 2 + 20, abs=3)  # 4 quiet modules of 5 px
    assert max(ys) == pytest.approx(330 + side // 2 - 20, abs=3)


@pytest.mark.parametrize("empty_before", [0, 1, 2, 4])
@pytest.mark.parametrize("centre", [(140, 130), (1150, 600), (200, 360)])
def test_a_code_held_off_centre_is_read_within_whole_every_frames(
    centre: tuple[int, int], empty_before: int
) -> None:
    pipeline = ScanPipeline(region=GUIDE, whole_every=3)
    box = GUIDE.box(720, 1280, grow=REGION_GROW)
    assert box is not None and not box[0] <= centre[0] < box[2]  # really outside it
    i = 0
    for _ in range(empty_before):  # whatever frame of the cycle the code arrives on
        assert pipeline.process(camera(scene(None), i)) is None
        i += 1
    held = scene(centre)
    waited = 0
    scan = None
    while scan is None and waited < 10:
        scan = pipeline.process(camera(held, i))
        i += 1
        waited += 1
    assert scan is not None and scan.text == CODE
    assert waited <= 3
    # Once found outside the guide the code is followed: read on every frame it stays.
    reads = pipeline.counters()["reads"]
    for _ in range(4):
        assert pipeline.process(camera(held, i)) is None  # a repeat, not a new scan
        i += 1
    assert pipeline.counters()["reads"] == reads + 4


def test_an_off_centre_code_is_confirmed_when_frames_must_agree() -> None:
    pipeline = ScanPipeline(region=GUIDE, whole_every=3, confirm_frames=3)
    held = scene((150, 150))
    scans = [pipeline.process(camera(held, i)) for i in range(6)]
    assert [s.text if s else None for s in scans] == [None] * 4 + [CODE, None]


def test_empty_frames_are_decoded_whole_one_in_whole_every() -> None:
    decoder = Recording()
    pipeline = ScanPipeline(decoder, region=GUIDE, whole_every=3)
    for i in range(9):
        pipeline.process(camera(scene(None), i))
    assert pipeline.counters()["whole_frames"] == 3
    assert decoder.shapes.count((720, 1280)) == 3 and decoder.shapes.count((558, 558)) == 9


def test_still_images_are_decoded_whole_at_once() -> None:
    pipeline = ScanPipeline(region=GUIDE)
    scan = pipeline.process(Frame(image=scene((150, 150)), t=0.0, index=0, kind="image"))
    assert scan is not None and scan.text == CODE


def test_every_real_photo_is_read_through_the_guide_region(samples_dir: Path) -> None:
    # The photos as a camera would show them: centred or not, big or small, every one is
    # read within whole_every frames (the whole-frame pass sees what the region misses).
    source = ImageSource(samples_dir)
    expected = {str(p): p.with_suffix(".txt").read_bytes().decode("utf-8")
                for p in source.files}
    late = []
    for photo in source.frames():
        pipeline = ScanPipeline(region=GUIDE, whole_every=3, max_length=4096)
        texts = []
        for i in range(3):
            scan = pipeline.process(Frame(image=photo.image, t=i * FRAME_S, index=i,
                                          kind="camera"))
            if scan is not None:
                texts.append(scan.text)
        if texts != [expected[photo.file]]:
            late.append(Path(photo.file).name)
    assert len(expected) == 57 and late == []
