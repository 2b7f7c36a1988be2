"""The till: what it is, how sync stands (conflicts in words), pairing with a server from
the screen, and the manager PIN. Also the first-run wizard for a till with no shop."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.programs import TEMPLATES
from ui.manager.common import Page, title
from ui.window.ops import OpRunner, describe_failure
from ui.window.widgets import TOUCH, keyboard_button

CURRENCIES = ("NOK", "SEK", "DKK", "EUR")
ZONES = ("Europe/Oslo", "Europe/Stockholm", "Europe/Copenhagen", "Europe/Helsinki")


def template_help(name: str) -> str:
    """One line on a programme template, from the core's own description of it."""
    doc = (TEMPLATES[name].__doc__ or "").strip().splitlines()
    return doc[0] if doc else name


class TillPage(Page):
    """Shop, programme version, device; sync health; pairing; a new manager PIN."""

    paired = Signal(object)
    loaded = Signal(object)  # (TillInfo, Standing)

    def __init__(self, ops: Any, formats: Any, info: Any, parent: QWidget | None = None
                 ) -> None:
        super().__init__(ops, formats, info, parent)
        self._shown = False
        self.about = QLabel()
        self.health = QLabel()
        self.health.setWordWrap(True)
        self.conflicts = QLabel()
        self.conflicts.setWordWrap(True)
        self.ask_conflicts = QPushButton(Q.translate("manager", "Ask the server for conflicts"))
        self.ask_conflicts.clicked.connect(self.load_conflicts)
        self.server = QLineEdit()
        self.server.setPlaceholderText("https://klipp.example.no")
        self.code = QLineEdit()
        self.code.setPlaceholderText(Q.translate("manager", "one-time pairing code"))
        self.replace = QCheckBox(
            Q.translate(
                "manager",
                "This till already has a shop: replace it with the "
                "server's (waiting events are exported first)",
            )
        )
        self.pair_button = QPushButton(Q.translate("manager", "Pair with the server"))
        self.pair_button.clicked.connect(self.pair)
        self.pin_old, self.pin_new = QLineEdit(), QLineEdit()
        for w in (self.pin_old, self.pin_new):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_button = QPushButton(Q.translate("manager", "Change PIN"))
        self.pin_button.clicked.connect(self.change_pin)
        pair = QFormLayout()
        pair.addRow(Q.translate("manager", "Server address"), self.server)
        pair.addRow(Q.translate("manager", "Pairing code"), self.code)
        pair.addRow("", self.replace)
        pair.addRow("", self.pair_button)
        pin = QFormLayout()
        pin.addRow(Q.translate("manager", "Current PIN"), self.pin_old)
        pin.addRow(Q.translate("manager", "New PIN"), self.pin_new)
        pin.addRow("", self.pin_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title(Q.translate("manager", "This till")))
        layout.addWidget(self.about)
        layout.addWidget(title(Q.translate("manager", "Sync")))
        layout.addWidget(self.health)
        row = QHBoxLayout()
        row.addWidget(self.ask_conflicts)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.conflicts)
        layout.addWidget(title(Q.translate("manager", "Pair with a central server")))
        layout.addLayout(pair)
        layout.addWidget(title(Q.translate("manager", "Manager PIN")))
        layout.addLayout(pin)
        layout.addStretch(1)

    def first_show(self) -> None:
        if not self._shown:
            self._shown = True
            self.refresh()

    def refresh(self) -> None:
        self.run(lambda till: (till.info(), till.sync.standing()), self._loaded, label="till")

    def _loaded(self, result: Any) -> None:
        info, standing = result
        self.info = info
        self.about.setText(
            Q.translate(
                "manager",
                "{0} ({1})\nCurrency {2}, time zone {3}\nProgramme “{4}”, version {5}\nDevice {6}",
            ).format(
                info.shop.name,
                info.org.name if info.org else "",
                info.shop.currency,
                info.shop.timezone,
                info.program.name,
                info.program_version,
                info.device_id,
            )
        )
        if standing.paired:
            self.health.setText(
                Q.translate("manager", "Paired with {0}. {1} events waiting to be sent.").format(
                    standing.server_url, standing.waiting
                )
            )
        else:
            self.health.setText(
                Q.translate(
                    "manager", "Standalone till: not paired with a server. {0} events kept here."
                ).format(standing.waiting)
            )
        self.ask_conflicts.setEnabled(standing.paired)
        self.loaded.emit(result)

    def load_conflicts(self) -> None:
        """The balance conflicts the server flags, in words, with the members concerned."""
        def ask(till: Any) -> list[str]:
            from sync.client import client_for

            lines = []
            for c in client_for(till).conflicts().conflicts:
                try:
                    name = till.member(str(c.member_id)).name or Q.translate("manager", "(erased)")
                except Exception:  # noqa: BLE001 - a member not on this till yet
                    name = str(c.member_id)
                lines.append(
                    Q.translate(
                        "manager",
                        "{0}: redeemed on two offline tills; the balance went below "
                        "zero ({1} stamps, {2} points). Talk to the member or correct "
                        "the balance under Members.",
                    ).format(name, c.stamps, c.points)
                )
            return lines

        self.run(
            ask,
            lambda lines: self.conflicts.setText(
                "\n".join(lines) or Q.translate("manager", "No conflicts: every balance adds up.")
            ),
            label="conflicts",
        )

    def pair(self) -> None:
        """Enrol with the server from the screen (the core's safeguards for waiting events)."""
        url, code, confirm = self.server.text().strip(), self.code.text().strip(), \
            self.replace.isChecked()
        if not url or not code:
            self.message.emit(
                "error", Q.translate("manager", "Type the server address and the pairing code.")
            )
            return

        def enrol_(till: Any) -> Any:
            from sync.enrol import enrol

            done = enrol(till, server_url=url, pairing_code=code, confirm=confirm)
            till.reload_identity()
            return done

        def done(enrolled: Any) -> None:
            self.message.emit(
                "success",
                Q.translate("manager", "Paired: this till is now {0} of {1}.").format(
                    enrolled.shop_name, enrolled.org_name
                ),
            )
            self.code.clear()
            self.paired.emit(enrolled)
            self.refresh()

        self.run(enrol_, done, label="pair")

    def change_pin(self) -> None:
        old, new = self.pin_old.text(), self.pin_new.text()
        if not new.isdigit() or not 4 <= len(new) <= 8:
            self.message.emit("error", Q.translate("manager", "A PIN is 4 to 8 digits."))
            return

        def change(till: Any) -> None:
            till.verify_pin(old)
            till.set_pin(new)

        def done(_r: Any) -> None:
            self.pin_old.clear()
            self.pin_new.clear()
            self.message.emit("success", Q.translate("manager", "The manager PIN is changed."))

        self.run(change, done, label="change pin")


class FirstRunWizard(QWidget):
    """A new shop in a few steps: shop, currency and time zone, template, PIN, pairing."""

    finished = Signal(object)  # the TillInfo of the ready till
    problem = Signal(str)

    def __init__(self, ops: OpRunner, parent: QWidget | None = None, *,
                 language: str = "nb") -> None:
        super().__init__(parent)
        self.ops = ops
        # The language the wizard speaks is the shop's: the template's rewards, coupons and
        # question are written in it (and stay editable under Programme).
        self.language = language
        self.stack = QStackedWidget()
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        # 1: the shop
        self.org = QLineEdit()
        self.shop = QLineEdit()
        self.currency = QComboBox()
        self.currency.addItems(CURRENCIES)
        self.zone = QComboBox()
        known = available_timezones()
        self.zone.addItems([z for z in ZONES if z in known])
        self.zone.setEditable(True)
        page1 = QWidget()
        f1 = QFormLayout(page1)
        f1.addRow(title(Q.translate("manager", "Welcome to Klipp. Which shop is this?"), "title"))
        f1.addRow(Q.translate("manager", "Shop name"), self.shop)
        f1.addRow(Q.translate("manager", "Company (organisation)"), self.org)
        f1.addRow(Q.translate("manager", "Currency"), self.currency)
        f1.addRow(Q.translate("manager", "Time zone"), self.zone)
        # 2: the programme
        self.template = QComboBox()
        for name in TEMPLATES:
            self.template.addItem(
                {
                    "cafe": Q.translate("manager", "Café stamp card"),
                    "points": Q.translate("manager", "Points shop"),
                    "tiered": Q.translate("manager", "Tiers (bronze, silver, gold)"),
                }.get(name, name),
                name,
            )
        self.template_help = QLabel()
        self.template_help.setWordWrap(True)
        self.template.currentIndexChanged.connect(self._explain)
        page2 = QWidget()
        f2 = QFormLayout(page2)
        f2.addRow(title(Q.translate("manager", "How should members earn?"), "title"))
        f2.addRow(Q.translate("manager", "Start from"), self.template)
        f2.addRow("", self.template_help)
        f2.addRow(
            "", QLabel(Q.translate("manager", "You can change every rule later under Programme."))
        )
        # 3: the PIN
        self.pin1, self.pin2 = QLineEdit(), QLineEdit()
        for w in (self.pin1, self.pin2):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        page3 = QWidget()
        f3 = QFormLayout(page3)
        f3.addRow(title(Q.translate("manager", "The manager PIN (4 to 8 digits)"), "title"))
        f3.addRow(Q.translate("manager", "PIN"), self.pin1)
        f3.addRow(Q.translate("manager", "Again"), self.pin2)
        # 4: pairing (optional)
        self.server = QLineEdit()
        self.code = QLineEdit()
        page4 = QWidget()
        f4 = QFormLayout(page4)
        f4.addRow(title(Q.translate("manager", "Connect to a central server? (optional)"), "title"))
        f4.addRow(Q.translate("manager", "Server address"), self.server)
        f4.addRow(Q.translate("manager", "Pairing code"), self.code)
        f4.addRow("", QLabel(Q.translate("manager", "Leave empty to run this till on its own.")))
        for page in (page1, page2, page3, page4):
            self.stack.addWidget(page)
        self.back = QPushButton(Q.translate("manager", "Back"))
        self.next = QPushButton(Q.translate("manager", "Next"))
        self.next.setProperty("role", "primary")
        self.back.clicked.connect(lambda: self._go(-1))
        self.next.clicked.connect(lambda: self._go(1))
        for button in (self.back, self.next):
            keyboard_button(button)  # Tab reaches them and Enter presses the focused one
            button.setMinimumHeight(TOUCH)  # an owner sets up the shop on the till's screen
        self._first_field = {0: self.shop, 1: self.template, 2: self.pin1, 3: self.server}
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._explain()
        self._go(0)

    def _explain(self) -> None:
        self.template_help.setText(template_help(self.template.currentData() or "cafe"))

    def _go(self, step: int) -> None:
        here = self.stack.currentIndex()
        if step > 0 and not self._valid(here):
            return
        self.error.setText("")
        if step > 0 and here == self.stack.count() - 1:
            self.finish()
            return
        there = max(0, min(self.stack.count() - 1, here + step))
        self.stack.setCurrentIndex(there)
        self._first_field[there].setFocus()
        self.back.setEnabled(there > 0)
        self.next.setText(
            Q.translate("manager", "Start the till")
            if there == self.stack.count() - 1
            else Q.translate("manager", "Next")
        )

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        """Enter in a field is Next (a focused button takes its own Enter); Escape is Back."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.next.isEnabled():
                self._go(1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self._go(-1)
            return
        super().keyPressEvent(event)

    def _valid(self, page: int) -> bool:
        problem = ""
        if page == 0 and not self.shop.text().strip():
            problem = Q.translate("manager", "Give the shop a name.")
        elif page == 2:
            pin = self.pin1.text()
            if not pin.isdigit() or not 4 <= len(pin) <= 8:
                problem = Q.translate("manager", "A PIN is 4 to 8 digits.")
            elif pin != self.pin2.text():
                problem = Q.translate("manager", "The two PINs differ.")
        elif page == 3 and bool(self.server.text().strip()) != bool(self.code.text().strip()):
            problem = Q.translate(
                "manager", "Pairing needs both the server address and the code (or neither)."
            )
        self.error.setText(problem)
        if problem:
            self.problem.emit(problem)
        return not problem

    def finish(self) -> None:
        """Set the till up, set the PIN, pair if asked; then report the ready till."""
        shop = self.shop.text().strip()
        org = self.org.text().strip() or shop
        currency, zone = self.currency.currentText(), self.zone.currentText().strip()
        template, language = self.template.currentData(), self.language
        pin = self.pin1.text()
        url, code = self.server.text().strip(), self.code.text().strip()

        def setup(till: Any) -> Any:
            till.setup(org_name=org, shop_name=shop, template=template, timezone=zone,
                       currency=currency, language=language)
            till.set_pin(pin)
            if url:
                from sync.enrol import enrol

                enrol(till, server_url=url, pairing_code=code, confirm=True)
                till.reload_identity()
            return till.info()

        def failed(exc: BaseException) -> None:
            text = describe_failure(exc)
            self.error.setText(text)
            self.problem.emit(text)
            self.next.setEnabled(True)

        self.next.setEnabled(False)
        self.ops.op(setup, owner=self, label="first run").success(self.finished.emit).failure(
            failed).run_in_background()
