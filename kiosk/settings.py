"""Small key/value settings kept in the till database (device id, shop, cursors, PIN)."""

from __future__ import annotations

from kiosk.store import Connection, sql

DEVICE_ID = "device_id"
ORG_ID = "org_id"
SHOP_ID = "shop_id"
# The pairing with the server (kiosk.sync_port names the rest): here so Till.info reads
# them without importing the sync port.
PAIRING_URL = "sync.server_url"
TOKEN = "sync.token"


def get(conn: Connection, key: str, default: str | None = None) -> str | None:
    row = sql(conn, "SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def put(conn: Connection, key: str, value: str) -> None:
    sql(conn,
        "INSERT INTO setting (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def delete(conn: Connection, key: str) -> None:
    sql(conn, "DELETE FROM setting WHERE key = ?", (key,))
