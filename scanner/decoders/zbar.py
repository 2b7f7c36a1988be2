"""The pyzbar backend: optional, needs the zbar system library."""

from __future__ import annotations

from types import ModuleType

import numpy as np

from scanner.decoders.base import DecoderUnavailable, Read

INSTALL_LIBZBAR = "install the system package libzbar0 (apt-get install libzbar0)"
INSTALL_PYZBAR = "install the Python package pyzbar (pip install 'klipp[pyzbar]')"


def _load_pyzbar() -> ModuleType:
    try:
        import pyzbar  # noqa: F401  (tells a missing package from a missing library)
    except ImportError as exc:
        raise DecoderUnavailable(
            f"the pyzbar backend is not installed: {INSTALL_PYZBAR} and {INSTALL_LIBZBAR}"
        ) from exc
    try:
        from pyzbar import pyzbar as module
    except (ImportError, OSError) as exc:
        # pyzbar raises ImportError("Unable to find zbar shared library") or an OSError
        # from ctypes when the library is missing or broken.
        raise DecoderUnavailable(
            f"the pyzbar backend cannot find the zbar library ({exc}): {INSTALL_LIBZBAR}"
        ) from exc
    return module


class PyzbarDecoder:
    """QR codes through zbar. Misses light-on-dark codes; kept for comparison."""

    name = "pyzbar"

    def __init__(self) -> None:
        self._zbar = _load_pyzbar()
        self._symbols = [self._zbar.ZBarSymbol.QRCODE]

    def decode(self, gray: np.ndarray) -> list[Read]:
        """Every QR code zbar finds in `gray`."""
        reads = []
        for sym in self._zbar.decode(gray, symbols=self._symbols):
            try:
                text, binary = sym.data.decode("utf-8"), False
            except UnicodeDecodeError:
                text, binary = sym.data.decode("latin-1"), True
            corners = tuple((float(p.x), float(p.y)) for p in sym.polygon)
            reads.append(Read(text=text, corners=corners, binary=binary))
        return reads
