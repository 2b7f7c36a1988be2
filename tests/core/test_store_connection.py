"""The store's own connection: SQL in, rows out, the transaction kept whole.

The till talks to sqlite3 through kiosk.store without SQLAlchemy, but the reports run on the
server's SQLAlchemy connections too, so the store's connection must answer the same calls
with the same rows: :named parameters, a list for `IN :name` (as SQLAlchemy's expanding
parameters), a text() construct, savepoints. And a refused write must leave nothing behind,
neither in the file nor in the pooled connection the next transaction gets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import bindparam, text

from kiosk.errors import InvalidInput, StorageError
from kiosk.store import Store, migrate


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "till.sqlite3")
    migrate(store)
    with store.write() as conn:
        conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES (?, ?)",
                             [(f"k{i}", str(i)) for i in range(5)])
    yield store
    store.close()


SQL = "SELECT key FROM setting WHERE key IN :keys AND value != :skip ORDER BY key"


@pytest.mark.parametrize("keys", [["k1", "k3", "k4"], ["k2"], [], ["nope"]])
def test_a_list_parameter_reads_as_sqlalchemys_expanding_one(store: Store, keys) -> None:
    with store.read() as conn:
        plain = conn.execute(SQL, {"keys": keys, "skip": "4"}).fetchall()
        clause = text(SQL).bindparams(bindparam("keys", expanding=True))
        via_sqlalchemy = conn.execute(clause, {"keys": keys, "skip": "4"}).fetchall()
    assert plain == via_sqlalchemy == [(k,) for k in sorted(keys) if k in
                                      {"k0", "k1", "k2", "k3"}]


def test_results_answer_as_sqlalchemys_do(store: Store) -> None:
    with store.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM setting").scalar_one() == 5
        assert conn.execute("SELECT value FROM setting WHERE key = :k", {"k": "k2"}).scalar() \
            == "2"
        assert conn.exec_driver_sql("SELECT key FROM setting WHERE key = 'x'").first() is None
        with pytest.raises(LookupError):
            conn.exec_driver_sql("SELECT key FROM setting").one()
        assert conn.dialect.name == "sqlite"


def test_a_savepoint_rolls_back_only_its_own_work(store: Store) -> None:
    with store.write() as conn:
        conn.exec_driver_sql("UPDATE setting SET value = 'kept' WHERE key = 'k0'")
        nested = conn.begin_nested()
        conn.exec_driver_sql("DELETE FROM setting")
        nested.rollback()
    with store.read() as conn:
        rows = dict(conn.exec_driver_sql("SELECT key, value FROM setting").fetchall())
    assert len(rows) == 5 and rows["k0"] == "kept"


def test_a_refused_write_leaves_nothing_and_the_next_one_starts_clean(store: Store) -> None:
    with pytest.raises(InvalidInput), store.write() as conn:
        refused_on = conn.driver_connection
        conn.exec_driver_sql("DELETE FROM setting")
        raise InvalidInput("the till said no")
    # The same pooled connection (a refusal is common at a till: no new connection for it),
    # rolled back: BEGIN IMMEDIATE inside a leftover transaction would fail here.
    with store.write() as conn:
        assert conn.driver_connection is refused_on
        assert conn.exec_driver_sql("SELECT count(*) FROM setting").scalar_one() == 5
        conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('k9', '9')")
    with store.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM setting").scalar_one() == 6


def test_a_database_error_in_a_write_is_a_storage_error(store: Store) -> None:
    with pytest.raises(StorageError), store.write() as conn:
        conn.exec_driver_sql("INSERT INTO no_such_table VALUES (1)")
    with store.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM setting").scalar_one() == 5


def test_closing_keeps_the_store_usable(store: Store) -> None:
    with store.read() as conn:
        first = conn.driver_connection
    store.close()
    with store.read() as conn:
        assert conn.driver_connection is not first
        assert conn.exec_driver_sql("SELECT count(*) FROM setting").scalar_one() == 5
