"""A new member with consent in under thirty seconds; the language switch; translations current."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
from datetime import date
from pathlib import Path

import numpy as np
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from kiosk.members import Registration
from kiosk.till import Till
from tests.ui.conftest import WAIT_MS, send_keys
from ui.window import i18n_refresh

# The pace the scripted cashier and customer keep: a key every 0.25 s, a touch every 1.5 s.
KEY_S = 0.25
TOUCH_S = 1.5


def _qimage_to_gray(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    w, h = image.width(), image.height()
    data = np.frombuffer(image.constBits(), np.uint8, count=image.bytesPerLine() * h)
    return data.reshape(h, image.bytesPerLine())[:, :w].copy()


def test_a_new_member_with_consent_in_under_thirty_seconds(harness, tmp_path: Path) -> None:
    h = harness(camera=False)
    reg = h.window.register
    keys = touches = 0
    h.qtbot.mouseClick(h.cashier.new_button, Qt.MouseButton.LeftButton)
    touches += 1
    assert h.window.stack.currentWidget() is reg
    assert not reg.marketing.isChecked() and not reg.membership.isChecked()
    reg.name.setFocus()
    name = "Åse Ødegård"
    t = send_keys(reg.name, name, gap_ms=int(KEY_S * 1000), start_ms=5_000_000, enter=False)
    keys += len(name)
    h.qtbot.mouseClick(reg.phone, Qt.MouseButton.LeftButton)
    touches += 1
    send_keys(reg.phone, "91234568", gap_ms=int(KEY_S * 1000), start_ms=t + 2000, enter=False)
    keys += 8
    h.qtbot.waitUntil(lambda: reg.phone.text() == "91234568" and reg.name.text() == name,
                      timeout=WAIT_MS)
    h.qtbot.mouseClick(reg.membership, Qt.MouseButton.LeftButton)
    touches += 1
    milk = reg.questions["milk"]
    milk.setCurrentIndex(milk.findData("oat"))
    touches += 2  # open the list, pick "oat"
    assert [c.purpose for c in reg.registration().consents] == ["membership"]
    with h.qtbot.waitSignal(reg.registered, timeout=WAIT_MS) as done:
        h.qtbot.mouseClick(reg.save, Qt.MouseButton.LeftButton)
    touches += 1
    registered = done.args[0]
    # The card's QR code is on screen, large, and decodes to the member's card.
    pixmap = reg.qr.pixmap()
    assert pixmap.width() >= 360
    reads = zxingcpp.read_barcodes(_qimage_to_gray(pixmap.toImage()))
    assert [r.text for r in reads] == [registered.code]
    pdf = reg.save_pdf()
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    with h.qtbot.waitSignal(h.cashier.member_shown, timeout=WAIT_MS) as shown:
        h.qtbot.mouseClick(reg.done_button, Qt.MouseButton.LeftButton)
    touches += 1
    panel = shown.args[0]
    assert panel.member.name == name
    assert panel.member.segments == {"milk": "oat"}
    assert [c.kind for c in panel.coupons_today] == ["welcome"]
    assert any("Welcome" in b.text() for b in h.cashier.member_panel.offer_buttons)
    scripted = keys * KEY_S + touches * TOUCH_S
    assert scripted < 30, f"{keys} keys and {touches} touches take {scripted:.1f} s"


def test_registration_without_the_terms_is_refused_and_stores_nothing(harness) -> None:
    h = harness(camera=False)
    h.qtbot.mouseClick(h.cashier.new_button, Qt.MouseButton.LeftButton)
    reg = h.window.register
    reg.name.setText("Per")
    with h.qtbot.waitSignal(reg.feedback_shown, timeout=WAIT_MS) as shown:
        h.qtbot.mouseClick(reg.save, Qt.MouseButton.LeftButton)
    assert shown.args[0] == "error" and "terms" in shown.args[1]
    assert reg.stack.currentIndex() == 0
    assert h.parts.ops.call(lambda t: t.find("Per")) == []


def test_the_language_switch_changes_every_visible_text(harness, till: Till, kari) -> None:
    h = harness(lang="nb")
    h.scan_card(kari[1])
    c = h.cashier
    assert c.stamp_button.text() == "+1 stempel"
    assert c.next_button.text() == "Neste kunde"
    assert "0 av 10 stempler" in c.member_panel.card_line.text()
    assert h.window.leave_button.text() == "Lukk kassen"
    assert h.parts.formats.money(8950) == "kr\u00a089,50"
    assert h.parts.formats.day(date(2026, 12, 2)) == "2. des. 2026"
    with h.qtbot.waitSignal(h.window.language_changed, timeout=WAIT_MS):
        h.qtbot.mouseClick(h.window.language_buttons["sv"], Qt.MouseButton.LeftButton)
    assert c.stamp_button.text() == "+1 stämpel"
    assert c.next_button.text() == "Nästa kund"
    assert "0 av 10 stämplar" in c.member_panel.card_line.text()
    assert h.parts.formats.money(8950) == "89,50\u00a0kr"
    with h.qtbot.waitSignal(h.window.language_changed, timeout=WAIT_MS):
        h.qtbot.mouseClick(h.window.language_buttons["en"], Qt.MouseButton.LeftButton)
    assert c.stamp_button.text() == "+1 stamp"
    assert "0 of 10 stamps" in c.member_panel.card_line.text()
    assert h.window.leave_button.text() == "Close the till"
    with h.qtbot.waitSignal(h.window.language_changed, timeout=WAIT_MS):
        h.qtbot.mouseClick(h.window.language_buttons["nb"], Qt.MouseButton.LeftButton)
    assert c.search.placeholderText() == "Kortnummer, telefon eller navn"


def test_translations_are_complete_and_compiled_from_the_current_sources(tmp_path: Path) -> None:
    for lang in i18n_refresh.TRANSLATED:
        shutil.copy(i18n_refresh.ts_path(lang), tmp_path / f"klipp_{lang}.ts")
    i18n_refresh.update_ts([i18n_refresh.ts_path(lang, tmp_path)
                            for lang in i18n_refresh.TRANSLATED])
    for lang in i18n_refresh.TRANSLATED:
        fresh = i18n_refresh.ts_path(lang, tmp_path)
        assert filecmp.cmp(fresh, i18n_refresh.ts_path(lang), shallow=False), (
            f"klipp_{lang}.ts is behind the code: run python -m ui.window.i18n_refresh")
        assert 'type="unfinished"' not in fresh.read_text(encoding="utf-8"), (
            f"klipp_{lang}.ts has untranslated strings")
        qm = tmp_path / f"klipp_{lang}.qm"
        i18n_refresh.compile_qm(fresh, qm)
        assert qm.read_bytes() == i18n_refresh.ts_path(lang).with_suffix(".qm").read_bytes()


def test_lupdate_is_available() -> None:
    out = subprocess.run([i18n_refresh.tool("pyside6-lupdate"), "-version"],
                         capture_output=True, text=True)
    assert out.returncode == 0


def test_kiosk_mode_needs_the_manager_pin_to_close(harness, till: Till) -> None:
    till.set_pin("2468")
    h = harness(camera=False, kiosk=True)
    assert not h.window.close()  # Alt+F4 and friends are refused
    assert h.window.stack.currentWidget() is h.window.pin_page
    pad = h.window.pin_pad
    pad.display.setText("1111")
    with h.qtbot.waitSignal(h.window.pin_checked, timeout=WAIT_MS) as checked:
        h.qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
    assert checked.args == [False]
    assert h.window.isVisible()
    assert h.cashier.banner.kind == "error"
    h.qtbot.mouseClick(h.window.leave_button, Qt.MouseButton.LeftButton)
    pad.display.setText("2468")
    with h.qtbot.waitSignal(h.window.pin_checked, timeout=WAIT_MS) as checked:
        h.qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
    assert checked.args == [True]
    assert not h.window.isVisible()


def test_registered_member_found_by_phone_keypad(harness, till: Till) -> None:
    till.register(Registration(name="Liv Berg", phone="+4790000001"))
    h = harness(camera=False)
    h.qtbot.mouseClick(h.cashier.phone_button, Qt.MouseButton.LeftButton)
    pad = h.cashier.phone_pad
    for digit in "90000001":
        h.qtbot.mouseClick(pad.buttons[digit], Qt.MouseButton.LeftButton)
    with h.qtbot.waitSignal(h.cashier.member_shown, timeout=WAIT_MS) as shown:
        h.qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
    assert shown.args[0].member.name == "Liv Berg"
