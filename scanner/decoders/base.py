"""The decoder contract shared by every backend, and the rule for picking one read."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

Point = tuple[float, float]
log = logging.getLogger(__name__)

# Codes whose areas differ by less than this share are the same size for picking.
_SIZE_TIE = 0.10


class DecoderUnavailable(RuntimeError):
    """A backend cannot run here; the message says what to install."""


@dataclass(frozen=True, slots=True)
class Read:
    """One code found in a frame: its text, whether it was binary, and its corners."""

    text: str
    corners: tuple[Point, ...] = ()
    binary: bool = False

    @property
    def area(self) -> float:
        """Area of the code's outline in pixels (0 when the backend gave no outline)."""
        pts = self.corners
        if len(pts) < 3:
            return 0.0
        twice = 0.0
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
            twice += x0 * y1 - x1 * y0
        return abs(twice) / 2

    @property
    def centre(self) -> Point | None:
        """Mean of the corners, or None without an outline."""
        if not self.corners:
            return None
        xs, ys = zip(*self.corners, strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)


@runtime_checkable
class Decoder(Protocol):
    """Finds QR codes in an 8-bit grayscale image. Implementations hold no per-scan state."""

    name: str

    def decode(self, gray: np.ndarray) -> list[Read]:
        """Every code found in `gray` (H x W, uint8), in no particular order."""
        ...


Prefer = Callable[[str], bool]


def pick_one(reads: Sequence[Read], shape: tuple[int, ...], prefer: Prefer | None = None
             ) -> Read | None:
    """The read a cashier most likely meant: the largest code, the most central on ties.

    With `prefer` (e.g. "a valid card of this organisation"), the codes it accepts come
    first whatever their size: a phone wallet shows several shops' cards, a flyer lies
    beside the card. When it accepts none, every code competes as before.
    """
    if not reads:
        return None
    if len(reads) == 1:
        return reads[0]
    if prefer is not None:
        preferred = [r for r in reads if not r.binary and _accepts(prefer, r.text)]
        if preferred:
            reads = preferred
        if len(reads) == 1:
            return reads[0]
    h, w = shape[:2]
    largest = max(r.area for r in reads)
    contenders = [r for r in reads if r.area >= largest * (1 - _SIZE_TIE)]

    def off_centre(r: Read) -> float:
        c = r.centre
        if c is None:
            return float("inf")
        return (c[0] - w / 2) ** 2 + (c[1] - h / 2) ** 2

    return min(contenders, key=off_centre)


def _accepts(prefer: Prefer, text: str) -> bool:
    # The hook belongs to another room; whatever it raises, the frame is still decoded.
    try:
        return bool(prefer(text))
    except Exception:  # noqa: BLE001
        log.warning("the scan preference hook failed; ignoring it for this code", exc_info=True)
        return False
