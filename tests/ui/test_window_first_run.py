"""`klipp-window --setup` on an empty data folder: the first-run wizard, then the till."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.till import Till
from ui.window.app import first_run, parse_args


def _visible_wizards() -> list[Any]:
    from ui.manager.till_page import FirstRunWizard

    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, FirstRunWizard) and w.isVisible()]


def _guarded(drive: Any, problems: list[BaseException]) -> Any:
    """Run `drive` from the wizard's own loop; if it fails, close the wizard so the loop ends.

    An exception in a timer callback never reaches the test, and a wizard left open keeps
    `first_run` waiting in a loop where pytest's timeout cannot interrupt it: the run would
    hang instead of failing.
    """

    def run() -> None:
        try:
            drive()
        except BaseException as exc:
            problems.append(exc)
            for w in _visible_wizards():
                w.close()

    return run


def _drive_the_wizard() -> None:
    [wizard] = _visible_wizards()
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
    problems: list[BaseException] = []
    QTimer.singleShot(0, _guarded(_drive_the_wizard, problems))
    # A last resort: a wizard the driver never reached is closed, never waited on forever.
    QTimer.singleShot(60_000, lambda: [w.close() for w in _visible_wizards()])
    done = first_run(qapp, args)
    assert not problems, problems
    assert done is True
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
    def close_it() -> None:
        [wizard] = _visible_wizards()
        wizard.close()

    args = parse_args(["--data-dir", str(tmp_path / "new"), "--setup", "--no-camera",
                       "--lang", "en", "--theme", "light"])
    problems: list[BaseException] = []
    QTimer.singleShot(0, _guarded(close_it, problems))
    assert first_run(qapp, args) is False
    assert not problems, problems
