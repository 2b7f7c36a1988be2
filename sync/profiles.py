"""Member profiles between till and server: last writer wins per field, by hybrid clock stamp.

Personal data never travels in events. A till pushes the fields it edited itself (stamps
carrying its device id) since the last confirmed push, and merges what it pulls: a field
changes only when the received stamp is higher than the one held. An erased member stays
scrubbed whatever arrives later.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection

from kiosk import ledger
from kiosk import profiles as rules
from kiosk.hlc import HybridClock, parse
from sync.protocol import PROFILE_FIELDS, FieldValue, ProfileChange, ServerProfile

# An edit committed by another process of this till (its own clock instance) may carry a
# stamp a little below one already pushed; so the edits of the last seconds are sent again,
# which is harmless (the server keeps the higher stamp).
RESEND_WINDOW_US = 2_000_000
_STAMP_NODE_AT = 22  # "PPPPPPPPPPPPPPPP-CCCC-" then the device id

_LOCAL_EDITS = f"""
SELECT m.id, {', '.join('m.' + f for f in PROFILE_FIELDS)}, m.profile_hlc_json FROM member m
WHERE m.erased_at IS NULL AND instr(m.profile_hlc_json, ?) > 0
  AND EXISTS (SELECT 1 FROM json_each(m.profile_hlc_json) j
              WHERE j.value > ? AND substr(j.value, {_STAMP_NODE_AT + 1}) = ?)
"""


@dataclass(frozen=True)
class LocalEdit:
    """A member's fields edited on this till since the last push, and the newest stamp."""

    change: ProfileChange
    newest: str


def _scan_from(pushed: str, now: int) -> str:
    if not pushed:
        return ""
    # The window ends at the later of now and the newest stamp pushed: a clock that ran
    # ahead (ours, or one our hybrid clock observed) must not make us resend for hours.
    physical, _, _ = parse(pushed)
    recent = f"{max(max(physical, now) - RESEND_WINDOW_US, 0):016d}-"
    return min(pushed, recent)


def local_edits(conn: Connection, device_id: str, pushed: str, *, now: int) -> list[LocalEdit]:
    """Profiles edited here with stamps above `pushed` (or within the last seconds before
    `now`, UTC microseconds), oldest first."""
    since = _scan_from(pushed, now)
    out = []
    rows = conn.exec_driver_sql(_LOCAL_EDITS, (device_id, since, device_id))
    for row in rows:
        member_id, values, clocks = row[0], row[1:-1], json.loads(row[-1] or "{}")
        fields = {}
        for name, value in zip(PROFILE_FIELDS, values, strict=True):
            stamp = clocks.get(name)
            if isinstance(stamp, str) and stamp > since and stamp[_STAMP_NODE_AT:] == device_id:
                fields[name] = FieldValue(value=value, hlc=stamp)
        if fields:
            newest = max(v.hlc for v in fields.values())
            out.append(LocalEdit(ProfileChange(member_id=member_id, fields=fields), newest))
    out.sort(key=lambda e: e.newest)
    return out


def merge(conn: Connection, hlc: HybridClock, *, org_id: str, now: int,
          profiles: list[ServerProfile]) -> set[str]:
    """Fold received profiles in, field by field by stamp; returns the members changed."""
    changed = set()
    for profile in profiles:
        for value in profile.fields.values():
            hlc.observe(value.hlc)
        row = conn.exec_driver_sql(
            "SELECT erased_at, profile_hlc_json FROM member WHERE id = ?", (profile.member_id,)
        ).first()
        if row is None:
            # The member's registration has not been pulled yet; the event will find this row.
            conn.exec_driver_sql(
                "INSERT INTO member (id, org_id, created_at, segments_json, profile_hlc_json)"
                " VALUES (?, ?, ?, '{}', '{}')", (profile.member_id, org_id, now))
            row = (None, "{}")
        if profile.erased:
            if row[0] is None:
                ledger.scrub_member(conn, profile.member_id, now)
                changed.add(profile.member_id)
            continue
        if row[0] is not None:
            continue  # erased here: nothing personal comes back
        clocks = json.loads(row[1] or "{}")
        updates = {}
        for name, value in profile.fields.items():
            if (rules.wins(value.hlc, clocks.get(name))
                    and rules.refusal(name, value.value) is None):
                updates[name] = value.value
                clocks[name] = value.hlc
        if not updates:
            continue
        sets = ", ".join(f"{name} = ?" for name in updates)  # names from PROFILE_FIELDS only
        conn.exec_driver_sql(
            f"UPDATE member SET {sets}, profile_hlc_json = ? WHERE id = ?",
            (*updates.values(), json.dumps(clocks, sort_keys=True), profile.member_id))
        changed.add(profile.member_id)
    return changed
