"""USB keyboard-wedge scanners: telling a scanner's keystroke burst from a person typing.

A wedge scanner types the code as keystrokes, evenly and far faster than a hand, then
presses Enter (or Tab). The UI feeds every key it sees to `WedgeClassifier.feed` with
the key event's timestamp and gets back either a scan or the keys to pass on as typing.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from scanner.dedup import Deduplicator
from scanner.payload import DEFAULT_MAX_LENGTH, DropCounters, rejection
from scanner.scan import Scan, utc_now

TERMINATORS = {"\r": "\r", "\n": "\n", "\t": "\t", "Enter": "\n", "Return": "\n", "Tab": "\t"}


@dataclass(frozen=True, slots=True)
class WedgeOutcome:
    """What one key did: completed a scan, released keys as typing, or neither (held)."""

    scan: Scan | None = None
    typed: str = ""


HELD = WedgeOutcome()


class WedgeClassifier:
    """Classifies key events (character, timestamp in seconds) into scans and typing.

    A burst is a scan when it has at least `min_length` characters, every gap (the one
    before Enter/Tab included) is at most `max_gap_s`, the mean gap at most
    `max_mean_gap_s` and the gaps' standard deviation at most `max_jitter_s`: a scanner
    is fast and even, a typist is neither. Keys are held while they could still be a
    scan, and released as `typed` as soon as they cannot; call `poll(now)` from a timer
    to release a lone typed key that nothing follows.

    A code read again within `repeat_hold_s` of its last read (presentation-mode
    scanners re-read a code left on the glass) is swallowed, and so is the second half
    of a CR LF suffix. Over-long or non-printable bursts are dropped and counted in
    `dropped`. A scan's latency is how long the scanner took to type it.

    Not thread-safe: feed it from the one thread that receives key events.
    """

    def __init__(
        self,
        *,
        min_length: int = 4,
        max_gap_s: float = 0.06,
        max_mean_gap_s: float = 0.035,
        max_jitter_s: float = 0.02,
        max_length: int = DEFAULT_MAX_LENGTH,
        repeat_hold_s: float = 1.0,
        now_utc: Callable[[], datetime] = utc_now,
    ) -> None:
        self.min_length = min_length
        self.max_gap_s = max_gap_s
        self.max_mean_gap_s = max_mean_gap_s
        self.max_jitter_s = max_jitter_s
        self.max_length = max_length
        self.dropped = DropCounters()
        self.repeats = 0
        self._repeat = Deduplicator(hold_s=repeat_hold_s)
        self._now_utc = now_utc
        self._burst_ended: float | None = None
        self._chars: list[str] = []
        self._times: list[float] = []
        self._overflow = False

    def feed(self, key: str, t: float) -> WedgeOutcome:
        """One key event: a single character, or Enter/Tab ("\\n", "\\r", "\\t", "Enter", "Tab")."""
        if key in TERMINATORS:
            return self._terminate(TERMINATORS[key], t)
        if len(key) != 1:
            raise ValueError(f"feed one character or a terminator, not {key!r}")
        self._burst_ended = None
        released = ""
        if self._times and t - self._times[-1] > self.max_gap_s:
            released = self._release()
        if len(self._chars) < self.max_length:
            self._chars.append(key)
            self._times.append(t)
        else:
            # Nobody types this many keys this fast: it is an over-long code, dropped at
            # Enter. Keeping only the latest stamp bounds memory.
            self._overflow = True
            self._times[-1] = t
        return WedgeOutcome(typed=released) if released else HELD

    def poll(self, now: float) -> WedgeOutcome:
        """Release held keys as typing once too long has passed for them to be a scan."""
        if self._times and now - self._times[-1] > self.max_gap_s:
            return WedgeOutcome(typed=self._release())
        return HELD

    def _terminate(self, terminator: str, t: float) -> WedgeOutcome:
        if not self._times and self._burst_ended is not None:
            if t - self._burst_ended <= self.max_gap_s:
                # The LF of a scanner's CR LF suffix, not an Enter of the cashier's.
                self._burst_ended = t
                return HELD
        if not self._times or t - self._times[-1] > self.max_gap_s or not self._is_burst(t):
            return WedgeOutcome(typed=self._release() + terminator)
        overflow = self._overflow
        first_key_t, last_key_t = self._times[0], self._times[-1]
        text = self._release()
        self._burst_ended = t
        reason = "too_long" if overflow else rejection(text, max_length=self.max_length)
        if reason is not None:
            self.dropped.add(reason)
            return HELD
        if not self._repeat.observe(text, last_key_t):
            self.repeats += 1
            return HELD
        # For a wedge scanner the latency is how long it took to type the code.
        latency_ms = (t - first_key_t) * 1000
        return WedgeOutcome(scan=Scan(text=text, source="usb", at=self._now_utc(),
                                      latency_ms=latency_ms))

    def _is_burst(self, t_end: float) -> bool:
        if self._overflow:
            return True
        if len(self._chars) < self.min_length:
            return False
        stamps = [*self._times, t_end]
        gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
        if max(gaps) > self.max_gap_s or statistics.fmean(gaps) > self.max_mean_gap_s:
            return False
        return statistics.pstdev(gaps) <= self.max_jitter_s

    def _release(self) -> str:
        text = "".join(self._chars)
        self._chars, self._times, self._overflow = [], [], False
        return text
