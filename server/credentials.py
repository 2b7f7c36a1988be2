"""Till tokens and pairing codes: minted at random, stored only as SHA-256 hashes."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from kiosk import cards

PAIRING_LEN = 16  # Crockford base32: 80 random bits
TOKEN_MAX = 200


def new_token() -> str:
    """A till's bearer token (shown once, at enrolment)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the database keeps of a token."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def new_pairing_code() -> str:
    """A one-time code an administrator reads out or types: XXXX-XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(cards.ALPHABET) for _ in range(PAIRING_LEN))
    return "-".join(raw[i : i + 4] for i in range(0, PAIRING_LEN, 4))


def pairing_hash(code: str) -> str | None:
    """The stored form of a typed pairing code, or None when it cannot be one."""
    norm = cards.normalise(code)
    if len(norm) != PAIRING_LEN or any(c not in cards.ALPHABET for c in norm):
        return None
    return hashlib.sha256(norm.encode("ascii")).hexdigest()


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison of two secrets (the admin token)."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))
