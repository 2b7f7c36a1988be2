"""Real photographs of QR codes (zxing-cpp's test images), decoded by each backend."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp

from scanner.decoders import Decoder, make_decoder
from scanner.pipeline import ScanPipeline, to_gray
from scanner.sources import ImageSource

# Some samples hold whole book pages (up to ~3,000 characters); a till's limit is lower.
LONG_ENOUGH = 4096


def _expected(samples: Path) -> dict[str, str]:
    source = ImageSource(samples)
    return {str(p): p.with_suffix(".txt").read_bytes().decode("utf-8") for p in source.files}


def _correct_reads(samples: Path, decoder: Decoder, max_length: int = LONG_ENOUGH) -> int:
    expected = _expected(samples)
    pipeline = ScanPipeline(decoder, max_length=max_length)
    right = 0
    for frame in ImageSource(samples).frames():
        scan = pipeline.process(frame)
        right += scan is not None and scan.text == expected[frame.file]
    return right


@pytest.fixture(scope="module")
def counts(samples_dir: Path) -> dict[str, int]:
    return {
        "total": len(_expected(samples_dir)),
        "zxing": _correct_reads(samples_dir, make_decoder("zxing")),
        "opencv": _correct_reads(samples_dir, make_decoder("opencv")),
    }


def test_samples_are_all_there(samples_dir: Path) -> None:
    expected = _expected(samples_dir)
    assert len(expected) == 57
    assert {Path(f).parent.name for f in expected} == {
        "qrcode-1", "qrcode-3", "qrcode-5", "qrcode-6"}


def test_default_backend_reads_every_photo(counts: dict[str, int], capsys) -> None:
    with capsys.disabled():
        print(f"\nreal photos: zxing {counts['zxing']}/{counts['total']}, "
              f"opencv {counts['opencv']}/{counts['total']}")
    assert counts["zxing"] == counts["total"]


def test_pipeline_reads_as_many_as_bare_zxing(samples_dir: Path, counts: dict[str, int]) -> None:
    expected = _expected(samples_dir)
    bare = 0
    for frame in ImageSource(samples_dir).frames():
        texts = [b.text for b in zxingcpp.read_barcodes(to_gray(frame.image))]
        bare += expected[frame.file] in texts
    assert counts["zxing"] >= bare


def test_default_beats_opencv(counts: dict[str, int]) -> None:
    assert counts["zxing"] >= counts["opencv"]


def test_default_at_least_matches_pyzbar(samples_dir: Path, counts: dict[str, int],
                                         pyzbar_decoder, capsys) -> None:
    zbar = _correct_reads(samples_dir, pyzbar_decoder)
    with capsys.disabled():
        print(f"\nreal photos: pyzbar {zbar}/{counts['total']}")
    assert counts["zxing"] >= zbar


def test_default_length_limit_drops_the_book_pages(samples_dir: Path) -> None:
    pipeline = ScanPipeline()
    scans = [pipeline.process(f) for f in ImageSource(samples_dir).frames()]
    long_ones = [t for t in _expected(samples_dir).values() if len(t) > 512]
    assert len(long_ones) == 4
    assert sum(s is not None for s in scans) == 57 - len(long_ones)
    assert pipeline.counters()["dropped_too_long"] == len(long_ones)
