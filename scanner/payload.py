"""Which decoded payloads are plausible text worth handing on, and why others are not."""

from __future__ import annotations

import threading
import unicodedata

DEFAULT_MAX_LENGTH = 512

# Reasons a read is dropped, in a fixed order so counters print the same every time.
DROP_REASONS = ("empty", "too_long", "binary", "non_printable")

# Line breaks and tabs occur in ordinary text codes (vCards, MECARD); other control,
# format (bidi overrides), private-use and unassigned characters do not, and could
# disguise what a cashier sees on screen.
_ALLOWED_CONTROLS = frozenset("\t\n\r")
_REJECTED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def rejection(
    text: str, *, binary: bool = False, max_length: int = DEFAULT_MAX_LENGTH
) -> str | None:
    """Why `text` must be dropped (one of DROP_REASONS), or None when it may pass."""
    if binary:
        return "binary"
    if not text.strip():
        return "empty"
    if len(text) > max_length:
        return "too_long"
    for ch in text:
        if ch in _ALLOWED_CONTROLS:
            continue
        if unicodedata.category(ch) in _REJECTED_CATEGORIES:
            return "non_printable"
    return None


class DropCounters:
    """Thread-safe counts of dropped payloads by reason."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts = dict.fromkeys(DROP_REASONS, 0)

    def add(self, reason: str) -> None:
        """Count one drop."""
        with self._lock:
            self._counts[reason] = self._counts.get(reason, 0) + 1

    def snapshot(self) -> dict[str, int]:
        """A copy of the counts, safe to read from any thread."""
        with self._lock:
            return dict(self._counts)

    @property
    def total(self) -> int:
        """All drops together."""
        with self._lock:
            return sum(self._counts.values())
