"""The way into the manager's view: the manager PIN (checked and locked out by the core),
and out again by itself after a few idle minutes.

A cashier never reaches a manager's page without the PIN: the pages are built only after
the core accepted it, and dropped (not hidden) when the view locks.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk.errors import PinRefused
from ui.window.fmt import Formats
from ui.window.ops import OpRunner, describe_failure
from ui.window.widgets import Keypad, big_button, digit_keys

IDLE_MS = 3 * 60 * 1000
_ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.Wheel,
             QEvent.Type.TouchBegin, QEvent.Type.MouseMove}


class ManagerShell(QWidget):
    """A window that asks for the manager PIN, then shows the back office until idle."""

    unlocked = Signal()
    refused = Signal(str)  # the core's words (wrong PIN, locked out for ...)
    locked = Signal()  # the view closed (idle, or the manager left)

    def __init__(self, ops: OpRunner, formats: Formats, *, idle_ms: int = IDLE_MS,
                 settings: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ops = ops
        self.f = formats
        self.settings = settings  # the till's settings port for the Settings page, or None
        self.view: Any = None
        self.setWindowTitle(Q.translate("manager", "Klipp — manager"))
        self.resize(1280, 860)
        self.stack = QStackedWidget()
        self.pin_page = QWidget()
        self.prompt = QLabel(Q.translate("manager", "Manager PIN"))
        self.prompt.setObjectName("title")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel("")
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pad = Keypad(
            digit_keys(), ok_text=Q.translate("manager", "Open"), secret=True, max_length=8
        )
        self.pad.setMaximumWidth(420)
        self.pad.submitted.connect(self._entered)
        self.cancel = big_button(Q.translate("manager", "Back to the till"))
        self.cancel.clicked.connect(self.close)
        column = QVBoxLayout(self.pin_page)
        column.addStretch(1)
        for w in (self.prompt, self.hint):
            column.addWidget(w)
        column.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        self.stack.addWidget(self.pin_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(idle_ms)
        self.idle.timeout.connect(self._idle)
        self._new_pin: str | None = None
        self._has_pin = True
        # Page to page from anywhere in the back office: Qt's own Ctrl+Tab stops in a field
        # that takes Tab itself (a date's day, month and year).
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+PgDown", 1), ("Ctrl+Shift+Tab", -1),
                           ("Ctrl+PgUp", -1)):
            QShortcut(QKeySequence(keys), self).activated.connect(
                lambda step=step: self._step_tab(step))
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.ops.op(lambda till: till.has_pin(), owner=self, label="has pin").success(
            self._pin_state).failure(self._failed).run_in_background()

    # --- the PIN --------------------------------------------------------------------------

    def _pin_state(self, has_pin: bool) -> None:
        self._has_pin = has_pin
        if not has_pin:
            # The first person to open the back office on a till without a PIN chooses it.
            self.prompt.setText(Q.translate("manager", "Choose the manager PIN"))
            self.hint.setText(
                Q.translate(
                    "manager",
                    "No manager PIN is set yet. Choose 4 to 8 digits; you need "
                    "it every time you open the back office.",
                )
            )

    def _entered(self, pin: str) -> None:
        self.pad.clear()
        if not self._has_pin:
            self._choose(pin)
            return
        self.ops.op(lambda till: (till.verify_pin(pin), till.info())[1], owner=self,
                    label="manager pin").success(self._open).failure(
            self._failed).run_in_background()

    def _choose(self, pin: str) -> None:
        if not pin.isdigit() or not 4 <= len(pin) <= 8:
            self._failed(PinRefused(Q.translate("manager", "A PIN is 4 to 8 digits.")))
            return
        if self._new_pin is None:
            self._new_pin = pin
            self.prompt.setText(Q.translate("manager", "Type the same PIN again"))
            return
        if pin != self._new_pin:
            self._new_pin = None
            self.prompt.setText(Q.translate("manager", "Choose the manager PIN"))
            self._failed(PinRefused(Q.translate("manager", "The two PINs differ; start again.")))
            return
        self.ops.op(lambda till: (till.set_pin(pin), till.info())[1], owner=self,
                    label="set pin").success(self._open).failure(
            self._failed).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        text = describe_failure(exc)
        self.hint.setText(text)
        self.refused.emit(text)

    def _open(self, info: Any) -> None:
        from ui.manager.view import ManagerView

        self.view = ManagerView(self.ops, self.f, info, settings=self.settings)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        self.view.tabs.setFocus()  # the tab bar: arrows and Ctrl+Tab go from page to page
        self.hint.setText("")
        self.idle.start()
        self.unlocked.emit()

    def _step_tab(self, step: int) -> None:
        if self.view is None:
            return
        tabs = self.view.tabs
        tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())
        tabs.setFocus()  # on the tab bar: arrows carry on, Tab goes into the page

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        """Escape at the PIN goes back to the till, as its button does."""
        if event.key() == Qt.Key.Key_Escape and self.stack.currentWidget() is self.pin_page:
            self.close()
            return
        super().keyPressEvent(event)

    # --- idle -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self.view is not None and event.type() in _ACTIVITY:
            self.idle.start()
        return False

    def _idle(self) -> None:
        self.close()

    def set_idle_ms(self, ms: int) -> None:
        """Lock after `ms` without a touch, counted from now."""
        self.idle.setInterval(ms)
        if self.view is not None:
            self.idle.start()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.idle.stop()
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None
        self.locked.emit()
        super().closeEvent(event)


def open_manager(parent: QWidget | None, ops: OpRunner, formats: Formats, *,
                 idle_ms: int = IDLE_MS, settings: Any = None) -> ManagerShell:
    """Show the manager's PIN window over `parent`; it becomes the back office once the PIN
    is accepted and closes by itself after `idle_ms` without a touch or a key. `settings`
    is the till's settings port (ui/manager/settings_port.py) for the Settings page; without
    one the page keeps window.json of the till's data folder."""
    shell = ManagerShell(ops, formats, idle_ms=idle_ms, settings=settings, parent=parent)
    shell.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    shell.show()
    shell.pad.display.setFocus()
    return shell
