"""klipp-scan: read QR codes from a camera, a video, an image or a folder, headless."""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from scanner.decoders import BACKENDS, DEFAULT_BACKEND, DecoderUnavailable, make_decoder
from scanner.dedup import DEFAULT_HOLD_S
from scanner.payload import DEFAULT_MAX_LENGTH
from scanner.pipeline import ScanPipeline
from scanner.scan import Scan
from scanner.service import ScanService
from scanner.sources import (
    CameraSource,
    FrameSource,
    ImageSource,
    SourceError,
    SourceState,
    StateCallback,
    VideoFileSource,
)
from scanner.sources.images import IMAGE_SUFFIXES, load_image

PROG = "klipp-scan"
# Played as videos without trying them as images first.
VIDEO_SUFFIXES = frozenset({".mp4", ".m4v", ".mov", ".avi", ".mkv", ".webm", ".mpg", ".mpeg",
                            ".wmv", ".3gp", ".ts", ".mts", ".m2ts", ".ogv", ".flv", ".mjpeg"})


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    # argparse prints a usage block and exits; this tool promises one line and a code.
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _resolution(value: str) -> tuple[int, int]:
    try:
        w, h = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {value!r}") from None
    if w <= 0 or h <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive size, got {value!r}")
    return w, h


def _device(value: str) -> int | str:
    return int(value) if value.isdigit() else value


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface of klipp-scan."""
    p = _Parser(prog=PROG, description="Read QR codes headless and print each scan.")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--camera", type=_device, metavar="INDEX|DEVICE",
                       help="camera index (0) or device path (/dev/video0)")
    where.add_argument("path", nargs="?", type=Path,
                       help="a video file, an image, or a folder of images")
    p.add_argument("--backend", choices=BACKENDS, default=DEFAULT_BACKEND,
                   help="decoder (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="print one JSON object per scan")
    p.add_argument("--resolution", type=_resolution, default=(1280, 720),
                   help="camera resolution, e.g. 640x480 (default: 1280x720)")
    p.add_argument("--hold", type=float, default=DEFAULT_HOLD_S, metavar="SECONDS",
                   help="a code counts again after this long out of view (default: %(default)s)")
    p.add_argument("--confirm", type=int, default=1, metavar="N",
                   help="require the same code in N consecutive frames (default: 1)")
    p.add_argument("--max-length", type=int, default=DEFAULT_MAX_LENGTH,
                   help="drop codes longer than this (default: %(default)s)")
    p.add_argument("--realtime", action="store_true",
                   help="play a video at its frame rate, dropping frames like a camera")
    p.add_argument("--seconds", type=float, metavar="S",
                   help="stop a camera after S seconds (default: run until Ctrl-C)")
    return p


def _format(scan: Scan, as_json: bool) -> str:
    if as_json:
        return json.dumps(scan.to_dict(), ensure_ascii=False)
    where = f"  {scan.file}" if scan.file else ""
    # Line breaks inside a code would split one scan over several output lines.
    text = scan.text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
    return f"{scan.to_dict()['at']}  {scan.source}  {scan.latency_ms:6.1f} ms{where}  {text}"


def _open_source(args: argparse.Namespace, on_state: StateCallback) -> FrameSource:
    if args.camera is not None:
        return CameraSource(args.camera, resolution=args.resolution, on_state=on_state)
    path: Path = args.path
    if not path.exists():
        raise SourceError(f"no such file or folder: {path}")
    if path.is_dir() or path.suffix.lower() in IMAGE_SUFFIXES:
        return ImageSource(path, on_state=on_state, every_file=True)
    if path.suffix.lower() in VIDEO_SUFFIXES:
        return VideoFileSource(path, realtime=args.realtime, on_state=on_state)
    # No telling suffix (an SVG, a text file, a photo named .dat): an image if it reads as
    # one, else a video if OpenCV can play it, else one line saying neither.
    if load_image(path) is not None:
        return ImageSource(path, on_state=on_state)
    try:
        return VideoFileSource(path, realtime=args.realtime, on_state=on_state)
    except SourceError:
        raise SourceError(f"cannot open {path} as an image or a video") from None


def _run_images(source: ImageSource, pipeline: ScanPipeline, on_scan: Callable[[Scan], None],
                note: Callable[[str], None], stopped: threading.Event) -> None:
    """Every file in order on this thread, one line each: the scan, or why there is none.

    Unreadable files are reported by the source itself (SKIPPED) in the same order.
    """
    for frame in source.frames():
        if stopped.is_set():
            return
        result = pipeline.examine(frame)
        if result.scan is not None:
            on_scan(result.scan)
        else:
            note(f"{frame.file}: {result.problem}")


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run klipp-scan; returns the exit status (0 ok, 1 failure, 2 bad usage)."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr

    def fail(message: str, status: int = 1) -> int:
        print(f"{PROG}: error: {message}", file=err)
        return status

    try:
        args = build_parser().parse_args(argv)
    except _UsageError as exc:
        return fail(str(exc), 2)
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    if args.camera is None and args.path is None:
        return fail("give --camera INDEX|DEVICE, or a video, image or folder path", 2)
    if args.hold < 0 or args.confirm < 1 or args.max_length < 1:
        return fail("--hold must be >= 0, --confirm and --max-length >= 1", 2)

    _quiet_opencv()
    lock = threading.Lock()
    camera_seen = threading.Event()
    reader_gone = threading.Event()

    failure: list[str] = []

    def on_state(state: SourceState, detail: str) -> None:
        if state is SourceState.RUNNING and args.camera is not None:
            camera_seen.set()
        if state is SourceState.FAILED:
            failure.append(detail)  # becomes the one error line at the end
            return
        if state in (SourceState.FINISHED, SourceState.STOPPED, SourceState.RUNNING):
            return
        # A file that is no image: "<file>: not a readable image", like a file without a code.
        note(detail if state is SourceState.SKIPPED else f"{state.value}: {detail}")

    def note(line: str) -> None:
        with lock:
            print(f"{PROG}: {line}", file=err, flush=True)

    def on_scan(scan: Scan) -> None:
        line = _format(scan, args.json)
        with lock:
            if reader_gone.is_set():
                return
            try:
                try:
                    print(line, file=out, flush=True)
                except UnicodeEncodeError:
                    # A terminal that cannot show the text still gets an unambiguous line.
                    print(line.encode("ascii", "backslashreplace").decode("ascii"), file=out,
                          flush=True)
            except BrokenPipeError:
                reader_gone.set()  # e.g. piped into `head`: stop quietly

    try:
        decoder = make_decoder(args.backend)
        source = _open_source(args, on_state)
    except (DecoderUnavailable, SourceError) as exc:
        return fail(str(exc))
    pipeline = ScanPipeline(decoder, hold_s=args.hold, confirm_frames=args.confirm,
                            max_length=args.max_length)
    if isinstance(source, ImageSource):
        # Photographs need no threads, and on this one every file's line keeps its order.
        try:
            _run_images(source, pipeline, on_scan, note, reader_gone)
        except KeyboardInterrupt:
            pass
    else:
        _run_service(args, source, pipeline, on_scan, reader_gone)
    if reader_gone.is_set():
        _silence_stdout(out)
        return 0
    if failure:
        return fail(f"{source.kind} source failed: {failure[-1]}")
    if args.camera is not None and not camera_seen.is_set():
        return fail(f"camera {args.camera} delivered no frames (missing, busy or no permission?)")
    summary = _summary(pipeline.counters())
    if isinstance(source, ImageSource) and source.skipped:
        summary += f", {len(source.skipped)} unreadable file(s)"
    print(f"{PROG}: {summary}", file=err)
    return 0


def _run_service(args: argparse.Namespace, source: FrameSource, pipeline: ScanPipeline,
                 on_scan: Callable[[Scan], None], reader_gone: threading.Event) -> None:
    service = ScanService(source, on_scan, pipeline=pipeline,
                          lossless=args.camera is None and not args.realtime)
    deadline = None
    if args.camera is not None and args.seconds is not None:
        deadline = time.monotonic() + args.seconds
    service.start()
    try:
        while not service.wait(0.2) and not reader_gone.is_set():
            if deadline is not None and time.monotonic() >= deadline:
                break
    except KeyboardInterrupt:
        pass
    finally:
        service.stop()


def _summary(counts: dict[str, int]) -> str:
    text = f"{counts['frames']} frame(s), {counts['scans']} scan(s)"
    dropped = [f"{k.removeprefix('dropped_')}: {v}" for k, v in counts.items()
               if k.startswith("dropped_") and v]
    if dropped:
        text += ", dropped " + ", ".join(dropped)
    return text


def _silence_stdout(out: TextIO) -> None:
    # Python flushes stdout at exit and would report the closed pipe once more.
    if out is sys.stdout:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _quiet_opencv() -> None:
    # OpenCV writes "[ WARN:0@...] can't open camera by index" and, for a file its video
    # reader cannot decode, "[ERROR:0@...] cap_ffmpeg_impl.hpp ..." itself; our own
    # line says the same thing once, in words.
    import cv2

    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)


if __name__ == "__main__":
    raise SystemExit(main())
