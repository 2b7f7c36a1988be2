"""Names of the sync settings kept in the till database (kiosk.settings)."""

from __future__ import annotations

SERVER_URL = "sync.server_url"
TOKEN = "sync.token"
CA_BUNDLE = "sync.ca_bundle"
# The server's cursor over the organisation's events: moves in the transaction that applies them.
EVENTS_CURSOR = "sync.events_cursor"
# The server's cursor over member profiles.
PROFILES_CURSOR = "sync.profiles_cursor"
# The highest profile stamp of this till's own edits that the server has confirmed.
PROFILES_PUSHED = "sync.profiles_pushed_hlc"
ENROLLED_AT = "sync.enrolled_at"

CURSORS = (EVENTS_CURSOR, PROFILES_CURSOR, PROFILES_PUSHED)
PAIRING = (SERVER_URL, TOKEN, CA_BUNDLE, ENROLLED_AT)
