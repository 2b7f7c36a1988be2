"""One SQLite configuration for every engine, the till's and the server's: pragmas and BEGIN.

Kept apart from kiosk.store so the server can share the settings without reaching for the
till's store or its SQL helpers.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Connection, Engine, event

BUSY_TIMEOUT_MS = 5000
IMMEDIATE = "klipp_immediate"


def configure_sqlite(engine: Engine, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Every pragma and the BEGIN / BEGIN IMMEDIATE hook, on any SQLite engine (till or server).

    A transaction begun on a connection with the execution option IMMEDIATE takes the write
    lock before it reads anything, so two writers can never both spend the same last reward.
    """

    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # The driver's own transaction handling would issue a deferred BEGIN behind our back;
        # switch it off so the "begin" hook below decides.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cur.execute("PRAGMA journal_mode = WAL")
        # FULL: once the screen says done, the commit is on disk even through power loss.
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    def on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(IMMEDIATE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)
