"""The back office's Settings page on a running till window: each setting takes effect at
once and is there again after a restart; the scanner test stamps nobody; a test print
carries the shop's name and a QR code; a bad value changes nothing.

Real widgets offscreen, a real till file, cards through the real scanner pipeline (a camera
the test feeds); only the list of cameras is given, as this machine has none.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.till import Till
from tests.ui.conftest import (
    WAIT_MS,
    Harness,
    PushSource,
    blank_frame,
    card_frame,
    send_keys,
    window_args,
)
from tests.ui.test_manager_support import PIN
from ui.manager.settings_port import TEST_CODE
from ui.window.app import TillWindow
from ui.window.cameras import CameraChoice
from ui.window.i18n import Translations
from ui.window.theme import apply_theme

SHOTS = Path("/tmp/klipp-shots/manager")


@pytest.fixture(autouse=True)
def english_and_light(qapp: Any) -> Iterator[None]:
    """Language and theme are application-wide: back to what other tests expect."""
    yield
    Translations().switch("en")
    apply_theme(qapp, "light")


class Cameras:
    """Stands in for the machine's cameras: what is found, and each camera opened."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.found = [CameraChoice("0", "Counter camera (/dev/video0)"),
                      CameraChoice("1", "Door camera (/dev/video2)")]
        self.opened: list[tuple[str, tuple[int, int], PushSource]] = []
        self.searched_on: list[int] = []
        cameras = self

        def find(in_use: str | None = None) -> list[CameraChoice]:
            cameras.searched_on.append(threading.get_ident())
            return list(cameras.found)

        def open_camera(parts: TillWindow, camera: str, resolution: tuple[int, int]) -> Any:
            source = PushSource()
            source.set_state_callback(parts.scans.on_state)
            cameras.opened.append((camera, resolution, source))
            return source

        monkeypatch.setattr("ui.window.live_settings.find_cameras", find)
        monkeypatch.setattr("ui.manager.settings_port.find_cameras", find)
        monkeypatch.setattr(TillWindow, "_camera_source", open_camera)

    @property
    def live(self) -> PushSource:
        return self.opened[-1][2]


@pytest.fixture
def cameras(monkeypatch: pytest.MonkeyPatch) -> Cameras:
    return Cameras(monkeypatch)


class SettingsHarness(Harness):
    """A till window on the camera its settings name (no camera flag given)."""

    def __init__(self, qtbot: Any, till: Till, **args: Any) -> None:
        self.qtbot = qtbot
        self.till = till
        self.camera = None
        self.t = 0.0
        self.parts = TillWindow(window_args(**{"camera": None, "no_camera": False, **args}),
                                till=till)
        self.window = self.parts.window
        self.cashier = self.window.cashier
        qtbot.addWidget(self.window)
        self.parts.show()


def start(qtbot: Any, till: Till, **args: Any) -> Harness:
    """A running till window whose camera is the one its settings choose."""
    return SettingsHarness(qtbot, till, **args)


def open_settings(h: Harness) -> Any:
    """The manager button, the PIN, then the Settings tab (its camera search done)."""
    h.qtbot.mouseClick(h.window.manager_button, Qt.MouseButton.LeftButton)
    shell = h.window.manager
    h.qtbot.addWidget(shell)
    shell.pad.display.setText(PIN)
    with h.qtbot.waitSignal(shell.unlocked, timeout=WAIT_MS):
        shell.pad.ok.click()
    page = shell.view.settings
    with h.qtbot.waitSignal(page.cameras_found, timeout=WAIT_MS):
        shell.view.tabs.setCurrentWidget(page)
    return page


def save(h: Harness, page: Any, *, signal: str = "saved") -> Any:
    with h.qtbot.waitSignal(getattr(page, signal), timeout=WAIT_MS) as blocker:
        h.qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def choose(combo: Any, value: str) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def show_card(h: Harness, source: PushSource, code: str, signal: Any) -> Any:
    """Hold a card to the camera until `signal`, then take it away."""
    with h.qtbot.waitSignal(signal, timeout=WAIT_MS) as blocker:
        source.show(card_frame(code), h.t)
        h.t += 0.04
    h.t += 5.0
    source.show(blank_frame(), h.t)
    h.t += 0.04
    return blocker.args


def stored(h: Harness) -> dict[str, Any]:
    return json.loads((h.parts.data_dir / "window.json").read_text(encoding="utf-8"))


def test_each_setting_takes_effect_at_once_and_again_after_a_restart(
        qtbot: Any, till: Till, kari: tuple[str, str], cameras: Cameras,
        tmp_path: Path) -> None:
    till.set_pin(PIN)
    h = start(qtbot, till, lang="en", theme="light", no_sound=False)
    assert h.parts.sound.enabled
    assert cameras.opened[0][:2] == ("0", (1280, 720))  # the default camera, 720p
    page = open_settings(h)
    assert cameras.searched_on and threading.get_ident() not in cameras.searched_on
    assert page.camera.findData("1") >= 0 and "Door camera" in page.camera.itemText(
        page.camera.findData("1"))
    choose(page.camera, "1")
    choose(page.resolution, "640x480")
    choose(page.language, "sv")
    choose(page.theme, "dark")
    page.sound.setChecked(False)
    page.kiosk.setChecked(True)
    page.auto_stamp.setChecked(True)
    page.idle.setValue(30)
    page.manager_idle.setValue(5)
    page.printer.setText(f"file:{tmp_path / 'printer.bin'}")
    page.undo.setValue(120)
    with qtbot.waitSignal(page.undo_published, timeout=WAIT_MS):
        changed = save(h, page)
    assert set(changed) == {"camera", "resolution", "language", "theme", "sound", "kiosk",
                            "auto_stamp", "idle_seconds", "manager_idle_minutes", "printer",
                            "undo_window_seconds"}
    # In force in the running window, without a restart.
    c = h.cashier
    assert h.window.translations.language == "sv" and c.stamp_button.text() == "+1 stämpel"
    assert h.parts.theme == "dark" and "#15181c" in QApplication.instance().styleSheet()
    assert h.parts.sound.enabled is False
    assert h.window.kiosk
    # The platform reports window states through its own event queue: one queued before the
    # switch can show for a moment after it (seen once in a full run), so wait for the state.
    h.qtbot.waitUntil(lambda: bool(h.window.windowState() & Qt.WindowState.WindowFullScreen),
                      timeout=WAIT_MS)
    assert not h.window.close()  # kiosk: only the manager PIN closes the till now
    h.window.show_cashier()
    assert c.settings.auto_stamp is True and c.settings.idle_seconds == 30
    assert h.window.manager.idle.interval() == 5 * 60_000
    assert h.window.register.printer is not None
    assert not h.window.register.print_button.isHidden()
    assert cameras.opened[-1][:2] == ("1", (640, 480))
    assert h.parts.ops.call(lambda t: t.info().program.limits.undo_window_seconds) == 120
    view = h.window.manager.view
    assert view.programme.inputs[("limits", "undo_window_seconds")].value() == 120
    # The preview shows the new camera's picture.
    cameras.live.show(blank_frame(), h.t)
    qtbot.waitUntil(lambda: page.preview.image is not None, timeout=WAIT_MS)
    assert page.preview.calm_message == ""
    # The new camera scans for the cashier, with the auto-stamp now on.
    h.window.manager.close()
    panel, = show_card(h, cameras.live, kari[1], c.member_shown)
    assert panel.stamps == 1
    data = stored(h)
    assert data["language"] == "sv" and data["theme"] == "dark" and data["sound"] is False
    assert data["kiosk"] is True and data["auto_stamp"] is True and data["idle_seconds"] == 30
    assert data["camera"] == "1" and data["resolution"] == "640x480"
    assert data["manager_idle_minutes"] == 5 and data["printer"].startswith("file:")
    h.window.set_kiosk(False)
    h.close()
    h.window.close()

    # A restart with no flags: the same till, as the back office left it.
    again = start(qtbot, till, lang=None, theme=None, no_sound=False)
    try:
        assert again.window.translations.language == "sv"
        assert again.parts.theme == "dark"
        assert again.parts.sound.enabled is False
        assert again.window.kiosk and not again.window.close()
        assert again.cashier.settings.auto_stamp and again.cashier.settings.idle_seconds == 30
        assert again.window.manager_idle_ms == 5 * 60_000
        assert again.parts.printer is not None
        assert cameras.opened[-1][:2] == ("1", (640, 480))
    finally:
        again.window.set_kiosk(False)
        again.close()


def test_no_camera_chosen_on_the_page_stops_the_camera_calmly(
        qtbot: Any, till: Till, cameras: Cameras) -> None:
    till.set_pin(PIN)
    h = start(qtbot, till)
    try:
        page = open_settings(h)
        cameras.live.show(blank_frame(), h.t)
        qtbot.waitUntil(lambda: page.preview.image is not None, timeout=WAIT_MS)
        first = cameras.live
        choose(page.camera, "none")
        assert save(h, page) == {"camera": "none"}
        assert first._stopping.is_set()  # the camera is let go
        assert page.preview.calm_message == "No camera picture" and page.preview.image is None
        assert h.cashier.camera.calm_message.startswith("No camera found.")
        assert stored(h)["camera"] == "none"
    finally:
        h.close()
    opened = len(cameras.opened)
    again = start(qtbot, till)
    try:
        assert len(cameras.opened) == opened  # no camera opened after the restart
        assert again.cashier.camera.calm_message.startswith("No camera found.")
    finally:
        again.close()


def test_auto_stamp_switched_on_from_the_page_makes_the_next_scan_stamp(
        qtbot: Any, till: Till, kari: tuple[str, str], cameras: Cameras) -> None:
    till.set_pin(PIN)
    h = start(qtbot, till)
    try:
        panel, = show_card(h, cameras.live, kari[1], h.cashier.member_shown)
        assert panel.stamps == 0  # off by default: a scan only shows the member
        page = open_settings(h)
        assert not page.auto_stamp.isChecked()
        page.auto_stamp.setChecked(True)
        assert save(h, page) == {"auto_stamp": True}
        h.window.manager.close()
        with qtbot.waitSignal(h.cashier.action_done, timeout=WAIT_MS):
            panel, = show_card(h, cameras.live, kari[1], h.cashier.member_shown)
        assert panel.stamps == 1
        assert h.cashier.undo_button.isEnabled()
    finally:
        h.close()


def test_the_scanner_test_shows_what_is_read_and_stamps_nobody(
        qtbot: Any, till: Till, kari: tuple[str, str], cameras: Cameras) -> None:
    till.set_pin(PIN)
    # Auto-stamp on: a scan that slipped through to the cashier would write a stamp.
    h = start(qtbot, till, auto_stamp=True)
    try:
        page = open_settings(h)
        waiting = h.parts.ops.call(lambda t: t.pending_count())
        events = len(h.parts.ops.call(lambda t: t.events(kari[0])))
        shown: list[Any] = []
        h.cashier.member_shown.connect(shown.append)
        h.qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
        text, verdict = show_card(h, cameras.live, kari[1], page.scan_tested)
        assert page.scan_text.text() == f"Camera: {kari[1]}"
        assert verdict == "A card of this shop: Kari Nordmann. Nobody got a stamp."
        text, verdict = show_card(h, cameras.live, "HELLO FROM A FLYER", page.scan_tested)
        assert "HELLO FROM A FLYER" in text
        assert verdict.startswith("Not a card of this shop")
        # The USB scanner, typed into the back office's window at a scanner's pace.
        with qtbot.waitSignal(page.scan_tested, timeout=WAIT_MS) as usb:
            send_keys(page.printer, kari[1], gap_ms=8, start_ms=1000)
        assert usb.args[0] == kari[1] and page.scan_text.text() == f"USB scanner: {kari[1]}"
        assert page.printer.text() == ""  # a scan, not typing into the field
        assert h.parts.ops.call(lambda t: t.pending_count()) == waiting
        assert len(h.parts.ops.call(lambda t: t.events(kari[0]))) == events
        assert shown == [] and h.cashier.panel is None
        # Another tab ends the test: the cashier has the scanner back.
        h.window.manager.view.tabs.setCurrentIndex(0)
        assert page.test_button.text() == "Start the scanner test"
        h.window.manager.close()
        panel, = show_card(h, cameras.live, kari[1], h.cashier.member_shown)
        assert panel.member.name == "Kari Nordmann"
    finally:
        h.close()


def bare_settings(qtbot: Any, till: Till, office_on: Any) -> Any:
    """The back office without a till window (the file-only settings port)."""
    till.set_pin(PIN)
    office = office_on(qtbot, till)
    view = office.open()
    page = view.settings
    with qtbot.waitSignal(page.cameras_found, timeout=WAIT_MS):
        view.tabs.setCurrentWidget(page)
    return office, page


def _qr_store(code: str) -> bytes:
    # GS ( k pL pH cn=49 fn=80 m=48 data: the native QR command's "store the symbol data".
    return b"\x1d(k" + (len(code) + 3).to_bytes(2, "little") + b"1P0" + code.encode()


def test_a_test_print_carries_the_shops_name_and_a_qr_code(
        qtbot: Any, till: Till, office_on: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ui.manager.settings_port.find_cameras", lambda in_use=None: [])
    _office, page = bare_settings(qtbot, till, office_on)
    out = tmp_path / "printer.bin"
    page.printer.setText(f"file:{out}")
    with qtbot.waitSignal(page.printed, timeout=WAIT_MS) as printed:
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert printed.args[0] is True
    data = out.read_bytes()
    assert b"Kaffebar" in data and b"Test print" in data
    assert _qr_store(TEST_CODE) in data and b"\x1d(k\x03\x001Q0" in data
    assert data.rstrip(b"\x00").endswith(b"\x1dV")  # and cut
    # A printer that is not there: said in words, and the button works again.
    page.printer.setText(f"file:{tmp_path / 'no-such-folder' / 'lp0'}")
    with qtbot.waitSignal(page.printed, timeout=WAIT_MS) as printed:
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert printed.args[0] is False
    assert page.print_status.text().startswith("✖ The printer did not print:")
    assert page.print_button.isEnabled()


def test_no_camera_is_said_calmly(qtbot: Any, till: Till, office_on: Any,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ui.manager.settings_port.find_cameras", lambda in_use=None: [])
    _office, page = bare_settings(qtbot, till, office_on)
    assert page.camera_status.text().startswith("No camera found on this till.")
    assert page.preview.calm_message == "No camera picture" and page.preview.image is None
    assert page.camera.itemData(0) == "none"


def test_a_bad_value_gets_a_message_beside_the_field_and_changes_nothing(
        qtbot: Any, till: Till, cameras: Cameras) -> None:
    till.set_pin(PIN)
    h = start(qtbot, till, lang="en", theme="light")
    try:
        page = open_settings(h)
        before = (h.parts.data_dir / "window.json").exists()
        page.idle.setValue(5)
        choose(page.theme, "dark")  # valid, but saved only with the rest
        page.printer.setText("lpt1")
        problems = save(h, page, signal="rejected")
        assert problems == ["idle_seconds", "printer"]
        assert page.idle_error.text() == "✖ Choose between 10 and 600 seconds."
        assert page.printer_error.text().startswith("✖ Write the printer as usb:VID:PID")
        assert page.manager_idle_error.text() == ""
        assert h.parts.theme == "light" and h.cashier.settings.idle_seconds == 45
        assert (h.parts.data_dir / "window.json").exists() == before
        # Put right, it saves, and the messages go.
        page.idle.setValue(20)
        page.printer.setText("")
        assert save(h, page) == {"theme": "dark", "idle_seconds": 20}
        assert page.idle_error.text() == "" and h.cashier.settings.idle_seconds == 20
    finally:
        h.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_of_the_settings_page(qtbot: Any, till: Till, kari: tuple[str, str],
                                          cameras: Cameras, theme: str) -> None:
    till.set_pin(PIN)
    h = start(qtbot, till, lang="en", theme=theme, no_sound=False)
    try:
        page = open_settings(h)
        shell = h.window.manager
        shell.resize(1280, 860)  # as the back office opens
        h.qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(page.scan_tested, timeout=WAIT_MS):
            cameras.live.show(card_frame(kari[1], size=(1280, 720)), h.t)
        qtbot.waitUntil(lambda: page.preview.image is not None, timeout=WAIT_MS)
        QApplication.processEvents()
        SHOTS.mkdir(parents=True, exist_ok=True)
        image = shell.grab().toImage()
        assert image.width() >= 1280 and image.height() >= 800
        assert image.save(str(SHOTS / f"settings-{theme}.png"))
        shell.resize(1366, 960)  # the size of the README's back-office pictures
        QApplication.processEvents()
        assert shell.grab().save(str(SHOTS / f"settings-{theme}-1366.png"))
    finally:
        h.close()


@pytest.mark.parametrize(("language", "tab", "save_text", "no_camera"), [
    ("nb", "Innstillinger", "Lagre og ta i bruk", "Ikke noe kamerabilde"),
    ("sv", "Inställningar", "Spara och använd nu", "Ingen kamerabild"),
])
def test_the_page_speaks_norwegian_and_swedish(
        qtbot: Any, till: Till, office_on: Any, monkeypatch: pytest.MonkeyPatch,
        language: str, tab: str, save_text: str, no_camera: str) -> None:
    monkeypatch.setattr("ui.manager.settings_port.find_cameras", lambda in_use=None: [])
    Translations().switch(language)
    office, page = bare_settings(qtbot, till, office_on)
    view = office.shell.view
    assert view.tabs.tabText(view.tabs.indexOf(page)) == tab
    assert page.save_button.text() == save_text
    assert page.preview.calm_message == no_camera


def test_the_port_refuses_bad_values_itself_and_a_hand_edited_file_cannot_break_the_till(
        tmp_path: Path) -> None:
    from ui.manager.settings_port import FileSettingsPort, InvalidSettings
    from ui.window.window_settings import Settings

    port = FileSettingsPort(tmp_path, shop_name="Kaffebar")
    bad = port.current()
    bad.idle_seconds, bad.theme = 100_000, "purple"
    with pytest.raises(InvalidSettings) as refused:
        port.apply(bad)
    assert sorted(refused.value.fields) == ["idle_seconds", "theme"]
    assert not (tmp_path / "window.json").exists()
    good = port.current()
    good.auto_stamp = True
    assert port.apply(good) == {"auto_stamp": True}
    (tmp_path / "window.json").write_text(json.dumps(
        {"auto_stamp": True, "idle_seconds": -4, "language": "klingon", "camera": 7}))
    loaded = Settings.load(tmp_path)
    assert loaded.auto_stamp is True
    assert (loaded.idle_seconds, loaded.language, loaded.camera) == (45, "nb", "0")
