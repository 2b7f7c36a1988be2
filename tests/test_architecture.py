"""The house rules a tool can check: import contracts between rooms, and lint."""

from __future__ import annotations

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
