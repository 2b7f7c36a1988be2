"""The `klipp` command line: every core operation, scriptable, with --json output.

Errors are one clear line on stderr and a non-zero exit code, never a traceback:
2 when the input or the till's state said no (nothing was changed), 3 for a bug.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from typing import Any, NoReturn

from kiosk.errors import KlippError

EXIT_OK = 0
EXIT_REFUSED = 2  # the input or the state said no: a clear message was printed
EXIT_BUG = 3

Handler = Callable[[argparse.Namespace], Any]


_LONG_QUOTE = re.compile(r"'([^']{40})[^']+'")
_LONG_WORD = re.compile(r"(\S{60})\S+")


def short_quotes(text: str) -> str:
    """argparse quotes what was typed in full; a message quotes at most a short prefix."""
    return _LONG_WORD.sub(r"\1…", _LONG_QUOTE.sub(r"'\1…'", text))


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (what was wrong, and where to read more)."""

    def error(self, message: str) -> NoReturn:
        line = short_quotes(" ".join(message.split()))
        self.exit(EXIT_REFUSED, f"{self.prog}: {line} (see `{self.prog} --help`)\n")


def one_line(text: str, limit: int = 300) -> str:
    """A message as one line of bounded length, whatever the input it quotes."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


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


def build_parser() -> tuple[OneLineParser, argparse._SubParsersAction, argparse.ArgumentParser]:
    """The parser, its sub-command table, and the parent parser with --data-dir and --json."""
    from ui.cli import admin, cashier, members, reports

    parser = OneLineParser(
        prog="klipp", description="Klipp loyalty till: the core from the command line.")
    parser.add_argument("--data-dir", help="the till's data folder (default: $KLIPP_DATA_DIR "
                        "or the platform's data folder)")
    parser.add_argument("--json", action="store_true", help="print JSON for programs")
    # The same options may follow the command; SUPPRESS keeps a sub-command's default from
    # overwriting what was given before it.
    common = OneLineParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="the till's data folder (default: $KLIPP_DATA_DIR "
                        "or the platform's data folder)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print JSON for programs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (admin, members, cashier, reports):
        module.register(sub, common)
    return parser, sub, common


def _refuse(text: str) -> int:
    print(f"klipp: {one_line(text)}", file=sys.stderr)
    return EXIT_REFUSED


def run(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    """Parse and run one command; the exit status says how it went."""
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2), already printed
        return exc.code if isinstance(exc.code, int) else EXIT_REFUSED
    from ui.cli.common import close_opened

    try:
        result = args.handler(args)
    except KlippError as exc:
        return _refuse(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_REFUSED
    except sqlite3.DatabaseError as exc:
        return _refuse(f"The till's database cannot be used ({exc}); nothing was changed.")
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        return _refuse(f"Cannot use{where}: {exc.strerror or exc}; nothing was changed.")
    except Exception as exc:  # the promise is no traceback at the till; say what broke
        if isinstance(getattr(exc, "orig", None), sqlite3.Error):  # SQLAlchemy's wrapper
            return _refuse(f"The till's database cannot be used ({exc.orig});"  # type: ignore[attr-defined]
                           " nothing was changed.")
        print(f"klipp: unexpected error: {type(exc).__name__}: {one_line(str(exc))}",
              file=sys.stderr)
        return EXIT_BUG
    finally:
        close_opened()
    return result if isinstance(result, int) else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the core's command line (without sync or screens)."""
    parser, _, _ = build_parser()
    return run(parser, argv)
