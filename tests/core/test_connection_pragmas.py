"""Every connection the till opens on its database runs with WAL, synchronous=FULL, foreign
keys and a busy timeout.

The kill -9 loop passes even with synchronous=OFF (a process crash loses nothing the kernel
already holds), so nothing else would notice a path that opens the database without the
factory's pragmas and loses sales on a power cut. Here every sqlite3 connection made while a
part of the till runs is recorded (sqlite3.connect is wrapped, so a path that bypasses the
factory is seen too) and its pragmas are read before it closes: the till opened on a thread
that is not the main one (the screens' writer will use Till.open like everyone else), the
sync worker, migrations of an old database, backups and the command line (a real process).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.members import Registration
from kiosk.sqlite_config import BUSY_TIMEOUT_MS
from kiosk.till import Till
from tests.conftest import START

ROOT = Path(__file__).parents[2]
EXPECTED = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
            "busy_timeout": BUSY_TIMEOUT_MS}

# Shared by this process and the command line's: wrap sqlite3.connect so each connection is
# remembered and its pragmas read when it closes (or when asked, for pooled ones still open).
RECORDER = r'''
import sqlite3 as _sqlite3
import sqlite3.dbapi2 as _dbapi2

_real_connect = _sqlite3.connect
_open = []
seen = []


def _snapshot(conn):
    try:
        row = conn.execute("PRAGMA database_list").fetchone()
        seen.append({
            "file": row[2],
            "journal_mode": conn.execute("PRAGMA journal_mode").fetchone()[0],
            "synchronous": conn.execute("PRAGMA synchronous").fetchone()[0],
            "foreign_keys": conn.execute("PRAGMA foreign_keys").fetchone()[0],
            "busy_timeout": conn.execute("PRAGMA busy_timeout").fetchone()[0],
        })
    except _sqlite3.ProgrammingError:
        pass  # closed already, or in use on another thread


class _Recorded(_sqlite3.Connection):
    def close(self):
        _snapshot(self)
        super().close()


def _connect(*args, **kwargs):
    kwargs.setdefault("factory", _Recorded)
    conn = _real_connect(*args, **kwargs)
    _open.append(conn)
    return conn


def collect():
    for conn in _open:
        _snapshot(conn)
    _open.clear()
    return seen


# SQLAlchemy's driver module is sqlite3.dbapi2, which holds its own reference.
_sqlite3.connect = _dbapi2.connect = _connect
'''


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], list[dict]]]:
    """Record every sqlite3 connection opened from now on; call it for their pragmas."""
    import sqlite3
    import sqlite3.dbapi2

    real = sqlite3.connect
    space: dict = {}
    exec(RECORDER, space)  # noqa: S102 - our own code, shared with the child process
    # Put the real one back and let monkeypatch install the wrapper, so it is undone after.
    sqlite3.connect = sqlite3.dbapi2.connect = real
    monkeypatch.setattr(sqlite3, "connect", space["_connect"])
    monkeypatch.setattr(sqlite3.dbapi2, "connect", space["_connect"])
    yield space["collect"]


def _check(connections: list[dict], db: Path) -> None:
    mine = [c for c in connections if c["file"] and Path(c["file"]).resolve() == db.resolve()]
    assert mine, f"no connection on {db} was seen: the scenario proved nothing"
    wrong = [c for c in mine if {k: c[k] for k in EXPECTED} != EXPECTED]
    assert wrong == [], f"{len(wrong)} of {len(mine)} connections without the till's pragmas"


def _register(till: Till, name: str) -> str:
    done = till.register(Registration(name=name))
    # The front door's answer is being reshaped into a change set; accept either shape.
    return done.member.id if getattr(done, "member", None) is not None else done.member_id


def _in_thread(fn: Callable[[], None]) -> None:
    """Run fn on a thread that is not the main one (as the screens' writer will)."""
    failure: list[BaseException] = []

    def body() -> None:
        try:
            fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            failure.append(exc)

    worker = threading.Thread(target=body, name="writer")
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "the writer thread never finished"
    if failure:
        raise failure[0]


def test_the_till_opened_on_a_writer_thread(recorded, tmp_path: Path) -> None:
    def writer() -> None:
        till = Till.open(tmp_path, clock=FixedClock(START))
        till.setup(org_name="Kaffe AS", shop_name="Kaffebar", template="cafe")
        member = _register(till, "Åse Ørn")
        till.stamp(member)
        assert till.member(member).stamps == 1
        till.close()

    _in_thread(writer)
    _check(recorded(), tmp_path / "till.sqlite3")


def test_the_sync_worker(recorded, tmp_path: Path) -> None:
    from sync.client import SyncClient
    from sync.worker import SyncWorker

    till = Till.open(tmp_path, clock=FixedClock(START))
    till.setup(org_name="Kaffe AS", shop_name="Kaffebar", template="cafe")
    till.stamp(_register(till, "Kari"))
    # Nothing listens on port 9: the worker reads its outbox, tries, and reports offline.
    client = SyncClient("http://127.0.0.1:9", token="t", connect_timeout=1, retries=0)
    tried = threading.Event()
    worker = SyncWorker(till, client, on_state=lambda s: s.online is False and tried.set())
    worker.start()
    try:
        assert tried.wait(60), "the sync worker never tried to reach the server"
    finally:
        worker.stop()
        till.close()
    _check(recorded(), tmp_path / "till.sqlite3")


def test_migrations(recorded, tmp_path: Path) -> None:
    from kiosk.store import Store, current_revision, head_revision, migrate

    store = Store(tmp_path / "till.sqlite3")
    migrate(store, revision="0001")
    migrate(store)  # an old database upgraded in place, as Till.open does
    assert current_revision(store) == head_revision()
    store.close()
    _check(recorded(), tmp_path / "till.sqlite3")


def test_backups(recorded, tmp_path: Path) -> None:
    till = Till.open(tmp_path, clock=FixedClock(START))
    till.setup(org_name="Kaffe AS", shop_name="Kaffebar", template="cafe")
    till.store.backup_to(tmp_path / "backups" / "copy.sqlite3")
    till.close()
    _check(recorded(), tmp_path / "till.sqlite3")


def test_the_command_line(tmp_path: Path) -> None:
    # A real process, as a manager runs it: the recorder is installed before the command.
    out = tmp_path / "connections.json"
    module = "ui.cli" if (ROOT / "ui" / "cli" / "__main__.py").exists() else "kiosk"
    code = RECORDER + (
        "\nimport atexit, json, runpy, sys\n"
        f"atexit.register(lambda: open({str(out)!r}, 'w').write(json.dumps(collect())))\n"
        f"sys.argv = ['klipp'] + sys.argv[1:]\n"
        f"runpy.run_module({module!r}, run_name='__main__')\n")

    def klipp(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", code, "--data-dir", str(tmp_path), *args],
                              capture_output=True, text=True, timeout=120, cwd=ROOT,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)))

    setup = klipp("setup", "--org", "Kaffe AS", "--shop", "Kaffebar", "--template", "cafe")
    assert setup.returncode == 0, setup.stderr
    _check(json.loads(out.read_text()), tmp_path / "till.sqlite3")
    registered = klipp("register", "--name", "Åse Ørn")
    assert registered.returncode == 0, registered.stderr
    _check(json.loads(out.read_text()), tmp_path / "till.sqlite3")
    listed = klipp("find", "Åse")
    assert listed.returncode == 0 and "Åse Ørn" in listed.stdout, listed.stderr
    _check(json.loads(out.read_text()), tmp_path / "till.sqlite3")
