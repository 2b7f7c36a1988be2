"""A captured picture and the facts the pipeline needs about it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

FrameKind = Literal["camera", "video", "image"]


@dataclass(frozen=True, slots=True, eq=False)
class Frame:
    """One picture from a source.

    `t` is in seconds on the source's own monotonic timeline: the capture clock for a
    camera, the media time for a video. De-duplication measures absence on it, so a
    video decoded faster than real time still behaves as if it were played.
    """

    image: np.ndarray
    t: float
    index: int
    kind: FrameKind
    file: str | None = None
