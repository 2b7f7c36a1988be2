"""What the manager's screens show, read from the core in one operation each.

These functions run on the operations layer's writer thread (`ops.op(lambda till:
load_summary(till, ...))`), never on the GUI thread; they only call the Till's front door.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from kiosk.reports import Summary

# The figures of the summary in the order a manager reads them: key, label, kind.
FIGURES: tuple[tuple[str, str, str], ...] = (
    ("visits", QT_TRANSLATE_NOOP("manager", "Visits"), "count"),
    ("unique_members", QT_TRANSLATE_NOOP("manager", "Unique members"), "count"),
    ("new_members", QT_TRANSLATE_NOOP("manager", "New members"), "count"),
    ("stamps_given", QT_TRANSLATE_NOOP("manager", "Stamps given"), "count"),
    ("points_earned", QT_TRANSLATE_NOOP("manager", "Points earned"), "count"),
    ("points_redeemed", QT_TRANSLATE_NOOP("manager", "Points redeemed"), "count"),
    ("rewards_total", QT_TRANSLATE_NOOP("manager", "Rewards redeemed"), "count"),
    ("coupons_used", QT_TRANSLATE_NOOP("manager", "Coupons used"), "count"),
    ("member_revenue_minor", QT_TRANSLATE_NOOP("manager", "Member revenue"), "money"),
    ("repeat_visit_rate", QT_TRANSLATE_NOOP("manager", "Repeat-visit rate"), "share"),
    ("active_members_30", QT_TRANSLATE_NOOP("manager", "Active members (30 days)"), "count"),
    ("active_members_90", QT_TRANSLATE_NOOP("manager", "Active members (90 days)"), "count"),
)


def figure(summary: Summary, key: str) -> float:
    """One figure of a summary by key (rewards_total sums every reward)."""
    if key == "rewards_total":
        return sum(summary.rewards_redeemed.values())
    return getattr(summary, key)


def change(now: float, then: float) -> tuple[str, float | None]:
    """('up'|'down'|'same', the relative change or None when the base is zero)."""
    arrow = "up" if now > then else "down" if now < then else "same"
    return arrow, (now - then) / then if then else None


@dataclass(frozen=True)
class WeekFigures:
    """Seven local days ending on `last`: visits and member revenue (minor units)."""

    first: str
    last: str
    visits: int
    member_revenue_minor: int


@dataclass(frozen=True)
class SummaryData:
    """A period's summary beside the period before and the same days a week earlier."""

    first: date
    last: date
    whole_org: bool
    shop_name: str
    currency: str
    now: Summary
    week_ago: Summary
    hours: list[int]
    hours_week_ago: list[int]
    weeks: list[WeekFigures]  # the 8 weeks ending on `last`, oldest first
    reward_titles: dict[str, str]

    @property
    def previous(self) -> Summary:
        assert self.now.previous is not None
        return self.now.previous

    def rewards(self) -> list[tuple[str, int]]:
        """Rewards redeemed in the period by title, most redeemed first."""
        items = [(self.reward_titles.get(k, k), v) for k, v in self.now.rewards_redeemed.items()]
        return sorted(items, key=lambda kv: (-kv[1], kv[0]))


def load_summary(till: Any, first: date, last: date, *, whole_org: bool = False
                 ) -> SummaryData:
    """Everything the summary screen shows (runs on the writer thread)."""
    info = till.info()
    week = timedelta(days=7)
    now = till.report(first, last, whole_org=whole_org)
    week_ago = till.report(first - week, last - week, whole_org=whole_org)
    hours = till.visits_per_hour(last, whole_org=whole_org).hours
    hours_week_ago = till.visits_per_hour(last - week, whole_org=whole_org).hours
    # The eight weeks in one set-based read of the visit days (kiosk.analytics.weekly), some
    # eight times quicker than eight week-long reports (bench/bench_manager.py).
    weeks = [WeekFigures(w.first, w.last, w.visits, w.member_revenue_minor)
             for w in till.weekly(last, weeks=8, whole_org=whole_org)]
    titles = {r.id: r.title for r in info.program.rewards}
    return SummaryData(first, last, whole_org, info.shop.name, info.shop.currency, now,
                       week_ago, hours, hours_week_ago, weeks, titles)


@dataclass(frozen=True)
class AnalysisData:
    """Does the programme pay? Weeks, cohorts, reward response and revenue effect."""

    first: date
    last: date
    whole_org: bool
    shop_name: str
    weeks: list[Any]
    cohorts: list[Any]
    responses: list[Any]
    effect: Any
    change: Any | None  # this shop's last programme change's comparison, when there was one
    change_version: int | None
    reward_titles: dict[str, str]


def load_analysis(till: Any, first: date, last: date, *, whole_org: bool = False
                  ) -> AnalysisData:
    """The analyses over first..last (runs on the writer thread). A programme is a shop's:
    its last change is compared for the shop's scope only."""
    from kiosk.errors import InvalidInput

    info = till.info()
    weeks = max(1, min(106, ((last - first).days + 7) // 7))
    comparison, version = None, None
    if info.program_version > 1 and not whole_org:
        version = info.program_version
        try:
            comparison = till.programme_change(version)
        except InvalidInput:
            comparison, version = None, None
    return AnalysisData(
        first, last, whole_org, info.shop.name,
        till.weekly(last, weeks=weeks, whole_org=whole_org),
        till.cohorts(first, last, whole_org=whole_org),
        till.reward_response(first, last, whole_org=whole_org),
        till.revenue_effect(last, whole_org=whole_org), comparison, version,
        {r.id: r.title for r in info.program.rewards})
