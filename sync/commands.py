"""`klipp enrol` and `klipp sync ...`: the sync room's commands, added by the composition root.

They are real sub-commands of `klipp` (sync.cli builds them), so `klipp sync --help` and
`klipp enrol --help` describe themselves and take the same options as every other command.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.changes import Changes
    from kiosk.till import Till
    from sync.worker import SyncWorker

COMMANDS = ("enrol", "sync")
ACTIONS = ("once", "run", "unpair", "export", "import")


def register_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `enrol` and `sync once|run|unpair|export|import` to a `klipp` parser."""
    from sync.cli import register_klipp

    register_klipp(sub, common)


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
