"""The new card on an ESC/POS receipt printer: the bytes carry the QR code of the card."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import WAIT_MS
from ui.window.receipt import open_printer, print_card


def _qr_store(code: str) -> bytes:
    # GS ( k pL pH cn=49 fn=80 m=48 data: "store the symbol data" of the native QR command.
    return b"\x1d(k" + (len(code) + 3).to_bytes(2, "little") + b"1P0" + code.encode()


def test_the_receipt_carries_the_cards_qr_code_and_is_cut() -> None:
    printer = open_printer("dummy")
    code = "VAYF7TA11Z6YYS2E07E4AK1PRCV76D1H8KXZES"
    print_card(printer, code=code, name="Åse Ødegård", shop="Kaffebar")
    out = printer.output
    assert _qr_store(code) in out
    assert b"\x1d(k\x03\x001Q0" in out  # print the stored symbol
    assert out.rstrip(b"\x00").endswith(b"\x1dV")  # full cut
    assert b"VAYF 7TA1" in out


def test_registration_prints_the_new_card(harness) -> None:
    printed = []

    def printer(code: str, name: str) -> None:
        dummy = open_printer("dummy")
        print_card(dummy, code=code, name=name, shop="Kaffebar")
        printed.append((code, dummy.output))

    h = harness(camera=False)
    reg = h.window.register
    reg.printer = printer
    reg.print_button.setVisible(True)
    h.qtbot.mouseClick(h.cashier.new_button, Qt.MouseButton.LeftButton)
    reg.name.setText("Per Persson")
    reg.membership.setChecked(True)
    with h.qtbot.waitSignal(reg.registered, timeout=WAIT_MS) as done:
        h.qtbot.mouseClick(reg.save, Qt.MouseButton.LeftButton)
    with h.qtbot.waitSignal(reg.feedback_shown, timeout=WAIT_MS,
                            check_params_cb=lambda kind, text: text == "printed"):
        h.qtbot.mouseClick(reg.print_button, Qt.MouseButton.LeftButton)
    code = done.args[0].code
    assert printed[0][0] == code
    assert _qr_store(code) in printed[0][1]
