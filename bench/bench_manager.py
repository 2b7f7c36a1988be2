"""The manager's back office: the summary screen's reads over a large ledger, the analyses,
and the members table at 100,000 members, each against a floor measured in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_manager.py             # 200k events
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_manager.py --events 1000000
    ... bench_manager.py --events 1000000 --analyses-only --before   # the analyses, then and now

At the default size the generator's 100,000 members spend the events on joining (a join
writes three or four), so nobody comes back: cohorts and came-back figures are all zero there.
The analyses' figures mean most at 1,000,000 events, where members return.

Figures (median and p95 of interleaved runs, milliseconds):
- summary, one shop / whole organisation: `Till.report(day, day)` (the day and the day before)
  vs bare sqlite3 counting the 90-day window's distinct members (the one figure no summary
  can skip); and the whole summary screen's read (`ui.manager.data.load_summary`: two
  reports, two days' hours and eight weeks).
- cohorts and reward response over the last 365 days (target < 500 ms) and the repeat share
  of 26 weeks (kiosk.analytics), one shop and the whole organisation, vs bare sqlite3 counting
  the distinct visiting members of the same window and scope.
- members table, 100,000 members: open (first page fetched, model reset and the view
  painted) and a first keystroke (query for "a", reset, painted), vs a floor of a bare
  sqlite3 fetch of the first 100 members by name plus a repaint of the same view; and how
  long the keystroke itself holds the GUI thread (the query runs on the writer thread).

The ledger is kiosk.demo.build_large's, cached under bench/out/ (bench_core.cached_ledger);
the till works on a copy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_core import bare, cached_ledger  # noqa: E402

from kiosk import ledger, members  # noqa: E402
from kiosk.clock import FixedClock  # noqa: E402
from kiosk.days import day_bounds  # noqa: E402
from kiosk.till import Till  # noqa: E402

TZ = ZoneInfo("Europe/Oslo")


def runs(fns: dict[str, Callable[[], object]], n: int) -> dict[str, list[float]]:
    """Interleaved timings in ms (one of each per round, so load hits both alike)."""
    out: dict[str, list[float]] = {k: [] for k in fns}
    for fn in fns.values():
        fn()  # warm
    for _ in range(n):
        for key, fn in fns.items():
            t = time.perf_counter()
            fn()
            out[key].append((time.perf_counter() - t) * 1000)
    return out


def stats(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"median {statistics.median(values):7.1f} ms  p95 {p95:7.1f} ms"


def line(label: str, real: list[float], floor: list[float] | None, note: str = "") -> None:
    ratio = (f"  = {statistics.median(real) / statistics.median(floor):4.1f}x floor"
             f" ({stats(floor)})" if floor else "")
    print(f"{label:<44} {stats(real)}{ratio} {note}", flush=True)


def bench_reads(till: Till, facts: dict, n: int) -> None:
    from ui.manager.data import load_summary

    last = date.fromisoformat(facts["last_day"])
    conn = bare(till.store.path)
    lo, hi = day_bounds(last - timedelta(days=89), TZ)[0], day_bounds(last, TZ)[1]
    kinds = sorted(ledger.VISIT_KINDS)
    marks = ", ".join("?" * len(kinds))
    for label, whole in (("one shop", False), ("whole organisation (4 shops)", True)):
        scope = "org_id = ?" + ("" if whole else " AND shop_id = ?")
        args = (facts["org_id"], *(() if whole else (facts["shop_id"],)), lo, hi, *kinds)

        def floor(scope: str = scope, args: tuple = args) -> None:
            conn.execute(f"SELECT count(DISTINCT member_id) FROM event WHERE {scope}"
                         f" AND ts >= ? AND ts < ? AND kind IN ({marks})", args).fetchone()

        timed = runs({"real": lambda w=whole: till.report(last, last, whole_org=w),
                      "screen": lambda w=whole: load_summary(till, last, last, whole_org=w),
                      "floor": floor}, n)
        line(f"summary, {label}", timed["real"], timed["floor"], "(target < 50 ms)")
        line(f"summary screen's whole read, {label}", timed["screen"], timed["floor"])


def bench_analyses(till: Till, facts: dict, label: str, whole: bool, n: int, *,
                   before: bool = False) -> None:
    """Cohorts and reward response over a year, the repeat share over 26 weeks, each against
    bare sqlite3 counting the distinct visiting members of the same window and scope (every
    analysis needs at least each visiting member once). `before`: also the fold of the
    events in Python that answered before the visit-day table did (and still does where it
    cannot), in the same rounds."""
    from kiosk import analytics

    conn = bare(till.store.path)
    last = date.fromisoformat(facts["last_day"])
    kinds = sorted(ledger.VISIT_KINDS)
    scope = "org_id = ?" + ("" if whole else " AND shop_id = ?")
    where = (facts["org_id"], *(() if whole else (facts["shop_id"],)))

    def floor(days: int) -> Callable[[], None]:
        lo = day_bounds(last - timedelta(days=days - 1), TZ)[0]
        hi = day_bounds(last, TZ)[1]
        statement = (f"SELECT count(DISTINCT member_id) FROM event WHERE {scope}"
                     f" AND ts >= ? AND ts < ? AND kind IN ({', '.join('?' * len(kinds))})")
        return lambda: conn.execute(statement, (*where, lo, hi, *kinds)).fetchone()

    first = last - timedelta(days=364)
    fns: dict[str, Callable[[], object]] = {
        "cohorts": lambda: till.cohorts(first, last, whole_org=whole),
        "response": lambda: till.reward_response(first, last, whole_org=whole),
        "year floor": floor(365),
        "weekly26": lambda: till.weekly(last, weeks=26, whole_org=whole),
        "26 weeks floor": floor(26 * 7)}
    if before:
        scoped = {"org_id": facts["org_id"], "shop_id": None if whole else facts["shop_id"],
                  "tz": TZ, "visit_days": False}

        def folded(fn: Callable[..., object], **kw: object) -> Callable[[], object]:
            return lambda: till.run(lambda c, _ctx: fn(c, **scoped, **kw), write=False)

        fns |= {"cohorts before": folded(analytics.cohorts, first=first, last=last),
                "response before": folded(analytics.reward_response, first=first, last=last),
                "weekly26 before": folded(analytics.weekly, last=last, weeks=26)}
    timed = runs(fns, n)
    for key, what, floor_key, note in (
            ("cohorts", "cohorts, a year", "year floor", "(target < 500 ms)"),
            ("response", "reward response, a year", "year floor", "(target < 500 ms)"),
            ("weekly26", "repeat share, 26 weeks", "26 weeks floor", "")):
        line(f"{what}, {label}", timed[key], timed[floor_key], note)
        if before:
            line("  before: the events folded in Python", timed[f"{key} before"],
                 timed[floor_key])


def bench_members(till: Till, n: int) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.manager.members import MembersPage
    from ui.window.fmt import Formats
    from ui.window.ops import OpRunner

    app = QApplication.instance() or QApplication([])
    ops = OpRunner(till)
    info = ops.call(lambda t: t.info())
    total = ops.call(lambda t: t.members_page(limit=1)[1])
    page = MembersPage(ops, Formats("nb", currency=info.shop.currency,
                                    timezone=info.shop.timezone), info)
    page.resize(1280, 860)
    page.show()
    app.processEvents()
    model, view = page.model, page.view
    conn = bare(till.store.path)

    def wait_searched(start: Callable[[], None]) -> float:
        done: list[float] = []
        t = time.perf_counter()

        def got(_total: int) -> None:
            view.viewport().repaint()
            done.append((time.perf_counter() - t) * 1000)

        model.searched.connect(got)
        start()
        while not done:
            app.processEvents()
        model.searched.disconnect(got)
        return done[0]

    def floor() -> float:
        t = time.perf_counter()
        conn.execute("SELECT m.id, m.name FROM member m LEFT JOIN balance b ON b.member_id"
                     " = m.id ORDER BY m.name_key LIMIT 100").fetchall()
        view.viewport().repaint()
        return (time.perf_counter() - t) * 1000

    opened, typed, floors, held = [], [], [], []
    for i in range(n):
        opened.append(wait_searched(lambda: model.search("")))
        floors.append(floor())
        letter = "abehkmst"[i % 8]
        t = time.perf_counter()
        page.search_box.setText(letter)  # the keystroke: returns at once, the query waits
        held.append((time.perf_counter() - t) * 1000)
        page.pause.stop()
        typed.append(wait_searched(lambda q=letter: model.search(q)))
    print(f"members table over {total:,} members (painted = query on the writer thread,"
          " model reset, view repainted):")
    line("  open (first page, sorted by name)", opened, floors, "(target < 100 ms)")
    line("  first keystroke (one letter, by name)", typed, floors,
         f"(target < 100 ms; +{page.pause.interval()} ms typing pause)")
    line("  GUI thread held by the keystroke", held, None)
    ops.close()
    page.deleteLater()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-n", type=int, default=30, help="timed repetitions")
    parser.add_argument("--nordic-index", action="store_true",
                        help="first add the expression index proposed for a migration"
                             " (kiosk.member_list.NORDIC_INDEX) to the bench's copy")
    parser.add_argument("--before", action="store_true",
                        help="also time the analyses' fold of the events (their way before"
                             " the visit-day table), in the same rounds")
    parser.add_argument("--analyses-only", action="store_true",
                        help="only the analyses (no summary, no members table)")
    args = parser.parse_args()
    path, _codes, facts = cached_ledger(args.members, args.events, args.seed)
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "till.sqlite3"
        shutil.copyfile(path, work)
        last = date.fromisoformat(facts["last_day"])
        clock = FixedClock(datetime(last.year, last.month, last.day, 19, tzinfo=TZ))
        till = Till.open(Path(tmp), clock=clock)
        try:
            assert till.store.path == work, till.store.path
            # build_large writes names without their search key, as a bulk writer may.
            keyed = till.run(lambda conn, _ctx: members.fill_name_keys(conn))
            print(f"keyed {keyed:,} names the bulk generator left unkeyed")
            if args.nordic_index:
                from kiosk.member_list import NORDIC_INDEX

                till.run(lambda conn, _ctx: conn.exec_driver_sql(NORDIC_INDEX))
                print("with the proposed index:", NORDIC_INDEX)
            if not args.analyses_only:
                bench_reads(till, facts, args.n)
            for label, whole in (("one shop", False), ("whole organisation", True)):
                bench_analyses(till, facts, label, whole, max(3, args.n // 5),
                               before=args.before)
            if not args.analyses_only:
                bench_members(till, max(5, args.n // 3))
        finally:
            till.close()


if __name__ == "__main__":
    main()
