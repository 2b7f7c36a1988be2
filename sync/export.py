"""Export file of events waiting in the outbox, written before a till changes hands.

The file is JSON Lines: a header object, then one wire event (sync.protocol.WireEvent) per
line, ids included. Importing it is pushing its events: the server keeps each id once, so an
import repeated, or overlapping what the till sent itself, adds nothing twice.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection

from kiosk import ledger, settings
from kiosk.clock import to_micros
from sync.protocol import EXPORT_FORMAT as FORMAT
from sync.protocol import EXPORT_VERSION as VERSION
from sync.protocol import WireEvent, batches, read_export

__all__ = ["FORMAT", "VERSION", "batches", "read_export", "waiting_events", "write_export"]

EXPORT_DIR = "exports"


def waiting_events(conn: Connection) -> list[ledger.EventRecord]:
    """Every event in the outbox, oldest first."""
    count = ledger.pending_count(conn)
    return ledger.pending(conn, limit=max(count, 1))


def write_export(conn: Connection, folder: str | Path, *, now: datetime,
                 reason: str) -> tuple[Path, list[ledger.EventRecord]]:
    """Write the outbox to a new file in `folder` (atomically, synced); returns it and them."""
    events = waiting_events(conn)
    device = settings.get(conn, settings.DEVICE_ID) or "unknown"
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"outbox-{device[:8]}-{stamp}.jsonl"
    number = 1
    while path.exists():  # never overwrite an earlier export (a clock may stand still)
        number += 1
        path = folder / f"outbox-{device[:8]}-{stamp}-{number}.jsonl"
    header = {
        "format": FORMAT, "version": VERSION, "device_id": device,
        "org_id": settings.get(conn, settings.ORG_ID),
        "shop_id": settings.get(conn, settings.SHOP_ID),
        "exported_at": to_micros(now), "reason": reason[:200], "count": len(events),
    }
    tmp = path.with_suffix(".partial")
    with open(tmp, "w", encoding="utf-8") as out:
        out.write(json.dumps(header, sort_keys=True) + "\n")
        for event in events:
            out.write(WireEvent.model_construct(**event.as_dict()).model_dump_json() + "\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    _fsync_dir(folder)
    return path, events


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
