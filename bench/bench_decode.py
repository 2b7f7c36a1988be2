"""Decode time and read rate per backend, and the pipeline against bare zxing-cpp.

    python bench/bench_decode.py             # quick
    python bench/bench_decode.py --frames 200

Frames are generated with fixed seeds (scanner/synthetic.py): "code" frames draw a
condition at random (tilted, blurred, dark mode, 40% brightness, ...), "empty" frames
show the counter with no code, the common case at a till. Figures are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import zxingcpp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scanner import synthetic  # noqa: E402
from scanner.decoders import BACKENDS, Decoder, DecoderUnavailable, make_decoder  # noqa: E402
from scanner.frame import Frame  # noqa: E402
from scanner.pipeline import ScanPipeline, to_gray  # noqa: E402

SIZES = {"640x480": (640, 480), "1280x720": (1280, 720)}
ROUNDS = 5  # timing rounds over the same frames in the pipeline comparison


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def timed(fn: Callable[..., Any], *args: object) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn(*args)
    return (time.perf_counter() - start) * 1000, result


def backends() -> dict[str, Decoder]:
    found: dict[str, Decoder] = {}
    for name in BACKENDS:
        try:
            found[name] = make_decoder(name)
        except DecoderUnavailable as exc:
            print(f"  ({name} skipped: {exc})")
    return found


def bench_backends(decoders: dict[str, Decoder], frames: int, seed: int) -> None:
    print(f"\nPer-frame decode time on the gray frame, ms (median / p95), {frames} frames each")
    print(f"{'size':<9} {'backend':<8} {'with code':>16} {'read':>6} {'empty':>16} {'phantom':>8}")
    for label, size in SIZES.items():
        coded = synthetic.frames(seed, "varied", frames, size)
        empty = synthetic.frames(seed + 1, "empty", frames, size)
        grays = [(to_gray(f.image), f.text) for f in coded]
        empties = [to_gray(f.image) for f in empty]
        for name, decoder in decoders.items():
            decoder.decode(grays[0][0])  # first call pays one-off set-up
            t_code, ok = [], 0
            for gray, text in grays:
                ms, reads = timed(decoder.decode, gray)
                t_code.append(ms)
                ok += text in [r.text for r in reads]
            t_empty, phantom = [], 0
            for gray in empties:
                ms, reads = timed(decoder.decode, gray)
                t_empty.append(ms)
                phantom += bool(reads)
            print(f"{label:<9} {name:<8} "
                  f"{statistics.median(t_code):7.2f} / {percentile(t_code, 95):6.2f} "
                  f"{100 * ok / len(grays):5.0f}% "
                  f"{statistics.median(t_empty):7.2f} / {percentile(t_empty, 95):6.2f} "
                  f"{phantom:>8}")


def bench_conditions(decoders: dict[str, Decoder], frames: int, seed: int) -> None:
    names = list(synthetic.CONDITIONS)
    print(f"\nRead rate per condition at 1280x720, {frames} frames each")
    print(f"{'condition':<13}" + "".join(f"{n:>9}" for n in decoders))
    totals = dict.fromkeys(decoders, 0)
    for i, condition in enumerate(names):
        batch = [(to_gray(f.image), f.text)
                 for f in synthetic.frames(seed + 100 + i, condition, frames)]
        row = f"{condition:<13}"
        for name, decoder in decoders.items():
            ok = sum(text in [r.text for r in decoder.decode(g)] for g, text in batch)
            totals[name] += ok
            row += f"{100 * ok / frames:8.0f}%"
        print(row)
    print(f"{'all':<13}" + "".join(
        f"{100 * totals[n] / (frames * len(names)):8.1f}%" for n in decoders))


def bare_default(gray: np.ndarray) -> list[zxingcpp.Barcode]:
    """zxing-cpp as it comes: every format, default options."""
    return zxingcpp.read_barcodes(gray)


# The pipeline's zxing options (scanner/decoders/zxing.py), so the floor does the same work:
# a floor with try_rotate on would be slower than the pipeline's decoder and flatter it.
PIPELINE_OPTIONS: dict[str, Any] = {
    "formats": zxingcpp.BarcodeFormat.QRCode, "try_rotate": False, "try_downscale": True,
    "try_invert": True, "text_mode": zxingcpp.TextMode.Plain}


def bare_qr(gray: np.ndarray) -> list[zxingcpp.Barcode]:
    """zxing-cpp with exactly the pipeline decoder's options: the floor."""
    return zxingcpp.read_barcodes(gray, **PIPELINE_OPTIONS)


def bench_pipeline_vs_bare(frames: int, seed: int) -> None:
    print("\nProject pipeline (BGR in: gray conversion, decode, pick, checks, de-dup) vs bare "
          "zxingcpp.read_barcodes on the same gray frame, and on the camera's own BGR frame; "
          "bare all: every format, default options, for scale")
    print(f"per frame the best of {ROUNDS} runs for every column alike (other load on the "
          "machine only adds), then median over frames, ms; bare QR and QR BGR use the "
          "pipeline decoder's own zxing options")
    print(f"{'size':<9} {'frames':<6} {'pipeline':>9} {'bare QR':>8} {'ratio':>6} "
          f"{'QR BGR':>8} {'ratio':>6} {'bare all':>9} {'ratio':>6}   "
          f"{'reads: pipeline / bare QR / QR BGR / bare all'}")
    for label, size in SIZES.items():
        for kind in ("code", "empty"):
            batch = synthetic.frames(seed + 7, "varied" if kind == "code" else "empty",
                                     frames, size)
            pipeline = ScanPipeline()
            grays = [to_gray(f.image) for f in batch]
            bare_default(grays[0])
            pipeline.process(Frame(batch[0].image, t=-100.0, index=0, kind="camera"))
            best: dict[str, list[float]] = {"pipe": [], "qr": [], "bgr": [], "all": []}
            reads = dict.fromkeys(best, 0)
            for i, (f, gray) in enumerate(zip(batch, grays, strict=True)):
                runs: dict[str, tuple[Callable[..., Any], object]] = {
                    "qr": (bare_qr, gray), "bgr": (bare_qr, f.image),
                    "all": (bare_default, gray)}
                times: dict[str, list[float]] = {k: [] for k in best}
                for rnd in range(ROUNDS):
                    # Far apart in time, so every read is a new scan, the costliest path.
                    frame = Frame(f.image, t=(rnd * frames + i) * 10.0, index=i, kind="camera")
                    runs["pipe"] = (pipeline.process, frame)
                    # Rotate the order so no side always runs with the warmest cache.
                    keys = ["pipe", "qr", "bgr", "all"]
                    order = keys[rnd % 4:] + keys[:rnd % 4]
                    for key in order:
                        ms, result = timed(*runs[key])
                        times[key].append(ms)
                        if rnd:
                            continue
                        if key == "pipe":
                            texts = [result.text] if result is not None else []
                        else:
                            texts = [b.text for b in result]
                        reads[key] += f.text is not None and f.text in texts
                for key, values in times.items():
                    best[key].append(min(values))
            med = {k: statistics.median(v) for k, v in best.items()}
            got = (" / ".join(f"{reads[k]}/{frames}" for k in best) if kind == "code"
                   else "-")
            print(f"{label:<9} {kind:<6} {med['pipe']:9.2f} {med['qr']:8.2f} "
                  f"{med['pipe'] / med['qr']:5.2f}x {med['bgr']:8.2f} "
                  f"{med['pipe'] / med['bgr']:5.2f}x {med['all']:9.2f} "
                  f"{med['pipe'] / med['all']:5.2f}x   {got}")


def bench_options(frames: int, seed: int) -> None:
    """Whether downscaling or skipping zxing's own pyramid would pay (it does not)."""
    print("\nzxing-cpp QR options at 1280x720: median ms (code / empty), reads")
    coded = [(to_gray(f.image), f.text) for f in synthetic.frames(seed + 3, "varied", frames)]
    empty = [to_gray(f.image) for f in synthetic.frames(seed + 4, "empty", frames)]

    def half(gray: np.ndarray) -> np.ndarray:
        return cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)

    used = PIPELINE_OPTIONS
    variants: dict[str, Callable[[np.ndarray], list[zxingcpp.Barcode]]] = {
        "as used (try_downscale on)": lambda g: zxingcpp.read_barcodes(g, **used),
        "try_downscale off": lambda g: zxingcpp.read_barcodes(
            g, **{**used, "try_downscale": False}),
        "our own 1/2 downscale first": lambda g: zxingcpp.read_barcodes(half(g), **used),
        "try_invert off": lambda g: zxingcpp.read_barcodes(g, **{**used, "try_invert": False}),
    }
    for label, fn in variants.items():
        t_code, ok = [], 0
        for gray, text in coded:
            ms, found = timed(fn, gray)
            t_code.append(ms)
            ok += text in [b.text for b in found]
        t_empty = [timed(fn, gray)[0] for gray in empty]
        print(f"  {label:<28} {statistics.median(t_code):6.2f} / "
              f"{statistics.median(t_empty):5.2f}   {ok}/{len(coded)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=30, help="frames per measurement")
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args(argv)
    print(f"bench_decode: {args.frames} frames per measurement, seed {args.seed}")
    decoders = backends()
    bench_backends(decoders, args.frames, args.seed)
    bench_conditions(decoders, max(10, args.frames // 2), args.seed)
    bench_options(args.frames, args.seed)
    bench_pipeline_vs_bare(args.frames, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
