"""Klipp's core: members, card codes, the ledger, programme rules and reports. No Qt here."""
