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
            data, points = self._detect(gray)
        except cv2.error:
            # The detector throws on some degenerate candidate quadrilaterals; for a
            # frame stream that is just a frame without a read.
            return []
        except UnicodeDecodeError:
            # OpenCV before 4.11 (no bytes variant) converts to str itself and fails on a
            # payload that is not UTF-8 (a Kanji-mode code holds Shift-JIS): still a read,
            # binary, so the payload check counts it as dropped.
            return [Read(text="", binary=True)]
        if not data:
            return []
        corners: tuple[tuple[float, float], ...] = ()
        if points is not None:
            corners = tuple((float(x), float(y)) for x, y in points.reshape(-1, 2))
        try:
            return [Read(text=data.decode("utf-8"), corners=corners)]
        except UnicodeDecodeError:
            # Like the other backends: kept as a binary read, which the payload check drops.
            return [Read(text=data.decode("latin-1"), corners=corners, binary=True)]

    def _detect(self, gray: np.ndarray) -> tuple[bytes, np.ndarray | None]:
        # The bytes, not the text, where OpenCV offers them: its own str conversion raises
        # UnicodeDecodeError on a payload that is not UTF-8.
        if hasattr(self._detector, "detectAndDecodeBytes"):
            data, points, _ = self._detector.detectAndDecodeBytes(gray)
            return bytes(data), points
        text, points, _ = self._detector.detectAndDecode(gray)
        return text.encode("utf-8"), points
