"""The wire between a till and the central server; shared by `sync/` and `server/`.

Every request and answer body is one of these pydantic models. Everything received is
untrusted: sizes are bounded and fields validated here, before either side looks at them.

Endpoints (all under /v1; a till authenticates with `Authorization: Bearer <token>`):
- POST /v1/enrol                 EnrolRequest -> EnrolResponse (no token: the pairing code)
- POST /v1/events                PushRequest -> PushResponse
- GET  /v1/events?after=&limit=  -> PullResponse (the organisation's events, by server cursor)
- POST /v1/profiles              ProfilePush -> ProfilePushResponse
- GET  /v1/profiles?after=&limit= -> ProfilePullResponse
- POST /v1/check                 BalanceCheckRequest -> BalanceCheckResponse
- GET  /v1/members/{id}/events   -> PullResponse (one member's events, for self-repair)
- GET  /v1/conflicts             -> ConflictsResponse
- GET  /v1/reports/daily?day=&shop_id= -> the daily summary (kiosk.reports' fields)
- GET  /v1/health                -> {"status": "ok"}
Admin endpoints take `Authorization: Bearer <admin token>` (KLIPP_ADMIN_TOKEN):
- POST /v1/admin/orgs, POST /v1/admin/orgs/{org}/shops, POST /v1/admin/shops/{shop}/pairing
- DELETE /v1/admin/devices/{device}   (revoke a till's token)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kiosk import profiles
from kiosk.errors import InvalidInput
from kiosk.event_fields import Amount, EventFields, Uuid
from kiosk.events import BIG as BIG
from kiosk.events import MAX_PAYLOAD_CHARS as MAX_PAYLOAD_CHARS
from kiosk.events import UUID_PATTERN as UUID_PATTERN
from kiosk.ledger import EventRecord

API_PREFIX = "/v1"
MAX_BATCH = 1000
MAX_BODY_BYTES = 4 * 1024 * 1024

ShortText = Annotated[str, Field(min_length=1, max_length=80)]


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WireEvent(EventFields):
    """One ledger event on the wire: the fields, bounds and payload rules of kiosk.events."""

    @classmethod
    def from_record(cls, record: EventRecord) -> WireEvent:
        return cls(**record.as_dict())

    def to_record(self) -> EventRecord:
        return EventRecord(**self.model_dump())


class ServerEvent(WireEvent):
    """An event as the server hands it out, with its place in the organisation's stream."""

    server_seq: int = Field(ge=1)

    def to_record(self) -> EventRecord:
        data = self.model_dump()
        data.pop("server_seq")
        return EventRecord(**data)


# --- Enrolment ------------------------------------------------------------------------------

class EnrolRequest(_Wire):
    pairing_code: str = Field(min_length=6, max_length=64)
    device_id: Uuid
    device_name: ShortText = "till"


class OrgIdentity(_Wire):
    id: Uuid
    name: ShortText
    code_prefix: str = Field(pattern=r"^[0-9A-Z]{4}$")
    card_key: str = Field(pattern=r"^[0-9a-f]{64}$")


class ShopIdentity(_Wire):
    id: Uuid
    name: ShortText
    timezone: str = Field(max_length=64)
    currency: str = Field(pattern=r"^[A-Z]{3}$")


class EnrolResponse(_Wire):
    device_id: Uuid
    token: str
    org: OrgIdentity
    shop: ShopIdentity


# --- Push and pull --------------------------------------------------------------------------

class PushRequest(_Wire):
    events: list[WireEvent] = Field(max_length=MAX_BATCH)


class Rejected(_Wire):
    id: str = Field(max_length=64)
    reason: str


class PushResponse(_Wire):
    accepted: list[str]
    duplicate: list[str]
    rejected: list[Rejected]


class PullResponse(_Wire):
    events: list[ServerEvent]
    cursor: int = Field(ge=0)  # pass back as `after` for the next page
    more: bool


# --- Member profiles (last writer wins per field, by hybrid logical clock) -------------------

PROFILE_FIELDS = profiles.FIELDS  # one definition: kiosk/profiles.py


class FieldValue(_Wire):
    value: str | None = Field(None, max_length=2000)
    hlc: str = Field(pattern=r"^[0-9]{16}-[0-9]{4}-[0-9a-f\-]{1,40}$")


class ProfileChange(_Wire):
    member_id: Uuid
    fields: dict[str, FieldValue] = Field(max_length=len(PROFILE_FIELDS))

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: dict[str, FieldValue]) -> dict[str, FieldValue]:
        unknown = set(value) - set(PROFILE_FIELDS)
        if unknown:
            raise ValueError(f"unknown profile fields {sorted(unknown)}")
        return value


class ProfilePush(_Wire):
    profiles: list[ProfileChange] = Field(max_length=MAX_BATCH)


class ProfilePushResponse(_Wire):
    applied: int
    stale_fields: int  # fields the server already had from a later writer


class ServerProfile(ProfileChange):
    server_seq: int = Field(ge=1)
    erased: bool = False


class ProfilePullResponse(_Wire):
    profiles: list[ServerProfile]
    cursor: int = Field(ge=0)
    more: bool


# --- Divergence check -----------------------------------------------------------------------

class MemberBalance(_Wire):
    member_id: Uuid
    stamps: Amount
    points: Amount
    cashback_minor: Amount


class BalanceCheckRequest(_Wire):
    balances: list[MemberBalance] = Field(max_length=5000)


class BalanceCheckResponse(_Wire):
    mismatched: list[MemberBalance]  # the server's figures for members that differ


class Conflict(_Wire):
    member_id: Uuid
    stamps: int
    points: int
    cashback_minor: int
    events: list[str]  # the redemptions that took it below zero


class ConflictsResponse(_Wire):
    conflicts: list[Conflict]


# --- Export files ---------------------------------------------------------------------------
# Written by a till before it changes hands (sync/export.py); imported by the server's
# administrator (`klipp-server import`). JSON Lines: a header, then one WireEvent per line.

EXPORT_FORMAT = "klipp-outbox-export"
EXPORT_VERSION = 1
MAX_LINE_CHARS = 64 * 1024


def read_export(path: str | Path) -> tuple[dict[str, object], list[WireEvent]]:
    """The header and the validated events of an export file (InvalidInput says what's wrong)."""
    try:
        return _read_export(path)
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not a Klipp outbox export (not UTF-8 text).") from None


def _read_export(path: str | Path) -> tuple[dict[str, object], list[WireEvent]]:
    lines = _lines(Path(path))
    try:
        header = json.loads(next(lines))
    except (StopIteration, ValueError):
        raise InvalidInput(f"{path} is not a Klipp outbox export.") from None
    if not isinstance(header, dict) or header.get("format") != EXPORT_FORMAT:
        raise InvalidInput(f"{path} is not a Klipp outbox export.")
    events = []
    for number, line in enumerate(lines, start=2):
        try:
            events.append(WireEvent.model_validate_json(line))
        except ValueError:
            raise InvalidInput(f"{path}, line {number}: not a valid event.") from None
    return header, events


def _lines(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if len(line) > MAX_LINE_CHARS:
                raise InvalidInput(f"{path}: a line is too long for an event.")
            if line.strip():
                yield line


def batches(events: list[WireEvent], size: int = 500) -> Iterator[list[WireEvent]]:
    """The events in pushable batches."""
    size = min(size, MAX_BATCH)
    for start in range(0, len(events), size):
        yield events[start : start + size]


def error_body(message: str, **extra: Any) -> dict[str, Any]:
    """The body of every 4xx/5xx answer: {"detail": "..."} plus any fields given."""
    return {"detail": message, **extra}
