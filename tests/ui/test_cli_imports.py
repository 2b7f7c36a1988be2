"""What a `klipp` command imports on an up-to-date database: only what it needs.

A command is started afresh each time a script or the terminal till calls it, and importing
SQLAlchemy, Alembic or pydantic cost it more than all its own work (bench/bench_cli.py). So
no command that reads or writes the till imports them (the payload check and the programme's
rules are msgspec's), and Alembic comes in only when a migration is due. One eager
import at the top of a module on the path undoes that without failing any other test, so
this test runs each command in a fresh process and reads its sys.modules.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
HEAVY = ("sqlalchemy", "alembic", "sqlmodel", "pydantic")

# Runs one command in this process, as `klipp` does, then names the heavy packages loaded.
PROBE = """
import contextlib, io, json, sys
from ui.cli.app import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
loaded = sorted({m.split('.')[0] for m in sys.modules} & set(HEAVY))
print(json.dumps({"code": code, "loaded": loaded,
                  "metadata": "importlib.metadata" in sys.modules,
                  "msgspec": "msgspec" in sys.modules}))
""".replace("HEAVY", repr(HEAVY))


def _bare_interpreter_reads_metadata() -> bool:
    done = subprocess.run([sys.executable, "-c", "import sys; print('importlib.metadata' in "
                           "sys.modules)"], capture_output=True, text=True, timeout=60)
    return done.stdout.strip() == "True"


def run(data: Path, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, "--data-dir", str(data), *args],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def klipp(data: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "ui.cli", "--data-dir", str(data), *args],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    data = tmp_path_factory.mktemp("cli-imports")
    klipp(data, "setup", "--org", "Kaffe AS", "--shop", "Kaffebar")
    code = json.loads(klipp(data, "register", "--name", "Kari Nordmann", "--json"))["code"]
    klipp(data, "purchase", code, "--amount", "45")
    return data, code


@pytest.mark.parametrize("command", [
    ["--help"], ["show", "CODE"], ["show", "kari"], ["find", "kari"],
    ["events", "--limit", "5"], ["report"],
])
def test_reading_commands_import_no_sqlalchemy_alembic_or_pydantic(shop, command) -> None:
    data, code = shop
    seen = run(data, *[code if word == "CODE" else word for word in command])
    assert seen["code"] == 0
    assert seen["loaded"] == [], f"klipp {' '.join(command)} imported {seen['loaded']}"
    if not _bare_interpreter_reads_metadata():
        # Reading the installed packages' metadata (uuid6 did, pydantic's plugins do) cost
        # a command a third of its start-up.
        assert not seen["metadata"], f"klipp {' '.join(command)} read package metadata"


@pytest.mark.parametrize("command", [["stamp", "CODE"], ["purchase", "CODE", "--amount", "45"]])
def test_writing_commands_import_no_sqlalchemy_alembic_or_pydantic(shop, command) -> None:
    data, code = shop
    seen = run(data, *[code if word == "CODE" else word for word in command])
    assert seen["code"] == 0
    # msgspec checks the event's payload and carries the programme's rules.
    assert seen["msgspec"], "the write checked no payload"
    assert seen["loaded"] == [], f"klipp {' '.join(command)} imported {seen['loaded']}"
    if not _bare_interpreter_reads_metadata():
        assert not seen["metadata"], f"klipp {' '.join(command)} read package metadata"


def test_importing_the_command_line_opens_nothing() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, json, ui.cli.app; print(json.dumps(sorted("
         f"m for m in sys.modules if m.split('.')[0] in {HEAVY!r} or m == 'kiosk.till')))"],
        capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_a_due_migration_still_runs_and_then_alembic_stays_away(tmp_path: Path) -> None:
    from kiosk.store import Store, head_revision, migrate

    store = Store(tmp_path / "till.sqlite3")  # a till that ran an older release
    migrate(store, revision="0007")
    store.close()
    first = run(tmp_path, "setup", "--org", "Kaffe AS", "--shop", "Kaffebar")
    assert "alembic" in first["loaded"]
    with sqlite3.connect(tmp_path / "till.sqlite3") as conn:
        now = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert now == head_revision()
    assert run(tmp_path, "find", "kari")["loaded"] == []
