"""The composition root: the one place that wires the core, sync and the screens together.

`klipp` runs the core's command line plus the commands that need the other rooms
(`enrol`, `sync`). Only this module of ui/cli may import them.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

from ui import cli


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `klipp`."""
    # Klipp uses no pydantic plugins, and looking for them (every installed package's
    # metadata, when a sync command builds its first model) cost a command ~3 % of its time.
    # pydantic reads this when it builds a model, so it holds however pydantic was imported;
    # setdefault: someone who does install a plugin can still choose otherwise.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from sync.commands import register_commands, start_worker_beside
    from ui.cli.common import SESSION_SERVICES, open_till

    if start_worker_beside not in SESSION_SERVICES:
        SESSION_SERVICES.append(start_worker_beside)

    def parser_for(command: object) -> argparse.ArgumentParser:
        parser, sub, common = cli.build_parser(command)
        register_commands(sub, common)
        # The sync commands open the till the way every other command does (the same
        # checks of the data folder and the database, the same one-line refusals).
        parser.set_defaults(open_till=open_till)
        return parser

    return cli.run(parser_for, argv)


if __name__ == "__main__":
    raise SystemExit(main())
