"""Read models: what the till shows about a member."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from kiosk.errors import NotFound
from kiosk.store import Connection, sql


@dataclass(frozen=True)
class CouponView:
    id: str
    kind: str
    title: str
    valid_from: int
    valid_to: int | None
    used: bool


@dataclass(frozen=True)
class MemberView:
    id: str
    name: str | None
    phone: str | None
    email: str | None
    birthday: str | None
    erased: bool
    stamps: int
    points: int
    cashback_minor: int
    spend_minor: int
    tier: str | None
    segments: dict[str, str] = field(default_factory=dict)
    coupons: tuple[CouponView, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


_BALANCE = (
    "SELECT m.id, m.name, m.phone, m.email, m.birthday, m.erased_at, m.segments_json,"
    " coalesce(b.stamps, 0), coalesce(b.points, 0), coalesce(b.cashback_minor, 0),"
    " coalesce(b.spend_minor, 0), b.tier FROM member m"
    " LEFT JOIN balance b ON b.member_id = m.id WHERE m.id = ?"
)


def member_view(conn: Connection, member_id: str, *, coupons: bool = True) -> MemberView:
    """A member with balances and (optionally) their coupons, from the cached tables."""
    row = sql(conn, _BALANCE, (member_id,)).fetchone()
    if row is None:
        raise NotFound("No such member.")
    coupon_views: tuple[CouponView, ...] = ()
    if coupons:
        coupon_views = tuple(
            CouponView(r[0], r[1], r[2], r[3], r[4], r[5] is not None)
            for r in sql(conn,
                "SELECT id, kind, title, valid_from, valid_to, used_event FROM coupon"
                " WHERE member_id = ? ORDER BY valid_from, id", (member_id,))
        )
    return MemberView(
        id=row[0], name=row[1], phone=row[2], email=row[3], birthday=row[4],
        erased=row[5] is not None, segments=json.loads(row[6] or "{}"), stamps=row[7],
        points=row[8], cashback_minor=row[9], spend_minor=row[10], tier=row[11] or None,
        coupons=coupon_views,
    )
