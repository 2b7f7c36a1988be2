"""Light and dark themes: style sheets in assets/themes, applied to the whole application."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES_DIR = Path(__file__).resolve().parents[2] / "assets" / "themes"
THEMES = ("light", "dark")


def apply_theme(app: QApplication, name: str) -> str:
    """Apply a theme by name (unknown names fall back to light); returns the name used."""
    name = name if name in THEMES else "light"
    app.setStyle("Fusion")
    palette = QPalette()
    if name == "dark":
        # Custom-painted widgets (the stamp card) read the palette, not the style sheet.
        for role, colour in ((QPalette.ColorRole.Window, "#15181c"),
                             (QPalette.ColorRole.Base, "#1e252b"),
                             (QPalette.ColorRole.Text, "#eceff1"),
                             (QPalette.ColorRole.WindowText, "#eceff1"),
                             (QPalette.ColorRole.Mid, "#455a64"),
                             (QPalette.ColorRole.Button, "#263238"),
                             (QPalette.ColorRole.ButtonText, "#eceff1")):
            palette.setColor(role, QColor(colour))
    else:
        for role, colour in ((QPalette.ColorRole.Window, "#f6f4ef"),
                             (QPalette.ColorRole.Base, "#ffffff"),
                             (QPalette.ColorRole.Text, "#1b1b1b"),
                             (QPalette.ColorRole.WindowText, "#1b1b1b"),
                             (QPalette.ColorRole.Mid, "#b9b0a3")):
            palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    app.setStyleSheet((THEMES_DIR / f"{name}.qss").read_text(encoding="utf-8"))
    return name
