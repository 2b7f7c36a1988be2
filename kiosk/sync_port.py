"""The sync worker's port on the till: everything sync reads and writes in the till's database.

sync/ holds the protocol, the HTTP client and the order of a pass; this module holds the
till's side of each step, each one transaction through the front door (kiosk.till.Till):
- the outbox: read it, and confirm what the server took;
- a page of pulled events applied together with the cursor that covers it;
- a page of pulled profiles merged field by field (kiosk.profiles) with its cursor;
- a member repaired from the server's events, or rebuilt from local ones;
- pairing: adopt a server's organisation and shop, forget the server.
Every write is published to the till's listeners, so a screen hears what another till did.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk import gdpr, ledger, members, profiles, settings, shops
from kiosk.changes import Changes
from kiosk.clock import to_micros
from kiosk.errors import KlippError
from kiosk.hlc import HybridClock, parse
from kiosk.store import Connection, sql

if TYPE_CHECKING:
    from kiosk.till import Till

# Setting names of the pairing and the cursors (kiosk.settings).
PAIRING_URL = settings.PAIRING_URL
TOKEN = settings.TOKEN
CA_BUNDLE = "sync.ca_bundle"
ENROLLED_AT = "sync.enrolled_at"
# The server's cursor over the organisation's events: moves in the transaction that applies them.
EVENTS_CURSOR = "sync.events_cursor"
# The server's cursor over member profiles.
PROFILES_CURSOR = "sync.profiles_cursor"
# The highest profile stamp of this till's own edits that the server has confirmed.
PROFILES_PUSHED = "sync.profiles_pushed_hlc"
CURSORS = (EVENTS_CURSOR, PROFILES_CURSOR, PROFILES_PUSHED)
PAIRING = (PAIRING_URL, TOKEN, CA_BUNDLE, ENROLLED_AT)

# An edit committed by another process of this till (its own clock instance) may carry a
# stamp a little below one already pushed; so the edits of the last seconds are sent again,
# which is harmless (the server keeps the higher stamp).
RESEND_WINDOW_US = 2_000_000
_STAMP_NODE_AT = 22  # "PPPPPPPPPPPPPPPP-CCCC-" then the device id
_FIELD_COLUMNS = ", ".join("m." + f for f in profiles.FIELDS)
_LOCAL_EDITS = f"""
SELECT m.id, {_FIELD_COLUMNS}, m.profile_hlc_json FROM member m
WHERE m.erased_at IS NULL AND instr(m.profile_hlc_json, ?) > 0
  AND EXISTS (SELECT 1 FROM json_each(m.profile_hlc_json) j
              WHERE j.value > ? AND substr(j.value, {_STAMP_NODE_AT + 1}) = ?)
"""
_BALANCES = "SELECT member_id, stamps, points, cashback_minor FROM balance WHERE member_id IN ({})"
_WAITING_MEMBERS = ("SELECT DISTINCT e.member_id FROM outbox o JOIN event e ON e.id = o.event_id"
                    " WHERE e.member_id IN ({})")
# Members of this organisation only: a till that changed hands still holds the old ones.
_SAMPLE = ("SELECT b.member_id FROM balance b JOIN member m ON m.id = b.member_id"
           " WHERE m.org_id = ? AND b.rowid >= (abs(random()) %"
           " (SELECT coalesce(max(rowid), 0) + 1 FROM balance)) LIMIT ?")


class CursorMoved(KlippError):
    """Another sync moved this till's cursor while a page was on its way."""


class ForeignEvents(KlippError):
    """A page held events of another organisation than this till's."""


@dataclass(frozen=True)
class Pairing:
    """The server this till syncs with, if it is paired."""

    url: str | None
    token: str | None
    ca_bundle: str | None

    @property
    def paired(self) -> bool:
        return bool(self.url and self.token)


@dataclass(frozen=True)
class Standing:
    """This till's identity and pairing, read before enrolment decides what to do."""

    device_id: str | None
    org_id: str | None
    shop_id: str | None
    server_url: str | None
    paired: bool
    waiting: int


@dataclass(frozen=True)
class ProfileEdit:
    """Fields of one member edited on this till since the last confirmed push."""

    member_id: str
    fields: Mapping[str, tuple[str | None, str]]  # name -> (value, stamp)
    newest: str


@dataclass(frozen=True)
class PulledProfile:
    """A member's profile as the server holds it."""

    member_id: str
    erased: bool
    fields: Mapping[str, tuple[str | None, str]]  # name -> (value, stamp)


@dataclass(frozen=True)
class Balance:
    member_id: str
    stamps: int
    points: int
    cashback_minor: int


def _chunks(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SyncPort:
    """The till's side of every sync step; each method is one transaction."""

    def __init__(self, till: Till) -> None:
        self._till = till

    # --- reading --------------------------------------------------------------------------

    def origin(self) -> ledger.Origin | None:
        """This till's device, organisation and shop; None until it has all three."""
        with self._till._reading() as conn:
            device = settings.get(conn, settings.DEVICE_ID)
            org = settings.get(conn, settings.ORG_ID)
            shop = settings.get(conn, settings.SHOP_ID)
        return ledger.Origin(device, org, shop) if device and org and shop else None

    def pairing(self) -> Pairing:
        with self._till._reading() as conn:
            return Pairing(settings.get(conn, PAIRING_URL), settings.get(conn, TOKEN),
                           settings.get(conn, CA_BUNDLE))

    def standing(self) -> Standing:
        with self._till._reading() as conn:
            return Standing(
                device_id=settings.get(conn, settings.DEVICE_ID),
                org_id=settings.get(conn, settings.ORG_ID),
                shop_id=settings.get(conn, settings.SHOP_ID),
                server_url=settings.get(conn, PAIRING_URL),
                paired=settings.get(conn, TOKEN) is not None,
                waiting=ledger.pending_count(conn),
            )

    def cursor(self, name: str = EVENTS_CURSOR) -> int:
        with self._till._reading() as conn:
            return int(settings.get(conn, name) or 0)

    def outbox(self, limit: int) -> list[ledger.EventRecord]:
        """The oldest events waiting to be sent."""
        with self._till._reading() as conn:
            return ledger.pending(conn, limit)

    def waiting(self) -> int:
        with self._till._reading() as conn:
            return ledger.pending_count(conn)

    def waiting_events(self) -> tuple[ledger.Origin | None, list[ledger.EventRecord]]:
        """Every event in the outbox, oldest first, with who wrote them (for an export)."""
        with self._till._reading() as conn:
            count = ledger.pending_count(conn)
            events = ledger.pending(conn, limit=max(count, 1))
            device = settings.get(conn, settings.DEVICE_ID)
            org = settings.get(conn, settings.ORG_ID)
            shop = settings.get(conn, settings.SHOP_ID)
        origin = ledger.Origin(device or "unknown", org or "", shop or "")
        return origin, events

    def balances(self, member_ids: Sequence[str]) -> dict[str, Balance]:
        """Balances of those members with nothing waiting in the outbox (the rest would differ)."""
        with self._till._reading() as conn:
            return _local_balances(conn, member_ids)

    def sample(self, org_id: str, count: int) -> list[str]:
        """A few members of the organisation, picked at random, for a balance check."""
        with self._till._reading() as conn:
            return [r[0] for r in sql(conn, _SAMPLE, (org_id, count))]

    def profile_edits(self, device_id: str) -> list[ProfileEdit]:
        """Profiles edited here above the last confirmed stamp (or in the last seconds)."""
        with self._till._reading() as conn:
            pushed = settings.get(conn, PROFILES_PUSHED) or ""
            since = _scan_from(pushed, to_micros(self._till.clock.now()))
            rows = sql(conn, _LOCAL_EDITS, (device_id, since, device_id)).fetchall()
        out = []
        for row in rows:
            member_id, values, clocks = row[0], row[1:-1], json.loads(row[-1] or "{}")
            fields = {}
            for name, value in zip(profiles.FIELDS, values, strict=True):
                stamp = clocks.get(name)
                if (isinstance(stamp, str) and stamp > since
                        and stamp[_STAMP_NODE_AT:] == device_id):
                    fields[name] = (value, stamp)
            if fields:
                out.append(ProfileEdit(member_id, fields, max(s for _, s in fields.values())))
        out.sort(key=lambda e: e.newest)
        return out

    # --- writing --------------------------------------------------------------------------

    def confirm(self, event_ids: Iterable[str]) -> int:
        """The server has these events: they leave the outbox (the events stay)."""
        with self._till._writing() as conn:
            done = ledger.mark_sent(conn, event_ids)
        if done:
            self._till.publish(Changes(outbox=True, sent=True))
        return done

    def profiles_pushed(self, newest: str) -> None:
        """The server confirmed this till's profile edits up to this stamp."""
        with self._till._writing() as conn:
            if newest > (settings.get(conn, PROFILES_PUSHED) or ""):
                settings.put(conn, PROFILES_PUSHED, newest)

    def apply_page(self, records: Sequence[ledger.EventRecord], *, after: int, cursor: int
                   ) -> Changes:
        """Apply a page of the organisation's events and move the cursor, in one transaction.

        `after` is the cursor the page was asked from; if another sync moved it meanwhile the
        page is refused (CursorMoved) and nothing changes. Our own events served back need no
        resend; an erasure among them purges this till's files as a local erasure does.
        """
        till = self._till
        with till._writing() as conn:
            me = till._context(conn).origin
            if any(r.org_id != me.org_id for r in records):
                raise ForeignEvents("The server sent another organisation's events.")
            if int(settings.get(conn, EVENTS_CURSOR) or 0) != after:
                raise CursorMoved("Another sync moved this till's cursor.")
            fresh = ledger.apply_remote(conn, records)
            ledger.mark_sent(conn, [r.id for r in records if r.device_id == me.device_id])
            settings.put(conn, EVENTS_CURSOR, str(cursor))
            _purge_due(conn, fresh)
        return self._pulled(fresh)

    def apply_member_events(self, records: Sequence[ledger.EventRecord]) -> Changes:
        """Apply events of one member the server has and this till lacks (a repair)."""
        with self._till._writing() as conn:
            fresh = ledger.apply_remote(conn, records)
            _purge_due(conn, fresh)
        return self._pulled(fresh)

    def rebuild_member(self, member_id: str) -> Changes:
        """Recompute one member's cached balance, coupons and cards from their events."""
        with self._till._writing() as conn:
            ledger.rebuild_member(conn, member_id)
        changes = Changes(members=frozenset({member_id}), pulled=True)
        self._till.publish(changes)
        return changes

    def _pulled(self, fresh: Sequence[ledger.EventRecord]) -> Changes:
        erased = [r for r in fresh if r.kind == ledger.MEMBER_ERASED]
        if erased:
            # The personal data is scrubbed from the rows already; now from the file's free
            # pages, the WAL and the backups, as after an erasure made here.
            gdpr.purge_after_erasure(self._till.store)
        changes = Changes(events=tuple(fresh), pulled=True,
                          members=frozenset(r.member_id for r in fresh if r.member_id),
                          program=any(r.kind == ledger.PROGRAM_PUBLISHED for r in fresh))
        self._till.publish(changes)
        return changes

    def apply_profiles(self, pulled: Sequence[PulledProfile], *, cursor: int) -> Changes:
        """Merge the server's profiles field by field by stamp, and move the profile cursor."""
        till = self._till
        with till._writing() as conn:
            ctx = till._context(conn)
            assert till.hlc is not None  # the context made it
            changed = _merge(conn, till.hlc, org_id=ctx.origin.org_id,
                             now=to_micros(till.clock.now()), pulled=pulled)
            settings.put(conn, PROFILES_CURSOR, str(cursor))
            erased = any(p.erased for p in pulled if p.member_id in changed)
            if erased:
                settings.put(conn, gdpr.PURGE_PENDING, "1")
        if erased:
            gdpr.purge_after_erasure(till.store)
        changes = Changes(members=frozenset(changed), pulled=True)
        till.publish(changes)
        return changes

    # --- pairing --------------------------------------------------------------------------

    def adopt(self, *, org: shops.Org, shop: shops.ShopInfo, device_id: str, url: str,
              token: str, ca_bundle: str | None, handed_over: Sequence[str],
              reset_cursors: bool) -> int:
        """Store a server's pairing and this till's new identity in one transaction.

        `handed_over`: events now in an export file for the organisation the till leaves;
        they leave the outbox. Returns how many did.
        """
        till = self._till
        with till._writing() as conn:
            device_changed = settings.get(conn, settings.DEVICE_ID) != device_id
            _upsert_org(conn, till, org)
            _upsert_shop(conn, till, shop)
            moved = ledger.mark_sent(conn, handed_over) if handed_over else 0
            if reset_cursors:
                for key in CURSORS:
                    settings.delete(conn, key)
            shops.bind_device(conn, org_id=org.id, shop_id=shop.id, device_id=device_id)
            settings.put(conn, PAIRING_URL, url)
            settings.put(conn, TOKEN, token)
            if ca_bundle:
                settings.put(conn, CA_BUNDLE, str(ca_bundle))
            else:
                settings.delete(conn, CA_BUNDLE)
            settings.put(conn, ENROLLED_AT, str(to_micros(till.clock.now())))
            hlc = till.hlc
            till._forget()
            # The hybrid clock keeps its high-water mark unless the node itself changed.
            till.hlc = None if device_changed else hlc
        till.publish(Changes(program=True, outbox=bool(moved), all_members=True))
        return moved

    def unpair(self) -> None:
        """Forget the server, the token and the cursors; the shop and its data stay."""
        with self._till._writing() as conn:
            for key in (*PAIRING, *CURSORS):
                settings.delete(conn, key)


def _purge_due(conn: Connection, fresh: Sequence[ledger.EventRecord]) -> None:
    # Marked in the applying transaction, so a crash before the purge finishes it at start-up.
    if any(r.kind == ledger.MEMBER_ERASED for r in fresh):
        settings.put(conn, gdpr.PURGE_PENDING, "1")


def _scan_from(pushed: str, now: int) -> str:
    if not pushed:
        return ""
    # The window ends at the later of now and the newest stamp pushed: a clock that ran
    # ahead (ours, or one our hybrid clock observed) must not make us resend for hours.
    physical, _, _ = parse(pushed)
    recent = f"{max(max(physical, now) - RESEND_WINDOW_US, 0):016d}-"
    return min(pushed, recent)


def _local_balances(conn: Connection, member_ids: Sequence[str]) -> dict[str, Balance]:
    out: dict[str, Balance] = {}
    for chunk in _chunks(member_ids):
        marks = ", ".join("?" * len(chunk))
        waiting = {r[0] for r in sql(conn, _WAITING_MEMBERS.format(marks), tuple(chunk))}
        for row in sql(conn, _BALANCES.format(marks), tuple(chunk)):
            if row[0] not in waiting:
                out[row[0]] = Balance(row[0], row[1], row[2], row[3])
    return out


def _merge(conn: Connection, hlc: HybridClock, *, org_id: str, now: int,
           pulled: Sequence[PulledProfile]) -> set[str]:
    """Fold received profiles in, field by field by stamp; returns the members changed."""
    changed = set()
    for profile in pulled:
        for _, stamp in profile.fields.values():
            hlc.observe(stamp)
        row = sql(conn, "SELECT erased_at, profile_hlc_json FROM member WHERE id = ?",
                  (profile.member_id,)).fetchone()
        if row is None:
            # The member's registration has not been pulled yet; the event will find this row.
            sql(conn, "INSERT INTO member (id, org_id, created_at, segments_json,"
                " profile_hlc_json) VALUES (?, ?, ?, '{}', '{}')",
                (profile.member_id, org_id, now))
            row = (None, "{}")
        if profile.erased:
            if row[0] is None:
                ledger.scrub_member(conn, profile.member_id, now)
                changed.add(profile.member_id)
            continue
        if row[0] is not None:
            continue  # erased here: nothing personal comes back
        clocks = json.loads(row[1] or "{}")
        updates: dict[str, str | None] = {}
        for name, (value, stamp) in profile.fields.items():
            if profiles.wins(stamp, clocks.get(name)) and profiles.refusal(name, value) is None:
                updates[name] = value
                clocks[name] = stamp
        if not updates:
            continue
        members.write_profile(conn, profile.member_id, updates, clocks)
        changed.add(profile.member_id)
    return changed


def _upsert_org(conn: Connection, till: Till, org: shops.Org) -> None:
    row = sql(conn, "SELECT name, code_prefix, card_key FROM organisation WHERE id = ?",
              (org.id,)).fetchone()
    if row is None:
        shops.create_org(conn, till.clock, name=org.name, org_id=org.id,
                         code_prefix=org.code_prefix, card_key=org.card_key)
    elif tuple(row) != (org.name, org.code_prefix, org.card_key):
        # The server holds the organisation's truth (a renamed org, a rotated card key).
        sql(conn, "UPDATE organisation SET name = ?, code_prefix = ?, card_key = ? WHERE id = ?",
            (org.name, org.code_prefix, org.card_key, org.id))


def _upsert_shop(conn: Connection, till: Till, shop: shops.ShopInfo) -> None:
    row = sql(conn, "SELECT org_id, name, timezone, currency FROM shop WHERE id = ?",
              (shop.id,)).fetchone()
    if row is None:
        shops.create_shop(conn, till.clock, org_id=shop.org_id, name=shop.name,
                          timezone=shop.timezone, currency=shop.currency, shop_id=shop.id)
    elif tuple(row) != (shop.org_id, shop.name, shop.timezone, shop.currency):
        sql(conn, "UPDATE shop SET org_id = ?, name = ?, timezone = ?, currency = ? WHERE id = ?",
            (shop.org_id, shop.name, shop.timezone, shop.currency, shop.id))
