"""The part of a frame where codes are expected: a centred square, decoded before the rest."""

from __future__ import annotations

from dataclasses import dataclass

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels, x1 and y1 excluded


@dataclass(frozen=True, slots=True)
class Region:
    """A square centred in the frame whose side is `side` of the frame's shorter side.

    Measured on the shorter side so the same number fits any resolution or aspect a
    camera delivers; a screen that draws a guide frame over the picture draws this square
    (mirroring the picture leaves a centred square where it was).
    """

    side: float

    def __post_init__(self) -> None:
        if not 0 < self.side <= 1:
            raise ValueError("Region.side must be in (0, 1]")

    def box(self, height: int, width: int, grow: float = 1.0) -> Box | None:
        """The square grown by `grow` in pixels, clipped to the frame; None if that is all of it."""
        side = round(min(height, width) * self.side * grow)
        w, h = min(side, width), min(side, height)
        if w >= width and h >= height:
            return None
        x0, y0 = (width - w) // 2, (height - h) // 2
        return x0, y0, x0 + w, y0 + h
