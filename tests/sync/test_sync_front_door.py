"""What another till does reaches this till's listeners and files through the front door."""

from __future__ import annotations

from pathlib import Path

from kiosk.changes import Changes
from kiosk.members import Registration
from sync.reconcile import run_once
from tests.sync.conftest import Shop


def _bytes_of(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_a_listener_on_till_b_hears_the_member_till_a_stamped(shop: Shop) -> None:
    a, b = shop.till("a"), shop.till("b")
    ca, cb = shop.client(a), shop.client(b)
    kari = a.register(Registration(name="Kari")).member_id
    run_once(a, ca)
    run_once(b, cb)
    heard: list[Changes] = []
    b.subscribe(heard.append)
    a.stamp(kari)
    run_once(a, ca)
    assert heard == []  # nothing reached b yet
    run_once(b, cb)
    pulled = [c for c in heard if c.pulled and c.touches(kari)]
    assert pulled, heard
    assert any(e.kind == "stamp" for c in pulled for e in c.events)
    assert b.member(kari).stamps == 1


def test_an_erasure_made_on_one_till_is_purged_from_every_till(shop: Shop) -> None:
    a, b = shop.till("a"), shop.till("b")
    ca, cb = shop.client(a), shop.client(b)
    marks = {"phone": "+4798761234", "email": "ingrid.erased@example.no",
             "name": "Ingrid Slettesen"}
    run_once(a, ca)  # the shop's programme comes with the first pull
    ingrid = a.register(Registration(name=marks["name"], phone=marks["phone"],
                                     email=marks["email"])).member_id
    a.stamp(ingrid)
    for _ in range(2):
        run_once(a, ca)
        run_once(b, cb)
    assert b.member(ingrid).email == marks["email"]
    # A copy of b's database as a migration would leave it: it must be scrubbed too.
    b.store.backup_to(b.data_dir / "backups" / "till-0006-before.sqlite3")
    assert marks["email"].encode() in _bytes_of(b.data_dir)

    a.erase_member(ingrid)
    for _ in range(2):
        run_once(a, ca)
        run_once(b, cb)
    assert b.member(ingrid).erased and b.member(ingrid).stamps == 1
    for till in (a, b):
        files = _bytes_of(till.data_dir)
        for value in marks.values():
            assert value.encode() not in files, (till.data_dir.name, value)
    assert a.check_balances() == b.check_balances() == []
