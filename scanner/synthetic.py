"""Synthetic camera frames with QR codes, for tests and benchmarks.

Each condition imitates one way a code reaches the till camera badly: a phone at
40% brightness, dark mode, glare, blur, a tilted card, and so on. Frames are
drawn from a seeded generator so a run is reproducible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import qrcode

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MEMBER_CODE_LENGTH = 38


@dataclass(frozen=True)
class SyntheticFrame:
    """A BGR frame and the text of the code drawn in it (None when there is none)."""

    image: np.ndarray
    text: str | None
    condition: str


def member_code(rng: np.random.Generator, length: int = MEMBER_CODE_LENGTH) -> str:
    """A random code shaped like a Klipp card code (Crockford base32, upper case)."""
    return "".join(CROCKFORD[i] for i in rng.integers(0, len(CROCKFORD), length))


def qr_matrix(text: str, border: int = 4) -> np.ndarray:
    """The module matrix of a QR code (True = dark), quiet zone included."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border)
    qr.add_data(text)
    qr.make(fit=True)
    return np.array(qr.get_matrix(), dtype=bool)


def background(rng: np.random.Generator, size: tuple[int, int]) -> np.ndarray:
    """A cluttered counter-like BGR scene: gradients, blobs, edges and text-like strokes."""
    w, h = size
    small = rng.uniform(40, 200, (6, 8, 3)).astype(np.float32)
    img = np.clip(cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR), 0, 255)
    img = img.astype(np.uint8)
    for _ in range(int(rng.integers(4, 10))):
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        rw, rh = int(rng.integers(20, w // 3)), int(rng.integers(20, h // 3))
        colour = tuple(float(c) for c in rng.uniform(0, 255, 3))
        cv2.rectangle(img, (x, y), (x + rw, y + rh), colour, -1)
    # Printed text and barcodes on packaging make edges a QR finder search must reject.
    for _ in range(int(rng.integers(3, 8))):
        x, y = int(rng.integers(0, w - 60)), int(rng.integers(0, h - 20))
        colour = tuple(float(c) for c in rng.uniform(0, 80, 3))
        cv2.putText(img, "KAFFE 42,-", (x, y), cv2.FONT_HERSHEY_SIMPLEX,
                    float(rng.uniform(0.4, 1.2)), colour, 1 + int(rng.integers(0, 2)))
    return cv2.GaussianBlur(img, (0, 0), 0.8)


def _carrier(
    matrix: np.ndarray, module_px: int, *, phone: bool, dark_mode: bool,
    light: float, dark: float,
) -> np.ndarray:
    """The code on a card or a phone screen, axis-aligned, grayscale float32."""
    # Dark mode swaps the colours: light modules on a dark screen.
    code = np.where(matrix != dark_mode, dark, light).astype(np.float32)
    code = cv2.resize(code, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)
    if not phone:
        return code
    # A screen shows the code on its own background, inside a dark bezel.
    side = code.shape[0]
    pad = side // 5
    screen_bg = dark if dark_mode else light
    screen = np.full((side + 2 * pad, side + 2 * pad), screen_bg, np.float32)
    screen[pad:pad + side, pad:pad + side] = code
    bezel = max(4, side // 12)
    return cv2.copyMakeBorder(screen, bezel, bezel, bezel, bezel, cv2.BORDER_CONSTANT, value=12.0)


def _place(
    rng: np.random.Generator, frame: np.ndarray, carrier: np.ndarray, *, target_px: float,
    rotation_deg: float, tilt: float, guided: bool = False,
) -> None:
    """Warp the carrier into the frame in place: scaled, rotated and in perspective.

    Anywhere in the frame, or with `guided` near the centre, as a cashier holds a code
    in the guide frame: off by up to a tenth of the shorter side either way.
    """
    h, w = frame.shape[:2]
    ch, cw = carrier.shape[:2]
    half = target_px / 2
    margin = half * 1.5 + 4
    if guided:
        off = 0.1 * min(w, h)
        cx, cy = w / 2 + rng.uniform(-off, off), h / 2 + rng.uniform(-off, off)
    else:
        cx = rng.uniform(margin, max(margin + 1, w - margin))
        cy = rng.uniform(margin, max(margin + 1, h - margin))
    corners = np.array([[-half, -half], [half, -half], [half, half], [-half, half]], np.float32)
    # Out-of-plane tilt: one edge shrinks, its opposite grows.
    if tilt:
        axis = int(rng.integers(0, 2))
        sign = 1 if rng.random() < 0.5 else -1
        for i, (x, y) in enumerate(corners):
            along = (x if axis == 0 else y) / half * sign
            factor = 1 + tilt * along
            if axis == 0:
                corners[i, 1] = y * factor
            else:
                corners[i, 0] = x * factor
    a = math.radians(rotation_deg)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]], np.float32)
    dst = corners @ rot.T + np.array([cx, cy], np.float32)
    src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float32)
    # Warp into the bounding box only: a full-frame blend costs more than the decode.
    x0, y0 = np.floor(np.maximum(dst.min(axis=0), 0)).astype(int)
    x1, y1 = np.ceil(np.minimum(dst.max(axis=0), [w, h])).astype(int)
    m = cv2.getPerspectiveTransform(src, dst - np.array([x0, y0], np.float32))
    box = (int(x1 - x0), int(y1 - y0))
    warped = cv2.warpPerspective(carrier, m, box, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones_like(carrier), m, box, flags=cv2.INTER_LINEAR)[..., None]
    roi = frame[y0:y1, x0:x1]
    roi[:] = roi * (1 - mask) + warped[..., None] * mask


@dataclass(frozen=True)
class _Look:
    module_px: tuple[float, float] = (4.0, 7.0)
    rotation: float = 12.0
    tilt: float = 0.0
    phone: bool = False
    dark_mode: bool = False
    light: float = 235.0
    dark: float = 25.0
    blur: float = 0.0
    noise: float = 3.0
    glare: bool = False
    jpeg: int = 0
    gain: float = 1.0
    warm: bool = False


CONDITIONS: dict[str, _Look] = {
    "clean": _Look(),
    "tilted": _Look(rotation=40.0, tilt=0.4),
    "rotated": _Look(rotation=180.0),
    "blurred": _Look(module_px=(4.0, 7.0), blur=2.2),
    "noisy": _Look(noise=28.0),
    "low_contrast": _Look(light=150.0, dark=110.0, noise=5.0),
    # Dark mode: light modules on a black screen, lifted by reflections of the room.
    "dark_mode": _Look(phone=True, dark_mode=True, light=190.0, dark=35.0, noise=6.0),
    "glare": _Look(glare=True),
    "jpeg": _Look(module_px=(3.0, 5.0), jpeg=8),
    "small": _Look(module_px=(1.7, 2.4), rotation=8.0),
    # A phone at 40% brightness under café ceiling lights: a dim screen with reflections.
    "phone_40pct": _Look(phone=True, light=0.4 * 235 + 20, dark=0.4 * 25 + 35, noise=6.0),
    "cafe_light": _Look(gain=0.3, noise=9.0, warm=True, blur=1.0),
}


def _render(
    rng: np.random.Generator, look: _Look, frame: np.ndarray, text: str, guided: bool = False,
) -> np.ndarray:
    matrix = qr_matrix(text)
    module = float(rng.uniform(*look.module_px))
    # Render at a whole module size then let the warp scale it to a fractional one.
    carrier = _carrier(matrix, 8, phone=look.phone, dark_mode=look.dark_mode,
                       light=look.light, dark=look.dark)
    target = carrier.shape[0] * module / 8
    rotation = float(rng.uniform(-look.rotation, look.rotation))
    _place(rng, frame, carrier, target_px=target, rotation_deg=rotation, tilt=look.tilt,
           guided=guided)
    return _finish(rng, look, frame)


def _finish(rng: np.random.Generator, look: _Look, frame: np.ndarray) -> np.ndarray:
    h, w = frame.shape[:2]
    if look.glare:
        gx, gy = rng.uniform(0.25 * w, 0.75 * w), rng.uniform(0.25 * h, 0.75 * h)
        r = rng.uniform(0.05, 0.10) * w
        xs = np.exp(-((np.arange(w, dtype=np.float32) - gx) ** 2) / (2 * r * r))
        ys = np.exp(-((np.arange(h, dtype=np.float32) - gy) ** 2) / (2 * r * r))
        frame += (np.outer(ys, xs) * np.float32(rng.uniform(150, 260)))[..., None]
    if look.warm:
        frame *= np.array([0.75, 0.95, 1.15], np.float32)
    frame *= look.gain
    if look.blur:
        frame = cv2.GaussianBlur(frame, (0, 0), look.blur)
    if look.noise:
        # One noise plane for all channels: a third of the cost, same noise once grey.
        noise = rng.standard_normal(frame.shape[:2], dtype=np.float32) * look.noise
        frame += noise[..., None]
    out = np.clip(frame, 0, 255).astype(np.uint8)
    if look.jpeg:
        ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, look.jpeg])
        out = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return out


def make_frame(
    rng: np.random.Generator,
    condition: str,
    size: tuple[int, int] = (1280, 720),
    text: str | None = None,
    scene: np.ndarray | None = None,
    guided: bool = False,
) -> SyntheticFrame:
    """One BGR frame of `size` (width, height) showing a code under `condition`.

    `condition` is a key of CONDITIONS, "varied" (one of them at random) or "empty"
    (no code). `scene` is a fixed background (a camera that does not move) instead of
    a new random one. `guided`: the code is held near the centre (see `_place`).
    """
    base = scene.astype(np.float32) if scene is not None else None
    if base is None:
        base = background(rng, size).astype(np.float32)
    if condition == "empty":
        return SyntheticFrame(_finish(rng, _Look(), base), None, condition)
    if condition == "varied":
        condition = str(rng.choice(sorted(CONDITIONS)))
    text = text if text is not None else member_code(rng)
    return SyntheticFrame(_render(rng, CONDITIONS[condition], base, text, guided), text,
                          condition)


def frames(
    seed: int, condition: str, count: int, size: tuple[int, int] = (1280, 720),
    guided: bool = False,
) -> list[SyntheticFrame]:
    """`count` reproducible frames of one condition (`guided`: codes near the centre)."""
    rng = np.random.default_rng(seed)
    return [make_frame(rng, condition, size, guided=guided) for _ in range(count)]

