"""Helpers shared by the command-line modules."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable
from decimal import Decimal, DecimalException
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.errors import InvalidInput, KlippError, NotFound, StorageError
from kiosk.money import format_money
from sync.cli import ask_pin as ask_pin  # one rule for the manager PIN on every command line

if TYPE_CHECKING:
    from kiosk.till import Till
    from kiosk.views import MemberView

# Services the composition root runs beside an interactive till session (the sync worker):
# each is started with the till and returns the function that stops it.
SESSION_SERVICES: list[Callable[[Till], Callable[[], None]]] = []

# Tills this command opened, closed by ui.cli.run when the command ends (a process may run
# many commands: the tests do, in-process).
OPENED: list[Till] = []

MAX_AMOUNT_MINOR = 100_000_000  # the core's own cap (kiosk.actions); checked here first
_QUOTE = 40


def quoted(text: str) -> str:
    """A short quotation of what was typed: a 128 KiB paste never fills the screen."""
    cut = text[:_QUOTE]
    return repr(cut + "…" if len(text) > _QUOTE else cut)


def _data_folder(arg: str | None) -> Path | None:
    chosen = arg or os.environ.get("KLIPP_DATA_DIR")
    if not chosen:
        return None
    from kiosk.paths import usable_folder

    return usable_folder(Path(chosen))


def open_till(args: argparse.Namespace) -> Till:
    """The till in the data folder the command names, or a one-line reason why not."""
    from kiosk.till import Till

    folder = _data_folder(getattr(args, "data_dir", None))
    if folder is not None and not os.access(folder, os.W_OK | os.X_OK):
        raise StorageError(f"The data folder {quoted(str(folder))} is read-only: "
                           "nothing was changed.")
    try:
        till = Till.open(folder)
        OPENED.append(till)
        return till
    except KlippError:
        raise
    except (sqlite3.Error, OSError) as exc:
        raise StorageError(_database_refusal(exc)) from None
    except Exception as exc:
        if isinstance(getattr(exc, "orig", None), sqlite3.Error):
            raise StorageError(_database_refusal(exc.orig)) from None  # type: ignore[attr-defined]
        raise


def close_opened() -> None:
    """Close every till the command opened."""
    while OPENED:
        OPENED.pop().close()


def _database_refusal(exc: BaseException) -> str:
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text:
        return ("The till's database file is damaged (till.sqlite3 is not a database); "
                "nothing was changed. Restore it from the backups folder.")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "The till's database cannot be opened for writing; nothing was changed."
    return f"The till's database cannot be opened ({text}); nothing was changed."


def check_target(path: Path | None, what: str) -> Path | None:
    """Refuse a file to write before anything is saved: a folder, a missing folder, a NUL."""
    if path is None:
        return None
    text = str(path)
    if not text.strip() or "\x00" in text:
        raise InvalidInput(f"{what}: {quoted(text)} is not a file name.")
    if path.is_dir():
        raise InvalidInput(f"{what}: {quoted(text)} is a folder; name a file.")
    parent = path.parent
    if not parent.is_dir():
        raise InvalidInput(f"{what}: the folder of {quoted(text)} does not exist.")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise InvalidInput(f"{what}: {quoted(text)} cannot be written.")
    return path


def written_after_commit(what: str, done: str, write: Callable[[], object]) -> None:
    """Write a file for something already saved; a failure says the save stands."""
    try:
        write()
    except (OSError, ValueError) as exc:
        raise KlippError(f"{done}, but {what} could not be written "
                         f"({getattr(exc, 'strerror', None) or exc}).") from None


def confirm(args: argparse.Namespace, question: str) -> None:
    """Ask before something that cannot be taken back (or take --yes)."""
    if getattr(args, "yes", False):
        return
    if not sys.stdin.isatty():
        raise InvalidInput(f"{question} Add --yes to confirm.")
    answer = input(f"{question} [y/N] ").strip().lower()
    if answer not in ("y", "yes", "j", "ja"):
        raise InvalidInput("Nothing was changed.")


def one_member(till: Till, query: str) -> MemberView:
    """Exactly one member for a card code, phone, name or member id; otherwise say why."""
    from kiosk.ids import is_uuid

    if is_uuid(query):
        return till.member(query)
    found = till.identify(query)
    if found.member is not None:
        return found.member
    if found.candidates:
        raise InvalidInput(f"Several members match {quoted(query)}: "
                           f"{candidates(found.candidates)}. Be more specific.")
    raise NotFound(f"No member matches {quoted(query)}.")


def candidates(found: tuple[MemberView, ...] | list[MemberView], most: int = 5) -> str:
    """Who several matches are, as a cashier tells them apart: name and phone."""
    names = [f"{m.name or '(no name)'}" + (f" ({m.phone})" if m.phone else "")
             for m in found[:most]]
    more = f" and {len(found) - most} more" if len(found) > most else ""
    return ", ".join(names) + more


def parse_amount(text: str, currency: str | None = "NOK") -> int:
    """'45', '45.50' or '45,50' kroner → minor units (øre); refuses NaN, huge and negative."""
    try:
        value = Decimal(text.strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except (DecimalException, AttributeError, ValueError):
        raise InvalidInput(f"{quoted(text)} is not an amount (write 45 or 45,50).") from None
    if not value.is_finite():
        raise InvalidInput(f"{quoted(text)} is not an amount (write 45 or 45,50).")
    if value > Decimal(MAX_AMOUNT_MINOR) / 100:
        raise InvalidInput(f"{quoted(text)} is too large: at most "
                           f"{format_money(MAX_AMOUNT_MINOR, currency)} at a time.")
    if value <= 0:
        raise InvalidInput(f"The amount must be more than zero, not {quoted(text)}.")
    minor = value * 100
    if minor != minor.to_integral_value():
        raise InvalidInput(f"{quoted(text)} has more than two decimals.")
    return int(minor)


def money(minor: int, currency: str | None = "NOK") -> str:
    """Minor units as the shop's currency reads ("20,00 kr")."""
    return format_money(minor, currency)


def balance(member: MemberView, currency: str | None = "NOK") -> str:
    """What a member holds, in one line."""
    parts = [f"{member.stamps} stamps", f"{member.points} points"]
    if member.cashback_minor:
        parts.append(f"{money(member.cashback_minor, currency)} cashback")
    if member.tier:
        parts.append(f"tier {member.tier}")
    return ", ".join(parts)


def open_coupons(member: MemberView) -> list:
    """The member's coupons that can still be used, in the order they are numbered."""
    return [c for c in member.coupons if not c.used]


def describe(member: MemberView, currency: str | None = "NOK") -> str:
    """A member as a cashier reads it: who (never an id), what they hold, their coupons."""
    who = "(erased)" if member.erased else member.name or "(no name)"
    if member.phone and not member.erased:
        who += f"  {member.phone}"
    lines = [who, "  " + balance(member, currency)]
    for number, c in enumerate(open_coupons(member), 1):
        lines.append(f"  coupon {number}: {c.title}")
    return "\n".join(lines)
