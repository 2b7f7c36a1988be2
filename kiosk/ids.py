"""Identifiers minted on the till."""

from __future__ import annotations

import os
import threading
import time
import uuid

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
    # Version 7 and the RFC variant (Python 3.11's uuid.UUID takes versions 1 to 5 only).
    value = value & ~(0xF << 76) | 7 << 76
    value = value & ~(0x3 << 62) | 0x2 << 62
    return str(uuid.UUID(int=value))


def is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except (ValueError, AttributeError, TypeError):
        return False
    return True
