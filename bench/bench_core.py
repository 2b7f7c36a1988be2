"""The till core's hot paths, each against a floor measured in the same run on the same disk.

    .venv/bin/python bench/bench_core.py            # 10,000 members, 100,000 events
    .venv/bin/python bench/bench_core.py --large    # 100,000 members, 1,000,000 events
    .venv/bin/python bench/bench_core.py --large --profile   # where the real path's time goes

Figures:
- stamp: `till.lookup(code)` + `till.stamp(member_id)` (rule, event, balance, outbox, commit)
  vs bare sqlite3 doing the same three writes in one WAL + synchronous=FULL transaction.
- lookup: `till.lookup(code)` vs bare sqlite3 doing the same SELECTs (card, member + balance,
  coupons) with the code's hash already computed.
- daily summary (`kiosk.reports.daily_summary`, with the day before to compare) for the till's
  shop and for the whole organisation, vs bare sqlite3 counting the distinct members of the
  90-day window (the one figure no summary can skip).
- rebuild: `kiosk.ledger.rebuild` of every balance, card and coupon vs one set-based
  INSERT ... SELECT ... GROUP BY of the balances.

The ledger is built once by `kiosk.demo.build_large` and cached under bench/out/ keyed by its
sizes, seed, the generator's source and the schema revision; writes go to a copy.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import resource
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk import cards, ledger  # noqa: E402
from kiosk.clock import FixedClock, to_micros  # noqa: E402
from kiosk.days import day_bounds, local_day  # noqa: E402
from kiosk.demo import build_large  # noqa: E402
from kiosk.ids import new_id  # noqa: E402
from kiosk.reports import daily_summary  # noqa: E402
from kiosk.store import Store, head_revision  # noqa: E402
from kiosk.till import Till  # noqa: E402

OUT = ROOT / "bench" / "out"
TZ = ZoneInfo("Europe/Oslo")


def cached_ledger(members: int, events: int, seed: int) -> tuple[Path, dict[str, str], dict]:
    """The generated ledger for these sizes, built once; returns (path, codes, facts)."""
    source = (ROOT / "kiosk" / "demo.py").read_bytes()
    key = hashlib.sha256(source + head_revision().encode()).hexdigest()[:10]
    path = OUT / f"large-{members}m-{events}e-s{seed}-{key}.sqlite3"
    meta = path.with_suffix(".json")
    if not (path.exists() and meta.exists()):
        OUT.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        print(f"building {members:,} members / {events:,} events into {path.name} ...",
              flush=True)
        started = time.perf_counter()
        built = build_large(path, members=members, events=events, seed=seed)
        took = time.perf_counter() - started
        facts = {"org_id": built.org_id, "shop_id": built.till_shop_id,
                 "events": built.events, "last_day": built.last_day.isoformat(),
                 "build_seconds": round(took, 1), "codes": built.codes}
        meta.write_text(json.dumps(facts))
    facts = json.loads(meta.read_text())
    print(f"ledger: {facts['events']:,} events, {members:,} members"
          f" (built in {facts['build_seconds']} s; {path.stat().st_size / 1e6:,.0f} MB)")
    return path, facts.pop("codes"), facts


def bare(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the till's pragmas (kiosk.sqlite_config)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def timings(fn: Callable[[int], object], n: int, warm: int = 20, start: int = 0
            ) -> list[float]:
    for i in range(start, start + warm):
        fn(i)
    out = []
    for i in range(start + warm, start + warm + n):
        started = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - started)
    return out


def interleaved(fns: dict[str, Callable[[int], object]], n: int, rounds: int = 10
                ) -> dict[str, list[float]]:
    """Time each function about n times, taking turns in rounds: a noisy neighbour or the
    disk's mood then weighs on the figure and its floor alike."""
    each = max(1, n // rounds)
    out: dict[str, list[float]] = {name: [] for name in fns}
    for r in range(rounds):
        for name, fn in fns.items():
            out[name] += timings(fn, each, warm=1 if r == 0 else 0, start=r * (each + 1))
    return out


def p95(xs: list[float]) -> float:
    return sorted(xs)[int(len(xs) * 0.95) - 1]


def line(name: str, real: list[float], floor: list[float], floor_name: str,
         target: str = "", unit: float = 1e3, unit_name: str = "ms") -> None:
    ratio = statistics.median(real) / statistics.median(floor)
    print(f"{name:<34} median {statistics.median(real) * unit:8.3f} {unit_name}"
          f"  p95 {p95(real) * unit:8.3f} {unit_name}")
    print(f"  floor: {floor_name:<25} median {statistics.median(floor) * unit:8.3f} {unit_name}"
          f"  p95 {p95(floor) * unit:8.3f} {unit_name}   ratio {ratio:5.1f}x  {target}")


# --- stamp ------------------------------------------------------------------------------------


def _copy(source: Path, target: Path) -> None:
    """Copy and flush, so the copy's write-back does not land on the timed commits."""
    shutil.copyfile(source, target)
    with open(target, "rb+") as f:
        os.fsync(f.fileno())


def open_copy(path: Path, facts: dict, folder: str = "work") -> tuple[Path, FixedClock, Till]:
    """A fresh copy of the cached ledger in OUT/folder, opened as a till whose clock stands
    at 09:00 the day after the ledger's last day: (folder, clock, till)."""
    work = OUT / folder
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    _copy(path, work / "till.sqlite3")
    day_after = date.fromisoformat(facts["last_day"]) + timedelta(days=1)
    clock = FixedClock(datetime.combine(day_after, dtime(9, 0), TZ))
    return work, clock, Till.open(work, clock=clock)


def bench_stamp(path: Path, codes: dict[str, str], facts: dict, n: int,
                profile: bool) -> None:
    work, clock, till = open_copy(path, facts)
    pairs = list(codes.items())
    half = len(pairs) // 2  # the real path and the prototype stamp different members

    def real(i: int) -> None:
        # A different member each time (the café caps stamps per visit).
        clock.advance(seconds=1)
        view = till.lookup(pairs[i % half][0])
        till.stamp(view.id)

    if profile:
        _profile("stamp through the till", real, 200)
        _decompose(till, real, 200)
    lean = _lean_stamp(till, clock, pairs[half:])
    floor = _floor_stamp(work / "till.sqlite3", clock, facts, list(codes.values()))
    floor_days = _floor_stamp(work / "till.sqlite3", clock, facts, list(codes.values()),
                              visit_days=True)
    runs = interleaved({"real": real, "lean": lean, "floor": floor, "days": floor_days},
                       min(n, half - 20))
    till.close()
    line("stamp: lookup + stamp (real path)", runs["real"], runs["days"],
         "bare 5 writes, 1 commit", "(target <= 3x: the same writes as the real path)")
    line("stamp: lookup + stamp (real path)", runs["real"], runs["floor"],
         "bare 3 writes, 1 commit", "(the floor before the visit-day table)")
    line("  prototype: lean lookup + stamp", runs["lean"], runs["floor"],
         "bare 3 writes, 1 commit", "(bench-only sketch, see _lean_stamp)")


def _floor_stamp(path: Path, clock: FixedClock, facts: dict, members: list[str], *,
                 visit_days: bool = False) -> Callable[[int], None]:
    """Bare sqlite3 writing what a stamp writes: event, outbox row, balance upsert, and with
    `visit_days` the member's visit day for the shop and the organisation (kiosk.visits)."""
    conn = bare(path)
    device = new_id()  # a device of its own, so its sequence never meets the till's
    seq = 0
    insert_event = (f"INSERT INTO event ({', '.join(ledger.COLUMNS)}) VALUES"
                    f" ({', '.join('?' * len(ledger.COLUMNS))})")
    upsert = ("INSERT INTO balance (member_id, stamps, points, cashback_minor, spend_minor,"
              " tier, tier_ts, tier_event, last_ts) VALUES (?, 1, 0, 0, 0, NULL, 0, '', ?)"
              " ON CONFLICT (member_id) DO UPDATE SET stamps = stamps + excluded.stamps,"
              " last_ts = max(last_ts, excluded.last_ts)")

    def floor(i: int) -> None:
        nonlocal seq
        seq += 1
        member = members[i % len(members)]
        ts = to_micros(clock.advance(seconds=1))
        event_id = new_id()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(insert_event, (event_id, device, seq, ts, ledger.STAMP, facts["org_id"],
                                    facts["shop_id"], member, 1, 0, 0, 0, None, None, None,
                                    None, None, "{}"))
        conn.execute("INSERT INTO outbox (event_id, queued_at) VALUES (?, ?)", (event_id, ts))
        conn.execute(upsert, (member, ts))
        if visit_days:
            day = ts // 86_400_000_000
            for scope in (facts["shop_id"], ""):
                conn.execute("INSERT OR IGNORE INTO member_day (org_id, shop_id, member_id, day,"
                             " month, prev_day, new_month) VALUES (?, ?, ?, ?, ?, NULL, 1)",
                             (facts["org_id"], scope, member, day, day // 30))
        conn.execute("COMMIT")

    return floor


def _decompose(till: Till, fn: Callable[[int], object], n: int) -> None:
    """Split the real path's time into the driver's execute, the commits, and the rest."""
    spent = {"execute": 0.0, "commit": 0.0, "statements": 0}

    class Timed(sqlite3.Connection):
        def execute(self, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
            at = time.perf_counter()
            try:
                return super().execute(*args)  # type: ignore[arg-type]
            finally:
                spent["execute"] += time.perf_counter() - at
                spent["statements"] += 1

        def commit(self) -> None:
            at = time.perf_counter()
            try:
                super().commit()
            finally:
                spent["commit"] += time.perf_counter() - at

    # The store opens its connections with sqlite3.connect: hand it timed ones for the run.
    real_connect = sqlite3.connect
    sqlite3.connect = lambda *a, **k: real_connect(*a, factory=Timed, **k)  # type: ignore[assignment]
    till.store.close()
    try:
        at = time.perf_counter()
        for i in range(10_000, 10_000 + n):
            fn(i)
        total = time.perf_counter() - at
    finally:
        sqlite3.connect = real_connect
        till.store.close()
    per = 1e3 / n
    print(f"--- where a lookup + stamp goes ({n} runs, ms each): total {total * per:.3f};"
          f" {spent['statements'] / n:.0f} statements in the driver {spent['execute'] * per:.3f};"
          f" 2 commits {spent['commit'] * per:.3f}; Python (the core)"
          f" {(total - spent['execute'] - spent['commit']) * per:.3f}")


def _lean_stamp(till: Till, clock: FixedClock, pairs: list[tuple[str, str]]
                ) -> Callable[[int], None]:
    """A sketch of the same lookup + stamp with what the profile says to cut: the shop,
    programme and device kept in memory between transactions (instead of 2 queries per
    transaction), the next sequence number kept in memory (the till is its device's only
    writer), no INSERT OR IGNORE of a member already checked, the member view built from the
    balance just read plus the event, and every statement on the driver's cursor inside the
    Store's own transactions (SQLAlchemy's per-statement bookkeeping skipped). Same SQL, same
    locks, same commit. It writes as a device of its own, so its in-memory sequence never
    meets the till's."""
    ctx = till.run(lambda _conn, ctx: ctx, write=False)
    org = till.info().org
    card = ctx.program.stamp_card
    assert card is not None
    device = new_id()
    seq = 0
    kinds = (ledger.PURCHASE, ledger.STAMP)
    net_today = ("SELECT coalesce(sum(stamps), 0) FROM event e WHERE e.member_id = ?"
                 " AND e.ts >= ? AND e.ts < ? AND e.kind IN (?, ?) AND NOT EXISTS"
                 " (SELECT 1 FROM event r WHERE r.reverses = e.id)")
    balance = ("SELECT m.id, m.name, m.phone, m.email, m.birthday, m.erased_at,"
               " m.segments_json, coalesce(b.stamps, 0), coalesce(b.points, 0),"
               " coalesce(b.cashback_minor, 0), coalesce(b.spend_minor, 0), b.tier FROM member m"
               " LEFT JOIN balance b ON b.member_id = m.id WHERE m.id = ?")
    coupons = ("SELECT id, kind, title, valid_from, valid_to, used_event FROM coupon"
               " WHERE member_id = ? ORDER BY valid_from, id")

    def one(i: int) -> None:
        nonlocal seq
        now = clock.advance(seconds=1)
        checked = cards.check(pairs[i % len(pairs)][0], prefix=org.code_prefix,
                              card_key=org.card_key)
        with till.store.read() as conn:
            cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            member_id = cur.execute("SELECT member_id, revoked_at, revoked_reason FROM card"
                                    " WHERE code_hash = ?", (checked.hash,)).fetchone()[0]
            cur.execute(balance, (member_id,)).fetchone()
            cur.execute(coupons, (member_id,)).fetchall()
        with till.store.write() as conn:
            cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            row = cur.execute(balance, (member_id,)).fetchone()
            assert row is not None and row[5] is None
            start, end = day_bounds(local_day(now, ctx.shop.tz), ctx.shop.tz)
            given = cur.execute(net_today, (member_id, start, end, *kinds)).fetchone()[0]
            assert given + 1 <= card.max_stamps_per_visit
            seq += 1
            ts = to_micros(now)
            event_id = new_id()
            cur.execute(ledger._INSERT_EVENT, (
                event_id, device, seq, ts, ledger.STAMP, ctx.origin.org_id,
                ctx.origin.shop_id, member_id, 1, 0, 0, 0, None, None, None, None, None, "{}"))
            cur.execute("INSERT INTO outbox (event_id, queued_at) VALUES (?, ?)", (event_id, ts))
            cur.execute(ledger._UPSERT_BALANCE, (member_id, 1, 0, 0, 0, None, 0, "", ts))
            cur.execute(coupons, (member_id,)).fetchall()

    return one


# --- lookup -----------------------------------------------------------------------------------


def bench_lookup(path: Path, codes: dict[str, str], n: int, profile: bool) -> None:
    till = Till.open(_read_dir(path))
    code_list = list(codes)

    def real(i: int) -> None:
        till.lookup(code_list[i % len(code_list)])

    if profile:
        _profile("lookup through the till", real, 2000)
    conn = bare(path)
    hashes = [cards.code_hash(c) for c in code_list]

    def floor(i: int) -> None:
        member = conn.execute("SELECT member_id, revoked_at, revoked_reason FROM card"
                              " WHERE code_hash = ?", (hashes[i % len(hashes)],)).fetchone()[0]
        conn.execute(
            "SELECT m.id, m.name, m.phone, m.email, m.birthday, m.erased_at, m.segments_json,"
            " coalesce(b.stamps, 0), coalesce(b.points, 0), coalesce(b.cashback_minor, 0),"
            " coalesce(b.spend_minor, 0), b.tier FROM member m"
            " LEFT JOIN balance b ON b.member_id = m.id WHERE m.id = ?", (member,)).fetchone()
        conn.execute("SELECT id, kind, title, valid_from, valid_to, used_event FROM coupon"
                     " WHERE member_id = ? ORDER BY valid_from, id", (member,)).fetchall()

    runs = interleaved({"real": real, "floor": floor}, n)
    till.close()
    conn.close()
    line("lookup: card code -> member view", runs["real"], runs["floor"], "bare 3 SELECTs",
         "(target < 0.5 ms)")


def _read_dir(path: Path) -> Path:
    """A folder whose till.sqlite3 is the cached ledger (a symlink: lookups only read)."""
    folder = OUT / "read"
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "till.sqlite3"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(path.resolve())
    return folder


# --- daily summary ----------------------------------------------------------------------------


def bench_summary(path: Path, facts: dict, n: int) -> None:
    store = Store(path)
    last = date.fromisoformat(facts["last_day"])
    conn = bare(path)
    lo, hi = day_bounds(last - timedelta(days=89), TZ)[0], day_bounds(last, TZ)[1]
    kinds = sorted(ledger.VISIT_KINDS)
    marks = ", ".join("?" * len(kinds))
    cases = (("shop", facts["shop_id"], last), ("organisation", None, last),
             ("shop, a week", facts["shop_id"], last - timedelta(days=6)))
    for label, shop, first in cases:
        scope = "org_id = ?" + (" AND shop_id = ?" if shop else "")
        args = (facts["org_id"], *((shop,) if shop else ()), lo, hi, *kinds)
        window = conn.execute(f"SELECT count(*) FROM event WHERE {scope} AND ts >= ?"
                              f" AND ts < ? AND kind IN ({marks})", args).fetchone()[0]
        with store.read() as c:
            def real(i: int, c=c, shop=shop, first=first) -> None:
                daily_summary(c, org_id=facts["org_id"], shop_id=shop, first=first,
                              last=last, tz=TZ)

            def floor(i: int, scope=scope, args=args) -> None:
                conn.execute(f"SELECT count(DISTINCT member_id) FROM event WHERE {scope}"
                             f" AND ts >= ? AND ts < ? AND kind IN ({marks})", args).fetchone()

            runs = interleaved({"real": real, "floor": floor}, n, rounds=5)
            s = daily_summary(c, org_id=facts["org_id"], shop_id=shop, first=first, last=last,
                              tz=TZ)
        line(f"daily summary, {label}", runs["real"], runs["floor"], "distinct members, 90 d",
             "(target < 50 ms)" if first == last else "(with the week before)")
        print(f"  {window:,} visit events in the 90-day window; {s.visits} visits,"
              f" {s.active_members_90:,} active in 90 days,"
              f" {statistics.median(runs['real']) / window * 1e6:.2f} us per window event")
    conn.close()
    store.close()


# --- rebuild ----------------------------------------------------------------------------------


def bench_rebuild(path: Path) -> None:
    work = OUT / "work" / "rebuild.sqlite3"
    work.parent.mkdir(parents=True, exist_ok=True)
    _copy(path, work)
    store = Store(work)
    with store.write() as conn:
        started = time.perf_counter()
        folded = ledger.rebuild(conn)
        real = time.perf_counter() - started
        cached = conn.exec_driver_sql(
            "SELECT member_id, stamps, points, cashback_minor, spend_minor, last_ts"
            " FROM balance ORDER BY member_id").fetchall()
    store.close()
    conn = bare(work)
    activity = sorted(ledger.ACTIVITY_KINDS)
    conn.execute("BEGIN IMMEDIATE")
    started = time.perf_counter()
    conn.execute("DELETE FROM balance")
    conn.execute(
        "INSERT INTO balance (member_id, stamps, points, cashback_minor, spend_minor, tier,"
        " tier_ts, tier_event, last_ts) SELECT member_id, sum(stamps), sum(points),"
        " sum(cashback_minor), sum(amount_minor), NULL, 0, '',"
        f" coalesce(max(CASE WHEN kind IN ({', '.join('?' * len(activity))}) THEN ts END), 0)"
        " FROM event WHERE member_id IS NOT NULL GROUP BY member_id", activity)
    floor = time.perf_counter() - started
    same = conn.execute(
        "SELECT member_id, stamps, points, cashback_minor, spend_minor, last_ts"
        " FROM balance ORDER BY member_id").fetchall() == [tuple(r) for r in cached]
    conn.execute("ROLLBACK")
    conn.close()
    work.unlink()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'rebuild: every balance from events':<34} {real:8.2f} s  ({folded:,} events,"
          f" {folded / real:,.0f} events/s; this process peaked at {peak:,.0f} MB)")
    print(f"  floor: {'set-based GROUP BY':<25} {floor:8.2f} s   ratio {real / floor:5.1f}x"
          f"   (same balances: {same})")


def _profile(name: str, fn: Callable[[int], object], n: int) -> None:
    prof = cProfile.Profile()
    prof.enable()
    for i in range(n):
        fn(i)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(18)
    print(f"--- profile: {name}, {n} calls, by own time ---")
    print("\n".join(out.getvalue().splitlines()[6:30]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="100,000 members, 1,000,000 events")
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-n", type=int, default=500, help="timed repetitions of fast paths")
    parser.add_argument("--profile", action="store_true", help="cProfile the real paths")
    parser.add_argument("--skip-rebuild", action="store_true")
    args = parser.parse_args()
    if args.large:
        args.members, args.events = 100_000, 1_000_000
    path, codes, facts = cached_ledger(args.members, args.events, args.seed)
    bench_lookup(path, codes, args.n * 4, args.profile)
    bench_stamp(path, codes, facts, args.n, args.profile)
    bench_summary(path, facts, max(15, args.n // 20))
    if not args.skip_rebuild:
        bench_rebuild(path)
    shutil.rmtree(OUT / "work", ignore_errors=True)


if __name__ == "__main__":
    main()
