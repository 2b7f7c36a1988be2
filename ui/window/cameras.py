"""Which cameras this machine has, for the back office's camera choice.

Slow (opening a camera can take a second or more per device), so callers run it off the
GUI thread. On Linux the kernel lists video devices with their names in sysfs, read
without opening any device (so the camera the till is using is listed too); elsewhere
each index is opened briefly with OpenCV, skipping the one in use.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.numbers import is_digits

log = logging.getLogger("klipp.window.cameras")

SYSFS = Path("/sys/class/video4linux")
PROBE_INDICES = 4


@dataclass(frozen=True)
class CameraChoice:
    """A camera as the settings store it (`value`: an index or a device path) and the
    device's own name when the system gives one (the page words the rest)."""

    value: str
    label: str


def find_cameras(in_use: str | None = None, *, sysfs: Path = SYSFS) -> list[CameraChoice]:
    """The cameras found now; [] when there are none. Blocking: call off the GUI thread."""
    if sys.platform.startswith("linux"):
        return _from_sysfs(sysfs)
    return _probe(in_use)


def _from_sysfs(root: Path) -> list[CameraChoice]:
    found = []
    try:
        nodes = sorted(root.glob("video*"), key=lambda p: _number(p.name))
    except OSError:
        return []
    for node in nodes:
        # A USB camera exposes a second node for metadata; only index 0 delivers pictures.
        try:
            if (node / "index").read_text().strip() not in ("", "0"):
                continue
            name = (node / "name").read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            continue
        number = _number(node.name)
        found.append(CameraChoice(str(number), f"{name} (/dev/{node.name})" if name else ""))
    return found


def _probe(in_use: str | None) -> list[CameraChoice]:
    import cv2

    found = []
    for index in range(PROBE_INDICES):
        if str(index) == in_use:
            found.append(CameraChoice(str(index), ""))
            continue
        cap = cv2.VideoCapture(index)
        try:
            if cap.isOpened():
                found.append(CameraChoice(str(index), ""))
        finally:
            cap.release()
    return found


def _number(name: str) -> int:
    digits = "".join(ch for ch in name if is_digits(ch))
    return int(digits) if digits else 0
