"""Still images, one file or a folder of them, as a frame source."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from scanner.frame import Frame
from scanner.sources.base import FrameSink, SourceError, SourceState, StateCallback, ThreadedSource

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff", ".gif"})


def load_image(path: Path) -> np.ndarray | None:
    """A BGR image from a file, or None when it is not a readable image."""
    try:
        data = np.fromfile(path, dtype=np.uint8)  # also for names imread cannot spell
    except OSError:
        return None
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is not None:
        return image
    # Pillow reads a few formats this OpenCV build may lack (GIF, some TIFFs).
    try:
        with Image.open(path) as im:
            return cv2.cvtColor(np.asarray(im.convert("RGB")), cv2.COLOR_RGB2BGR)
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def _natural_key(path: Path) -> list[object]:
    # 2.png before 10.png, as a person numbering photos expects.
    return [int(part) if part.isdigit() else part.lower()
            for part in re.split(r"(\d+)", path.as_posix())]


def find_images(folder: Path, *, every_file: bool = False) -> list[Path]:
    """Image files under `folder`, subfolders included, hidden ones skipped, in natural order.

    `every_file`: all files, whatever their suffix (a person checking a folder wants to hear
    about the SVG or the text file in it too).
    """
    found = [
        p for p in folder.rglob("*")
        if (every_file or p.suffix.lower() in IMAGE_SUFFIXES) and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(found, key=lambda p: _natural_key(p.relative_to(folder)))


class ImageSource(ThreadedSource):
    """Frames from one image file or every image in a folder, each a photograph of its own."""

    kind = "image"

    def __init__(self, path: str | Path, *, on_state: StateCallback | None = None,
                 every_file: bool = False) -> None:
        super().__init__(on_state)
        self.path = Path(path)
        if self.path.is_dir():
            self.files = find_images(self.path, every_file=every_file)
            if not self.files:
                raise SourceError(f"no images in folder {self.path}")
        elif self.path.is_file():
            self.files = [self.path]
        else:
            raise SourceError(f"no such image file or folder: {self.path}")
        self.skipped: list[Path] = []

    def frames(self) -> Iterator[Frame]:
        """One frame per readable image, on the calling thread; unreadable ones are skipped."""
        for index, path in enumerate(self.files):
            image = load_image(path)
            if image is None:
                self.skipped.append(path)
                self._report(SourceState.SKIPPED, f"{path}: not a readable image")
                continue
            yield Frame(image=image, t=float(index), index=index, kind="image", file=str(path))

    def _run(self, sink: FrameSink) -> None:
        self._report(SourceState.RUNNING, f"{len(self.files)} image(s) from {self.path}")
        for frame in self.frames():
            if self._stopping.is_set() or not sink.put(frame):
                self._report(SourceState.STOPPED)
                return
        self._report(SourceState.FINISHED, f"read {len(self.files)} image(s)")
