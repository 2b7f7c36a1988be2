"""An event's columns as a pydantic model: the wire's events and both sides' tables.

The fields, their order and their bounds (kiosk.event_kinds' constants) for the sync wire
(sync.protocol.WireEvent is an EventFields), the server's request bodies, and the till's and
the server's `event` tables (`sql_columns`). A payload's rules by kind are kiosk.events'; an
EventFields checks its payload with them, so the wire refuses what a till would.

Apart from kiosk.events because the till's own writes never build an EventFields: importing
pydantic was 40 % of a `klipp stamp` (bench/bench_cli.py).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kiosk.event_kinds import BIG, COLUMNS, KINDS, MAX_PAYLOAD_CHARS, UUID_PATTERN
from kiosk.events import stored_payload_problem

if TYPE_CHECKING:
    from sqlalchemy import Column
    from sqlalchemy.types import TypeEngine

Uuid = Annotated[str, Field(pattern=UUID_PATTERN)]
Amount = Annotated[int, Field(ge=-BIG, le=BIG)]
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
        if value not in KINDS:
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
        problem = stored_payload_problem(self.kind, self.payload)
        if problem is not None:
            raise ValueError(problem)
        return self



if tuple(EventFields.model_fields) != COLUMNS:
    raise RuntimeError("kiosk.event_kinds disagrees with EventFields in kiosk.event_fields")


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
