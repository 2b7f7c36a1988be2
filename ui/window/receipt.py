"""A new member's card on an ESC/POS receipt printer, through python-escpos.

The QR code is sent with the printer's native QR command (GS ( k), so the printer draws
it sharp at its own resolution and the bytes carry the card code itself.
"""

from __future__ import annotations

from typing import Any

from escpos import printer as escpos_printer


def open_printer(spec: str) -> Any:
    """A printer from 'usb:VID:PID', 'file:/dev/usb/lp0', 'net:HOST[:PORT]' or 'dummy'."""
    kind, _, rest = spec.partition(":")
    if kind == "usb":
        vendor, _, product = rest.partition(":")
        return escpos_printer.Usb(int(vendor, 16), int(product, 16))  # needs pyusb
    if kind == "file":
        return escpos_printer.File(rest)
    if kind == "net":
        host, _, port = rest.partition(":")
        return escpos_printer.Network(host, port=int(port or 9100))
    if kind == "dummy":
        return escpos_printer.Dummy()
    raise ValueError(f"unknown printer {spec!r}: use usb:VID:PID, file:PATH or net:HOST")


def print_card(printer: Any, *, code: str, name: str, shop: str) -> None:
    """Shop name, the card's QR code, the member's name and the code in groups; then cut."""
    printer.set(align="center", bold=True, double_height=True, double_width=True)
    printer.textln(shop)
    printer.set(align="center", normal_textsize=True)
    printer.ln()
    printer.qr(code, size=8, native=True)  # centred by the alignment set above
    printer.ln()
    printer.set(align="center", bold=True)
    printer.textln(name)
    printer.set(align="center", normal_textsize=True)
    printer.textln(" ".join(code[i:i + 4] for i in range(0, len(code), 4)))
    printer.ln(2)
    printer.cut()
