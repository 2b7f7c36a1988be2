"""Export file of events waiting in the outbox, written before a till changes hands.

The file is JSON Lines: a header object, then one wire event (sync.protocol.WireEvent) per
line, ids included. Importing it is pushing its events: the server keeps each id once, so an
import repeated, or overlapping what the till sent itself, adds nothing twice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection

from kiosk import ledger, settings
from kiosk.clock import to_micros
from kiosk.errors import InvalidInput
from sync.protocol import MAX_BATCH, WireEvent

FORMAT = "klipp-outbox-export"
VERSION = 1
EXPORT_DIR = "exports"
MAX_LINE_CHARS = 64 * 1024


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


def read_export(path: str | Path) -> tuple[dict[str, object], list[WireEvent]]:
    """The header and the validated events of an export file."""
    lines = _lines(Path(path))
    try:
        header = json.loads(next(lines))
    except (StopIteration, ValueError):
        raise InvalidInput(f"{path} is not a Klipp outbox export.") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise InvalidInput(f"{path} is not a Klipp outbox export.")
    events = []
    for number, line in enumerate(lines, start=2):
        try:
            events.append(WireEvent.model_validate_json(line))
        except ValueError:
            raise InvalidInput(f"{path}, line {number}: not a valid event.") from None
    return header, events


def _lines(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if len(line) > MAX_LINE_CHARS:
                raise InvalidInput(f"{path}: a line is too long for an event.")
            if line.strip():
                yield line


def batches(events: list[WireEvent], size: int = 500) -> Iterator[list[WireEvent]]:
    """The events in pushable batches."""
    size = min(size, MAX_BATCH)
    for start in range(0, len(events), size):
        yield events[start : start + size]
