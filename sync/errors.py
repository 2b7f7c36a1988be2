"""What can go wrong while syncing, each with one line a cashier understands."""

from __future__ import annotations

from kiosk.errors import KlippError


class SyncError(KlippError):
    """A sync attempt failed; the till keeps working offline and tries again later.

    `kind` names the failure for a screen that words it in its own language.
    """

    kind = "failed"


class ServerUnreachable(SyncError):
    """No connection to the server, or it did not answer in time."""

    kind = "unreachable"


class ServerUntrusted(SyncError):
    """The server's TLS certificate could not be verified."""

    kind = "untrusted"


class ServerError(SyncError):
    """The server answered with a 5xx status."""

    kind = "server_error"

    def __init__(self, status: int) -> None:
        super().__init__(f"server error {status}")
        self.status = status


class PairingRevoked(SyncError):
    """The server no longer accepts this till's token."""

    kind = "revoked"


class ServerRefused(SyncError):
    """The server refused a request (a 4xx other than a revoked pairing)."""

    kind = "refused"

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class BatchTooLarge(ServerRefused):
    """A push body over the server's size limit; the caller sends smaller batches."""

    def __init__(self) -> None:
        super().__init__("the server refused a batch as too large", 413)


class ProtocolError(SyncError):
    """The server's answer is not what the wire contract says it should be."""

    kind = "protocol"


class NotPaired(SyncError):
    """This till has no server to sync with yet."""

    kind = "not_paired"


class SyncBusy(SyncError):
    """Another sync of this till (thread or process) holds the lock."""

    kind = "busy"


class EnrolRefused(KlippError):
    """Enrolment would lose or mix data, or the pairing code was not accepted."""
