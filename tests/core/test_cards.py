"""Card codes: unguessable, typeable, checkable offline, rendered as real QR codes."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from kiosk import cards
from kiosk.errors import CardRefused

PREFIX = "K7QX"
KEY = "ab" * 32


def test_codes_are_typeable_and_distinct() -> None:
    codes = {cards.new_code(PREFIX, KEY) for _ in range(2000)}
    assert len(codes) == 2000
    for code in list(codes)[:50]:
        assert len(code) == cards.CODE_LEN
        assert set(code) <= set(cards.ALPHABET)
        assert cards.check(code, prefix=PREFIX, card_key=KEY).code == code


def test_body_carries_128_random_bits() -> None:
    # Every bit position of the body varies across codes (a sequence would not).
    bodies = [cards.new_code(PREFIX, KEY)[4:30] for _ in range(400)]
    values = [int("".join(f"{cards.ALPHABET.index(c):05b}" for c in b), 2) for b in bodies]
    varying = 0
    for bit in range(128):
        seen = {(v >> bit) & 1 for v in values}
        varying += len(seen) == 2
    assert varying == 128


def test_typed_variants_are_normalised() -> None:
    code = cards.new_code(PREFIX, KEY)
    typed = " ".join([code[:10].lower(), code[10:20], code[20:]]).replace("0", "O")
    assert cards.check(typed, prefix=PREFIX, card_key=KEY).code == code


@pytest.mark.parametrize("text, reason", [
    ("", "not a Klipp card"),
    ("hello world", "not a Klipp card"),
    ("https://example.com/?q=1", "not a Klipp card"),
    ("X" * 5000, "far too long"),
    ("\x00\x01binary", "not a Klipp card"),
])
def test_garbage_is_refused_with_reason(text: str, reason: str) -> None:
    with pytest.raises(CardRefused, match=reason):
        cards.check(text, prefix=PREFIX, card_key=KEY)


def test_other_organisation_and_forgery_are_refused() -> None:
    other = cards.new_code("ZZZZ", KEY)
    with pytest.raises(CardRefused, match="another organisation"):
        cards.check(other, prefix=PREFIX, card_key=KEY)
    code = cards.new_code(PREFIX, KEY)
    flipped = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(CardRefused, match="not valid"):
        cards.check(flipped, prefix=PREFIX, card_key=KEY)
    with pytest.raises(CardRefused, match="not valid"):
        cards.check(code, prefix=PREFIX, card_key="cd" * 32)


def _one_off(code: str, position: int, shift: int) -> str:
    """The code with one character replaced by another valid one (a slip of the finger)."""
    i = cards.ALPHABET.index(code[position])
    return code[:position] + cards.ALPHABET[(i + shift) % 32] + code[position + 1:]


def test_every_single_character_slip_is_refused() -> None:
    # Random text almost never has the right shape, so it says nothing about the tag; a code
    # one character off does: every position of body and tag must be covered by the check.
    code = cards.new_code(PREFIX, KEY)
    for position in range(cards.PREFIX_LEN, cards.CODE_LEN):
        for shift in range(1, 32):
            near = _one_off(code, position, shift)
            with pytest.raises(CardRefused, match="not valid"):
                cards.check(near, prefix=PREFIX, card_key=KEY)
    for position in range(cards.PREFIX_LEN):
        with pytest.raises(CardRefused, match="another organisation"):
            cards.check(_one_off(code, position, 1), prefix=PREFIX, card_key=KEY)


def test_swapped_neighbours_are_refused() -> None:
    code = cards.new_code(PREFIX, KEY)
    for i in range(cards.PREFIX_LEN, cards.CODE_LEN - 1):
        if code[i] == code[i + 1]:
            continue
        swapped = code[:i] + code[i + 1] + code[i] + code[i + 2:]
        with pytest.raises(CardRefused, match="not valid"):
            cards.check(swapped, prefix=PREFIX, card_key=KEY)


@given(st.integers(min_value=0, max_value=2**128 - 1), st.binary(min_size=32, max_size=32))
def test_a_valid_tag_under_another_key_is_refused(body_bits: int, other_key: bytes) -> None:
    # Same prefix, a well-formed tag made with another organisation's key: a forgery by a
    # till that knows its own key but not ours.
    if other_key.hex() == KEY:
        return
    body = cards._encode(body_bits, cards.BODY_LEN)
    forged = PREFIX + body + cards._tag(other_key.hex(), PREFIX + body)
    assert cards.check(forged, prefix=PREFIX, card_key=other_key.hex()).code == forged
    with pytest.raises(CardRefused, match="not valid"):
        cards.check(forged, prefix=PREFIX, card_key=KEY)


def test_png_decodes_back_to_the_code_with_the_real_decoder() -> None:
    code = cards.new_code(PREFIX, KEY)
    image = Image.open(io.BytesIO(cards.render_png(code)))
    results = zxingcpp.read_barcodes(image)
    assert [r.text for r in results] == [code]


def test_svg_is_an_svg_document(tmp_path) -> None:
    code = cards.new_code(PREFIX, KEY)
    path = tmp_path / "card.svg"
    cards.render_svg(code, path)
    root = ET.fromstring(path.read_bytes())
    assert root.tag.endswith("svg")
