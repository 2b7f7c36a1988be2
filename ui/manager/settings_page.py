"""The till's Settings: camera with a live preview, the scanner test, the receipt printer,
language, theme, sounds, kiosk mode, auto-stamp, idle times and the undo window.

Everything goes through the till's settings port (ui/manager/settings_port.py), which
saves window.json and puts the change in force in the running window; the undo window is
a programme limit, saved the way the Programme page saves it (a new programme version).
Nothing is saved until every field is valid: a bad value gets its message beside the field.
Hardware (finding cameras, printing) runs on threads of its own, never on the GUI thread and
never on the till's writer thread, so a hanging printer cannot hold up a stamp.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KlippError
from kiosk.programs import ConfigProblem, ProgramConfig
from ui.manager.common import Page, title
from ui.manager.settings_port import InvalidSettings, SettingsPort
from ui.window.bridges import ScanHit
from ui.window.cameras import CameraChoice
from ui.window.fmt import refusal_text
from ui.window.ops import describe_failure
from ui.window.widgets import TOUCH, CameraView, big_button
from ui.window.window_settings import (
    IDLE_SECONDS,
    MANAGER_IDLE_MINUTES,
    NO_CAMERA,
    PRINTER_SPEC,
    RESOLUTIONS,
    Settings,
)

log = logging.getLogger("klipp.manager.settings")

SHOWN_SCAN_CHARS = 120  # a scan is untrusted text: shown shortened, as plain text
ERROR_STYLE = "color: #e53935; font-weight: bold;"  # readable on the light and dark themes
def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _say_error(label: QLabel, text: str) -> None:
    """A field's problem beside it, with a mark (colour is never the only signal)."""
    label.setText(f"✖ {text}" if text else "")
    label.setVisible(bool(text))


def _hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def _combo() -> QComboBox:
    combo = QComboBox()
    combo.setMinimumHeight(TOUCH)
    # A long camera name must not widen its column: the three columns share the width.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def _spin(maximum: int, suffix: str) -> QSpinBox:
    # Wider than allowed on purpose: a value out of range gets a message, not a silent clamp.
    spin = QSpinBox()
    spin.setRange(0, maximum)
    spin.setSuffix(suffix)
    spin.setMinimumHeight(TOUCH)
    return spin


def _checkbox(text: str) -> QCheckBox:
    box = QCheckBox(text)
    box.setMinimumHeight(TOUCH)
    return box


def shown_scan(text: str) -> str:
    """Scanned text as it may be shown: printable characters, shortened."""
    clean = "".join(ch if ch.isprintable() else "·" for ch in text)
    if len(clean) > SHOWN_SCAN_CHARS:
        clean = clean[:SHOWN_SCAN_CHARS] + "…"
    return clean


def card_verdict(till: Any, text: str) -> Any:
    """Whose card the scanned text is, by the core's identify: it only reads, never stamps."""
    return till.identify(text, scanned=True).member


class SettingsPage(Page):
    """The till's own settings, put in force at once through the settings port."""

    saved = Signal(object)  # the changed settings (dict); {} when nothing changed
    rejected = Signal(object)  # the fields with problems (list); nothing was changed
    undo_published = Signal(int)  # the undo window (seconds) of a new programme version
    cameras_found = Signal(object)  # list[CameraChoice]
    scan_tested = Signal(str, str)  # shown text, verdict
    printed = Signal(bool, str)  # ok, message

    def __init__(self, ops: Any, formats: Any, info: Any, port: SettingsPort,
                 parent: QWidget | None = None) -> None:
        super().__init__(ops, formats, info, parent)
        self.port = port
        self.values = port.current()
        self.undo_seconds = int(info.program.limits.undo_window_seconds)
        self._found: list[CameraChoice] | None = None
        self._searching = False
        self._release: Callable[[], None] | None = None
        self._printing = False
        # The back office may be dropped mid-test: give the scanner back even then (the
        # holder, not self, is captured: self is gone when `destroyed` arrives).
        holder: list[Callable[[], None] | None] = [None]
        self._borrowed = holder
        self.destroyed.connect(lambda *_: holder[0]() if holder[0] is not None else None)

        # --- camera and preview -------------------------------------------------------
        self.camera = _combo()
        self.resolution = _combo()
        for size in RESOLUTIONS:
            self.resolution.addItem(size.replace("x", " × "), size)
        self.find_button = big_button(Q.translate("manager", "Find cameras"))
        self.find_button.clicked.connect(self.find_cameras)
        self.camera_status = _hint()
        self.preview = CameraView()
        self.preview.setMinimumSize(280, 200)
        self.preview.setFixedHeight(190)
        # --- scanner test -------------------------------------------------------------
        self.test_button = big_button(Q.translate("manager", "Start the scanner test"))
        self.test_button.clicked.connect(self.toggle_scanner_test)
        self.test_hint = _hint(Q.translate(
            "manager", "Scan any code with the camera or the USB scanner. Nobody gets a "
                       "stamp during the test."))
        self.scan_text = QLabel()
        self.scan_text.setTextFormat(Qt.TextFormat.PlainText)
        self.scan_text.setWordWrap(True)
        self.scan_verdict = QLabel()
        self.scan_verdict.setStyleSheet("font-weight: bold;")
        self.scan_verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.scan_verdict.setWordWrap(True)
        # --- printer ------------------------------------------------------------------
        self.printer = QLineEdit()
        self.printer.setMinimumHeight(TOUCH)
        self.printer.setPlaceholderText(Q.translate("manager", "empty: no receipt printer"))
        self.printer_error = _error_label()
        self.printer_hint = _hint(Q.translate(
            "manager", "usb:04b8:0202 (USB, the printer's vendor and product id), "
                       "net:192.168.1.50 (network) or file:/dev/usb/lp0"))
        self.print_button = big_button(Q.translate("manager", "Test print"))
        self.print_button.clicked.connect(self.test_print)
        self.print_status = _hint()
        # --- the cashier's screen -----------------------------------------------------
        self.language = _combo()
        for code, name in (("nb", "Norsk bokmål"), ("sv", "Svenska"), ("en", "English")):
            self.language.addItem(name, code)
        self.theme = _combo()
        self.theme.addItem(Q.translate("manager", "Light"), "light")
        self.theme.addItem(Q.translate("manager", "Dark"), "dark")
        self.sound = _checkbox(Q.translate("manager", "Sounds"))
        self.sound_hint = _hint(Q.translate(
            "manager", "A sound on every stamp, reward and refusal (the screen always says it "
                       "too)."))
        self.kiosk = _checkbox(Q.translate("manager", "Kiosk mode"))
        self.kiosk_hint = _hint(Q.translate(
            "manager", "Full screen; closing the till needs the manager PIN."))
        self.auto_stamp = _checkbox(Q.translate("manager", "Auto-stamp"))
        self.auto_hint = _hint(Q.translate(
            "manager", "The scan itself gives the visit's stamp: within the programme's stamps "
                       "per visit, never twice for a card held in view, and with a large Undo "
                       "on the cashier's screen for the undo window."))
        self.idle = _spin(9999, Q.translate("manager", " s"))
        self.idle_error = _error_label()
        self.manager_idle = _spin(999, Q.translate("manager", " min"))
        self.manager_idle_error = _error_label()
        self.undo = _spin(999_999, Q.translate("manager", " s"))
        self.undo_error = _error_label()
        self.undo_hint = _hint(Q.translate(
            "manager", "A programme rule: a new undo window is published as a programme "
                       "version."))
        self.save_button = big_button(Q.translate("manager", "Save and use now"), role="primary")
        self.save_button.clicked.connect(self.save)
        self._layout()
        self.show_values(self.values, self.undo_seconds)
        self._connect_preview()
        self._camera_items()

    def _layout(self) -> None:
        # Three columns, so a 1280 x 800 screen shows every setting without scrolling.
        camera = QVBoxLayout()
        camera.addWidget(title(Q.translate("manager", "Camera")))
        camera.addWidget(self.camera)
        row = QHBoxLayout()
        row.addWidget(self.resolution, 1)
        row.addWidget(self.find_button, 1)
        camera.addLayout(row)
        camera.addWidget(self.camera_status)
        camera.addWidget(self.preview)
        camera.addWidget(title(Q.translate("manager", "Scanner test")))
        camera.addWidget(self.test_hint)
        camera.addWidget(self.test_button)
        camera.addWidget(self.scan_text)
        camera.addWidget(self.scan_verdict)
        camera.addStretch(1)

        middle = QVBoxLayout()
        middle.addWidget(title(Q.translate("manager", "Receipt printer")))
        middle.addWidget(self.printer)
        middle.addWidget(self.printer_error)
        middle.addWidget(self.printer_hint)
        middle.addWidget(self.print_button)
        middle.addWidget(self.print_status)
        middle.addWidget(title(Q.translate("manager", "Idle times and undo")))
        for text, spin, error in (
                (Q.translate("manager", "The cashier's screen goes back to the start after"),
                 self.idle, self.idle_error),
                (Q.translate("manager", "The back office locks itself after"),
                 self.manager_idle, self.manager_idle_error),
                (Q.translate("manager", "Undo window"), self.undo, self.undo_error)):
            label = QLabel(text)
            label.setWordWrap(True)
            middle.addWidget(label)
            middle.addWidget(spin)
            middle.addWidget(error)
        middle.addWidget(self.undo_hint)
        middle.addStretch(1)

        screen = QVBoxLayout()
        screen.addWidget(title(Q.translate("manager", "The cashier's screen")))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(Q.translate("manager", "Language"), self.language)
        form.addRow(Q.translate("manager", "Theme"), self.theme)
        screen.addLayout(form)
        for box, hint in ((self.sound, self.sound_hint), (self.kiosk, self.kiosk_hint),
                          (self.auto_stamp, self.auto_hint)):
            screen.addWidget(box)
            screen.addWidget(hint)
        screen.addStretch(1)

        inner = QWidget()
        columns = QHBoxLayout(inner)
        for i, column in enumerate((camera, middle, screen)):
            if i:
                columns.addSpacing(20)
            columns.addLayout(column, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.save_button)

    # --- values in and out ----------------------------------------------------------------

    def show_values(self, values: Settings, undo_seconds: int) -> None:
        """Fill the fields from settings and the programme's undo window."""
        self.resolution.setCurrentIndex(max(0, self.resolution.findData(values.resolution)))
        self.printer.setText(values.printer)
        self.language.setCurrentIndex(max(0, self.language.findData(values.language)))
        self.theme.setCurrentIndex(max(0, self.theme.findData(values.theme)))
        self.sound.setChecked(values.sound)
        self.kiosk.setChecked(values.kiosk)
        self.auto_stamp.setChecked(values.auto_stamp)
        self.idle.setValue(values.idle_seconds)
        self.manager_idle.setValue(values.manager_idle_minutes)
        self.undo.setValue(undo_seconds)

    def collect(self) -> Settings:
        """The settings as the fields stand (not checked)."""
        new = self.values.copy()
        new.camera = self.camera.currentData() or self.values.camera
        new.resolution = self.resolution.currentData() or self.values.resolution
        new.printer = self.printer.text().strip()
        new.language = self.language.currentData()
        new.theme = self.theme.currentData()
        new.sound = self.sound.isChecked()
        new.kiosk = self.kiosk.isChecked()
        new.auto_stamp = self.auto_stamp.isChecked()
        new.idle_seconds = self.idle.value()
        new.manager_idle_minutes = self.manager_idle.value()
        return new

    def check(self, new: Settings, undo_seconds: int) -> dict[str, str]:
        """Each field's problem in words, shown beside it; empty when all can be saved."""
        problems: dict[str, str] = {}
        low, high = IDLE_SECONDS
        if not low <= new.idle_seconds <= high:
            problems["idle_seconds"] = Q.translate(
                "manager", "Choose between {0} and {1} seconds.").format(low, high)
        low, high = MANAGER_IDLE_MINUTES
        if not low <= new.manager_idle_minutes <= high:
            problems["manager_idle_minutes"] = Q.translate(
                "manager", "Choose between {0} and {1} minutes.").format(low, high)
        if new.printer and not PRINTER_SPEC.match(new.printer):
            problems["printer"] = Q.translate(
                "manager", "Write the printer as usb:VID:PID, net:ADDRESS or file:/PATH, "
                           "or leave it empty.")
        if undo_seconds != self.undo_seconds and self._undo_config(undo_seconds) is None:
            problems["undo"] = Q.translate(
                "manager", "The programme does not allow an undo window of {0} seconds.").format(
                undo_seconds)
        for name in new.problems():
            problems.setdefault(name, Q.translate("manager", "This value cannot be used."))
        self._show_problems(problems)
        return problems

    def _show_problems(self, problems: dict[str, str]) -> None:
        for name, label in (("idle_seconds", self.idle_error),
                            ("manager_idle_minutes", self.manager_idle_error),
                            ("printer", self.printer_error), ("undo", self.undo_error)):
            text = problems.get(name, "")
            _say_error(label, text)

    def _undo_config(self, seconds: int) -> ProgramConfig | None:
        config = self.info.program.model_dump(mode="json")
        config.setdefault("limits", {})["undo_window_seconds"] = seconds
        try:
            return ProgramConfig.model_validate(config)
        except ConfigProblem:
            return None

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        """Check every field; save and put in force only when all are valid."""
        new = self.collect()
        undo_seconds = self.undo.value()
        problems = self.check(new, undo_seconds)
        if problems:
            self.message.emit("error", Q.translate(
                "manager", "Nothing was changed: see the marked fields."))
            self.rejected.emit(sorted(problems))
            return
        try:
            changed = self.port.apply(new)
        except InvalidSettings as exc:
            self.check(new, undo_seconds)
            self.message.emit("error", Q.translate(
                "manager", "Nothing was changed: see the marked fields."))
            self.rejected.emit(exc.fields)
            return
        except OSError as exc:
            self.message.emit("error", Q.translate(
                "manager", "The settings could not be saved ({0}); nothing was changed.").format(
                exc.strerror or exc))
            self.rejected.emit(["file"])
            return
        self.values = new
        if undo_seconds != self.undo_seconds:
            self._publish_undo(undo_seconds, changed)
            return
        self._saved(changed)

    def _saved(self, changed: dict[str, Any], version: int | None = None) -> None:
        if version is not None:
            text = Q.translate(
                "manager", "Saved and in use; the undo window is in programme version {0}."
            ).format(version)
        elif not changed:
            text = Q.translate("manager", "Nothing to save: the settings are as they were.")
        elif "language" in changed:
            text = Q.translate(
                "manager", "Saved and in use. The back office speaks the new language the "
                           "next time it is opened.")
        else:
            text = Q.translate("manager", "Saved and in use.")
        self.message.emit("success", text)
        self.saved.emit(changed)

    def _publish_undo(self, seconds: int, changed: dict[str, Any]) -> None:
        def publish(till: Any) -> Any:
            # The programme as it stands now (another page or till may have published).
            config = till.info().program.model_dump(mode="json")
            config.setdefault("limits", {})["undo_window_seconds"] = seconds
            return till.publish_program(ProgramConfig.model_validate(config)), till.info()

        def done(result: Any) -> None:
            published, info = result
            self.info = info
            self.undo_seconds = seconds
            self.undo_published.emit(seconds)
            self._saved({**changed, "undo_window_seconds": seconds}, published.version)

        def failed(exc: BaseException) -> None:
            _say_error(self.undo_error, describe_failure(exc))
            self.message.emit("error", Q.translate(
                "manager", "The other settings are saved; the undo window was not: {0}").format(
                describe_failure(exc)))
            self.saved.emit(changed)

        self.run(publish, done, failed=failed, label="publish undo window")

    def reload_undo_window(self) -> None:
        """Read the undo window again (the Programme page published a version)."""
        def loaded(info: Any) -> None:
            self.info = info
            self.undo_seconds = int(info.program.limits.undo_window_seconds)
            self.undo.setValue(self.undo_seconds)
            _say_error(self.undo_error, "")

        self.run(lambda till: till.info(), loaded, label="undo window")

    # --- camera ---------------------------------------------------------------------------

    def first_show(self) -> None:
        """The cameras are looked for when the page is first shown (it takes a moment)."""
        if self._found is None and not self._searching:
            self.find_cameras()

    def find_cameras(self) -> None:
        """Look for cameras on a thread of its own; the list fills in when done."""
        if self._searching:
            return
        self._searching = True
        self.find_button.setEnabled(False)
        self.camera_status.setText(Q.translate("manager", "Looking for cameras…"))
        self.ops.device(self.port.find_cameras, owner=self, label="find cameras") \
            .success(self._cameras_found).failure(self._search_failed).run_in_background()

    def _cameras_found(self, found: list[CameraChoice]) -> None:
        self._searching = False
        self._found = list(found)
        self.find_button.setEnabled(True)
        self._camera_items()
        if found:
            self.camera_status.setText(
                Q.translate("manager", "Cameras found: {0}.").format(len(found)))
        else:
            self.camera_status.setText(Q.translate(
                "manager", "No camera found on this till. The USB scanner and typing work "
                           "without one; plug a camera in and press Find cameras."))
        self.cameras_found.emit(self._found)

    def _search_failed(self, exc: BaseException) -> None:
        self._searching = False
        self.find_button.setEnabled(True)
        log.warning("looking for cameras failed: %s", exc)
        self.camera_status.setText(
            Q.translate("manager", "The cameras could not be listed ({0}).").format(
                type(exc).__name__))
        self.cameras_found.emit([])

    def _camera_items(self) -> None:
        chosen = self.camera.currentData() or self.values.camera
        self.camera.clear()
        self.camera.addItem(Q.translate("manager", "No camera"), NO_CAMERA)
        listed = {NO_CAMERA}
        for choice in self._found or []:
            label = choice.label or Q.translate("manager", "Camera {0}").format(choice.value)
            self.camera.addItem(label, choice.value)
            listed.add(choice.value)
        for value in (self.values.camera, chosen):
            if value not in listed:
                # The till's own choice stays choosable even when it is unplugged now.
                text = (Q.translate("manager", "Camera {0} (not found now)") if
                        self._found is not None else Q.translate("manager", "Camera {0}"))
                self.camera.addItem(text.format(value), value)
                listed.add(value)
        self.camera.setCurrentIndex(max(0, self.camera.findData(chosen)))

    def _connect_preview(self) -> None:
        feed = self.port.preview
        if feed is not None:
            feed.frame.connect(self.preview.show_frame)
            feed.camera_state.connect(self.camera_state_changed)
        self.camera_state_changed(*self.port.camera_state())

    def camera_state_changed(self, state: str, detail: str) -> None:
        """The camera's state as the till hears it: the preview says calmly when there is none."""
        if state in ("running", "starting") and self.port.preview is not None:
            self.preview.calm_message = ""
            self.preview.update()
        elif state != "finished":  # a video that ran out keeps its last picture
            self.preview.show_calm(Q.translate("manager", "No camera picture"))

    # --- scanner test ---------------------------------------------------------------------

    def toggle_scanner_test(self) -> None:
        """Start or stop the scanner test."""
        if self._release is None:
            self.start_scanner_test()
        else:
            self.stop_scanner_test()

    def start_scanner_test(self) -> None:
        """Scans come here instead of to the cashier until the test stops."""
        if self._release is not None:
            return
        self._release = self.port.borrow_scans(self._test_scan, self.window())
        self._borrowed[0] = self._release
        self.test_button.setText(Q.translate("manager", "Stop the scanner test"))
        self.scan_text.setText(Q.translate("manager", "Waiting for a scan…"))
        self.scan_verdict.setText("")

    def stop_scanner_test(self) -> None:
        """Scans go to the cashier again."""
        release, self._release = self._release, None
        self._borrowed[0] = None
        if release is not None:
            release()
        self.test_button.setText(Q.translate("manager", "Start the scanner test"))

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        # Another tab, or the back office closing: the cashier gets the scanner back.
        self.stop_scanner_test()
        super().hideEvent(event)

    def _test_scan(self, hit: ScanHit) -> None:
        if self._release is None:
            return
        if hit.outline:
            self.preview.flash(hit.outline)
        source = {"camera": Q.translate("manager", "Camera"),
                  "video": Q.translate("manager", "Camera"),
                  "usb": Q.translate("manager", "USB scanner")}.get(
            hit.source, Q.translate("manager", "Typed"))
        shown = shown_scan(hit.text)
        self.scan_text.setText(Q.translate("manager", "{0}: {1}").format(source, shown))
        self.scan_verdict.setText(Q.translate("manager", "Checking…"))
        text = hit.text

        def done(member: Any) -> None:
            name = (member.name or Q.translate("manager", "a member without a name")) \
                if member is not None else ""
            verdict = (Q.translate("manager", "A card of this shop: {0}. Nobody got a stamp.")
                       .format(name) if member is not None else
                       Q.translate("manager", "Not a loyalty card."))
            self.scan_verdict.setText(verdict)
            self.scan_tested.emit(shown, verdict)

        def failed(exc: BaseException) -> None:
            words = refusal_text(exc) if isinstance(exc, KlippError) else describe_failure(exc)
            verdict = Q.translate("manager", "Not a card of this shop: {0}").format(words)
            self.scan_verdict.setText(verdict)
            self.scan_tested.emit(shown, verdict)

        self.run(lambda till: card_verdict(till, text), done, failed=failed,
                 label="scanner test")

    # --- printer --------------------------------------------------------------------------

    def test_print(self) -> None:
        """Print a test card on the printer as typed (saved or not), off the GUI thread."""
        spec = self.printer.text().strip()
        if not spec:
            self._show_problems({"printer": Q.translate(
                "manager", "Type the printer's address first.")})
            return
        if not PRINTER_SPEC.match(spec):
            self._show_problems({"printer": Q.translate(
                "manager", "Write the printer as usb:VID:PID, net:ADDRESS or file:/PATH, "
                           "or leave it empty.")})
            return
        if self._printing:
            return
        _say_error(self.printer_error, "")
        self._printing = True
        self.print_button.setEnabled(False)
        self.print_status.setText(Q.translate("manager", "Printing…"))
        caption = Q.translate("manager", "Test print")
        self.ops.device(lambda: self.port.test_print(spec, caption), owner=self,
                        label="test print") \
            .success(self._printed).failure(self._print_failed).run_in_background()

    def _printed(self, _result: Any) -> None:
        self._printing = False
        self.print_button.setEnabled(True)
        text = Q.translate("manager", "Sent to the printer. A card with the shop's name and a "
                                      "QR code should come out.")
        self.print_status.setText(text)
        self.printed.emit(True, text)

    def _print_failed(self, exc: BaseException) -> None:
        self._printing = False
        self.print_button.setEnabled(True)
        detail = " ".join(str(exc).split()) or type(exc).__name__
        text = Q.translate("manager", "The printer did not print: {0}").format(detail)
        self.print_status.setText(f"✖ {text}")
        self.message.emit("error", text)
        self.printed.emit(False, text)
