"""What a cashier does for a member: stamp, purchase, redeem, coupons, cashback, undo.

Each function runs inside the caller's write transaction (BEGIN IMMEDIATE), reads the
balance under the write lock, applies the programme's rules and appends one event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from kiosk import ledger
from kiosk.clock import Clock, to_micros
from kiosk.days import day_bounds, local_day
from kiosk.errors import InsufficientBalance, InvalidInput, LimitReached, NotFound, UndoRefused
from kiosk.money import format_money
from kiosk.shops import ShopInfo, program_from_json
from kiosk.store import Connection, sql

if TYPE_CHECKING:
    from kiosk.programs import ProgramConfig

MAX_AMOUNT_MINOR = 100_000_000  # a million kroner: anything larger is a typo


def _amount_refusal(amount_minor: int, currency: str) -> str:
    if amount_minor > MAX_AMOUNT_MINOR:
        return (f"The amount is too large: at most {format_money(MAX_AMOUNT_MINOR, currency)}"
                " at a time.")
    return "The amount must be more than zero."


@dataclass(frozen=True)
class Context:
    """Everything an action needs besides the member: who writes, when, under which rules."""

    origin: ledger.Origin
    clock: Clock
    shop: ShopInfo
    # The programme in force as stored (JSON; None: the default programme). `program`
    # parses it when first read: a command that applies no rule (a search, a report) never
    # builds the programme's models, whose import costs more than its whole work.
    program_json: str | None = field(default=None, repr=False)

    @cached_property
    def program(self) -> ProgramConfig:
        """The programme's rules (parsed once per context)."""
        return program_from_json(self.program_json)


@dataclass(frozen=True)
class Item:
    category: str
    amount_minor: int
    quantity: int = 1


def _balance(conn: Connection, member_id: str) -> tuple[int, int, int, str | None]:
    row = sql(conn,
        "SELECT b.stamps, b.points, b.cashback_minor, b.tier, m.erased_at FROM member m"
        " LEFT JOIN balance b ON b.member_id = m.id WHERE m.id = ?",
        (member_id,),
    ).fetchone()
    if row is None:
        raise NotFound("No such member.")
    if row[4] is not None:
        raise InvalidInput("This member has been erased.")
    return row[0] or 0, row[1] or 0, row[2] or 0, row[3]


def _today(ctx: Context) -> tuple[int, int]:
    return day_bounds(local_day(ctx.clock.now(), ctx.shop.tz), ctx.shop.tz)


def _net_today(conn: Connection, ctx: Context, member_id: str, kinds: frozenset[str],
               column: str) -> int:
    """Sum of a column over today's events of these kinds, less what was reversed."""
    start, end = _today(ctx)
    marks = ", ".join("?" * len(kinds))
    return sql(conn,
        f"SELECT coalesce(sum({column}), 0) FROM event e WHERE e.member_id = ? AND e.ts >= ?"
        f" AND e.ts < ? AND e.kind IN ({marks}) AND NOT EXISTS"
        " (SELECT 1 FROM event r WHERE r.reverses = e.id)",
        (member_id, start, end, *sorted(kinds)),
    ).fetchone()[0]


def _stamp_room(conn: Connection, ctx: Context, member_id: str) -> int:
    card = ctx.program.stamp_card
    assert card is not None
    given = _net_today(conn, ctx, member_id, frozenset({ledger.STAMP, ledger.PURCHASE}), "stamps")
    return max(card.max_stamps_per_visit - given, 0)


def stamp(conn: Connection, ctx: Context, member_id: str, *, count: int = 1,
          category: str | None = None) -> ledger.EventRecord:
    """Give stamps by hand ("+1 coffee"), within the cap per visit."""
    card = ctx.program.stamp_card
    if card is None:
        raise InvalidInput("This shop's programme has no stamp card.")
    if not 1 <= count <= card.max_stamps_per_visit:
        raise InvalidInput(f"Give between 1 and {card.max_stamps_per_visit} stamps at a time.")
    if card.eligible_categories and category and category not in card.eligible_categories:
        raise InvalidInput(f"{category!r} does not earn stamps here.")
    _balance(conn, member_id)
    room = _stamp_room(conn, ctx, member_id)
    if count > room:
        raise LimitReached(
            f"At most {card.max_stamps_per_visit} stamps per visit; {room} left today.")
    payload = {"category": category} if category else {}
    return ledger.append(conn, ctx.origin, ctx.clock, ledger.NewEvent(
        ledger.STAMP, member_id, stamps=count, payload=payload))


def rolling_figure(conn: Connection, ctx: Context, member_id: str) -> int:
    rule = ctx.program.tiers
    assert rule is not None
    since = to_micros(ctx.clock.now() - timedelta(days=rule.period_days))
    if rule.basis == "spend":
        return sql(conn,
            "SELECT coalesce(sum(amount_minor), 0) FROM event WHERE member_id = ? AND ts >= ?",
            (member_id, since),
        ).fetchone()[0]
    # Visits: distinct shop-local days with a visit. Done in Python to respect the time zone.
    rows = sql(conn,
        f"SELECT ts FROM event WHERE member_id = ? AND ts >= ? AND kind IN"
        f" ({', '.join('?' * len(ledger.VISIT_KINDS))})",
        (member_id, since, *sorted(ledger.VISIT_KINDS)),
    )
    from kiosk.clock import from_micros

    return len({local_day(from_micros(r[0]), ctx.shop.tz) for r in rows})


def purchase(conn: Connection, ctx: Context, member_id: str, *, amount_minor: int,
             items: list[Item] | None = None) -> ledger.EventRecord:
    """Record a purchase: points (with the tier's multiplier), cashback, stamps, upgrade."""
    from kiosk.programs import cashback_for, multiplier_for, points_for, tier_for, tier_rank

    if not 0 < amount_minor <= MAX_AMOUNT_MINOR:
        raise InvalidInput(_amount_refusal(amount_minor, ctx.shop.currency))
    items = items or []
    if items and sum(i.amount_minor * i.quantity for i in items) != amount_minor:
        raise InvalidInput("The items do not add up to the purchase amount.")
    _, _, _, tier = _balance(conn, member_id)
    prog = ctx.program
    points = points_for(amount_minor, prog.points, multiplier_for(tier, prog.tiers)) \
        if prog.points else 0
    cashback = cashback_for(amount_minor, prog.cashback) if prog.cashback else 0
    stamps = 0
    if prog.stamp_card:
        eligible = prog.stamp_card.eligible_categories
        if items:
            stamps = sum(i.quantity for i in items if not eligible or i.category in eligible)
        elif not eligible:
            stamps = 1
        stamps = min(stamps, _stamp_room(conn, ctx, member_id))
    new_tier = None
    payload: dict[str, Any] = {}
    if items:
        payload["items"] = [{"category": i.category[:40], "amount_minor": i.amount_minor,
                             "quantity": i.quantity} for i in items[:100]]
    if prog.tiers:
        figure = rolling_figure(conn, ctx, member_id)
        figure += amount_minor if prog.tiers.basis == "spend" else 0
        qualified = tier_for(figure, prog.tiers)
        # Upgrades happen at once; downgrades wait for the periodic review.
        # No tier yet means the entry tier: a first purchase is not an upgrade.
        current = tier or prog.tiers.tiers[0].name
        if tier_rank(qualified, prog.tiers) > tier_rank(current, prog.tiers):
            new_tier = qualified
            payload["tier_before"] = tier
    return ledger.append(conn, ctx.origin, ctx.clock, ledger.NewEvent(
        ledger.PURCHASE, member_id, stamps=stamps, points=points, amount_minor=amount_minor,
        cashback_minor=cashback, currency=ctx.shop.currency, tier=new_tier, payload=payload))


def _redemption_cap(conn: Connection, ctx: Context, member_id: str) -> None:
    start, end = _today(ctx)
    marks = ", ".join("?" * len(ledger.REDEMPTION_KINDS))
    used = sql(conn,
        f"SELECT count(*) FROM event e WHERE e.member_id = ? AND e.ts >= ? AND e.ts < ?"
        f" AND e.kind IN ({marks}) AND NOT EXISTS (SELECT 1 FROM event r WHERE r.reverses = e.id)",
        (member_id, start, end, *sorted(ledger.REDEMPTION_KINDS)),
    ).fetchone()[0]
    cap = ctx.program.limits.max_redemptions_per_day
    if used >= cap:
        raise LimitReached(f"This member has used today's {cap} redemptions; come back tomorrow.")


def redeem(conn: Connection, ctx: Context, member_id: str, reward_id: str
           ) -> ledger.EventRecord:
    """Spend stamps or points on a catalogue reward; refused if the balance is short."""
    reward = ctx.program.reward(reward_id)
    stamps, points, _, _ = _balance(conn, member_id)
    if reward.cost_stamps and stamps < reward.cost_stamps:
        raise InsufficientBalance(
            f"{reward.title} needs {reward.cost_stamps} stamps; the member has {stamps}.")
    if reward.cost_points and points < reward.cost_points:
        raise InsufficientBalance(
            f"{reward.title} needs {reward.cost_points} points; the member has {points}.")
    _redemption_cap(conn, ctx, member_id)
    return ledger.append(conn, ctx.origin, ctx.clock, ledger.NewEvent(
        ledger.REDEEM, member_id, stamps=-reward.cost_stamps, points=-reward.cost_points,
        reward_id=reward.id, payload={"title": reward.title}))


def use_coupon(conn: Connection, ctx: Context, member_id: str, coupon_id: str
               ) -> ledger.EventRecord:
    """Use one of the member's coupons while it is valid."""
    _balance(conn, member_id)
    row = sql(conn,
        "SELECT member_id, valid_from, valid_to, used_event, title FROM coupon WHERE id = ?",
        (coupon_id,),
    ).fetchone()
    if row is None or row[0] != member_id:
        raise NotFound("This member has no such coupon.")
    now = to_micros(ctx.clock.now())
    if row[3] is not None:
        raise InsufficientBalance(f"The coupon {row[4]!r} has already been used.")
    if now < row[1] or (row[2] is not None and now >= row[2]):
        raise InvalidInput(f"The coupon {row[4]!r} is not valid today.")
    _redemption_cap(conn, ctx, member_id)
    return ledger.append(conn, ctx.origin, ctx.clock, ledger.NewEvent(
        ledger.COUPON_USED, member_id, coupon_id=coupon_id, payload={"title": row[4]}))


def spend_cashback(conn: Connection, ctx: Context, member_id: str, amount_minor: int
                   ) -> ledger.EventRecord:
    """Pay part of a purchase with cashback credit."""
    if not 0 < amount_minor <= MAX_AMOUNT_MINOR:
        raise InvalidInput(_amount_refusal(amount_minor, ctx.shop.currency))
    _, _, credit, _ = _balance(conn, member_id)
    if credit < amount_minor:
        raise InsufficientBalance(
            f"The member has {format_money(credit, ctx.shop.currency)} in cashback credit,"
            f" less than {format_money(amount_minor, ctx.shop.currency)}.")
    return ledger.append(conn, ctx.origin, ctx.clock, ledger.NewEvent(
        ledger.CASHBACK_SPENT, member_id, cashback_minor=-amount_minor,
        currency=ctx.shop.currency))


def undo(conn: Connection, ctx: Context, member_id: str) -> ledger.EventRecord:
    """Reverse the member's last action if it is within the undo window."""
    marks = ", ".join("?" * len(ledger.UNDOABLE))
    row = sql(conn,
        f"SELECT {', '.join(ledger.COLUMNS)} FROM event e WHERE e.member_id = ?"
        f" AND e.kind IN ({marks}) AND NOT EXISTS"
        " (SELECT 1 FROM event r WHERE r.reverses = e.id) ORDER BY e.ts DESC, e.id DESC LIMIT 1",
        (member_id, *sorted(ledger.UNDOABLE)),
    ).fetchone()
    if row is None:
        raise UndoRefused("There is nothing to undo for this member.")
    last = ledger.EventRecord.from_row(row)
    window = ctx.program.limits.undo_window_seconds * 1_000_000
    if to_micros(ctx.clock.now()) - last.ts > window:
        raise UndoRefused("The last action is too old to undo; ask a manager to correct it.")
    payload: dict[str, Any] = {"reversed_kind": last.kind}
    tier = None
    if last.tier is not None:
        # "" stands for "no tier yet", so the fold still sees a tier change to apply.
        tier = json.loads(last.payload).get("tier_before") or ""
        payload["tier_restored"] = True
    return ledger.append(conn, ctx.origin, ctx.clock, ledger.NewEvent(
        ledger.REVERSAL, member_id, stamps=-last.stamps, points=-last.points,
        amount_minor=-last.amount_minor, cashback_minor=-last.cashback_minor,
        currency=last.currency, reward_id=last.reward_id, coupon_id=last.coupon_id,
        reverses=last.id, tier=tier, payload=payload))


def adjust(conn: Connection, ctx: Context, member_id: str, *, stamps: int = 0, points: int = 0,
           cashback_minor: int = 0, reason: str) -> ledger.EventRecord:
    """A manager's or an import's correction: carried-over balances from paper cards."""
    return ledger.append(conn, ctx.origin, ctx.clock, ledger.NewEvent(
        ledger.ADJUSTMENT, member_id, stamps=stamps, points=points,
        cashback_minor=cashback_minor, currency=ctx.shop.currency,
        payload={"reason": reason[:200]}))
