"""The event: its fields and bounds, its kinds, and one payload model per kind.

The one definition of an event's shape. The till's ledger (kiosk.ledger, kiosk.models), the
wire (sync.protocol.WireEvent) and the server's table take their fields from `EventFields`;
`check_payload` validates a payload by its kind when a till writes an event, when the server
takes a push, and when a till applies a pull, so a malformed payload is refused everywhere
the same way.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from kiosk.errors import InvalidInput

# The kinds, bounds and column names live apart as plain constants, for the ledger's
# reads; they are the event's too, so they are named here as well.
from kiosk.event_kinds import (  # noqa: F401
    ADJUSTMENT,
    BIG,
    CARD_ISSUED,
    CARD_REVOKED,
    CASHBACK_SPENT,
    COLUMNS,
    COUPON_ISSUED,
    COUPON_USED,
    KINDS,
    MAX_PAYLOAD_CHARS,
    MEMBER_ERASED,
    MEMBER_REGISTERED,
    POINTS_EXPIRED,
    PROGRAM_PUBLISHED,
    PURCHASE,
    REDEEM,
    REFERENCES,
    REVERSAL,
    STAMP,
    TIER_CHANGED,
    UUID_PATTERN,
)

if TYPE_CHECKING:
    from sqlalchemy import Column
    from sqlalchemy.types import TypeEngine

Uuid = Annotated[str, Field(pattern=UUID_PATTERN)]
Amount = Annotated[int, Field(ge=-BIG, le=BIG)]
Title = Annotated[str, Field(max_length=80)]
Micros = Annotated[int, Field(ge=0, le=2**62)]


class EventFields(BaseModel):
    """An event's columns, in storage and wire order, with the bounds every side enforces."""

    # Built when first used, not when imported: a till builds it only when sync runs.
    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: Uuid
    device_id: Uuid
    seq: int = Field(ge=1, le=2**62)
    ts: Micros  # UTC microseconds
    kind: str = Field(max_length=40)
    org_id: Uuid
    shop_id: Uuid | None = None
    member_id: Uuid | None = None
    stamps: Amount = 0
    points: Amount = 0
    amount_minor: Amount = 0
    cashback_minor: Amount = 0
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    reward_id: str | None = Field(None, max_length=40)
    coupon_id: Uuid | None = None
    reverses: Uuid | None = None
    tier: str | None = Field(None, max_length=40)
    payload: str = Field("{}", max_length=MAX_PAYLOAD_CHARS)

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in PAYLOADS:
            raise ValueError(f"unknown event kind {value[:40]!r}")
        return value

    @field_validator("payload")
    @classmethod
    def _json_object(cls, value: str) -> str:
        try:
            parsed = json.loads(value)
        except (ValueError, RecursionError):  # deep nesting is hostile, not a server error
            raise ValueError("payload is not JSON (or nested too deeply)") from None
        if not isinstance(parsed, dict):
            raise ValueError("payload must be a JSON object")
        return value

    @model_validator(mode="after")
    def _payload_fits_kind(self) -> EventFields:
        problem = _stored_payload_problem(self.kind, self.payload)
        if problem is not None:
            raise ValueError(problem)
        return self


# --- payloads, one model per kind -----------------------------------------------------------

class _Payload(BaseModel):
    # Each kind's model is built when an event of that kind is first checked.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Empty(_Payload):
    pass


class StampPayload(_Payload):
    category: str | None = Field(None, max_length=40)


class Item(_Payload):
    category: str = Field(max_length=40)
    amount_minor: Amount
    quantity: int = Field(ge=1, le=1000)


class PurchasePayload(_Payload):
    items: list[Item] = Field(default_factory=list, max_length=100)
    tier_before: str | None = Field(None, max_length=40)


class TitledPayload(_Payload):
    title: Title


class CardPayload(_Payload):
    card_hash: str = Field(pattern=r"^[0-9a-f]{64}$")


class CardRevokedPayload(CardPayload):
    reason: str = Field("revoked", max_length=60)


class Benefit(_Payload):
    reward_id: str | None = Field(None, max_length=40)
    discount_minor: Amount = 0


class CouponIssuedPayload(_Payload):
    coupon_kind: str = Field(max_length=40)
    title: Title
    valid_from: Micros
    valid_to: Micros | None = None
    benefit: Benefit = Field(default_factory=Benefit)


class ReversalPayload(_Payload):
    reversed_kind: str = Field(max_length=40)
    tier_restored: bool = False


class AdjustmentPayload(_Payload):
    reason: str = Field(max_length=200)


class TierChangedPayload(_Payload):
    tier_before: str | None = Field(None, max_length=40)
    reason: str = Field(max_length=40)
    basis: Literal["spend", "visits"] | None = None
    figure: Amount = 0
    period_days: int = Field(0, ge=0, le=3660)


class PointsExpiredPayload(_Payload):
    inactive_days: int = Field(ge=0, le=100_000)
    last_activity: str = Field(max_length=40)


class ProgramPayload(_Payload):
    version: int = Field(ge=1, le=1_000_000)
    config: dict[str, Any]

    @field_validator("config")
    @classmethod
    def _a_programme(cls, value: dict[str, Any]) -> dict[str, Any]:
        from kiosk.programs import parse_config

        try:
            parse_config(json.dumps(value))
        except InvalidInput as exc:
            raise ValueError(str(exc)) from None
        return value


PAYLOADS: dict[str, type[_Payload]] = {
    MEMBER_REGISTERED: Empty,
    MEMBER_ERASED: Empty,
    CARD_ISSUED: CardPayload,
    CARD_REVOKED: CardRevokedPayload,
    STAMP: StampPayload,
    PURCHASE: PurchasePayload,
    REDEEM: TitledPayload,
    CASHBACK_SPENT: Empty,
    COUPON_ISSUED: CouponIssuedPayload,
    COUPON_USED: TitledPayload,
    TIER_CHANGED: TierChangedPayload,
    POINTS_EXPIRED: PointsExpiredPayload,
    ADJUSTMENT: AdjustmentPayload,
    REVERSAL: ReversalPayload,
    PROGRAM_PUBLISHED: ProgramPayload,
}
if frozenset(PAYLOADS) != KINDS or tuple(EventFields.model_fields) != COLUMNS:
    raise RuntimeError("kiosk.event_kinds disagrees with the event's models in kiosk.events")


def payload_problem(kind: str, payload: Any) -> str | None:
    """Why a payload does not fit its kind, in one short line; None when it does."""
    model = PAYLOADS.get(kind)
    if model is None:
        return f"unknown event kind {kind[:40]!r}"
    try:
        model.model_validate(payload)
    except (ValidationError, InvalidInput, ValueError) as exc:
        if isinstance(exc, ValidationError) and exc.errors():
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            return f"{kind} payload: {where or 'value'} {first.get('msg', 'is invalid')}"[:200]
        return f"{kind} payload: {str(exc)[:160]}"
    return None


@lru_cache(maxsize=4096)
def _stored_payload_problem(kind: str, payload: str) -> str | None:
    # Pages of pulled or pushed events repeat the same few payloads ("{}", a reward's
    # title, a coupon's): checking each distinct one once keeps validation off the profile.
    return payload_problem(kind, json.loads(payload))


def check_payload(kind: str, payload: Any) -> None:
    """Raise InvalidInput when a payload does not fit its kind."""
    problem = payload_problem(kind, payload)
    if problem is not None:
        raise InvalidInput(problem)


# --- as table columns -----------------------------------------------------------------------

def sql_columns(*, integer: type[TypeEngine[int]], bounded: bool = True,
                id_primary_key: bool = False) -> list[Column[Any]]:
    """The event's fields as SQLAlchemy columns, typed and (when `bounded`) sized from the
    model's schema: the till's `event` table and the server's are built from these."""
    schema = EventFields.model_json_schema()["properties"]
    return [_column(name, schema[name], integer=integer, bounded=bounded,
                    primary_key=id_primary_key and name == "id") for name in COLUMNS]


def _column(name: str, schema: dict[str, Any], *, integer: type[TypeEngine[int]],
            bounded: bool, primary_key: bool) -> Column[Any]:
    # Imported here: the command line's hot path validates events but builds no tables.
    from sqlalchemy import Column
    from sqlmodel import AutoString

    options = schema.get("anyOf", [schema])
    nullable = any(o.get("type") == "null" for o in options)
    (shape,) = [o for o in options if o.get("type") != "null"]
    if shape["type"] == "integer":
        return Column(name, integer(), nullable=nullable)
    if shape["type"] != "string":  # a new kind of field wants a thought-out column type
        raise TypeError(f"no column type for event field {name!r}: {shape}")
    length = shape.get("maxLength") if bounded else None
    if bounded and length is None and shape.get("pattern") == UUID_PATTERN:
        length = 36
    elif bounded and length is None and (
            fixed := re.fullmatch(r"\^\[[^\]]+\]\{(\d+)\}\$", shape.get("pattern", ""))):
        length = int(fixed.group(1))
    # Long text (the payload) is bounded by validation; a VARCHAR limit on it would only
    # move the refusal from a clear message to a database error.
    return Column(name, AutoString(length if length and length <= 255 else None),
                  nullable=nullable, primary_key=primary_key)
