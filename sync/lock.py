"""One sync at a time per till: an exclusive lock file in the data folder.

The operating system drops the lock when its holder dies (even by SIGKILL), so a crashed
worker never blocks the next one. A lock is per open file, so two threads of one process
exclude each other as well as two processes do.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from sync.errors import SyncBusy

LOCK_NAME = "sync.lock"

if os.name == "nt":  # pragma: no cover - tills may run Windows; CI runs Linux
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class SyncLock:
    """`with SyncLock(data_dir):` holds the till's sync lock or raises SyncBusy at once."""

    def __init__(self, data_dir: str | Path) -> None:
        self.path = Path(data_dir) / LOCK_NAME
        self._fd: int | None = None

    def acquire(self, *, wait: float = 0.0) -> bool:
        """Take the lock, waiting up to `wait` seconds for it; False if another sync holds it."""
        if self._fd is not None:
            raise RuntimeError("this SyncLock is already held")
        deadline = time.monotonic() + wait
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                return False
            time.sleep(0.05)
        self._fd = fd
        return True

    @contextmanager
    def hold(self, *, wait: float = 0.0) -> Iterator[SyncLock]:
        """`with lock.hold(wait=30):` holds the lock; SyncBusy if it is not free in time."""
        if not self.acquire(wait=wait):
            raise SyncBusy("another sync of this till is running")
        try:
            yield self
        finally:
            self.release()

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> SyncLock:
        if not self.acquire():
            raise SyncBusy("another sync of this till is running")
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
