"""The window's plumbing: the ops layer's promise, the display path, the start command."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from kiosk.errors import InsufficientBalance
from ui.window.bridges import ScanBridge
from ui.window.ops import OpRunner

REPO = Path(__file__).resolve().parents[2]


def test_every_operation_ends_in_a_shown_outcome(qtbot) -> None:
    runner = OpRunner(till=object())
    try:
        seen: list[tuple[str, object]] = []
        runner.failed.connect(lambda text: seen.append(("failed", text)))
        with qtbot.waitSignal(runner.done, timeout=5000):
            runner.op(lambda _t: threading.get_ident()).success(
                lambda ident: seen.append(("ok", ident))).run_in_background()
        assert seen == [("ok", runner.thread_ident)]
        assert runner.thread_ident != threading.get_ident()
        # No failure callback: the failure still reaches the screen, in words.
        with qtbot.waitSignal(runner.failed, timeout=5000) as failed:
            runner.op(lambda _t: 1 / 0).run_in_background()
        assert "ZeroDivisionError" in failed.args[0]
        with qtbot.waitSignal(runner.failed, timeout=5000) as failed:
            runner.op(lambda _t: (_ for _ in ()).throw(
                InsufficientBalance("Free coffee needs 10 stamps."))).run_in_background()
        assert failed.args[0] == "Free coffee needs 10 stamps."
    finally:
        runner.close()


def test_frames_for_display_are_mirrored_32_bit_and_scaled_to_the_view(qtbot) -> None:
    bridge = ScanBridge()
    image = np.zeros((720, 1280, 3), np.uint8)
    image[:, :640] = (255, 0, 0)  # the left half blue (BGR)
    from PySide6.QtCore import QSize

    bridge.set_target_size(QSize(640, 360))
    shown = bridge.convert(image)
    assert shown.format() == QImage.Format.Format_RGB32
    assert (shown.width(), shown.height()) == (640, 360)
    # Mirrored like a selfie: what was on the left is now on the right.
    assert shown.pixelColor(600, 10).blue() == 255
    assert shown.pixelColor(20, 10).blue() == 0


def test_a_frame_comes_at_the_views_own_size_and_fills_it_in_whole_pixels(qtbot) -> None:
    # Scaled on the display thread, so the GUI thread only blits it (bench_window measures
    # that): a frame the painter had to scale cost it about a millisecond, beside the paint
    # that shows a scanned member.
    from PySide6.QtCore import QSize

    from ui.window.widgets import CameraView

    bridge = ScanBridge()
    bridge.set_target_size(QSize(591, 334))
    image = np.zeros((720, 1280, 3), np.uint8)
    image[:, :, 1] = 200  # green
    shown = bridge.convert(image)
    assert (shown.width(), shown.height()) == (591, 332)  # 16:9 fitted, not 640x360
    view = CameraView()
    qtbot.addWidget(view)
    view.resize(591, 334)
    view.show_frame(shown)
    shot = view.grab().toImage()
    # Whole pixels: the picture starts one row down (334 - 332 = 2, centred) and fills
    # every column, edge to edge.
    assert shot.pixelColor(0, 0).green() < 60 and shot.pixelColor(0, 1).green() == 200
    assert shot.pixelColor(590, 332).green() == 200 and shot.pixelColor(590, 333).green() < 60


def test_a_lost_camera_takes_the_last_codes_outline_with_it(qtbot) -> None:
    from ui.window.widgets import CameraView

    view = CameraView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    picture = QImage(400, 300, QImage.Format.Format_RGB32)
    picture.fill(0x808080)
    view.show_frame(picture)
    view.flash(((0.3, 0.3), (0.7, 0.3), (0.7, 0.7), (0.3, 0.7)))
    view.refuse_flash()
    view.show_calm("No camera found.")
    shot = view.grab().toImage()
    reds = sum(shot.pixelColor(x, y).red() > 200 and shot.pixelColor(x, y).green() < 80
               for x in range(0, 400, 4) for y in range(0, 300, 4))
    assert view.outline == () and reds == 0


def test_a_scans_answer_is_painted_before_the_next_camera_frame(qtbot) -> None:
    # The frame's paint on the GUI thread held the scan's answer up on the GIL: the
    # picture waits for the answer's outline to be painted, and never for long.
    from datetime import UTC, datetime

    from scanner.frame import Frame
    from scanner.scan import Scan
    from ui.window.bridges import DISPLAY_HOLD_S
    from ui.window.widgets import CameraView

    bridge = ScanBridge()
    bridge.display_hold_s = 60.0  # only the answer's paint can let a frame through in time
    bridge.start_display()
    try:
        image = np.zeros((360, 640, 3), np.uint8)
        with qtbot.waitSignal(bridge.frame, timeout=5000):
            bridge.on_frame(Frame(image=image, t=0.0, index=1, kind="camera"))
        bridge.on_scan(Scan("CODE", "camera", datetime.now(UTC), 1.0,
                            outline=((0.4, 0.4), (0.6, 0.4), (0.6, 0.6), (0.4, 0.6))))
        qtbot.waitSignal(bridge.scanned, timeout=5000).wait()
        with qtbot.assertNotEmitted(bridge.frame, wait=round(DISPLAY_HOLD_S * 1000)):
            bridge.on_frame(Frame(image=image, t=0.1, index=2, kind="camera"))
        # The outline painted with the answer lets the picture go on.
        view = CameraView()
        qtbot.addWidget(view)
        view.outline_painted.connect(bridge.answer_shown)
        view.resize(320, 240)
        view.flash(((0.4, 0.4), (0.6, 0.4), (0.6, 0.6), (0.4, 0.6)))
        with qtbot.waitSignal(bridge.frame, timeout=5000):
            view.grab()
        # No answer at all (a scan nobody showed): the picture goes on after the hold.
        bridge.display_hold_s = DISPLAY_HOLD_S
        bridge.on_scan(Scan("CODE", "camera", datetime.now(UTC), 1.0))
        with qtbot.waitSignal(bridge.frame, timeout=5000):
            bridge.on_frame(Frame(image=image, t=0.2, index=3, kind="camera"))
    finally:
        bridge.stop_display()


def test_no_display_is_said_in_one_line_with_the_way_out(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run([sys.executable, "-m", "ui.window", "--data-dir", str(tmp_path)],
                         capture_output=True, text=True, cwd=REPO, env=env, timeout=60)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "klipp till" in lines[0] and "xvfb-run" in lines[0]
    assert not (tmp_path / "till.sqlite3").exists()  # nothing was touched


@pytest.mark.parametrize("case", ["data folder is a file", "no such video", "not a video"])
def test_what_stops_the_start_is_said_in_one_line(tmp_path: Path, case: str) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    if case != "data folder is a file":  # a till with its shop, so the video is what stops
        from ui.cli.app import main as klipp

        assert klipp(["setup", "--org", "Kaffe AS", "--shop", "Kaffebar",
                      "--data-dir", str(tmp_path / "till")]) == 0
    args, words = {
        "data folder is a file": (["--data-dir", str(a_file), "--no-camera"],
                                  "is a file, not a folder."),
        "no such video": (["--data-dir", str(tmp_path / "till"), "--no-demo",
                           "--video", str(tmp_path / "none.mp4")], "no such video file"),
        "not a video": (["--data-dir", str(tmp_path / "till"), "--no-demo",
                         "--video", str(a_file)], "as a video"),
    }[case]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-m", "ui.window", *args, "--no-sound"],
                         capture_output=True, text=True, cwd=REPO, env=env, timeout=60)
    assert out.returncode == 1
    lines = [line for line in out.stderr.strip().splitlines()
             if "propagateSizeHints" not in line]
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("The till cannot start: ") and words in lines[0], lines
    assert a_file.read_text() == "x"


def test_a_till_without_a_shop_and_no_demo_is_refused_in_words(qtbot, tmp_path: Path) -> None:
    """--no-demo on an empty folder: the window says how to set the shop up (main() opens
    the first-run wizard first); it never fails on the missing shop."""
    from kiosk.till import NotSetUp
    from ui.window.app import TillWindow, parse_args

    with pytest.raises(NotSetUp, match="--setup"):
        TillWindow(parse_args(["--data-dir", str(tmp_path), "--no-demo", "--no-camera",
                               "--no-sound"]))


def test_the_customer_window_follows_the_member_on_screen(harness, kari) -> None:
    h = harness(customer_screen=True)
    customer = h.parts.customer
    assert customer is not None and customer.isVisible()
    assert customer.title.text() == "Welcome!"
    h.scan_card(kari[1])
    assert customer.title.text() == "Hello, Kari Nordmann!"
    assert customer.detail.text() == "10 more stamps to a free coffee"
    with h.qtbot.waitSignal(h.cashier.cleared, timeout=10_000):
        h.cashier.next_button.click()
    assert customer.title.text() == "Welcome!"


def test_keyboard_tab_moves_between_the_cashiers_inputs(harness) -> None:
    from PySide6.QtCore import Qt

    h = harness(camera=False)
    h.window.activateWindow()
    h.cashier.search.setFocus()
    h.qtbot.waitUntil(lambda: h.cashier.search.hasFocus(), timeout=5000)
    h.qtbot.keyClick(h.cashier.search, Qt.Key.Key_Tab)
    h.qtbot.waitUntil(lambda: h.cashier.find_button.hasFocus(), timeout=5000)


def test_the_language_chosen_on_screen_is_remembered(harness, till) -> None:
    from PySide6.QtCore import Qt

    from ui.window.app import Settings

    h = harness(camera=False, lang="nb", auto_stamp=True)
    with h.qtbot.waitSignal(h.window.language_changed, timeout=5000):
        h.qtbot.mouseClick(h.window.language_buttons["sv"], Qt.MouseButton.LeftButton)
    stored = Settings.load(h.parts.data_dir)
    assert stored.language == "sv"
    assert stored.auto_stamp is False  # a flag given for one run is not made permanent


class _PluggableCamera:
    """cv2.VideoCapture's part the camera source uses; 'plugged in' when the test says so."""

    plugged = False
    frame = None

    def __init__(self, _device: object) -> None:
        self._open = _PluggableCamera.plugged

    def isOpened(self) -> bool:  # noqa: N802 - cv2's name
        return self._open

    def read(self):
        import time

        time.sleep(1 / 30)  # a camera delivers at its own rate
        return True, _PluggableCamera.frame

    def set(self, _prop: int, _value: float) -> bool:
        return True

    def get(self, _prop: int) -> float:
        return 0.0

    def release(self) -> None:
        self._open = False


def test_a_camera_plugged_in_later_is_picked_up_without_a_restart(harness, kari) -> None:
    from scanner.backoff import Backoff
    from scanner.sources import CameraSource
    from tests.ui.conftest import card_frame

    _PluggableCamera.plugged = False
    _PluggableCamera.frame = card_frame(kari[1])
    h = harness(camera=False)
    source = CameraSource(0, capture_factory=_PluggableCamera, on_state=h.parts.scans.on_state,
                          backoff=Backoff(initial=0.05, cap=0.1))
    h.parts.start_scanner(source)
    h.qtbot.waitUntil(lambda: h.cashier.camera.calm_message.startswith("No camera"),
                      timeout=10_000)
    with h.qtbot.waitSignal(h.cashier.member_shown, timeout=10_000) as shown:
        _PluggableCamera.plugged = True
    assert shown.args[0].member.name == "Kari Nordmann"
    assert h.cashier.camera.calm_message == ""
    h.qtbot.waitUntil(lambda: h.cashier.camera.frames_painted > 0, timeout=10_000)


def test_a_scan_and_an_op_result_go_ahead_of_frames_already_queued(qtbot) -> None:
    # A camera keeps the GUI thread's queue full of frames and repaints; a scan and the
    # answer the cashier waits for must not queue behind them (high-priority events).
    from datetime import UTC, datetime

    from PySide6.QtWidgets import QApplication

    from scanner.scan import Scan

    bridge = ScanBridge()
    ops = OpRunner(None)
    order: list[str] = []
    bridge.frame.connect(lambda _image: order.append("frame"))
    bridge.scanned.connect(lambda _hit: order.append("scan"))
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    release = threading.Event()
    ops.op(lambda _till: release.wait(10), label="answer").success(
        lambda _r: order.append("answer")).run_in_background()

    def camera_thread() -> None:
        for _ in range(20):
            bridge.frame.emit(image)
        release.set()  # the writer answers while the frames still wait
        ops._pool.submit(lambda: None).result()  # the answer is posted by now
        bridge.on_scan(Scan("CODE", "camera", datetime.now(UTC), 1.0))

    worker = threading.Thread(target=camera_thread)
    worker.start()
    worker.join(10)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: len(order) == 22, timeout=5000)
    assert order.index("scan") < order.index("frame")
    assert order.index("answer") < order.index("frame")
    ops.close()


def test_a_slow_printer_never_holds_up_the_writer(qtbot) -> None:
    # A receipt printer (or a camera search) can take seconds: the next stamp must not wait.
    ops = OpRunner(object())
    printing = threading.Event()
    release = threading.Event()
    done: list[str] = []

    def slow_printer() -> str:
        printing.set()
        release.wait(10)
        return "printed"

    ops.device(slow_printer, label="print").success(done.append).run_in_background()
    assert printing.wait(5)
    ops.op(lambda till: "stamped" if till is not None else "no till", label="stamp") \
        .success(done.append).run_in_background()
    qtbot.waitUntil(lambda: done == ["stamped"], timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: done == ["stamped", "printed"], timeout=5000)
    ops.close()


def test_typed_unicode_digits_are_refused_not_crashed_on() -> None:
    """'²' passes str.isdigit() and fails int(): the window reads it as no number."""
    from ui.window.fmt import Formats
    from ui.window.window_settings import parse_resolution

    assert parse_resolution("1280x720") == (1280, 720)
    assert parse_resolution("²x720") is None and parse_resolution("1280x٣") is None
    f = Formats("nb")
    assert f.parse_amount("89,50") == 8950
    assert f.parse_amount("²") is None and f.parse_amount("1,²") is None


def test_the_idle_flag_takes_the_settings_range_only(capsys) -> None:
    """A flag outside 10 to 600 s is refused at start (a huge one overflowed Qt's timer the
    first time a member was shown)."""
    from ui.window.app import parse_args

    assert parse_args(["--idle-seconds", "30"]).idle_seconds == 30
    for bad in ("-5", "0", "601", "99999999999", "²", "x"):
        with pytest.raises(SystemExit) as exit_:
            parse_args(["--idle-seconds", bad])
        assert exit_.value.code == 2
        assert "10 to 600" in capsys.readouterr().err
