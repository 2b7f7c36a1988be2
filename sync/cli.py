"""The sync commands: enrol, sync once, run the worker in the foreground, unpair, export.

    klipp enrol --server URL --code CODE [--confirm] [--ca-bundle F] [--pin PIN]
    klipp sync once | run | unpair [--confirm] [--pin PIN] | export | import FILE
(`python -m sync ...` takes the same words: enrol, once, run, unpair, export, import.)
Errors are one line on stderr with exit code 2, like the rest of `klipp`.
"""

from __future__ import annotations

import argparse
import getpass
import json
import re
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC
from typing import TYPE_CHECKING, Any, NoReturn

from kiosk.errors import InvalidInput, KlippError

if TYPE_CHECKING:
    from kiosk.till import Till
    from sync.state import SyncState

PIN_HELP = "the manager PIN, once one is set (asked for when left out)"
DATA_DIR_HELP = "the till's data folder (default: $KLIPP_DATA_DIR or the platform's data folder)"


_LONG_QUOTE = re.compile(r"'([^']{40})[^']+'")


class _OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        line = re.sub(r"(\S{60})\S+", r"\1…",
                      _LONG_QUOTE.sub(r"'\1…'", " ".join(message.split())))
        self.exit(2, f"{self.prog}: {line} (see `{self.prog} --help`)\n")


def _print_state(state: SyncState) -> None:
    from kiosk.clock import from_micros

    when = from_micros(state.since).astimezone(UTC).strftime("%H:%M:%S") if state.since else "-"
    print(f"[{when}] {state.message}", flush=True)


def _quiet_http_logs(verbose: bool) -> None:
    """A retry is the client's business: urllib3's "Retrying" warnings are not for the till."""
    import logging  # here: every klipp command imports this module to list its commands

    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not verbose:
        for name in ("urllib3", "requests", "urllib3.connectionpool"):
            logging.getLogger(name).setLevel(logging.ERROR)


def add_enrol(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """`enrol`: pair this till with the server by a one-time code."""
    p = sub.add_parser("enrol", parents=[common],
                       help="pair this till with the central server: --server URL --code CODE")
    p.add_argument("--server", required=True, help="the server's address, https://...")
    p.add_argument("--code", required=True, help="the one-time pairing code from the server")
    p.add_argument("--name", default="till", help="what the server calls this till")
    p.add_argument("--ca-bundle", help="a CA certificate file for a private server")
    p.add_argument("--confirm", action="store_true",
                   help="a manager confirms replacing this till's current identity")
    p.add_argument("--pin", help=PIN_HELP)
    p.set_defaults(handler=_guarded(_enrol))


def add_actions(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """`once`, `run`, `unpair`, `export`, `import`."""
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                         help="log what the client does (retries included)")
    common = _OneLineParser(add_help=False, parents=[common, verbose])
    p = sub.add_parser("once", parents=[common], help="run one sync pass and print what it did")
    p.set_defaults(handler=_guarded(_once))
    p = sub.add_parser("run", parents=[common], help="run the sync worker until Ctrl-C")
    p.set_defaults(handler=_guarded(_run))
    p = sub.add_parser("unpair", parents=[common],
                       help="forget the server; the till carries on standalone")
    p.add_argument("--confirm", action="store_true",
                   help="unpair even with events waiting (they are saved to a file)")
    p.add_argument("--pin", help=PIN_HELP)
    p.set_defaults(handler=_guarded(_unpair))
    p = sub.add_parser("export", parents=[common],
                       help="write the events waiting to be sent to a file")
    p.set_defaults(handler=_guarded(_export))
    p = sub.add_parser("import", parents=[common],
                       help="push an export file's events (duplicates are ignored)")
    p.add_argument("file")
    p.set_defaults(handler=_guarded(_import))


def register_klipp(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """`klipp enrol ...` and `klipp sync once|run|unpair|export|import`."""
    add_enrol(sub, common)
    p = sub.add_parser("sync", parents=[common],
                       help="sync with the server: once, run, unpair, export, import",
                       description="Sync this till with the central server.")
    p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                   help="log what the client does")
    actions = p.add_subparsers(dest="sync_action", metavar="ACTION", required=True)
    add_actions(actions, common)


def _guarded(fn: Callable[[argparse.Namespace, Till], Any]
             ) -> Callable[[argparse.Namespace], int]:
    """A handler that opens the till, quiets the HTTP logs and closes the till again."""

    def handler(args: argparse.Namespace) -> int:
        from kiosk.till import Till

        _quiet_http_logs(bool(getattr(args, "verbose", False)))
        opener = getattr(args, "open_till", None)
        till = opener(args) if opener else Till.open(args.data_dir)
        try:
            result = fn(args, till)
        finally:
            if opener is None:
                till.close()
        return result if isinstance(result, int) else 0

    return handler


def ask_pin(args: argparse.Namespace, till: Till, what: str) -> None:
    """Once a manager PIN is set, a manager's command takes it (--pin, or asked for); the
    core counts wrong ones and locks out. Shared by every command line (ui/cli too)."""
    if not till.has_pin():
        return
    pin = getattr(args, "pin", None)
    if pin is None:
        if not sys.stdin.isatty():
            raise InvalidInput(f"{what} needs the manager PIN: give --pin.")
        pin = getpass.getpass("Manager PIN: ")
    till.verify_pin(pin)


def _out(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, default=str, ensure_ascii=False, sort_keys=True))
    else:
        print(text)


def _result_data(result: Any) -> dict[str, Any]:
    data = asdict(result)
    data["touched"] = sorted(data.get("touched", ()))
    data["summary"] = result.summary()
    return data


def _enrol(args: argparse.Namespace, till: Till) -> int:
    from sync.client import client_for
    from sync.enrol import enrol
    from sync.reconcile import run_once

    if till.info().paired:
        ask_pin(args, till, "Pairing this till again")
    done = enrol(till, server_url=args.server, pairing_code=args.code, confirm=args.confirm,
                 device_name=args.name, ca_bundle=args.ca_bundle)
    data: dict[str, Any] = {"shop": done.shop_name, "org": done.org_name,
                            "export": str(done.export) if done.export else None}
    lines = [f"Enrolled as a till of {done.shop_name} ({done.org_name})."]
    # Fetch the shop's programme and members now, so the first customer is served by it.
    client = client_for(till)
    try:
        result = run_once(till, client)
        data["first_sync"] = _result_data(result)
        lines.append(result.summary())
    except KlippError as exc:
        data["first_sync"] = None
        lines.append(f"First sync did not finish ({exc}); the worker will retry.")
    finally:
        client.close()
    if done.export:
        lines.append(f"Events that were waiting are saved in {done.export}.")
    _out(args, data, "\n".join(lines))
    return 0


def _unpair(args: argparse.Namespace, till: Till) -> int:
    from sync.enrol import unpair

    ask_pin(args, till, "Unpairing this till")
    path = unpair(till, confirm=args.confirm)
    _out(args, {"unpaired": True, "export": str(path) if path else None},
         "Unpaired; the till carries on standalone."
         + (f" Waiting events saved in {path}." if path else ""))
    return 0


def _export(args: argparse.Namespace, till: Till) -> int:
    from sync.enrol import export_outbox

    path, events = export_outbox(till, reason="manual export")
    _out(args, {"written": str(path), "events": len(events)},
         f"{len(events)} waiting events written to {path}")
    return 0


def _once(args: argparse.Namespace, till: Till) -> int:
    from sync.client import client_for
    from sync.reconcile import run_once

    client = client_for(till)
    try:
        result = run_once(till, client)
    finally:
        client.close()
    _out(args, _result_data(result), result.summary())
    return 0


def _import(args: argparse.Namespace, till: Till) -> int:
    from sync.client import client_for
    from sync.export import batches, read_export

    _, events = read_export(args.file)
    client = client_for(till)
    accepted = duplicate = refused = 0
    try:
        for batch in batches(events):
            answer = client.push(batch)
            accepted += len(answer.accepted)
            duplicate += len(answer.duplicate)
            refused += len(answer.rejected)
    finally:
        client.close()
    _out(args, {"accepted": accepted, "duplicate": duplicate, "refused": refused},
         f"imported {accepted}, already there {duplicate}, refused {refused}")
    return 0


def _run(args: argparse.Namespace, till: Till) -> int:
    from sync.client import client_for
    from sync.worker import run_foreground

    client = client_for(till)
    try:
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        run_foreground(till, client, on_state=_print_state, stop=stop)
    finally:
        client.close()
    return 0


def main(argv: Sequence[str] | None = None, *, prog: str = "python -m sync") -> int:
    """Entry point; returns the exit status (0 ok, 2 a refusal or error with a clear line)."""
    parser = _OneLineParser(prog=prog, description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", help=DATA_DIR_HELP)
    parser.add_argument("--json", action="store_true", help="print JSON for programs")
    parser.add_argument("-v", "--verbose", action="store_true")
    # --data-dir may also follow the command; SUPPRESS keeps it from overwriting the first.
    common = _OneLineParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help=DATA_DIR_HELP)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print JSON for programs")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_enrol(sub, common)
    add_actions(sub, common)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return args.handler(args)
    except KlippError as exc:
        print(f"klipp: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
