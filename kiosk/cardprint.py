"""Member cards a person can print and hand over: the QR beside the shop's name, the member's
name and the code in readable groups; a sheet of them as PDF, and a CSV of member and code.

Only the hash of a code is stored, so the cards written after an import are the only place
its codes can be read again: the folder is created for the owner alone (mode 0700).
Pillow draws everything; the font is DejaVu Sans (assets/fonts), which has æ, ø and å.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from kiosk.errors import InvalidInput
from kiosk.profiles import fold_name

if TYPE_CHECKING:
    from PIL import Image, ImageFont

# A credit card (85.6 x 54 mm) at 300 dots per inch.
DPI = 300
CARD_W, CARD_H = 1011, 638
# A4 at 300 dpi holds two columns of five cards with room to cut.
PAGE_W, PAGE_H = 2480, 3508
COLUMNS, ROWS = 2, 5
GROUP = 4
_FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"
_SYSTEM_FONTS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
                 Path("/Library/Fonts"), Path("C:/Windows/Fonts"))


def grouped(code: str, per_line: int = 3) -> list[str]:
    """The code in groups of four for reading aloud or typing, `per_line` groups a line."""
    groups = [code[i:i + GROUP] for i in range(0, len(code), GROUP)]
    return [" ".join(groups[i:i + per_line]) for i in range(0, len(groups), per_line)]


@lru_cache(maxsize=16)
def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    """DejaVu Sans at `size` pixels, from assets/fonts or the system's copy."""
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in (_FONTS, *_SYSTEM_FONTS):
        path = folder / name
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    raise FileNotFoundError(f"{name} is missing from {_FONTS} (it ships with Klipp).")


def _fit(text: str, size: int, width: int, *, bold: bool = False
         ) -> tuple[str, ImageFont.FreeTypeFont]:
    # Long names shrink to fit, then are cut with an ellipsis: a card is never wider.
    while size > 18 and font(size, bold=bold).getlength(text) > width:
        size -= 2
    face = font(size, bold=bold)
    if face.getlength(text) <= width:
        return text, face
    while text and face.getlength(text + "…") > width:
        text = text[:-1]
    return text + "…", face


def _qr_matrix(code: str) -> list[list[bool]]:
    import qrcode

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(code)
    qr.make(fit=True)
    return qr.get_matrix()


def card_image(code: str, *, shop: str, member: str) -> Image.Image:
    """One card, 85.6 x 54 mm at 300 dpi: QR on the left; shop, member and code beside it."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (CARD_W, CARD_H), 255)
    matrix = _qr_matrix(code)
    box = (CARD_H - 40) // len(matrix)
    side = box * len(matrix)
    top = (CARD_H - side) // 2
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                draw.rectangle((20 + x * box, top + y * box,
                                20 + (x + 1) * box - 1, top + (y + 1) * box - 1), fill=0)
    left = 20 + side + 10
    width = CARD_W - left - 30
    y = 70
    text, face = _fit(shop, 52, width, bold=True)
    draw.text((left, y), text, font=face, fill=0)
    y += 110
    text, face = _fit(member, 44, width)
    draw.text((left, y), text, font=face, fill=0)
    y += 120
    for line in grouped(code, 2):
        text, face = _fit(line, 34, width)
        draw.text((left, y), text, font=face, fill=60)
        y += 50
    draw.rectangle((0, 0, CARD_W - 1, CARD_H - 1), outline=200, width=2)  # where to cut
    return image


def card_png(code: str, *, shop: str, member: str) -> bytes:
    """The card as PNG bytes."""
    buf = io.BytesIO()
    card_image(code, shop=shop, member=member).save(buf, format="PNG", dpi=(DPI, DPI))
    return buf.getvalue()


def card_svg(code: str, *, shop: str, member: str) -> bytes:
    """The card as an SVG document (85.6 x 54 mm); text as text, so any viewer's font shows
    Nordic letters."""
    matrix = _qr_matrix(code)
    box = (CARD_H - 40) / len(matrix)
    top = (CARD_H - box * len(matrix)) / 2
    cells = "".join(f"M{20 + x * box:.2f} {top + y * box:.2f}h{box:.2f}v{box:.2f}h-{box:.2f}z"
                    for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark)
    left = 20 + box * len(matrix) + 10
    lines = [f'<text x="{left:.0f}" y="115" font-size="48" font-weight="bold">'
             f"{escape(shop)}</text>",
             f'<text x="{left:.0f}" y="215" font-size="42">{escape(member)}</text>']
    for i, line in enumerate(grouped(code, 2)):
        lines.append(f'<text x="{left:.0f}" y="{335 + 50 * i}" font-size="34" fill="#3c3c3c">'
                     f"{escape(line)}</text>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="85.6mm" height="54mm"'
        f' viewBox="0 0 {CARD_W} {CARD_H}" font-family="DejaVu Sans, Verdana, sans-serif">'
        f'<rect width="{CARD_W}" height="{CARD_H}" fill="#fff" stroke="#c8c8c8"/>'
        f'<path d="{cells}" fill="#000"/>{"".join(lines)}</svg>\n'
    ).encode()


def sheet_pages(cards: Sequence[tuple[str, str]], *, shop: str) -> list[Image.Image]:
    """A4 pages of cards, ten a page; `cards` are (member name, code)."""
    from PIL import Image

    pages = []
    per_page = COLUMNS * ROWS
    gap_x = (PAGE_W - COLUMNS * CARD_W) // (COLUMNS + 1)
    gap_y = (PAGE_H - ROWS * CARD_H) // (ROWS + 1)
    for start in range(0, len(cards), per_page):
        page = Image.new("L", (PAGE_W, PAGE_H), 255)
        for i, (member, code) in enumerate(cards[start:start + per_page]):
            col, row = i % COLUMNS, i // COLUMNS
            page.paste(card_image(code, shop=shop, member=member),
                       (gap_x + col * (CARD_W + gap_x), gap_y + row * (CARD_H + gap_y)))
        pages.append(page)
    return pages


@dataclass(frozen=True)
class PrintedCards:
    """Where the cards went: the folder, the PDF sheet, the CSV and one PNG per card."""

    folder: Path
    pdf: Path
    csv: Path
    pngs: tuple[Path, ...]


def _csv_cell(text: str) -> str:
    # A spreadsheet runs a cell that starts with = + - @ as a formula; a name must not.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_cards(folder: str | Path, cards: Sequence[tuple[str, str]], *,
                shop: str) -> PrintedCards:
    """Write printable cards into a new (or empty) folder: `cards.pdf` (A4, ten a page),
    `cards.csv` (UTF-8 with BOM, `;`: name and code, as Nordic Excel opens it) and
    `NNN-name.png` per card. `cards` are (member name, code) in file order."""
    path = Path(folder)
    if not cards:
        raise InvalidInput("There are no cards to write.")
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise InvalidInput(f"{str(path)[:80]!r} exists and is not an empty folder.")
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path, 0o700)
    except OSError as exc:
        raise InvalidInput(f"Cannot create the folder {str(path)[:80]!r}: "
                           f"{exc.strerror or exc}.") from None
    pngs = []
    for number, (member, code) in enumerate(cards, start=1):
        stem = "-".join(fold_name(member).split())[:40] or "member"
        png = path / f"{number:03d}-{stem}.png"
        png.write_bytes(card_png(code, shop=shop, member=member))
        pngs.append(png)
    table = path / "cards.csv"
    with open(table, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["name", "code"])
        for member, code in cards:
            writer.writerow([_csv_cell(member), code])
    pdf = path / "cards.pdf"
    pages = sheet_pages(cards, shop=shop)
    pages[0].save(pdf, format="PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    return PrintedCards(path, pdf, table, tuple(pngs))
