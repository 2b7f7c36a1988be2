"""The house rules a tool can check: import contracts between rooms, and lint."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is not installed in the test environment"
    return found


def test_import_contracts_hold() -> None:
    result = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    for contract in ("Layers: ui above scanner, sync and server, above the core",
                     "The core imports none of the other rooms, Qt, OpenCV or HTTP",
                     "Only the core touches the till's database: no other room imports the store",
                     "scanner, sync and server know no widgets"):
        assert f"{contract} KEPT" in result.stdout, result.stdout
    assert " 0 broken" in result.stdout


def test_ruff_is_clean() -> None:
    result = subprocess.run([_tool("ruff"), "check", "."], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_other_room_reaches_into_the_till_database() -> None:
    """The front door is the only door: no store, no driver SQL, no Till.run outside kiosk/."""
    side_doors = re.compile(r"till\.store|exec_driver_sql|\btill\.run\(|\._till\.run\(")
    found = []
    for room in ("sync", "server", "ui", "scanner"):
        for path in sorted((ROOT / room).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if side_doors.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_one_definition_of_the_event_shapes_ledger_wire_and_tables() -> None:
    from kiosk import events, ledger, models
    from server import tables
    from sync import protocol

    assert ledger.COLUMNS == events.COLUMNS
    assert tuple(protocol.WireEvent.model_fields) == events.COLUMNS
    assert tuple(c.name for c in models.event_table.columns) == events.COLUMNS
    server_columns = [c.name for c in tables.metadata.tables["event"].columns]
    # The server adds its own bookkeeping around the event's fields, in the same order.
    assert tuple(c for c in server_columns if c in events.COLUMNS) == events.COLUMNS
    assert set(server_columns) - set(events.COLUMNS) <= {"server_seq", "content_hash",
                                                         "received_at"}
