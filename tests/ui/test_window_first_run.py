"""`klipp-window --setup` on an empty data folder: the first-run wizard, then the till."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.till import Till
from ui.window.app import first_run, parse_args


def _drive_the_wizard() -> None:
    from ui.manager.till_page import FirstRunWizard

    [wizard] = [w for w in QApplication.topLevelWidgets()
                if isinstance(w, FirstRunWizard) and w.isVisible()]
    wizard.shop.setText("Kaffebar Åsen")
    wizard.org.setText("Åsen Kaffe AS")
    wizard.next.click()
    wizard.template.setCurrentIndex(wizard.template.findData("cafe"))
    wizard.next.click()
    wizard.pin1.setText("2468")
    wizard.pin2.setText("2468")
    wizard.next.click()
    wizard.next.click()  # no pairing: start the till


def test_an_empty_folder_starts_with_the_wizard_and_ends_set_up(qapp: Any, tmp_path: Path
                                                                ) -> None:
    # English and light, as the other window tests expect them after this one.
    args = parse_args(["--data-dir", str(tmp_path / "new"), "--setup", "--no-camera",
                       "--lang", "en", "--theme", "light"])
    QTimer.singleShot(0, _drive_the_wizard)
    assert first_run(qapp, args) is True
    till = Till.open(tmp_path / "new")
    try:
        info = till.info()
        assert info.set_up and info.shop.name == "Kaffebar Åsen"
        assert info.program.stamp_card is not None
        till.verify_pin("2468")
    finally:
        till.close()
    # A till that has its shop opens straight away: no wizard.
    assert first_run(qapp, args) is True
    assert not [w for w in QApplication.topLevelWidgets()
                if type(w).__name__ == "FirstRunWizard" and w.isVisible()]


def test_closing_the_wizard_opens_nothing(qapp: Any, tmp_path: Path) -> None:
    from ui.manager.till_page import FirstRunWizard

    def close_it() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, FirstRunWizard) and w.isVisible():
                w.close()

    args = parse_args(["--data-dir", str(tmp_path / "new"), "--setup", "--no-camera",
                       "--lang", "en", "--theme", "light"])
    QTimer.singleShot(0, close_it)
    assert first_run(qapp, args) is False
