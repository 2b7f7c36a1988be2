"""An event's kinds, bounds and column names: plain constants, no models.

The ledger names kinds and columns on every path, reading included; the payload models of
kiosk.events are needed only to check an event being written or received, and the columns'
model (kiosk.event_fields, pydantic) only by the wire and the tables. Each refuses to load
if it disagrees with what is written here.
"""

from __future__ import annotations

# Kinds of event. Strings on the wire and in the database.
MEMBER_REGISTERED = "member_registered"
MEMBER_ERASED = "member_erased"
CARD_ISSUED = "card_issued"
CARD_REVOKED = "card_revoked"
STAMP = "stamp"
PURCHASE = "purchase"
REDEEM = "redeem"
CASHBACK_SPENT = "cashback_spent"
COUPON_ISSUED = "coupon_issued"
COUPON_USED = "coupon_used"
TIER_CHANGED = "tier_changed"
POINTS_EXPIRED = "points_expired"
ADJUSTMENT = "adjustment"
REVERSAL = "reversal"
PROGRAM_PUBLISHED = "program_published"

KINDS = frozenset({
    MEMBER_REGISTERED, MEMBER_ERASED, CARD_ISSUED, CARD_REVOKED, STAMP, PURCHASE, REDEEM,
    CASHBACK_SPENT, COUPON_ISSUED, COUPON_USED, TIER_CHANGED, POINTS_EXPIRED, ADJUSTMENT,
    REVERSAL, PROGRAM_PUBLISHED,
})
# Kinds that name another event of the same organisation, and the column that names it.
REFERENCES: dict[str, str] = {REVERSAL: "reverses", COUPON_USED: "coupon_id"}

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
BIG = 10**12  # bound on any amount: money in minor units, points, stamps
MAX_PAYLOAD_CHARS = 8192

# An event's columns in storage and wire order: kiosk.event_fields.EventFields's fields.
COLUMNS: tuple[str, ...] = (
    "id", "device_id", "seq", "ts", "kind", "org_id", "shop_id", "member_id", "stamps",
    "points", "amount_minor", "cashback_minor", "currency", "reward_id", "coupon_id",
    "reverses", "tier", "payload",
)
