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

from kiosk import ledger
from kiosk.clock import to_micros
from kiosk.till import Till
from sync.protocol import EXPORT_FORMAT as FORMAT
from sync.protocol import EXPORT_VERSION as VERSION
from sync.protocol import WireEvent, batches, read_export

__all__ = ["FORMAT", "VERSION", "batches", "read_export", "write_export"]

EXPORT_DIR = "exports"


def write_export(till: Till, folder: str | Path, *, now: datetime,
                 reason: str) -> tuple[Path, list[ledger.EventRecord]]:
    """Write the outbox to a new file in `folder` (atomically, synced); returns it and them."""
    origin, events = till.sync.waiting_events()
    device = origin.device_id
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
        "org_id": origin.org_id or None,
        "shop_id": origin.shop_id or None,
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
