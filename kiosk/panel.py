"""Read models for the cashier's screens: the member panel, an earn preview, the till's last action.

Plain data, computed in one read transaction from the cached tables and the member's events;
the screens turn them into words in the shop's language. Times are UTC microseconds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kiosk import ledger
from kiosk.actions import Context, rolling_figure
from kiosk.clock import to_micros
from kiosk.days import day_bounds, local_day
from kiosk.programs import cashback_for, multiplier_for, points_for
from kiosk.store import Connection, sql
from kiosk.views import CouponView, MemberView, member_view

RECENT = 5


@dataclass(frozen=True)
class RewardNow:
    """A catalogue reward and whether the member's balance covers it now."""

    id: str
    title: str
    cost_stamps: int
    cost_points: int
    affordable: bool


@dataclass(frozen=True)
class TierProgress:
    """Where the member stands on the tier ladder over the rolling period."""

    tier: str
    basis: str  # "spend" (figures in minor units) or "visits"
    figure: int
    next_tier: str | None
    next_threshold: int | None

    @property
    def to_next(self) -> int | None:
        """How much more spend (minor units) or how many visits reach the next tier."""
        if self.next_threshold is None:
            return None
        return max(self.next_threshold - self.figure, 0)


@dataclass(frozen=True)
class ActionLine:
    """One of the member's recent actions, with whether it was undone since."""

    id: str
    kind: str
    ts: int
    stamps: int
    points: int
    amount_minor: int
    cashback_minor: int
    title: str | None
    reversed: bool
    reversed_kind: str | None = None  # for a reversal: what it undid


@dataclass(frozen=True)
class Panel:
    """Everything the member panel shows, read at one moment."""

    member: MemberView
    now: int
    stamps: int
    stamps_for_reward: int | None  # None: the programme has no stamp card
    stamp_reward_title: str | None
    stamps_left_today: int | None  # room under the per-visit cap; None without a stamp card
    points: int
    cashback_minor: int
    tier: TierProgress | None
    rewards: tuple[RewardNow, ...]
    coupons_today: tuple[CouponView, ...]
    recent: tuple[ActionLine, ...]
    undo_deadline: int | None  # until when the last action can be undone (None: nothing to)
    undo_kind: str | None

    @property
    def rewards_now(self) -> tuple[RewardNow, ...]:
        """Rewards the balance covers right now."""
        return tuple(r for r in self.rewards if r.affordable)

    def undo_seconds_left(self, now: int) -> int:
        """Whole seconds left to undo at `now` (0 when nothing can be undone)."""
        if self.undo_deadline is None:
            return 0
        return max((self.undo_deadline - now) // 1_000_000, 0)


@dataclass(frozen=True)
class Earn:
    """What a purchase of an amount would earn this member, before it is confirmed."""

    amount_minor: int
    points: int
    cashback_minor: int
    stamps: int


@dataclass(frozen=True)
class LastAction:
    """The last cashier action committed on this till (shown after a restart)."""

    kind: str
    ts: int
    member_name: str | None
    stamps: int
    points: int
    amount_minor: int
    cashback_minor: int
    title: str | None
    reversed_kind: str | None


_REVERSED_IDS = "SELECT reverses FROM event WHERE member_id = ? AND reverses IS NOT NULL"


def _title(record: ledger.EventRecord) -> str | None:
    data = record.data
    title = data.get("title")
    return str(title)[:80] if title else None


def _line(record: ledger.EventRecord, reversed_ids: set[str]) -> ActionLine:
    data = record.data
    return ActionLine(
        id=record.id, kind=record.kind, ts=record.ts, stamps=record.stamps,
        points=record.points, amount_minor=record.amount_minor,
        cashback_minor=record.cashback_minor, title=_title(record),
        reversed=record.id in reversed_ids,
        reversed_kind=data.get("reversed_kind") if record.kind == ledger.REVERSAL else None,
    )


def _stamp_room(conn: Connection, ctx: Context, member_id: str) -> int | None:
    card = ctx.program.stamp_card
    if card is None:
        return None
    start, end = day_bounds(local_day(ctx.clock.now(), ctx.shop.tz), ctx.shop.tz)
    kinds = sorted({ledger.STAMP, ledger.PURCHASE})
    given = sql(conn,
        "SELECT coalesce(sum(stamps), 0) FROM event e WHERE e.member_id = ? AND e.ts >= ?"
        " AND e.ts < ? AND e.kind IN (?, ?) AND NOT EXISTS"
        " (SELECT 1 FROM event r WHERE r.reverses = e.id)",
        (member_id, start, end, *kinds)).fetchone()[0]
    return max(card.max_stamps_per_visit - given, 0)


def _tier(conn: Connection, ctx: Context, member: MemberView) -> TierProgress | None:
    rule = ctx.program.tiers
    if rule is None:
        return None
    figure = rolling_figure(conn, ctx, member.id)
    current = member.tier or rule.tiers[0].name
    higher = [t for t in rule.tiers if t.threshold > figure]
    nxt = higher[0] if higher else None
    return TierProgress(tier=current, basis=rule.basis, figure=figure,
                        next_tier=nxt.name if nxt else None,
                        next_threshold=nxt.threshold if nxt else None)


def member_panel(conn: Connection, ctx: Context, member_id: str, *, recent: int = RECENT
                 ) -> Panel:
    """The member panel: balances, what can be taken today, recent actions, the undo window."""
    member = member_view(conn, member_id)
    now = to_micros(ctx.clock.now())
    program = ctx.program
    card = program.stamp_card
    reward_title = None
    if card is not None:
        reward_title = program.reward(card.reward_id).title
    rewards = tuple(
        RewardNow(r.id, r.title, r.cost_stamps, r.cost_points,
                  affordable=(member.stamps >= r.cost_stamps if r.cost_stamps
                              else member.points >= r.cost_points) and not member.erased)
        for r in program.rewards
    )
    coupons = tuple(c for c in member.coupons if not c.used and c.valid_from <= now
                    and (c.valid_to is None or now < c.valid_to))
    reversed_ids = {r[0] for r in sql(conn, _REVERSED_IDS, (member_id,))}
    rows = sql(conn,
        f"SELECT {', '.join(ledger.COLUMNS)} FROM event WHERE member_id = ? AND kind IN"
        f" ({', '.join('?' * len(_SHOWN))}) ORDER BY ts DESC, id DESC LIMIT ?",
        (member_id, *sorted(_SHOWN), recent)).fetchall()
    lines = tuple(_line(ledger.EventRecord.from_row(r), reversed_ids) for r in rows)
    undo_deadline = undo_kind = None
    window = program.limits.undo_window_seconds * 1_000_000
    # The same choice actions.undo makes: the newest undoable action not yet reversed.
    last = sql(conn,
        f"SELECT ts, kind FROM event e WHERE e.member_id = ? AND e.kind IN"
        f" ({', '.join('?' * len(ledger.UNDOABLE))}) AND NOT EXISTS"
        " (SELECT 1 FROM event r WHERE r.reverses = e.id) ORDER BY e.ts DESC, e.id DESC LIMIT 1",
        (member_id, *sorted(ledger.UNDOABLE))).fetchone()
    if last is not None and now - last[0] <= window and not member.erased:
        undo_deadline, undo_kind = last[0] + window, last[1]
    return Panel(
        member=member, now=now, stamps=member.stamps,
        stamps_for_reward=card.stamps_for_reward if card else None,
        stamp_reward_title=reward_title,
        stamps_left_today=_stamp_room(conn, ctx, member_id),
        points=member.points, cashback_minor=member.cashback_minor,
        tier=_tier(conn, ctx, member), rewards=rewards, coupons_today=coupons,
        recent=lines, undo_deadline=undo_deadline, undo_kind=undo_kind,
    )


_SHOWN = ledger.VISIT_KINDS | {ledger.REVERSAL, ledger.ADJUSTMENT, ledger.MEMBER_REGISTERED,
                               ledger.POINTS_EXPIRED}


def reward_completed(stamps_before: int, after: Panel) -> str | None:
    """The stamp card's reward, when the stamps given since `stamps_before` completed it."""
    goal = after.stamps_for_reward
    if goal is not None and stamps_before < goal <= after.stamps:
        return after.stamp_reward_title
    return None


def earn_preview(conn: Connection, ctx: Context, member_id: str, amount_minor: int) -> Earn:
    """What `purchase` would credit for this amount now (points with tier, cashback, stamps)."""
    program = ctx.program
    member = member_view(conn, member_id, coupons=False)
    amount = max(amount_minor, 0)
    points = (points_for(amount, program.points, multiplier_for(member.tier, program.tiers))
              if program.points else 0)
    cashback = cashback_for(amount, program.cashback) if program.cashback else 0
    stamps = 0
    card = program.stamp_card
    # Without items a purchase stamps only when every category counts (as actions.purchase).
    if card is not None and not card.eligible_categories and amount > 0:
        stamps = min(1, _stamp_room(conn, ctx, member_id) or 0)
    return Earn(amount_minor=amount, points=points, cashback_minor=cashback, stamps=stamps)


_LAST_KINDS = ledger.VISIT_KINDS | {ledger.REVERSAL, ledger.MEMBER_REGISTERED}


def last_action(conn: Connection, ctx: Context) -> LastAction | None:
    """The newest cashier action this till committed, with the member's name."""
    row = sql(conn,
        f"SELECT {', '.join('e.' + c for c in ledger.COLUMNS)}, m.name FROM event e"
        " LEFT JOIN member m ON m.id = e.member_id WHERE e.device_id = ? AND e.kind IN"
        f" ({', '.join('?' * len(_LAST_KINDS))}) ORDER BY e.seq DESC LIMIT 1",
        (ctx.origin.device_id, *sorted(_LAST_KINDS))).fetchone()
    if row is None:
        return None
    record = ledger.EventRecord.from_row(row[:len(ledger.COLUMNS)])
    data = json.loads(record.payload or "{}")
    return LastAction(
        kind=record.kind, ts=record.ts, member_name=row[len(ledger.COLUMNS)],
        stamps=record.stamps, points=record.points, amount_minor=record.amount_minor,
        cashback_minor=record.cashback_minor, title=_title(record),
        reversed_kind=data.get("reversed_kind") if record.kind == ledger.REVERSAL else None,
    )
