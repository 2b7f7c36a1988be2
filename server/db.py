"""The one way the server opens its database (PostgreSQL or SQLite), migrates it and writes."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from kiosk.errors import KlippError, StorageError
from kiosk.sqlite_config import IMMEDIATE, configure_sqlite

BUSY_TIMEOUT_MS = 10_000
# Advisory lock namespaces (the first key of pg_advisory_xact_lock(int, int)).
LOCK_MIGRATE = 0
LOCK_EVENTS = 1
_ERASED = "klipp_erased_personal_data"
log = logging.getLogger("klipp.server.db")


def is_postgres(engine_or_conn: Engine | Connection) -> bool:
    """True on PostgreSQL, False on SQLite."""
    return engine_or_conn.dialect.name == "postgresql"


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for a postgresql+psycopg:// or sqlite:/// URL, with the pragmas we rely on."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise KlippError(f"Not a database URL: {url[:80]!r}") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            parsed, pool_size=4, max_overflow=8,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        )
        configure_sqlite(engine, busy_timeout_ms=BUSY_TIMEOUT_MS)
        event.listen(engine, "connect", _secure_delete)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise KlippError("The server runs on PostgreSQL (postgresql+psycopg://) or SQLite.")
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_size=pool_size, max_overflow=pool_size,
                         pool_pre_ping=True,
                         # JIT-compiling the report's short queries cost ~20x their run time.
                         connect_args={"connect_timeout": 10, "options": "-c jit=off"})


def _secure_delete(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Freed space in a page is overwritten with zeros, so an erased member's old values do
    # not survive in the file after the row is rewritten (server only: tills purge).
    dbapi_connection.execute("PRAGMA secure_delete = ON")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed on success, rolled back on any error.

    If the transaction erased personal data (`erased_personal_data`), the database's files
    are scrubbed of the old values right after the commit, before the answer goes out.
    """
    with engine.connect() as conn:
        if not is_postgres(conn):
            conn.execution_options(**{IMMEDIATE: True})
        try:
            with conn.begin():
                yield conn
        finally:
            # conn.info outlives the checkout (it belongs to the pooled connection).
            erased = conn.info.pop(_ERASED, False)
        if erased:
            scrub_files(conn)


def erased_personal_data(conn: Connection) -> None:
    """Note that this write transaction erased personal data: `writing` scrubs after commit."""
    conn.info[_ERASED] = True


def scrub_files(conn: Connection) -> None:
    """Make erased values unreadable in the database's files, outside any transaction.

    SQLite: the server's connections run with secure_delete, so the pages written hold
    zeros where the old values were; the checkpoint copies them into the database file and
    truncates the WAL, whose older frames still held the old values. PostgreSQL: VACUUM
    removes the dead row versions of member_profile (it cannot run in a transaction).
    """
    if is_postgres(conn):
        with conn.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as auto:
            auto.execute(text("VACUUM member_profile"))
        return
    # A reader still on an older snapshot makes the checkpoint wait (busy_timeout), then
    # give up on truncating; say so rather than fail the erasure that has committed.
    # A connection of its own: the writer's begins BEGIN IMMEDIATE, and a checkpoint inside
    # a write transaction is refused.
    with conn.engine.connect() as plain:
        busy, _log, _done = plain.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).one()
        plain.commit()
    if busy:
        log.warning("after an erasure the WAL could not be truncated: readers held it")


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A consistent snapshot for reading."""
    with engine.connect() as conn, conn.begin():
        yield conn


def lock_key(text_key: str) -> int:
    """A stable signed 32-bit key for an advisory lock (collisions only serialise more)."""
    return int.from_bytes(hashlib.sha256(text_key.encode()).digest()[:4], "big", signed=True)


def advisory_lock(conn: Connection, namespace: int, key: str) -> None:
    """Hold a PostgreSQL advisory lock until the transaction ends (SQLite already serialises)."""
    if is_postgres(conn):
        conn.execute(text("SELECT pg_advisory_xact_lock(:ns, :key)"),
                     {"ns": namespace, "key": lock_key(key)})


# --- Migrations -----------------------------------------------------------------------------

def alembic_config() -> Config:
    """Alembic pointed at server/migrations (the connection is passed in attributes)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return cfg


def head_revision() -> str:
    """The newest migration."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None when it is empty."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision`; several servers starting at once take turns."""
    cfg = alembic_config()
    try:
        with writing(engine) as conn:
            advisory_lock(conn, LOCK_MIGRATE, "migrate")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except OperationalError as exc:
        raise StorageError(f"The server database cannot be opened: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    text_ = str(getattr(exc, "orig", exc)).strip()
    return text_.splitlines()[0] if text_ else type(exc).__name__
