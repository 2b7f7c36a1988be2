"""Identifiers minted on the till."""

from __future__ import annotations

import uuid

import uuid6


def new_id() -> str:
    """A UUIDv7 string: time-ordered, so inserts stay at the end of the index."""
    return str(uuid6.uuid7())


def is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except (ValueError, AttributeError, TypeError):
        return False
    return True
