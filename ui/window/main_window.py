"""The till's main window: the cashier and registration screens, the status line, kiosk mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.clock import to_micros
from kiosk.errors import KlippError
from kiosk.panel import Panel
from ui.window.bridges import ScanHit
from ui.window.cashier import CashierScreen, CashierSettings
from ui.window.fmt import Formats, last_line
from ui.window.i18n import Translations
from ui.window.ops import OpRunner
from ui.window.register import RegisterScreen
from ui.window.sound import Sound
from ui.window.widgets import TOUCH, Keypad, StampCard, big_button, digit_keys, keyboard_button


def sync_error_text(kind: str | None) -> str:
    """Why sync failed, in the shop's language (sync.errors' kinds); empty when it did not."""
    if kind is None:
        return ""
    words = {
        "unreachable": QCoreApplication.translate("sync", "the server cannot be reached"),
        "untrusted": QCoreApplication.translate(
            "sync", "the server's certificate is not trusted; call support"),
        "server_error": QCoreApplication.translate(
            "sync", "the server has a fault; it will be tried again"),
        "revoked": QCoreApplication.translate(
            "sync", "this till's pairing was revoked; a manager must pair it again"),
        "refused": QCoreApplication.translate("sync", "the server refused some actions"),
        "protocol": QCoreApplication.translate(
            "sync", "the server answered something unexpected; call support"),
    }
    return words.get(kind, QCoreApplication.translate("sync", "sync failed"))


def sync_text(state: Any, f: Formats) -> str:
    """How sync stands, calmly, in the shop's language."""
    if state is None:
        return QCoreApplication.translate("sync", "Standalone till (not connected to a server).")
    if not state.paired:
        return QCoreApplication.translate("sync", "Standalone till (not connected to a server).")
    if state.online is None:
        return QCoreApplication.translate(
            "sync", "Connecting to the server… {0} waiting to send.").format(state.waiting)
    if not state.online:
        since = (QCoreApplication.translate("sync", " since {0}").format(f.time(state.since))
                 if state.since else "")
        words = sync_error_text(getattr(state, "error_kind", None))
        error = f" ({words})" if words else ""
        return QCoreApplication.translate(
            "sync", "Offline{0}: {1} waiting to send. The till works as usual.{2}").format(
            since, state.waiting, error)
    return QCoreApplication.translate("sync", "Online: {0} waiting to send.").format(
        state.waiting)


class MainWindow(QMainWindow):
    """Screens stacked in one window; leaving kiosk mode needs the manager PIN."""

    language_changed = Signal(str)
    pin_checked = Signal(bool)

    def __init__(self, ops: OpRunner, info: Any, *, formats: Formats, sound: Sound,
                 translations: Translations, settings: CashierSettings | None = None,
                 kiosk: bool = False, printer: Any = None, theme_switch: Any = None,
                 settings_port: Any = None, manager_idle_ms: int | None = None) -> None:
        """`settings_port`: the back office's way to this window's settings
        (ui/manager/settings_port.py); `manager_idle_ms`: the back office locks after it."""
        super().__init__()
        self.ops = ops
        self.info = info
        self.f = formats
        self.translations = translations
        self.kiosk = kiosk
        self._may_close = not kiosk
        self._theme_switch = theme_switch
        self.settings_port = settings_port
        self.manager_idle_ms = manager_idle_ms
        self.sync_state: Any = None
        self.setWindowTitle(f"Klipp — {info.shop.name}")
        self.cashier = CashierScreen(ops, formats, sound, settings=settings,
                                     program=info.program)
        self.cashier.banner.set_rest_text(info.shop.name)
        self.register = RegisterScreen(ops, info.program, shop_name=info.shop.name,
                                       data_dir=Path(info.data_dir), printer=printer)
        self.pin_page = QWidget()
        self.pin_title = QLabel()
        self.pin_title.setObjectName("title")
        self.pin_pad = Keypad(digit_keys(), ok_text="", secret=True, max_length=8)
        self.pin_pad.submitted.connect(self._pin_entered)
        self.pin_cancel = big_button("")
        self.pin_cancel.clicked.connect(self.show_cashier)
        pin = QVBoxLayout(self.pin_page)
        pin.addWidget(self.pin_title)
        pin.addWidget(self.pin_pad)
        pin.addWidget(self.pin_cancel)
        self.stack = QStackedWidget()
        for screen in (self.cashier, self.register, self.pin_page):
            self.stack.addWidget(screen)
        self.sync_label = QLabel()
        self.sync_label.setObjectName("statusLine")
        self.last_label = QLabel()
        self.last_label.setObjectName("statusLine")
        self.language_buttons: dict[str, QPushButton] = {}
        status = QWidget()
        status.setObjectName("statusBar")
        status.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(status)
        texts = QVBoxLayout()
        texts.addWidget(self.last_label)
        texts.addWidget(self.sync_label)
        row.addLayout(texts, 1)
        for code, label in (("nb", "Norsk"), ("sv", "Svenska"), ("en", "English")):
            button = QPushButton(label)
            button.setMinimumHeight(TOUCH - 16)
            button.clicked.connect(lambda _=False, c=code: self.switch_language(c))
            self.language_buttons[code] = button
            row.addWidget(button)
        self.theme_button = QPushButton()
        self.theme_button.setMinimumHeight(TOUCH - 16)
        self.theme_button.clicked.connect(self._toggle_theme)
        self.theme_button.setVisible(theme_switch is not None)
        row.addWidget(self.theme_button)
        self.manager_button = QPushButton()
        self.manager_button.setMinimumHeight(TOUCH - 16)
        self.manager_button.clicked.connect(self.open_manager)
        row.addWidget(self.manager_button)
        self.manager: Any = None
        self.leave_button = QPushButton()
        self.leave_button.setMinimumHeight(TOUCH - 16)
        self.leave_button.clicked.connect(self.request_leave)
        row.addWidget(self.leave_button)
        for button in (*self.language_buttons.values(), self.theme_button, self.manager_button,
                       self.leave_button):
            keyboard_button(button)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.stack, 1)
        layout.addWidget(status)
        self.setCentralWidget(central)

        self.cashier.register_requested.connect(self.show_register)
        self.cashier.last_changed.connect(self.refresh_last)
        self.register.finished.connect(self._registration_done)
        self.register.registered.connect(lambda _r: self.refresh_last())
        ops.failed.connect(self.cashier.feedback.error)
        self.retranslate()
        self.show_sync(None if not info.paired else self.sync_state)
        self.refresh_last()

    # --- routing -----------------------------------------------------------------------------

    def on_scan(self, hit: ScanHit) -> None:
        """Every scan goes to the cashier screen; during a registration it waits its turn."""
        if self.stack.currentWidget() is self.cashier:
            self.cashier.on_scan(hit)
        elif self.stack.currentWidget() is self.register:
            self.register.banner.show_message(
                "info", self.tr("Finish or cancel the registration before scanning a card."))

    def show_cashier(self) -> None:
        self.stack.setCurrentWidget(self.cashier)
        self.cashier.focus_default()  # the keyboard carries on where the cashier's page starts

    def show_register(self) -> None:
        self.register.start()
        self.stack.setCurrentWidget(self.register)

    def _registration_done(self, member_id: str) -> None:
        self.show_cashier()
        if member_id:
            self.cashier._choose(member_id)

    # --- status line -------------------------------------------------------------------------

    def show_sync(self, state: Any) -> None:
        self.sync_state = state
        self.sync_label.setText(sync_text(state, self.f))

    def refresh_last(self) -> None:
        self.ops.op(lambda till: (till.last_action(), to_micros(till.clock.now())), owner=self,
                    label="last") \
            .success(lambda got: self.last_label.setText(last_line(self.f, *got))) \
            .failure(lambda exc: self.last_label.setText(str(exc))) \
            .run_in_background()

    # --- language, theme ----------------------------------------------------------------------

    def switch_language(self, language: str) -> None:
        self.translations.switch(language)
        from ui.window.fmt import Formats as _Formats

        shop = self.info.shop
        fresh = _Formats(language, currency=shop.currency, timezone=shop.timezone)
        # Formats are shared by the screens: update in place so everyone follows.
        self.f.language, self.f.locale = fresh.language, fresh.locale

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.cashier.retranslate()
            self.register.retranslate()
            self.language_changed.emit(self.translations.language)
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.pin_title.setText(self.tr("Manager PIN to leave the till"))
        self.pin_pad.ok.setText(self.tr("Leave"))
        self.pin_cancel.setText(self.tr("Back to the till"))
        self.theme_button.setText(self.tr("Light / dark"))
        self.leave_button.setText(self.tr("Close the till"))
        self.manager_button.setText(self.tr("Manager"))
        self.show_sync(self.sync_state)
        if self.info is not None:
            self.refresh_last()

    def open_manager(self) -> None:
        """The manager's back office, behind the manager PIN (ui/manager); one at a time."""
        from ui.manager import open_manager

        if self.manager is not None and self.manager.isVisible():
            self.manager.raise_()
            self.manager.activateWindow()
            return
        extra: dict[str, Any] = {}
        if self.manager_idle_ms is not None:
            extra["idle_ms"] = self.manager_idle_ms
        self.manager = open_manager(self, self.ops, self.f, settings=self.settings_port, **extra)
        if self.kiosk:
            self.manager.showFullScreen()
        self.manager.locked.connect(self._manager_closed)

    def set_manager_idle_ms(self, ms: int) -> None:
        """How long the back office stays open without a touch, from now on (and now)."""
        self.manager_idle_ms = ms
        if self.manager is not None and self.manager.isVisible():
            self.manager.set_idle_ms(ms)

    def set_kiosk(self, on: bool) -> None:
        """Kiosk mode on (full screen, leaving needs the manager PIN) or off, at once."""
        self.kiosk = on
        self._may_close = not on
        if not self.isVisible():
            return
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def _manager_closed(self) -> None:
        # A programme or a member may have changed there: the cashier's screen reads anew.
        self.refresh_last()

    def _toggle_theme(self) -> None:
        if self._theme_switch is not None:
            self._theme_switch()

    # --- kiosk mode ---------------------------------------------------------------------------

    def request_leave(self) -> None:
        if not self.kiosk:
            self._may_close = True
            self.close()
            return
        self.pin_pad.clear()
        self.stack.setCurrentWidget(self.pin_page)
        self.pin_pad.display.setFocus()

    def _pin_entered(self, pin: str) -> None:
        self.ops.op(lambda till: till.verify_pin(pin), owner=self, label="pin") \
            .success(lambda _: self._pin_ok()) \
            .failure(self._pin_refused).run_in_background()

    def _pin_ok(self) -> None:
        self.pin_checked.emit(True)
        self._may_close = True
        self.close()

    def _pin_refused(self, exc: BaseException) -> None:
        self.pin_pad.clear()
        self.pin_checked.emit(False)
        self.show_cashier()
        text = str(exc) if isinstance(exc, KlippError) else repr(exc)
        self.cashier.feedback.error(self.tr("The till stays open: {0}").format(text))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._may_close:
            # Alt+F4 or a stray gesture in kiosk mode: only the manager PIN closes the till.
            event.ignore()
            self.request_leave()
            return
        event.accept()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.stack.currentWidget() is self.pin_page:
            self.show_cashier()  # Escape backs out of the PIN, never past it
            return
        if self.kiosk and event.key() == Qt.Key.Key_Escape:
            return  # Escape never leaves the full screen
        super().keyPressEvent(event)


class CustomerWindow(QWidget):
    """The customer's side: their name, progress, and their new card's QR code."""

    def __init__(self, formats: Formats, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.f = formats
        self.setWindowTitle("Klipp")
        self.title = QLabel()
        self.title.setObjectName("customerTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.card = StampCard()
        self.card.setMinimumHeight(180)
        self.card.hide()
        self.detail = QLabel()
        self.detail.setObjectName("customerDetail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.card)
        layout.addWidget(self.detail)
        layout.addWidget(self.qr, 2)
        layout.addStretch(1)
        self._back = QTimer(self)
        self._back.setSingleShot(True)
        self._back.timeout.connect(self.welcome)
        self.welcome()

    def welcome(self) -> None:
        self.title.setText(self.tr("Welcome!"))
        self.detail.setText(self.tr("Show your loyalty card to the cashier."))
        self.qr.clear()
        self.card.hide()

    def show_panel(self, panel: Panel) -> None:
        self.qr.clear()
        self.title.setText(self.tr("Hello, {0}!").format(panel.member.name or ""))
        self.card.setVisible(bool(panel.stamps_for_reward))
        if panel.stamps_for_reward:
            self.card.set_card(panel.stamps, panel.stamps_for_reward)
            left = panel.stamps_for_reward - panel.stamps
            if left > 0:
                self.detail.setText(self.tr("{0} more stamps to a {1}").format(
                    left, (panel.stamp_reward_title or "").lower()))
            else:
                self.detail.setText(self.tr("Your {0} is ready!").format(
                    (panel.stamp_reward_title or "").lower()))
        else:
            self.detail.setText(self.tr("You have {0} points").format(panel.points))
        self._back.start(30_000)

    def show_card(self, code: str, png: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.card.hide()
        self.title.setText(self.tr("Your new card: take a photo"))
        self.detail.setText(" ".join(code[i:i + 4] for i in range(0, len(code), 4)))
        self.qr.setPixmap(pixmap.scaled(480, 480, Qt.AspectRatioMode.KeepAspectRatio))
        self._back.start(60_000)
