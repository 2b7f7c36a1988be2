"""How long one `klipp` command takes, against `python -c pass` in the same run.

    .venv/bin/python bench/bench_cli.py [--runs N] [--no-split] [--instructions]

Scripts and the terminal till call the command line often, so a command that opens an
up-to-date database should finish in under 250 ms (issue 8). Each figure is the median of N
fresh processes, run round-robin (every command once per round, so a busy spell of the
machine hits them all alike); the floor is the interpreter starting and stopping.
`import sqlalchemy` and pydantic's BaseModel are shown beside it: what a command would pay
if it imported them (none does: a write checks its event and applies the programme's rules
with msgspec, whose import is shown too); so is a bare sqlite3 process writing one row
durably, the floor of a writing command before any of Klipp runs.

The commands run with their bytecode cached (in a folder of this run's own), as on an
installed till; one row shows `klipp show` under PYTHONDONTWRITEBYTECODE=1, which compiles
the project's modules on every call (unless a __pycache__ beside them was written before).

With --instructions, each command's instruction count under valgrind too: unlike time, it
does not depend on what else the machine is doing.

The split (one process per command under -X importtime, so a little slower): the time
spent importing (what the interpreter imports itself is the floor's), opening the till
(Till.open: the database, its pragmas, the schema check) and the rest (the command's own
work and printing). Last, which of SQLAlchemy, Alembic, SQLModel and pydantic each command
imported.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 250.0
HEAVY = ("sqlalchemy", "alembic", "sqlmodel", "pydantic", "msgspec")

# Runs one command in this process and reports where its time went: the phases are marked
# on stderr between -X importtime's lines, so each import is counted in the phase it fell in.
_SPLIT = r"""
import sys, time
started = time.perf_counter()
mark = lambda name: print(f"@@phase {name} {time.perf_counter() - started:.6f}",
                          file=sys.stderr, flush=True)
mark("imports")
from ui.cli.app import main
from kiosk.till import Till
real_open = Till.open.__func__
def timed_open(cls, *args, **kwargs):
    mark("open")
    try:
        return real_open(cls, *args, **kwargs)
    finally:
        mark("work")
Till.open = classmethod(timed_open)
import contextlib, io
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
mark("end")
print("@@heavy " + " ".join(sorted({m.split('.')[0] for m in sys.modules} & set(HEAVY))),
      file=sys.stderr)
"""


# The floor of a writing command: the interpreter, sqlite3, the till's pragmas, one small
# write committed (WAL + synchronous=FULL: an fsync), and the close (its checkpoint).
_DURABLE_WRITE = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
for pragma in ("busy_timeout = 5000", "journal_mode = WAL", "synchronous = FULL",
               "foreign_keys = ON"):
    db.execute("PRAGMA " + pragma)
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('bench.floor', 'x')")
db.execute("COMMIT")
db.close()
"""


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) milliseconds of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def instructions(cmd: list[str], env: dict[str, str]) -> int:
    """How many instructions one run executes (needs valgrind)."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           *cmd], cwd=ROOT, capture_output=True, text=True, env=env)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"valgrind {' '.join(cmd)} failed: {done.stderr[-300:]}")
    return int(found.group(1))


def split(argv: list[str], env: dict[str, str]) -> dict[str, float | str]:
    """One run of a command split into imports, opening the till and the rest (ms)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", _SPLIT.replace("HEAVY", repr(HEAVY)), *argv],
        cwd=ROOT, capture_output=True, text=True, env=env)
    phase, marks = "before", {}
    imports: dict[str, float] = {}
    heavy = ""
    for line in done.stderr.splitlines():
        if line.startswith("@@phase "):
            _, name, at = line.split()
            marks[name] = float(at) * 1000
            phase = name
        elif line.startswith("@@heavy"):
            heavy = line[len("@@heavy"):].strip()
        elif m := re.match(r"import time:\s+(\d+) \|", line):
            imports[phase] = imports.get(phase, 0.0) + int(m.group(1)) / 1000
    total = marks.get("end", 0.0) - marks.get("imports", 0.0)
    opened = marks.get("work", 0.0) - marks.get("open", 0.0) if "open" in marks else 0.0
    imported = sum(v for k, v in imports.items() if k != "before")
    return {"total": total, "imports": imported,
            "open": opened - imports.get("open", 0.0),
            "work": total - opened - imports.get("imports", 0.0) - imports.get("work", 0.0),
            "heavy": heavy or "-"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-split", action="store_true")
    parser.add_argument("--instructions", action="store_true",
                        help="also count each command's instructions under valgrind: the "
                        "same on a busy machine as on an idle one")
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        data, cache = Path(tmp) / "till", Path(tmp) / "pycache"
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(cache)
        # Bytecode of the libraries as installed; the project's own compiled every time.
        cold = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
        cold["PYTHONDONTWRITEBYTECODE"] = "1"
        klipp = [py, "-m", "ui.cli", "--data-dir", str(data)]

        def cli(*words: str) -> str:
            return subprocess.run([*klipp, *words], cwd=ROOT, check=True, env=env,
                                  capture_output=True, text=True).stdout

        cli("setup", "--org", "Kaffe AS", "--shop", "Kaffebar")
        # A member per round for the stamps (the café's cap is 3 stamps a visit).
        codes = [json.loads(cli("register", "--name", f"Kari Nordmann {i}", "--json"))["code"]
                 for i in range(args.runs + 1)]
        code = codes[0]
        rows: list[tuple[str, Callable[[int], list[str]], dict[str, str]]] = [
            ("python -c pass (floor)", lambda i: [py, "-c", "pass"], env),
            ("python -c 'import sqlalchemy'", lambda i: [py, "-c", "import sqlalchemy"], env),
            ("python -c 'from pydantic import BaseModel'",
             lambda i: [py, "-c", "from pydantic import BaseModel"], env),
            ("python -c 'import msgspec'", lambda i: [py, "-c", "import msgspec"], env),
            ("python: one durable sqlite3 write",
             lambda i: [py, "-c", _DURABLE_WRITE, str(data / "till.sqlite3")], env),
            ("klipp --help", lambda i: [*klipp, "--help"], env),
            ("klipp show CODE", lambda i: [*klipp, "show", code], env),
            ("klipp find kari", lambda i: [*klipp, "find", "kari"], env),
            ("klipp events --limit 5", lambda i: [*klipp, "events", "--limit", "5"], env),
            ("klipp report", lambda i: [*klipp, "report"], env),
            ("klipp stamp CODE", lambda i: [*klipp, "stamp", codes[1 + i % args.runs]], env),
            ("klipp purchase CODE --amount 45",
             lambda i: [*klipp, "purchase", code, "--amount", "45"], env),
            ("klipp show CODE, PYTHONDONTWRITEBYTECODE=1", lambda i: [*klipp, "show", code],
             cold),
        ]
        for _, argv, run_env in rows:  # write the bytecode, warm the disk cache
            run_once(argv(0), run_env)
        walls: dict[str, list[float]] = {label: [] for label, _, _ in rows}
        cpus: dict[str, list[float]] = {label: [] for label, _, _ in rows}
        for i in range(args.runs):
            for label, argv, run_env in rows:
                wall, cpu = run_once(argv(i), run_env)
                walls[label].append(wall)
                cpus[label].append(cpu)
        load = os.getloadavg()[0]
        print(f"load average: {load:.1f} on {os.cpu_count()} cores"
              + ("  (busy: wall times mostly measure the wait for a core; see cpu)"
                 if load > 1 else ""))
        print(f"{'command':<46}{'wall ms':>8}{'cpu ms':>8}{'x floor':>8}{'wall-floor':>11}"
              f"   (medians of {args.runs})")
        floor = statistics.median(walls[rows[0][0]])
        for label, _, _ in rows:
            ms, cpu = statistics.median(walls[label]), statistics.median(cpus[label])
            mark = ""
            if label.startswith("klipp") and "--help" not in label and "BYTECODE" not in label:
                mark = "  ok" if ms < TARGET_MS else f"  over the {TARGET_MS:.0f} ms target"
            print(f"{label:<46}{ms:>8.0f}{cpu:>8.0f}{ms / floor:>8.1f}{ms - floor:>11.0f}{mark}")
        if args.instructions:
            print("\ninstructions (valgrind --tool=callgrind, one run each; millions)")
            counted = {label: instructions(argv(0), run_env) for label, argv, run_env in rows
                       if "BYTECODE" not in label}
            base = counted[rows[0][0]]
            for label, count in counted.items():
                print(f"{label:<46}{count / 1e6:>8.0f} M{count / base:>8.1f} x floor")
        if args.no_split:
            return
        print("\nsplit of one run each (ms, under -X importtime): imports | open | rest;"
              " heavy packages imported")
        for label, words in (("klipp --help", ["--help"]), ("klipp show CODE", ["show", code]),
                             ("klipp find kari", ["find", "kari"]),
                             ("klipp events --limit 5", ["events", "--limit", "5"]),
                             ("klipp report", ["report"]),
                             ("klipp stamp CODE", ["stamp", codes[-1]]),
                             ("klipp purchase CODE --amount 45",
                              ["purchase", code, "--amount", "45"])):
            parts = split(["--data-dir", str(data), *words], env)
            print(f"{label:<46}{parts['imports']:>7.0f} |{parts['open']:>5.0f} |"
                  f"{parts['work']:>5.0f}   {parts['heavy']}")


if __name__ == "__main__":
    main()
