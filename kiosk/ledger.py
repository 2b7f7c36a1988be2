"""The append-only ledger: write an event with its outbox row, and fold events into balances.

One fold (`apply`) serves a local write, an event pulled from another till, and a full
rebuild, so the cached tables can always be rebuilt from the events exactly. The fold is
order-independent: sums commute, the tier goes to the newest (ts, id), and coupon use is a set.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from operator import attrgetter
from typing import Any

from kiosk import event_kinds, offer_days, reversals, visits
from kiosk.clock import Clock, to_micros
from kiosk.ids import new_id
from kiosk.store import Connection, sql

# Kinds of event are defined in kiosk/event_kinds.py (their payloads in kiosk/events.py);
# named here too for the ledger's many callers.
MEMBER_REGISTERED = event_kinds.MEMBER_REGISTERED
MEMBER_ERASED = event_kinds.MEMBER_ERASED
CARD_ISSUED = event_kinds.CARD_ISSUED
CARD_REVOKED = event_kinds.CARD_REVOKED
STAMP = event_kinds.STAMP
PURCHASE = event_kinds.PURCHASE
REDEEM = event_kinds.REDEEM
CASHBACK_SPENT = event_kinds.CASHBACK_SPENT
COUPON_ISSUED = event_kinds.COUPON_ISSUED
COUPON_USED = event_kinds.COUPON_USED
TIER_CHANGED = event_kinds.TIER_CHANGED
POINTS_EXPIRED = event_kinds.POINTS_EXPIRED
ADJUSTMENT = event_kinds.ADJUSTMENT
REVERSAL = event_kinds.REVERSAL
PROGRAM_PUBLISHED = event_kinds.PROGRAM_PUBLISHED
KINDS = event_kinds.KINDS

UNDOABLE = frozenset({STAMP, PURCHASE, REDEEM, COUPON_USED, CASHBACK_SPENT})
# What a cashier does with a member present: these make a visit.
VISIT_KINDS = frozenset({STAMP, PURCHASE, REDEEM, COUPON_USED, CASHBACK_SPENT})
REDEMPTION_KINDS = frozenset({REDEEM, COUPON_USED})
ACTIVITY_KINDS = VISIT_KINDS | {MEMBER_REGISTERED, ADJUSTMENT}

COLUMNS = event_kinds.COLUMNS
_ROW = attrgetter(*COLUMNS)  # an event's values in column order, at C speed
_INSERT_EVENT = (
    f"INSERT INTO event ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
)
_INSERT_EVENT_IF_NEW = _INSERT_EVENT.replace("INSERT INTO", "INSERT OR IGNORE INTO", 1)
# Events from another till may name a member this till has not met yet.
_ENSURE_MEMBER = (
    "INSERT OR IGNORE INTO member (id, org_id, home_shop_id, created_at, segments_json,"
    " profile_hlc_json) VALUES (?, ?, ?, ?, '{}', '{}')"
)
_NEXT_SEQ = "SELECT coalesce(max(seq), 0) + 1 FROM event WHERE device_id = ?"
_INSERT_OUTBOX = "INSERT INTO outbox (event_id, queued_at) VALUES (?, ?)"
_UPSERT_BALANCE = """
INSERT INTO balance (member_id, stamps, points, cashback_minor, spend_minor, tier, tier_ts,
                     tier_event, last_ts)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (member_id) DO UPDATE SET
  stamps = stamps + excluded.stamps,
  points = points + excluded.points,
  cashback_minor = cashback_minor + excluded.cashback_minor,
  spend_minor = spend_minor + excluded.spend_minor,
  tier = CASE WHEN excluded.tier_event != '' AND (excluded.tier_ts, excluded.tier_event)
                   > (balance.tier_ts, balance.tier_event)
              THEN excluded.tier ELSE balance.tier END,
  tier_event = CASE WHEN excluded.tier_event != '' AND (excluded.tier_ts, excluded.tier_event)
                   > (balance.tier_ts, balance.tier_event)
              THEN excluded.tier_event ELSE balance.tier_event END,
  tier_ts = CASE WHEN excluded.tier_event != '' AND (excluded.tier_ts, excluded.tier_event)
                   > (balance.tier_ts, balance.tier_event)
              THEN excluded.tier_ts ELSE balance.tier_ts END,
  last_ts = max(last_ts, excluded.last_ts)
"""


@dataclass(frozen=True)
class NewEvent:
    """What an operation wants recorded; the ledger adds id, device, sequence and time."""

    kind: str
    member_id: str | None = None
    stamps: int = 0
    points: int = 0
    amount_minor: int = 0
    cashback_minor: int = 0
    currency: str | None = None
    reward_id: str | None = None
    coupon_id: str | None = None
    reverses: str | None = None
    tier: str | None = None
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EventRecord:
    """A stored event, as it is kept and as it travels."""

    id: str
    device_id: str
    seq: int
    ts: int
    kind: str
    org_id: str
    shop_id: str | None
    member_id: str | None
    stamps: int = 0
    points: int = 0
    amount_minor: int = 0
    cashback_minor: int = 0
    currency: str | None = None
    reward_id: str | None = None
    coupon_id: str | None = None
    reverses: str | None = None
    tier: str | None = None
    payload: str = "{}"

    def as_row(self) -> tuple[Any, ...]:
        return _ROW(self)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def data(self) -> dict[str, Any]:
        return json.loads(self.payload)

    @classmethod
    def from_row(cls, row: Iterable[Any]) -> EventRecord:
        return cls(*row)


@dataclass(frozen=True)
class Origin:
    """Who writes: this till, in its organisation and shop."""

    device_id: str
    org_id: str
    shop_id: str


def _dumps(payload: Mapping[str, Any]) -> str:
    return json.dumps(payload, separators=(",", ":"), sort_keys=True)


def append(conn: Connection, origin: Origin, clock: Clock, new: NewEvent) -> EventRecord:
    """Write one event, queue it for sync and fold it into the cached tables (caller's tx)."""
    # The payload's one definition (kiosk.events), checked before anything is written;
    # imported here, so a command that only reads never builds the payload models.
    from kiosk.events import check_payload

    check_payload(new.kind, new.payload)
    seq = sql(conn, _NEXT_SEQ, (origin.device_id,)).fetchone()[0]
    ts = to_micros(clock.now())
    record = EventRecord(
        id=new_id(), device_id=origin.device_id, seq=seq, ts=ts, kind=new.kind,
        org_id=origin.org_id, shop_id=origin.shop_id, member_id=new.member_id,
        stamps=new.stamps, points=new.points, amount_minor=new.amount_minor,
        cashback_minor=new.cashback_minor, currency=new.currency, reward_id=new.reward_id,
        coupon_id=new.coupon_id, reverses=new.reverses, tier=new.tier,
        payload=_dumps(new.payload),
    )
    sql(conn, _INSERT_EVENT, record.as_row())
    sql(conn, _INSERT_OUTBOX, (record.id, ts))
    apply(conn, record, local=True)
    return record


def apply_remote(conn: Connection, records: Iterable[EventRecord]) -> list[EventRecord]:
    """Store events from other tills that are new here and fold them in; repeats are ignored.

    A page at a time: the new ones are found with one look-up per 500 ids and inserted with
    one executemany, and each member's balance is written once for the page, the deltas
    summed as `apply` would sum them one by one (sums commute; the tier goes to the newest
    (ts, id); the last activity is a maximum). Everything else folds event by event, in the
    page's order, through the same functions as `apply`.
    """
    records = list(records)
    known: set[str] = set()
    for start in range(0, len(records), 500):
        chunk = [r.id for r in records[start : start + 500]]
        marks = ", ".join("?" * len(chunk))
        known.update(row[0] for row in sql(
            conn, f"SELECT id FROM event WHERE id IN ({marks})", chunk))
    fresh: list[EventRecord] = []
    for record in records:
        if record.id not in known:
            known.add(record.id)
            fresh.append(record)
    if not fresh:
        return []
    db = conn.connection.driver_connection
    before = db.total_changes  # type: ignore[union-attr]
    db.executemany(_INSERT_EVENT_IF_NEW, [r.as_row() for r in fresh])  # type: ignore[union-attr]
    if db.total_changes - before != len(fresh):  # type: ignore[union-attr]
        # Some clashed on (device, seq) with an event held under another id: sort them out
        # one by one, as the fold ignores such a second event.
        kept = {row[0] for start in range(0, len(fresh), 500) for row in sql(
            conn, f"SELECT id FROM event WHERE id IN"
            f" ({', '.join('?' * len(fresh[start:start + 500]))})",
            [r.id for r in fresh[start : start + 500]])}
        fresh = [r for r in fresh if r.id in kept]
    firsts: dict[str, EventRecord] = {}
    for e in fresh:
        if e.member_id is not None:
            firsts.setdefault(e.member_id, e)
    db.executemany(_ENSURE_MEMBER, [  # type: ignore[union-attr]
        (e.member_id, e.org_id, e.shop_id, e.ts) for e in firsts.values()])
    deltas: dict[str, list[Any]] = {}
    for e in fresh:
        if not _fold_besides_balance(conn, e):
            continue
        if e.member_id is None:
            continue
        row = _balance_row(e)
        held = deltas.get(e.member_id)
        if held is None:
            deltas[e.member_id] = list(row)
            continue
        for i in (1, 2, 3, 4):
            held[i] += row[i]
        if row[7] and (row[6], row[7]) > (held[6], held[7]):
            held[5], held[6], held[7] = row[5], row[6], row[7]
        held[8] = max(held[8], row[8])
    db.executemany(_UPSERT_BALANCE, [tuple(r) for r in deltas.values()])  # type: ignore[union-attr]
    return fresh


def apply(conn: Connection, e: EventRecord, *, local: bool = False) -> None:
    """Fold one event into balances, cards, coupons and member rows.

    `local`: written by this till, whose actions checked the member exists already.
    """
    if e.member_id is not None and not local:
        sql(conn, _ENSURE_MEMBER, (e.member_id, e.org_id, e.shop_id, e.ts))
    if _fold_besides_balance(conn, e, local=local) and e.member_id is not None:
        sql(conn, _UPSERT_BALANCE, _balance_row(e))


def _balance_row(e: EventRecord) -> tuple[Any, ...]:
    """What one event adds to its member's cached balance, as _UPSERT_BALANCE takes it."""
    tier_event = e.id if e.tier is not None else ""
    last_ts = e.ts if e.kind in ACTIVITY_KINDS else 0
    return (e.member_id, e.stamps, e.points, e.cashback_minor, e.amount_minor, e.tier,
            e.ts if e.tier is not None else 0, tier_event, last_ts)


def _fold_besides_balance(conn: Connection, e: EventRecord, *, local: bool = False) -> bool:
    """Visit days, the reversal rule and the side effects (cards, coupons, erasure, programme);
    False when the event changes no balance (a second reversal of one action)."""
    # Before the reversal rule: they follow their own. offer_days reads visits' member_day.
    visits.fold(conn, e, local=local)
    offer_days.fold(conn, e, local=local)
    if e.kind == REVERSAL and e.reverses is not None and not _takes_effect(conn, e):
        return False  # another till undid the same action already: give it back only once
    if e.kind in _SIDE_EFFECTS:
        _SIDE_EFFECTS[e.kind](conn, e)
    return True


def _takes_effect(conn: Connection, e: EventRecord) -> bool:
    """Record a reversal; True when it is the first of its action here (kiosk.reversals).

    The reversals of one action carry the same amounts, so the balance changes once, on the
    first to arrive; the `reversed` row then follows the one that counts everywhere (the
    lowest id), so reports on every till and the server agree on which it is.
    """
    target = sql(conn, "SELECT org_id FROM event WHERE id = ?", (e.reverses,)).fetchone()
    if target is not None and target[0] != e.org_id:
        return False  # another organisation's event: not ours to undo
    held = sql(conn, "SELECT reversal_id FROM reversed WHERE target_id = ?",
               (e.reverses,)).fetchone()
    if held is None:
        sql(conn, "INSERT INTO reversed (target_id, reversal_id, member_id) VALUES (?, ?, ?)",
            (e.reverses, e.id, e.member_id))
        return True
    if reversals.winner((held[0], e.id)) == e.id:
        sql(conn, "UPDATE reversed SET reversal_id = ? WHERE target_id = ?", (e.id, e.reverses))
    return False


# A card's revocation is the earliest, by (time, reason), of its revocations and its
# member's erasure: a minimum, so the cache, a rebuild and every other till agree whatever
# order the events are folded in.
_REVOKE_CARD = (
    "UPDATE card SET revoked_at = ?1, revoked_reason = ?2 WHERE code_hash = ?3"
    " AND (revoked_at IS NULL OR (revoked_at, revoked_reason) > (?1, ?2))"
)
_REVOCATIONS_OF = (
    "SELECT ts, coalesce(json_extract(payload, '$.reason'), 'revoked') FROM event"
    " WHERE member_id = ? AND kind = 'card_revoked'"
    " AND json_extract(payload, '$.card_hash') = ?"
)


def _card_issued(conn: Connection, e: EventRecord) -> None:
    # An erasure or a revocation may sort before the card's issue (clocks of two tills
    # differ): the card of an erased member is born revoked, and revocations already stored
    # are folded in here, so a rebuild agrees with the cache in any order.
    card_hash = e.data["card_hash"]
    sql(conn,
        "INSERT OR IGNORE INTO card (code_hash, member_id, issued_at, revoked_at, revoked_reason)"
        " SELECT ?, ?, ?, m.erased_at, CASE WHEN m.erased_at IS NULL THEN NULL ELSE 'erased' END"
        " FROM member m WHERE m.id = ?",
        (card_hash, e.member_id, e.ts, e.member_id),
    )
    for ts, reason in sql(conn, _REVOCATIONS_OF, (e.member_id, card_hash)).fetchall():
        sql(conn, _REVOKE_CARD, (ts, reason, card_hash))


def _card_revoked(conn: Connection, e: EventRecord) -> None:
    data = e.data
    sql(conn, _REVOKE_CARD, (e.ts, data.get("reason", "revoked"), data["card_hash"]))


# A coupon's use is its first standing use by id (two tills may use one coupon offline),
# read from offer_day (kiosk.offer_days), which the fold has brought up to date before the
# side effects run: the same in any order the issue, the uses and their undos arrive in.
_FIRST_USE = (f"(SELECT min(u.event_id) FROM offer_day u WHERE u.coupon_id = ?"
              f" AND u.kind = '{event_kinds.COUPON_USED}')")
_REFRESH_USE = f"UPDATE coupon SET used_event = {_FIRST_USE} WHERE id = ?"


def _coupon_issued(conn: Connection, e: EventRecord) -> None:
    data = e.data
    # Two tills may issue the same coupon (birthday, welcome) offline: the lowest event id
    # is its issue, all of it, whatever order the events arrive in. A use that sorts before
    # its issue (another till's clock behind) is already in offer_day.
    sql(conn,
        "INSERT INTO coupon (id, member_id, kind, title, benefit_json, valid_from,"
        f" valid_to, issued_event, used_event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, {_FIRST_USE})"
        " ON CONFLICT (id) DO UPDATE SET member_id = excluded.member_id,"
        " kind = excluded.kind, title = excluded.title, benefit_json = excluded.benefit_json,"
        " valid_from = excluded.valid_from, valid_to = excluded.valid_to,"
        " issued_event = excluded.issued_event"
        " WHERE excluded.issued_event < coupon.issued_event",
        (e.coupon_id, e.member_id, data["coupon_kind"], data["title"],
         _dumps(data.get("benefit", {})), data["valid_from"], data.get("valid_to"), e.id,
         e.coupon_id),
    )


def _coupon_used(conn: Connection, e: EventRecord) -> None:
    sql(conn, _REFRESH_USE, (e.coupon_id, e.coupon_id))


def _reversal(conn: Connection, e: EventRecord) -> None:
    if e.data.get("reversed_kind") == COUPON_USED and e.coupon_id:
        sql(conn, _REFRESH_USE, (e.coupon_id, e.coupon_id))


def _member_erased(conn: Connection, e: EventRecord) -> None:
    scrub_member(conn, e.member_id, e.ts)


def scrub_member(conn: Connection, member_id: str | None, at: int) -> None:
    """Overwrite a member's personal data; accounting events stay, anonymised."""
    # The earliest erasure counts (two tills may erase offline), as for the cards below.
    sql(conn,
        "UPDATE member SET name = NULL, name_key = NULL, phone = NULL, email = NULL,"
        " birthday = NULL, segments_json = '{}', profile_hlc_json = '{}',"
        " erased_at = min(coalesce(erased_at, ?1), ?1) WHERE id = ?2",
        (at, member_id),
    )
    sql(conn, "DELETE FROM consent WHERE member_id = ?", (member_id,))
    sql(conn,
        "UPDATE card SET revoked_at = ?1, revoked_reason = 'erased' WHERE member_id = ?2"
        " AND (revoked_at IS NULL OR (revoked_at, revoked_reason) > (?1, 'erased'))",
        (at, member_id),
    )


def _program_published(conn: Connection, e: EventRecord) -> None:
    data = e.data
    sql(conn,
        "INSERT OR IGNORE INTO program (id, shop_id, version, config_json, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (e.id, e.shop_id, data["version"], _dumps(data["config"]), e.ts),
    )


_SIDE_EFFECTS = {
    PROGRAM_PUBLISHED: _program_published,
    CARD_ISSUED: _card_issued,
    CARD_REVOKED: _card_revoked,
    COUPON_ISSUED: _coupon_issued,
    COUPON_USED: _coupon_used,
    REVERSAL: _reversal,
    MEMBER_ERASED: _member_erased,
}


# --- Reading events and the outbox ----------------------------------------------------------

_SELECT = f"SELECT {', '.join(COLUMNS)} FROM event"


def events_of(conn: Connection, member_id: str) -> list[EventRecord]:
    rows = sql(conn, f"{_SELECT} WHERE member_id = ? ORDER BY ts, id", (member_id,))
    return [EventRecord.from_row(r) for r in rows]


def newest(conn: Connection, limit: int = 50) -> list[EventRecord]:
    """The till's newest events, oldest of them first."""
    rows = sql(conn, f"{_SELECT} ORDER BY ts DESC, id DESC LIMIT ?", (limit,)).fetchall()
    return [EventRecord.from_row(r) for r in reversed(rows)]


def pending(conn: Connection, limit: int = 500) -> list[EventRecord]:
    """Events waiting in the outbox, oldest first."""
    rows = sql(conn,
        f"{_SELECT} JOIN outbox ON outbox.event_id = event.id"
        " ORDER BY event.device_id, event.seq LIMIT ?",
        (limit,),
    )
    return [EventRecord.from_row(r) for r in rows]


def pending_count(conn: Connection) -> int:
    return sql(conn, "SELECT count(*) FROM outbox").fetchone()[0]


def mark_sent(conn: Connection, event_ids: Iterable[str]) -> int:
    """Drop confirmed events from the outbox (the events themselves stay)."""
    ids = list(event_ids)
    done = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        done += sql(conn,
            f"DELETE FROM outbox WHERE event_id IN ({marks})", tuple(chunk)
        ).rowcount
    return done


# --- Rebuild and check ----------------------------------------------------------------------

# `reversed` names the reversal that counts (the lowest id, kiosk.reversals), whatever
# order the reversals arrived in, so it is compared like the others.
_DERIVED = ("balance", "coupon", "card", "member_day", "offer_day", "reversed")
_REBUILT = _DERIVED


def rebuild(conn: Connection) -> int:
    """Recompute balances, coupons and cards from the events alone; returns events folded."""
    for table in _REBUILT:
        sql(conn, f"DELETE FROM {table}")
    count = 0
    # Streamed: a million events must not sit in memory at once.
    for row in sql(conn, f"{_SELECT} ORDER BY ts, id"):
        apply(conn, EventRecord.from_row(row))
        count += 1
    return count


def rebuild_member(conn: Connection, member_id: str) -> int:
    """Recompute one member's balance, coupons and cards from their events alone."""
    for table in _REBUILT:
        sql(conn, f"DELETE FROM {table} WHERE member_id = ?", (member_id,))
    events = events_of(conn, member_id)
    for e in events:
        apply(conn, e)
    return len(events)


def snapshot(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """The derived tables' contents, for comparing a cache with a rebuild."""
    return {
        "balance": sql(conn,
            "SELECT member_id, stamps, points, cashback_minor, spend_minor, tier, tier_ts,"
            " tier_event, last_ts FROM balance ORDER BY member_id").fetchall(),
        "coupon": sql(conn,
            "SELECT id, member_id, kind, title, benefit_json, valid_from, valid_to,"
            " issued_event, used_event FROM coupon ORDER BY id").fetchall(),
        "card": sql(conn,
            "SELECT code_hash, member_id, issued_at, revoked_at, revoked_reason"
            " FROM card ORDER BY code_hash").fetchall(),
        "member_day": visits.snapshot(conn),
        "offer_day": offer_days.snapshot(conn),
        "reversed": sql(conn,
            "SELECT target_id, reversal_id, member_id FROM reversed ORDER BY target_id"
            ).fetchall(),
    }


@dataclass(frozen=True)
class Mismatch:
    table: str
    key: str
    cached: tuple[Any, ...] | None
    rebuilt: tuple[Any, ...] | None


def check(conn: Connection) -> list[Mismatch]:
    """Compare the cached tables with a rebuild from events, without changing anything."""
    cached = snapshot(conn)
    nested = conn.begin_nested()
    try:
        rebuild(conn)
        rebuilt = snapshot(conn)
    finally:
        nested.rollback()
    out = []
    for table in _DERIVED:
        a = {row[0]: tuple(row) for row in cached[table]}
        b = {row[0]: tuple(row) for row in rebuilt[table]}
        for key in sorted(a.keys() | b.keys()):
            if a.get(key) != b.get(key):
                out.append(Mismatch(table, key, a.get(key), b.get(key)))
    return out
