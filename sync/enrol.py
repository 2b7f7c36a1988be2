"""Pair a till with the server by a one-time code, adopt the shop's identity, or unpair it.

A till that already has an identity (set up standalone, or enrolled before) changes hands
only when a manager confirms (`confirm=True`). Whenever events are still waiting in the
outbox, they are first written to an export file (sync.export) that the server can import
without duplicates; the file is written even when the change is refused, so the manager has
it in hand. Events of the organisation the till is leaving are handed to that file and leave
the outbox; events of the same organisation stay and are pushed with the new token.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from kiosk import ledger, settings, shops
from kiosk.clock import to_micros
from kiosk.ids import new_id
from kiosk.till import Till
from sync import keys
from sync.client import SyncClient, check_server_url
from sync.errors import EnrolRefused, ServerRefused
from sync.export import EXPORT_DIR, write_export
from sync.lock import SyncLock
from sync.protocol import EnrolRequest, EnrolResponse
from sync.reconcile import data_dir

# A worker's pass in progress finishes first (stop the worker before enrolling: its client
# holds the old token).
LOCK_WAIT = 30.0


@dataclass(frozen=True)
class Enrolled:
    """What enrolment did."""

    device_id: str
    org_id: str
    org_name: str
    shop_id: str
    shop_name: str
    server_url: str
    export: Path | None  # the file of events that were waiting, if any
    handed_over: int  # events that left the outbox into that file (another organisation's)


@dataclass(frozen=True)
class _Current:
    device_id: str | None
    org_id: str | None
    shop_id: str | None
    server_url: str | None
    paired: bool
    waiting: int


def _current(conn: Connection) -> _Current:
    return _Current(
        device_id=settings.get(conn, settings.DEVICE_ID),
        org_id=settings.get(conn, settings.ORG_ID),
        shop_id=settings.get(conn, settings.SHOP_ID),
        server_url=settings.get(conn, keys.SERVER_URL),
        paired=settings.get(conn, keys.TOKEN) is not None,
        waiting=ledger.pending_count(conn),
    )


def export_folder(till: Till, export_dir: str | Path | None = None) -> Path:
    return Path(export_dir) if export_dir else data_dir(till) / EXPORT_DIR


def export_outbox(till: Till, *, reason: str, export_dir: str | Path | None = None
                  ) -> tuple[Path, list[ledger.EventRecord]]:
    """Write the outbox to an export file; returns its path and the events in it."""
    with till.store.read() as conn:
        return write_export(conn, export_folder(till, export_dir), now=till.clock.now(),
                            reason=reason)


def enrol(till: Till, *, server_url: str, pairing_code: str, confirm: bool = False,
          device_name: str = "till", ca_bundle: str | None = None,
          client: SyncClient | None = None, export_dir: str | Path | None = None,
          allow_insecure: bool = False) -> Enrolled:
    """Enrol this till with a pairing code: store its token and adopt the org and shop.

    Raises EnrolRefused when the till already has an identity and `confirm` is not given
    (after exporting any waiting events), and a SyncError when the server cannot be reached
    or does not accept the code.
    """
    url = check_server_url(server_url, allow_insecure=allow_insecure)
    with SyncLock(data_dir(till)).hold(wait=LOCK_WAIT):
        with till.store.read() as conn:
            now = _current(conn)
        export: Path | None = None
        exported: list[ledger.EventRecord] = []
        if now.shop_id is not None:
            where = f" and paired with {now.server_url}" if now.paired else " (standalone)"
            if now.waiting:
                export, exported = export_outbox(
                    till, reason="enrolment" if confirm else "enrolment refused",
                    export_dir=export_dir)
            if not confirm:
                saved = (f" {now.waiting} events are still waiting to be sent; they were saved"
                         f" to {export}." if export else "")
                raise EnrolRefused(f"This till is already set up for a shop{where}.{saved}"
                                   " A manager must confirm to enrol it again.")
        own = client is None
        client = client or SyncClient(url, ca_bundle=ca_bundle, allow_insecure=allow_insecure)
        request = EnrolRequest(pairing_code=pairing_code.strip(),
                               device_id=now.device_id or new_id(),
                               device_name=" ".join(device_name.split())[:80] or "till")
        try:
            try:
                answer = client.enrol(request)
            except ServerRefused as exc:
                if exc.status != 409 or now.device_id is None:
                    raise
                # This device id belongs to another shop on that server: the till moves
                # shops (a manager confirmed), so it becomes a new device there.
                answer = client.enrol(request.model_copy(update={"device_id": new_id()}))
        finally:
            if own:
                client.close()
        handed_over = _adopt(till, answer, url=url, ca_bundle=ca_bundle, before=now,
                             exported=exported)
    return Enrolled(device_id=answer.device_id, org_id=answer.org.id, org_name=answer.org.name,
                    shop_id=answer.shop.id, shop_name=answer.shop.name, server_url=url,
                    export=export, handed_over=handed_over)


def _adopt(till: Till, answer: EnrolResponse, *, url: str, ca_bundle: str | None,
           before: _Current, exported: list[ledger.EventRecord]) -> int:
    """Store the token and identity in one transaction; returns events handed to the export."""
    org, shop = answer.org, answer.shop
    handed_over = 0
    with till.store.write() as conn:
        _upsert_org(conn, till, org.id, org.name, org.code_prefix, org.card_key)
        _upsert_shop(conn, till, shop.id, org.id, shop.name, shop.timezone, shop.currency)
        if before.org_id is not None and before.org_id != org.id:
            # They cannot go to this organisation's server; they are in the export file.
            handed_over = ledger.mark_sent(conn, [e.id for e in exported])
        if before.org_id != org.id or before.server_url != url:
            for key in keys.CURSORS:
                settings.delete(conn, key)
        shops.bind_device(conn, org_id=org.id, shop_id=shop.id, device_id=answer.device_id)
        settings.put(conn, keys.SERVER_URL, url)
        settings.put(conn, keys.TOKEN, answer.token)
        if ca_bundle:
            settings.put(conn, keys.CA_BUNDLE, str(ca_bundle))
        else:
            settings.delete(conn, keys.CA_BUNDLE)
        settings.put(conn, keys.ENROLLED_AT, str(to_micros(till.clock.now())))
    _forget_cached_identity(till, device_changed=answer.device_id != before.device_id)
    return handed_over


def _upsert_org(conn: Connection, till: Till, org_id: str, name: str, prefix: str,
                card_key: str) -> None:
    row = conn.exec_driver_sql(
        "SELECT name, code_prefix, card_key FROM organisation WHERE id = ?", (org_id,)).first()
    if row is None:
        shops.create_org(conn, till.clock, name=name, org_id=org_id, code_prefix=prefix,
                         card_key=card_key)
    elif tuple(row) != (name, prefix, card_key):
        # The server holds the organisation's truth (a renamed org, a rotated card key).
        conn.exec_driver_sql(
            "UPDATE organisation SET name = ?, code_prefix = ?, card_key = ? WHERE id = ?",
            (name, prefix, card_key, org_id))


def _upsert_shop(conn: Connection, till: Till, shop_id: str, org_id: str, name: str,
                 timezone: str, currency: str) -> None:
    row = conn.exec_driver_sql(
        "SELECT org_id, name, timezone, currency FROM shop WHERE id = ?", (shop_id,)).first()
    if row is None:
        shops.create_shop(conn, till.clock, org_id=org_id, name=name, timezone=timezone,
                          currency=currency, shop_id=shop_id)
    elif tuple(row) != (org_id, name, timezone, currency):
        conn.exec_driver_sql(
            "UPDATE shop SET org_id = ?, name = ?, timezone = ?, currency = ? WHERE id = ?",
            (org_id, name, timezone, currency, shop_id))


def _forget_cached_identity(till: Till, *, device_changed: bool) -> None:
    # The hybrid clock keeps its high-water mark unless the node (device) itself changed.
    hlc = till.hlc
    till.reload_identity()
    if not device_changed:
        till.hlc = hlc


def unpair(till: Till, *, confirm: bool = False, export_dir: str | Path | None = None
           ) -> Path | None:
    """Forget the server and token; the till goes on standalone with its shop and data.

    With events waiting, they are exported first and the till refuses unless `confirm`;
    they stay in the outbox too, to be sent if the till is paired with this organisation
    again. Returns the export file, if one was written.
    """
    with SyncLock(data_dir(till)).hold(wait=LOCK_WAIT):
        with till.store.read() as conn:
            now = _current(conn)
        export = None
        if now.waiting:
            export, _ = export_outbox(till, reason="unpair" if confirm else "unpair refused",
                                      export_dir=export_dir)
            if not confirm:
                raise EnrolRefused(f"{now.waiting} events are still waiting to be sent; they"
                                   f" were saved to {export}. A manager must confirm to"
                                   " unpair this till.")
        with till.store.write() as conn:
            for key in (*keys.PAIRING, *keys.CURSORS):
                settings.delete(conn, key)
        return export
