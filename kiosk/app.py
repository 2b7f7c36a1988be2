"""The composition root: the one place that wires the core, sync and the screens together.

`klipp` runs the core's command line plus the commands that need the other rooms
(`enrol`, `sync`, and later the window). Only this module of kiosk/ may import them.
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk import cli


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `klipp`."""
    parser, sub, common = cli.build_parser()
    from sync.commands import register_commands

    register_commands(sub, common)
    return cli.run(parser, argv)


if __name__ == "__main__":
    raise SystemExit(main())
