"""Reusable widgets: the on-screen keypad, the stamp card, the camera view and the banner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.window.guide import GUIDE

TOUCH = 64  # minimum touch target height in px at 100 % scale
OUTLINE_PEN = 8  # a scan's outline on the camera picture, px
GUIDE_PEN = 4  # room around the guide frame's dashed line, px


def drawn_once(width: float, height: float, dpr: float, draw: Callable[[QPainter], None],
               fill: QColor | Qt.GlobalColor = Qt.GlobalColor.transparent) -> QImage:
    """An image of width x height (logical px, at `dpr`) that `draw` paints, antialiased.

    For what is painted often and changes rarely: copying the image costs a fraction of
    drawing it again, and a scan's member waits for the paint it is part of.
    """
    image = QImage(max(round(width * dpr), 1), max(round(height * dpr), 1),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(fill)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw(painter)
    painter.end()
    return image


def big_button(text: str, *, role: str = "", height: int = TOUCH) -> QPushButton:
    """A touch-sized button; `role` picks its style sheet colour (primary, danger...)."""
    button = QPushButton(text)
    button.setMinimumHeight(height)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    if role:
        button.setProperty("role", role)
    keyboard_button(button)
    return button


def keyboard_button(button: QPushButton) -> QPushButton:
    """Reachable by Tab, and Enter presses it when it has focus (Space already does).

    Outside a dialog Qt's buttons ignore Enter; autoDefault makes a focused one take it, so a
    keyboard-only cashier can work every screen with Tab, Enter and Escape."""
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setAutoDefault(True)
    return button


@dataclass(frozen=True)
class Key:
    """One keypad button: what it types, what it shows, whether it can be pressed."""

    value: str
    label: str
    enabled: bool = True


def digit_keys(extra: str = "") -> list[Key]:
    """1-9, then `extra` (decimal point, '+' or nothing), 0 and backspace."""
    keys = [Key(str(d), str(d)) for d in range(1, 10)]
    keys.append(Key(extra, extra, bool(extra)))
    keys.append(Key("0", "0"))
    keys.append(Key("\b", "⌫"))
    return keys


class Keypad(QWidget):
    """The one on-screen keypad, drawn from data (Odoo's numpad): amounts, phones, the PIN."""

    submitted = Signal(str)
    edited = Signal(str)

    def __init__(self, keys: list[Key], *, ok_text: str, secret: bool = False,
                 max_length: int = 16, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_length = max_length
        self.display = QLineEdit()
        self.display.setMinimumHeight(TOUCH)
        self.display.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.display.setObjectName("keypadDisplay")
        if secret:
            self.display.setEchoMode(QLineEdit.EchoMode.Password)
        self.display.textChanged.connect(self.edited)
        self.display.returnPressed.connect(self._submit)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(keys):
            button = big_button(key.label, role="key", height=TOUCH)
            button.setEnabled(key.enabled)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, v=key.value: self.press(v))
            grid.addWidget(button, i // 3, i % 3)
            if key.enabled:
                self.buttons[key.value] = button
        # Equal keys, also in a pad shown at its own size (the manager's PIN): every key as
        # wide as the widest, and any room to spare shared out evenly.
        keys_made = [grid.itemAt(i).widget() for i in range(grid.count())]
        widest = max(max(k.sizeHint().width() for k in keys_made), TOUCH)
        for k in keys_made:
            k.setMinimumWidth(widest)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        self.ok = big_button(ok_text, role="primary")
        self.ok.clicked.connect(self._submit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.display)
        layout.addLayout(grid)
        layout.addWidget(self.ok)

    def press(self, value: str) -> None:
        text = self.display.text()
        if value == "\b":
            self.display.setText(text[:-1])
        elif len(text) < self.max_length:
            self.display.setText(text + value)

    def text(self) -> str:
        return self.display.text()

    def clear(self) -> None:
        self.display.clear()

    def _submit(self) -> None:
        self.submitted.emit(self.display.text())


class StampCard(QWidget):
    """The member's stamp card drawn as a card: N cups, the earned ones filled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stamps = 0
        self.total = 10
        self.fresh = 0  # stamps just given, drawn highlighted
        self._cups: dict[tuple[object, ...], QImage] = {}
        self.setMinimumSize(QSize(360, 120))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("stamp card")

    def set_card(self, stamps: int, total: int, fresh: int = 0) -> None:
        self.stamps, self.total, self.fresh = max(stamps, 0), max(total, 1), fresh
        self.setAccessibleDescription(f"{self.stamps} / {self.total}")
        self.update()

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        card = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        p.setPen(QPen(pal.mid().color(), 2))
        p.setBrush(pal.base())
        p.drawRoundedRect(card, 14, 14)
        per_row = self.total if self.total <= 6 else (self.total + 1) // 2
        rows = (self.total + per_row - 1) // per_row
        cell = min((card.width() - 16) / per_row, (card.height() - 16) / rows)
        radius = cell * 0.38
        accent = QColor("#2e7d32")
        fresh_colour = QColor("#f9a825")
        ink = pal.text().color()
        for i in range(self.total):
            r, c = divmod(i, per_row)
            centre = QPointF(card.left() + (card.width() - cell * per_row) / 2 + cell * (c + 0.5),
                             card.top() + 8 + cell * (r + 0.5)
                             + (card.height() - 16 - cell * rows) / 2)
            filled = i < min(self.stamps, self.total)
            is_fresh = filled and i >= self.stamps - self.fresh
            cup = self._cup_image(radius, filled, fresh_colour if is_fresh else accent, ink)
            side = cup.width() / cup.devicePixelRatio()
            p.drawImage(QPointF(round(centre.x() - side / 2), round(centre.y() - side / 2)), cup)
        if self.stamps > self.total:
            p.setPen(ink)
            p.drawText(card.adjusted(0, 0, -10, -6),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                       f"+{self.stamps - self.total}")
        p.end()

    def _cup_image(self, r: float, filled: bool, colour: QColor, ink: QColor) -> QImage:
        # Each kind of cup is drawn once per size and blitted: ten antialiased paths on
        # every member shown were most of the card's paint, which a scan waits for.
        dpr = self.devicePixelRatioF()
        key = (round(r, 2), filled, colour.rgba(), ink.rgba(), dpr)
        cup = self._cups.get(key)
        if cup is None:
            side = int(r * 2.6) + 4
            cup = drawn_once(side, side, dpr, lambda q: self._cup(
                q, QPointF(side / 2, side / 2), r, filled, colour, ink))
            if len(self._cups) > 32:  # sizes come and go with the window's
                self._cups.clear()
            self._cups[key] = cup
        return cup

    @staticmethod
    def _cup(p: QPainter, c: QPointF, r: float, filled: bool, colour: QColor,
             ink: QColor) -> None:
        body = QPainterPath()
        body.moveTo(c.x() - r * 0.75, c.y() - r * 0.55)
        body.lineTo(c.x() + r * 0.75, c.y() - r * 0.55)
        body.lineTo(c.x() + r * 0.55, c.y() + r * 0.75)
        body.lineTo(c.x() - r * 0.55, c.y() + r * 0.75)
        body.closeSubpath()
        p.setPen(QPen(colour if filled else ink, max(r * 0.12, 1.5)))
        p.setBrush(colour if filled else Qt.BrushStyle.NoBrush)
        p.drawPath(body)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawArc(QRectF(c.x() + r * 0.55, c.y() - r * 0.35, r * 0.5, r * 0.6), -90 * 16,
                  180 * 16)
        if filled:
            p.setPen(QPen(QColor("white"), max(r * 0.14, 1.5)))
            p.drawLine(QPointF(c.x() - r * 0.3, c.y() + r * 0.05),
                       QPointF(c.x() - r * 0.05, c.y() + r * 0.35))
            p.drawLine(QPointF(c.x() - r * 0.05, c.y() + r * 0.35),
                       QPointF(c.x() + r * 0.35, c.y() - r * 0.25))


class CameraView(QWidget):
    """The mirrored camera picture with a guide frame, a prompt, and a green flash on a read."""

    resized = Signal(QSize)
    # A scan's outline has been painted (with its answer): sent once per outline, after the
    # paint pass that drew it.
    outline_painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.prompt = ""
        self.calm_message = ""  # shown instead of the picture when there is no camera
        self.outline: tuple[tuple[float, float], ...] = ()
        self.outline_colour = QColor("#00e676")
        self.frames_painted = 0
        self._outline_told = True
        self._text_key: tuple[object, ...] | None = None
        self._text = QImage()
        self._guide_key: tuple[object, ...] | None = None
        self._guide = QImage()
        self._flash = QTimer(self)
        self._flash.setSingleShot(True)
        self._flash.timeout.connect(self._end_flash)
        self._tell_outline = QTimer(self)  # the view's own: it dies with the view
        self._tell_outline.setSingleShot(True)
        self._tell_outline.setInterval(0)
        self._tell_outline.timeout.connect(self.outline_painted)
        self.setMinimumSize(QSize(320, 240))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setObjectName("cameraView")

    def show_frame(self, image: QImage) -> None:
        self.image = image
        self.calm_message = ""
        self.update()

    def show_calm(self, message: str) -> None:
        self.image = None
        self.calm_message = message
        self.outline = ()  # a code's outline belongs to a picture no longer shown
        self._flash.stop()
        self.update()

    def flash(self, outline: tuple[tuple[float, float], ...], ms: int = 700) -> None:
        """Outline a code just read: green, until the till refuses it (then red)."""
        self._update_outline()  # an earlier code's outline, if one still shows
        self.outline = outline
        self._outline_told = False
        self.outline_colour = QColor("#00e676")
        self._flash.start(ms)
        self._update_outline()

    def refuse_flash(self) -> None:
        if self.outline:
            self.outline_colour = QColor("#ff1744")
            self._flash.start(900)
            self._update_outline()

    def _end_flash(self) -> None:
        self._update_outline()
        self.outline = ()

    def _outline_polygon(self) -> QPolygonF:
        rect = self._picture_rect()
        return QPolygonF([QPointF(rect.left() + x * rect.width(), rect.top() + y * rect.height())
                          for x, y in self.outline])

    def _update_outline(self) -> None:
        # Only the outline's own box: a flash paints with the member's panel, and repainting
        # the whole picture for it cost that paint about a millisecond.
        if self.outline:
            pad = OUTLINE_PEN
            self.update(self._outline_polygon().boundingRect().toAlignedRect()
                        .adjusted(-pad, -pad, pad, pad))

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        self.resized.emit(self.size())

    def _picture_rect(self) -> QRectF:
        if self.image is None or self.image.isNull():
            return QRectF(self.rect())
        iw, ih = self.image.width(), self.image.height()
        if self._fits(iw, ih):
            # Already the view's size (the display thread scaled it): whole pixels, so the
            # picture is blitted, not scaled.
            return QRectF((self.width() - iw) // 2, (self.height() - ih) // 2, iw, ih)
        scale = min(self.width() / iw, self.height() / ih)
        w, h = iw * scale, ih * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def _fits(self, iw: int, ih: int) -> bool:
        w, h = self.width(), self.height()
        return iw <= w and ih <= h and (w - iw <= 1 or h - ih <= 1)

    def guide_rect(self) -> QRectF:
        """Where the guide frame is drawn: the square the scanner decodes first."""
        rect = self._picture_rect()
        side = min(rect.width(), rect.height()) * GUIDE.side
        return QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)

    def prompt_band(self) -> QRectF:
        """The prompt's band: below the guide, never over it (a code held at the guide's
        lower edge must stay visible), reaching into the black bars when there are any."""
        rect = self._picture_rect()
        top = self.guide_rect().bottom() + 6
        bottom = max(rect.bottom(), min(float(self.height()), top + 70))
        return QRectF(rect.left(), top, rect.width(), max(bottom - top, 0.0))

    def paintEvent(self, _event: object) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#101418"))
        rect = self._picture_rect()
        if self.image is not None and not self.image.isNull():
            if rect.size().toSize() == self.image.size():
                p.drawImage(rect.topLeft(), self.image)
            else:
                p.drawImage(rect, self.image)
            self.frames_painted += 1
        if not self.calm_message:
            guide = self.guide_rect().toRect()
            pad = GUIDE_PEN
            p.drawImage(guide.topLeft() - QPoint(pad, pad), self._guide_image(guide.size()))
        if self.outline:
            # Not antialiased: a flash of 0.7 s reads the same, and smoothing a thick slanted
            # line was half the outline's cost, paid in the paint that shows the member.
            p.setPen(QPen(self.outline_colour, OUTLINE_PEN))
            fill = QColor(self.outline_colour)
            fill.setAlpha(70)
            p.setBrush(fill)
            p.drawPolygon(self._outline_polygon())
            if not self._outline_told:
                self._outline_told = True
                self._tell_outline.start()  # after this whole paint pass
        text = self.calm_message or self.prompt
        if text:
            band = self.prompt_band()
            if self.calm_message:
                band = QRectF(rect.left() + 20, rect.top(), rect.width() - 40, rect.height())
            band = QRectF(band.toRect())  # whole pixels: a blit, not a resample
            p.drawImage(band.topLeft(), self._text_image(text, band, dim=not self.calm_message))
        p.end()

    def _guide_image(self, size: QSize) -> QImage:
        # Drawn once per size, then blitted: a dashed antialiased outline on each of the
        # camera's frames cost a third of its paint, and a scan's member waits for that paint.
        dpr = self.devicePixelRatioF()
        key = (size.width(), size.height(), dpr)
        if self._guide_key != key:
            pad = GUIDE_PEN

            def draw(q: QPainter) -> None:
                q.setPen(QPen(QColor(255, 255, 255, 210), 4, Qt.PenStyle.DashLine))
                q.setBrush(Qt.BrushStyle.NoBrush)
                q.drawRoundedRect(QRectF(pad, pad, size.width(), size.height()), 18, 18)

            self._guide_key = key
            self._guide = drawn_once(size.width() + 2 * pad, size.height() + 2 * pad, dpr, draw)
        return self._guide

    def _text_image(self, text: str, band: QRectF, *, dim: bool) -> QImage:
        # The prompt is laid out and drawn once per text and size, then blitted: wrapping
        # and drawing it on each of the camera's 30 frames a second was GUI time for nothing.
        dpr = self.devicePixelRatioF()
        key = (text, band.width(), band.height(), dim, self.font().key(), dpr)
        if self._text_key != key:
            font = QFont(self.font())
            font.setPointSizeF(max(self.font().pointSizeF() * 1.4, 14))
            font.setBold(True)

            def draw(q: QPainter) -> None:
                q.setFont(font)
                q.setPen(QColor("white"))
                q.drawText(QRectF(0, 0, band.width(), band.height()),
                           Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)

            self._text_key = key
            self._text = drawn_once(band.width(), band.height(), dpr, draw,
                                    QColor(0, 0, 0, 150) if dim else Qt.GlobalColor.transparent)
        return self._text


class Banner(QWidget):
    """Feedback a cashier cannot miss: colour, icon and words (and a sound elsewhere)."""

    ICONS = {"success": "✔", "error": "✖", "info": "ℹ", "celebrate": "★"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.icon = QLabel()
        self.icon.setObjectName("bannerIcon")
        self.label = QLabel()
        self.label.setObjectName("bannerText")
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self.setMinimumHeight(TOUCH)
        self.kind = "info"
        # What the banner says at rest (the shop's name): never an empty bar with an icon.
        self.rest_text = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.calm)
        self.show_message("info", "")

    def set_rest_text(self, text: str) -> None:
        """The words at rest; shown at once if the banner is resting now."""
        resting = self.kind == "info" and self.label.text() == self.rest_text
        self.rest_text = text
        if resting:
            self.show_message("info", "")

    def show_message(self, kind: str, text: str, *, ms: int = 0) -> None:
        resting = kind == "info" and not text
        if resting:
            text = self.rest_text
        self.kind = kind
        self.setProperty("kind", kind)
        self.icon.setText("" if resting else self.ICONS.get(kind, ""))
        self.label.setText(text)
        self.setAccessibleName(f"{kind}: {text}")
        self.style().unpolish(self)
        self.style().polish(self)
        for child in (self.icon, self.label):
            child.style().unpolish(child)
            child.style().polish(child)
        if ms:
            self._timer.start(ms)
        else:
            self._timer.stop()

    def calm(self) -> None:
        if self.kind != "info":
            self.show_message("info", "")

    def text(self) -> str:
        return self.label.text()
