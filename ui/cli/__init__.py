"""The `klipp` command line: every core operation, scriptable, with --json output.

Errors are one clear line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from typing import Any

from kiosk.errors import KlippError

EXIT_OK = 0
EXIT_REFUSED = 2  # the input or the state said no: a clear message was printed
EXIT_BUG = 3

Handler = Callable[[argparse.Namespace], Any]


def _jsonable(value: Any) -> Any:
    if callable(getattr(value, "as_dict", None)):
        return value.as_dict()
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def emit(args: argparse.Namespace, value: Any, text: str | Callable[[], str]) -> None:
    """Print a result: JSON for programs, words for people."""
    if getattr(args, "json", False):
        print(json.dumps(value, default=_jsonable, ensure_ascii=False, sort_keys=True))
    else:
        print(text() if callable(text) else text)


def build_parser() -> tuple[
    argparse.ArgumentParser, argparse._SubParsersAction, argparse.ArgumentParser
]:
    """The parser, its sub-command table, and the parent parser with --data-dir and --json."""
    from ui.cli import admin, cashier, members, reports

    parser = argparse.ArgumentParser(
        prog="klipp", description="Klipp loyalty till: the core from the command line.")
    parser.add_argument("--data-dir", help="the till's data folder (default: platform data dir)")
    parser.add_argument("--json", action="store_true", help="print JSON for programs")
    # The same options may follow the command; SUPPRESS keeps a sub-command's default from
    # overwriting what was given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="the till's data folder (default: platform data dir)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print JSON for programs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (admin, members, cashier, reports):
        module.register(sub, common)
    return parser, sub, common


def run(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    args = parser.parse_args(argv)
    try:
        args.handler(args)
    except KlippError as exc:
        print(f"klipp: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the promise is no traceback at the till; say what broke
        print(f"klipp: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_BUG
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the core's command line (without sync or screens)."""
    parser, _, _ = build_parser()
    return run(parser, argv)
