"""How long one `klipp` command takes, against `python -c pass` in the same run.

    .venv/bin/python bench/bench_cli.py [--runs N]

Scripts and the terminal till call the command line often, so a command that opens an
up-to-date database should finish in under 250 ms (issue 8). Each figure is the median
wall time of N fresh processes; the floor is the interpreter starting and stopping, and
`import sqlalchemy` is shown beside it because every command that opens the till pays it.
Alembic must not be imported on an up-to-date database (checked at the end).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 250.0


def wall_ms(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of the process, in ms.

    CPU time is printed beside wall time because on a busy machine (tests running beside)
    the wall time mostly measures the wait for a core.
    """
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        times.append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.strip()}")
    return statistics.median(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        klipp = [py, "-m", "ui.cli", "--data-dir", tmp]
        subprocess.run([*klipp, "setup", "--org", "Kaffe AS", "--shop", "Kaffebar"],
                       cwd=ROOT, check=True, capture_output=True)
        reg = subprocess.run([*klipp, "register", "--name", "Kari Nordmann", "--json"],
                             cwd=ROOT, check=True, capture_output=True, text=True)
        code = json.loads(reg.stdout)["code"]
        rows = [
            ("python -c pass (floor)", [py, "-c", "pass"]),
            ("python -c 'import sqlalchemy'", [py, "-c", "import sqlalchemy"]),
            ("klipp --help", [*klipp, "--help"]),
            ("klipp show CODE", [*klipp, "show", code]),
            ("klipp find kari", [*klipp, "find", "kari"]),
            ("klipp purchase CODE --amount 45", [*klipp, "purchase", code, "--amount", "45"]),
            ("klipp events --limit 5", [*klipp, "events", "--limit", "5"]),
        ]
        floor = None
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'command':<38}{'wall ms':>9}{'cpu ms':>8}{'wall-floor':>11}   "
              f"(medians of {args.runs})")
        for label, cmd in rows:
            ms, cpu = wall_ms(cmd, args.runs)
            floor = ms if floor is None else floor
            mark = ""
            if label.startswith("klipp") and label != "klipp --help":
                mark = "  ok" if ms < TARGET_MS else f"  over the {TARGET_MS:.0f} ms target"
            print(f"{label:<38}{ms:>9.0f}{cpu:>8.0f}{ms - floor:>11.0f}{mark}")
        probe = subprocess.run(
            [py, "-c", "import sys; from ui.cli.app import main; main(['--data-dir', "
             f"{tmp!r}, 'show', {code!r}]); print('alembic' in sys.modules)"],
            cwd=ROOT, capture_output=True, text=True, check=True)
        print(f"alembic imported on an up-to-date database: {probe.stdout.split()[-1]}")


if __name__ == "__main__":
    main()
