"""Member card codes: unguessable, revocable, checkable offline, safe to type on any keyboard.

A code is PREFIX(4) + BODY(26) + TAG(8), all Crockford base32 (digits and upper-case letters
without I, L, O, U). The body carries 128 random bits. The tag is an HMAC of prefix and body
with the organisation's card key, so a till refuses garbage, forgeries and other
organisations' codes without a lookup. Letters and digits only because USB scanners on
Norwegian and Swedish keyboard layouts mangle most punctuation.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import secrets
from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import CardRefused

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_INDEX = {c: i for i, c in enumerate(ALPHABET)}
# What people type for the letters Crockford leaves out.
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
PREFIX_LEN = 4
BODY_LEN = 26  # 130 bits of room for 128 random bits
TAG_LEN = 8  # 40 bits of HMAC
CODE_LEN = PREFIX_LEN + BODY_LEN + TAG_LEN
MAX_INPUT = 256


def _encode(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        value, rem = divmod(value, 32)
        chars.append(ALPHABET[rem])
    return "".join(reversed(chars))


def new_prefix() -> str:
    """A random organisation prefix."""
    return _encode(secrets.randbits(PREFIX_LEN * 5), PREFIX_LEN)


def new_card_key() -> str:
    return secrets.token_hex(32)


def _tag(card_key: str, prefix_and_body: str) -> str:
    mac = hmac.new(bytes.fromhex(card_key), prefix_and_body.encode(), hashlib.sha256).digest()
    return _encode(int.from_bytes(mac[:5], "big"), TAG_LEN)


def new_code(prefix: str, card_key: str) -> str:
    """Mint a fresh card code for an organisation."""
    body = _encode(secrets.randbits(128), BODY_LEN)
    return prefix + body + _tag(card_key, prefix + body)


def normalise(text: str) -> str:
    """Upper-case, drop spaces and dashes, map O/I/L to 0/1 as Crockford intends."""
    return "".join(text.split()).replace("-", "").upper().translate(_CONFUSABLE)


def code_hash(code: str) -> str:
    """What the database keeps of a code: enough to look it up, useless to forge one."""
    return hashlib.sha256(code.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class CheckedCode:
    code: str
    hash: str


def check(text: str, *, prefix: str, card_key: str) -> CheckedCode:
    """Validate a scanned or typed code offline; raise CardRefused with the reason."""
    if len(text) > MAX_INPUT:
        raise CardRefused("That is not a Klipp card (the code is far too long).", "unreadable")
    code = normalise(text)
    if len(code) != CODE_LEN or any(c not in _INDEX for c in code):
        raise CardRefused("That is not a Klipp card code.", "unreadable")
    if code[:PREFIX_LEN] != prefix:
        raise CardRefused("That card belongs to another organisation.", "foreign")
    if not hmac.compare_digest(_tag(card_key, code[: PREFIX_LEN + BODY_LEN]), code[-TAG_LEN:]):
        raise CardRefused("That card code is not valid (mistyped or forged).", "forged")
    return CheckedCode(code=code, hash=code_hash(code))


def looks_like_code(text: str) -> bool:
    """True when text has the shape of a card code (used to tell codes from phone numbers)."""
    code = normalise(text)
    return len(code) == CODE_LEN and all(c in _INDEX for c in code)


def render_png(code: str, path: str | Path | None = None, *, box_size: int = 10,
               shop: str | None = None, member: str | None = None) -> bytes:
    """The card's QR code as PNG bytes (and written to path when given).

    With `shop` and `member`: a printable card (kiosk.cardprint) with the shop's name, the
    member's name and the code in groups of four beside the QR.
    """
    if shop is not None and member is not None:
        from kiosk import cardprint

        data = cardprint.card_png(code, shop=shop, member=member)
        if path is not None:
            Path(path).write_bytes(data)
        return data
    import qrcode

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size)
    qr.add_data(code)
    qr.make(fit=True)
    buf = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buf, format="PNG")
    data = buf.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def render_svg(code: str, path: str | Path | None = None, *, shop: str | None = None,
               member: str | None = None) -> bytes:
    """The card's QR code as an SVG document; a printable card with `shop` and `member`."""
    if shop is not None and member is not None:
        from kiosk import cardprint

        data = cardprint.card_svg(code, shop=shop, member=member)
        if path is not None:
            Path(path).write_bytes(data)
        return data
    import qrcode
    import qrcode.image.svg

    img = qrcode.make(
        code,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    buf = io.BytesIO()
    img.save(buf)
    data = buf.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data
