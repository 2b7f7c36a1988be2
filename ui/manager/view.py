"""The manager's back office: pages in tabs under one banner, behind the PIN (access.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.window.fmt import Formats
from ui.window.ops import OpRunner
from ui.window.widgets import Banner


class ManagerView(QWidget):
    """Summary, programme analysis, members, audit, programme, till and settings in tabs."""

    def __init__(self, ops: OpRunner, formats: Formats, info: Any,
                 parent: QWidget | None = None, *, settings: Any = None) -> None:
        """`settings`: the till's settings port (ui/manager/settings_port.py); None keeps
        window.json of the till's data folder without a running window to follow."""
        super().__init__(parent)
        from ui.manager.analysis import AnalysisPage
        from ui.manager.audit import AuditPage
        from ui.manager.members import ImportPage, MembersPage
        from ui.manager.programme import ProgrammePage
        from ui.manager.settings_page import SettingsPage
        from ui.manager.settings_port import FileSettingsPort
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
        if settings is None:
            settings = FileSettingsPort(info.data_dir, shop_name=info.shop.name)
        self.settings = self._add(
            SettingsPage(ops, formats, info, settings), Q.translate("manager", "Settings")
        )
        # One undo window, editable on two pages: each follows what the other publishes.
        self.settings.undo_published.connect(self._undo_published)
        self.programme.published.connect(lambda _v: self.settings.reload_undo_window())
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

    def _undo_published(self, seconds: int) -> None:
        # The programme page's form holds the version it was opened with: bring its undo
        # window up to date so its next "Save and publish" does not put the old one back.
        limits = self.programme.base.setdefault("limits", {})
        limits["undo_window_seconds"] = seconds
        self.programme.inputs[("limits", "undo_window_seconds")].setValue(seconds)

    def _tab_shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        first_show = getattr(page, "first_show", None)
        if first_show is not None:
            first_show()


def _summary(ops: OpRunner, formats: Formats, info: Any) -> Any:
    from ui.manager.summary import SummaryPage

    return SummaryPage(ops, formats, info)
