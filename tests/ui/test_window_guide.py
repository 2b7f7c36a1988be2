"""The guide frame: the window decodes where it tells the cashier to hold the code.

One definition (ui.window.guide.GUIDE) for the dashed square the camera view draws and
the region the scanner decodes first; a scan's outline lands on the code in the mirrored
picture. Real window, real scanner, real zxing-cpp.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
import pytest

from kiosk.cards import render_png
from tests.ui.conftest import WAIT_MS
from ui.window.guide import GUIDE


def dark_frame(size: tuple[int, int] = (640, 480)) -> np.ndarray:
    w, h = size
    return np.full((h, w, 3), 30, np.uint8)


def test_the_dashed_guide_is_the_region_the_scanner_decodes(harness: Any) -> None:
    h = harness()
    assert h.parts.service.pipeline.region is GUIDE
    view = h.cashier.camera
    h.camera.show(dark_frame(), 0.0)
    h.qtbot.waitUntil(lambda: view.frames_painted > 0, timeout=WAIT_MS)
    shot = view.grab().toImage()
    # The 640x480 picture fills the view one way and is centred the other.
    scale = min(view.width() / 640, view.height() / 480)
    cx, cy = view.width() / 2, view.height() / 2
    half = min(640, 480) * scale * GUIDE.side / 2
    top = round(cy - half)

    def white_share(y: int) -> float:
        xs = range(round(cx - half) + 30, round(cx + half) - 30)
        return sum(shot.pixelColor(x, y).lightness() > 150 for x in xs) / len(xs)

    # The dashed top edge (a 4 px pen) is where GUIDE puts it, and nowhere near it else.
    assert max(white_share(y) for y in range(top - 2, top + 3)) > 0.3
    assert white_share(top - 12) < 0.05 and white_share(top + 12) < 0.05


def test_the_prompt_never_covers_the_guide_on_a_wide_picture(harness: Any) -> None:
    # A 16:9 camera in the 1280x800 window leaves the picture short: the prompt once sat
    # over the guide's lower edge, where a code held low disappeared under it.
    h = harness()
    view = h.cashier.camera
    assert view.prompt
    h.camera.show(dark_frame((1280, 720)), 0.0)
    h.qtbot.waitUntil(lambda: view.frames_painted > 0, timeout=WAIT_MS)
    shot = view.grab().toImage()
    guide = view.guide_rect()
    xs = range(round(guide.left()) + 30, round(guide.right()) - 30)

    def white_share(y: int) -> float:
        return sum(shot.pixelColor(x, y).lightness() > 150 for x in xs) / len(xs)

    top, bottom = round(guide.top()), round(guide.bottom())
    assert max(white_share(y) for y in range(top - 2, top + 3)) > 0.3
    # The lower edge reads as white as the top: no band darkens it.
    assert max(white_share(y) for y in range(bottom - 2, bottom + 3)) > 0.3
    assert view.prompt_band().top() > guide.bottom()


def test_a_scan_outlines_the_code_on_the_mirrored_picture(harness: Any, kari: Any) -> None:
    h = harness()
    qr = cv2.imdecode(np.frombuffer(render_png(kari[1], box_size=6), np.uint8),
                      cv2.IMREAD_COLOR)
    frame = np.full((480, 640, 3), 235, np.uint8)
    side = qr.shape[0]
    x, y = 150, (480 - side) // 2  # left of centre, still inside the guide's region
    frame[y:y + side, x:x + side] = qr
    with h.qtbot.waitSignal(h.parts.scans.scanned, timeout=WAIT_MS) as got:
        h.camera.show(frame, 0.0)
    hit = got.args[0]
    assert hit.text == kari[1]
    assert h.parts.service.pipeline.counters()["whole_frames"] == 0  # read in the region
    xs = [cx for cx, _ in hit.outline]
    ys = [cy for _, cy in hit.outline]
    centre = x + side / 2
    # Mirrored like the picture: a code left of centre is outlined right of centre.
    assert sum(xs) / 4 == pytest.approx(1 - centre / 640, abs=0.01)
    assert sum(ys) / 4 == pytest.approx(0.5, abs=0.02)


def test_the_outline_is_drawn_with_the_member_green_and_red_with_a_refusal(harness: Any,
                                                                        kari: Any) -> None:
    # The outline waits for the scan's answer (painting the picture meanwhile slowed the
    # writer), then shows in the same frame as the member; a refused code's turns red.
    h = harness()
    qr = cv2.imdecode(np.frombuffer(render_png(kari[1], box_size=6), np.uint8),
                      cv2.IMREAD_COLOR)
    frame = np.full((480, 640, 3), 235, np.uint8)
    frame[100:100 + qr.shape[0], 200:200 + qr.shape[1]] = qr
    view = h.cashier.camera
    with h.qtbot.waitSignal(h.cashier.member_shown, timeout=WAIT_MS), \
            h.qtbot.waitSignal(h.parts.scans.scanned, timeout=WAIT_MS) as got:
        h.camera.show(frame, 0.0)
    assert view.outline == got.args[0].outline
    assert view.outline_colour.name() == "#00e676"

    code = kari[1]
    forged = code[:10] + ("0" if code[10] != "0" else "1") + code[11:]
    qr = cv2.imdecode(np.frombuffer(render_png(forged, box_size=6), np.uint8),
                      cv2.IMREAD_COLOR)
    frame = np.full((480, 640, 3), 235, np.uint8)
    frame[100:100 + qr.shape[0], 200:200 + qr.shape[1]] = qr
    with h.qtbot.waitSignal(h.cashier.cleared, timeout=WAIT_MS):
        h.camera.show(frame, 1.0)
    assert view.outline
    assert view.outline_colour.name() == "#ff1744"


def test_the_picture_goes_on_once_the_scans_answer_is_painted(harness: Any, kari: Any) -> None:
    # The card's frame waits for the answer (its paint held the writer up on the GIL); the
    # window lets it through when the outline is painted with the member, not by a timeout.
    h = harness()
    h.parts.scans.display_hold_s = 60.0
    view = h.cashier.camera
    qr = cv2.imdecode(np.frombuffer(render_png(kari[1], box_size=6), np.uint8),
                      cv2.IMREAD_COLOR)
    frame = np.full((480, 640, 3), 235, np.uint8)
    frame[100:100 + qr.shape[0], 200:200 + qr.shape[1]] = qr
    with h.qtbot.waitSignal(h.cashier.member_shown, timeout=WAIT_MS):
        h.camera.show(frame, 0.0)
    painted = view.frames_painted
    h.camera.show(dark_frame(), 0.5)  # the card taken away
    h.qtbot.waitUntil(lambda: view.frames_painted > painted and view.image is not None
                      and view.image.pixelColor(5, 5).lightness() < 60, timeout=WAIT_MS)
