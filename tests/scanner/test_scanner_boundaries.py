"""scanner/ knows nothing of widgets, the sync worker or the server."""

from __future__ import annotations

import ast
from pathlib import Path

import scanner

FORBIDDEN = ("PySide6", "ui", "sync", "server")


def test_scanner_imports_no_other_room() -> None:
    root = Path(scanner.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []
