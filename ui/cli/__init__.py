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


class _NotBuilt:
    """The parser of a sub-command this run does not take: registering it costs nothing."""

    def __getattr__(self, _name: str) -> Callable[..., _NotBuilt]:
        return self._ignored

    def _ignored(self, *_args: Any, **_kwargs: Any) -> _NotBuilt:
        return self


class _ChosenCommand(Exception):  # noqa: N818 - a signal to `run`, not an error
    def __init__(self, name: str) -> None:
        self.name = name


class SubCommands(argparse._SubParsersAction):
    """Every sub-command's name and help, but the options of only the one being run.

    Building every command's options on each call cost about as much as a command's own
    work (bench/bench_cli.py). `run` parses once with no command built; when argparse has
    chosen the command, it builds that one and parses again.
    """

    def __init__(self, *args: Any, build: object = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.build = build

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        aliases = kwargs.get("aliases", ())
        if self.build is EVERY or self.build == name or self.build in aliases:
            return super().add_parser(name, **kwargs)
        if "help" in kwargs:  # listed by --help and by an "invalid choice" message
            self._choices_actions.append(
                self._ChoicesPseudoAction(name, aliases, kwargs["help"]))
        not_built = _NotBuilt()
        for key in (name, *aliases):
            self._name_parser_map[key] = not_built  # type: ignore[assignment]
        return not_built

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        if isinstance(self._name_parser_map.get(values[0]), _NotBuilt):
            raise _ChosenCommand(values[0])
        super().__call__(parser, namespace, values, option_string)


EVERY = object()  # build_parser(EVERY): every sub-command's options, as for documentation


def build_parser(command: object = EVERY
                 ) -> tuple[OneLineParser, argparse._SubParsersAction, argparse.ArgumentParser]:
    """The parser, its sub-command table, and the parent parser with --data-dir and --json.

    `command` names the one sub-command whose options are built (None: none of them).
    """
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                action=SubCommands, build=command)
    for module in (admin, members, cashier, reports):
        module.register(sub, common)
    return parser, sub, common


def _refuse(text: str) -> int:
    print(f"klipp: {one_line(text)}", file=sys.stderr)
    return EXIT_REFUSED


def run(parser: argparse.ArgumentParser | Callable[[object], argparse.ArgumentParser],
        argv: Sequence[str] | None) -> int:
    """Parse and run one command; the exit status says how it went.

    Given a function that builds the parser for one command (see SubCommands), it builds
    none first, and the chosen one once argparse has read which it is.
    """
    try:
        if isinstance(parser, argparse.ArgumentParser):
            args = parser.parse_args(argv)
        else:
            try:
                args = parser(None).parse_args(argv)
            except _ChosenCommand as chosen:
                args = parser(chosen.name).parse_args(argv)
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
    return run(lambda command: build_parser(command)[0], argv)
