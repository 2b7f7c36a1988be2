"""Frames per second the capture and decode threads sustain on one core.

    python bench/bench_capture.py             # 10 s of 720p at 30 fps
    python bench/bench_capture.py --seconds 60 --size 640x480

A 30 fps video with member codes coming and going is generated once (bench/out/) and
played through cv2.VideoCapture, as a camera would deliver MJPG: first as fast as the
threads go (every frame decoded), then paced at 30 fps with latest-frame-wins, where
the figures to watch are dropped frames and the share of the core in use.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scanner import synthetic  # noqa: E402
from scanner.scan import Scan  # noqa: E402
from scanner.service import ScanService  # noqa: E402
from scanner.sources import VideoFileSource  # noqa: E402

FPS = 30
OUT = Path(__file__).resolve().parent / "out"
CONDITIONS = ["clean", "phone_40pct", "dark_mode", "tilted", "cafe_light", "small"]


def make_video(path: Path, size: tuple[int, int], seconds: float) -> int:
    """Codes shown for 1.5 s in every 3 s, each a new one; returns how many appear."""
    rng = np.random.default_rng(30)
    scene = synthetic.background(rng, size)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), FPS, size)
    if not writer.isOpened():
        raise SystemExit(f"cannot write {path}")
    shown = 0
    period, lead, visible = 3 * FPS, FPS // 2, FPS * 3 // 2
    text, condition = "", "empty"
    for i in range(int(seconds * FPS)):
        phase = i % period
        if phase == lead:
            text = synthetic.member_code(rng)
            condition = CONDITIONS[shown % len(CONDITIONS)]
            shown += 1
        on = lead <= phase < lead + visible
        frame = synthetic.make_frame(rng, condition if on else "empty", size,
                                     text=text if on else None, scene=scene)
        writer.write(frame.image)
    writer.release()
    return shown


def pin_to_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    cv2.setNumThreads(1)
    return f"pinned to core {core}"


def run(video: Path, *, realtime: bool) -> tuple[int, int, int, float, float]:
    """(frames decoded, frames dropped, scans, wall seconds, CPU seconds)."""
    scans: list[Scan] = []
    source = VideoFileSource(video, realtime=realtime)
    service = ScanService(source, scans.append, lossless=not realtime)
    wall, cpu = time.perf_counter(), time.process_time()
    service.start()
    service.wait()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    service.stop()
    frames = service.pipeline.counters()["frames"]
    return frames, service.frames_dropped, len(scans), wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="video length")
    parser.add_argument("--size", default="1280x720", help="WIDTHxHEIGHT")
    parser.add_argument("--all-cores", action="store_true", help="do not pin to one core")
    args = parser.parse_args(argv)
    w, h = (int(v) for v in args.size.lower().split("x"))
    OUT.mkdir(exist_ok=True)
    video = OUT / f"capture_{w}x{h}_{FPS}fps_{args.seconds:g}s.avi"
    marker = video.with_suffix(".codes")
    if not video.exists() or not marker.exists():
        print(f"generating {video.name} ...")
        marker.write_text(str(make_video(video, (w, h), args.seconds)))
    shown = int(marker.read_text())
    print(f"bench_capture: {video.name}, {shown} code appearances, "
          f"{pin_to_one_core() if not args.all_cores else 'all cores'}")

    frames, _, scans, wall, cpu = run(video, realtime=False)
    print(f"as fast as possible: {frames} frames in {wall:.2f} s = {frames / wall:.0f} fps "
          f"({frames / wall / FPS:.1f}x real time), {scans}/{shown} appearances scanned")
    frames, dropped, scans, wall, cpu = run(video, realtime=True)
    print(f"paced at {FPS} fps:     {frames} decoded, {dropped} dropped, "
          f"{scans}/{shown} appearances scanned, core busy {100 * cpu / wall:.0f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
