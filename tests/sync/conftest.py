"""Fixtures for sync tests: a real server subprocess on real PostgreSQL, real tills on SQLite.

One server serves the whole session; each test gets an organisation and shop of its own,
so tests cannot see each other's events. Tests that kill or reconfigure the server start
their own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk import ledger, settings
from kiosk.clock import Clock, SystemClock
from kiosk.members import Registration
from kiosk.programs import cafe_template
from kiosk.till import Till
from sync.client import SyncClient, client_for
from sync.enrol import enrol
from sync.errors import SyncError
from sync.protocol import ServerEvent
from sync.reconcile import run_once
from sync.state import SyncResult
from tests.support.live_server import LiveServer
from tests.support.pg import temp_database

# Generous per-till request rates: the tests push many small batches on purpose.
FAST = {"rate_per_second": 100_000, "rate_burst": 100_000,
        "enrol_rate_per_second": 100_000, "enrol_burst": 100_000}
# Short timeouts so a silent server or a dropped answer costs little; no sleeping retries.
CLIENT = {"connect_timeout": 2.0, "read_timeout": 5.0, "retry_backoff": 0.0}


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    with temp_database("klipp_sync") as url:
        yield url


@pytest.fixture(scope="session")
def live(pg_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    log = tmp_path_factory.mktemp("server") / "server.log"
    with LiveServer(pg_url, settings=FAST, log_path=log) as server:
        yield server


class Shop:
    """An organisation and shop on a live server, and helpers to make its tills."""

    def __init__(self, server: LiveServer, folder: Path, *, name: str = "Kaffebar") -> None:
        self.server = server
        self.folder = folder
        self.org = server.admin_create_org(f"Org {name}")
        self.shop = server.admin_create_shop(self.org["id"], name)
        server.admin_publish_program(self.shop["id"], cafe_template().model_dump(mode="json"))
        self.tills: list[Till] = []
        self.clients: list[SyncClient] = []
        self._observer: SyncClient | None = None

    @property
    def org_id(self) -> str:
        return self.org["id"]

    def open_till(self, name: str, *, clock: Clock | None = None) -> Till:
        till = Till.open(self.folder / name, clock=clock or SystemClock())
        self.tills.append(till)
        return till

    def till(self, name: str, *, url: str | None = None, clock: Clock | None = None) -> Till:
        """A new till enrolled in this shop (through `url`, the server's address by default)."""
        till = self.open_till(name, clock=clock)
        enrol(till, server_url=url or self.server.base_url,
              pairing_code=self.server.admin_create_pairing(self.shop["id"]))
        return till

    def client(self, till: Till, **options: Any) -> SyncClient:
        client = client_for(till, **{**CLIENT, **options})
        self.clients.append(client)
        return client

    def observer(self) -> SyncClient:
        """A client of a till of this shop that writes nothing: to read the server's truth."""
        if self._observer is None:
            answer = self.server.enrol_till(self.shop["id"])
            self._observer = SyncClient(self.server.base_url, token=answer["token"], **CLIENT)
            self.clients.append(self._observer)
        return self._observer

    def server_events(self) -> list[ServerEvent]:
        """Every event the server holds for this organisation, in server order."""
        out: list[ServerEvent] = []
        cursor = 0
        while True:
            page = self.observer().pull(after=cursor, limit=1000)
            out.extend(page.events)
            if not page.more:
                return out
            cursor = page.cursor

    def close(self) -> None:
        for client in self.clients:
            client.close()
        for till in self.tills:
            till.close()


@pytest.fixture
def shop(live: LiveServer, tmp_path: Path) -> Iterator[Shop]:
    made = Shop(live, tmp_path)
    yield made
    made.close()


# --- helpers ----------------------------------------------------------------------------

class AheadClock:
    """The wall clock of a till whose clock runs ahead."""

    def __init__(self, ahead: timedelta) -> None:
        self.ahead = ahead

    def now(self) -> datetime:
        return datetime.now(UTC) + self.ahead


def events_of(till: Till) -> dict[str, ledger.EventRecord]:
    with till.store.read() as conn:
        rows = conn.exec_driver_sql(f"SELECT {', '.join(ledger.COLUMNS)} FROM event")
        return {r[0]: ledger.EventRecord.from_row(r) for r in rows}


def events_of_device(till: Till) -> str:
    """The till's device id."""
    with till.store.read() as conn:
        device = settings.get(conn, settings.DEVICE_ID)
    assert device
    return device


def balances_of(till: Till) -> dict[str, tuple[int, int, int]]:
    with till.store.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT member_id, stamps, points, cashback_minor FROM balance")
        return {r[0]: (r[1], r[2], r[3]) for r in rows}


def replayed_balances(events: list[ServerEvent] | list[ledger.EventRecord]
                      ) -> dict[str, tuple[int, int, int]]:
    """Balances by summing events, as an independent replay of the ledger."""
    out: dict[str, tuple[int, int, int]] = {}
    for e in events:
        if e.member_id is None:
            continue
        s, p, c = out.get(e.member_id, (0, 0, 0))
        out[e.member_id] = (s + e.stamps, p + e.points, c + e.cashback_minor)
    return out


def register(till: Till, count: int, *, prefix: str = "Member") -> list[str]:
    return [till.register(Registration(name=f"{prefix} {i}")).member_id for i in range(count)]


def write_points(till: Till, members: list[str], count: int, *, points: int = 1) -> None:
    """`count` adjustment events spread over `members`, in one transaction."""
    def write(conn: Any, ctx: Any) -> None:
        for i in range(count):
            ledger.append(conn, ctx.origin, ctx.clock, ledger.NewEvent(
                ledger.ADJUSTMENT, members[i % len(members)], points=points,
                payload={"reason": "test"}))
    till.run(write)


def drain(pairs: list[tuple[Till, SyncClient]], *, rounds: int = 60,
          tolerate: type[BaseException] = SyncError) -> list[SyncResult]:
    """Sync every till until all outboxes are empty and a last round brings nothing new."""
    results: list[SyncResult] = []
    errors: list[str] = []
    quiet = 0
    for _ in range(rounds):
        progress = False
        for till, client in pairs:
            try:
                result = run_once(till, client)
            except tolerate as exc:
                errors.append(str(exc))
                progress = True
                continue
            results.append(result)
            progress |= result.did_anything or result.waiting > 0
        quiet = 0 if progress else quiet + 1
        if quiet >= 1:
            return results
    raise AssertionError(f"sync did not settle in {rounds} rounds; last errors: {errors[-3:]}")


def wait_until(predicate: Callable[[], bool], *, timeout: float = 30.0,
               what: str = "condition") -> None:
    """Poll until true; a generous deadline turns a hang into a failure (not a timing test)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")
