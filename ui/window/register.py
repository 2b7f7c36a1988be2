"""New member in under thirty seconds: name, phone, consent, questions; then the card's QR.

Marketing consent is its own box and is never ticked for the customer. After registering,
the card's QR code is shown large for the customer to photograph, and can be saved as a
PDF (QPdfWriter) or printed on a receipt printer when one is configured.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QImage, QKeyEvent, QPageSize, QPainter, QPdfWriter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.cards import render_png
from kiosk.errors import KlippError
from kiosk.members import ConsentGiven, Registration
from ui.window.ops import OpRunner, describe_failure
from ui.window.widgets import TOUCH, Banner, big_button

MARKETING = "marketing_email"


class TouchCheckBox(QCheckBox):
    """A check box that a finger toggles anywhere on its row, not only on the small box."""

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 - Qt's name
        return self.rect().contains(pos)


def card_pdf(path: str | Path, *, code: str, png: bytes, shop: str, name: str) -> Path:
    """An A6 card with the QR code, the member's name and the code in words."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A6))
    writer.setPageMargins(QMarginsF(8, 8, 8, 8))
    writer.setResolution(300)
    writer.setTitle(f"{shop}: {name}")
    painter = QPainter(writer)
    try:
        page = QRectF(painter.viewport())
        font = QFont("Sans", 14)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(0, 0, page.width(), page.height() * 0.12),
                         Qt.AlignmentFlag.AlignCenter, shop)
        image = QImage.fromData(png, "PNG")
        side = min(page.width(), page.height() * 0.62)
        painter.drawImage(QRectF((page.width() - side) / 2, page.height() * 0.13, side, side),
                          image)
        painter.setFont(QFont("Sans", 12))
        painter.drawText(QRectF(0, page.height() * 0.78, page.width(), page.height() * 0.1),
                         Qt.AlignmentFlag.AlignCenter, name)
        painter.setFont(QFont("Monospace", 7))
        painter.drawText(QRectF(0, page.height() * 0.88, page.width(), page.height() * 0.1),
                         Qt.AlignmentFlag.AlignCenter, code)
    finally:
        painter.end()
    return path


class RegisterScreen(QWidget):
    """The registration form and, after it, the new card on screen."""

    registered = Signal(object)  # kiosk.members.Registered
    finished = Signal(str)  # member id to show on the cashier screen ("" when cancelled)
    feedback_shown = Signal(str, str)
    card_shown = Signal(str, bytes)  # code, PNG

    def __init__(self, ops: OpRunner, program: Any, *, shop_name: str, data_dir: Path,
                 printer: Callable[[str, str], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.program = program
        self.shop_name = shop_name
        self.data_dir = data_dir
        self.printer = printer
        self.result: Any = None
        self.png = b""
        self.banner = Banner()
        self.stack = QStackedWidget()
        # The form
        form_page = QWidget()
        self.title = QLabel()
        self.title.setObjectName("title")
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.email = QLineEdit()
        self.birthday = QLineEdit()
        self.birthday.setInputMask("")
        self.membership = TouchCheckBox()
        self.marketing = TouchCheckBox()
        self.marketing.setChecked(False)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(12)
        self.labels = [QLabel() for _ in range(4)]
        for label, field in zip(self.labels, (self.name, self.phone, self.email, self.birthday),
                                strict=True):
            field.setMinimumHeight(TOUCH - 8)
            self.form.addRow(label, field)
        self.questions: dict[str, QComboBox | QLineEdit] = {}
        for q in program.segment_questions:
            if q.choices:
                box = QComboBox()
                box.addItem("", "")
                for choice in q.choices:
                    box.addItem(choice, choice)
                widget: QComboBox | QLineEdit = box
            else:
                widget = QLineEdit()
            widget.setMinimumHeight(TOUCH - 8)
            self.questions[q.id] = widget
            self.form.addRow(QLabel(q.text), widget)
        self.consent_text = QLabel()
        self.consent_text.setObjectName("hint")
        self.consent_text.setWordWrap(True)
        self.save = big_button("", role="primary")
        self.save.clicked.connect(self.submit)
        self.cancel = big_button("")
        self.cancel.clicked.connect(lambda: self.finished.emit(""))
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel, 1)
        buttons.addWidget(self.save, 2)
        form = QVBoxLayout(form_page)
        form.addWidget(self.title)
        form.addLayout(self.form)
        form.addWidget(self.consent_text)
        form.addWidget(self.membership)
        form.addWidget(self.marketing)
        form.addStretch(1)
        form.addLayout(buttons)
        # The new card
        card_page = QWidget()
        self.card_title = QLabel()
        self.card_title.setObjectName("title")
        self.card_title.setWordWrap(True)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(360, 360)
        self.code_label = QLabel()
        self.code_label.setObjectName("hint")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pdf_button = big_button("")
        self.pdf_button.clicked.connect(self.save_pdf)
        self.print_button = big_button("")
        self.print_button.clicked.connect(self.print_card)
        self.print_button.setVisible(printer is not None)
        self.done_button = big_button("", role="primary")
        self.done_button.clicked.connect(self._done)
        card_buttons = QHBoxLayout()
        card_buttons.addWidget(self.pdf_button)
        card_buttons.addWidget(self.print_button)
        card_buttons.addWidget(self.done_button, 2)
        card = QVBoxLayout(card_page)
        card.addWidget(self.card_title)
        card.addWidget(self.qr, 1)
        card.addWidget(self.code_label)
        card.addLayout(card_buttons)
        self.stack.addWidget(form_page)
        self.stack.addWidget(card_page)
        root = QVBoxLayout(self)
        root.addWidget(self.banner)
        root.addWidget(self.stack, 1)
        # Tab in the order the form reads, whatever order the widgets were made in.
        order: list[QWidget] = [self.name, self.phone, self.email, self.birthday,
                                *self.questions.values(), self.membership, self.marketing,
                                self.cancel, self.save, self.pdf_button, self.print_button,
                                self.done_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter in the form registers (a focused button takes its own Enter), Escape
        cancels; on the new card both finish and show the member."""
        key = event.key()
        on_card = self.stack.currentIndex() == 1
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if on_card:
                self._done()
            elif self.save.isEnabled():
                self.submit()
            return
        if key == Qt.Key.Key_Escape:
            if on_card:
                self._done()
            else:
                self.finished.emit("")
            return
        super().keyPressEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("New member"))
        for label, text in zip(self.labels, (self.tr("Name or nickname"), self.tr("Phone"),
                                             self.tr("E-mail (optional)"),
                                             self.tr("Birthday (optional, e.g. 1990-05-17)")),
                               strict=True):
            label.setText(text)
        self.consent_text.setText(self.tr(
            "We keep your name and contact details to run your loyalty card, and delete "
            "them when you ask. Offers by e-mail only if you tick the second box."))
        self.membership.setText(self.tr("I want a loyalty card and accept the terms (required)"))
        self.marketing.setText(self.tr("Send me offers by e-mail (optional)"))
        self.save.setText(self.tr("Register"))
        self.cancel.setText(self.tr("Cancel"))
        self.pdf_button.setText(self.tr("Save as PDF"))
        self.print_button.setText(self.tr("Print"))
        self.done_button.setText(self.tr("Done: show the member"))

    def start(self) -> None:
        """A fresh, empty form (the marketing box unticked)."""
        for field in (self.name, self.phone, self.email, self.birthday):
            field.clear()
        for widget in self.questions.values():
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(0)
            else:
                widget.clear()
        self.membership.setChecked(False)
        self.marketing.setChecked(False)
        self.result = None
        self.banner.show_message("info", self.tr("Fill in the form with the customer."))
        self.stack.setCurrentIndex(0)
        self.name.setFocus()

    def registration(self) -> Registration:
        consents = [ConsentGiven("membership")]
        if self.marketing.isChecked():
            consents.append(ConsentGiven(MARKETING))
        answers = {}
        for qid, widget in self.questions.items():
            value = (widget.currentData() if isinstance(widget, QComboBox)
                     else widget.text().strip())
            if value:
                answers[qid] = value
        return Registration(name=self.name.text(), phone=self.phone.text() or None,
                            email=self.email.text() or None,
                            birthday=self.birthday.text() or None,
                            consents=tuple(consents), segments=answers)

    def _error(self, text: str) -> None:
        self.banner.show_message("error", text)
        self.feedback_shown.emit("error", text)

    def submit(self) -> None:
        if not self.name.text().strip():
            self._error(self.tr("Write a name or a nickname."))
            self.name.setFocus()
            return
        if not self.membership.isChecked():
            self._error(self.tr("The customer must accept the terms to get a card."))
            self.membership.setFocus()
            return
        reg = self.registration()

        def work(till: Any) -> tuple[Any, bytes]:
            registered = till.register(reg)
            code = getattr(registered, "code", None) or registered.card_code
            return registered, render_png(code, box_size=12)

        self.save.setEnabled(False)
        self.ops.op(work, owner=self, label="register") \
            .success(self._registered).failure(self._failed).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        self.save.setEnabled(True)
        self._error(str(exc) if isinstance(exc, KlippError) else describe_failure(exc))

    def _registered(self, result: tuple[Any, bytes]) -> None:
        self.save.setEnabled(True)
        registered, png = result
        self.result, self.png = registered, png
        code = getattr(registered, "code", None) or registered.card_code
        name = self.name.text().strip()
        self.card_title.setText(self.tr("Welcome, {0}! Take a photo of your card.").format(name))
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        side = max(min(self.qr.width(), self.qr.height(), 560), 360)
        self.qr.setPixmap(pixmap.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.FastTransformation))
        self.code_label.setText(" ".join(code[i:i + 4] for i in range(0, len(code), 4)))
        self.stack.setCurrentIndex(1)
        self.done_button.setFocus()  # Enter shows the member at the till
        self.banner.show_message("success", self.tr("{0} is a member.").format(name))
        self.feedback_shown.emit("success", name)
        self.registered.emit(registered)
        self.card_shown.emit(code, png)

    def save_pdf(self) -> Path | None:
        if self.result is None:
            return None
        code = getattr(self.result, "code", None) or self.result.card_code
        folder = self.data_dir / "cards"
        folder.mkdir(parents=True, exist_ok=True)
        path = card_pdf(folder / f"card-{self.result.member_id[:8]}.pdf", code=code,
                        png=self.png, shop=self.shop_name, name=self.name.text().strip())
        self.banner.show_message("success", self.tr("Saved: {0}").format(str(path)))
        self.feedback_shown.emit("success", str(path))
        return path

    def print_card(self) -> None:
        """Print the card on the receipt printer, off the GUI thread (USB can be slow)."""
        if self.result is None or self.printer is None:
            return
        code = getattr(self.result, "code", None) or self.result.card_code
        name = self.name.text().strip()
        printer = self.printer
        self.ops.device(lambda: printer(code, name), owner=self, label="print") \
            .success(lambda _: self._printed()) \
            .failure(lambda exc: self._error(self.tr("The printer failed: {0}").format(exc))) \
            .run_in_background()

    def _printed(self) -> None:
        self.banner.show_message("success", self.tr("Printed."))
        self.feedback_shown.emit("success", "printed")

    def _done(self) -> None:
        member_id = self.result.member_id if self.result is not None else ""
        self.finished.emit(member_id)
