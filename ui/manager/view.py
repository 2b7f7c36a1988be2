"""The manager's back office: pages in tabs under one banner, behind the PIN (access.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.window.fmt import Formats
from ui.window.ops import OpRunner
from ui.window.widgets import Banner


class ManagerView(QWidget):
    """Summary, programme analysis, members, audit, programme and till in tabs."""

    def __init__(self, ops: OpRunner, formats: Formats, info: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.manager.analysis import AnalysisPage
        from ui.manager.audit import AuditPage
        from ui.manager.members import ImportPage, MembersPage
        from ui.manager.programme import ProgrammePage
        from ui.manager.till_page import TillPage

        self.banner = Banner()
        self.tabs = QTabWidget()
        self.summary = self._add(_summary(ops, formats, info), Q.translate("manager", "Today"))
        self.analysis = self._add(
            AnalysisPage(ops, formats, info), Q.translate("manager", "Does it pay?")
        )
        self.members = self._add(MembersPage(ops, formats, info), Q.translate("manager", "Members"))
        self.importer = self._add(ImportPage(ops, formats, info), Q.translate("manager", "Import"))
        self.audit = self._add(AuditPage(ops, formats, info), Q.translate("manager", "Audit trail"))
        self.programme = self._add(
            ProgrammePage(ops, formats, info), Q.translate("manager", "Programme")
        )
        self.till_page = self._add(TillPage(ops, formats, info), Q.translate("manager", "Till"))
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.banner.show_message(
            "info",
            Q.translate(
                "manager", "Back office. It locks by itself after a few minutes without a touch."
            ),
        )
        self.summary.refresh()

    def _add(self, page: Any, label: str) -> Any:
        page.message.connect(self._say)
        self.tabs.addTab(page, label)
        return page

    def _say(self, kind: str, text: str) -> None:
        self.banner.show_message(kind, text, ms=0 if kind == "error" else 8000)

    def _tab_shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        first_show = getattr(page, "first_show", None)
        if first_show is not None:
            first_show()


def _summary(ops: OpRunner, formats: Formats, info: Any) -> Any:
    from ui.manager.summary import SummaryPage

    return SummaryPage(ops, formats, info)
