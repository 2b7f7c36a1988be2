"""Errors the core raises with a message a cashier or owner can act on."""


class KlippError(Exception):
    """Base of every expected failure; its message is shown as one line, never a traceback."""


class NotFound(KlippError):
    """A member, card, reward or shop that does not exist here."""


class CardRefused(KlippError):
    """A scanned or typed code that is not a usable card of this organisation.

    `reason` says which refusal, for a screen to choose its words and sound: "unreadable"
    (not a card code at all), "foreign" (another organisation's), "forged" (the tag does not
    match), "revoked", "erased", or "unknown" (valid, but not on this till yet).
    """

    def __init__(self, message: str, reason: str = "unreadable") -> None:
        super().__init__(message)
        self.reason = reason


class InsufficientBalance(KlippError):
    """A redemption the member's balance cannot cover."""


class LimitReached(KlippError):
    """A cap (redemptions per day, stamps per visit) that the action would exceed."""


class InvalidInput(KlippError):
    """Input that fails validation: a bad amount, phone, CSV row or configuration."""


class UndoRefused(KlippError):
    """Nothing to undo, or the undo window has passed."""


class StorageError(KlippError):
    """The database could not be written (disk full, read-only, locked too long)."""


class PinRefused(KlippError):
    """A wrong manager PIN, or the PIN is locked out for a while."""


class WrongThread(KlippError):
    """A database call from a thread that must never wait for it (the screen's, in tests)."""
