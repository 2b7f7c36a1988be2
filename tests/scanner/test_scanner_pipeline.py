"""The pipeline on real decodes: one result per frame, payload checks, counters."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import cv2
import numpy as np
import pytest
import qrcode

from scanner.decoders import Read, make_decoder, pick_one
from scanner.frame import Frame
from scanner.pipeline import ScanPipeline
from scanner.scan import Scan

CODE_A = "AAAA0000BBBB1111CCCC2222DDDD3333EEEE44"
CODE_B = "ZZZZ9999YYYY8888XXXX7777WWWW6666VVVV55"


def code_image(data: str | bytes, module: int) -> np.ndarray:
    qr = qrcode.QRCode(border=4)
    qr.add_data(data)
    qr.make(fit=True)
    matrix = np.array(qr.get_matrix())
    return np.kron(np.where(matrix, 0, 255).astype(np.uint8), np.ones((module, module), np.uint8))


def canvas(*placed: tuple[np.ndarray, int, int], size: tuple[int, int] = (640, 480)) -> np.ndarray:
    w, h = size
    img = np.full((h, w), 200, np.uint8)
    for code, x, y in placed:
        img[y:y + code.shape[0], x:x + code.shape[1]] = code
    return img


def frame(image: np.ndarray, t: float = 0.0, kind: str = "camera") -> Frame:
    return Frame(image=image, t=t, index=0, kind=kind)  # type: ignore[arg-type]


def test_of_two_codes_the_larger_wins() -> None:
    big, small = code_image(CODE_A, 6), code_image(CODE_B, 3)
    reads = make_decoder().decode(canvas((small, 20, 20), (big, 300, 150)))
    assert {r.text for r in reads} == {CODE_A, CODE_B}  # both are seen...
    scan = ScanPipeline().process(frame(canvas((small, 20, 20), (big, 300, 150))))
    assert scan is not None and scan.text == CODE_A  # ...one is reported


def test_of_two_equal_codes_the_central_one_wins() -> None:
    a, b = code_image(CODE_A, 4), code_image(CODE_B, 4)
    side = a.shape[0]
    centred = (640 - side) // 2, (480 - side) // 2
    image = canvas((b, 0, 0), (a, *centred))
    scan = ScanPipeline().process(frame(image))
    assert scan is not None and scan.text == CODE_A
    image = canvas((a, 0, 0), (b, *centred))
    scan = ScanPipeline().process(frame(image))
    assert scan is not None and scan.text == CODE_B


def test_pick_one_rules() -> None:
    square = ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0))
    far = tuple((x + 80, y + 80) for x, y in square)
    near = tuple((x + 45, y + 45) for x, y in square)
    big = tuple((x * 2, y * 2) for x, y in far)
    shape = (100, 100)
    assert pick_one([], shape) is None
    assert pick_one([Read("far", far), Read("near", near)], shape).text == "near"
    assert pick_one([Read("near", near), Read("big", big)], shape).text == "big"


@pytest.mark.parametrize(("payload", "reason"), [
    (b"\x00\x01\xfe\xff\x80binary", "binary"),
    ("ESC\x1b[31mRED", "binary"),  # zxing marks control bytes as binary content
    ("PAY\u202eEVIL", "non_printable"),  # a right-to-left override disguises text
    ("X" * 600, "too_long"),
])
def test_bad_payloads_are_dropped_and_counted(payload: str | bytes, reason: str) -> None:
    pipeline = ScanPipeline()
    assert pipeline.process(frame(canvas((code_image(payload, 3), 10, 10)))) is None
    counters = pipeline.counters()
    assert counters[f"dropped_{reason}"] == 1
    assert counters["reads"] == 0 and counters["frames"] == 1


def test_line_breaks_and_non_ascii_text_pass() -> None:
    text = "Sean Owen\r\nBlåbær 42"
    scan = ScanPipeline().process(frame(canvas((code_image(text, 4), 100, 50))))
    assert scan is not None and scan.text == text


def test_held_code_is_one_scan_until_it_has_been_away() -> None:
    # Absence is measured on the frames' own timeline (the capture clock), not wall time.
    pipeline = ScanPipeline(hold_s=2.5)
    with_a = canvas((code_image(CODE_A, 4), 200, 100))
    with_b = canvas((code_image(CODE_B, 4), 200, 100))
    empty = canvas()
    script = [(0.0, with_a), (0.5, with_a), (1.0, empty), (2.9, with_a),  # held, blink: 1 scan
              (3.0, with_b),  # another code: at once
              (3.1, with_a),  # A is still "in view" (seen 0.2 s ago): no scan
              (6.0, empty), (6.1, with_a)]  # away 3.0 s: counts again
    texts = []
    for t, image in script:
        scan = pipeline.process(frame(image, t))
        texts.append(scan.text if scan else None)
    assert texts == [CODE_A, None, None, None, CODE_B, None, None, CODE_A]
    counters = pipeline.counters()
    assert counters["scans"] == 3 and counters["suppressed"] == 3 and counters["frames"] == 8


def test_confirmation_needs_consecutive_frames() -> None:
    pipeline = ScanPipeline(confirm_frames=3)
    a, empty = canvas((code_image(CODE_A, 4), 200, 100)), canvas()
    results = [pipeline.process(frame(img, t)) for t, img in
               [(0.0, a), (0.1, a), (0.2, empty), (0.3, a), (0.4, a), (0.5, a), (0.6, a)]]
    assert [r.text if r else None for r in results] == [None] * 5 + [CODE_A, None]


def test_scan_fields_and_latency() -> None:
    at = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    ticks = iter([100.0, 100.004])
    pipeline = ScanPipeline(clock=lambda: next(ticks), now_utc=lambda: at)
    image = cv2.cvtColor(canvas((code_image(CODE_A, 4), 200, 100)), cv2.COLOR_GRAY2BGRA)
    scan = pipeline.process(Frame(image=image, t=1.0, index=7, kind="video", file="x.avi"))
    assert scan == Scan(text=CODE_A, source="video", at=at, latency_ms=pytest.approx(4.0),
                        file="x.avi")
    with pytest.raises(dataclasses.FrozenInstanceError):
        scan.text = "other"  # type: ignore[misc]


def test_scan_requires_utc_and_a_known_source() -> None:
    with pytest.raises(ValueError):
        Scan(text="x", source="camera", at=datetime(2026, 1, 1), latency_ms=1.0)
    with pytest.raises(ValueError):
        Scan(text="x", source="fax", at=datetime.now(UTC), latency_ms=1.0)  # type: ignore[arg-type]


def test_still_images_are_each_their_own_scan() -> None:
    pipeline = ScanPipeline()
    image = canvas((code_image(CODE_A, 4), 200, 100))
    scans = [pipeline.process(frame(image, t=float(i), kind="image")) for i in range(3)]
    assert [s.text if s else None for s in scans] == [CODE_A] * 3
