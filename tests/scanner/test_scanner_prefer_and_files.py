"""Issue 7's scanner fixes: an undecodable OpenCV payload is a counted drop; klipp-scan gives
every file of a folder a line; a valid card of this organisation wins over a larger code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
import qrcode
import qrcode.util

from kiosk import cards
from kiosk.errors import CardRefused
from scanner.decoders import make_decoder, pick_one
from scanner.frame import Frame
from scanner.pipeline import ScanPipeline

REPO = Path(__file__).resolve().parents[2]


class _Kanji(qrcode.util.QRData):
    """A Kanji-mode segment (Shift-JIS), which the qrcode package cannot make itself."""

    def __init__(self, text: str) -> None:
        self.mode = qrcode.util.MODE_KANJI
        self.data = text.encode("shift_jis")

    def __len__(self) -> int:
        return len(self.data) // 2

    def write(self, buffer: qrcode.util.BitBuffer) -> None:
        for i in range(0, len(self.data), 2):
            c = (self.data[i] << 8) | self.data[i + 1]
            c -= 0x8140 if c <= 0x9FFC else 0xC140
            buffer.put((c >> 8) * 0xC0 + (c & 0xFF), 13)


def _matrix(data: object, module: int) -> np.ndarray:
    qr = qrcode.QRCode(border=4)
    qr.add_data(data)
    qr.make(fit=True)
    matrix = np.array(qr.get_matrix())
    return np.kron(np.where(matrix, 0, 255).astype(np.uint8), np.ones((module, module), np.uint8))


def _card_image(code: str, box_size: int) -> np.ndarray:
    """The card as the core renders it for printing, decoded back to pixels."""
    png = np.frombuffer(cards.render_png(code, box_size=box_size), np.uint8)
    return cv2.imdecode(png, cv2.IMREAD_GRAYSCALE)


def _canvas(*placed: tuple[np.ndarray, int, int], size: tuple[int, int] = (900, 600)
            ) -> np.ndarray:
    w, h = size
    image = np.full((h, w), 210, np.uint8)
    for code, x, y in placed:
        image[y:y + code.shape[0], x:x + code.shape[1]] = code
    return image


def _frame(image: np.ndarray, kind: str = "camera") -> Frame:
    return Frame(image=image, t=0.0, index=0, kind=kind)  # type: ignore[arg-type]


# --- OpenCV and a payload that is not UTF-8 ---------------------------------------------------

def test_opencv_counts_a_non_utf8_payload_as_dropped() -> None:
    image = _canvas((_matrix(_Kanji("漢字テスト"), 5), 40, 40), size=(400, 400))
    pipeline = ScanPipeline(make_decoder("opencv"))
    assert pipeline.process(_frame(image)) is None  # no UnicodeDecodeError either
    counters = pipeline.counters()
    assert counters["frames"] == 1 and counters["reads"] == 0
    assert counters["dropped_binary"] == 1


# --- klipp-scan on a folder: a line for every file --------------------------------------------

def _klipp_scan(*args: str) -> subprocess.CompletedProcess[str]:
    # A process of its own: OpenCV's native messages bypass Python's sys.stderr.
    return subprocess.run([sys.executable, "-m", "scanner", *args], cwd=REPO, text=True,
                          capture_output=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("camera-check")
    cv2.imwrite(str(folder / "01-card.png"), _canvas((_card_image("AB12-CD34", 6), 80, 80)))
    cv2.imwrite(str(folder / "02-blank.png"), _canvas())
    cards.render_svg("AB12-CD34", folder / "03-card.svg")
    (folder / "04-notes.txt").write_text("not a picture")
    (folder / "05-broken.jpg").write_bytes(b"\xff\xd8 cut off")
    return folder


def test_every_file_of_a_folder_gets_one_line(mixed_folder: Path) -> None:
    result = _klipp_scan(str(mixed_folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith(f"{mixed_folder / '01-card.png'}  AB12-CD34")
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr.splitlines() == [
        f"klipp-scan: {mixed_folder / '02-blank.png'}: no code found",
        f"klipp-scan: {mixed_folder / '03-card.svg'}: not a readable image",
        f"klipp-scan: {mixed_folder / '04-notes.txt'}: not a readable image",
        f"klipp-scan: {mixed_folder / '05-broken.jpg'}: not a readable image",
        "klipp-scan: 2 frame(s), 1 scan(s), 3 unreadable file(s)",
    ]


@pytest.mark.parametrize("name", ["03-card.svg", "04-notes.txt"])
def test_a_file_that_is_neither_image_nor_video_is_one_line(mixed_folder: Path,
                                                            name: str) -> None:
    result = _klipp_scan(str(mixed_folder / name))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (f"klipp-scan: error: cannot open {mixed_folder / name}"
                             " as an image or a video\n")


# --- a valid card of this organisation wins over a larger code --------------------------------

@pytest.fixture(scope="module")
def shop_cards() -> dict[str, str]:
    ours, theirs = cards.new_prefix(), cards.new_prefix()
    while theirs == ours:
        theirs = cards.new_prefix()
    key = cards.new_card_key()
    return {"prefix": ours, "key": key, "ours": cards.new_code(ours, key),
            "theirs": cards.new_code(theirs, cards.new_card_key())}


def _is_our_card(shop: dict[str, str]):  # noqa: ANN202 - a Prefer
    def prefer(text: str) -> bool:
        try:
            cards.check(text, prefix=shop["prefix"], card_key=shop["key"])
        except CardRefused:
            return False
        return True
    return prefer


@pytest.mark.parametrize("big", ["another shop's card", "a flyer"])
def test_a_valid_card_beats_a_larger_code(big: str, shop_cards: dict[str, str]) -> None:
    text = shop_cards["theirs"] if big == "another shop's card" else "https://example.com/tilbud?uke=48"
    large = _card_image(text, 12) if big == "another shop's card" else _matrix(text, 12)
    image = _canvas((large, 40, 40), (_card_image(shop_cards["ours"], 4), 640, 360))
    reads = make_decoder().decode(image)
    assert sorted(r.text for r in reads) == sorted([text, shop_cards["ours"]])  # both seen
    assert pick_one(reads, image.shape).text == text  # by size alone the other would win
    plain = ScanPipeline().process(_frame(image))
    assert plain is not None and plain.text == text
    preferring = ScanPipeline(prefer=_is_our_card(shop_cards))
    scan = preferring.process(_frame(image))
    assert scan is not None and scan.text == shop_cards["ours"]


def test_without_a_valid_card_the_largest_still_wins(shop_cards: dict[str, str]) -> None:
    image = _canvas((_card_image(shop_cards["theirs"], 12), 40, 40),
                    (_matrix("https://example.com", 4), 640, 360))
    scan = ScanPipeline(prefer=_is_our_card(shop_cards)).process(_frame(image))
    assert scan is not None and scan.text == shop_cards["theirs"]


def test_a_failing_hook_does_not_stop_decoding(shop_cards: dict[str, str]) -> None:
    def broken(_text: str) -> bool:
        raise RuntimeError("database is locked")

    image = _canvas((_matrix("https://example.com/stor", 12), 40, 40),
                    (_card_image(shop_cards["ours"], 4), 640, 360))
    scan = ScanPipeline(prefer=broken).process(_frame(image))
    assert scan is not None and scan.text == "https://example.com/stor"
