"""The one-slot mailbox between capture and decode threads."""

from __future__ import annotations

import threading

import pytest

from scanner.mailbox import Mailbox, MailboxClosed


class WatchedCondition(threading.Condition):
    """A condition that says when a thread has started waiting on it (the lock is released)."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = threading.Event()

    def wait(self, timeout: float | None = None) -> bool:
        self.waiting.set()
        return super().wait(timeout)


def watched(box: Mailbox[int]) -> WatchedCondition:
    """Swap in a watched condition before the mailbox is used (its waits go through it)."""
    cond = WatchedCondition()
    box._cond = cond
    return cond


def test_latest_wins_and_overwrites_are_counted() -> None:
    box: Mailbox[int] = Mailbox()
    for i in range(5):
        assert box.put(i)
    assert box.get(timeout=0) == 4
    assert box.overwritten == 4
    assert box.get(timeout=0.01) is None


def test_close_lets_the_reader_drain_then_stop() -> None:
    box: Mailbox[int] = Mailbox()
    box.put(1)
    box.close()
    assert not box.put(2)
    assert box.get() == 1
    with pytest.raises(MailboxClosed):
        box.get()


def test_close_wakes_a_waiting_reader() -> None:
    box: Mailbox[int] = Mailbox()
    raised = threading.Event()

    def reader() -> None:
        try:
            box.get()
        except MailboxClosed:
            raised.set()

    cond = watched(box)
    thread = threading.Thread(target=reader)
    thread.start()
    assert cond.waiting.wait(30), "the reader never waited for an item"
    assert not raised.is_set()
    box.close()
    thread.join(30)
    assert raised.is_set()


def test_lossless_put_waits_for_the_reader() -> None:
    box: Mailbox[int] = Mailbox(lossless=True)
    got: list[int] = []

    def writer() -> None:
        for i in range(50):
            box.put(i)
        box.close()

    thread = threading.Thread(target=writer)
    thread.start()
    while True:
        try:
            item = box.get(timeout=2)
        except MailboxClosed:
            break
        if item is not None:
            got.append(item)
    thread.join(2)
    assert got == list(range(50))
    assert box.overwritten == 0


def test_close_releases_a_blocked_lossless_writer() -> None:
    box: Mailbox[int] = Mailbox(lossless=True)
    cond = watched(box)
    box.put(1)
    assert not cond.waiting.is_set()  # the slot was free: no wait
    results: list[bool] = []
    thread = threading.Thread(target=lambda: results.append(box.put(2)))
    thread.start()
    assert cond.waiting.wait(30), "the writer never waited for the slot"
    assert thread.is_alive() and results == []
    box.close()
    thread.join(30)
    assert results == [False]
    assert box.get(timeout=0) == 1  # the first item is still there, not overwritten
