"""`klipp enrol` and `klipp sync`: the sync room's commands, added by the composition root."""

from __future__ import annotations

import argparse


def register_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the sync commands to the `klipp` command line."""
