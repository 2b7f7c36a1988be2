"""The real window on a real till: real widgets offscreen, card PNGs through the real scanner.

`PushSource` is a frame source a test feeds by hand (a camera whose pictures the test
chooses); every frame then goes through the real DisplayTee, ScanService, pipeline,
zxing-cpp decoder and de-duplication, exactly as a camera's would.
"""

from __future__ import annotations

import argparse
import os
import queue
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from kiosk.cards import render_png
from kiosk.members import Registration
from kiosk.till import Till
from scanner.frame import Frame
from scanner.sources.base import FrameSink, SourceState, ThreadedSource

WAIT_MS = 10_000


class PushSource(ThreadedSource):
    """A camera a test feeds: `show(image, t)` delivers one frame at media time t."""

    kind = "camera"

    def __init__(self) -> None:
        super().__init__(None)
        self._queue: queue.Queue[tuple[np.ndarray, float] | None] = queue.Queue()
        self._index = 0

    def set_state_callback(self, callback: Any) -> None:
        self._on_state = callback

    def show(self, image: np.ndarray, t: float) -> None:
        self._queue.put((image, t))

    def stop(self, timeout: float = 5.0) -> bool:
        self._queue.put(None)
        return super().stop(timeout)

    def _run(self, sink: FrameSink) -> None:
        self._report(SourceState.RUNNING, "test camera")
        while not self._stopping.is_set():
            item = self._queue.get()
            if item is None:
                return
            image, t = item
            self._index += 1
            if not sink.put(Frame(image=image, t=t, index=self._index, kind="camera")):
                return


def card_frame(code_or_text: str, *, size: tuple[int, int] = (640, 480)) -> np.ndarray:
    """A camera-like BGR frame with the QR code of `code_or_text` rendered by the core."""
    png = render_png(code_or_text, box_size=6)
    qr = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
    w, h = size
    frame = np.full((h, w, 3), 235, np.uint8)
    qh, qw = qr.shape[:2]
    y, x = (h - qh) // 2, (w - qw) // 2
    frame[y:y + qh, x:x + qw] = qr
    return frame


def blank_frame(size: tuple[int, int] = (640, 480)) -> np.ndarray:
    w, h = size
    return np.full((h, w, 3), 200, np.uint8)


def window_args(**overrides: Any) -> argparse.Namespace:
    args = dict(data_dir=None, camera="0", video=None, no_camera=True, lang="en",
                theme="light", kiosk=False, auto_stamp=False, idle_seconds=None,
                customer_screen=False, printer=None, no_sound=True, quit_after_scan=False,
                screenshot=None, no_demo=True)
    args.update(overrides)
    return argparse.Namespace(**args)


class Harness:
    """A running window with its camera; helpers to scan, touch and wait like a cashier."""

    def __init__(self, qtbot: Any, till: Till, *, camera: bool = True, sync_client: Any = None,
                 sync_options: dict[str, Any] | None = None, **args: Any) -> None:
        from ui.window.app import TillWindow

        self.qtbot = qtbot
        self.till = till
        self.camera = PushSource() if camera else None
        self.t = 0.0
        self.parts = TillWindow(window_args(**args), till=till, source=self.camera,
                                sync_client=sync_client, sync_options=sync_options)
        if self.camera is not None:
            self.camera.set_state_callback(self.parts.scans.on_state)
        self.window = self.parts.window
        self.cashier = self.window.cashier
        qtbot.addWidget(self.window)
        if self.parts.customer is not None:
            qtbot.addWidget(self.parts.customer)
        self.parts.show()

    def scan_card(self, code: str) -> Any:
        """Hold a card to the camera (then take it away); returns the panel shown."""
        assert self.camera is not None
        with self.qtbot.waitSignal(self.cashier.member_shown, timeout=WAIT_MS) as blocker:
            self.camera.show(card_frame(code), self.t)
            self.t += 0.04
        self.take_away()
        return blocker.args[0]

    def scan_refused(self, text: str) -> str:
        """Hold a code the till refuses; returns the error text shown."""
        assert self.camera is not None
        with self.qtbot.waitSignal(self.cashier.feedback_shown, timeout=WAIT_MS,
                                   check_params_cb=lambda kind, _t: kind == "error") as b:
            self.camera.show(card_frame(text), self.t)
            self.t += 0.04
        self.take_away()
        return b.args[1]

    def take_away(self) -> None:
        """The card leaves the picture long enough for the same card to count again."""
        assert self.camera is not None
        self.t += 5.0
        self.camera.show(blank_frame(), self.t)
        self.t += 0.04

    def touch(self, button: Any, *, signal: Any = None, check: Callable[..., bool] | None = None
              ) -> Any:
        """Click a button the way a finger does and wait for the screen's answer."""
        signal = signal or self.cashier.action_done
        with self.qtbot.waitSignal(signal, timeout=WAIT_MS, check_params_cb=check) as blocker:
            self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return blocker.args[0] if blocker.args else None

    def feedback(self) -> tuple[str, str]:
        banner = self.cashier.banner
        return banner.kind, banner.text()

    def close(self) -> None:
        self.parts.close()


@pytest.fixture
def harness(qtbot: Any, till: Till) -> Iterator[Callable[..., Harness]]:
    made: list[Harness] = []

    def _make(**args: Any) -> Harness:
        h = Harness(qtbot, till, **args)
        made.append(h)
        return h

    yield _make
    for h in made:
        h.close()


@pytest.fixture
def kari(till: Till) -> tuple[str, str]:
    """(member id, card code) of a member with a phone."""
    done = till.register(Registration(name="Kari Nordmann", phone="+4791234567"))
    return done.member_id, done.code


def send_keys(target, text: str, *, gap_ms: int, start_ms: int, enter: bool = True) -> int:
    """Real key events with the timestamps a device would give them."""
    t = start_ms
    for ch in text:
        code = ord(ch.upper()) if ch.isascii() and ch.isalnum() else 0
        event = QKeyEvent(QEvent.Type.KeyPress, code, Qt.KeyboardModifier.NoModifier, ch)
        event.setTimestamp(t)
        QApplication.sendEvent(target, event)
        t += gap_ms
    if enter:
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        event.setTimestamp(t)
        QApplication.sendEvent(target, event)
    return t


SHOTS = Path(os.environ.get("KLIPP_SCREENSHOTS", "/tmp/klipp-screenshots"))


# --- the back office: one fixture each, for every manager test module ---------------------


@pytest.fixture
def office_on() -> Iterator[Any]:
    """Opens back offices on tills (tests.ui.test_manager_support.offices); closes them after."""
    from tests.ui.test_manager_support import offices

    yield from offices()


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo café built once per module (a module may define its own, larger one)."""
    from tests.ui.test_manager_support import demo_till

    folder = tmp_path_factory.mktemp("demo")
    demo_till(folder).close()
    return folder


@pytest.fixture
def demo(demo_dir: Path, tmp_path: Path) -> Till:
    """A fresh copy of the module's demo café for each test (tests may change it)."""
    from tests.ui.test_manager_support import demo_copy

    return demo_copy(demo_dir, tmp_path)
