"""The composition root: the one place that wires the core, sync and the screens together.

`klipp` runs the core's command line plus the commands that need the other rooms
(`enrol`, `sync`). Only this module of kiosk/ may import them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ui import cli


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `klipp`."""
    from sync.commands import COMMANDS, forward, register_commands, split, start_worker_beside
    from ui.cli.common import SESSION_SERVICES

    words = list(sys.argv[1:] if argv is None else argv)
    before, command, rest = split(words)
    if command in COMMANDS:
        return forward(before, command, rest)
    SESSION_SERVICES.append(start_worker_beside)
    parser, sub, common = cli.build_parser()
    register_commands(sub, common)
    return cli.run(parser, words)


if __name__ == "__main__":
    raise SystemExit(main())
