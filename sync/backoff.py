"""Delays between failed sync attempts: exponential, jittered, capped."""

from __future__ import annotations

import random


class Backoff:
    """Delay before attempt n+1 after n failures: base * 2**(n-1), capped, with jitter.

    The jitter keeps the upper half of the delay fixed and draws the lower half at random
    ("equal jitter"), so many tills coming back at once spread out but none retries at once.
    The random source is injected so tests are repeatable.
    """

    def __init__(self, *, base: float = 1.0, cap: float = 60.0,
                 rng: random.Random | None = None) -> None:
        if base <= 0 or cap < base:
            raise ValueError("need 0 < base <= cap")
        self.base = base
        self.cap = cap
        self._rng = rng or random.Random()

    def delay(self, failures: int) -> float:
        """Seconds to wait after `failures` consecutive failures (0 after none)."""
        if failures <= 0:
            return 0.0
        ceiling = min(self.cap, self.base * 2.0 ** min(failures - 1, 60))
        return ceiling / 2 + self._rng.uniform(0, ceiling / 2)
