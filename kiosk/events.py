"""The event's kinds and one payload model per kind.

The one definition of what each kind of event carries. `check_payload` validates a payload
by its kind when a till writes an event, when the server takes a push, and when a till
applies a pull, so a malformed payload is refused everywhere the same way. The event's
columns (for the wire and the tables) are kiosk.event_fields' EventFields, which checks its
payload here.

The models are msgspec structs: every write checks its payload, and importing pydantic for
that was 40 % of a `klipp stamp` (bench/bench_cli.py).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, field

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
from kiosk.validation import explain

Amount = Annotated[int, Meta(ge=-BIG, le=BIG)]
Title = Annotated[str, Meta(max_length=80)]
Micros = Annotated[int, Meta(ge=0, le=2**62)]
Word = Annotated[str, Meta(max_length=40)]


# --- payloads, one model per kind -----------------------------------------------------------

class _Payload(msgspec.Struct, forbid_unknown_fields=True):
    pass


class Empty(_Payload):
    pass


class StampPayload(_Payload):
    category: Word | None = None


class Item(_Payload):
    category: Word
    amount_minor: Amount
    quantity: Annotated[int, Meta(ge=1, le=1000)]


class PurchasePayload(_Payload):
    items: Annotated[list[Item], Meta(max_length=100)] = []
    tier_before: Word | None = None


class TitledPayload(_Payload):
    title: Title


class CardPayload(_Payload):
    card_hash: Annotated[str, Meta(pattern=r"^[0-9a-f]{64}$")]


class CardRevokedPayload(CardPayload):
    reason: Annotated[str, Meta(max_length=60)] = "revoked"


class Benefit(_Payload):
    reward_id: Word | None = None
    discount_minor: Amount = 0


class CouponIssuedPayload(_Payload, kw_only=True):
    coupon_kind: Word
    title: Title
    valid_from: Micros
    valid_to: Micros | None = None
    benefit: Benefit = field(default_factory=Benefit)


class ReversalPayload(_Payload):
    reversed_kind: Word
    tier_restored: bool = False


class AdjustmentPayload(_Payload):
    reason: Annotated[str, Meta(max_length=200)]


class TierChangedPayload(_Payload, kw_only=True):
    tier_before: Word | None = None
    reason: Word
    basis: Literal["spend", "visits"] | None = None
    figure: Amount = 0
    period_days: Annotated[int, Meta(ge=0, le=3660)] = 0


class PointsExpiredPayload(_Payload):
    inactive_days: Annotated[int, Meta(ge=0, le=100_000)]
    last_activity: Word


class ProgramPayload(_Payload):
    version: Annotated[int, Meta(ge=1, le=1_000_000)]
    config: dict[str, Any]

    def __post_init__(self) -> None:
        from kiosk.programs import ProgramConfig

        try:
            ProgramConfig.model_validate(self.config)
        except InvalidInput as exc:
            raise ValueError(str(exc)) from None


PAYLOADS: dict[str, type[_Payload]] = {
    MEMBER_REGISTERED: Empty, MEMBER_ERASED: Empty, CASHBACK_SPENT: Empty,
    STAMP: StampPayload, PURCHASE: PurchasePayload,
    REDEEM: TitledPayload, COUPON_USED: TitledPayload,
    CARD_ISSUED: CardPayload, CARD_REVOKED: CardRevokedPayload,
    COUPON_ISSUED: CouponIssuedPayload, REVERSAL: ReversalPayload,
    ADJUSTMENT: AdjustmentPayload, TIER_CHANGED: TierChangedPayload,
    POINTS_EXPIRED: PointsExpiredPayload, PROGRAM_PUBLISHED: ProgramPayload,
}

if frozenset(PAYLOADS) != KINDS:
    raise RuntimeError("kiosk.event_kinds disagrees with the payload models in kiosk.events")


def payload_problem(kind: str, payload: Any) -> str | None:
    """Why a payload does not fit its kind, in one short line; None when it does."""
    model = PAYLOADS.get(kind)
    if model is None:
        return f"unknown event kind {kind[:40]!r}"
    try:
        msgspec.convert(payload, model, strict=False)
    except (msgspec.ValidationError, InvalidInput, ValueError) as exc:
        problem = explain(str(exc))
        return f"{kind} payload: {'.'.join(problem.where) or 'value'} {problem.words}"[:200]
    return None


@lru_cache(maxsize=4096)
def stored_payload_problem(kind: str, payload: str) -> str | None:
    """payload_problem of a payload as stored (JSON text), each distinct one checked once."""
    # Pages of pulled or pushed events repeat the same few payloads ("{}", a reward's
    # title, a coupon's): checking each distinct one once keeps validation off the profile.
    return payload_problem(kind, json.loads(payload))


def check_payload(kind: str, payload: Any) -> None:
    """Raise InvalidInput when a payload does not fit its kind."""
    problem = payload_problem(kind, payload)
    if problem is not None:
        raise InvalidInput(problem)
