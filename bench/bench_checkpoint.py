"""The slowest stamps on a large ledger: SQLite's automatic WAL checkpoint inside a commit
against the till's background checkpointer (kiosk/checkpoints.py).

    .venv/bin/python bench/bench_checkpoint.py [--members 100000] [--events 200000] [--n 400]

A cashier notices the slowest stamp, not the median: with the automatic checkpoint one
commit in about forty copies the log into the database and waits for its fsync. Printed per
series: median, p99 and the slowest stamp, beside a bare sqlite3 floor that writes what a
stamp writes (bench_core's, with the automatic checkpoint as SQLite ships it) in the same run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_core import _floor_stamp, cached_ledger, open_copy  # noqa: E402


def timed(fn: Callable[[int], None], start: int, n: int) -> list[float]:
    """Milliseconds of each of n calls."""
    out = []
    for i in range(start, start + n):
        t0 = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def report(name: str, ms: list[float], floor: float) -> None:
    ordered = sorted(ms)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    print(f"{name:<44} median {statistics.median(ms):7.2f} ms   p99 {p99:7.2f} ms"
          f"   slowest {ordered[-1]:7.1f} ms   slowest/floor median {ordered[-1] / floor:6.1f}x")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--members", type=int, default=100_000)
    p.add_argument("--events", type=int, default=200_000)
    p.add_argument("--n", type=int, default=400, help="stamps per series")
    args = p.parse_args()
    path, codes, facts = cached_ledger(args.members, args.events, 1)
    work, clock, till = open_copy(path, facts, "work-checkpoint")
    pairs = list(codes.items())
    n = min(args.n, len(pairs) // 3)

    def stamp(i: int) -> None:
        clock.advance(seconds=1)
        till.stamp(till.lookup(pairs[i][0]).id)  # a new member each time (the visit cap)

    floor_fn = _floor_stamp(work / "till.sqlite3", clock, facts, list(codes.values()),
                            visit_days=True)
    floor = timed(floor_fn, 2 * n, n)
    automatic = timed(stamp, 0, n)
    stop = till.checkpoint_in_background()
    try:
        background = timed(stamp, n, n)
    finally:
        stop()
        till.close()
    base = statistics.median(floor)
    print(f"{n} stamps per series, {facts['events']:,} events")
    report("floor: bare 5 writes + commit (auto ckpt)", floor, base)
    report("till, automatic checkpoint in the commit", automatic, base)
    report("till, checkpoint on its own thread", background, base)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
