"""The default backend: zxing-cpp, fast and the only one that reads light-on-dark codes."""

from __future__ import annotations

from typing import Any

import numpy as np
import zxingcpp

from scanner.decoders.base import Read

# The options every read uses; the benchmarks' bare-zxing floors use these same ones, so a
# floor never does more (or less) work than the decoder it is compared with.
READ_OPTIONS: dict[str, Any] = {
    # QR only: other formats cost time on every empty frame, and a till counter is full
    # of product barcodes that must not turn into scans.
    "formats": zxingcpp.BarcodeFormat.QRCode,
    "try_rotate": False,  # QR finders work at any angle; this only helps 1D codes
    "try_downscale": True,
    "try_invert": True,
    # Plain keeps control characters as they are, for the payload check to see; the
    # default (HRI) would spell them "<ESC>" and hide them.
    "text_mode": zxingcpp.TextMode.Plain,
}


class ZxingDecoder:
    """QR codes through zxing-cpp, inverted (dark mode) codes included."""

    name = "zxing"

    def decode(self, gray: np.ndarray) -> list[Read]:
        """Every QR code zxing-cpp finds in `gray` (a strided view is read in place)."""
        found = zxingcpp.read_barcodes(gray, **READ_OPTIONS)
        return [
            Read(
                text=b.text,
                corners=_corners(b.position),
                binary=b.content_type == zxingcpp.ContentType.Binary,
            )
            for b in found
        ]


def _corners(pos: zxingcpp.Position) -> tuple[tuple[float, float], ...]:
    pts = (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)
    return tuple((float(p.x), float(p.y)) for p in pts)
