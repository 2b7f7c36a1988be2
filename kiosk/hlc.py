"""Hybrid logical clock stamps for member profile fields (last writer wins per field).

A stamp is "PPPPPPPPPPPPPPPP-CCCC-NODE": physical UTC microseconds, a counter for stamps in
the same microsecond (or behind a clock that went back), and the device id as tie-break.
Stamps compare correctly as plain strings.
"""

from __future__ import annotations

import threading

from kiosk.clock import Clock, to_micros


def parse(stamp: str) -> tuple[int, int, str]:
    physical, counter, node = stamp.split("-", 2)
    return int(physical), int(counter), node


class HybridClock:
    """Monotonic stamps even when the wall clock steps back; folds in stamps seen from others."""

    def __init__(self, clock: Clock, node: str) -> None:
        self._clock = clock
        self._node = node
        self._last = (0, 0)
        self._lock = threading.Lock()

    def tick(self) -> str:
        with self._lock:
            now = to_micros(self._clock.now())
            physical, counter = self._last
            self._last = (now, 0) if now > physical else (physical, counter + 1)
            return f"{self._last[0]:016d}-{self._last[1]:04d}-{self._node}"

    def observe(self, stamp: str) -> None:
        """Move past a stamp received from another till, so our next edit wins over it."""
        physical, counter, _ = parse(stamp)
        with self._lock:
            if (physical, counter) > self._last:
                self._last = (physical, counter)
