"""Decode time and read rate per backend, and the pipeline against bare zxing-cpp.

    python bench/bench_decode.py             # quick
    python bench/bench_decode.py --frames 200

Frames are generated with fixed seeds (scanner/synthetic.py): "code" frames draw a
condition at random (tilted, blurred, dark mode, 40% brightness, ...), "empty" frames
show the counter with no code, the common case at a till. Figures are printed, never
asserted. Every bare-zxing floor uses the decoder's own options (READ_OPTIONS).

The last table is the guide region (the window's ScanPipeline(region=GUIDE)): a code
held in the guide is decoded from that square alone, a code elsewhere waits for the
whole-frame pass (within whole_every frames), an empty frame costs the square plus a
whole frame every whole_every-th.
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
from scanner.decoders.zxing import READ_OPTIONS  # noqa: E402
from scanner.frame import Frame  # noqa: E402
from scanner.pipeline import REGION_GROW, ScanPipeline, to_gray  # noqa: E402
from scanner.region import Region  # noqa: E402

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
PIPELINE_OPTIONS: dict[str, Any] = READ_OPTIONS
GUIDE = Region(side=0.62)  # the window's guide frame (ui/window/guide.py)
FRAME_S = 1 / 30


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


def bare_region(image: np.ndarray) -> list[zxingcpp.Barcode]:
    """The region floor: gray of the guide square alone, then bare zxing-cpp on it."""
    box = GUIDE.box(*image.shape[:2], grow=REGION_GROW)
    assert box is not None
    x0, y0, x1, y1 = box
    return zxingcpp.read_barcodes(cv2.cvtColor(image[y0:y1, x0:x1], cv2.COLOR_BGR2GRAY),
                                  **PIPELINE_OPTIONS)


def held(pipeline: ScanPipeline, image: np.ndarray, limit: int) -> tuple[float, int, str | None]:
    """A code held up to `limit` camera frames: decode ms until read, frames, the text."""
    spent = 0.0
    for i in range(limit):
        ms, scan = timed(pipeline.process, Frame(image, t=i * FRAME_S, index=i, kind="camera"))
        spent += ms
        if scan is not None:
            return spent, i + 1, scan.text
    return spent, limit, None


def bench_region(frames: int, seed: int) -> None:
    limit = 3
    print(f"\nGuide region at 1280x720: ScanPipeline(region=Region({GUIDE.side}),"
          f" whole_every={limit}) vs the pipeline on whole frames and bare zxing on the region"
          " alone (gray of the square + zxing: the region's floor)")
    print(f"decode ms per scan, median / p95 over frames of the best of {ROUNDS} runs; a code"
          " is held frame after frame until read (a fresh pipeline each time, so a code off"
          f" the guide waits all {limit} frames: the worst case); empty: mean ms per frame of"
          " a stream")
    print(f"{'frames':<14} {'region':>15} {'whole':>15} {'bare region':>15}  {'ratio':>6}   "
          "reads region / whole / bare region   read on frame 1 / 2 / 3 (region)")
    batches = {"code in guide": synthetic.frames(seed + 20, "varied", frames, guided=True),
               "code anywhere": synthetic.frames(seed + 21, "varied", frames)}
    for label, batch in batches.items():
        best: dict[str, list[float]] = {"region": [], "whole": [], "bare": []}
        reads = dict.fromkeys(best, 0)
        waited: list[int] = []
        for f in batch:
            runs: dict[str, list[float]] = {k: [] for k in best}
            for rnd in range(ROUNDS):
                ms, n, text = held(ScanPipeline(region=GUIDE, whole_every=limit), f.image,
                                   limit)
                runs["region"].append(ms)
                ms, _, whole_text = held(ScanPipeline(), f.image, 1)
                runs["whole"].append(ms)
                ms, found = timed(bare_region, f.image)
                runs["bare"].append(ms)
                if rnd == 0:
                    waited.append(n)
                    reads["region"] += text == f.text
                    reads["whole"] += whole_text == f.text
                    reads["bare"] += f.text in [b.text for b in found]
            for key, values in runs.items():
                best[key].append(min(values))
        cells = " ".join(f"{statistics.median(v):6.2f} / {percentile(v, 95):6.2f}"
                         for v in best.values())
        ratio = statistics.median(best["region"]) / statistics.median(best["bare"])
        spread = " / ".join(str(waited.count(k)) for k in range(1, limit + 1))
        print(f"{label:<14} {cells}  {ratio:5.2f}x   {reads['region']:>3} / {reads['whole']:>3}"
              f" / {reads['bare']:>3} of {len(batch)}   {spread}")
    empty = synthetic.frames(seed + 22, "empty", frames)
    mean: dict[str, float] = {}
    makers = {"region": lambda: ScanPipeline(region=GUIDE, whole_every=limit),
              "whole": ScanPipeline}
    for name, make in makers.items():
        # The same stream through a fresh pipeline each round: the same frames are decoded
        # whole every round, so the best of the rounds per frame is a fair floor of noise.
        rounds = []
        for _ in range(ROUNDS):
            pipeline = make()
            rounds.append([timed(pipeline.process, Frame(f.image, t=i * FRAME_S, index=i,
                                                         kind="camera"))[0]
                           for i, f in enumerate(empty)])
        mean[name] = statistics.fmean(min(col) for col in zip(*rounds, strict=True))
    bare = statistics.fmean(min(timed(bare_region, f.image)[0] for _ in range(ROUNDS))
                            for f in empty)
    print(f"{'empty':<14} {mean['region']:6.2f} mean     {mean['whole']:6.2f} mean  "
          f"   {bare:6.2f} mean  {mean['region'] / bare:5.2f}x")


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
    bench_region(args.frames, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
