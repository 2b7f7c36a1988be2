"""Failures the server reports in one line; each maps to one HTTP status."""

from __future__ import annotations

from kiosk.errors import InvalidInput, KlippError, NotFound, StorageError


class Unauthorised(KlippError):
    """No token, an unknown one or a revoked one."""


class Forbidden(KlippError):
    """A valid credential asking for something it may not have."""


class EnrolRefused(KlippError):
    """A pairing code that is wrong, used already or expired."""


class Conflict(KlippError):
    """A request that contradicts what the server holds (a device enrolled elsewhere)."""


class Unavailable(KlippError):
    """A part of the server that is not there (a report module not installed yet)."""


STATUS: dict[type[KlippError], int] = {
    Unauthorised: 401,
    Forbidden: 403,
    EnrolRefused: 403,
    NotFound: 404,
    Conflict: 409,
    InvalidInput: 422,
    Unavailable: 501,
    StorageError: 503,
}


def status_of(exc: KlippError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400
