"""Member profiles: last writer wins per field by hybrid logical clock, and erasure wins over all.

Profile changes get an organisation-wide cursor from `organisation.profile_seq`. Bumping
that counter takes the organisation's row lock, so an organisation's profile writes happen
one at a time and their cursor values commit in order: a puller never skips one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, text

from kiosk import profiles
from kiosk.clock import Clock, to_micros
from kiosk.errors import InvalidInput
from server.db import erased_personal_data, is_postgres
from sync.protocol import (
    PROFILE_FIELDS,
    ProfileChange,
    ProfilePullResponse,
    ProfilePushResponse,
)

_CHUNK = 500
_SELECT = text(
    "SELECT member_id, hlc_json, erased FROM member_profile"
    " WHERE org_id = :org AND member_id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_INSERT = text(
    "INSERT INTO member_profile (org_id, member_id, name, phone, email, birthday,"
    " segments_json, hlc_json, erased, server_seq, updated_at) VALUES (:org, :member,"
    " :name, :phone, :email, :birthday, :segments_json, :hlc_json, :erased, :seq, :now)"
)
_UPDATE = text(
    "UPDATE member_profile SET name = :name, phone = :phone, email = :email,"
    " birthday = :birthday, segments_json = :segments_json, hlc_json = :hlc_json,"
    " erased = :erased, server_seq = :seq, updated_at = :now"
    " WHERE org_id = :org AND member_id = :member"
)
_VALUES = text(
    "SELECT member_id, name, phone, email, birthday, segments_json FROM member_profile"
    " WHERE org_id = :org AND member_id IN :ids"
).bindparams(bindparam("ids", expanding=True))


def storable(value: str) -> bool:
    """False for text a database cannot keep: NUL characters or unpaired surrogates."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _take_cursor(conn: Connection, org_id: str, count: int) -> int:
    """Reserve `count` cursor values for an organisation; returns the first."""
    row = conn.execute(
        text("UPDATE organisation SET profile_seq = profile_seq + :n WHERE id = :org"
             " RETURNING profile_seq"),
        {"n": count, "org": org_id},
    ).first()
    assert row is not None, "the organisation of an authenticated till exists"
    return row[0] - count + 1


def _lock(conn: Connection, org_id: str) -> None:
    # Taken before reading the rows, so no other writer merges in between.
    if is_postgres(conn):
        conn.execute(text("SELECT 1 FROM organisation WHERE id = :org FOR NO KEY UPDATE"),
                     {"org": org_id})


def _existing(conn: Connection, org_id: str, ids: Sequence[str]) -> dict[str, tuple[dict, bool]]:
    out: dict[str, tuple[dict, bool]] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = conn.execute(_SELECT, {"org": org_id, "ids": list(ids[start : start + _CHUNK])})
        for member_id, hlc_json, erased in rows:
            out[member_id] = (json.loads(hlc_json or "{}"), bool(erased))
    return out


def _current_values(conn: Connection, org_id: str, ids: Sequence[str]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = conn.execute(_VALUES, {"org": org_id, "ids": list(ids[start : start + _CHUNK])})
        for row in rows:
            out[row[0]] = dict(zip(PROFILE_FIELDS, row[1:], strict=True))
    return out


def push(conn: Connection, clock: Clock, *, org_id: str, changes: Iterable[ProfileChange]
         ) -> ProfilePushResponse:
    """Merge profile changes field by field; a field loses to a later stamp already here.

    `applied` and `stale_fields` both count fields. Writes for an erased member count as
    stale and change nothing.
    """
    changes = list(changes)
    for change in changes:
        for name, field in change.fields.items():
            if field.value is not None and not storable(field.value):
                raise InvalidInput("A profile value contains characters that cannot be stored.")
            # The till's own rule: what a till would refuse to store is refused here too.
            why = profiles.refusal(name, field.value)
            if why is not None:
                raise InvalidInput(f"Profile of member {change.member_id}: {why}.")
    _lock(conn, org_id)
    ids = list(dict.fromkeys(c.member_id for c in changes))
    known = _existing(conn, org_id, ids)
    had_row = set(known)
    values = _current_values(conn, org_id, list(had_row))
    applied = stale = 0
    touched: dict[str, dict[str, Any]] = {}
    for change in changes:
        stamps, erased = known.get(change.member_id, ({}, False))
        current = values.setdefault(change.member_id, dict.fromkeys(PROFILE_FIELDS))
        for name, field in change.fields.items():
            # Stamps compare as plain strings (kiosk.hlc); a tie is the same write again.
            if erased or (name in stamps and stamps[name] >= field.hlc):
                stale += 1
                continue
            stamps[name] = field.hlc
            current[name] = field.value
            applied += 1
            touched[change.member_id] = current
        known[change.member_id] = (stamps, erased)
    if touched:
        _write(conn, clock, org_id, touched, {m: known[m][0] for m in touched},
               existing=had_row)
    return ProfilePushResponse(applied=applied, stale_fields=stale)


def _write(conn: Connection, clock: Clock, org_id: str, rows: dict[str, dict[str, Any]],
           stamps: dict[str, dict[str, str]], *, existing: set[str], erased: bool = False
           ) -> None:
    first = _take_cursor(conn, org_id, len(rows))
    now = to_micros(clock.now())
    inserts, updates = [], []
    for offset, (member_id, fields) in enumerate(rows.items()):
        params = {
            "org": org_id, "member": member_id, **{f: fields.get(f) for f in PROFILE_FIELDS},
            "hlc_json": json.dumps(stamps[member_id], sort_keys=True), "erased": erased,
            "seq": first + offset, "now": now,
        }
        (updates if member_id in existing else inserts).append(params)
    if inserts:
        conn.execute(_INSERT, inserts)
    if updates:
        conn.execute(_UPDATE, updates)


def erase(conn: Connection, clock: Clock, *, org_id: str, member_ids: Sequence[str]) -> None:
    """Scrub members' profiles for good: every field empty, and later writes refused.

    After the commit, `db.writing` scrubs the old values from the database's files too.
    """
    ids = list(dict.fromkeys(member_ids))
    if not ids:
        return
    _lock(conn, org_id)
    known = _existing(conn, org_id, ids)
    empty = dict.fromkeys(PROFILE_FIELDS)
    _write(conn, clock, org_id, {m: empty for m in ids}, {m: {} for m in ids},
           existing=set(known), erased=True)
    erased_personal_data(conn)


def pull(conn: Connection, *, org_id: str, after: int, limit: int) -> ProfilePullResponse:
    """The organisation's profiles changed after the cursor, oldest change first."""
    rows = conn.execute(
        text("SELECT member_id, name, phone, email, birthday, segments_json, hlc_json, erased,"
             " server_seq FROM member_profile WHERE org_id = :org AND server_seq > :after"
             " ORDER BY server_seq LIMIT :n"),
        {"org": org_id, "after": after, "n": limit + 1},
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    profiles = []
    for row in rows:
        erased = bool(row[7])
        stamps = {} if erased else json.loads(row[6] or "{}")
        values = dict(zip(PROFILE_FIELDS, row[1:6], strict=True))
        profiles.append({
            "member_id": row[0], "server_seq": row[8], "erased": erased,
            "fields": {f: {"value": values[f], "hlc": stamps[f]}
                       for f in PROFILE_FIELDS if f in stamps},
        })
    cursor = rows[-1][8] if rows else after
    return ProfilePullResponse.model_validate(
        {"profiles": profiles, "cursor": cursor, "more": more})
