"""The sync commands: enrol, sync once, run the worker in the foreground, unpair, export.

    klipp enrol --server URL --code CODE [--confirm] [--ca-bundle F]
    klipp sync once | run | unpair [--confirm] | export | import FILE
(`python -m sync ...` takes the same words: enrol, once, run, unpair, export, import.)
Errors are one line on stderr with exit code 2, like the rest of `klipp`.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from datetime import UTC

from kiosk.clock import from_micros
from kiosk.errors import KlippError
from kiosk.till import Till
from sync.client import client_for
from sync.enrol import enrol, export_outbox, unpair
from sync.export import batches, read_export
from sync.reconcile import run_once
from sync.state import SyncState
from sync.worker import run_foreground


def _print_state(state: SyncState) -> None:
    when = from_micros(state.since).astimezone(UTC).strftime("%H:%M:%S") if state.since else "-"
    print(f"[{when}] {state.message}", flush=True)


def main(argv: Sequence[str] | None = None, *, prog: str = "python -m sync") -> int:
    """Entry point; returns the exit status (0 ok, 2 a refusal or error with a clear line)."""
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", help="the till's data folder (default: $KLIPP_DATA_DIR)")
    parser.add_argument("-v", "--verbose", action="store_true")
    # --data-dir may also follow the command; SUPPRESS keeps it from overwriting the first.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser

    def sub_add(name: str, **kwargs: object) -> argparse.ArgumentParser:
        return add(name, parents=[common], **kwargs)  # type: ignore[arg-type]

    sub.add_parser = sub_add  # type: ignore[method-assign]
    p = sub.add_parser("enrol", help="pair this till with the server by a one-time code")
    p.add_argument("--server", required=True)
    p.add_argument("--code", required=True)
    p.add_argument("--name", default="till")
    p.add_argument("--ca-bundle")
    p.add_argument("--confirm", action="store_true",
                   help="a manager confirms replacing this till's current identity")
    sub.add_parser("once", help="run one sync pass and print what it did")
    sub.add_parser("run", help="run the sync worker until Ctrl-C")
    p = sub.add_parser("unpair", help="forget the server; the till carries on standalone")
    p.add_argument("--confirm", action="store_true")
    sub.add_parser("export", help="write the events waiting to be sent to a file")
    p = sub.add_parser("import", help="push an export file's events (duplicates are ignored)")
    p.add_argument("file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    till = Till.open(args.data_dir)
    try:
        return _dispatch(args, till)
    except KlippError as exc:
        print(f"klipp: {exc}", file=sys.stderr)
        return 2
    finally:
        till.close()


def _dispatch(args: argparse.Namespace, till: Till) -> int:
    if args.command == "enrol":
        done = enrol(till, server_url=args.server, pairing_code=args.code, confirm=args.confirm,
                     device_name=args.name, ca_bundle=args.ca_bundle)
        print(f"Enrolled as a till of {done.shop_name} ({done.org_name}).")
        # Fetch the shop's programme and members now, so the first customer is served by it.
        client = client_for(till)
        try:
            print(run_once(till, client).summary())
        except KlippError as exc:
            print(f"First sync did not finish ({exc}); the worker will retry.")
        finally:
            client.close()
        if done.export:
            print(f"Events that were waiting are saved in {done.export}.")
        return 0
    if args.command == "unpair":
        path = unpair(till, confirm=args.confirm)
        print("Unpaired; the till carries on standalone."
              + (f" Waiting events saved in {path}." if path else ""))
        return 0
    if args.command == "export":
        path, events = export_outbox(till, reason="manual export")
        print(f"{len(events)} waiting events written to {path}")
        return 0
    client = client_for(till)
    try:
        if args.command == "once":
            print(run_once(till, client).summary())
        elif args.command == "import":
            _, events = read_export(args.file)
            accepted = duplicate = refused = 0
            for batch in batches(events):
                answer = client.push(batch)
                accepted += len(answer.accepted)
                duplicate += len(answer.duplicate)
                refused += len(answer.rejected)
            print(f"imported {accepted}, already there {duplicate}, refused {refused}")
        else:
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            run_foreground(till, client, on_state=_print_state, stop=stop)
    finally:
        client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
