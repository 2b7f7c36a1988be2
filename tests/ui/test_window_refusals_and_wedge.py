"""Refused codes clear the screen and say why; a USB wedge scanner is caught wherever focus is."""

from __future__ import annotations

from kiosk.till import Till
from tests.ui.conftest import WAIT_MS
from tests.ui.conftest import send_keys as _keys


def _refused_after_kari(h, kari, text: str) -> str:
    h.scan_card(kari[1])
    assert h.cashier.panel is not None
    message = h.scan_refused(text)
    # Never leave the earlier member selected after a refusal.
    assert h.cashier.panel is None
    assert h.cashier.pages.currentWidget() is h.cashier.idle_page
    assert h.feedback()[0] == "error"
    assert h.parts.sound.played[-1] == "error"
    return message


def test_an_unreadable_code_is_refused_in_words(harness, kari) -> None:
    h = harness()
    assert _refused_after_kari(h, kari, "https://example.com/menu") == (
        "That code is not a loyalty card.")


def test_a_revoked_card_is_refused_and_names_the_way_out(harness, till: Till, kari) -> None:
    till.replace_card(kari[0], "lost")
    h = harness()
    message = h.scan_refused(kari[1])
    assert message == "This card has been blocked. Ask for the new card."
    assert h.cashier.panel is None


def test_a_forged_code_is_refused(harness, kari) -> None:
    code = kari[1]
    forged = code[:10] + ("0" if code[10] != "0" else "1") + code[11:]
    h = harness()
    assert _refused_after_kari(h, kari, forged) == (
        "This card code is not valid (mistyped or forged).")


def test_another_shops_card_is_refused(harness, make_till, kari) -> None:
    from kiosk.members import Registration

    other = make_till("cafe", name="other-org")
    foreign = other.register(Registration(name="Per")).code
    h = harness()
    assert _refused_after_kari(h, kari, foreign) == "This is another shop's card."


def test_a_wedge_scan_is_caught_in_a_text_field_and_never_leaks_into_it(harness, kari) -> None:
    h = harness(camera=False)
    field = h.cashier.search
    field.setFocus()
    typed: list[str] = []
    field.textChanged.connect(typed.append)
    with h.qtbot.waitSignal(h.cashier.member_shown, timeout=WAIT_MS) as shown:
        _keys(field, kari[1], gap_ms=8, start_ms=1_000_000)
    assert shown.args[0].member.name == "Kari Nordmann"
    assert field.text() == "" and typed == []  # not one key reached the field
    assert h.parts.scans is not None


def test_a_person_typing_reaches_the_field_and_searches(harness, kari) -> None:
    h = harness(camera=False)
    field = h.cashier.search
    field.setFocus()
    with h.qtbot.waitSignal(h.cashier.member_shown, timeout=WAIT_MS) as shown:
        _keys(field, "Nordmann", gap_ms=180, start_ms=2_000_000)
    assert shown.args[0].member.name == "Kari Nordmann"


def test_a_person_typing_without_enter_is_released_by_the_timer(harness) -> None:
    h = harness(camera=False)
    field = h.cashier.search
    field.setFocus()
    _keys(field, "Ola", gap_ms=200, start_ms=3_000_000, enter=False)
    h.qtbot.waitUntil(lambda: field.text() == "Ola", timeout=WAIT_MS)


def test_a_wedge_scan_lands_whatever_widget_has_focus(harness, kari) -> None:
    h = harness(camera=False)
    button = h.cashier.phone_button
    with h.qtbot.waitSignal(h.cashier.member_shown, timeout=WAIT_MS):
        _keys(button, kari[1], gap_ms=6, start_ms=4_000_000)
    assert h.cashier.panel.member.name == "Kari Nordmann"


def test_no_camera_is_said_calmly_with_the_other_inputs(harness) -> None:
    h = harness(camera=False)
    message = h.cashier.camera.calm_message
    assert message.startswith("No camera found.")
    assert "type the card number" in message
    assert h.cashier.search.isVisible() and h.cashier.phone_button.isVisible()
