"""Small key/value settings kept in the till database (device id, shop, cursors, PIN)."""

from __future__ import annotations

from sqlalchemy import Connection

DEVICE_ID = "device_id"
ORG_ID = "org_id"
SHOP_ID = "shop_id"


def get(conn: Connection, key: str, default: str | None = None) -> str | None:
    row = conn.exec_driver_sql("SELECT value FROM setting WHERE key = ?", (key,)).first()
    return row[0] if row else default


def put(conn: Connection, key: str, value: str) -> None:
    conn.exec_driver_sql(
        "INSERT INTO setting (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def delete(conn: Connection, key: str) -> None:
    conn.exec_driver_sql("DELETE FROM setting WHERE key = ?", (key,))
