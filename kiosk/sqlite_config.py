"""One SQLite configuration for every connection, the till's and the server's: pragmas and BEGIN.

Kept apart from kiosk.store so the server can share the settings without reaching for the
till's store or its SQL helpers. SQLAlchemy is imported only by the functions that hook an
engine: the till's own connections (kiosk.store) take the pragmas from `configure_connection`
without it, so a command on an up-to-date database never imports SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

BUSY_TIMEOUT_MS = 5000
IMMEDIATE = "klipp_immediate"


def configure_connection(dbapi_connection: sqlite3.Connection, *,
                         busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Every pragma on one new sqlite3 connection: WAL, synchronous=FULL, foreign keys and
    a busy timeout, and BEGIN left to the caller."""
    # The driver's own transaction handling would issue a deferred BEGIN behind our back;
    # switch it off so whoever begins a transaction decides which kind.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    cur.execute("PRAGMA journal_mode = WAL")
    # FULL: once the screen says done, the commit is on disk even through power loss.
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def begin_hook(engine: Engine) -> None:
    """BEGIN, or BEGIN IMMEDIATE for a connection with the execution option IMMEDIATE, on an
    engine whose connections were configured by `configure_connection` (which leaves BEGIN
    to the caller, so without this hook SQLAlchemy's transactions would not begin at all).

    A transaction begun IMMEDIATE takes the write lock before it reads anything, so two
    writers can never both spend the same last reward.
    """
    from sqlalchemy import event

    def on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(IMMEDIATE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    event.listen(engine, "begin", on_begin)


def configure_sqlite(engine: Engine, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Every pragma and the BEGIN / BEGIN IMMEDIATE hook, on any SQLite engine (the server's)."""
    from sqlalchemy import event

    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        configure_connection(dbapi_connection, busy_timeout_ms=busy_timeout_ms)

    event.listen(engine, "connect", on_connect)
    begin_hook(engine)
