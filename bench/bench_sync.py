"""Sync throughput against the real server on PostgreSQL.

    .venv/bin/python bench/bench_sync.py [--drain N] [--events N] [--keep]

1. Drain: one till writes N events offline (default 10,000), then one sync pass sends them.
   Floor: a bare psycopg COPY of the same events into the server's event table, in the
   same run; the ratio says how close the whole path (till SQLite, HTTP, validation,
   server ingest, marking) comes to the database alone.
2. Pull: a new till enrols and pulls the organisation's N events (default 20,000; try
   --events 100000).
3. Wake latency: a write, wake(), and the event on the server (median of a few).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk import ledger  # noqa: E402
from kiosk.clock import SystemClock  # noqa: E402
from kiosk.members import Registration  # noqa: E402
from kiosk.programs import cafe_template  # noqa: E402
from kiosk.till import Till  # noqa: E402
from server.ingest import content_hash  # noqa: E402
from sync.client import client_for  # noqa: E402
from sync.enrol import enrol  # noqa: E402
from sync.protocol import WireEvent  # noqa: E402
from sync.reconcile import identity, pull_events, push_events, run_once  # noqa: E402
from sync.state import SyncResult  # noqa: E402
from sync.worker import SyncWorker  # noqa: E402
from tests.support.live_server import LiveServer  # noqa: E402
from tests.support.pg import connect, temp_database  # noqa: E402

FAST = {"rate_per_second": 1_000_000, "rate_burst": 1_000_000,
        "enrol_rate_per_second": 1000, "enrol_burst": 1000}
MEMBERS = 200


def new_till(folder: Path, server: LiveServer, shop_id: str, name: str) -> Till:
    till = Till.open(folder / name, clock=SystemClock())
    enrol(till, server_url=server.base_url, pairing_code=server.admin_create_pairing(shop_id))
    return till


def write_offline(till: Till, members: list[str], count: int) -> None:
    def write(conn, ctx):  # type: ignore[no-untyped-def]
        for i in range(count):
            ledger.append(conn, ctx.origin, ctx.clock, ledger.NewEvent(
                ledger.PURCHASE, members[i % len(members)], points=3, stamps=1,
                amount_minor=4500, currency="NOK",
                payload={"items": [{"category": "coffee", "amount_minor": 4500,
                                    "quantity": 1 + i % 3}]}))
    till.run(write)


def copy_floor(database_url: str, events: list[ledger.EventRecord]) -> float:
    """Seconds for a bare COPY of these events into `event` (fresh ids, under a throw-away
    organisation and device, deleted afterwards)."""
    org, device = str(uuid.uuid4()), str(uuid.uuid4())
    columns = (*ledger.COLUMNS, "content_hash", "received_at")
    rows = []
    for e in events:
        data = {**e.as_dict(), "id": str(uuid.uuid4()), "org_id": org, "device_id": device}
        wire = WireEvent(**data)
        rows.append((*(data[c] for c in ledger.COLUMNS), content_hash(wire), 0))
    with connect(database_url) as conn:
        started = time.perf_counter()
        with conn.transaction():
            with conn.cursor().copy(f"COPY event ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        elapsed = time.perf_counter() - started
        conn.execute("DELETE FROM event WHERE org_id = %s", (org,))
    return elapsed


def bench_drain(server: LiveServer, url: str, folder: Path, shop_id: str, count: int) -> None:
    till = new_till(folder, server, shop_id, "drain")
    client = client_for(till)
    run_once(till, client)  # the programme
    members = [till.register(Registration(name=f"M{i}")).member_id for i in range(MEMBERS)]
    run_once(till, client)
    write_offline(till, members, count)
    events = till.sync.outbox(count)
    assert len(events) == count

    started = time.perf_counter()
    pushed = SyncResult()
    push_events(till, client, pushed, batch_size=500, skip=set())
    push_s = time.perf_counter() - started
    rest = run_once(till, client)  # pull back, check: what completes the pass
    total_s = time.perf_counter() - started
    assert pushed.pushed == count and till.pending_count() == 0, (pushed.summary(), rest)

    floor_s = copy_floor(url, events)
    print(f"drain {count:,} offline events, batches of 500:")
    print(f"  push alone          {push_s:7.2f} s  {count / push_s:10,.0f} events/s")
    print(f"  whole pass          {total_s:7.2f} s  {count / total_s:10,.0f} events/s"
          "  (push, pull back, balance check)")
    print(f"  floor: psycopg COPY {floor_s:7.2f} s  {count / floor_s:10,.0f} events/s")
    print(f"  ratio push / COPY   {floor_s / push_s:7.3f}   (target: >= 10,000 events/s"
          f" end to end: {'met' if count / push_s >= 10_000 else 'NOT met'})")
    client.close()
    till.close()


def seed_server(url: str, org_id: str, shop_id: str, count: int) -> None:
    """`count` events of the organisation written straight into the server's table."""
    device = str(uuid.uuid4())
    members = [str(uuid.uuid4()) for _ in range(MEMBERS)]
    columns = (*ledger.COLUMNS, "content_hash", "received_at")
    with connect(url) as conn, conn.transaction():
        with conn.cursor().copy(f"COPY event ({', '.join(columns)}) FROM STDIN") as copy:
            for i in range(count):
                e = WireEvent(id=str(uuid.uuid4()), device_id=device, seq=i + 1,
                              ts=1_795_000_000_000_000 + i, kind=ledger.ADJUSTMENT,
                              org_id=org_id, shop_id=shop_id, member_id=members[i % MEMBERS],
                              points=1, payload='{"reason":"bench"}')
                copy.write_row((*(getattr(e, c) for c in ledger.COLUMNS), content_hash(e), 0))


def bench_pull(server: LiveServer, url: str, folder: Path, count: int) -> None:
    org = server.admin_create_org("Pull bench")
    shop = server.admin_create_shop(org["id"], "Pull shop")
    server.admin_publish_program(shop["id"], cafe_template().model_dump(mode="json"))
    seed_server(url, org["id"], shop["id"], count)
    till = new_till(folder, server, shop["id"], "pull")
    client = client_for(till)
    started = time.perf_counter()
    result = SyncResult()
    pull_events(till, client, result, identity(till))
    elapsed = time.perf_counter() - started
    assert result.pulled == count + 1, result.pulled
    floor_s = insert_floor(till, folder / "floor")
    print(f"a new till pulls {count:,} events, pages of 1000:")
    print(f"  pull and apply      {elapsed:7.2f} s  {count / elapsed:10,.0f} events/s")
    print(f"  floor: bare sqlite3 {floor_s:7.2f} s  {count / floor_s:10,.0f} events/s"
          "  (executemany of the same rows into a fresh till's event table, one commit per"
          " page, no fold, no HTTP)")
    print(f"  ratio pull / floor  {floor_s / elapsed:7.3f}")
    started = time.perf_counter()
    assert till.check_balances() == []
    print(f"  (check: ledger.check on the till afterwards {time.perf_counter() - started:.2f} s)")
    client.close()
    till.close()


def insert_floor(till: Till, folder: Path) -> float:
    """Seconds for bare sqlite3 to insert the events this till pulled into a fresh till
    database (same schema and indexes, WAL, synchronous=FULL), 1000 rows per commit."""
    rows = [e.as_row() for e in till.events(limit=10**9)]
    fresh = Till.open(folder, clock=SystemClock())
    path = fresh.data_dir / "till.sqlite3"
    fresh.close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    insert = (f"INSERT OR IGNORE INTO event ({', '.join(ledger.COLUMNS)})"
              f" VALUES ({', '.join('?' * len(ledger.COLUMNS))})")
    started = time.perf_counter()
    for start in range(0, len(rows), 1000):
        db.execute("BEGIN IMMEDIATE")
        db.executemany(insert, rows[start : start + 1000])
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def bench_wake(server: LiveServer, folder: Path, shop_id: str, rounds: int = 9) -> None:
    till = new_till(folder, server, shop_id, "wake")
    client = client_for(till)
    worker = SyncWorker(till, client, poll_interval=3600, pull_interval=3600)
    worker.start()
    try:
        member = till.register(Registration(name="Wake")).member_id
        worker.wake()
        while till.pending_count() or not worker.state.online:  # the first (full) pass
            time.sleep(0.01)
        delays = []
        for _ in range(rounds):
            started = time.perf_counter()
            done = till.adjust(member, points=1, reason="wake")
            worker.wake()
            while till.pending_count():
                time.sleep(0.001)
            delays.append(time.perf_counter() - started)
            assert done.event.id
    finally:
        worker.stop()
        client.close()
        till.close()
    median_ms, worst_ms = statistics.median(delays) * 1000, max(delays) * 1000
    print(f"write -> wake() -> confirmed by the server: median {median_ms:.0f} ms,"
          f" worst {worst_ms:.0f} ms (target: within a second on loopback)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--drain", type=int, default=10_000, help="offline events to drain")
    parser.add_argument("--events", type=int, default=20_000, help="events a new till pulls")
    args = parser.parse_args()
    with temp_database("klipp_bench_sync") as url, \
            tempfile.TemporaryDirectory(prefix="klipp-bench-") as tmp, \
            LiveServer(url, settings=FAST) as server:
        folder = Path(tmp)
        org = server.admin_create_org("Bench")
        shop = server.admin_create_shop(org["id"], "Bench shop")
        server.admin_publish_program(shop["id"], cafe_template().model_dump(mode="json"))
        bench_drain(server, url, folder, shop["id"], args.drain)
        bench_pull(server, url, folder, args.events)
        bench_wake(server, folder, shop["id"])


if __name__ == "__main__":
    main()
