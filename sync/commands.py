"""`klipp enrol` and `klipp sync ...`: the sync room's commands, added by the composition root.

They forward to `sync.cli`, so `klipp` and `python -m sync` share one implementation.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.changes import Changes
    from kiosk.till import Till
    from sync.worker import SyncWorker

COMMANDS = ("enrol", "sync")
ACTIONS = ("once", "run", "unpair", "export", "import")


def register_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """List `enrol` and `sync` in `klipp --help`; `forward` runs them."""
    sub.add_parser("enrol", parents=[common],
                   help="pair this till with the central server: --server URL --code CODE")
    sub.add_parser("sync", parents=[common], help=f"sync with the server: {', '.join(ACTIONS)}")


def split(argv: Sequence[str]) -> tuple[list[str], str | None, list[str]]:
    """(options before the command, the command, the words after it)."""
    words = list(argv)
    i = 0
    while i < len(words) and words[i].startswith("-"):
        i += 2 if words[i] == "--data-dir" else 1
    if i < len(words):
        return words[:i], words[i], words[i + 1:]
    return words, None, []


def forward(before: list[str], command: str, rest: list[str]) -> int:
    """Run a sync command with the options given before it (--data-dir)."""
    from sync.cli import main

    data_dir = before[before.index("--data-dir") + 1:][:1] if "--data-dir" in before else []
    prefix = ["--data-dir", *data_dir] if data_dir else []
    words = rest if command == "sync" else [command, *rest]
    return main([*prefix, *words], prog="klipp")


def wake_on_local_writes(worker: SyncWorker) -> Callable[[Changes], None]:
    """A listener that wakes the worker when this till wrote something to send."""

    def listener(changes: Changes) -> None:
        if changes.outbox and not changes.pulled and not changes.sent:
            worker.wake()

    return listener


def start_worker_beside(till: Till) -> Callable[[], None]:
    """Run the sync worker while a till session is open, if this till is paired."""
    from sync.client import client_for
    from sync.errors import NotPaired
    from sync.worker import SyncWorker

    try:
        client = client_for(till)
    except NotPaired:
        return lambda: None
    worker = SyncWorker(till, client)
    unsubscribe = till.subscribe(wake_on_local_writes(worker))
    worker.start()

    def stop() -> None:
        unsubscribe()
        worker.stop()
        client.close()

    return stop
