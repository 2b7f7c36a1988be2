"""Printed cards: the real decoder reads the QR, Nordic letters render, an import's cards land
in a folder as PNGs, an A4 PDF sheet and a CSV a Nordic Excel opens."""

from __future__ import annotations

import csv
import io
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from kiosk import cardprint, cards, importer
from kiosk.clock import FixedClock
from kiosk.errors import InvalidInput
from kiosk.till import Till

KEY = "ab" * 32


def _decoded(png: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_a_card_carries_a_readable_qr(tmp_path: Path) -> None:
    code = cards.new_code("ABCD", KEY)
    png = cards.render_png(code, tmp_path / "card.png", shop="Kaffebar på Løkka",
                           member="Åse Ødegård")
    assert (tmp_path / "card.png").read_bytes() == png
    assert _decoded(png) == [code]
    image = Image.open(io.BytesIO(png))
    assert image.size == (cardprint.CARD_W, cardprint.CARD_H)


@pytest.mark.parametrize("letter", list("ÆØÅæøåÄÖäöÉé"))
def test_nordic_letters_have_glyphs_of_their_own(letter: str) -> None:
    # A font without the letter draws the same box as for a private-use character.
    face = cardprint.font(40)
    assert bytes(face.getmask(letter)) != bytes(face.getmask("\ue000"))
    assert bytes(face.getmask(letter)) != bytes(face.getmask(letter.upper() if
                                                             letter.islower() else "A"))


def test_the_names_are_drawn_beside_the_qr() -> None:
    code = cards.new_code("ABCD", KEY)
    plain = cardprint.card_image(code, shop="Kaffebar", member="Per")
    nordic = cardprint.card_image(code, shop="Kaffebar", member="Pær")
    # Only the text area differs, and it does: the name is there, with its æ.
    diff = [(x, y) for x in range(0, cardprint.CARD_W, 3) for y in range(0, cardprint.CARD_H, 3)
            if plain.getpixel((x, y)) != nordic.getpixel((x, y))]
    assert diff and min(x for x, _ in diff) > cardprint.CARD_H - 40


def test_a_long_name_is_cut_not_drawn_off_the_card() -> None:
    code = cards.new_code("ABCD", KEY)
    image = cardprint.card_image(code, shop="K" * 80, member="Ø" * 80)
    assert _decoded(_png(image)) == [code]
    right_edge = [image.getpixel((cardprint.CARD_W - 12, y))
                  for y in range(5, cardprint.CARD_H - 5)]
    assert min(right_edge) == 255


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def test_svg_card_keeps_text_as_text_and_escapes_it() -> None:
    code = cards.new_code("ABCD", KEY)
    svg = cards.render_svg(code, shop="Kaffe & Co", member="Åse <Ødegård>").decode()
    assert "Kaffe &amp; Co" in svg and "Åse &lt;Ødegård&gt;" in svg
    assert " ".join(cardprint.grouped(code, 2)[0].split()) in svg
    assert "<script" not in svg


def test_codes_read_in_groups_of_four() -> None:
    code = "ABCD" + "0123456789ABCDEFGHJKMNPQRS" + "TVWXYZ01"
    lines = cardprint.grouped(code, 3)
    assert lines[0] == "ABCD 0123 4567"
    assert cards.normalise("".join(lines)) == code


@pytest.fixture
def till(tmp_path: Path) -> Till:
    t = Till.open(tmp_path / "till", clock=FixedClock(datetime(2026, 3, 2, 9, tzinfo=UTC)))
    t.setup(org_name="Kaffe AS", shop_name="Kaffe Torget")
    yield t
    t.close()


def test_an_import_writes_cards_a_person_can_use(till: Till, tmp_path: Path) -> None:
    text = ("name;phone;consent\nÅse Ødegård;41234567;ja\n=cmd|' /C calc'!A0;;ja\n"
            + "".join(f"Medlem {i};;ja\n" for i in range(11)))
    org = till.info().org
    report = till.run(lambda c, x: importer.import_members(c, x, org, text, hlc=till.hlc))
    folder = tmp_path / "kort"
    printed = cardprint.write_cards(folder, report.cards, shop="Kaffe Torget")
    assert printed.folder == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # the codes are the members' keys
    assert len(printed.pngs) == 13 and printed.pngs[0].name == "001-åse-ødegård.png"
    assert [_decoded(p.read_bytes()) for p in printed.pngs] == [[c] for c in report.codes]
    raw = printed.csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["name", "code"]
    assert rows[1] == ["Åse Ødegård", report.codes[0]]
    assert rows[2][0].startswith("'=")  # a spreadsheet must not run a name as a formula
    pdf = printed.pdf.read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(
        b"/Type /Page ") + pdf.count(b"/Type/Page") >= 2  # 13 cards: two A4 pages
    # Each card of the import is a live card of its member.
    for member_id, code in zip(report.member_ids, report.codes, strict=True):
        assert till.lookup(code).id == member_id


def test_cards_are_not_written_into_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(InvalidInput, match="not an empty folder"):
        cardprint.write_cards(tmp_path, [("Per", cards.new_code("ABCD", KEY))], shop="K")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.txt"]
