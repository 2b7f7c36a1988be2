"""Identifiers minted on the till."""

from __future__ import annotations

import os
import threading
import time

_lock = threading.Lock()
_last_ms = 0


def new_id() -> str:
    """A UUIDv7 string (RFC 9562): time-ordered, so inserts stay at the end of the index.

    48 bits of Unix milliseconds, then random bits. Two ids minted in the same millisecond
    (or after the clock stepped back) take the next millisecond, so the ids of one process
    keep rising. Written here rather than taken from the uuid6 package, whose import reads
    the installed packages' metadata: a third of a command's start-up on a till.
    """
    global _last_ms
    with _lock:
        ms = max(time.time_ns() // 1_000_000, _last_ms + 1)
        _last_ms = ms
    value = (ms & 0xFFFF_FFFF_FFFF) << 80 | int.from_bytes(os.urandom(10)) >> 4
    value = value & ~(0xF << 76) | 7 << 76  # version 7
    value = value & ~(0x3 << 62) | 0x2 << 62  # the RFC variant
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def is_uuid(text: str) -> bool:
    """Whether uuid.UUID would read `text` (the same rules, without importing uuid, which
    imports `platform`: every command asks this of what was typed)."""
    if not isinstance(text, str):
        return False
    digits = text.replace("urn:", "").replace("uuid:", "").strip("{}").replace("-", "")
    if len(digits) != 32:
        return False
    try:
        int(digits, 16)
    except ValueError:
        return False
    return True
