"""Codes typed by the cashier (a card code or phone number) turned into scans."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from scanner.payload import DEFAULT_MAX_LENGTH, rejection
from scanner.scan import Scan, utc_now


class RejectedEntry(ValueError):
    """Typed text the scanner will not pass on; `reason` is one of payload.DROP_REASONS."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"entry rejected: {reason}")
        self.reason = reason


def manual_scan(
    text: str,
    *,
    max_length: int = DEFAULT_MAX_LENGTH,
    now_utc: Callable[[], datetime] = utc_now,
) -> Scan:
    """A Scan with source "manual" for typed text, surrounding whitespace removed.

    Only bounds and printability are checked here; whether the text is a member's
    card code or phone number is for the core to decide.
    """
    cleaned = text.strip()
    reason = rejection(cleaned, max_length=max_length)
    if reason is not None:
        raise RejectedEntry(reason)
    return Scan(text=cleaned, source="manual", at=now_utc(), latency_ms=0.0)
