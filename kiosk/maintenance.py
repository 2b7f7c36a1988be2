"""Jobs a till runs at start-up and once a day: birthday coupons, tier review, points expiry.

Each runs inside the caller's write transaction and is idempotent: a second run the same
day finds nothing left to do. Two tills running them offline may both act; birthday
coupons have an id every till computes alike, so they still make one coupon.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta

from kiosk import actions, ledger, members
from kiosk.actions import Context
from kiosk.clock import from_micros, to_micros
from kiosk.programs import BirthdayCoupon, tier_for, tier_rank
from kiosk.store import Connection


def birthday_in(year: int, born: date) -> date:
    """The day a birthday is kept in a year: 29 February becomes the 28th in common years."""
    if born.month == 2 and born.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return born.replace(year=year)


def _validity(day: date, spec: BirthdayCoupon, ctx: Context) -> tuple[datetime, datetime]:
    # A function of the birthday alone, so every till that issues it writes the same coupon:
    # from the first day of the window, for valid_days, and at least to the window's end.
    first = day - timedelta(days=spec.days_before)
    last = max(day + timedelta(days=spec.days_after), first + timedelta(days=spec.valid_days - 1))
    tz = ctx.shop.tz
    start = datetime.combine(first, time(0), tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz)
    return start, end


def issue_birthday_coupons(conn: Connection, ctx: Context, today: date) -> int:
    """Give each member whose birthday window holds `today` (shop-local) this year's coupon."""
    spec = ctx.program.birthday_coupon
    if spec is None:
        return 0
    rows = conn.exec_driver_sql(
        "SELECT id, birthday FROM member WHERE org_id = ? AND erased_at IS NULL"
        " AND birthday IS NOT NULL", (ctx.origin.org_id,)).fetchall()
    issued = 0
    for member_id, text in rows:
        try:
            born = date.fromisoformat(text)
        except ValueError:
            continue  # an unreadable birthday from an old or foreign till gets no coupon
        # The window around New Year belongs to the neighbouring year's birthday.
        for year in (today.year - 1, today.year, today.year + 1):
            day = birthday_in(year, born)
            if not (day - timedelta(days=spec.days_before) <= today
                    <= day + timedelta(days=spec.days_after)):
                continue
            coupon_id = members.birthday_coupon_id(member_id, year)
            if conn.exec_driver_sql("SELECT 1 FROM coupon WHERE id = ?", (coupon_id,)).first():
                continue
            start, end = _validity(day, spec, ctx)
            members.issue_coupon(conn, ctx.origin, ctx.clock, member_id, spec, kind="birthday",
                                 coupon_id=coupon_id, valid_from=start, valid_to=end)
            issued += 1
    return issued


def review_tiers(conn: Connection, ctx: Context) -> int:
    """Move members whose rolling spend or visits no longer qualify down to the tier they do.

    Upgrades happen at once on purchase; this is the other half. A tier the programme no
    longer has is replaced by the one the member qualifies for. Returns events written.
    """
    rule = ctx.program.tiers
    if rule is None:
        return 0
    lowest = rule.tiers[0].name
    rows = conn.exec_driver_sql(
        "SELECT b.member_id, b.tier FROM balance b JOIN member m ON m.id = b.member_id"
        " WHERE m.org_id = ? AND m.erased_at IS NULL AND coalesce(b.tier, '') NOT IN ('', ?)"
        " ORDER BY b.member_id", (ctx.origin.org_id, lowest)).fetchall()
    changed = 0
    for member_id, tier in rows:
        # The same figure purchase() upgrades on, so review never undoes a fresh upgrade.
        figure = actions.rolling_figure(conn, ctx, member_id)
        qualified = tier_for(figure, rule)
        rank = tier_rank(tier, rule)
        if rank >= 0 and tier_rank(qualified, rule) >= rank:
            continue
        ledger.append(conn, ctx.origin, ctx.clock, ledger.NewEvent(
            ledger.TIER_CHANGED, member_id, tier=qualified,
            payload={"tier_before": tier, "reason": "review", "basis": rule.basis,
                     "figure": figure, "period_days": rule.period_days}))
        changed += 1
    return changed


def expire_points(conn: Connection, ctx: Context) -> int:
    """Members inactive for the programme's limit lose their points; returns members expired.

    Only positive balances expire. Two tills expiring the same member while out of touch
    both write an expiry; the balance then goes negative and the server flags it.
    """
    days = ctx.program.limits.points_expire_after_inactive_days
    if days is None:
        return 0
    cutoff = to_micros(ctx.clock.now() - timedelta(days=days))
    rows = conn.exec_driver_sql(
        "SELECT b.member_id, b.points, b.last_ts FROM balance b JOIN member m"
        " ON m.id = b.member_id WHERE m.org_id = ? AND b.points > 0 AND b.last_ts < ?"
        " ORDER BY b.member_id", (ctx.origin.org_id, cutoff)).fetchall()
    for member_id, points, last_ts in rows:
        ledger.append(conn, ctx.origin, ctx.clock, ledger.NewEvent(
            ledger.POINTS_EXPIRED, member_id, points=-points,
            payload={"inactive_days": days, "last_activity": from_micros(last_ts).isoformat()}))
    return len(rows)
