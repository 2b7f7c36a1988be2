"""The cashier's window (PySide6): screens, the operations layer and the bridges to the rooms."""
