"""Does the programme pay? Repeat share per week, retention by cohort with a heat-map,
reward response best first, and the revenue effect with its method as help."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.analytics import REVENUE_EFFECT_METHOD
from ui.manager import charts
from ui.manager.common import Page, fill, fit, table, title, tr
from ui.manager.data import AnalysisData, load_analysis

# The core words its method (kiosk/ has no Qt); this copy only lets lupdate extract it. If the
# core changes the text, the page shows the new English until this copy follows it.
_METHOD_FOR_LUPDATE = QT_TRANSLATE_NOOP(
    "manager",
    "Purchases made before someone joins are not in the ledger (a till records purchases of "
    "members only), so 'before' cannot be measured. This compares each member's first 30 days "
    "of membership with the rest of their membership up to the end of the range: spend per "
    "visit and visits per 30 days, for members with at least one recorded purchase in both. "
    "For a programme change it compares the members who visited in the 30 days before and "
    "after the new version was published. The figures describe what happened alongside; "
    "they cannot show that the programme caused it (seasons, prices and who chose to join "
    "all differ).",
)


def heat(share: float) -> str:
    """A cell colour from pale to deep green by share, readable under dark text."""
    share = max(0.0, min(1.0, share))
    r = int(245 - share * 150)
    g = int(245 - share * 55)
    b = int(240 - share * 150)
    return f"bg:#{r:02x}{g:02x}{b:02x}"


def offer_name(offer: str, titles: dict[str, str]) -> str:
    kind, _, name = offer.partition(":")
    if kind == "reward":
        return titles.get(name, name)
    return {
        "welcome": Q.translate("manager", "Welcome coupon"),
        "birthday": Q.translate("manager", "Birthday coupon"),
    }.get(name, Q.translate("manager", "Coupon: {0}").format(name))


class AnalysisPage(Page):
    """The loyalty manager's reading of the ledger for a range of days."""

    loaded = Signal(object)

    def __init__(self, ops: Any, formats: Any, info: Any, parent: QWidget | None = None
                 ) -> None:
        super().__init__(ops, formats, info, parent)
        self._shown = False
        self.days_bar()
        self.heading = title("", "title")
        self.repeat_chart = charts.plot(
            Q.translate("manager", "Repeat-purchase share per week (%)")
        )
        self.cohort_table = table(
            [Q.translate("manager", "Joined"), Q.translate("manager", "Members")], stretch=1
        )
        self.repeat_chart.setMaximumHeight(300)
        self.response_table = table(
            [
                Q.translate("manager", "Reward or coupon"),
                Q.translate("manager", "Issued"),
                Q.translate("manager", "Redeemed"),
                Q.translate("manager", "Redemption rate"),
                Q.translate("manager", "Came back within 30 days"),
            ]
        )
        self.effect = QLabel()
        self.effect.setWordWrap(True)
        self.effect.setTextFormat(Qt.TextFormat.PlainText)
        self.method = QLabel(
            Q.translate("manager", "How this is measured: ") + tr(REVENUE_EFFECT_METHOD)
        )
        self.method.setWordWrap(True)
        self.method.setObjectName("hint")
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.heading)
        column.addWidget(self.repeat_chart)
        column.addWidget(
            title(
                Q.translate(
                    "manager",
                    "Retention by cohort: of the members who joined in a month, "
                    "the share who came back in each later month",
                )
            )
        )
        column.addWidget(self.cohort_table)
        column.addWidget(title(Q.translate("manager", "Reward response, best first")))
        column.addWidget(self.response_table)
        column.addWidget(title(Q.translate("manager", "Revenue alongside membership")))
        column.addWidget(self.effect)
        column.addWidget(self.method)
        self.under_bar(inner)

    def first_show(self) -> None:
        if not self._shown:
            self._shown = True
            self.refresh()

    def refresh(self, first: date | None = None, last: date | None = None) -> None:
        """Analyse first..last (the last 26 weeks up to today when not given), for this shop
        or the whole organisation as ticked."""
        whole = self.whole_org.isChecked()

        def load(till: Any) -> AnalysisData:
            b = last or till.today()
            return load_analysis(till, first or b - timedelta(days=26 * 7 - 1), b,
                                 whole_org=whole)

        self.run(load, self._loaded, label="analysis")

    def _loaded(self, data: AnalysisData) -> None:
        f = self.f
        self.bar.set_days(data.first, data.last)
        scope = Q.translate("manager", "Whole organisation") if data.whole_org else data.shop_name
        self.heading.setText(f"{scope}: {f.day(data.first)} – {f.day(data.last)}")
        # Weeks before the shop's first visit say nothing; the chart starts at the first.
        weeks = list(data.weeks)
        while len(weeks) > 1 and weeks[0].visits == 0:
            weeks.pop(0)
        labels = [f.day(date.fromisoformat(w.first))[:-5] for w in weeks]
        charts.line(self.repeat_chart, labels, [round(w.repeat_share * 100, 1)
                                                for w in weeks],
                    colour=charts.NOW, every=max(1, len(labels) // 8))
        months = max((len(c.returned) for c in data.cohorts if c.members), default=0)
        self.cohort_table.setColumnCount(2 + months)
        self.cohort_table.setHorizontalHeaderLabels(
            [Q.translate("manager", "Joined"), Q.translate("manager", "Members")]
            + [Q.translate("manager", "+{0} mo").format(k + 1) for k in range(months)]
        )
        rows = []
        for c in [c for c in data.cohorts if c.members]:
            cells: list[Any] = [c.month, str(c.members)]
            for share in c.shares:
                cells.append((f"{round(share * 100)} %", heat(share)))
            rows.append(cells)
        fill(self.cohort_table, rows)
        fit(self.cohort_table, max(1, len(rows)))
        dark = "#1b1b1b"
        for r in range(self.cohort_table.rowCount()):
            for col in range(2, self.cohort_table.columnCount()):
                item = self.cohort_table.item(r, col)
                if item is not None:
                    item.setForeground(_brush(dark))
        fill(self.response_table, [
            [offer_name(r.offer, data.reward_titles),
             "–" if r.issued is None else str(r.issued), str(r.redeemed),
             "–" if r.redemption_rate is None else f"{round(r.redemption_rate * 100)} %",
             f"{r.came_back} / {r.redeemers} ({round(r.came_back_share * 100)} %)"]
            for r in data.responses])
        fit(self.response_table, max(1, len(data.responses)))
        e = data.effect
        lines = []
        if e.members:
            lines.append(
                Q.translate(
                    "manager",
                    "{0} members with purchases in their first 30 days and after: "
                    "spend per visit {1} then {2}; visits per 30 days {3} then {4}.",
                ).format(
                    e.members,
                    f.money(e.before_spend_per_visit_minor),
                    f.money(e.after_spend_per_visit_minor),
                    f.locale.toString(e.before_visits_per_30_days, "f", 2),
                    f.locale.toString(e.after_visits_per_30_days, "f", 2),
                )
            )
        else:
            lines.append(
                Q.translate(
                    "manager", "Not enough members with purchases both early and later yet."
                )
            )
        c = data.change
        if c is not None and c.members:
            lines.append(
                Q.translate(
                    "manager",
                    "Around programme version {0} (30 days before and after), {1} "
                    "members: spend per visit {2} then {3}; visits per 30 days {4} "
                    "then {5}.",
                ).format(
                    data.change_version,
                    c.members,
                    f.money(c.before_spend_per_visit_minor),
                    f.money(c.after_spend_per_visit_minor),
                    f.locale.toString(c.before_visits_per_30_days, "f", 2),
                    f.locale.toString(c.after_visits_per_30_days, "f", 2),
                )
            )
        lines.append(
            Q.translate(
                "manager",
                "These figures describe what happened alongside; they do not show "
                "that the programme caused it.",
            )
        )
        self.effect.setText("\n".join(lines))
        self.loaded.emit(data)


def _brush(colour: str) -> Any:
    from PySide6.QtGui import QBrush, QColor

    return QBrush(QColor(colour))
