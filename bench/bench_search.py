"""Name and phone search at 100,000 members, against floors measured in the same run.

    .venv/bin/python bench/bench_search.py               # 100,000 members
    .venv/bin/python bench/bench_search.py --members 20000

Figures (median and 95th percentile per query, over the query list):
- search: `kiosk.members.search` (fold the query, word-start ranges on member_word, order by
  name key, top 20) for names typed as a cashier types them, and for phone numbers;
- floor: bare sqlite3 on the same file fetching 20 ids by a range on the plain `name` index
  (what any indexed prefix search must at least do);
- same SQL: the core's statement for the first word, on bare sqlite3 (the core's own cost
  is the difference: folding, the read transaction, the phone attempt);
- old: the `name LIKE '%x%'` scan the search replaced, for comparison.
Members are written with their keys as registration writes them (the word triggers run).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk import members  # noqa: E402
from kiosk.clock import FixedClock  # noqa: E402
from kiosk.profiles import fold_name  # noqa: E402
from kiosk.till import Till  # noqa: E402

FIRST = ("Åse", "Kåre", "Øyvind", "Ingrid", "Jonas", "Kari", "Per", "Bjørn", "Siv", "Ola",
         "Anne-Marie", "Aase", "Håkon", "Björn", "Märta", "José", "Nils", "Marte", "Liv",
         "Sigrid", "Eirik", "Tone", "Hege", "Lars", "Mette", "Jørgen", "Solveig", "Ærling")
LAST = ("Ødegård", "Æsøy", "Aasen", "Åsen", "Haaland", "Nordmann", "Iversen", "Lie",
        "Bråthen", "Sæther", "Söderberg", "Östlund", "Hansen", "Johansen", "Olsen",
        "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen",
        "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen",
        "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund",
        "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg",
        "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen")
QUERIES = ("åse", "ødegård", "KÅRE", "æsøy", "øyvind", "kari nord", "per lie", "bjørn iv",
           "haaland", "märta östlund", "o", "s", "hansen", "anne marie", "zzz", "ærl")


def _build(path: Path, count: int) -> Till:
    till = Till.open(path, clock=FixedClock(datetime(2026, 11, 17, 9, tzinfo=UTC)))
    till.setup(org_name="Kaffe AS", shop_name="Kaffebar")
    org_id = till.info().org.id
    rng = random.Random(8)
    rows = []
    for i in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        rows.append((f"m{i:07d}", org_id, name, fold_name(name), f"+479{i:07d}"))

    def insert(conn, _ctx) -> None:
        conn.exec_driver_sql(
            "INSERT INTO member (id, org_id, name, name_key, phone, segments_json,"
            " profile_hlc_json, created_at) VALUES (?, ?, ?, ?, ?, '{}', '{}', 0)", rows)

    till.run(insert)
    return till


def _time(fn: Callable[[str], object], queries: list[str], rounds: int) -> tuple[float, float]:
    laps = []
    for q in queries:
        fn(q)  # warm: phone metadata and SQLite's page cache load once per process
    for _ in range(rounds):
        for q in queries:
            start = time.perf_counter()
            fn(q)
            laps.append((time.perf_counter() - start) * 1000)
    laps.sort()
    return statistics.median(laps), laps[int(len(laps) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        till = _build(Path(tmp), args.members)
        print(f"{args.members:,} members written with keys and words in "
              f"{time.perf_counter() - started:.1f} s")
        org = till.info().org
        db = sqlite3.connect(till.store.path)

        def core(q: str) -> object:
            with till.store.read() as conn:
                return members.search(conn, org, q, region="NO")

        def floor(q: str) -> object:
            return db.execute("SELECT id FROM member WHERE name >= ? AND name < ?"
                              " ORDER BY name LIMIT 20", (q, q + "\U0010ffff")).fetchall()

        def same_sql(q: str) -> object:
            # The core's statement for a one-word query, on bare sqlite3 with the key given.
            key = fold_name(q).split()[0]
            return db.execute(
                "SELECT member_id, min(name_key) AS k FROM member_word"
                " WHERE word >= ? AND word < ? GROUP BY member_id ORDER BY k, member_id"
                " LIMIT 20", (key, key + "\U0010ffff")).fetchall()

        def old(q: str) -> object:
            return db.execute("SELECT id FROM member WHERE erased_at IS NULL AND name LIKE ?"
                              " ORDER BY name LIMIT 20", (f"%{q}%",)).fetchall()

        names = list(QUERIES)
        phones = ["+47 900 00 123", "90012345", "0047 9001 2345", "+4790099999"]
        print(f"{'':28}{'median ms':>10}{'p95 ms':>10}")
        for label, fn, queries in (
                ("search, names", core, names), ("search, phones", core, phones),
                ("floor: bare sqlite3 range", floor, [q.capitalize() for q in names]),
                ("same SQL on bare sqlite3", same_sql, names),
                ("old LIKE '%x%' scan", old, names)):
            med, p95 = _time(fn, queries, args.rounds)
            print(f"{label:28}{med:10.3f}{p95:10.3f}")
        for q in ("åse", "o", "s", "hansen"):
            start = time.perf_counter()
            with till.store.read() as conn:
                hits = len(members.search_names(conn, q, limit=10**7))
            print(f"  {q!r}: {hits:,} matching members, all of them fetched in "
                  f"{(time.perf_counter() - start) * 1000:.1f} ms")
        db.close()
        till.close()


if __name__ == "__main__":
    main()
