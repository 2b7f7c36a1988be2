"""Read rates of the default pipeline on generated frames, per condition, fixed seeds.

Thresholds sit a little under what was measured (in parentheses, out of 30) so a
regression that costs reads fails while an equally good decoder version passes.
"""

from __future__ import annotations

import pytest

from scanner import synthetic
from scanner.frame import Frame
from scanner.pipeline import ScanPipeline

FRAMES = 30
SEED = 2026

MIN_READS_720P = {
    "clean": 30,  # (30)
    "tilted": 28,  # (30)
    "rotated": 29,  # (30)
    "blurred": 20,  # (22) the weakest case: a code out of focus by 2 px
    "noisy": 28,  # (30)
    "low_contrast": 28,  # (30)
    "dark_mode": 29,  # (30) pyzbar and OpenCV read none of these
    "glare": 27,  # (29)
    "jpeg": 28,  # (30)
    "small": 28,  # (30)
    "phone_40pct": 29,  # (30)
    "cafe_light": 26,  # (28)
}


def _run(frames: list[synthetic.SyntheticFrame]) -> tuple[int, int]:
    """(correct scans, wrong or phantom scans) through a fresh pipeline."""
    pipeline = ScanPipeline()
    right = wrong = 0
    for i, f in enumerate(frames):
        # Frames far apart in time: each is its own presentation.
        scan = pipeline.process(Frame(f.image, t=i * 10.0, index=i, kind="camera"))
        if scan is None:
            continue
        if scan.text == f.text:
            right += 1
        else:
            wrong += 1
    return right, wrong


def test_every_condition_has_a_threshold() -> None:
    assert set(MIN_READS_720P) == set(synthetic.CONDITIONS)


@pytest.mark.parametrize("condition", sorted(MIN_READS_720P))
def test_read_rate_720p(condition: str) -> None:
    seed = SEED + sorted(MIN_READS_720P).index(condition)
    right, wrong = _run(synthetic.frames(seed, condition, FRAMES, (1280, 720)))
    print(f"{condition}: {right}/{FRAMES}")
    assert wrong == 0
    assert right >= MIN_READS_720P[condition]


def test_read_rate_varied_640x480() -> None:
    right, wrong = _run(synthetic.frames(SEED, "varied", 60, (640, 480)))
    assert wrong == 0
    assert right >= 57  # (60/60)


def test_empty_frames_give_no_scans() -> None:
    right, wrong = _run(synthetic.frames(SEED, "empty", 40, (1280, 720)))
    assert (right, wrong) == (0, 0)
