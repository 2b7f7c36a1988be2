"""A USB keyboard-wedge scanner caught whatever widget has focus, without leaking into text fields.

An application-wide event filter feeds every printable key and Enter/Tab to the scanner's
`WedgeClassifier`. Keys are held while they could still be a scan; a burst that ends in
Enter becomes a scan, and keys that turn out to be a person typing are replayed to the
widget that has focus, in order. A timer releases a lone typed key nothing follows.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from scanner.scan import Scan
from scanner.wedge import WedgeClassifier

_TERMINATORS = {Qt.Key.Key_Return: "Enter", Qt.Key.Key_Enter: "Enter", Qt.Key.Key_Tab: "Tab"}
_REPLAY_KEYS = {"\n": Qt.Key.Key_Return, "\r": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}


class WedgeFilter(QObject):
    """Install on the QApplication; calls `on_scan(scan)` on the GUI thread."""

    def __init__(self, on_scan: Callable[[Scan], None], *,
                 classifier: WedgeClassifier | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.classifier = classifier or WedgeClassifier()
        self._on_scan = on_scan
        self._replaying = False
        self._poll = QTimer(self)
        self._poll.setInterval(int(self.classifier.max_gap_s * 1000) + 30)
        self._last_t = 0.0
        self._target: QWidget | None = None
        self._poll.timeout.connect(self._release_typed)
        self.enabled = True
        # Scans are caught in this window only (the cashier's); None: in every window.
        self.only_in: QWidget | None = None

    @staticmethod
    def _stamp(event: QKeyEvent) -> float:
        # The event's own time tells a scanner's burst from typing even if the GUI was busy.
        ts = event.timestamp()
        return ts / 1000.0 if ts else time.monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self._replaying or not self.enabled or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                | Qt.KeyboardModifier.AltModifier):
            return False
        key = event.key()
        if key in _TERMINATORS:
            name = _TERMINATORS[Qt.Key(key)]
        else:
            text = event.text()
            if len(text) != 1 or not text.isprintable():
                return False
            name = text
        widget = watched if isinstance(watched, QWidget) else QApplication.focusWidget()
        if self.only_in is not None and widget is not None and widget.window() is not self.only_in:
            return False  # another window (the manager's): its keys are a person's typing
        if (key == Qt.Key.Key_Space and not self.classifier._chars
                and isinstance(widget, QAbstractButton)):
            # Space presses a focused button or ticks a box (on its release, which is never
            # held): no card code starts with a space, so it is never the start of a scan.
            return False
        was_holding = bool(self.classifier._chars)
        self._last_t = self._stamp(event)
        outcome = self.classifier.feed(name, self._last_t)
        if outcome.typed:
            # Released keys go back where they were typed, even if focus moved since.
            self._replay(outcome.typed, self._target if was_holding else widget)
        if self.classifier._chars and (not was_holding or outcome.typed):
            self._target = widget  # a new burst starts with this key
        if outcome.scan is not None:
            self._on_scan(outcome.scan)
        if self.classifier._chars:  # keys held: release them if nothing follows soon
            self._poll.start()
        else:
            self._poll.stop()
        return True

    def _release_typed(self) -> None:
        # The timer fires only after a quiet spell longer than any scanner's gap.
        outcome = self.classifier.poll(self._last_t + 1.0)
        if outcome.typed:
            self._replay(outcome.typed, self._target)
        self._poll.stop()

    def _replay(self, typed: str, target: QWidget | None) -> None:
        if target is not None and not shiboken6.isValid(target):
            target = QApplication.focusWidget()
        if target is None:
            return
        self._replaying = True
        try:
            for ch in typed:
                key = _REPLAY_KEYS.get(ch)
                if key is not None:
                    QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, key,
                                                             Qt.KeyboardModifier.NoModifier))
                    continue
                code = ord(ch.upper()) if ch.isascii() and ch.isalnum() else 0
                QApplication.sendEvent(target, QKeyEvent(
                    QEvent.Type.KeyPress, code, Qt.KeyboardModifier.NoModifier, ch))
        finally:
            self._replaying = False
