"""Retry delays that double after each failure, up to a cap."""

from __future__ import annotations


class Backoff:
    """Exponential back-off: initial, initial*factor, ... never more than `cap` seconds."""

    def __init__(self, initial: float = 0.5, factor: float = 2.0, cap: float = 10.0) -> None:
        if initial <= 0 or factor < 1 or cap < initial:
            raise ValueError("need 0 < initial <= cap and factor >= 1")
        self.initial = initial
        self.factor = factor
        self.cap = cap
        self._next = initial

    def next_delay(self) -> float:
        """The delay before the next attempt; each call lengthens the following one."""
        delay = self._next
        self._next = min(self._next * self.factor, self.cap)
        return delay

    def reset(self) -> None:
        """Start again from the initial delay (after a success)."""
        self._next = self.initial
