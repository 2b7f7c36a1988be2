"""The audit trail: every event with who (device), when, what and for which member (by name;
an erased member only as erased), filterable by any of it, the member's id too."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import QDate, QLocale, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.manager.common import Page, event_words

LIMIT = 2000
ID_COLUMN = 5
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def what(event: Any, f: Any, rewards: dict[str, str] | None = None) -> str:
    """An event's figures in words; `rewards` names a reward by its title, not its id."""
    parts = []
    if event.stamps:
        one = abs(event.stamps) == 1
        parts.append((Q.translate("manager", "{0:+d} stamp") if one
                      else Q.translate("manager", "{0:+d} stamps")).format(event.stamps))
    if event.points:
        one = abs(event.points) == 1
        parts.append((Q.translate("manager", "{0:+d} point") if one
                      else Q.translate("manager", "{0:+d} points")).format(event.points))
    if event.amount_minor:
        parts.append(f.money(event.amount_minor))
    if event.cashback_minor:
        parts.append(Q.translate("manager", "cashback {0}").format(f.money(event.cashback_minor)))
    if event.reward_id:
        title = (rewards or {}).get(event.reward_id, event.reward_id)
        parts.append(Q.translate("manager", "reward {0}").format(title))
    if event.reverses:
        parts.append(Q.translate("manager", "undoes {0}").format(event.reverses[-8:]))
    return ", ".join(parts)


def device_words(device_id: str, own: str | None) -> str:
    """Which till: this one, or another by the end of its id (a whole UUID hides the rest)."""
    if own is not None and device_id == own:
        return Q.translate("manager", "this till")
    return Q.translate("manager", "till …{0}").format(device_id[-6:])


def member_words(trail: Any, member_id: str | None) -> str:
    """Who an event is for: the member's name, "erased member", or for a member with no name
    here (another shop's, whose profile has not come yet) the end of their id."""
    if member_id is None:
        return ""
    if member_id in trail.erased:
        return Q.translate("manager", "erased member")
    return trail.member_name(member_id) or Q.translate("manager", "no name (…{0})").format(
        member_id[-6:])


class AuditPage(Page):
    """The newest events of this till's ledger, with a filter over every column."""

    loaded = Signal(int)

    def __init__(self, ops: Any, formats: Any, info: Any, parent: QWidget | None = None
                 ) -> None:
        super().__init__(ops, formats, info, parent)
        self._shown = False
        self.model = QStandardItemModel(0, 6, self)
        self.model.setHorizontalHeaderLabels(
            [
                Q.translate("manager", "When"),
                Q.translate("manager", "Device"),
                Q.translate("manager", "What"),
                Q.translate("manager", "Member"),
                Q.translate("manager", "Details"),
                Q.translate("manager", "Member id"),
            ]
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(
            Q.translate("manager", "Filter: a kind, a device, a member's name or id, a day…")
        )
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.reload = QPushButton(Q.translate("manager", "Reload"))
        self.reload.clicked.connect(self.refresh)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        # The id stays in the model for the filter (and a member's tooltip), not on screen.
        self.view.setColumnHidden(ID_COLUMN, True)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.reload)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def first_show(self) -> None:
        if not self._shown:
            self._shown = True
            self.refresh()

    def refresh(self) -> None:
        self.run(lambda till: till.audit_trail(LIMIT), self._loaded, label="audit")

    def _loaded(self, trail: Any) -> None:
        f = self.f
        program = getattr(self.info, "program", None)
        rewards = {r.id: r.title for r in getattr(program, "rewards", None) or []}
        own = getattr(self.info, "device_id", None)
        self.model.removeRows(0, self.model.rowCount())
        for e in reversed(trail.events):
            member = QStandardItem(member_words(trail, e.member_id))
            member.setToolTip(e.member_id or "")
            when = QStandardItem(f"{_day(e.ts, f)} {f.time(e.ts)}")
            when.setData(e.ts, SORT_ROLE)  # a local date does not sort as text
            device = QStandardItem(device_words(e.device_id, own))
            device.setToolTip(e.device_id)
            row = [when, device, QStandardItem(event_words(e.kind)), member,
                   QStandardItem(what(e, f, rewards)), QStandardItem(e.member_id or "")]
            for item in row[1:]:
                item.setData(item.text(), SORT_ROLE)
            self.model.appendRow(row)
        # Newest first, and the header's arrow says so.
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.view.resizeColumnsToContents()
        self.loaded.emit(len(trail.events))


def _day(micros: int, f: Any) -> str:
    """The event's day as the shop writes a date ('30.10.2026'), in the shop's time zone."""
    from datetime import UTC, datetime

    day = datetime.fromtimestamp(micros / 1_000_000, UTC).astimezone(f.tz).date()
    return f.locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)
