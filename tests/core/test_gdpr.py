"""GDPR export and erasure: the personal bytes leave the file, the WAL and the backups."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk import gdpr, ledger
from kiosk.clock import FixedClock, to_micros
from kiosk.errors import NotFound
from kiosk.members import ConsentGiven, Registration
from kiosk.till import Till

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def till(tmp_path: Path) -> Till:
    t = Till.open(tmp_path, clock=FixedClock(START))
    t.setup(org_name="Kaffebar AS", shop_name="Kaffebar Grünerløkka")
    yield t
    t.close()


def _register(till: Till, name: str, phone: str, email: str) -> str:
    reg = Registration(name=name, phone=phone, email=email, birthday="1990-05-17",
                       consents=(ConsentGiven("membership"), ConsentGiven("marketing")),
                       segments={"milk": "oat"})
    return till.register(reg).member_id


def _raw(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def _files(tmp_path: Path) -> bytes:
    return _raw(tmp_path / "till.sqlite3") + _raw(tmp_path / "till.sqlite3-wal")


def test_export_holds_profile_consents_cards_coupons_balances_and_events(till: Till) -> None:
    mid = _register(till, "Åse Nordmann", "+4791234567", "ase@example.no")
    till.stamp(mid, count=2)
    data = till.run(lambda c, x: gdpr.export_member(c, x, mid), write=False)
    assert data["format"] == gdpr.EXPORT_FORMAT
    assert data["member"]["name"] == "Åse Nordmann"
    assert data["member"]["phone"] == "+4791234567"
    assert data["member"]["email"] == "ase@example.no"
    assert data["member"]["birthday"] == "1990-05-17"
    assert data["member"]["registered_at"] == "2026-03-02T09:30:00Z"
    assert {(c["purpose"], c["granted"]) for c in data["consents"]} == {
        ("membership", True), ("marketing", True)}
    assert all(c["wording_version"] == "2026-01" for c in data["consents"])
    assert data["segments"] == {"milk": "oat"}
    assert len(data["cards"]) == 1 and data["cards"][0]["revoked_at"] is None
    assert [c["kind"] for c in data["coupons"]] == ["welcome"]
    assert data["balances"]["stamps"] == 2
    kinds = [e["kind"] for e in data["events"]]
    assert kinds.count(ledger.STAMP) == 1 and ledger.MEMBER_REGISTERED in kinds
    stamp = next(e for e in data["events"] if e["kind"] == ledger.STAMP)
    assert stamp["stamps"] == 2 and stamp["shop"] == "Kaffebar Grünerløkka"
    assert stamp["at"] == "2026-03-02T09:30:00Z"
    json.dumps(data)  # JSON-ready as it stands


def test_export_of_unknown_member_is_not_found(till: Till) -> None:
    with pytest.raises(NotFound):
        till.run(lambda c, x: gdpr.export_member(c, x, "no-such-member"), write=False)


def _secure_delete_off(till: Till) -> None:
    """Make the till's connections leave freed bytes in place, as upstream SQLite builds do.

    (Debian's SQLite zeroes freed cells by default, which would hide stale copies.)
    """

    def off(dbapi_connection: sqlite3.Connection) -> None:
        dbapi_connection.execute("PRAGMA secure_delete = 0")

    till.store.on_connect.append(off)
    till.store.close()  # the pooled connections go; new ones leave freed bytes


@pytest.mark.parametrize("sqlite_default", ["as built", "secure_delete off"])
def test_erased_personal_bytes_are_gone_from_database_and_wal(
        till: Till, tmp_path: Path, sqlite_default: str) -> None:
    if sqlite_default == "secure_delete off":
        _secure_delete_off(till)
    gone = _register(till, "Gunnhild Slettes", "+4798765432", "gunnhild@example.no")
    kept = _register(till, "Kari Beholdes", "+4791112223", "kari@example.no")
    # An earlier e-mail lingers in freed page space unless the file is rebuilt.
    till.edit_member(gone, email="gunnhild.old@example.no")
    till.edit_member(gone, email="gunnhild@example.no")
    till.stamp(gone, count=3)
    till.stamp(kept)
    secrets = [b"Gunnhild Slettes", b"+4798765432", b"gunnhild@example.no",
               b"gunnhild.old@example.no"]
    before = _files(tmp_path)
    assert all(s in before for s in secrets[:3])  # the test can see them when present

    event = till.run(lambda c, x: gdpr.erase_member(c, x, gone))
    report = gdpr.purge_after_erasure(till.store)

    assert report.complete and report.erased_members == 1
    after = _files(tmp_path)
    for s in secrets:
        assert s not in after, s
    assert b"Kari Beholdes" in after and b"kari@example.no" in after
    assert event.kind == ledger.MEMBER_ERASED
    with till.store.read() as conn:
        kinds = [e.kind for e in ledger.events_of(conn, gone)]
        pending = conn.exec_driver_sql("SELECT count(*) FROM setting WHERE key = ?",
                                       (gdpr.PURGE_PENDING,)).scalar_one()
    assert kinds.count(ledger.STAMP) == 1 and ledger.MEMBER_ERASED in kinds
    assert pending == 0
    assert till.check_balances() == []
    view = till.member(gone)
    assert view.erased and view.name is None and view.stamps == 3
    assert till.member(kept).name == "Kari Beholdes"


def test_erasure_scrubs_backups_of_older_revisions(till: Till, tmp_path: Path) -> None:
    gone = _register(till, "Petter Backupsen", "+4790011223", "petter@example.no")
    kept = _register(till, "Liv Beholdes", "+4790011224", "liv@example.no")
    backup = till.store.backup_to(tmp_path / "backups" / "till-0001-20260301T000000.sqlite3")
    # Make the backup look like revision 0001, before profile_hlc_json existed.
    db = sqlite3.connect(backup)
    db.execute("ALTER TABLE member DROP COLUMN profile_hlc_json")
    db.commit()
    db.close()
    junk = tmp_path / "backups" / "till-broken.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)

    till.run(lambda c, x: gdpr.erase_member(c, x, gone))
    report = gdpr.purge_after_erasure(till.store)

    assert backup in report.backups_scrubbed
    assert len(report.backups_failed) == 1 and "till-broken" in report.backups_failed[0]
    raw = _raw(backup) + _raw(backup.with_name(backup.name + "-wal"))
    for s in (b"Petter Backupsen", b"+4790011223", b"petter@example.no"):
        assert s not in raw
    assert b"liv@example.no" in raw
    db = sqlite3.connect(backup)
    erased_at, = db.execute("SELECT erased_at FROM member WHERE id = ?", (gone,)).fetchone()
    consents = db.execute("SELECT count(*) FROM consent WHERE member_id = ?", (gone,)).fetchone()
    db.close()
    assert erased_at is not None and consents == (0,)
    # A backup that cannot be scrubbed keeps the purge pending, to be retried.
    with till.store.read() as conn:
        assert conn.exec_driver_sql("SELECT value FROM setting WHERE key = ?",
                                    (gdpr.PURGE_PENDING,)).scalar_one() == "1"
    junk.unlink()
    assert gdpr.purge_if_pending(till.store) is not None
    assert gdpr.purge_if_pending(till.store) is None
    assert till.member(kept).email == "liv@example.no"


def test_erasing_twice_is_harmless(till: Till) -> None:
    mid = _register(till, "To Ganger", "+4790000001", "to@example.no")
    first = till.run(lambda c, x: gdpr.erase_member(c, x, mid))
    second = till.run(lambda c, x: gdpr.erase_member(c, x, mid))
    assert first.id == second.id
    with till.store.read() as conn:
        kinds = [e.kind for e in ledger.events_of(conn, mid)]
    assert kinds.count(ledger.MEMBER_ERASED) == 1
    data = till.run(lambda c, x: gdpr.export_member(c, x, mid), write=False)
    assert data["member"]["name"] is None and data["consents"] == []
    assert data["member"]["erased_at"] == "2026-03-02T09:30:00Z"
    assert all(c["revoked_reason"] == "erased" for c in data["cards"])


def test_erasure_arriving_from_another_till_is_purged_too(till: Till, tmp_path: Path) -> None:
    mid = _register(till, "Fjern Fraandre", "+4790000002", "fjern@example.no")
    ctx = till.run(lambda _conn, ctx: ctx, write=False)
    # A second later than the card was issued here: ledger's fold revokes only cards it has.
    remote = ledger.EventRecord(
        id="01900000-0000-7000-8000-000000000001", device_id="other-till", seq=1,
        ts=to_micros(START) + 1_000_000, kind=ledger.MEMBER_ERASED, org_id=ctx.origin.org_id,
        shop_id=ctx.origin.shop_id, member_id=mid)
    # Through the sync port, as the worker applies a pulled page: it purges by itself.
    changes = till.sync.apply_member_events([remote])
    assert changes.pulled and mid in changes.members
    assert b"fjern@example.no" not in _files(tmp_path)
    assert till.check_balances() == []
