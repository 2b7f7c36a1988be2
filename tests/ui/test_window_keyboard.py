"""Every screen of the window worked from a keyboard alone: Tab, Enter, Escape, Space, typing.

Keys go where a real keyboard sends them, to the widget that has focus, through the
application's USB-scanner filter like any key. Letters are typed at a person's pace (the
filter tells a scanner's burst by its speed), so typing is typing and never a scan.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from kiosk.members import Registration
from kiosk.till import Till
from tests.ui.conftest import WAIT_MS, Harness

GAP_MS = 100  # between typed keys: a quick typist, far slower than any scanner's burst
NONE = Qt.KeyboardModifier.NoModifier


class Keyboard:
    """Presses keys on whatever has focus, as a keyboard does; types at a person's pace."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot

    @staticmethod
    def focus() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has keyboard focus"
        return widget

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
        self.qtbot.keyClick(self.focus(), key, modifier)

    def type(self, text: str) -> None:
        for ch in text:
            if ch.isascii():
                self.qtbot.keyClick(self.focus(), ch, NONE, GAP_MS)
                continue
            # QTest sends one byte per character; a Nordic keyboard sends the letter.
            self.qtbot.wait(GAP_MS)
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(self.focus(), QKeyEvent(kind, 0, NONE, ch))
        self.qtbot.wait(GAP_MS * 2)  # the last key is released once no burst can follow

    def tab_until(self, target: QWidget, *, back: bool = False, limit: int = 30
                  ) -> list[QWidget]:
        """Tab (or Shift+Tab) until `target` has focus; the widgets passed on the way."""
        seen = [self.focus()]
        while self.focus() is not target:
            assert len(seen) <= limit, f"Tab never reached {target!r}: {_names(seen)}"
            self.press(Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab,
                       Qt.KeyboardModifier.ShiftModifier if back else NONE)
            seen.append(self.focus())
        return seen


def _names(widgets: list[QWidget]) -> list[str]:
    return [w.text() if isinstance(w, QPushButton) else type(w).__name__ for w in widgets]


@pytest.fixture
def keys(qtbot: Any) -> Keyboard:
    return Keyboard(qtbot)


def _ready(h: Harness) -> None:
    h.window.activateWindow()
    h.qtbot.waitUntil(lambda: h.cashier.search.hasFocus(), timeout=WAIT_MS)


@pytest.fixture
def points_harness(qtbot: Any, make_till: Any) -> Iterator[Harness]:
    """A window on a points shop (no stamp card: buying is the member's default action)."""
    till = make_till("points", name="points")
    till.register(Registration(name="Kari Nordmann", phone="+4791234567"))
    h = Harness(qtbot, till, camera=False)
    yield h
    h.close()


def test_the_idle_screen_tabs_left_to_right_and_round_again(harness, keys: Keyboard) -> None:
    h = harness(camera=False)
    _ready(h)
    c, w = h.cashier, h.window
    seen = keys.tab_until(w.leave_button)
    assert seen[:4] == [c.search, c.find_button, c.phone_button, c.new_button]
    assert seen[4:] == [*w.language_buttons.values(), w.theme_button, w.manager_button,
                        w.leave_button]
    keys.press(Qt.Key.Key_Tab)
    assert keys.focus() is c.search  # round again, skipping every hidden page


def test_find_by_name_then_stamp_coupon_and_undo_by_keyboard(harness, till: Till,
                                                             keys: Keyboard) -> None:
    till.register(Registration(name="Kari Nordmann", phone="+4791234567"))
    h = harness(camera=False)
    _ready(h)
    c = h.cashier
    keys.type("Kari")
    with h.qtbot.waitSignal(c.member_shown, timeout=WAIT_MS):
        keys.press(Qt.Key.Key_Return)
    assert keys.focus() is c.stamp_button  # the member's default action
    with h.qtbot.waitSignal(c.action_done, timeout=WAIT_MS) as done:
        keys.press(Qt.Key.Key_Return)
    assert done.args[0].panel.stamps == 1
    assert keys.focus() is c.stamp_button  # Enter again would give the next stamp
    # Back up to the coupons and rewards above the buttons, the way the screen reads.
    coupon, *rewards = c.member_panel.offer_buttons
    assert keys.tab_until(coupon, back=True)[1:] == rewards[::-1] + [coupon]
    with h.qtbot.waitSignal(c.action_done, timeout=WAIT_MS) as done:
        keys.press(Qt.Key.Key_Return)
    assert done.args[0].panel.coupons_today == ()
    assert keys.focus() is c.stamp_button  # the coupon's button is gone: back to default
    keys.tab_until(c.undo_button)
    with h.qtbot.waitSignal(c.action_done, timeout=WAIT_MS):
        keys.press(Qt.Key.Key_Return)
    assert "Undone" in c.banner.text()
    assert len(c.member_panel.offer_buttons) == 3  # the coupon is back
    # The reward the card cannot afford yet says so, from the keyboard too.
    coffee = next(b for b in c.member_panel.offer_buttons if "Free coffee" in b.text())
    keys.tab_until(coffee, back=True)
    with h.qtbot.waitSignal(c.feedback_shown, timeout=WAIT_MS) as said:
        keys.press(Qt.Key.Key_Space)
    assert said.args[0] == "error" and "Not enough" in said.args[1]
    # Typing on a button starts the next search; Escape first clears what was typed, then
    # sends the member away.
    keys.type("Ol")
    assert c.search.text() == "Ol" and c.search.hasFocus()
    keys.press(Qt.Key.Key_Escape)
    assert c.search.text() == "" and c.pages.currentWidget() is c.member_page
    with h.qtbot.waitSignal(c.cleared, timeout=WAIT_MS):
        keys.press(Qt.Key.Key_Escape)
    assert keys.focus() is c.search


def test_the_member_page_tabs_as_it_reads(harness, till: Till, keys: Keyboard) -> None:
    kari = till.register(Registration(name="Kari Nordmann"))
    till.stamp(kari.member_id)
    h = harness(camera=False)
    _ready(h)
    c = h.cashier
    keys.type(kari.code)  # typed by hand, slowly: still a card number
    with h.qtbot.waitSignal(c.member_shown, timeout=WAIT_MS):
        keys.press(Qt.Key.Key_Return)
    keys.tab_until(c.search)
    seen = keys.tab_until(c.next_button)
    assert seen == [c.search, c.find_button, c.phone_button, c.new_button,
                    *c.member_panel.offer_buttons, c.stamp_button, c.undo_button, c.stamp2,
                    c.next_button]  # +3 is greyed out (one stamp given today), Purchase hidden


def test_purchase_by_typed_amount_and_enter(points_harness: Harness, keys: Keyboard) -> None:
    h = points_harness
    _ready(h)
    c = h.cashier
    keys.type("Kari")
    with h.qtbot.waitSignal(c.member_shown, timeout=WAIT_MS):
        keys.press(Qt.Key.Key_Return)
    assert keys.focus() is c.purchase_button  # no stamp card: buying is the default
    keys.press(Qt.Key.Key_Return)
    assert c.pages.currentWidget() is c.keypad_page and keys.focus() is c.amount_pad.display
    keys.press(Qt.Key.Key_Escape)  # changed their mind
    assert c.pages.currentWidget() is c.member_page and keys.focus() is c.purchase_button
    keys.press(Qt.Key.Key_Space)
    keys.type(f"89{c.f.locale.decimalPoint()}50")
    with h.qtbot.waitSignal(c.action_done, timeout=WAIT_MS) as done:
        keys.press(Qt.Key.Key_Return)
    acted = done.args[0]
    assert acted.changes.event.amount_minor == 8950 and acted.panel.points == 8
    member_id = acted.panel.member.id
    [written] = h.parts.ops.call(lambda t: t.events(member_id, limit=1))
    assert written.kind == "purchase" and written.amount_minor == 8950
    assert keys.focus() is c.purchase_button


def test_phone_keypad_and_the_choice_between_two_members(harness, till: Till,
                                                          keys: Keyboard) -> None:
    till.register(Registration(name="Liv Berg", phone="+4790000001"))
    till.register(Registration(name="Kari Nordmann"))
    till.register(Registration(name="Kari Hansen"))
    h = harness(camera=False)
    _ready(h)
    c = h.cashier
    keys.tab_until(c.phone_button)
    keys.press(Qt.Key.Key_Return)
    assert c.pages.currentWidget() is c.keypad_page and keys.focus() is c.phone_pad.display
    keys.type("90000001")
    with h.qtbot.waitSignal(c.member_shown, timeout=WAIT_MS) as shown:
        keys.press(Qt.Key.Key_Return)
    assert shown.args[0].member.name == "Liv Berg"
    keys.press(Qt.Key.Key_Escape)
    keys.type("Kari")
    keys.press(Qt.Key.Key_Return)
    h.qtbot.waitUntil(lambda: c.pages.currentWidget() is c.candidates_page, timeout=WAIT_MS)
    first, second = c.candidate_buttons
    assert keys.focus() is first
    keys.press(Qt.Key.Key_Escape)
    assert c.pages.currentWidget() is c.idle_page and keys.focus() is c.search
    keys.type("Kari")
    keys.press(Qt.Key.Key_Return)
    h.qtbot.waitUntil(lambda: len(c.candidate_buttons) == 2 and keys.focus()
                      is c.candidate_buttons[0], timeout=WAIT_MS)
    keys.press(Qt.Key.Key_Tab)
    chosen = keys.focus()
    assert chosen is c.candidate_buttons[1]
    name = chosen.text()
    with h.qtbot.waitSignal(c.member_shown, timeout=WAIT_MS) as shown:
        keys.press(Qt.Key.Key_Return)
    assert shown.args[0].member.name == name


def test_register_a_member_from_the_keyboard(harness, till: Till, keys: Keyboard) -> None:
    h = harness(camera=False)
    _ready(h)
    c, reg = h.cashier, h.window.register
    keys.tab_until(c.new_button)
    keys.press(Qt.Key.Key_Return)
    assert h.window.stack.currentWidget() is reg and keys.focus() is reg.name
    keys.press(Qt.Key.Key_Escape)  # cancel: back at the till, ready to search
    assert h.window.stack.currentWidget() is c and keys.focus() is c.search
    keys.tab_until(c.new_button)
    keys.press(Qt.Key.Key_Return)
    keys.type("Åse Ødegård")
    keys.press(Qt.Key.Key_Tab)
    keys.type("91234568")
    keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_Tab)  # no e-mail
    keys.press(Qt.Key.Key_Tab)  # no birthday
    milk = reg.questions["milk"]
    assert keys.focus() is milk  # the question comes before the consent boxes
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Tab)
    assert keys.focus() is reg.membership
    with h.qtbot.waitSignal(reg.feedback_shown, timeout=WAIT_MS):
        keys.press(Qt.Key.Key_Return)  # not yet accepted: refused, focus stays on the box
    assert reg.banner.kind == "error" and keys.focus() is reg.membership
    keys.press(Qt.Key.Key_Space)
    assert reg.membership.isChecked()
    keys.press(Qt.Key.Key_Tab)
    assert keys.focus() is reg.marketing and not reg.marketing.isChecked()
    with h.qtbot.waitSignal(reg.card_shown, timeout=WAIT_MS):
        keys.press(Qt.Key.Key_Return)  # Enter anywhere in the form registers
    assert keys.focus() is reg.done_button
    assert keys.tab_until(reg.done_button)[0] is reg.done_button
    with h.qtbot.waitSignal(c.member_shown, timeout=WAIT_MS) as shown:
        keys.press(Qt.Key.Key_Return)
    member = shown.args[0].member
    assert member.name == "Åse Ødegård" and member.phone == "+4791234568"
    assert member.segments == {"milk": "milk"}
    assert h.window.stack.currentWidget() is c and keys.focus() is c.stamp_button


def test_leaving_kiosk_mode_takes_the_pin_from_the_keyboard(harness, till: Till,
                                                             keys: Keyboard) -> None:
    till.set_pin("2468")
    h = harness(camera=False, kiosk=True)
    w = h.window
    w.cashier.search.setFocus()
    _ready(h)
    keys.tab_until(w.leave_button)
    keys.press(Qt.Key.Key_Return)
    assert w.stack.currentWidget() is w.pin_page and keys.focus() is w.pin_pad.display
    keys.press(Qt.Key.Key_Escape)
    assert w.stack.currentWidget() is w.cashier and keys.focus() is w.cashier.search
    keys.tab_until(w.leave_button)
    keys.press(Qt.Key.Key_Return)
    keys.type("1111")
    with h.qtbot.waitSignal(w.pin_checked, timeout=WAIT_MS) as checked:
        keys.press(Qt.Key.Key_Return)
    assert checked.args == [False] and w.isVisible()
    keys.tab_until(w.leave_button)
    keys.press(Qt.Key.Key_Return)
    keys.type("2468")
    assert keys.tab_until(w.pin_pad.ok)[-1] is w.pin_pad.ok
    with h.qtbot.waitSignal(w.pin_checked, timeout=WAIT_MS) as checked:
        keys.press(Qt.Key.Key_Return)  # Enter on the focused Leave button
    assert checked.args == [True] and not w.isVisible()


def test_the_back_office_pin_and_tabs_by_keyboard(harness, till: Till, keys: Keyboard) -> None:
    till.set_pin("1357")
    h = harness(camera=False)
    _ready(h)
    keys.tab_until(h.window.manager_button)
    keys.press(Qt.Key.Key_Return)
    shell = h.window.manager
    h.qtbot.waitUntil(lambda: keys.focus() is shell.pad.display, timeout=WAIT_MS)
    keys.press(Qt.Key.Key_Escape)  # back to the till
    h.qtbot.waitUntil(lambda: not shell.isVisible(), timeout=WAIT_MS)
    h.window.activateWindow()
    h.qtbot.waitUntil(lambda: h.window.isActiveWindow(), timeout=WAIT_MS)
    keys.tab_until(h.window.manager_button)
    keys.press(Qt.Key.Key_Return)
    shell = h.window.manager
    h.qtbot.waitUntil(lambda: keys.focus() is shell.pad.display, timeout=WAIT_MS)
    keys.type("1357")
    with h.qtbot.waitSignal(shell.unlocked, timeout=WAIT_MS):
        keys.press(Qt.Key.Key_Return)
    tabs = shell.view.tabs
    assert keys.focus() is tabs.tabBar()
    start = tabs.currentIndex()
    keys.press(Qt.Key.Key_Right)
    assert tabs.currentIndex() == start + 1
    keys.press(Qt.Key.Key_Tab)  # into the page...
    assert tabs.currentWidget().isAncestorOf(keys.focus())
    keys.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # ...and on from there
    assert tabs.currentIndex() == start + 2
    keys.press(Qt.Key.Key_Backtab,
               Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tabs.currentIndex() == start + 1
    shell.close()


def test_the_first_run_wizard_by_keyboard(qtbot: Any, tmp_path: Any, keys: Keyboard) -> None:
    from ui.manager.till_page import FirstRunWizard
    from ui.window.ops import OpRunner

    till = Till.open(tmp_path / "fresh")
    ops = OpRunner(till)
    try:
        wizard = FirstRunWizard(ops, language="en")
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.activateWindow()
        qtbot.waitUntil(lambda: wizard.shop.hasFocus(), timeout=WAIT_MS)
        # The owner may be setting up on the till's touch screen: touch-sized steps.
        assert min(wizard.back.height(), wizard.next.height()) >= 64
        keys.type("Bakeriet")
        keys.press(Qt.Key.Key_Tab)
        assert keys.focus() is wizard.org
        keys.press(Qt.Key.Key_Return)  # Enter: the next step
        assert wizard.stack.currentIndex() == 1 and keys.focus() is wizard.template
        keys.press(Qt.Key.Key_Escape)  # Escape: a step back
        assert wizard.stack.currentIndex() == 0 and keys.focus() is wizard.shop
        keys.press(Qt.Key.Key_Return)
        keys.press(Qt.Key.Key_Down)  # points
        assert wizard.template.currentData() == "points"
        keys.press(Qt.Key.Key_Return)
        assert wizard.stack.currentIndex() == 2 and keys.focus() is wizard.pin1
        keys.type("2468")
        keys.press(Qt.Key.Key_Tab)
        keys.type("2468")
        keys.press(Qt.Key.Key_Return)
        assert wizard.stack.currentIndex() == 3 and keys.focus() is wizard.server
        assert keys.tab_until(wizard.next)[-1] is wizard.next
        with qtbot.waitSignal(wizard.finished, timeout=WAIT_MS) as done:
            keys.press(Qt.Key.Key_Return)  # "Start the till", focused
        info = done.args[0]
        assert info.shop.name == "Bakeriet" and info.program.points is not None
    finally:
        ops.close()
        till.close()


# --- the focus ring ------------------------------------------------------------------------

FOCUS = {"light": QColor("#111111"), "dark": QColor("#ffffff")}  # assets/themes/*.qss


def _ring(widget: QWidget) -> QColor:
    """The colour on the widget's left edge, half-way down: where the focus ring is drawn."""
    image = widget.grab().toImage()
    return image.pixelColor(2, image.height() // 2)


def _near(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()),
               abs(a.blue() - b.blue())) < 40


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_focused_control_wears_the_themes_focus_ring(harness, till: Till, theme: str
                                                         ) -> None:
    kari = till.register(Registration(name="Kari Nordmann"))
    till.stamp(kari.member_id)  # so Undo can be pressed (and focused)
    h = harness(camera=False, theme=theme)
    c, w = h.cashier, h.window
    _ready(h)
    c.lookup(kari.code, from_card=True)
    h.qtbot.waitUntil(lambda: c.panel is not None, timeout=WAIT_MS)

    def check(controls: list[QWidget], away: QWidget) -> None:
        for control in controls:
            control.setFocus()
            h.qtbot.waitUntil(control.hasFocus, timeout=WAIT_MS)
            ring = _ring(control)
            assert _near(ring, FOCUS[theme]), (theme, _names([control]), ring.name())
            away.setFocus()
            h.qtbot.waitUntil(lambda ctl=control: not ctl.hasFocus(), timeout=WAIT_MS)
            assert not _near(_ring(control), FOCUS[theme]), (theme, _names([control]))

    # Every role a button has (primary, undo, plain, danger, reward), a field, the status bar.
    check([c.stamp_button, c.undo_button, c.stamp2, c.next_button,
           c.member_panel.offer_buttons[0], c.search, w.manager_button],
          away=w.language_buttons["en"])
    w.show_register()
    reg = w.register
    check([reg.membership, reg.questions["milk"], reg.save], away=reg.name)
