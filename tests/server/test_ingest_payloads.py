"""The administrator's import refuses a batch holding a payload that does not fit its kind
(kiosk.events), however its events were built: nothing of the batch is stored.

The HTTP routes refuse such a body when parsing it (WireEvent is kiosk.event_fields.EventFields;
tests/server/test_push_pull.py); this is the same rule for a till's file, one layer down,
on a real SQLite server database.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from kiosk.clock import SystemClock
from kiosk.errors import InvalidInput
from server import db, ingest, tenants
from sync.protocol import WireEvent


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    db.migrate(engine)
    yield engine
    engine.dispose()


def _event(till: tenants.TillIdentity, seq: int, kind: str, payload: str, **fields: object
           ) -> WireEvent:
    # model_construct: no validation on the way in, as a hand-built or imported event.
    return WireEvent.model_construct(**{
        "id": str(uuid.uuid4()), "device_id": till.device_id, "seq": seq,
        "ts": 1_790_000_000_000_000 + seq, "kind": kind, "org_id": till.org_id,
        "shop_id": till.shop_id, "member_id": str(uuid.uuid4()), "stamps": 0, "points": 0,
        "amount_minor": 0, "cashback_minor": 0, "currency": None, "reward_id": None,
        "coupon_id": None, "reverses": None, "tier": None, "payload": payload, **fields})


@pytest.mark.parametrize(("kind", "payload"), [
    ("redeem", "{}"),  # no title
    ("stamp", json.dumps({"note": "not a stamp field"})),
    ("card_issued", json.dumps({"card_hash": "not a hash"})),
    ("reversal", "[1, 2]"),
    ("purchase", "not json"),
])
def test_a_bad_payload_refuses_the_whole_batch(engine: Engine, kind: str, payload: str) -> None:
    clock = SystemClock()
    with db.writing(engine) as conn:
        org = tenants.create_org(conn, clock, name="Kaffe AS")
        shop = tenants.create_shop(conn, clock, org_id=org.id, name="Disken")
    # The server's own device id is one the organisation's import accepts.
    till = tenants.TillIdentity(device_id=tenants.server_device_id(org.id), org_id=org.id,
                                shop_id=shop.id)
    fine = _event(till, 1, "stamp", "{}", stamps=1)
    bad = _event(till, 2, kind, payload)
    with pytest.raises(InvalidInput, match=f"event {bad.id}: "), db.writing(engine) as conn:
        ingest.import_events(conn, clock, org.id, [fine, bad])
    with db.reading(engine) as conn:
        assert conn.execute(text("SELECT count(*) FROM event")).scalar_one() == 0
    with db.writing(engine) as conn:
        assert ingest.import_events(conn, clock, org.id, [fine]).accepted == [fine.id]
