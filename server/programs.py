"""Programme versions published from the server, as `program_published` events tills pull."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from kiosk import ledger
from kiosk.clock import Clock, to_micros
from kiosk.errors import InvalidInput
from kiosk.ids import new_id
from kiosk.programs import ProgramConfig, parse_config
from server import ingest, tenants
from server.db import LOCK_EVENTS, advisory_lock
from sync.protocol import MAX_PAYLOAD_CHARS, WireEvent


@dataclass(frozen=True)
class Published:
    shop_id: str
    version: int
    event_id: str


def publish(conn: Connection, clock: Clock, *, shop_id: str,
            config: ProgramConfig | dict[str, Any] | str) -> Published:
    """Make the next programme version of a shop; its event reaches every till of the org."""
    if isinstance(config, ProgramConfig):
        cfg = config
    else:
        cfg = parse_config(config if isinstance(config, str) else json.dumps(config))
    shop = tenants.get_shop(conn, shop_id)
    # Under the organisation's event lock, so the version and the sequence are ours alone.
    advisory_lock(conn, LOCK_EVENTS, shop.org_id)
    version = conn.execute(text("SELECT coalesce(max(version), 0) + 1 FROM program"
                                " WHERE shop_id = :shop"), {"shop": shop.id}).scalar_one()
    device = tenants.server_device_id(shop.org_id)
    seq = conn.execute(text("SELECT coalesce(max(seq), 0) + 1 FROM event WHERE device_id = :d"),
                       {"d": device}).scalar_one()
    payload = json.dumps({"version": version, "config": json.loads(cfg.model_dump_json())},
                         separators=(",", ":"), sort_keys=True)
    if len(payload) > MAX_PAYLOAD_CHARS:
        raise InvalidInput(f"The programme is too large to send to tills ({len(payload)} > "
                           f"{MAX_PAYLOAD_CHARS} characters).")
    event = WireEvent(
        id=new_id(), device_id=device, seq=seq, ts=to_micros(clock.now()),
        kind=ledger.PROGRAM_PUBLISHED, org_id=shop.org_id, shop_id=shop.id,
        payload=payload,
    )
    out = ingest.Outcome()
    ingest.store(conn, clock, shop.org_id, [(event, ingest.content_hash(event))], out)
    assert out.accepted == [event.id], out
    return Published(shop.id, version, event.id)
