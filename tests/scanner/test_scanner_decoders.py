"""Every backend behind one protocol; pyzbar's absence is a clear message, not a traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest
import qrcode

from scanner.decoders import BACKENDS, Decoder, DecoderUnavailable, make_decoder

TEXT = "KLIPP0123456789ABCDEFGHJKMNPQRSTVWXYZ0"


def clean_code() -> np.ndarray:
    qr = qrcode.QRCode(border=4)
    qr.add_data(TEXT)
    qr.make(fit=True)
    m = np.array(qr.get_matrix())
    code = np.kron(np.where(m, 0, 255).astype(np.uint8), np.ones((5, 5), np.uint8))
    img = np.full((480, 640), 230, np.uint8)
    img[100:100 + code.shape[0], 200:200 + code.shape[1]] = code
    return img


@pytest.mark.parametrize("name", ["zxing", "opencv"])
def test_backend_reads_a_clean_code(name: str) -> None:
    decoder = make_decoder(name)
    assert isinstance(decoder, Decoder) and decoder.name == name
    reads = decoder.decode(clean_code())
    assert [r.text for r in reads] == [TEXT]
    assert reads[0].area > 100 * 100


def test_pyzbar_reads_a_clean_code(pyzbar_decoder) -> None:
    assert [r.text for r in pyzbar_decoder.decode(clean_code())] == [TEXT]


@pytest.mark.parametrize("name", BACKENDS)
def test_empty_frame_reads_nothing(name: str) -> None:
    try:
        decoder = make_decoder(name)
    except DecoderUnavailable as exc:
        pytest.skip(str(exc))
    assert decoder.decode(np.full((480, 640), 128, np.uint8)) == []


def test_unknown_backend_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="zxing, pyzbar, opencv"):
        make_decoder("tesseract")


def _run_isolated(setup: str) -> subprocess.CompletedProcess[str]:
    """Construct the pyzbar backend in a fresh interpreter after `setup` breaks it."""
    script = textwrap.dedent(setup) + textwrap.dedent("""
        from scanner.decoders import DecoderUnavailable, make_decoder
        try:
            make_decoder("pyzbar")
        except DecoderUnavailable as exc:
            print("UNAVAILABLE", exc)
        else:
            print("AVAILABLE")
    """)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)


def test_missing_zbar_library_names_the_system_package() -> None:
    # ctypes finds no libzbar, as on a till without the package installed.
    result = _run_isolated("""
        import ctypes.util
        ctypes.util.find_library = lambda name: None
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("UNAVAILABLE")
    assert "install the system package libzbar0 (apt-get install libzbar0)" in result.stdout
    assert "Traceback" not in result.stderr


def test_missing_pyzbar_module_names_both_packages() -> None:
    result = _run_isolated("""
        import sys
        sys.modules["pyzbar"] = None
    """)
    assert result.stdout.startswith("UNAVAILABLE")
    assert "pyzbar" in result.stdout and "libzbar0" in result.stdout
    assert "Traceback" not in result.stderr


def test_unavailable_is_not_an_import_error() -> None:
    assert not issubclass(DecoderUnavailable, ImportError)
