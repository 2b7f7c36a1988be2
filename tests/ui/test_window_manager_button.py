"""The manager's back office opens from the cashier's screen, behind the PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.till import Till


def test_the_manager_button_opens_the_pin_window_and_the_wedge_leaves_it_alone(
        harness, till: Till) -> None:
    h = harness()
    h.qtbot.mouseClick(h.window.manager_button, Qt.MouseButton.LeftButton)
    shell = h.window.manager
    assert shell is not None and shell.isVisible()
    # The cashier's scanner filter catches scans in the cashier's window only: a manager
    # typing a PIN fast is typing, not a scan.
    assert h.parts.wedge.only_in is h.window
    h.qtbot.mouseClick(h.window.manager_button, Qt.MouseButton.LeftButton)
    assert h.window.manager is shell  # one at a time
    shell.close()
