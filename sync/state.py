"""What a sync pass did (SyncResult) and how sync stands for the screen (SyncState)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sync.protocol import Rejected


@dataclass
class SyncResult:
    """The outcome of one sync pass; counts are of events unless named otherwise."""

    pushed: int = 0  # newly accepted by the server
    duplicates: int = 0  # the server already had them (a resend after a lost answer)
    rejected: list[Rejected] = field(default_factory=list)  # kept in the outbox
    invalid: list[Rejected] = field(default_factory=list)  # refused here before sending
    pulled: int = 0  # new on this till
    profiles_pushed: int = 0  # profile fields the server took (not older than its own)
    profiles_pulled: int = 0  # member profiles received that changed a field here
    checked: int = 0  # members whose balances were compared with the server
    repaired: int = 0  # members that had missed events and were brought level
    diverged: list[str] = field(default_factory=list)  # members still differing after repair
    conflicts: int | None = None  # members the server flags (None: not asked this pass)
    waiting: int = 0  # events left in the outbox
    touched: set[str] = field(default_factory=set)  # members pushed or pulled in this pass

    @property
    def did_anything(self) -> bool:
        return bool(self.pushed or self.duplicates or self.pulled or self.profiles_pushed
                    or self.profiles_pulled or self.repaired)

    def summary(self) -> str:
        """One line for a log or the command line."""
        parts = [f"sent {self.pushed}", f"received {self.pulled}", f"waiting {self.waiting}"]
        if self.duplicates:
            parts.append(f"{self.duplicates} already on the server")
        if self.rejected or self.invalid:
            parts.append(f"{len(self.rejected) + len(self.invalid)} refused")
        if self.profiles_pushed or self.profiles_pulled:
            parts.append(f"profiles sent {self.profiles_pushed}, received {self.profiles_pulled}")
        if self.repaired:
            parts.append(f"{self.repaired} members repaired from the server")
        if self.diverged:
            parts.append(f"{len(self.diverged)} members differ from the server")
        if self.conflicts:
            parts.append(f"{self.conflicts} balance conflicts for a manager")
        return "; ".join(parts)


@dataclass(frozen=True)
class SyncState:
    """How sync stands, as the worker reports it through its callback.

    Times are UTC microseconds (kiosk.clock.to_micros) from the till's clock.
    """

    online: bool | None = None  # None until the first attempt
    since: int | None = None  # when `online` last changed
    waiting: int = 0  # events in the outbox
    last_success: int | None = None
    last_error: str | None = None  # in words a cashier understands; None after a success
    # Which failure (sync.errors' `kind`: unreachable, untrusted, server_error, revoked,
    # refused, protocol, failed), for a screen that words it in the shop's language.
    error_kind: str | None = None
    refused: int = 0  # events the server (or this till) refused; they stay in the outbox
    repaired: int = 0  # members repaired from the server since the worker started
    diverged: int = 0  # members whose balances still differ from the server's
    conflicts: int = 0  # members the server flags for a manager (two offline redemptions)
    paired: bool = True

    @property
    def message(self) -> str:
        """A short status line for the till's screen."""
        if not self.paired:
            return "Not connected to a server (standalone till)."
        if self.online is None:
            return f"Connecting... {self.waiting} waiting to send."
        if not self.online:
            reason = f" ({self.last_error})" if self.last_error else ""
            return f"Offline{reason}: {self.waiting} waiting to send; the till works as usual."
        extra = []
        if self.refused:
            extra.append(f"{self.refused} refused by the server")
        if self.diverged:
            extra.append(f"{self.diverged} balances differ from the server")
        if self.conflicts:
            extra.append(f"{self.conflicts} conflicts for a manager")
        tail = f"; {', '.join(extra)}" if extra else ""
        return f"Online: {self.waiting} waiting to send{tail}."
