"""The Settings port of a running till window: saved settings are put in force at once.

Built by the composition root (ui/window/app.py) with the window's parts and handed to
the back office through `open_manager`; the back office knows only the port's methods.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ui.manager.settings_port import FileSettingsPort, ScanCallback
from ui.window.cameras import CameraChoice, find_cameras
from ui.window.window_settings import Settings, parse_resolution


class WindowSettingsPort(FileSettingsPort):
    """window.json of a running TillWindow, and that window's camera, scanner and screens."""

    def __init__(self, parts: Any) -> None:
        super().__init__(parts.data_dir, shop_name=parts.info.shop.name)
        self.parts = parts
        self.preview = parts.scans  # frame(QImage), camera_state(str, str)

    def current(self) -> Settings:
        """What the window runs with now (flags of this run included)."""
        return self.parts.settings.copy()

    def camera_state(self) -> tuple[str, str]:
        """The camera's last state as the window heard it."""
        return self.parts.camera_state

    def find_cameras(self) -> list[CameraChoice]:
        """The cameras on this machine; the one the till uses is not opened twice."""
        return find_cameras(self.parts.settings.camera)

    def _put_in_force(self, new: Settings, changed: dict[str, Any]) -> None:
        parts = self.parts
        window = parts.window
        cashier = window.cashier
        if "language" in changed:
            window.switch_language(new.language)
        if "theme" in changed:
            parts.set_theme(new.theme)
        if "sound" in changed:
            parts.sound.set_enabled(new.sound)
        if "idle_seconds" in changed:
            cashier.settings.idle_seconds = new.idle_seconds
        if "auto_stamp" in changed:
            cashier.settings.auto_stamp = new.auto_stamp
        if "kiosk" in changed:
            window.set_kiosk(new.kiosk)
        if "printer" in changed:
            parts.set_printer(new.printer)
        if "manager_idle_minutes" in changed:
            window.set_manager_idle_ms(new.manager_idle_minutes * 60_000)
        if "camera" in changed or "resolution" in changed:
            parts.use_camera(new.camera, parse_resolution(new.resolution) or (1280, 720))
        for key, value in changed.items():
            setattr(parts.settings, key, value)

    def borrow_scans(self, on_scan: ScanCallback, window: QWidget) -> Callable[[], None]:
        """The window's camera and USB scanner report to `on_scan`, not to the cashier."""
        return self.parts.borrow_scans(on_scan, window)
