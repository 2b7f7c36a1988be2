"""After an erasure reaches the server, the member's personal data is gone from its files.

SQLite: within the same request, the erased name, phone and e-mail are in neither the
database file nor the WAL of the running server (secure_delete + a truncating checkpoint).
PostgreSQL: member_profile has been vacuumed by the time the push is answered, no dead row
version left.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.server.conftest import Tenant, Till
from tests.support.live_server import LiveServer

NAME, PHONE, EMAIL = "Zyxwæ Qorvalsen", "+4799887766", "zyx.qorvalsen@example.org"
SECRETS = [NAME.encode(), PHONE.encode(), EMAIL.encode()]


def _give_profile(till: Till, member: str, name: str = NAME) -> None:
    answer = till.push(till.event("member_registered", member_id=member))
    assert answer["accepted"], answer
    # Only the erased member has this phone and e-mail; the others' are other values.
    phone, email = (PHONE, EMAIL) if name == NAME else (PHONE[:-1] + "0", "annen@example.org")
    response = till.request("POST", "/v1/profiles", json={"profiles": [{
        "member_id": member, "fields": {
            field: {"value": value, "hlc": "1790000000000000-0000-a"}
            for field, value in (("name", name), ("phone", phone), ("email", email))}}]})
    assert response.status_code == 200, response.text
    assert response.json()["applied"] == 3


def _erase(till: Till, member: str) -> None:
    answer = till.push(till.event("member_erased", member_id=member))
    assert answer["accepted"], answer


@pytest.fixture
def sqlite_server(tmp_path: Path) -> Iterator[tuple[LiveServer, Path]]:
    database = tmp_path / "server.sqlite3"
    with LiveServer(f"sqlite:///{database}") as live:
        yield live, database


def _found(files: list[Path]) -> list[tuple[str, bytes]]:
    return [(f.name, s) for f in files if f.exists() for s in SECRETS if s in f.read_bytes()]


def test_sqlite_server_files_hold_no_erased_data_after_the_push(sqlite_server) -> None:
    live, database = sqlite_server
    org = live.admin_create_org("Kaffe AS")
    tenant = Tenant(live, org, live.admin_create_shop(org["id"], "Kaffebar"))
    till = tenant.till()
    before, erase, after = (str(uuid.uuid4()) for _ in range(3))
    _give_profile(till, before, "Anna Berg")
    _give_profile(till, erase, NAME)
    _give_profile(till, after, "Åse Dahl")
    files = [database, database.with_name(database.name + "-wal")]
    # The search can see them: each value is somewhere in the files before the erasure.
    assert {s for _, s in _found(files)} == set(SECRETS)
    # As the server's own automatic checkpoints would some time: the values reach the
    # database file, where only overwriting (secure_delete) removes them.
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[0] == 0
    assert {s for f, s in _found(files) if f == database.name} == set(SECRETS)
    _erase(till, erase)
    assert live.running  # the running server, not one that flushed its files on exit
    assert _found(files) == []
    assert till.request("GET", "/v1/profiles").json()["profiles"][-1] == {
        "member_id": erase, "server_seq": 4, "erased": True, "fields": {}}


def _vacuum_stats(pg: psycopg.Connection) -> tuple[object, int]:
    pg.execute("SELECT pg_stat_clear_snapshot()")
    row = pg.execute("SELECT last_vacuum, n_dead_tup FROM pg_stat_user_tables"
                     " WHERE relname = 'member_profile'").fetchone()
    assert row is not None
    return row[0], row[1]


def test_postgresql_member_profile_is_vacuumed_within_the_push(tenant: Tenant,
                                                               pg: psycopg.Connection) -> None:
    till, member = tenant.till(), str(uuid.uuid4())
    _give_profile(till, member)
    before, _ = _vacuum_stats(pg)
    _erase(till, member)
    after, dead = _vacuum_stats(pg)
    assert after is not None and (before is None or after > before)
    assert dead == 0
    row = pg.execute("SELECT name, phone, email, erased FROM member_profile"
                     " WHERE member_id = %s", (member,)).fetchone()
    assert row == (None, None, None, True)
