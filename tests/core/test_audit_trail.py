"""The audit trail's read: members by name, an erased member by nothing personal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kiosk import audit
from kiosk.ids import new_id
from kiosk.store import sql
from tests.core.test_reports import Book


def test_names_come_with_the_events_and_an_erased_name_never(tmp_path: Path) -> None:
    b = Book()
    kari, ola, nobody = new_id(), new_id(), new_id()
    for member in (kari, ola, nobody):
        b.stamp(member, date(2026, 11, 10), 9)
    store = b.store(tmp_path / "till.sqlite3")
    with store.write() as conn:
        sql(conn, "UPDATE member SET name = 'Kari Nordmann' WHERE id = ?", (kari,))
        # An erasure recorded on a row whose name is still there: the trail must not read it.
        sql(conn, "UPDATE member SET name = 'Ola Hemmelig', erased_at = 1 WHERE id = ?", (ola,))
    with store.read() as conn:
        trail = audit.audit_trail(conn, 10)
    store.close()
    assert [e.member_id for e in trail.events] == [kari, ola, nobody]
    assert trail.names == {kari: "Kari Nordmann"}
    assert trail.erased == {ola}
    assert trail.member_name(ola) is None and trail.member_name(nobody) is None
    assert "Ola Hemmelig" not in repr(trail)
