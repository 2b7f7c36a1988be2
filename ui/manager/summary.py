"""The day's summary: the figures against the day before and the same weekday last week,
with charts, for a day or a range, for this shop or the whole organisation; CSV and PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.manager import charts
from ui.manager.common import Page, fill, fit, table, title, tr
from ui.manager.data import FIGURES, SummaryData, change, figure, load_summary
from ui.manager.export import arrow_text, show, summary_rows, write_csv, write_pdf

UP, DOWN = "#2e7d32", "#c62828"


class SummaryPage(Page):
    """Figures, arrows and charts for the chosen days."""

    loaded = Signal(object)  # SummaryData, after it is on screen
    exported = Signal(str)  # the file written

    def __init__(self, ops: Any, formats: Any, info: Any, parent: QWidget | None = None
                 ) -> None:
        super().__init__(ops, formats, info, parent)
        self.data: SummaryData | None = None
        self.csv_button = QPushButton(Q.translate("manager", "Export CSV…"))
        self.pdf_button = QPushButton(Q.translate("manager", "Export PDF…"))
        self.csv_button.clicked.connect(self._ask_csv)
        self.pdf_button.clicked.connect(self._ask_pdf)
        self.today_button = self.days_bar(
            today=True, extra=(self.csv_button, self.pdf_button)).today_button
        self.heading = title("", "title")
        self.figures = table(
            [
                Q.translate("manager", "Figure"),
                Q.translate("manager", "This period"),
                Q.translate("manager", "Before"),
                Q.translate("manager", "Change"),
                Q.translate("manager", "A week before"),
                Q.translate("manager", "Change"),
            ]
        )
        fit(self.figures, len(FIGURES))
        self.hours_chart = charts.plot(
            Q.translate("manager", "Visits per hour"), height=self.figures.height()
        )
        self.visits_chart = charts.plot(Q.translate("manager", "Visits, last 8 weeks"), height=220)
        self.revenue_chart = charts.plot(
            Q.translate("manager", "Member revenue, last 8 weeks"), height=220
        )
        self.rewards_chart = charts.plot(
            Q.translate("manager", "Rewards redeemed by reward"), height=220
        )
        # The figures beside the day's hours, the weeks and rewards under them: the whole
        # summary on one 1280x800 screen.
        grid = QGridLayout()
        grid.addWidget(self.figures, 0, 0, 1, 4)
        grid.addWidget(self.hours_chart, 0, 4, 1, 2)
        grid.addWidget(self.visits_chart, 1, 0, 1, 2)
        grid.addWidget(self.revenue_chart, 1, 2, 1, 2)
        grid.addWidget(self.rewards_chart, 1, 4, 1, 2)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.heading)
        column.addLayout(grid)
        column.addStretch(1)
        self.under_bar(inner)
        for b in (self.csv_button, self.pdf_button):
            b.setEnabled(False)

    # --- loading --------------------------------------------------------------------------

    def refresh(self, first: date | None = None, last: date | None = None) -> None:
        """Show first..last (today when not given), for the scope ticked."""
        whole = self.whole_org.isChecked()

        def load(till: Any) -> SummaryData:
            a = first or till.today()
            return load_summary(till, a, last or a, whole_org=whole)

        self.run(load, self._loaded, label="summary")

    def _loaded(self, data: SummaryData) -> None:
        self.data = data
        f = self.f
        self.bar.set_days(data.first, data.last)
        scope = Q.translate("manager", "Whole organisation") if data.whole_org else data.shop_name
        days = (
            f.day(data.first)
            if data.first == data.last
            else f"{f.day(data.first)} – {f.day(data.last)}"
        )
        self.heading.setText(f"{scope}: {days}")
        rows = []
        for key, label, kind in FIGURES:
            now, prev, week = (figure(s, key) for s in (data.now, data.previous, data.week_ago))
            rows.append([tr(label), show(f, kind, now), show(f, kind, prev),
                         (arrow_text(now, prev), _colour(now, prev)), show(f, kind, week),
                         (arrow_text(now, week), _colour(now, week))])
        fill(self.figures, rows)
        hours = list(range(6, 23))
        self.hours_chart.getPlotItem().setTitle(
            Q.translate("manager", "Visits per hour, {0}").format(f.day(data.last))
        )
        charts.bars_beside(
            self.hours_chart,
            [f"{h:02d}" for h in hours],
            [data.hours[h] for h in hours],
            [data.hours_week_ago[h] for h in hours],
            (Q.translate("manager", "This day"), Q.translate("manager", "A week before")),
            every=2,
        )
        labels = [f.day(date.fromisoformat(w.first))[:-5] for w in data.weeks]
        charts.bars(self.visits_chart, labels, [w.visits for w in data.weeks], every=2)
        charts.line(
            self.revenue_chart, labels, [w.member_revenue_minor / 100 for w in data.weeks], every=2
        )
        self.revenue_chart.getPlotItem().setLabel("left", data.currency)
        rewards = data.rewards()
        charts.bars(
            self.rewards_chart,
            [t for t, _ in rewards],
            [n for _, n in rewards],
            colour=charts.MONEY,
        )
        for b in (self.csv_button, self.pdf_button):
            b.setEnabled(True)
        self.loaded.emit(data)

    # --- exports --------------------------------------------------------------------------

    def _ask_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, Q.translate("manager", "Export CSV"), self._name("csv"), "CSV (*.csv)"
        )
        if path:
            self.export_csv(path)

    def _ask_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, Q.translate("manager", "Export PDF"), self._name("pdf"), "PDF (*.pdf)"
        )
        if path:
            self.export_pdf(path)

    def _name(self, ext: str) -> str:
        data = self.data
        stem = "summary" if data is None else f"summary-{data.first}-{data.last}"
        return str(Path.home() / f"{stem}.{ext}")

    def export_csv(self, path: str) -> None:
        """Write the summary on screen to a CSV file (off the GUI thread)."""
        assert self.data is not None
        rows = summary_rows(self.data)
        self.run(lambda _till: write_csv(path, rows), lambda _r: self._written(path),
                 label="export csv")

    def export_pdf(self, path: str) -> None:
        """Write the summary with its charts to a PDF file."""
        assert self.data is not None
        # Charts are grabbed here: widgets belong to the GUI thread; the file is small.
        images = [w.grab().toImage() for w in (self.hours_chart, self.visits_chart,
                                              self.revenue_chart, self.rewards_chart)]
        try:
            write_pdf(path, self.data, self.f, images)
        except OSError as exc:
            self.message.emit(
                "error", Q.translate("manager", "Could not write {0}: {1}").format(path, exc)
            )
            return
        self._written(path)

    def _written(self, path: str) -> None:
        self.message.emit("success", Q.translate("manager", "Saved {0}").format(path))
        self.exported.emit(path)

    def chart_images(self) -> list[QImage]:
        return [w.grab().toImage() for w in (self.hours_chart, self.visits_chart,
                                            self.revenue_chart, self.rewards_chart)]


def _colour(now: float, then: float) -> str | None:
    arrow, _ = change(now, then)
    return {"up": UP, "down": DOWN}.get(arrow)
