"""Member profiles on the wire: this till's edits as ProfileChange, the server's as PulledProfile.

The rules (fields, cleaning, last writer wins by hybrid clock stamp, erasure wins) live in
kiosk/profiles.py; the till's side of pushing and merging in kiosk/sync_port.py. Personal data
never travels in events.
"""

from __future__ import annotations

from kiosk.sync_port import ProfileEdit, PulledProfile
from sync.protocol import FieldValue, ProfileChange, ServerProfile


def to_change(edit: ProfileEdit) -> ProfileChange:
    """A local edit as the server takes it."""
    return ProfileChange(member_id=edit.member_id, fields={
        name: FieldValue(value=value, hlc=stamp) for name, (value, stamp) in edit.fields.items()})


def from_server(profile: ServerProfile) -> PulledProfile:
    """A profile as the server holds it, for the till to merge."""
    return PulledProfile(member_id=profile.member_id, erased=profile.erased, fields={
        name: (v.value, v.hlc) for name, v in profile.fields.items()})
