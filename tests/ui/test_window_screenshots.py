"""Screenshots of every screen in both themes, for people to look at (not committed).

Written to $KLIPP_SCREENSHOTS (default /tmp/klipp-screenshots). The test checks only that
each screen rendered; judging them is a person's job.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.clock import FixedClock
from kiosk.members import Registration
from kiosk.till import Till
from tests.ui.conftest import SHOTS, WAIT_MS, card_frame


@pytest.fixture
def till(make_till) -> Till:
    """A Norwegian café: the screens below speak Bokmål, and so does its programme."""
    return make_till("cafe", language="nb")


def _save(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    assert widget.grab().save(str(path))
    assert path.stat().st_size > 10_000


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_of_every_screen(harness, till: Till, clock: FixedClock, theme: str) -> None:
    kari = till.register(Registration(name="Kari Nordmann", phone="+4791234567"))
    for _ in range(3):
        till.stamp(kari.member_id, count=3)
        clock.advance(days=1)
    till.register(Registration(name="Kari Hansen"))
    h = harness(theme=theme, lang="nb", customer_screen=True)
    w = h.window
    w.resize(1280, 800)
    c = h.cashier
    h.camera.show(card_frame("https://example.com/not-a-card"), h.t)  # a picture, no member
    h.qtbot.waitUntil(lambda: c.camera.frames_painted > 0 or c.camera.image is not None,
                      timeout=WAIT_MS)
    c.feedback.info("")
    c.clear_member(quiet=True)
    _save(w, f"{theme}-01-idle-camera")
    c.set_camera_state("no camera", "")
    _save(w, f"{theme}-02-idle-no-camera")
    c.set_camera_state("running", "")
    h.t += 5
    h.scan_card(kari.code)
    _save(w, f"{theme}-03-member")
    with h.qtbot.waitSignal(c.action_done, timeout=WAIT_MS):
        h.qtbot.mouseClick(c.stamp_button, Qt.MouseButton.LeftButton)
    h.qtbot.waitUntil(lambda: "til Kari Nordmann" in w.last_label.text(), timeout=WAIT_MS)
    _save(w, f"{theme}-04-reward-earned")
    coffee = next(b for b in c.member_panel.offer_buttons if "Gratis kaffe" in b.text())
    with h.qtbot.waitSignal(c.action_done, timeout=WAIT_MS):
        h.qtbot.mouseClick(coffee, Qt.MouseButton.LeftButton)
    _save(w, f"{theme}-05-redeemed")
    if h.parts.customer is not None:
        h.parts.customer.resize(800, 600)
        _save(h.parts.customer, f"{theme}-06-customer-window")
    h.scan_refused("https://example.com/menu")
    _save(w, f"{theme}-07-refused")
    h.scan_card(kari.code)
    h.qtbot.mouseClick(c.purchase_button, Qt.MouseButton.LeftButton)
    for key in ("8", "9", c.f.locale.decimalPoint(), "5"):
        h.qtbot.mouseClick(c.amount_pad.buttons[key], Qt.MouseButton.LeftButton)
    h.qtbot.waitUntil(lambda: "gir" in c.preview.text(), timeout=WAIT_MS)
    _save(w, f"{theme}-08-purchase-keypad")
    c.search.setText("Kari")
    with h.qtbot.waitSignal(c.feedback_shown, timeout=WAIT_MS):
        c._search_entered()
    h.qtbot.waitUntil(lambda: len(c.candidate_buttons) == 2, timeout=WAIT_MS)
    _save(w, f"{theme}-09-several-matches")
    h.qtbot.mouseClick(c.new_button, Qt.MouseButton.LeftButton)
    _save(w, f"{theme}-10-register-form")
    reg = w.register
    reg.name.setText("Åse Ødegård")
    reg.phone.setText("91234568")
    reg.membership.setChecked(True)
    with h.qtbot.waitSignal(reg.registered, timeout=WAIT_MS):
        reg.submit()
    _save(w, f"{theme}-11-new-card")
    w.show_cashier()
    w.kiosk = True
    w.request_leave()
    _save(w, f"{theme}-12-pin")
    w.kiosk = False
