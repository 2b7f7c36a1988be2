"""A one-slot hand-over between a capture thread and a decode thread."""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class MailboxClosed(Exception):
    """Raised by `get` once the mailbox is closed and empty."""


class Mailbox(Generic[T]):
    """Holds at most one item; a new item replaces an unread one (latest wins).

    A camera must never queue stale frames behind a slow decoder: the reader always gets
    the newest frame, and `overwritten` counts the ones it never saw. With `lossless=True`
    `put` waits for the slot to empty instead, for sources where every frame matters
    (a video file decoded as fast as possible).
    """

    def __init__(self, *, lossless: bool = False) -> None:
        self._lossless = lossless
        self._cond = threading.Condition()
        self._item: T | None = None
        self._full = False
        self._closed = False
        self.overwritten = 0
        self.delivered = 0

    def put(self, item: T) -> bool:
        """Offer an item; False when the mailbox is closed and the item was discarded."""
        with self._cond:
            if self._lossless:
                self._cond.wait_for(lambda: not self._full or self._closed)
            if self._closed:
                return False
            if self._full:
                self.overwritten += 1
            self._item = item
            self._full = True
            self._cond.notify_all()
            return True

    def get(self, timeout: float | None = None) -> T | None:
        """Take the item, waiting up to `timeout` s; None on timeout.

        Raises MailboxClosed when the mailbox is closed and nothing is left to read.
        """
        with self._cond:
            if not self._cond.wait_for(lambda: self._full or self._closed, timeout):
                return None
            if not self._full:
                raise MailboxClosed
            item = self._item
            self._item = None
            self._full = False
            self.delivered += 1
            self._cond.notify_all()
            return item

    def close(self) -> None:
        """No more items will come; a waiting reader drains what is left, then stops."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        """True once `close` was called."""
        return self._closed
