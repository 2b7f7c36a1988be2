"""Why sync is offline, in the shop's language: the worker names it, the window words it."""

from __future__ import annotations

from sync.errors import PairingRevoked, ServerUnreachable
from sync.state import SyncState
from ui.window.fmt import Formats
from ui.window.i18n import Translations
from ui.window.main_window import sync_text


def test_an_offline_reason_reads_in_the_chosen_language(qapp) -> None:
    translations = Translations()
    offline = SyncState(online=False, waiting=3, last_error="server unreachable",
                        error_kind=ServerUnreachable.kind)
    translations.switch("nb")
    text = sync_text(offline, Formats("nb"))
    assert "får ikke kontakt med serveren" in text and "3" in text
    assert "server unreachable" not in text
    translations.switch("sv")
    assert "får ingen kontakt med servern" in sync_text(offline, Formats("sv"))
    revoked = SyncState(online=False, error_kind=PairingRevoked.kind)
    assert "återkallats" in sync_text(revoked, Formats("sv"))
    translations.switch("en")
    assert "the server cannot be reached" in sync_text(offline, Formats("en"))
