"""Across the rooms: a printed card, read by the real decoder, finds its member at the till;
a forged card, equally well printed, is refused and changes nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kiosk import cards
from kiosk.errors import CardRefused
from kiosk.members import Registration


def test_a_printed_card_scanned_from_its_image_stamps_its_member(till, tmp_path: Path) -> None:
    reg = till.register(Registration(name="Solveig"))
    forged = cards.new_code(till.info().org.code_prefix, "00" * 32)  # right prefix, wrong key
    folder = tmp_path / "cards"
    folder.mkdir()
    cards.render_png(reg.code, folder / "a-real.png")
    cards.render_png(forged, folder / "b-forged.png")

    out = subprocess.run([sys.executable, "-m", "scanner", "--json", str(folder)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    scans = [json.loads(line) for line in out.stdout.splitlines()]
    assert [Path(s["file"]).name for s in scans] == ["a-real.png", "b-forged.png"]
    assert [s["text"] for s in scans] == [reg.code, forged]

    member = till.lookup(scans[0]["text"])
    assert member.id == reg.member_id
    assert till.stamp(member.id).member.stamps == 1

    before = till.pending_count()
    try:
        till.lookup(scans[1]["text"])
    except CardRefused as exc:
        assert "not valid" in str(exc)
    else:
        raise AssertionError("a forged card was accepted")
    assert till.pending_count() == before
