"""Turning a stream of per-frame reads into scans: each presentation of a code counts once."""

from __future__ import annotations

DEFAULT_HOLD_S = 2.5


class Deduplicator:
    """Decides whether a read is a new scan.

    A code that was scanned counts again only after it has been out of sight for
    `hold_s` seconds: every read of it, even one that is suppressed, restarts that
    wait, so a code held still for a minute is one scan. A different code counts at
    once. Each code is remembered on its own, so flicker between two codes in view
    (A, B, A) does not read A twice.

    With `confirm_frames` > 1 a new code must be read in that many consecutive frames
    before it counts; a frame without a read breaks the run.

    Not thread-safe: one pipeline thread owns it.
    """

    def __init__(self, hold_s: float = DEFAULT_HOLD_S, confirm_frames: int = 1) -> None:
        if hold_s < 0:
            raise ValueError("hold_s must be >= 0")
        if confirm_frames < 1:
            raise ValueError("confirm_frames must be >= 1")
        self.hold_s = hold_s
        self.confirm_frames = confirm_frames
        self._last_seen: dict[str, float] = {}
        self._run_text: str | None = None
        self._run_length = 0

    def observe(self, text: str | None, now: float) -> bool:
        """Feed one frame's read (None when nothing was read); True if it is a new scan."""
        self._forget_absent(now)
        if text is None:
            self._run_text, self._run_length = None, 0
            return False
        if text == self._run_text:
            self._run_length += 1
        else:
            self._run_text, self._run_length = text, 1
        if text in self._last_seen:
            self._last_seen[text] = now
            return False
        if self._run_length < self.confirm_frames:
            return False
        self._last_seen[text] = now
        return True

    def reset(self) -> None:
        """Forget every code (a new session, another camera)."""
        self._last_seen.clear()
        self._run_text, self._run_length = None, 0

    def _forget_absent(self, now: float) -> None:
        # Pruning on every call keeps the memory to the few codes seen in the last
        # hold_s seconds; a time going backwards (a new video) also forgets.
        stale = [t for t, seen in self._last_seen.items() if not 0 <= now - seen < self.hold_s]
        for text in stale:
            del self._last_seen[text]
