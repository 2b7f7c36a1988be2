"""The manager PIN: stored as a salted scrypt hash, with a lockout after repeated wrong tries.

The failure counter and the lockout live in the settings table, so restarting the till
does not reset them. `attempt_pin` records the try and RETURNS the refusal instead of
raising, so the caller's transaction commits the failure count; `Till.verify_pin` raises
PinRefused after that commit.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
from datetime import timedelta

from kiosk import settings
from kiosk.clock import Clock, to_micros
from kiosk.errors import InvalidInput, PinRefused
from kiosk.store import Connection

PIN_HASH = "manager_pin"
FAILURES = "manager_pin_failures"
LOCKED_UNTIL = "manager_pin_locked_until"
MAX_TRIES = 5
LOCKOUT = timedelta(minutes=5)
# About 50 ms and 16 MB per check: slow for a guesser with a copy of the database.
_N, _R, _P = 2**14, 8, 1
_PIN = re.compile(r"[0-9]{4,8}")


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 << 20,
                          dklen=32)


def set_pin(conn: Connection, pin: str) -> None:
    """Set or change the manager PIN (4 to 8 digits) and clear any lockout."""
    if not isinstance(pin, str) or not _PIN.fullmatch(pin):
        raise InvalidInput("The manager PIN must be 4 to 8 digits.")
    salt = secrets.token_bytes(16)
    digest = _hash(pin, salt, _N, _R, _P)
    settings.put(conn, PIN_HASH, f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}")
    settings.delete(conn, FAILURES)
    settings.delete(conn, LOCKED_UNTIL)


def has_pin(conn: Connection) -> bool:
    return settings.get(conn, PIN_HASH) is not None


def _matches(stored: str, pin: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        return hmac.compare_digest(
            _hash(pin, bytes.fromhex(salt), int(n), int(r), int(p)), bytes.fromhex(digest))
    except ValueError:
        return False  # a damaged setting refuses every PIN rather than accepting any


def _wait(micros: int) -> str:
    seconds = math.ceil(micros / 1_000_000)
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


def attempt_pin(conn: Connection, clock: Clock, pin: str) -> str | None:
    """Record one PIN try: None for the right PIN, else the refusal to show (caller commits)."""
    stored = settings.get(conn, PIN_HASH)
    if stored is None:
        raise PinRefused("No manager PIN has been set on this till yet.")
    now = to_micros(clock.now())
    lockout = int(LOCKOUT.total_seconds() * 1_000_000)
    until = int(settings.get(conn, LOCKED_UNTIL) or 0)
    if until > now:
        if until - now > lockout:
            # The clock was set back: the lockout must not stretch beyond its length.
            until = now + lockout
            settings.put(conn, LOCKED_UNTIL, str(until))
        return f"Too many wrong PINs: try again in {_wait(until - now)}."
    failures = 0 if until else int(settings.get(conn, FAILURES) or 0)
    if _matches(stored, str(pin)[:64]):
        if failures or until:
            settings.delete(conn, FAILURES)
            settings.delete(conn, LOCKED_UNTIL)
        return None
    failures += 1
    settings.delete(conn, LOCKED_UNTIL)
    if failures >= MAX_TRIES:
        settings.put(conn, LOCKED_UNTIL, str(now + lockout))
        settings.put(conn, FAILURES, "0")
        message = f"Wrong PIN. Too many wrong tries: locked for {_wait(lockout)}."
    else:
        settings.put(conn, FAILURES, str(failures))
        left = MAX_TRIES - failures
        message = f"Wrong PIN ({left} {'try' if left == 1 else 'tries'} left before a lockout)."
    return message
