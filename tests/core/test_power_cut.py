"""A power cut keeps only what reached the disk: every sale the till reports as done must have
been fsynced before the report.

kill -9 cannot show this (the kernel still holds the unsynced pages and writes them later), so
the till runs in a child process with tests/support/fsync_shim.c preloaded: the shim sees every
write to the database, its WAL and journal, every fsync, and each report the child makes after
a commit, and logs any report made while a watched file held unsynced writes.

A manual check on a real filesystem that drops unsynced writes (LazyFS) is described in the
README; this test runs everywhere gcc does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.members import Registration
from kiosk.till import Till
from tests.conftest import START

SHIM_SOURCE = Path(__file__).parents[1] / "support" / "fsync_shim.c"
ROOT = Path(__file__).parents[2]
STAMPS = 150

# The child reports an event id on fd 1 only after the till's stamp returned (committed).
TILL_CHILD = textwrap.dedent("""
    import os, sys
    from kiosk.till import Till
    till = Till.open(sys.argv[1])
    members = sys.argv[3:]
    for i in range(int(sys.argv[2])):
        done = till.stamp(members[i % len(members)])
        os.write(1, (done.event.id + "\\n").encode())
    till.close()
""")

# The witness itself must be able to fail: a bare sqlite3 writer with synchronous=OFF reports
# commits that never reached the disk.
CARELESS_CHILD = textwrap.dedent("""
    import os, sqlite3, sys
    db = sqlite3.connect(os.path.join(sys.argv[1], "careless.sqlite3"), isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("CREATE TABLE t (x)")
    for i in range(20):
        db.execute("INSERT INTO t VALUES (?)", (i,))
        os.write(1, b"%d\\n" % i)
""")


@pytest.fixture(scope="module")
def shim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None:
        pytest.skip("no C compiler: the power-cut witness is built at test time (apt-get "
                    "install gcc); see the README for the manual LazyFS check")
    out = tmp_path_factory.mktemp("shim") / "fsync_shim.so"
    subprocess.run([gcc, "-shared", "-fPIC", "-O1", "-o", str(out), str(SHIM_SOURCE), "-ldl"],
                   check=True, capture_output=True, text=True)
    return out


def _run_witnessed(shim: Path, log: Path, code: str, *args: str) -> list[str]:
    """Run a Python child under the shim; its reports (stdout lines)."""
    env = dict(os.environ, LD_PRELOAD=str(shim), FSYNC_SHIM_LOG=str(log),
               FSYNC_SHIM_REPORT_FD="1", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_every_reported_sale_was_on_disk_before_the_report(shim: Path, tmp_path: Path) -> None:
    folder = tmp_path / "till"
    till = Till.open(folder, clock=FixedClock(START))
    till.setup(org_name="Strøm AS", shop_name="Strøm", template="cafe")
    members = []
    for i in range(STAMPS):  # one stamp each: the cap per visit never refuses
        done = till.register(Registration(name=f"Member {i}"))
        members.append(done.member.id if getattr(done, "member", None) is not None
                       else done.member_id)
    till.close()

    log = tmp_path / "fsync.log"
    reported = _run_witnessed(shim, log, TILL_CHILD, str(folder), str(STAMPS), *members)
    assert len(reported) == STAMPS

    lines = log.read_text().splitlines()
    reports = [line for line in lines if line.startswith("report")]
    assert len(reports) == STAMPS, "the shim did not see every report"
    unsynced = [line for line in reports if line != "report ok"]
    assert unsynced == [], f"{len(unsynced)} of {STAMPS} sales reported before fsync"
    wal_syncs = [line for line in lines if line.startswith("sync ") and line.endswith("-wal")]
    assert len(wal_syncs) >= STAMPS, "each commit must sync the WAL"

    till = Till.open(folder, clock=FixedClock(START))
    try:
        assert sum(till.member(m).stamps for m in members) == STAMPS
    finally:
        till.close()


def test_the_witness_catches_a_writer_that_does_not_sync(shim: Path, tmp_path: Path) -> None:
    log = tmp_path / "fsync.log"
    reported = _run_witnessed(shim, log, CARELESS_CHILD, str(tmp_path))
    assert len(reported) == 20
    reports = [line for line in log.read_text().splitlines() if line.startswith("report")]
    assert len(reports) == 20
    assert all(line.startswith("report UNSYNCED") for line in reports), reports
