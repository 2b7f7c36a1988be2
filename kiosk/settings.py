"""Small key/value settings kept in the till database (device id, shop, cursors, PIN)."""

from __future__ import annotations

from sqlalchemy import Connection

from kiosk.store import sql

DEVICE_ID = "device_id"
ORG_ID = "org_id"
SHOP_ID = "shop_id"


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
