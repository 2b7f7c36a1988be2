"""Push throughput and latency of the real server on PostgreSQL, against a bare COPY floor.

    python bench/bench_server.py                    # 20 tills, 20 s (2 phases of 10 s)
    python bench/bench_server.py --seconds 60       # the full minute
    python bench/bench_server.py --tills 5 --batch 100 --rate 8000

A fresh PostgreSQL database is made on 127.0.0.1:5432 (and dropped after) unless one is
given. The server runs as its own process (`python -m server serve`, one uvicorn worker);
the tills are threads here, each with its own keep-alive connection. Two phases:
- flat out: every till pushes new batches back to back; the server's top throughput (the
  latency here is mostly queueing: 20 requests always in flight);
- paced, open loop: batches are offered at `--rate` events/s in total (a batch every
  batch / rate seconds, the tills taking turns), each started on schedule whether or not the
  earlier ones have been answered, as real tills would. A request's latency runs from the
  moment it was due, so time spent queueing (in the server or waiting for a free sender
  here) shows. Throughput is what the server confirmed over the time it took, to the last
  answer; the phase says when the server fell behind the offered rate.
Then, as the floor, events go into the same table by a bare psycopg COPY in transactions of
one batch each (the least a server could do per event), and by executemany.
Targets: >= 10,000 events/s flat out; p95 < 100 ms at >= 5,000 events/s (checked and printed
for the paced phase).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk import ledger  # noqa: E402
from kiosk.ids import new_id  # noqa: E402
from tests.support.live_server import LiveServer  # noqa: E402
from tests.support.pg import connect, create_database, drop_database  # noqa: E402

TS0 = 1_790_000_000_000_000
PAYLOAD = '{"items":[{"category":"coffee","amount_minor":12500,"quantity":1}]}'
UNLIMITED = {"rate_per_second": 1_000_000, "rate_burst": 1_000_000,
             "enrol_rate_per_second": 1_000_000, "enrol_burst": 1_000_000, "db_pool_size": 20}


FIRST_ERROR: dict[str, str] = {}  # the first refusal, shown so a failed run says why


class Pusher(threading.Thread):
    """One till: builds batches of fresh events and posts them until the deadline."""

    def __init__(self, base_url: str, till: dict, *, batch: int, deadline: float,
                 members: int, interval: float = 0.0, offset: float = 0.0) -> None:
        super().__init__(daemon=True)
        self.interval = interval  # seconds between batches when paced, 0 = back to back
        self.offset = offset
        self.url = base_url + "/v1/events"
        self.till = till
        self.batch = batch
        self.deadline = deadline
        self.members = [str(uuid.uuid4()) for _ in range(members)]
        self.latencies: list[float] = []
        self.accepted = 0
        self.errors = 0
        self.seq = till.setdefault("bench_seq", 0)
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {till['token']}",
                                     "Content-Type": "application/json"})

    def body(self) -> bytes:
        events = []
        for _ in range(self.batch):
            self.seq += 1
            events.append({
                "id": new_id(), "device_id": self.till["device_id"], "seq": self.seq,
                "ts": TS0 + self.seq * 1000, "kind": "purchase",
                "org_id": self.till["org"]["id"], "shop_id": self.till["shop"]["id"],
                "member_id": self.members[self.seq % len(self.members)], "stamps": 0,
                "points": 12, "amount_minor": 12_500, "cashback_minor": 0, "currency": "NOK",
                "reward_id": None, "coupon_id": None, "reverses": None, "tier": None,
                "payload": PAYLOAD,
            })
        self.till["bench_seq"] = self.seq
        return json.dumps({"events": events}).encode()

    def run(self) -> None:
        next_at = time.monotonic() + self.offset
        while True:
            if self.interval:
                if next_at >= self.deadline:
                    break
                pause = next_at - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
                next_at += self.interval
            elif time.monotonic() >= self.deadline:
                break
            data = self.body()
            started = time.perf_counter()
            try:
                response = self.session.post(self.url, data=data, timeout=60)
            except requests.RequestException:
                self.errors += 1
                continue
            self.latencies.append(time.perf_counter() - started)
            if response.status_code == 200:
                self.accepted += len(response.json()["accepted"])
            else:
                self.errors += 1
                FIRST_ERROR.setdefault("text", f"{response.status_code} {response.text[:200]}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


@dataclass
class Phase:
    rate: float
    latencies: list[float]
    accepted: int
    errors: int
    offered: float | None = None  # events/s offered (paced phase only)
    elapsed: float = 0.0
    late_starts: int = 0  # requests that could not even be sent within 10 ms of being due
    unanswered: int = 0  # still unanswered when the phase gave up waiting
    notes: list[str] = field(default_factory=list)

    def show(self, title: str) -> None:
        lat = self.latencies
        print(f"{title}: {self.accepted:,} events confirmed in {len(lat):,} requests over "
              f"{self.elapsed:.1f} s, {self.errors} failed, {self.unanswered} unanswered")
        if self.offered is not None:
            print(f"  offered          {self.offered:10,.0f} events/s")
        print(f"  throughput       {self.rate:10,.0f} events/s (confirmed / time taken)")
        for name, q in (("p50", 0.50), ("p95", 0.95), ("p99", 0.99)):
            print(f"  latency {name}      {percentile(lat, q) * 1000:10.1f} ms")
        print(f"  latency mean     {statistics.fmean(lat) * 1000 if lat else 0:10.1f} ms")
        if self.offered is not None:
            print(f"  sent late        {self.late_starts:10,d} requests (> 10 ms after due)")
        for note in self.notes:
            print(f"  {note}")


def push_phase(live: LiveServer, tills: list[dict], args: argparse.Namespace) -> Phase:
    """Flat out: every till pushes back to back (closed loop), for half the time."""
    seconds = args.seconds / 2
    deadline = time.monotonic() + seconds
    pushers = [Pusher(live.base_url, t, batch=args.batch, deadline=deadline,
                      members=args.members) for t in tills]
    started = time.perf_counter()
    for p in pushers:
        p.start()
    for p in pushers:
        p.join()
    elapsed = time.perf_counter() - started  # until the last answer came
    accepted = sum(p.accepted for p in pushers)
    return Phase(accepted / elapsed, [x for p in pushers for x in p.latencies], accepted,
                 sum(p.errors for p in pushers), elapsed=elapsed)


class OpenLoop:
    """Offers batches on a fixed schedule from a pool of senders; never waits for answers."""

    def __init__(self, base_url: str, tills: list[dict], *, batch: int, members: int,
                 senders: int) -> None:
        self.url = base_url + "/v1/events"
        self.batch = batch
        self.pushers = [Pusher(base_url, t, batch=batch, deadline=0, members=members)
                        for t in tills]
        self.till_locks = [threading.Lock() for _ in tills]
        self.local = threading.local()
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.accepted = 0
        self.errors = 0
        self.late = 0
        self.last_answer = 0.0
        self.pool = ThreadPoolExecutor(max_workers=senders, thread_name_prefix="sender")

    def _session(self) -> requests.Session:
        session = getattr(self.local, "session", None)
        if session is None:
            session = self.local.session = requests.Session()
            session.headers["Content-Type"] = "application/json"
        return session

    def _send(self, index: int, due: float) -> None:
        if time.perf_counter() - due > 0.010:
            with self.lock:
                self.late += 1
        pusher = self.pushers[index]
        with self.till_locks[index]:  # one till's sequence numbers, one at a time
            data = pusher.body()
        headers = {"Authorization": f"Bearer {pusher.till['token']}"}
        try:
            response = self._session().post(self.url, data=data, headers=headers, timeout=120)
            ok = response.status_code == 200
            accepted = len(response.json()["accepted"]) if ok else 0
            if not ok:
                FIRST_ERROR.setdefault("text", f"{response.status_code} {response.text[:200]}")
        except (requests.RequestException, ValueError):
            ok, accepted = False, 0
        done = time.perf_counter()
        with self.lock:
            self.latencies.append(done - due)  # from when it was due: queueing counts
            self.accepted += accepted
            self.errors += not ok
            self.last_answer = max(self.last_answer, done)

    def run(self, rate: float, seconds: float, drain: float) -> Phase:
        interval = self.batch / rate
        start = time.perf_counter()
        futures = []
        for i in itertools.count():
            due = start + i * interval
            if due >= start + seconds:
                break
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)  # the schedule itself; answers are never waited for here
            futures.append(self.pool.submit(self._send, i % len(self.pushers), due))
        offered_for = time.perf_counter() - start
        give_up = time.perf_counter() + drain
        for future in futures:
            remaining = give_up - time.perf_counter()
            if remaining <= 0:
                break
            try:
                future.result(timeout=remaining)
            except TimeoutError:
                break
        unanswered = sum(not f.done() for f in futures)
        self.pool.shutdown(wait=False, cancel_futures=True)
        with self.lock:
            end = self.last_answer if unanswered == 0 else time.perf_counter()
            elapsed = max(end - start, offered_for)
            phase = Phase(self.accepted / elapsed, list(self.latencies), self.accepted,
                          self.errors, offered=len(futures) * self.batch / offered_for,
                          elapsed=elapsed, late_starts=self.late, unanswered=unanswered)
        behind = phase.rate < 0.95 * phase.offered or unanswered or phase.late_starts > \
            0.05 * len(futures)
        if behind:
            phase.notes.append(
                f"FELL BEHIND: offered {phase.offered:,.0f} events/s, confirmed "
                f"{phase.rate:,.0f} events/s; the backlog grew while the phase ran")
        else:
            phase.notes.append("kept up with the offered rate")
        p95 = percentile(phase.latencies, 0.95) * 1000
        met = phase.rate >= 5000 and p95 < 100 and not behind
        phase.notes.append(f"target p95 < 100 ms at >= 5,000 events/s: "
                           f"{'MET' if met else 'NOT MET'} (p95 {p95:.1f} ms at "
                           f"{phase.rate:,.0f} events/s confirmed)")
        return phase


def run_server(url: str, args: argparse.Namespace) -> tuple[Phase, Phase]:
    with LiveServer(url, settings=UNLIMITED) as live:
        org = live.admin_create_org("Bench AS")
        shops = [live.admin_create_shop(org["id"], f"Shop {i}")["id"] for i in range(4)]
        tills = [live.enrol_till(shops[i % len(shops)]) for i in range(args.tills)]
        # A short warm-up so connections and caches are in place.
        Pusher(live.base_url, live.enrol_till(shops[0]), batch=args.batch,
               deadline=time.monotonic() + 1.0, members=100).run()
        flat = push_phase(live, tills, args)
        paced = OpenLoop(live.base_url, tills, batch=args.batch, members=args.members,
                         senders=args.senders).run(args.rate, args.seconds / 2, args.drain)
    return flat, paced


def rows(count: int, org_id: str) -> list[tuple]:
    device, shop = str(uuid.uuid4()), str(uuid.uuid4())
    members = [str(uuid.uuid4()) for _ in range(1000)]
    out = []
    for seq in range(1, count + 1):
        out.append((new_id(), device, seq, TS0 + seq, "purchase", org_id, shop,
                    members[seq % 1000], 0, 12, 12_500, 0, "NOK", None, None, None, None,
                    PAYLOAD, "0" * 64, TS0))
    return out


COLUMNS = (*ledger.COLUMNS, "content_hash", "received_at")


def run_copy(url: str, count: int, batch: int) -> float:
    data = rows(count, str(uuid.uuid4()))
    with connect(url) as conn:
        conn.autocommit = False
        started = time.perf_counter()
        for start in range(0, count, batch):
            with conn.cursor() as cur, cur.copy(
                    f"COPY event ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in data[start:start + batch]:
                    copy.write_row(row)
            conn.commit()
        return count / (time.perf_counter() - started)


def run_executemany(url: str, count: int, batch: int) -> float:
    data = rows(count, str(uuid.uuid4()))
    sql = (f"INSERT INTO event ({', '.join(COLUMNS)}) VALUES"
           f" ({', '.join(['%s'] * len(COLUMNS))}) ON CONFLICT DO NOTHING")
    with connect(url) as conn:
        conn.autocommit = False
        started = time.perf_counter()
        for start in range(0, count, batch):
            with conn.cursor() as cur:
                cur.executemany(sql, data[start:start + batch])
            conn.commit()
        return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0,
                        help="pushing time, split evenly between the two phases")
    parser.add_argument("--rate", type=float, default=5000.0,
                        help="events/s of all tills together in the paced phase")
    parser.add_argument("--tills", type=int, default=20)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--members", type=int, default=2000, help="members per till")
    parser.add_argument("--senders", type=int, default=64,
                        help="most requests in flight at once in the paced phase")
    parser.add_argument("--drain", type=float, default=60.0,
                        help="seconds the paced phase waits for answers after its schedule")
    parser.add_argument("--database-url", help="an existing, empty database (default: a new "
                        "one on 127.0.0.1:5432, dropped afterwards)")
    args = parser.parse_args()

    url = args.database_url or create_database("klipp_bench")
    try:
        print(f"{args.tills} tills pushing batches of {args.batch}, {args.seconds / 2:g} s per "
              f"phase, {os.cpu_count()} CPUs shared by tills, server and PostgreSQL",
              flush=True)
        flat, paced = run_server(url, args)
        flat.show("flat out")
        paced.show(f"paced (open loop) at {args.rate:,.0f} events/s")
        rate = flat.rate
        floor_count = min(max(flat.accepted, 20_000), 200_000)
        print(f"floor: {floor_count:,} events into the same table, one commit per "
              f"{args.batch} ...", flush=True)
        copy_rate = run_copy(url, floor_count, args.batch)
        many_rate = run_executemany(url, min(floor_count, 50_000), args.batch)
        print(f"  COPY             {copy_rate:10,.0f} events/s")
        print(f"  executemany      {many_rate:10,.0f} events/s")
        print(f"ratio server / COPY        {rate / copy_rate:6.2f}")
        print(f"ratio server / executemany {rate / many_rate:6.2f}")
        total = connect(url).execute("SELECT count(*) FROM event").fetchone()[0]
        print(f"(events in the table at the end: {total:,})")
        if FIRST_ERROR:
            print(f"first failed request: {FIRST_ERROR['text']}")
    finally:
        if not args.database_url:
            drop_database(url)


if __name__ == "__main__":
    main()
