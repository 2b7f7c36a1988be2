"""The cashier's path through the real window: scan, one touch, done.

Cards are PNGs rendered by the core, shown to a camera source and decoded by the real
scanner pipeline; every core call goes through the operations layer's writer thread.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from kiosk.clock import FixedClock
from kiosk.errors import WrongThread
from kiosk.members import Registration
from kiosk.till import Till
from tests.ui.conftest import WAIT_MS


def _dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def test_the_gui_thread_never_runs_sql(harness, till: Till, kari) -> None:
    """The window forbids the GUI thread; a slip there raises instead of freezing the till."""
    h = harness()
    with pytest.raises(WrongThread):
        till.panel(kari[0])
    # ...while the same calls through the operations layer work, on its writer thread.
    panel = h.scan_card(kari[1])
    assert panel.member.name == "Kari Nordmann"
    assert h.parts.ops.thread_ident != threading.get_ident()


def test_scan_then_one_touch_stamps_and_opens_no_dialog(harness, kari) -> None:
    h = harness()
    touches_before = h.cashier.interactions
    panel = h.scan_card(kari[1])
    assert h.cashier.member_panel.name.text() == "Kari Nordmann"
    assert panel.stamps == 0
    assert h.cashier.interactions == touches_before  # the scan itself took no touch
    acted = h.touch(h.cashier.stamp_button)
    assert acted.panel.stamps == 1
    assert h.cashier.interactions == touches_before + 1
    assert _dialogs() == []
    kind, text = h.feedback()
    assert kind == "success" and "+1 stamp" in text and "Kari" in text
    assert h.cashier.member_panel.card.stamps == 1
    assert "1 of 10 stamps" in h.cashier.member_panel.card_line.text()


def test_the_tenth_stamp_is_celebrated_and_the_reward_taken_in_two_touches(
        harness, till: Till, kari, clock: FixedClock) -> None:
    member_id, code = kari
    for _ in range(3):
        till.stamp(member_id, count=3)
        clock.advance(days=1)
    h = harness()
    assert h.scan_card(code).stamps == 9
    with h.qtbot.waitSignal(h.cashier.feedback_shown, timeout=WAIT_MS,
                            check_params_cb=lambda kind, _t: kind == "celebrate"):
        h.qtbot.mouseClick(h.cashier.stamp_button, Qt.MouseButton.LeftButton)
    assert "Free coffee" in h.cashier.banner.text()
    assert h.parts.sound.played[-1] == "celebrate"
    # Redeem: the reward's button on the panel is the one touch after the scan.
    touches = h.cashier.interactions
    coffee = next(b for b in h.cashier.member_panel.offer_buttons if "Free coffee" in b.text())
    acted = h.touch(coffee)
    assert h.cashier.interactions - touches <= 2
    assert acted.panel.stamps == 0
    assert _dialogs() == []
    assert h.feedback()[0] == "success"


def test_a_reward_the_balance_does_not_cover_is_refused_in_words(harness, kari) -> None:
    h = harness()
    h.scan_card(kari[1])
    coffee = next(b for b in h.cashier.member_panel.offer_buttons if "Free coffee" in b.text())
    with h.qtbot.waitSignal(h.cashier.feedback_shown, timeout=WAIT_MS):
        h.qtbot.mouseClick(coffee, Qt.MouseButton.LeftButton)
    kind, text = h.feedback()
    assert kind == "error" and "needs 10 stamps" in text and "has 0 stamps" in text
    assert h.parts.sound.played[-1] == "error"


def test_undo_shows_its_time_and_gives_the_stamp_back(harness, kari) -> None:
    h = harness()
    h.scan_card(kari[1])
    assert not h.cashier.undo_button.isEnabled()
    h.touch(h.cashier.stamp_button)
    assert h.cashier.undo_button.isEnabled()
    assert "Undo (5:00)" == h.cashier.undo_button.text() or "4:5" in h.cashier.undo_button.text()
    acted = h.touch(h.cashier.undo_button)
    assert acted.panel.stamps == 0
    assert acted.panel.recent[0].kind == "reversal"
    assert not h.cashier.undo_button.isEnabled()


def test_purchase_keypad_previews_the_earnings_before_confirming(make_till, qtbot) -> None:
    from tests.ui.conftest import Harness

    till = make_till("points")
    ola = till.register(Registration(name="Ola Nordmann"))
    h = Harness(qtbot, till)
    try:
        h.scan_card(ola.code)
        h.qtbot.mouseClick(h.cashier.purchase_button, Qt.MouseButton.LeftButton)
        pad = h.cashier.amount_pad
        for key in ("1", "2", "3", h.cashier.f.locale.decimalPoint(), "4", "5"):
            h.qtbot.mouseClick(pad.buttons[key], Qt.MouseButton.LeftButton)
        h.qtbot.waitUntil(lambda: "earns" in h.cashier.preview.text(), timeout=WAIT_MS)
        preview = h.cashier.preview.text()
        assert "kr 123,45" in preview or "kr123.45" in preview or "123" in preview
        assert "+12 points" in preview and "cashback" in preview
        acted = h.touch(pad.ok)
        assert acted.changes.event.points == 12
        assert acted.panel.points == 12
    finally:
        h.close()


def test_the_next_scan_replaces_the_member_at_once(harness, till: Till, kari) -> None:
    ola = till.register(Registration(name="Ola Svensson"))
    h = harness()
    h.scan_card(kari[1])
    assert h.scan_card(ola.code).member.name == "Ola Svensson"
    assert h.cashier.member_panel.name.text() == "Ola Svensson"


def test_the_screen_goes_back_to_idle_by_itself(harness, kari) -> None:
    h = harness(idle_seconds=1)
    h.scan_card(kari[1])
    with h.qtbot.waitSignal(h.cashier.cleared, timeout=WAIT_MS):
        pass
    assert h.cashier.panel is None
    assert h.cashier.pages.currentWidget() is h.cashier.idle_page


def test_auto_stamp_gives_one_stamp_per_visit_without_a_touch(harness, kari) -> None:
    h = harness(auto_stamp=True)
    touches = h.cashier.interactions
    with h.qtbot.waitSignal(h.cashier.action_done, timeout=WAIT_MS):
        h.camera.show(__import__("tests.ui.conftest", fromlist=["card_frame"]).card_frame(
            kari[1]), h.t)
    assert h.cashier.interactions == touches
    assert h.cashier.panel.stamps == 1
    assert h.cashier.undo_button.isEnabled()
    # Held in view, and shown again within the hold time: never a second stamp.
    h.t += 0.5
    h.camera.show(__import__("tests.ui.conftest", fromlist=["card_frame"]).card_frame(
        kari[1]), h.t)
    h.take_away()
    panel = h.scan_card(kari[1])
    assert panel.stamps == 1
    assert h.cashier.panel.stamps == 1


def test_the_last_action_is_shown_after_a_restart(qtbot, till: Till, kari,
                                                   clock: FixedClock) -> None:
    from tests.ui.conftest import Harness

    till.stamp(kari[0])
    h = Harness(qtbot, till)
    try:
        qtbot.waitUntil(lambda: h.window.last_label.text().startswith("Last:"), timeout=WAIT_MS)
        assert h.window.last_label.text() == "Last: +1 stamp for Kari Nordmann, 10:30:00"
    finally:
        h.close()


def test_yesterdays_last_action_names_its_day(qtbot, till: Till, kari,
                                              clock: FixedClock) -> None:
    """A last action from another day is never read as one made a minute ago."""
    from tests.ui.conftest import Harness

    till.stamp(kari[0])
    stamped = clock.now()
    clock.advance(seconds=24 * 3600)
    h = Harness(qtbot, till)
    try:
        qtbot.waitUntil(lambda: h.window.last_label.text().startswith("Last:"), timeout=WAIT_MS)
        day = h.window.f.day(stamped.astimezone(h.window.f.tz).date())
        assert h.window.last_label.text() == (
            f"Last: +1 stamp for Kari Nordmann, {day} 10:30:00")
    finally:
        h.close()


def test_a_name_with_several_matches_offers_a_choice(harness, till: Till, kari) -> None:
    till.register(Registration(name="Kari Hansen"))
    h = harness()
    h.cashier.search.setText("Kari")
    with h.qtbot.waitSignal(h.cashier.feedback_shown, timeout=WAIT_MS):
        h.qtbot.keyClick(h.cashier.search, Qt.Key.Key_Return)
    # The Return above went through the wedge filter as a person's key, and was replayed.
    h.qtbot.waitUntil(lambda: len(h.cashier.candidate_buttons) == 2, timeout=WAIT_MS)
    with h.qtbot.waitSignal(h.cashier.member_shown, timeout=WAIT_MS):
        h.qtbot.mouseClick(h.cashier.candidate_buttons[1], Qt.MouseButton.LeftButton)
    assert h.cashier.panel.member.name == "Kari Nordmann"


def test_the_banner_at_rest_names_the_shop_never_an_empty_bar(harness, till: Till) -> None:
    shop = till.info().shop.name  # before the window forbids this thread the database
    h = harness()
    banner = h.cashier.banner
    assert banner.text() == shop and banner.icon.text() == ""
    h.scan_refused("https://example.com/menu")
    assert banner.kind == "error" and banner.text() != shop and banner.icon.text()
    banner.calm()  # the message's time is up
    assert banner.text() == shop and banner.icon.text() == ""
