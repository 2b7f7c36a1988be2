"""Small pieces the manager's pages share: translation, a page's base, table helpers, and
the bar that chooses the days (and the shop or whole organisation) a page shows."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.window.fmt import Formats
from ui.window.ops import OpRunner, describe_failure


def tr(text: str) -> str:
    """This room's strings, through Qt's translation system (context 'manager')."""
    return QCoreApplication.translate("manager", text)


# What each kind of event means, in words (the ledger's kinds are kiosk/events.py's).
EVENT_WORDS = {
    "member_registered": QT_TRANSLATE_NOOP("manager", "became a member"),
    "member_erased": QT_TRANSLATE_NOOP("manager", "personal data erased"),
    "card_issued": QT_TRANSLATE_NOOP("manager", "card issued"),
    "card_revoked": QT_TRANSLATE_NOOP("manager", "card revoked"),
    "stamp": QT_TRANSLATE_NOOP("manager", "stamp"),
    "purchase": QT_TRANSLATE_NOOP("manager", "purchase"),
    "redeem": QT_TRANSLATE_NOOP("manager", "reward redeemed"),
    "cashback_spent": QT_TRANSLATE_NOOP("manager", "cashback spent"),
    "coupon_issued": QT_TRANSLATE_NOOP("manager", "coupon issued"),
    "coupon_used": QT_TRANSLATE_NOOP("manager", "coupon used"),
    "tier_changed": QT_TRANSLATE_NOOP("manager", "tier changed"),
    "points_expired": QT_TRANSLATE_NOOP("manager", "points expired"),
    "adjustment": QT_TRANSLATE_NOOP("manager", "balance corrected"),
    "reversal": QT_TRANSLATE_NOOP("manager", "undone"),
    "program_published": QT_TRANSLATE_NOOP("manager", "new programme version"),
}


def event_words(kind: str) -> str:
    """An event's kind as a person reads it, in the chosen language."""
    words = EVENT_WORDS.get(kind)
    return tr(words) if words else kind


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def title(text: str, name: str = "sectionTitle") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def table(headers: list[str], stretch: int = 0) -> QTableWidget:
    """A read-only table that stretches its columns to fit."""
    widget = QTableWidget(0, len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.verticalHeader().setVisible(False)
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return widget


def fit(widget: QTableWidget, rows: int, row_height: int = 28) -> None:
    """Make a table exactly tall enough for `rows` rows (no empty band, no scrolling)."""
    widget.verticalHeader().setDefaultSectionSize(row_height)
    widget.setFixedHeight(row_height * rows + widget.horizontalHeader().sizeHint().height() + 4)


def fill(widget: QTableWidget, rows: list[list[Any]]) -> None:
    """Rows of texts, or (text, colour) pairs for a coloured cell."""
    widget.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            colour = None
            if isinstance(cell, tuple):
                cell, colour = cell
            item = QTableWidgetItem(str(cell))
            if c > 0 and _numeric(str(cell)):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if colour is not None:
                if colour.startswith("bg:"):
                    item.setBackground(QColor(colour[3:]))
                else:
                    item.setForeground(QColor(colour))
            widget.setItem(r, c, item)


def _numeric(text: str) -> bool:
    """Figures line up on the right; names and words stay on the left."""
    rest = text.replace("kr", "").replace("øre", "")
    return any(ch.isdigit() for ch in rest) and not any(ch.isalpha() for ch in rest)


class Page(QWidget):
    """A manager's page: runs core calls through the operations layer, reports in words."""

    # (kind, text) for the manager's banner: success, error, info.
    message = Signal(str, str)

    def __init__(self, ops: OpRunner, formats: Formats, info: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.f = formats
        self.info = info

    def run(self, fn: Any, done: Any, *, failed: Any = None, label: str = "") -> None:
        """Run fn(till) off the GUI thread; `done(result)` or a shown failure after."""
        self.ops.op(fn, owner=self, label=label).success(done).failure(
            failed or self.refused).run_in_background()

    def refused(self, exc: BaseException) -> None:
        self.message.emit("error", describe_failure(exc))

    def days_bar(self, **options: Any) -> DaysBar:
        """This page's DaysBar (options as DaysBar's), its fields also the page's own."""
        bar = DaysBar(self, self.info, **options)
        self.bar = bar
        self.first_edit, self.last_edit = bar.first_edit, bar.last_edit
        self.whole_org, self.show_button = bar.whole_org, bar.show_button
        return bar

    def under_bar(self, inner: QWidget) -> None:
        """Lay the page out: its days bar on top, `inner` under it, scrolling."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(scroll, 1)



class DaysBar(QHBoxLayout):
    """From [day] to [day] [Whole organisation] ([Today]) [Show] … (extra buttons): the days a
    page shows, and for this shop or the whole organisation (a choice only on a paired till,
    which other shops' events reach through the server). Show calls the page's
    `refresh(first, last)`, Today its `refresh()`; a last day before the first is refused in
    words on the page's banner. The page reads the scope from `whole_org`."""

    def __init__(self, page: Page, info: Any, *, today: bool = False,
                 extra: tuple[QWidget, ...] = ()) -> None:
        super().__init__()
        self._page = page
        self.first_edit, self.last_edit = QDateEdit(), QDateEdit()
        for edit in (self.first_edit, self.last_edit):
            edit.setCalendarPopup(True)
            # The day as the shop writes it (17.05.2026 in Bokmål), the calendar in its words.
            edit.setLocale(page.f.locale)
            edit.setDisplayFormat(page.f.locale.dateFormat(QLocale.FormatType.ShortFormat))
            edit.setMinimumHeight(44)
        self.whole_org = QCheckBox(QCoreApplication.translate("manager", "Whole organisation"))
        self.whole_org.setEnabled(bool(info.paired))
        self.whole_org.setToolTip(QCoreApplication.translate(
            "manager", "All the organisation's shops (when the till is paired)."))
        self.show_button = QPushButton(QCoreApplication.translate("manager", "Show"))
        self.show_button.clicked.connect(self._show_chosen)
        widgets: list[QWidget] = [
            QLabel(QCoreApplication.translate("manager", "From")), self.first_edit,
            QLabel(QCoreApplication.translate("manager", "to")), self.last_edit, self.whole_org]
        self.today_button: QPushButton | None = None
        if today:
            self.today_button = QPushButton(QCoreApplication.translate("manager", "Today"))
            self.today_button.clicked.connect(lambda: page.refresh())  # type: ignore[attr-defined]
            widgets.append(self.today_button)
        for w in (*widgets, self.show_button):
            self.addWidget(w)
        self.addStretch(1)
        for w in extra:
            self.addWidget(w)

    def set_days(self, first: date, last: date) -> None:
        """Show the days the page has just loaded."""
        self.first_edit.setDate(qdate(first))
        self.last_edit.setDate(qdate(last))

    def _show_chosen(self) -> None:
        first, last = pydate(self.first_edit.date()), pydate(self.last_edit.date())
        if last < first:
            self._page.message.emit("error", QCoreApplication.translate(
                "manager", "The last day cannot come before the first day."))
            return
        self._page.refresh(first, last)  # type: ignore[attr-defined]
