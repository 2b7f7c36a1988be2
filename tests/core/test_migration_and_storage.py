"""Schema upgrades keep every event; a full disk refuses the action and loses nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.clock import FixedClock
from kiosk.errors import StorageError
from kiosk.members import Registration
from kiosk.store import Store, current_revision, head_revision, migrate
from kiosk.till import Till
from tests.conftest import START


def _events(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM event ORDER BY device_id, seq").fetchall()


def test_previous_schema_with_unsynced_events_upgrades_intact(tmp_path: Path) -> None:
    # A till that ran the previous release: schema 0001, with events still in the outbox.
    store = Store(tmp_path / "till.sqlite3")
    migrate(store, revision="0001")
    assert current_revision(store) == "0001"
    old = sqlite3.connect(store.path)
    old.executescript("""
        INSERT INTO organisation VALUES ('o1', 'Old AS', 'ABCD', '%s', 1);
        INSERT INTO shop VALUES ('s1', 'o1', 'Old shop', 'Europe/Oslo', 'NOK', 1);
        INSERT INTO setting VALUES ('device_id', 'd1'), ('org_id', 'o1'), ('shop_id', 's1');
        INSERT INTO program VALUES ('p1', 's1', 1, '{}', 1);
        INSERT INTO member (id, org_id, home_shop_id, name, phone, email, birthday,
                            segments_json, created_at)
            VALUES ('01a20000-0000-7000-8000-000000000001', 'o1', 's1', 'Gammel Kunde',
                    '+4790000000', NULL, NULL, '{}', 1);
    """ % ("ab" * 32))
    member = "01a20000-0000-7000-8000-000000000001"
    for seq in range(1, 51):
        old.execute(
            "INSERT INTO event (id, device_id, seq, ts, kind, org_id, shop_id, member_id,"
            " stamps, points, amount_minor, cashback_minor, currency, payload)"
            " VALUES (?, 'd1', ?, ?, 'stamp', 'o1', 's1', ?, 1, 0, 0, 0, NULL, '{}')",
            (f"01a20000-0000-7000-8000-{seq:012d}", seq, 1_700_000_000_000_000 + seq, member))
        old.execute("INSERT INTO outbox VALUES (?, ?)",
                    (f"01a20000-0000-7000-8000-{seq:012d}", seq))
    old.execute("INSERT INTO balance (member_id, stamps, points, cashback_minor, spend_minor,"
                " tier, tier_ts, tier_event, last_ts) VALUES (?, 50, 0, 0, 0, NULL, 0, '',"
                " 1700000000000050)",
                (member,))
    old.commit()
    old.close()
    before = _events(store.path)
    store.close()

    # The new release opens it: backup first, then upgrade in place.
    till = Till.open(tmp_path, clock=FixedClock(START))
    assert current_revision(till.store) == head_revision()
    assert _events(till.store.path) == before
    assert till.pending_count() == 50
    backups = list(paths.backup_dir(tmp_path).glob("till-0001-*.sqlite3"))
    assert len(backups) == 1
    assert _events(backups[0]) == before
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert till.member(member).stamps == 50
    assert till.check_balances() == []
    till.close()


def test_reopening_an_up_to_date_database_takes_no_backup(tmp_path: Path) -> None:
    Till.open(tmp_path).close()
    Till.open(tmp_path).close()
    assert list(paths.backup_dir(tmp_path).iterdir()) == []


def test_full_disk_refuses_with_a_clear_message_and_keeps_what_was_committed(
        tmp_path: Path) -> None:
    till = Till.open(tmp_path, clock=FixedClock(START))
    till.setup(org_name="Full AS", shop_name="Full", template="points")
    member = till.register(Registration(name="Disk")).member_id
    till.purchase(member, amount_minor=10_000)
    committed = _events(till.store.path)
    pages = sqlite3.connect(till.store.path).execute("PRAGMA page_count").fetchone()[0]

    # Cap the file at its current size: the next page SQLite needs is "disk full".
    def cap(dbapi_connection: sqlite3.Connection) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    till.store.on_connect.append(cap)
    till.store.close()  # the pooled connections go; new ones get the cap
    with pytest.raises(StorageError, match="disk is full: nothing was saved"):
        for i in range(5000):
            till.purchase(member, amount_minor=10_000 + i)
    till.store.on_connect.remove(cap)
    till.store.close()

    after = _events(till.store.path)
    assert after[: len(committed)] == committed
    with sqlite3.connect(till.store.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert till.check_balances() == []
    assert till.member(member).points == sum(e[9] for e in after if e[4] == "purchase")
    till.close()


def test_the_migrations_build_exactly_the_tables_the_models_describe(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from kiosk.models import SQLModel

    store = Store(tmp_path / "till.sqlite3")
    migrate(store)
    engine = store.sqlalchemy_engine()
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
    engine.dispose()
    store.close()
