"""What the scanner hands to the rest of the till: one decoded read, as a value."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

ScanSource = Literal["camera", "usb", "manual", "video", "image"]

SCAN_SOURCES: tuple[ScanSource, ...] = ("camera", "usb", "manual", "video", "image")


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Scan:
    """A code read once: its text, where it came from, when, and how long decoding took.

    `latency_ms` is, for a frame, the time from picking it up to the decision
    (conversion, decoding and de-duplication together); for a USB scanner, the time it
    took to type the code; 0 for manual entry. `file` names the image or video the scan
    came from, when there is one. `outline` holds the code's corners in the frame as
    shares (0..1) of its width and height, unmirrored, for a screen to mark where the
    code was; () when the scan came from no picture. It is no part of a scan's identity.
    """

    text: str
    source: ScanSource
    at: datetime
    latency_ms: float
    file: str | None = None
    outline: tuple[tuple[float, float], ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.source not in SCAN_SOURCES:
            raise ValueError(f"unknown scan source {self.source!r}")
        if self.at.tzinfo is None or self.at.utcoffset() != timedelta(0):
            raise ValueError("Scan.at must be an aware UTC datetime")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (time as ISO 8601 with Z)."""
        return {
            "text": self.text,
            "source": self.source,
            "at": self.at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "latency_ms": round(self.latency_ms, 2),
            "file": self.file,
        }
