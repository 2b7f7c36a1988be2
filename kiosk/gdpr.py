"""GDPR: export everything held on one member, and erase their personal data for good.

Erasure is an event (`member_erased`) so it reaches every till and the server; its fold
(`ledger.scrub_member`) nulls the profile, deletes consents and revokes cards, while the
accounting events stay, anonymised (events never hold personal data).

Nulling a column does not make the old bytes unreadable: SQLite leaves freed cells in the
page, older page images in the WAL file, and stale fragments from earlier edits and page
splits anywhere in the file, and migration backups hold whole old copies. So erasure is
two steps, both called by the Till facade:

1. `erase_member(conn, ctx, member_id)` inside the write transaction: appends the event
   with `PRAGMA secure_delete` on, so the cells it frees are zeroed in the page images it
   writes, and flags a purge as pending (the flag survives a crash before step 2).
2. `purge_after_erasure(store)` after the commit: VACUUM rebuilds the database file from
   its live rows only, `wal_checkpoint(TRUNCATE)` empties the WAL, and every SQLite file in
   the `backups/` folder is scrubbed of every erased member and vacuumed too. Backups are
   scrubbed rather than deleted because they are the way back from a failed migration.
   Call `purge_if_pending(store)` at start-up to finish a purge a crash interrupted; an
   erasure pulled from another till should be followed by `purge_after_erasure` as well.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk import ledger, settings
from kiosk.actions import Context
from kiosk.clock import from_micros, to_micros
from kiosk.errors import NotFound, StorageError
from kiosk.store import BUSY_TIMEOUT_MS, Connection, Store, storage_message

EXPORT_FORMAT = "klipp-member-export/1"
PURGE_PENDING = "gdpr_purge_pending"
# Columns of `member` that hold personal data, in every schema revision so far.
PERSONAL_COLUMNS = ("name", "phone", "email", "birthday", "segments_json", "profile_hlc_json")
# What those columns become when scrubbed (the JSON ones are NOT NULL).
_BLANK = {"segments_json": "'{}'", "profile_hlc_json": "'{}'"}


def _iso(us: int | None) -> str | None:
    return None if us is None else from_micros(us).isoformat().replace("+00:00", "Z")


def _member_row(conn: Connection, ctx: Context, member_id: str) -> Any:
    row = conn.exec_driver_sql(
        "SELECT id, org_id, home_shop_id, name, phone, email, birthday, segments_json,"
        " created_at, erased_at FROM member WHERE id = ? AND org_id = ?",
        (member_id, ctx.origin.org_id),
    ).first()
    if row is None:
        raise NotFound("No such member.")
    return row


def export_member(conn: Connection, ctx: Context, member_id: str) -> dict[str, Any]:
    """Everything this till holds on one member, JSON-ready (times are ISO 8601 UTC)."""
    m = _member_row(conn, ctx, member_id)
    consents = [
        {"purpose": r[0], "wording_version": r[1], "granted": bool(r[2]), "at": _iso(r[3])}
        for r in conn.exec_driver_sql(
            "SELECT purpose, wording_version, granted, at FROM consent WHERE member_id = ?"
            " ORDER BY at, id", (member_id,))
    ]
    cards = [
        {"code_hash": r[0], "issued_at": _iso(r[1]), "revoked_at": _iso(r[2]),
         "revoked_reason": r[3]}
        for r in conn.exec_driver_sql(
            "SELECT code_hash, issued_at, revoked_at, revoked_reason FROM card"
            " WHERE member_id = ? ORDER BY issued_at, code_hash", (member_id,))
    ]
    coupons = [
        {"id": r[0], "kind": r[1], "title": r[2], "benefit": json.loads(r[3] or "{}"),
         "valid_from": _iso(r[4]), "valid_to": _iso(r[5]), "used": r[6] is not None}
        for r in conn.exec_driver_sql(
            "SELECT id, kind, title, benefit_json, valid_from, valid_to, used_event FROM coupon"
            " WHERE member_id = ? ORDER BY valid_from, id", (member_id,))
    ]
    bal = conn.exec_driver_sql(
        "SELECT stamps, points, cashback_minor, spend_minor, tier FROM balance"
        " WHERE member_id = ?", (member_id,)).first()
    shop_names = dict(conn.exec_driver_sql("SELECT id, name FROM shop").fetchall())
    events = [
        {"id": e.id, "kind": e.kind, "at": _iso(e.ts), "shop_id": e.shop_id,
         "shop": shop_names.get(e.shop_id), "stamps": e.stamps, "points": e.points,
         "amount_minor": e.amount_minor, "cashback_minor": e.cashback_minor,
         "currency": e.currency, "reward_id": e.reward_id, "coupon_id": e.coupon_id,
         "reverses": e.reverses, "tier": e.tier, "details": e.data}
        for e in ledger.events_of(conn, member_id)
    ]
    return {
        "format": EXPORT_FORMAT,
        "exported_at": _iso(to_micros(ctx.clock.now())),
        "member": {
            "id": m[0], "organisation_id": m[1], "home_shop_id": m[2],
            "home_shop": shop_names.get(m[2]), "name": m[3], "phone": m[4], "email": m[5],
            "birthday": m[6], "registered_at": _iso(m[8]), "erased_at": _iso(m[9]),
        },
        "consents": consents,
        "segments": json.loads(m[7] or "{}"),
        "cards": cards,
        "coupons": coupons,
        "balances": {
            "stamps": bal[0] if bal else 0, "points": bal[1] if bal else 0,
            "cashback_minor": bal[2] if bal else 0, "spend_minor": bal[3] if bal else 0,
            "currency": ctx.shop.currency, "tier": (bal[4] or None) if bal else None,
        },
        "events": events,
    }



@contextmanager
def _secure_delete(conn: Connection) -> Iterator[None]:
    # Zeroing happens when a cell is freed, so the pragma only needs to cover the scrub.
    before = int(conn.exec_driver_sql("PRAGMA secure_delete").scalar_one())
    conn.exec_driver_sql("PRAGMA secure_delete = 1")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA secure_delete = {before}")


def erase_member(conn: Connection, ctx: Context, member_id: str) -> ledger.EventRecord:
    """Erase a member's personal data (caller's transaction); returns the erasure event.

    The Till facade calls this inside its write transaction and `purge_after_erasure`
    after the commit; only then are the old bytes gone from the database file, the WAL and
    the backups. Erasing an erased member returns the earlier erasure event.
    """
    row = _member_row(conn, ctx, member_id)
    settings.put(conn, PURGE_PENDING, "1")
    if row[9] is not None:
        earlier = conn.exec_driver_sql(
            f"SELECT {', '.join(ledger.COLUMNS)} FROM event WHERE member_id = ? AND kind = ?"
            " ORDER BY ts, id LIMIT 1", (member_id, ledger.MEMBER_ERASED)).first()
        if earlier is not None:
            return ledger.EventRecord.from_row(earlier)
    with _secure_delete(conn):
        return ledger.append(conn, ctx.origin, ctx.clock,
                             ledger.NewEvent(ledger.MEMBER_ERASED, member_id))


@dataclass(frozen=True)
class PurgeReport:
    """What a purge achieved; `complete` is False when a reader kept the WAL alive."""

    complete: bool
    erased_members: int
    backups_scrubbed: tuple[Path, ...] = ()
    backups_failed: tuple[str, ...] = ()


def purge_after_erasure(store: Store, *, backup_dir: Path | None = None) -> PurgeReport:
    """After an erasure commits: rebuild the file, empty the WAL and scrub the backups.

    Runs outside any transaction (VACUUM and a truncating checkpoint cannot run inside
    one) and rewrites the whole file, so it takes about as long as copying the database:
    keep it off the GUI thread. Safe to repeat; it clears the pending flag only when the
    WAL was emptied and every backup was scrubbed.
    """
    backups = store.path.parent / "backups" if backup_dir is None else backup_dir
    try:
        with store.raw() as db:
            erased = db.execute(
                "SELECT id, erased_at FROM member WHERE erased_at IS NOT NULL").fetchall()
            db.execute("VACUUM")
            busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            scrubbed, failed = _scrub_backups(backups, erased)
            complete = busy == 0
            if complete and not failed:
                db.execute("DELETE FROM setting WHERE key = ?", (PURGE_PENDING,))
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError as exc:
        raise StorageError(storage_message(exc)) from exc
    return PurgeReport(complete, len(erased), tuple(scrubbed), tuple(failed))


def purge_if_pending(store: Store, *, backup_dir: Path | None = None) -> PurgeReport | None:
    """Finish a purge that a crash or a busy reader interrupted (call at start-up)."""
    with store.read() as conn:
        pending = settings.get(conn, PURGE_PENDING)
    return purge_after_erasure(store, backup_dir=backup_dir) if pending else None


def _scrub_backups(folder: Path, erased: Sequence[tuple[str, int]]
                   ) -> tuple[list[Path], list[str]]:
    scrubbed: list[Path] = []
    failed: list[str] = []
    if not folder.is_dir():
        return scrubbed, failed
    for path in sorted(folder.glob("*.sqlite3")):
        try:
            scrub_backup(path, erased)
            scrubbed.append(path)
        except sqlite3.Error as exc:
            failed.append(f"{path.name}: {exc}")
    return scrubbed, failed


def scrub_backup(path: Path, erased: Sequence[tuple[str, int]]) -> None:
    """Scrub erased members (id, erased_at) from a backup copy, then vacuum it.

    Backups may be from older schema revisions, so only the columns present are touched.
    """
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        columns = {r[1] for r in db.execute("PRAGMA table_info(member)")}
        if not columns:
            raise sqlite3.DatabaseError("not a till database (no member table)")
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        sets = [f"{c} = {_BLANK.get(c, 'NULL')}" for c in PERSONAL_COLUMNS if c in columns]
        db.execute("PRAGMA secure_delete = 1")
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(
                f"UPDATE member SET {', '.join(sets)}, erased_at = coalesce(erased_at, ?)"
                " WHERE id = ?", [(at, mid) for mid, at in erased])
            if "consent" in tables:
                db.executemany("DELETE FROM consent WHERE member_id = ?",
                               [(mid,) for mid, _ in erased])
            if "card" in tables:
                db.executemany(
                    "UPDATE card SET revoked_at = coalesce(revoked_at, ?),"
                    " revoked_reason = coalesce(revoked_reason, 'erased') WHERE member_id = ?",
                    [(at, mid) for mid, at in erased])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        # Stale copies from before this scrub live in free space and old WAL frames.
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
