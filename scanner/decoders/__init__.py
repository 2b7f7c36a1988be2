"""QR decoders behind one protocol; zxing-cpp is the default (see bench/bench_decode.py)."""

from __future__ import annotations

from scanner.decoders.base import Decoder, DecoderUnavailable, Prefer, Read, pick_one

BACKENDS = ("zxing", "pyzbar", "opencv")
DEFAULT_BACKEND = "zxing"


def make_decoder(name: str = DEFAULT_BACKEND) -> Decoder:
    """A decoder by backend name; raises DecoderUnavailable with install advice."""
    if name == "zxing":
        from scanner.decoders.zxing import ZxingDecoder

        return ZxingDecoder()
    if name == "pyzbar":
        from scanner.decoders.zbar import PyzbarDecoder

        return PyzbarDecoder()
    if name == "opencv":
        from scanner.decoders.opencv import OpenCVDecoder

        return OpenCVDecoder()
    raise ValueError(f"unknown decoder backend {name!r}; choose one of {', '.join(BACKENDS)}")


__all__ = ["BACKENDS", "DEFAULT_BACKEND", "Decoder", "DecoderUnavailable", "Prefer", "Read",
           "make_decoder", "pick_one"]
