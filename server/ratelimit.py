"""Token buckets per caller (a till's device id, or a client address for enrolment)."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable


class Buckets:
    """`rate` tokens a second up to `burst`; each request spends one.

    Thread-safe; one per process (limits are per server process). Idle buckets are dropped
    so the table stays small whatever the callers.
    """

    def __init__(self, *, rate: float, burst: int,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self._now = monotonic
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)
        self._last_sweep = monotonic()

    def take(self, key: str) -> float:
        """Spend a token: 0.0 when allowed, else the seconds to wait before retrying."""
        with self._lock:
            now = self._now()
            self._sweep(now)
            tokens, at = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - at) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _sweep(self, now: float) -> None:
        full_after = self.burst / self.rate
        if now - self._last_sweep < max(full_after, 60.0):
            return
        self._last_sweep = now
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full_after}


def retry_after(seconds: float) -> str:
    """The Retry-After header value: whole seconds, at least one."""
    return str(max(1, math.ceil(seconds)))
