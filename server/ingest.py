"""Push: accept a till's batch of events, each at most once by id, in one transaction.

Events are facts: a well-formed event from the till that wrote it is stored whatever it does
to a balance. The checks here are about who may write (the token's organisation, device and
shop) and about shape: an event every other till could not fold is refused with a reason,
because it would stop their pulls.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, select, text

from kiosk import events, ledger
from kiosk.clock import Clock, to_micros
from kiosk.errors import InvalidInput
from server import profiles, tenants
from server.db import LOCK_EVENTS, advisory_lock, is_postgres
from server.tables import Device, Shop
from server.tenants import TillIdentity
from sync.protocol import PushResponse, Rejected, WireEvent

log = logging.getLogger("klipp.server.ingest")

COLUMNS = (*ledger.COLUMNS, "content_hash", "received_at")
_PG_TYPES = {
    "seq": "bigint", "ts": "bigint", "stamps": "bigint", "points": "bigint",
    "amount_minor": "bigint", "cashback_minor": "bigint", "received_at": "bigint",
}
# One statement for the whole batch: arrays in, the ids actually inserted out. ON CONFLICT
# without a target also swallows a reused (device_id, seq); the caller tells the cases apart.
# The arrays travel in binary (%(name)b): text arrays are quoted in Python element by
# element, which costs more than the insert itself.
_PG_INSERT = (
    f"INSERT INTO event ({', '.join(COLUMNS)})"
    f" SELECT {', '.join(COLUMNS)} FROM unnest("
    + ", ".join(f"%({c})b::{_PG_TYPES.get(c, 'text')}[]" for c in COLUMNS)
    + f") WITH ORDINALITY AS u({', '.join(COLUMNS)}, ord) ORDER BY ord"
    " ON CONFLICT DO NOTHING RETURNING id"
)
_SQLITE_INSERT = text(
    f"INSERT INTO event ({', '.join(COLUMNS)}) VALUES ({', '.join(':' + c for c in COLUMNS)})"
    " ON CONFLICT DO NOTHING"
)
# Ids are unique per organisation: another organisation's event of the same id is not
# "known" here, so the answer never depends on what other tenants hold.
_HASHES = text("SELECT id, content_hash FROM event WHERE org_id = :org AND id IN :ids"
               ).bindparams(bindparam("ids", expanding=True))
_KNOWN_EVENTS = text("SELECT id FROM event WHERE org_id = :org AND id IN :ids").bindparams(
    bindparam("ids", expanding=True))
_KNOWN_COUPONS = text(
    "SELECT DISTINCT coupon_id FROM event WHERE org_id = :org AND coupon_id IN :ids"
    " AND kind = :kind"
).bindparams(bindparam("ids", expanding=True))
_ELSEWHERE = text("SELECT count(*) FROM event WHERE org_id <> :org AND (id IN :ids"
                  " OR coupon_id IN :ids)").bindparams(bindparam("ids", expanding=True))
_INSERT_PROGRAM = text(
    "INSERT INTO program (id, org_id, shop_id, version, config_json, created_at)"
    " VALUES (:id, :org, :shop, :version, :config, :ts) ON CONFLICT DO NOTHING"
)

SAME_ID_OTHER_CONTENT = "an event with this id but different content is already stored"
SEQ_TAKEN = "this device already sent another event with this sequence number"


def content_hash(event: WireEvent) -> str:
    """SHA-256 of the event's fields in ledger order: equal events, equal hashes."""
    values = [getattr(event, c) for c in ledger.COLUMNS]
    return hashlib.sha256(json.dumps(values, separators=(",", ":")).encode()).hexdigest()


@dataclass
class Outcome:
    accepted: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    stored: list[WireEvent] = field(default_factory=list)

    def response(self) -> PushResponse:
        return PushResponse(accepted=self.accepted, duplicate=self.duplicate,
                            rejected=self.rejected)


def refusal(event: WireEvent, till: TillIdentity) -> str | None:
    """Why this till may not push this event, or None when it may."""
    if event.org_id != till.org_id:
        return "the event belongs to another organisation"
    if event.device_id != till.device_id:
        return "the event was written by another device"
    if event.shop_id is not None and event.shop_id != till.shop_id:
        return "the event belongs to another shop"
    return shape_problem(event)


def shape_problem(event: WireEvent) -> str | None:
    """What makes an event unstorable, or missing a column its kind needs, or None.

    The payload's shape is kiosk.events' business: WireEvent checks it when parsed, and
    `payload_problems` for a whole imported batch.
    """
    for value in (event.reward_id, event.tier, event.payload):
        if value is not None and not profiles.storable(value):
            return "the event holds characters that cannot be stored"
    needed = _NEEDS.get(event.kind, ())
    missing = [column for column in needed if getattr(event, column) is None]
    if missing:
        return f"a {event.kind} event needs a {' and a '.join(missing)}"
    return None


def payload_problems(batch: Sequence[WireEvent]) -> None:
    """Refuse the batch (InvalidInput) if a payload does not fit its kind (kiosk.events).

    WireEvent checks this when a request is parsed; this is for the administrator's import
    of a till's file, however its events were built, so nothing of such a batch is stored.
    """
    for event in batch:
        try:
            problem = events.payload_problem(event.kind, json.loads(event.payload))
        except (ValueError, RecursionError):
            problem = "the payload is not JSON"
        if problem is not None:
            raise InvalidInput(f"Refused the whole batch: event {event.id}: {problem}.")


# Columns an event of a kind must carry for every till to fold it.
_NEEDS: dict[str, tuple[str, ...]] = {
    events.MEMBER_REGISTERED: ("member_id",),
    events.MEMBER_ERASED: ("member_id",),
    events.CARD_ISSUED: ("member_id",),
    events.CARD_REVOKED: ("member_id",),
    events.COUPON_ISSUED: ("coupon_id", "member_id"),
    events.COUPON_USED: ("coupon_id",),
    events.PROGRAM_PUBLISHED: ("shop_id",),
}


def push(conn: Connection, clock: Clock, till: TillIdentity, batch: Sequence[WireEvent]
         ) -> Outcome:
    """Store a till's batch in the caller's transaction; say what was new, repeated, refused."""
    # The request body was parsed as WireEvent (kiosk.event_fields.EventFields), which checked
    # every payload; checking again here cost ~10% of a push.
    return _ingest(conn, clock, till.org_id, batch, lambda e: refusal(e, till))


def import_events(conn: Connection, clock: Clock, org_id: str, batch: Sequence[WireEvent]
                  ) -> Outcome:
    """An administrator imports a till's export file (a till reset, reinstalled or moved).

    Its events may come from a device whose token is gone, so what is checked is that they
    belong to this organisation: written by one of its tills (revoked ones too) in one of
    its shops. Each id is still kept once, so importing twice adds nothing.
    """
    devices = {r[0] for r in conn.execute(select(Device.id).where(Device.org_id == org_id))}
    devices.add(tenants.server_device_id(org_id))
    shops = {r[0] for r in conn.execute(select(Shop.id).where(Shop.org_id == org_id))}

    def refuse(event: WireEvent) -> str | None:
        if event.org_id != org_id:
            return "the event belongs to another organisation"
        if event.device_id not in devices:
            return "the event was written by a device this organisation never enrolled"
        if event.shop_id is not None and event.shop_id not in shops:
            return "the event belongs to a shop of another organisation"
        return shape_problem(event)

    payload_problems(batch)  # rare, and the file may come from anywhere
    return _ingest(conn, clock, org_id, batch, refuse)


def _ingest(conn: Connection, clock: Clock, org_id: str, incoming: Sequence[WireEvent],
            refuse: Callable[[WireEvent], str | None]) -> Outcome:
    out = Outcome()
    batch: dict[str, tuple[WireEvent, str]] = {}
    for event in incoming:
        digest = content_hash(event)
        reason = refuse(event)
        if reason is None and event.id in batch:  # the same id twice in one batch
            if batch[event.id][1] == digest:
                out.duplicate.append(event.id)
                continue
            reason = SAME_ID_OTHER_CONTENT
        if reason is not None:
            log.warning("refused event %s from device %s: %s", event.id, event.device_id, reason)
            out.rejected.append(Rejected(id=event.id, reason=reason))
            continue
        batch[event.id] = (event, digest)
    if batch:
        check_references(conn, org_id, [event for event, _ in batch.values()])
        store(conn, clock, org_id, list(batch.values()), out)
    return out


def check_references(conn: Connection, org_id: str, batch: Sequence[WireEvent]) -> None:
    """Refuse the batch (InvalidInput) if an event names an event or coupon its org lacks.

    A reversal's `reverses` must be an event of the same organisation, and a coupon used
    (or a reversal of a coupon use) a coupon issued in it: stored already or earlier in
    this batch. One naming another tenant's event is refused in the very words used for an
    id nobody holds, so the answer tells nothing about other tenants; the log says which.
    """
    batch_ids = {e.id for e in batch}
    batch_coupons = {e.coupon_id for e in batch if e.kind == ledger.COUPON_ISSUED}
    wanted_events = {e.reverses for e in batch if e.reverses is not None} - batch_ids
    wanted_coupons = {e.coupon_id for e in batch
                      if e.coupon_id is not None and e.kind != ledger.COUPON_ISSUED
                      } - batch_coupons
    missing_events = wanted_events - _found(conn, _KNOWN_EVENTS, org_id, wanted_events)
    missing_coupons = wanted_coupons - _found(conn, _KNOWN_COUPONS, org_id, wanted_coupons,
                                              kind=ledger.COUPON_ISSUED)
    if not missing_events and not missing_coupons:
        return
    for event in batch:
        if event.reverses in missing_events:
            problem = f"event {event.id} reverses an event this organisation does not have"
        elif event.coupon_id in missing_coupons and event.kind != ledger.COUPON_ISSUED:
            problem = f"event {event.id} uses a coupon this organisation never issued"
        else:
            continue
        elsewhere = _other_orgs_hold(conn, org_id, [event.reverses or event.coupon_id or ""])
        log.warning("refused a batch of organisation %s: %s%s", org_id, problem,
                    " (it names another organisation's event or coupon)" if elsewhere else "")
        raise InvalidInput(f"Refused the whole batch: {problem}.")


def _found(conn: Connection, query: Any, org_id: str, ids: set[str], **params: Any
           ) -> set[str]:
    found: set[str] = set()
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        rows = conn.execute(query, {"org": org_id, "ids": ordered[start : start + 500],
                                    **params})
        found.update(row[0] for row in rows)
    return found


def _other_orgs_hold(conn: Connection, org_id: str, ids: list[str]) -> bool:
    return bool(conn.execute(_ELSEWHERE, {"org": org_id, "ids": ids}).scalar_one())


def store(conn: Connection, clock: Clock, org_id: str, batch: list[tuple[WireEvent, str]],
          out: Outcome) -> None:
    """Insert-or-ignore a checked batch of one organisation and apply the server's side effects.

    On PostgreSQL, sequence values are handed out at insert time but become visible at
    commit; two transactions of one organisation could commit out of order and a puller
    that read the later one first would move its cursor past the earlier. The advisory lock
    per organisation makes one organisation's pushes take turns (other organisations are not
    held up), so its server_seq values always commit in ascending order.
    """
    advisory_lock(conn, LOCK_EVENTS, org_id)
    now = to_micros(clock.now())
    inserted = (_insert_pg if is_postgres(conn) else _insert_sqlite)(conn, batch, now)
    leftovers = [ev.id for ev, _ in batch if ev.id not in inserted]
    known: dict[str, str] = {}
    for start in range(0, len(leftovers), 500):
        rows = conn.execute(_HASHES, {"org": org_id, "ids": leftovers[start : start + 500]})
        known.update({event_id: digest for event_id, digest in rows})
    for event, digest in batch:
        if event.id in inserted:
            out.accepted.append(event.id)
            out.stored.append(event)
        elif known.get(event.id) == digest:
            out.duplicate.append(event.id)
        else:
            reason = SAME_ID_OTHER_CONTENT if event.id in known else SEQ_TAKEN
            log.warning("refused event %s from device %s: %s", event.id, event.device_id, reason)
            out.rejected.append(Rejected(id=event.id, reason=reason))
    _side_effects(conn, clock, org_id, out.stored)


def _insert_pg(conn: Connection, batch: list[tuple[WireEvent, str]], now: int) -> set[str]:
    arrays: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for event, digest in batch:
        for c in ledger.COLUMNS:
            arrays[c].append(getattr(event, c))
        arrays["content_hash"].append(digest)
        arrays["received_at"].append(now)
    # psycopg itself, in SQLAlchemy's transaction: binary array parameters (%(name)b) are a
    # driver feature that text() cannot express, and they are what makes a batch one
    # round trip (see the note on _PG_INSERT).
    with conn.connection.driver_connection.cursor() as cursor:
        cursor.execute(_PG_INSERT, arrays)
        return {row[0] for row in cursor.fetchall()}


def _insert_sqlite(conn: Connection, batch: list[tuple[WireEvent, str]], now: int) -> set[str]:
    inserted = set()
    for event, digest in batch:
        row = {c: getattr(event, c) for c in ledger.COLUMNS}
        if conn.execute(_SQLITE_INSERT, {**row, "content_hash": digest,
                                         "received_at": now}).rowcount == 1:
            inserted.add(event.id)
    return inserted


def _side_effects(conn: Connection, clock: Clock, org_id: str, stored: list[WireEvent]) -> None:
    erased = [e.member_id for e in stored if e.kind == ledger.MEMBER_ERASED and e.member_id]
    if erased:
        profiles.erase(conn, clock, org_id=org_id, member_ids=erased)
    for e in stored:
        if e.kind == ledger.PROGRAM_PUBLISHED:
            data = json.loads(e.payload)
            conn.execute(_INSERT_PROGRAM, {
                "id": e.id, "org": org_id, "shop": e.shop_id, "version": data["version"],
                "config": json.dumps(data["config"], sort_keys=True), "ts": e.ts})
