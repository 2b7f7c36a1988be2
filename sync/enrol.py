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

from kiosk import ledger, shops
from kiosk.ids import new_id
from kiosk.sync_port import Standing
from kiosk.till import Till
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


def export_folder(till: Till, export_dir: str | Path | None = None) -> Path:
    return Path(export_dir) if export_dir else data_dir(till) / EXPORT_DIR


def export_outbox(till: Till, *, reason: str, export_dir: str | Path | None = None
                  ) -> tuple[Path, list[ledger.EventRecord]]:
    """Write the outbox to an export file; returns its path and the events in it."""
    return write_export(till, export_folder(till, export_dir), now=till.clock.now(),
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
        now = till.sync.standing()
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
           before: Standing, exported: list[ledger.EventRecord]) -> int:
    """Store the token and identity in one transaction; returns events handed to the export."""
    org, shop = answer.org, answer.shop
    leaving = before.org_id is not None and before.org_id != org.id
    return till.sync.adopt(
        org=shops.Org(org.id, org.name, org.code_prefix, org.card_key),
        shop=shops.ShopInfo(shop.id, org.id, shop.name, shop.timezone, shop.currency),
        device_id=answer.device_id, url=url, token=answer.token, ca_bundle=ca_bundle,
        # They cannot go to this organisation's server; they are in the export file.
        handed_over=[e.id for e in exported] if leaving else [],
        reset_cursors=before.org_id != org.id or before.server_url != url)


def unpair(till: Till, *, confirm: bool = False, export_dir: str | Path | None = None
           ) -> Path | None:
    """Forget the server and token; the till goes on standalone with its shop and data.

    With events waiting, they are exported first and the till refuses unless `confirm`;
    they stay in the outbox too, to be sent if the till is paired with this organisation
    again. Returns the export file, if one was written.
    """
    with SyncLock(data_dir(till)).hold(wait=LOCK_WAIT):
        now = till.sync.standing()
        export = None
        if now.waiting:
            export, _ = export_outbox(till, reason="unpair" if confirm else "unpair refused",
                                      export_dir=export_dir)
            if not confirm:
                raise EnrolRefused(f"{now.waiting} events are still waiting to be sent; they"
                                   f" were saved to {export}. A manager must confirm to"
                                   " unpair this till.")
        till.sync.unpair()
        return export
