"""A sync worker in a process of its own, for tests that SIGKILL it.

    python tests/sync/child_worker.py DATA_DIR [--hang-after-answer] [--announce]
                                      [--batch-size N]

With --hang-after-answer the worker prints one JSON line {"accepted": n, "duplicate": m}
as soon as the server has answered a push, and then hangs *before* marking the events
sent, waiting for the SIGKILL. Without it, the worker runs until the outbox is empty and
prints {"pushed": n, "duplicates": m}. With --announce it prints {"pushing": n} just before
each push request is sent and {"answered": n} when its answer has come back, so a test that
kills it knows where the kill landed.
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
    data_dir, hang, announce = argv[0], "--hang-after-answer" in argv, "--announce" in argv
    batch_size = int(argv[argv.index("--batch-size") + 1]) if "--batch-size" in argv else None
    till = Till.open(data_dir)
    client = client_for(till, read_timeout=10.0, retry_backoff=0.0)
    if announce:
        push = client.push

        def announced(events):  # type: ignore[no-untyped-def]
            print(json.dumps({"pushing": len(events)}), flush=True)
            answer = push(events)
            print(json.dumps({"answered": len(answer.accepted) + len(answer.duplicate)}),
                  flush=True)
            return answer

        client.push = announced  # type: ignore[method-assign]
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
                        poll_interval=0.05, backoff=Backoff(base=0.05, cap=0.5),
                        **({"batch_size": batch_size} if batch_size else {}))
    worker.start()
    finished_in_time = done.wait(60)
    worker.stop()
    print(json.dumps(totals), flush=True)
    till.close()
    return 0 if finished_in_time else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
