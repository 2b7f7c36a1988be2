"""The member's last actions are all on screen, with the big buttons, at the tills' sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from kiosk.clock import FixedClock
from kiosk.members import Registration
from kiosk.panel import RECENT
from kiosk.till import Till
from tests.ui.conftest import WAIT_MS


def _wholly_shown(widget: QWidget, window: QWidget) -> bool:
    """Inside the window and clipped by no parent (a scroll area, a squeezed layout)."""
    inside = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    return (widget.isVisible() and window.rect().contains(inside)
            and widget.visibleRegion().boundingRect() == widget.rect())


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_five_last_actions_and_the_big_buttons_fit_without_scrolling(
        harness, till: Till, clock: FixedClock, size: tuple[int, int], theme: str) -> None:
    kari = till.register(Registration(name="Kari Nordmann", phone="+4791234567"))
    for _ in range(3):
        till.stamp(kari.member_id, count=3)
        clock.advance(days=1)
    till.stamp(kari.member_id)  # five actions, and three offers: a coupon and two rewards
    h = harness(camera=False, theme=theme, lang="nb")
    w, c = h.window, h.cashier
    w.resize(*size)
    c.lookup(kari.code, from_card=True)
    h.qtbot.waitUntil(lambda: c.panel is not None, timeout=WAIT_MS)
    h.qtbot.waitUntil(lambda: w.size().width() == size[0], timeout=WAIT_MS)
    panel = c.member_panel
    assert len(panel.offer_buttons) == 3
    lines = panel.recent.text().splitlines()
    assert len(lines) == RECENT == 5
    assert panel.recent.height() >= panel.recent.heightForWidth(panel.recent.width())
    assert _wholly_shown(panel.recent, w), (size, panel.recent.geometry())
    for button in (c.stamp_button, c.undo_button, c.stamp2, c.next_button):
        assert _wholly_shown(button, w), (size, button.text())
        assert button.height() >= 64
    for button in panel.offer_buttons:
        assert _wholly_shown(button, w), (size, button.text())
    with h.qtbot.waitSignal(c.cleared, timeout=WAIT_MS):
        c.next_button.click()
    assert not panel.history.isVisible()  # no member, no history: the camera has the room
