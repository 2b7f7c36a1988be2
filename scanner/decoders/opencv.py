"""The OpenCV backend: cv2.QRCodeDetector, no extra dependency, slower and weaker."""

from __future__ import annotations

import cv2
import numpy as np

from scanner.decoders.base import Read


class OpenCVDecoder:
    """QR codes through OpenCV's detector; it reports at most one code per frame."""

    name = "opencv"

    def __init__(self) -> None:
        self._detector = cv2.QRCodeDetector()

    def decode(self, gray: np.ndarray) -> list[Read]:
        """The QR code OpenCV finds in `gray`, if any."""
        try:
            text, points, _ = self._detector.detectAndDecode(gray)
        except cv2.error:
            # The detector throws on some degenerate candidate quadrilaterals; for a
            # frame stream that is just a frame without a read.
            return []
        if not text:
            return []
        corners: tuple[tuple[float, float], ...] = ()
        if points is not None:
            corners = tuple((float(x), float(y)) for x, y in points.reshape(-1, 2))
        return [Read(text=text, corners=corners)]
