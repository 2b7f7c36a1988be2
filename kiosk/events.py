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
from collections.abc import Callable
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
# Each kind's model is made when an event of that kind is first checked: a command writes one
# kind, and making all the classes (pydantic's class creation is not cheap) cost it ~2 %.

class _Payload(BaseModel):
    # A model nested in another (Item, Benefit) is built inside its parent's schema only.
    model_config = ConfigDict(extra="forbid", defer_build=True)


# kind -> the function that makes its model (once; lru_cache keeps the class)
PAYLOADS: dict[str, Callable[[], type[_Payload]]] = {}


def _model_of(*kinds: str) -> Callable[[Callable[[], type[_Payload]]],
                                         Callable[[], type[_Payload]]]:
    def register(make: Callable[[], type[_Payload]]) -> Callable[[], type[_Payload]]:
        once = lru_cache(maxsize=None)(make)
        PAYLOADS.update(dict.fromkeys(kinds, once))
        return once
    return register


@_model_of(MEMBER_REGISTERED, MEMBER_ERASED, CASHBACK_SPENT)
def _empty() -> type[_Payload]:
    class Empty(_Payload):
        pass
    return Empty


@_model_of(STAMP)
def _stamp() -> type[_Payload]:
    class StampPayload(_Payload):
        category: str | None = Field(None, max_length=40)
    return StampPayload


@_model_of(PURCHASE)
def _purchase() -> type[_Payload]:
    class Item(_Payload):
        category: str = Field(max_length=40)
        amount_minor: Amount
        quantity: int = Field(ge=1, le=1000)

    class PurchasePayload(_Payload):
        items: list[Item] = Field([], max_length=100)  # pydantic copies it per instance
        tier_before: str | None = Field(None, max_length=40)
    return PurchasePayload


@_model_of(REDEEM, COUPON_USED)
def _titled() -> type[_Payload]:
    class TitledPayload(_Payload):
        title: Title
    return TitledPayload


@_model_of(CARD_ISSUED)
def _card() -> type[_Payload]:
    class CardPayload(_Payload):
        card_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    return CardPayload


@_model_of(CARD_REVOKED)
def _card_revoked() -> type[_Payload]:
    class CardRevokedPayload(_card()):  # type: ignore[misc]
        reason: str = Field("revoked", max_length=60)
    return CardRevokedPayload


@_model_of(COUPON_ISSUED)
def _coupon_issued() -> type[_Payload]:
    class Benefit(_Payload):
        reward_id: str | None = Field(None, max_length=40)
        discount_minor: Amount = 0

    class CouponIssuedPayload(_Payload):
        coupon_kind: str = Field(max_length=40)
        title: Title
        valid_from: Micros
        valid_to: Micros | None = None
        benefit: Benefit = Field(default_factory=Benefit)
    return CouponIssuedPayload


@_model_of(REVERSAL)
def _reversal() -> type[_Payload]:
    class ReversalPayload(_Payload):
        reversed_kind: str = Field(max_length=40)
        tier_restored: bool = False
    return ReversalPayload


@_model_of(ADJUSTMENT)
def _adjustment() -> type[_Payload]:
    class AdjustmentPayload(_Payload):
        reason: str = Field(max_length=200)
    return AdjustmentPayload


@_model_of(TIER_CHANGED)
def _tier_changed() -> type[_Payload]:
    class TierChangedPayload(_Payload):
        tier_before: str | None = Field(None, max_length=40)
        reason: str = Field(max_length=40)
        basis: Literal["spend", "visits"] | None = None
        figure: Amount = 0
        period_days: int = Field(0, ge=0, le=3660)
    return TierChangedPayload


@_model_of(POINTS_EXPIRED)
def _points_expired() -> type[_Payload]:
    class PointsExpiredPayload(_Payload):
        inactive_days: int = Field(ge=0, le=100_000)
        last_activity: str = Field(max_length=40)
    return PointsExpiredPayload


@_model_of(PROGRAM_PUBLISHED)
def _program() -> type[_Payload]:
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
    return ProgramPayload


if frozenset(PAYLOADS) != KINDS or tuple(EventFields.model_fields) != COLUMNS:
    raise RuntimeError("kiosk.event_kinds disagrees with the event's models in kiosk.events")


def payload_problem(kind: str, payload: Any) -> str | None:
    """Why a payload does not fit its kind, in one short line; None when it does."""
    make = PAYLOADS.get(kind)
    if make is None:
        return f"unknown event kind {kind[:40]!r}"
    try:
        make().model_validate(payload)
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
