"""The cashier's screen: camera and other inputs on the left, the member and one touch on the right.

No dialogs on the cashier's path: the keypads, the name matches and the member panel are
pages of the same screen, and confirmation is the screen changing (Odoo's POS habit).
Every core call goes through the operations layer; this screen only shows what comes back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import cards
from kiosk.errors import KlippError
from kiosk.panel import RECENT, Panel, RewardNow
from ui.window import calls
from ui.window.bridges import ScanHit
from ui.window.fmt import Formats, action_text, refusal_text, stamps_text
from ui.window.ops import OpRunner, describe_failure
from ui.window.sound import Sound
from ui.window.widgets import TOUCH, Banner, CameraView, Keypad, StampCard, big_button, digit_keys

log = logging.getLogger("klipp.window.cashier")

OUTLINE_WAIT_MS = 60  # longer than a scan's answer takes, short enough to read as at once
MAX_OFFERS = 4  # coupons first, then rewards; more would push the actions off the screen


@dataclass
class CashierSettings:
    """What a shop can switch; kept by the window in its settings file."""

    auto_stamp: bool = False
    idle_seconds: int = 45
    auto_stamp_hold_s: float = 60.0
    extra: dict[str, Any] = field(default_factory=dict)


class Feedback:
    """Success and failure on the banner with a sound: never sound alone, never colour alone."""

    def __init__(self, banner: Banner, sound: Sound, on_show: Callable[[str, str], None]
                 ) -> None:
        self.banner = banner
        self.sound = sound
        self._on_show = on_show

    def success(self, text: str) -> None:
        self._show("success", text, "success", 6000)

    def celebrate(self, text: str) -> None:
        self._show("celebrate", text, "celebrate", 9000)

    def error(self, text: str) -> None:
        self._show("error", text, "error", 9000)

    def info(self, text: str) -> None:
        self._show("info", text, None, 0)

    def _show(self, kind: str, text: str, sound: str | None, ms: int) -> None:
        self.banner.show_message(kind, text, ms=ms)
        if sound:
            self.sound.play(sound)
        self._on_show(kind, text)


class MemberPanel(QWidget):
    """The member as they stand: stamp card, points, tier, cashback, coupons, rewards, history."""

    reward_clicked = Signal(object)  # RewardNow
    coupon_clicked = Signal(object)  # CouponView
    cashback_clicked = Signal()

    def __init__(self, formats: Formats, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.f = formats
        self.setObjectName("panelCard")
        self.name = QLabel()
        self.name.setObjectName("memberName")
        self.name.setWordWrap(True)
        self.card = StampCard()
        self.card_line = QLabel()
        self.card_line.setObjectName("figure")
        self.card_line.setWordWrap(True)
        self.points = QLabel()
        self.points.setObjectName("figure")
        self.cashback = QLabel()
        self.cashback.setObjectName("figure")
        self.tier = QLabel()
        self.tier.setObjectName("figure")
        self.tier_bar = QProgressBar()
        self.tier_bar.setTextVisible(True)
        self.offers_title = QLabel()
        self.offers_title.setObjectName("sectionTitle")
        self.offers = QGridLayout()
        self.offers.setSpacing(8)
        self.recent_title = QLabel()
        self.recent_title.setObjectName("sectionTitle")
        self.recent = QLabel()
        self.recent.setObjectName("history")
        self.recent.setWordWrap(True)
        self.recent.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # The last actions live in a box of their own that the cashier's screen places under
        # the camera: beside the stamp card, coupons and the big buttons there is no room
        # for five lines at 1280x800, and inside the coupons' scroll area they were hidden.
        self.history = QFrame()
        self.history.setObjectName("historyCard")
        history = QVBoxLayout(self.history)
        history.setContentsMargins(12, 8, 12, 8)
        history.setSpacing(4)
        history.addWidget(self.recent_title)
        history.addWidget(self.recent)
        figures = QHBoxLayout()
        figures.addWidget(self.points)
        figures.addWidget(self.cashback)
        figures.addStretch(1)
        tier_row = QHBoxLayout()
        tier_row.addWidget(self.tier)
        tier_row.addWidget(self.tier_bar, 1)
        # Coupons and rewards scroll if a member has many: the actions below and the
        # balances above never leave the screen.
        lower = QWidget()
        lower.setObjectName("panelLower")
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 4, 0)
        lower_layout.addWidget(self.offers_title)
        lower_layout.addLayout(self.offers)
        lower_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(lower)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setMinimumHeight(TOUCH * 2 + 24)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.card)
        layout.addWidget(self.card_line)
        layout.addLayout(figures)
        layout.addLayout(tier_row)
        layout.addWidget(self.scroll, 1)
        self.offer_buttons: list[QPushButton] = []  # the ones showing, top to bottom
        self._offer_pool: list[QPushButton] = []
        self._offer_handlers: list[Callable[[], None]] = []
        self.panel: Panel | None = None

    def show_panel(self, panel: Panel, *, fresh: int = 0) -> None:
        self.panel = panel
        f = self.f
        m = panel.member
        self.name.setText(m.name or self.tr("Member without a name"))
        has_card = panel.stamps_for_reward is not None
        self.card.setVisible(has_card)
        self.card_line.setVisible(has_card)
        if has_card:
            total = panel.stamps_for_reward or 10
            self.card.set_card(panel.stamps, total, fresh)
            left = total - panel.stamps
            if left > 0:
                self.card_line.setText(self.tr("{0} of {1} stamps: {2} more to a {3}").format(
                    panel.stamps, total, left, panel.stamp_reward_title or ""))
            else:
                self.card_line.setText(self.tr("{0} of {1} stamps: a {2} is ready").format(
                    panel.stamps, total, panel.stamp_reward_title or ""))
        self.points.setVisible(bool(panel.points) or panel.tier is not None
                               or not has_card)
        self.points.setText(self.tr("Points: {0}").format(f.locale.toString(panel.points)))
        self.cashback.setVisible(bool(panel.cashback_minor))
        self.cashback.setText(self.tr("Cashback: {0}").format(f.money(panel.cashback_minor)))
        tier = panel.tier
        self.tier.setVisible(tier is not None)
        self.tier_bar.setVisible(tier is not None and tier.next_tier is not None)
        if tier is not None:
            self.tier.setText(self.tr("Tier: {0}").format(tier.tier))
            if tier.next_tier is not None and tier.next_threshold:
                self.tier_bar.setRange(0, tier.next_threshold)
                self.tier_bar.setValue(min(tier.figure, tier.next_threshold))
                more = (f.money(tier.to_next or 0) if tier.basis == "spend"
                        else self.tr("{0} visits").format(tier.to_next))
                self.tier_bar.setFormat(self.tr("{0} more to {1}").format(more, tier.next_tier))
        self._fill_offers(panel)
        lines = [f"{f.when(a.ts, panel.now)}  {action_text(f, kind=a.kind, stamps=a.stamps, points=a.points, amount_minor=a.amount_minor, cashback_minor=a.cashback_minor, title=a.title, reversed_kind=a.reversed_kind)}"  # noqa: E501
                 + (self.tr(" (undone)") if a.reversed else "") for a in panel.recent]
        self.recent_title.setText(self.tr("Last actions"))
        self.recent.setText("\n".join(lines) or self.tr("Nothing yet."))
        # Room for all the lines the core sends, whoever is shown: the camera above keeps
        # one size from member to member.
        self.recent.setMinimumHeight(self.recent.fontMetrics().lineSpacing() * RECENT)

    def _fill_offers(self, panel: Panel) -> None:
        self.offers_title.setText(self.tr("Coupons today and rewards"))
        entries: list[tuple[str, str, Callable[[], None]]] = []
        for coupon in panel.coupons_today:
            entries.append((self.tr("Use coupon: {0}").format(coupon.title), "reward",
                            lambda c=coupon: self.coupon_clicked.emit(c)))
        if panel.cashback_minor > 0:
            entries.append((self.tr("Pay with cashback ({0})").format(
                self.f.money(panel.cashback_minor)), "reward",
                lambda: self.cashback_clicked.emit()))
        for reward in panel.rewards:
            cost = (self.tr("{0} stamps").format(reward.cost_stamps) if reward.cost_stamps
                    else self.tr("{0} points").format(reward.cost_points))
            entries.append((self.tr("Give {0} ({1})").format(reward.title, cost),
                            "reward" if reward.affordable else "",
                            lambda r=reward: self.reward_clicked.emit(r)))
        shown = entries[:MAX_OFFERS]
        self._offer_handlers = [handler for _, _, handler in shown]
        for i, (text, role, _handler) in enumerate(shown):
            button = self._offer_button(i)
            if button.hasFocus() and button.text() != text:
                button.clearFocus()  # its offer is gone: Enter must not give the next one
            button.setText(text)
            if (button.property("role") or "") != role:
                button.setProperty("role", role)
                button.style().unpolish(button)  # the style sheet's [role] rule follows
                button.style().polish(button)
            button.show()  # at once, not when the layout gets round to it
        for button in self._offer_pool[len(shown):]:
            if button.hasFocus():
                button.clearFocus()
            button.hide()
        self.offer_buttons = self._offer_pool[:len(shown)]
        self.offers_title.setVisible(bool(entries))

    def _offer_button(self, i: int) -> QPushButton:
        # The buttons are made once and relabelled for each member: making, polishing and
        # deleting four styled buttons on every scan cost the scan about a millisecond.
        while len(self._offer_pool) <= i:
            n = len(self._offer_pool)
            button = big_button("")
            button.clicked.connect(lambda _=False, n=n: self._offer_chosen(n))
            self.offers.addWidget(button, n, 0)
            button.hide()
            self._offer_pool.append(button)
        return self._offer_pool[i]

    def offer_of(self, widget: QWidget | None) -> str | None:
        """What an offer button offers now (its label), None for any other widget: a button
        relabelled for another offer is not the one the cashier pressed."""
        if widget is not None and widget in self.offer_buttons:
            return widget.text()  # type: ignore[attr-defined]
        return None

    def _offer_chosen(self, n: int) -> None:
        if n < len(self.offer_buttons):  # a hidden button is nobody's offer
            self._offer_handlers[n]()


class CashierScreen(QWidget):
    """The screen a cashier lives in; emits what it shows (tests, the customer window follow)."""

    member_shown = Signal(object)  # Panel
    cleared = Signal()
    feedback_shown = Signal(str, str)  # kind, text
    action_done = Signal(object)  # calls.Acted or calls.Found with a stamp
    register_requested = Signal()
    last_changed = Signal()  # a write committed: the window refreshes its "Last:" line

    def __init__(self, ops: OpRunner, formats: Formats, sound: Sound, *,
                 settings: CashierSettings | None = None, program: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.f = formats
        self.settings = settings or CashierSettings()
        self.program = program
        self.panel: Panel | None = None
        self._panel_at = 0.0  # monotonic time the panel was read, for the undo countdown
        self._seq = 0  # the newest lookup; older answers are dropped
        self._auto_recent: dict[str, float] = {}
        self._acting_focus: QWidget | None = None  # where focus was when an action began
        self._acting_offer: str | None = None  # and what it offered, when an offer button
        self._camera_ok = False
        self.interactions = 0  # touches and keys a cashier spent (scripted-flow tests)

        self.banner = Banner()
        self.feedback = Feedback(self.banner, sound, self.feedback_shown.emit)
        self.camera = CameraView()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.returnPressed.connect(self._search_entered)
        self.find_button = big_button("", height=TOUCH)
        self.find_button.clicked.connect(self._search_entered)
        self.phone_button = big_button("")
        self.phone_button.clicked.connect(self._open_phone)
        self.new_button = big_button("")
        self.new_button.clicked.connect(self.register_requested)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 3)
        search_row.addWidget(self.find_button, 1)
        left = QVBoxLayout()
        left.addWidget(self.camera, 1)
        left.addLayout(search_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.phone_button)
        buttons.addWidget(self.new_button)
        left.addLayout(buttons)

        self.pages = QStackedWidget()
        # Idle page
        self.idle_page = QWidget()
        self.idle_title = QLabel()
        self.idle_title.setObjectName("title")
        self.idle_title.setWordWrap(True)
        self.idle_hint = QLabel()
        self.idle_hint.setObjectName("hint")
        self.idle_hint.setWordWrap(True)
        idle = QVBoxLayout(self.idle_page)
        idle.addStretch(1)
        idle.addWidget(self.idle_title)
        idle.addWidget(self.idle_hint)
        idle.addStretch(2)
        # Member page
        self.member_page = QWidget()
        self.member_panel = MemberPanel(formats)
        # The member's last actions under the camera, shown while a member is.
        left.insertWidget(1, self.member_panel.history)
        self.member_panel.history.hide()
        self.member_panel.reward_clicked.connect(self.redeem)
        self.member_panel.coupon_clicked.connect(self.use_coupon)
        self.member_panel.cashback_clicked.connect(self._open_cashback)
        self.stamp_button = big_button("", role="primary", height=TOUCH + 20)
        self.stamp_button.clicked.connect(lambda: self.stamp(1))
        self.stamp2 = big_button("")
        self.stamp2.clicked.connect(lambda: self.stamp(2))
        self.stamp3 = big_button("")
        self.stamp3.clicked.connect(lambda: self.stamp(3))
        self.purchase_button = big_button("")
        self.purchase_button.clicked.connect(self._open_purchase)
        self.cashback_button = big_button("")
        self.cashback_button.clicked.connect(self._open_cashback)
        self.undo_button = big_button("", role="undo", height=TOUCH + 20)
        self.undo_button.clicked.connect(self.undo)
        self.next_button = big_button("", role="danger")
        self.next_button.clicked.connect(self.clear_member)
        actions = QGridLayout()
        actions.setSpacing(8)
        actions.addWidget(self.stamp_button, 0, 0, 1, 3)
        actions.addWidget(self.undo_button, 0, 3)
        actions.addWidget(self.stamp2, 1, 0)
        actions.addWidget(self.stamp3, 1, 1)
        actions.addWidget(self.purchase_button, 1, 2)
        actions.addWidget(self.next_button, 1, 3)
        self.cashback_button.hide()  # offered on the panel when the member has credit
        member = QVBoxLayout(self.member_page)
        member.setContentsMargins(0, 0, 0, 0)
        member.addWidget(self.member_panel, 1)
        member.addLayout(actions)
        # Keypad page (amounts and the phone number)
        self.keypad_page = QWidget()
        self.keypad_title = QLabel()
        self.keypad_title.setObjectName("title")
        self.preview = QLabel()
        self.preview.setObjectName("figure")
        self.preview.setWordWrap(True)
        self.amount_pad = Keypad(digit_keys(formats.locale.decimalPoint()), ok_text="")
        self.amount_pad.submitted.connect(self._amount_entered)
        self.amount_pad.edited.connect(self._amount_edited)
        self.phone_pad = Keypad(digit_keys("+"), ok_text="")
        self.phone_pad.submitted.connect(self._phone_entered)
        self.keypad_cancel = big_button("")
        self.keypad_cancel.clicked.connect(self._back)
        pads = QVBoxLayout(self.keypad_page)
        pads.addWidget(self.keypad_title)
        pads.addWidget(self.preview)
        pads.addWidget(self.amount_pad)
        pads.addWidget(self.phone_pad)
        pads.addWidget(self.keypad_cancel)
        self._keypad_mode = "purchase"
        self.phone_pad.hide()  # one keypad at a time, so the page needs the room of one
        # Candidates page (several name matches)
        self.candidates_page = QWidget()
        self.candidates_title = QLabel()
        self.candidates_title.setObjectName("title")
        self.candidates_box = QVBoxLayout()
        self.candidates_cancel = big_button("")
        self.candidates_cancel.clicked.connect(self._back)
        cand = QVBoxLayout(self.candidates_page)
        cand.addWidget(self.candidates_title)
        cand.addLayout(self.candidates_box)
        cand.addStretch(1)
        cand.addWidget(self.candidates_cancel)
        self.candidate_buttons: list[QPushButton] = []
        for page in (self.idle_page, self.member_page, self.keypad_page, self.candidates_page):
            self.pages.addWidget(page)

        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addWidget(self.pages, 6)
        root = QVBoxLayout(self)
        root.addWidget(self.banner)
        root.addLayout(body, 1)

        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._idle_timeout)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_undo)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(120)
        self._preview_timer.timeout.connect(self._ask_preview)
        # A scan's outline is painted with its answer (green, or red for a refusal), or after
        # OUTLINE_WAIT_MS if the answer is slow: its colour is then the answer's, and the
        # picture is not repainted for it while the writer identifies and stamps (that cost
        # a stamp 0.7 ms when no camera frame was painted at the same moment).
        self._outline: tuple[tuple[float, float], ...] = ()
        self._outline_timer = QTimer(self)
        self._outline_timer.setSingleShot(True)
        self._outline_timer.setInterval(OUTLINE_WAIT_MS)
        self._outline_timer.timeout.connect(self._show_outline)
        self.retranslate()
        self.clear_member(quiet=True)

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every visible text in the current language (called again after a switch)."""
        self.search.setPlaceholderText(self.tr("Card number, phone or name"))
        self.find_button.setText(self.tr("Find"))
        self.phone_button.setText(self.tr("Phone number"))
        self.new_button.setText(self.tr("New member"))
        self.idle_title.setText(self.tr("Hold the card's code up to the camera"))
        self.idle_hint.setText(self.tr(
            "Or use the scanner, type the card number, a phone number or a name."))
        self.camera.prompt = self.tr("Hold the code inside the frame")
        self.stamp_button.setText(self.tr("+1 stamp"))
        self.stamp2.setText(self.tr("+2 stamps"))
        self.stamp3.setText(self.tr("+3 stamps"))
        self.purchase_button.setText(self.tr("Purchase"))
        self.cashback_button.setText(self.tr("Pay with cashback"))
        self.next_button.setText(self.tr("Next customer"))
        self.keypad_cancel.setText(self.tr("Back"))
        self.candidates_cancel.setText(self.tr("Back"))
        self.candidates_title.setText(self.tr("Several members match: choose one"))
        self.amount_pad.ok.setText(self.tr("Confirm"))
        self.phone_pad.ok.setText(self.tr("Find member"))
        self.feedback.banner.label.setText(self.banner.label.text())
        self._update_action_bar()
        if not self._camera_ok and self.camera.calm_message:
            self.set_camera_state("no camera", "")
        if self.panel is not None:
            self.member_panel.show_panel(self.panel)
        self.camera.update()

    # --- inputs -----------------------------------------------------------------------------

    def touched(self) -> None:
        """A cashier touch or key: counts for the interaction tests and keeps the member."""
        self.interactions += 1
        if self.panel is not None:
            self._idle.start(self.settings.idle_seconds * 1000)

    # --- the keyboard -----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Escape goes back a step; letters typed on a button go to the search field.

        Enter needs nothing here: the field in focus has its own Enter (find, confirm the
        amount) and a focused button takes Enter itself (widgets.keyboard_button)."""
        page = self.pages.currentWidget()
        if event.key() == Qt.Key.Key_Escape:
            if self.search.hasFocus() and self.search.text():
                self.search.clear()  # first what was typed, then the page
            elif page in (self.keypad_page, self.candidates_page):
                self._back()
            elif page is self.member_page:
                self.clear_member()
            else:
                event.ignore()
            return
        text = event.text()
        if (text and text.isprintable() and not text.isspace()
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                             | Qt.KeyboardModifier.AltModifier)
                and page is not self.keypad_page):
            # Typing a name while a member's buttons have focus starts the next search.
            self.search.setFocus()
            self.search.insert(text)
            return
        super().keyPressEvent(event)

    def default_button(self) -> QPushButton | None:
        """The button Enter presses first when a member is on screen: +1 stamp, else
        Purchase, else Next customer."""
        for button in (self.stamp_button, self.purchase_button, self.next_button):
            if not button.isHidden() and button.isEnabled():
                return button
        return None

    def focus_default(self) -> None:
        """Focus where the page starts: the member's default action, or the search field."""
        page = self.pages.currentWidget()
        if page is self.member_page:
            target: QWidget | None = self.default_button()
        elif page is self.candidates_page and self.candidate_buttons:
            target = self.candidate_buttons[0]
        elif page is self.keypad_page:
            target = self.phone_pad.display if self._keypad_mode == "phone" \
                else self.amount_pad.display
        else:
            target = self.search
        (target or self.search).setFocus()

    def _focus_lost(self) -> bool:
        """True when keyboard focus is nowhere a cashier can use it (gone, hidden, disabled)."""
        widget = QApplication.focusWidget()
        return (widget is None or not widget.isVisible() or not widget.isEnabled()
                or widget.window() is not self.window())

    def _chain_tabs(self) -> None:
        """Tab follows the screen: the inputs on the left, then the page on the right,
        top to bottom and left to right (hidden ones are skipped by Qt)."""
        order: list[QWidget] = [self.search, self.find_button, self.phone_button,
                                self.new_button, *self.member_panel.offer_buttons,
                                self.stamp_button, self.undo_button, self.stamp2, self.stamp3,
                                self.purchase_button, self.next_button,
                                self.amount_pad.display, self.amount_pad.ok,
                                self.phone_pad.display, self.phone_pad.ok, self.keypad_cancel,
                                *self.candidate_buttons, self.candidates_cancel]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def set_camera_state(self, state: str, detail: str) -> None:
        self._camera_ok = state in ("running", "starting")
        if state in ("no camera", "camera lost, retrying", "failed", "stopped", "finished"):
            if state == "finished":
                return  # a video file ran out; keep its last picture
            self.camera.show_calm(self.tr(
                "No camera found. Scan with the USB scanner, type the card number, "
                "or use the phone number or name. A camera plugged in is picked up by itself."))
        elif state == "running":
            self.camera.calm_message = ""
            self.camera.update()

    def on_scan(self, hit: ScanHit) -> None:
        """A code from the camera, the USB scanner or typed: replaces the member at once."""
        self.lookup(hit.text, from_card=True, scanned=hit.source in ("camera", "usb", "video"))
        self._outline = hit.outline  # after lookup(), which forgets an earlier scan's
        if hit.outline:
            self._outline_timer.start()

    def _show_outline(self) -> None:
        self._outline_timer.stop()
        if self._outline:
            self.camera.flash(self._outline)
            self._outline = ()

    def _search_entered(self) -> None:
        self.touched()
        text = self.search.text().strip()
        self.search.clear()
        if text:
            self.lookup(text, from_card=cards.looks_like_code(text))

    def _open_phone(self) -> None:
        self.touched()
        self._keypad_mode = "phone"
        self.keypad_title.setText(self.tr("Phone number"))
        self.preview.clear()
        self.phone_pad.clear()
        self.amount_pad.hide()
        self.phone_pad.show()
        self.pages.setCurrentWidget(self.keypad_page)
        self.phone_pad.display.setFocus()

    def _phone_entered(self, text: str) -> None:
        self.touched()
        if text.strip():
            self.lookup(text.strip(), from_card=False)

    def lookup(self, text: str, *, from_card: bool, scanned: bool = False) -> None:
        """Identify text off the GUI thread; a card scan may give the auto-stamp too."""
        self._outline = ()
        self._outline_timer.stop()
        self._seq += 1
        seq = self._seq
        auto = False
        has_card = self.program is None or self.program.stamp_card is not None
        if from_card and self.settings.auto_stamp and has_card:
            now = time.monotonic()
            last = self._auto_recent.get(cards.normalise(text))
            auto = last is None or now - last > self.settings.auto_stamp_hold_s
            if auto:
                self._auto_recent[cards.normalise(text)] = now
        self.ops.op(lambda till: calls.find(till, text, scanned=scanned, auto_stamp=auto),
                    owner=self, label="find") \
            .success(lambda found: self._found(seq, found)) \
            .failure(lambda exc: self._lookup_failed(seq, exc)) \
            .run_in_background()

    def _found(self, seq: int, found: calls.Found) -> None:
        if seq != self._seq:
            return  # a newer scan already replaced this one
        self._show_outline()
        if found.panel is None and found.candidates:
            self._show_candidates(found.candidates)
            return
        if found.panel is None:
            self.clear_member(quiet=True)
            self.feedback.error(self.tr("No member found. Check the spelling or the number."))
            return
        fresh = found.stamped.event.stamps if found.stamped is not None else 0
        self.show_panel(found.panel, fresh=fresh)
        # A new member: Enter now gives their stamp (typing starts the next search).
        self.focus_default()
        name = found.panel.member.name or ""
        if found.reward_earned:
            self.feedback.celebrate(self.tr("{0} has earned a {1}!").format(
                name, found.reward_earned))
        elif found.stamped is not None:
            self.feedback.success(self.tr("{0} for {1}").format(stamps_text(fresh), name))
        elif found.note == "cap":
            self.feedback.info(self.tr("{0}: today's stamps are already given.").format(name))
        elif found.note:
            self.feedback.info(found.note)
        else:
            self.feedback.success(self.tr("{0} is here").format(name))
        if found.stamped is not None:
            self.action_done.emit(found)
            self.last_changed.emit()

    def _lookup_failed(self, seq: int, exc: BaseException) -> None:
        if seq != self._seq:
            return
        self._show_outline()
        # Never leave an earlier member selected after a refusal.
        self.clear_member(quiet=True)
        self.camera.refuse_flash()
        if isinstance(exc, KlippError):
            self.feedback.error(refusal_text(exc))
        else:
            self.feedback.error(describe_failure(exc))

    def _show_candidates(self, candidates: tuple[Any, ...]) -> None:
        self.clear_member(quiet=True)
        for button in self.candidate_buttons:
            self.candidates_box.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.candidate_buttons = []
        for member in candidates[:8]:
            phone = f"  ·  …{member.phone[-4:]}" if member.phone else ""
            button = big_button(f"{member.name or '?'}{phone}")
            button.clicked.connect(lambda _=False, m=member: self._choose(m.id))
            self.candidates_box.addWidget(button)
            button.show()
            self.candidate_buttons.append(button)
        self.pages.setCurrentWidget(self.candidates_page)
        self._chain_tabs()
        self.focus_default()
        self.feedback.info(self.tr("{0} members match.").format(len(candidates)))

    def _choose(self, member_id: str) -> None:
        self.touched()
        self._seq += 1
        seq = self._seq
        self.ops.op(lambda till: calls.Found(till.panel(member_id)), owner=self) \
            .success(lambda found: self._found(seq, found)) \
            .failure(lambda exc: self._lookup_failed(seq, exc)).run_in_background()

    # --- the member on screen ---------------------------------------------------------------

    def show_panel(self, panel: Panel, *, fresh: int = 0) -> None:
        self.panel = panel
        self._panel_at = time.monotonic()
        self.member_panel.show_panel(panel, fresh=fresh)
        self.member_panel.history.show()
        self._update_action_bar()
        self.pages.setCurrentWidget(self.member_page)
        self._chain_tabs()
        if self._focus_lost():
            self.focus_default()
        self._idle.start(self.settings.idle_seconds * 1000)
        self._tick.start()
        self.member_shown.emit(panel)

    def clear_member(self, *, quiet: bool = False) -> None:
        if not quiet:
            self.touched()
        self.panel = None
        self._idle.stop()
        self._tick.stop()
        self.member_panel.history.hide()
        self.pages.setCurrentWidget(self.idle_page)
        if self._focus_lost() or self.pages.isAncestorOf(QApplication.focusWidget()):
            self.search.setFocus()  # ready for the next customer's name or number
        self.cleared.emit()

    def _idle_timeout(self) -> None:
        self.clear_member(quiet=True)
        self.feedback.info("")

    def refresh_if_shown(self, changes: Any) -> None:
        """Another till (or the sync) changed a member: refresh the one on screen."""
        if changes is not None and changes.program:
            # A new programme version (the manager's editor, or pulled): the buttons follow.
            self.ops.op(lambda till: till.info().program, owner=self, label="programme") \
                .success(self._programme_changed).run_in_background()
        if self.panel is None:
            return
        if changes is not None:
            if not changes.pulled:
                return  # our own write: its callback already showed it
            if not changes.touches(self.panel.member.id):
                return
        member_id = self.panel.member.id
        seq = self._seq
        self.ops.op(lambda till: till.panel(member_id), owner=self, label="refresh") \
            .success(lambda panel: self._refreshed(seq, panel)) \
            .failure(lambda exc: log.warning("refresh failed: %s", exc)) \
            .run_in_background()

    def _programme_changed(self, program: Any) -> None:
        self.program = program
        if self.panel is not None:
            self.refresh_if_shown(None)

    def _refreshed(self, seq: int, panel: Panel) -> None:
        if seq == self._seq and self.panel is not None and panel.member.id == self.panel.member.id:
            self.panel = panel
            self._panel_at = time.monotonic()
            self.member_panel.show_panel(panel)
            self._update_action_bar()
            self._chain_tabs()
            if self._focus_lost() and self.pages.currentWidget() is self.member_page:
                self.focus_default()
            self.member_shown.emit(panel)

    def undo_seconds_left(self) -> int:
        if self.panel is None or self.panel.undo_deadline is None:
            return 0
        now = self.panel.now + int((time.monotonic() - self._panel_at) * 1_000_000)
        return self.panel.undo_seconds_left(now)

    def _update_undo(self) -> None:
        left = self.undo_seconds_left()
        self.undo_button.setEnabled(left > 0)
        if left > 0:
            self.undo_button.setText(self.tr("Undo ({0})").format(self.f.countdown(left)))
        else:
            self.undo_button.setText(self.tr("Undo"))

    def _update_action_bar(self) -> None:
        panel = self.panel
        has_card = panel is not None and panel.stamps_for_reward is not None
        room = panel.stamps_left_today if panel is not None and has_card else 0
        for button, n in ((self.stamp_button, 1), (self.stamp2, 2), (self.stamp3, 3)):
            button.setVisible(has_card or panel is None)
            button.setEnabled(bool(room) and (room or 0) >= n)
        if panel is not None and has_card and not room:
            self.stamp_button.setText(self.tr("Today's stamps are given"))
        else:
            self.stamp_button.setText(self.tr("+1 stamp"))
        has_money = bool(self.program is None or self.program.points or self.program.cashback
                         or not has_card)
        self.purchase_button.setVisible(has_money or panel is None)
        self._update_undo()

    # --- actions ----------------------------------------------------------------------------

    def _act(self, action: str, done_text: Callable[[calls.Acted], str], **kwargs: Any) -> None:
        if self.panel is None:
            return
        member_id = self.panel.member.id
        seq = self._seq
        self._acting_focus = QApplication.focusWidget()
        self._acting_offer = self.member_panel.offer_of(self._acting_focus)
        self.ops.op(lambda till: calls.act(till, member_id, action, **kwargs), owner=self,
                    label=action) \
            .success(lambda acted: self._acted(seq, acted, done_text)) \
            .failure(self._action_failed) \
            .run_in_background()

    def _acted(self, seq: int, acted: calls.Acted, done_text: Callable[[calls.Acted], str]
               ) -> None:
        if seq == self._seq:
            event = getattr(acted.changes, "event", None)
            fresh = event.stamps if event is not None and event.kind == "stamp" else 0
            self.show_panel(acted.panel, fresh=max(fresh, 0))
            self._refocus_after_action()
            name = acted.panel.member.name or ""
            if acted.reward_earned:
                self.feedback.celebrate(self.tr("{0} has earned a {1}!").format(
                    name, acted.reward_earned))
            else:
                self.feedback.success(done_text(acted))
        else:
            self.feedback.success(done_text(acted))
        self.action_done.emit(acted)
        self.last_changed.emit()

    def _refocus_after_action(self) -> None:
        # Enter on a button keeps that button while it still can be pressed again; one
        # that is gone or greyed out (today's stamps given, the undo spent) hands focus to
        # the default action, never to whatever Qt found next (it could be Undo).
        before, self._acting_focus = self._acting_focus, None
        offer, self._acting_offer = self._acting_offer, None
        if (before is not None and shiboken6.isValid(before) and before.isVisible()
                and before.isEnabled() and before.window() is self.window()
                and self.member_panel.offer_of(before) == offer):
            before.setFocus()
        else:
            self.focus_default()

    def _action_failed(self, exc: BaseException) -> None:
        if isinstance(exc, KlippError):
            self.feedback.error(refusal_text(exc))
        else:
            self.feedback.error(describe_failure(exc))

    def stamp(self, count: int = 1) -> None:
        """The shop's one touch: +N stamps, no dialog."""
        self.touched()
        self._act("stamp", lambda a: self.tr("{0} for {1}").format(
            stamps_text(count), a.panel.member.name or ""), count=count)

    def redeem(self, reward: RewardNow) -> None:
        self.touched()
        panel = self.panel
        if panel is not None and not reward.affordable:
            # Say it in the shop's language; the core refuses it too, should we be stale.
            have = (self.tr("{0} stamps").format(panel.stamps) if reward.cost_stamps
                    else self.tr("{0} points").format(panel.points))
            need = (self.tr("{0} stamps").format(reward.cost_stamps) if reward.cost_stamps
                    else self.tr("{0} points").format(reward.cost_points))
            self.feedback.error(self.tr("Not enough for {0}: it needs {1}, the card has {2}.")
                                .format(reward.title, need, have))
            return
        self._act("redeem", lambda a: self.tr("{0} given to {1}").format(
            reward.title, a.panel.member.name or ""), reward_id=reward.id)

    def use_coupon(self, coupon: Any) -> None:
        self.touched()
        self._act("use_coupon", lambda a: self.tr("Coupon used: {0}").format(coupon.title),
                  coupon_id=coupon.id)

    def undo(self) -> None:
        self.touched()
        self._act("undo", lambda a: self.tr("Undone. The card is as before."))

    def _open_purchase(self) -> None:
        self.touched()
        self._open_amount("purchase", self.tr("Purchase amount"))

    def _open_cashback(self) -> None:
        self.touched()
        self._open_amount("cashback", self.tr("Pay with cashback: amount"))

    def _open_amount(self, mode: str, title: str) -> None:
        self._keypad_mode = mode
        self.keypad_title.setText(title)
        self.preview.setText(self.tr("Type the amount"))
        self.amount_pad.clear()
        self.phone_pad.hide()
        self.amount_pad.show()
        self.pages.setCurrentWidget(self.keypad_page)
        self.amount_pad.display.setFocus()

    def _amount_edited(self, _text: str) -> None:
        if self._keypad_mode == "purchase":
            self._preview_timer.start()

    def _ask_preview(self) -> None:
        amount = self.f.parse_amount(self.amount_pad.text())
        if self.panel is None or not amount:
            self.preview.setText(self.tr("Type the amount"))
            return
        member_id = self.panel.member.id
        self.ops.op(lambda till: till.earn_preview(member_id, amount), owner=self,
                    label="preview") \
            .success(self._show_preview) \
            .failure(lambda exc: self.preview.setText(describe_failure(exc))) \
            .run_in_background()

    def _show_preview(self, earn: Any) -> None:
        if self.f.parse_amount(self.amount_pad.text()) != earn.amount_minor:
            return  # typed on since
        gains = []
        if earn.points:
            gains.append(self.tr("+{0} points").format(earn.points))
        if earn.cashback_minor:
            gains.append(self.tr("+{0} cashback").format(self.f.money(earn.cashback_minor)))
        if earn.stamps:
            gains.append(stamps_text(earn.stamps))
        self.preview.setText(self.tr("{0} earns: {1}").format(
            self.f.money(earn.amount_minor), ", ".join(gains) if gains else self.tr("nothing")))

    def _amount_entered(self, text: str) -> None:
        self.touched()
        amount = self.f.parse_amount(text)
        if not amount:
            self.feedback.error(self.tr("That is not an amount. Type it like 89{0}50.").format(
                self.f.locale.decimalPoint()))
            return
        if self._keypad_mode == "cashback":
            self._act("spend_cashback", lambda a: self.tr("Paid {0} with cashback").format(
                self.f.money(amount)), amount_minor=amount)
        else:
            self._act("purchase", lambda a: action_text(
                self.f, kind="purchase", stamps=a.changes.event.stamps,
                points=a.changes.event.points, amount_minor=amount,
                cashback_minor=a.changes.event.cashback_minor), amount_minor=amount)

    def _back(self) -> None:
        self.touched()
        if self.panel is not None:
            self.pages.setCurrentWidget(self.member_page)
        else:
            self.pages.setCurrentWidget(self.idle_page)
        self.focus_default()
