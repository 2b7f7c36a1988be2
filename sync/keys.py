"""Names of the sync settings kept in the till database: defined by the core's sync port."""

from __future__ import annotations

from kiosk.sync_port import (
    CA_BUNDLE,
    CURSORS,
    ENROLLED_AT,
    EVENTS_CURSOR,
    PAIRING,
    PROFILES_CURSOR,
    PROFILES_PUSHED,
    TOKEN,
)
from kiosk.sync_port import PAIRING_URL as SERVER_URL

__all__ = ["CA_BUNDLE", "CURSORS", "ENROLLED_AT", "EVENTS_CURSOR", "PAIRING", "PROFILES_CURSOR",
           "PROFILES_PUSHED", "SERVER_URL", "TOKEN"]
