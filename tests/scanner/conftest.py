"""Shared helpers for the scanner tests: sample photos, fake clocks, synthetic frames."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scanner.decoders import DecoderUnavailable, make_decoder


def qr_samples_dir() -> Path:
    """The real QR photographs: $KLIPP_QR_SAMPLES, else shared/qr-samples beside the repo."""
    env = os.environ.get("KLIPP_QR_SAMPLES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / ".." / "shared" / "qr-samples"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    path = qr_samples_dir()
    if not path.is_dir():
        pytest.fail(f"QR sample photos not found at {path}; set KLIPP_QR_SAMPLES")
    return path


@pytest.fixture(scope="session")
def pyzbar_decoder():
    try:
        return make_decoder("pyzbar")
    except DecoderUnavailable as exc:
        pytest.skip(f"pyzbar comparison skipped: {exc}")


class FakeClock:
    """Monotonic seconds that move only when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def mono_clock() -> FakeClock:
    """Monotonic seconds for the scanner (tests/conftest.py's `clock` is the till's UTC clock)."""
    return FakeClock()
