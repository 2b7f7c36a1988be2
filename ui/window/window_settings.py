"""The window's own preferences (not ledger data), kept in window.json in the data folder.

The back office's Settings page edits them through a port (ui/manager/settings_port.py);
the window reads them at start. A flag given on the command line wins for that run only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from kiosk.numbers import whole_number

FILE_NAME = "window.json"
LANGUAGES = ("nb", "sv", "en")
THEMES = ("light", "dark")
RESOLUTIONS = ("640x480", "1280x720", "1920x1080")
NO_CAMERA = "none"
IDLE_SECONDS = (10, 600)  # the cashier's screen back to its start after this long
MANAGER_IDLE_MINUTES = (1, 60)  # the back office locks itself after this long
# usb:VID:PID (hex), net:HOST[:PORT], file:PATH; empty means no printer.
PRINTER_SPEC = re.compile(
    r"^(usb:[0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,4}|net:[A-Za-z0-9.\-]+(:\d{1,5})?|file:/.+|dummy)$")
_STORED = ("language", "theme", "auto_stamp", "idle_seconds", "kiosk", "sound", "camera",
           "resolution", "printer", "manager_idle_minutes")


@dataclass
class Settings:
    """What a shop chooses for its till's window; every field is kept in window.json."""

    language: str = "nb"
    theme: str = "light"
    auto_stamp: bool = False
    idle_seconds: int = 45
    kiosk: bool = False
    sound: bool = True
    camera: str = "0"  # an index, a device path, or NO_CAMERA
    resolution: str = "1280x720"
    printer: str = ""  # an ESC/POS printer spec (PRINTER_SPEC), empty for none
    manager_idle_minutes: int = 3
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Settings:
        """The settings in `folder`'s window.json; defaults for what is missing or unreadable."""
        path = folder / FILE_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        loaded = cls()
        for key in _STORED:
            if key in data:
                setattr(loaded, key, data[key])
        # A hand-edited or older file must not start a broken till: bad values fall back.
        for key in loaded.problems():
            setattr(loaded, key, getattr(cls(), key))
        return loaded

    def save(self, folder: Path) -> None:
        """Write window.json in `folder` (whole file at once, so a crash leaves old or new)."""
        path = folder / FILE_NAME
        data = {key: getattr(self, key) for key in _STORED}
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    def problems(self) -> list[str]:
        """The names of fields whose values the window cannot use (empty when all are fine)."""
        bad = []
        checks = {
            "language": self.language in LANGUAGES,
            "theme": self.theme in THEMES,
            "auto_stamp": isinstance(self.auto_stamp, bool),
            "kiosk": isinstance(self.kiosk, bool),
            "sound": isinstance(self.sound, bool),
            "idle_seconds": _in_range(self.idle_seconds, IDLE_SECONDS),
            "manager_idle_minutes": _in_range(self.manager_idle_minutes, MANAGER_IDLE_MINUTES),
            "camera": isinstance(self.camera, str) and bool(self.camera.strip()),
            "resolution": parse_resolution(self.resolution) is not None,
            "printer": isinstance(self.printer, str) and (
                not self.printer or PRINTER_SPEC.match(self.printer) is not None),
        }
        for name, ok in checks.items():
            if not ok:
                bad.append(name)
        return bad

    def changed_from(self, other: Settings) -> dict[str, Any]:
        """The stored fields whose values differ from `other`'s."""
        return {key: getattr(self, key) for key in _STORED
                if getattr(self, key) != getattr(other, key)}

    def copy(self) -> Settings:
        """An independent copy (the page edits one, the window keeps its own)."""
        return Settings(**{f.name: getattr(self, f.name) for f in fields(self)
                           if f.name != "extra"}, extra=dict(self.extra))


def _in_range(value: object, bounds: tuple[int, int]) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and \
        bounds[0] <= value <= bounds[1]


def parse_resolution(text: object) -> tuple[int, int] | None:
    """'1280x720' as (1280, 720); None for anything that is not a sensible size."""
    if not isinstance(text, str):
        return None
    width, sep, height = text.partition("x")
    w, h = whole_number(width), whole_number(height)
    if not sep or w is None or h is None:
        return None
    return (w, h) if 160 <= w <= 7680 and 120 <= h <= 4320 else None


def save_changes(folder: Path, changed: dict[str, Any]) -> None:
    """Write only `changed` into window.json, keeping the rest as stored (not per-run flags)."""
    stored = Settings.load(folder)
    for key, value in changed.items():
        setattr(stored, key, value)
    stored.save(folder)
