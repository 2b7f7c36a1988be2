"""The back office's one way to the till's own settings (window.json) and hardware checks.

The Settings page never reaches into the cashier's window: the composition root hands it
a `SettingsPort` (ui/window/live_settings.py applies changes to the running window);
opened without a window (tests, a bare back office) `FileSettingsPort` only keeps the
file and does the hardware checks it can.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtWidgets import QApplication, QWidget

from ui.window.bridges import ScanHit
from ui.window.cameras import CameraChoice, find_cameras
from ui.window.window_settings import Settings, save_changes

ScanCallback = Callable[[ScanHit], None]
# What a test print carries as its code: readable, and refused as no card by the scanner test.
TEST_CODE = "KLIPPTESTPRINT0123456789"


class InvalidSettings(ValueError):
    """Settings the till cannot use; `fields` names them. Nothing was saved or applied."""

    def __init__(self, fields: list[str]) -> None:
        super().__init__(", ".join(fields))
        self.fields = fields


class SettingsPort(Protocol):
    """What the Settings page may do with the till's own settings and its hardware."""

    # A QObject with `frame(QImage)` and `camera_state(str, str)` signals: the camera's
    # picture as the till sees it; None when no camera feed can be shown here.
    preview: Any

    def current(self) -> Settings:
        """The settings in force now (a copy the page may edit)."""
        ...

    def camera_state(self) -> tuple[str, str]:
        """The camera's last state (scanner.sources.SourceState's words) and detail."""
        ...

    def apply(self, new: Settings) -> dict[str, Any]:
        """Check, save in window.json and put in force at once; returns what changed.
        Raises InvalidSettings (nothing changed) or OSError (not saved, nothing applied)."""
        ...

    def find_cameras(self) -> list[CameraChoice]:
        """The cameras on this machine. Slow: call it off the GUI thread."""
        ...

    def test_print(self, spec: str, caption: str) -> None:
        """Print a test card on the printer `spec`; raises when it fails. Slow: off the GUI
        thread."""
        ...

    def borrow_scans(self, on_scan: ScanCallback, window: QWidget) -> Callable[[], None]:
        """Send every scan (camera, USB scanner in `window`) to `on_scan` instead of the
        cashier until the returned function is called."""
        ...


def print_test_card(spec: str, *, shop_name: str, caption: str) -> None:
    """A test card on an ESC/POS printer: the shop's name, a QR code, `caption`, a cut."""
    from ui.window.receipt import open_printer, print_card

    printer = open_printer(spec)
    try:
        print_card(printer, code=TEST_CODE, name=caption, shop=shop_name)
    finally:
        printer.close()


class FileSettingsPort:
    """The settings file of a data folder, with the checks that need no running window."""

    preview: Any = None

    def __init__(self, data_dir: Path, *, shop_name: str) -> None:
        self.data_dir = Path(data_dir)
        self.shop_name = shop_name

    def current(self) -> Settings:
        """The settings in force now (a copy the page may edit)."""
        return Settings.load(self.data_dir)

    def camera_state(self) -> tuple[str, str]:
        """No window, so no camera running."""
        return "no camera", ""

    def apply(self, new: Settings) -> dict[str, Any]:
        """Check and save in window.json; put in force what this port can (see subclasses)."""
        problems = new.problems()
        if problems:
            raise InvalidSettings(problems)
        before = self.current()
        changed = new.changed_from(before)
        if changed:
            save_changes(self.data_dir, changed)
            self._put_in_force(new, changed)
        return changed

    def _put_in_force(self, new: Settings, changed: dict[str, Any]) -> None:
        """Nothing runs here that could follow; the window's port overrides this."""

    def find_cameras(self) -> list[CameraChoice]:
        """The cameras on this machine (slow: off the GUI thread)."""
        return find_cameras(self.current().camera)

    def test_print(self, spec: str, caption: str) -> None:
        """A test card on the printer `spec` (slow: off the GUI thread)."""
        print_test_card(spec, shop_name=self.shop_name, caption=caption)

    def borrow_scans(self, on_scan: ScanCallback, window: QWidget) -> Callable[[], None]:
        """With no cashier's window, only a USB scanner in `window` can be tested."""
        from ui.window.wedge_filter import WedgeFilter

        app = QApplication.instance()
        assert app is not None
        wedge = WedgeFilter(lambda scan: on_scan(ScanHit(scan.text, scan.source)))
        wedge.only_in = window
        app.installEventFilter(wedge)

        released: list[bool] = []

        def release() -> None:
            if not released:
                released.append(True)
                app.removeEventFilter(wedge)
                wedge.deleteLater()

        return release
