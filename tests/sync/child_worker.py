"""A sync worker in a process of its own, for tests that SIGKILL it.

    python tests/sync/child_worker.py DATA_DIR [--hang-after-answer]

With --hang-after-answer the worker prints one JSON line {"accepted": n, "duplicate": m}
as soon as the server has answered a push, and then hangs *before* marking the events
sent, waiting for the SIGKILL. Without it, the worker runs until the outbox is empty and
prints {"pushed": n, "duplicates": m}.
"""

from __future__ import annotations

import json
import sys
import threading
import time

from kiosk.till import Till
from sync.backoff import Backoff
from sync.client import client_for
from sync.protocol import PushResponse
from sync.state import SyncResult
from sync.worker import SyncWorker


def main(argv: list[str]) -> int:
    data_dir, hang = argv[0], "--hang-after-answer" in argv
    till = Till.open(data_dir)
    client = client_for(till, read_timeout=10.0, retry_backoff=0.0)
    totals = {"pushed": 0, "duplicates": 0}
    done = threading.Event()

    def answered(answer: PushResponse) -> None:
        if hang:
            print(json.dumps({"accepted": len(answer.accepted),
                              "duplicate": len(answer.duplicate)}), flush=True)
            time.sleep(3600)  # the parent kills us here, between answer and mark

    def finished(result: SyncResult) -> None:
        totals["pushed"] += result.pushed
        totals["duplicates"] += result.duplicates
        if result.waiting == 0:
            done.set()

    worker = SyncWorker(till, client, before_mark=answered, on_result=finished,
                        poll_interval=0.05, backoff=Backoff(base=0.05, cap=0.5))
    worker.start()
    finished_in_time = done.wait(60)
    worker.stop()
    print(json.dumps(totals), flush=True)
    till.close()
    return 0 if finished_in_time else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
