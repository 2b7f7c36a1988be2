"""Organisations, shops, pairing codes, enrolment and the tills' tokens.

A till is known only by its token: the device row behind the token's hash names its
organisation and shop, and every read and write is confined to them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import available_timezones

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from kiosk import cards
from kiosk.clock import Clock, to_micros
from kiosk.errors import InvalidInput, NotFound
from kiosk.ids import new_id
from kiosk.shops import CURRENCIES
from server import credentials
from server.db import is_postgres
from server.errors import Conflict, EnrolRefused
from server.tables import Device, Organisation, PairingCode, Shop
from sync.protocol import EnrolRequest, EnrolResponse, OrgIdentity, ShopIdentity

DEFAULT_PAIRING_TTL = timedelta(hours=24)


@dataclass(frozen=True)
class TillIdentity:
    """Who is calling: an enrolled, unrevoked till."""

    device_id: str
    org_id: str
    shop_id: str


@dataclass(frozen=True)
class OrgRow:
    id: str
    name: str
    code_prefix: str
    card_key: str
    timezone: str


@dataclass(frozen=True)
class ShopRow:
    id: str
    org_id: str
    name: str
    timezone: str
    currency: str


@dataclass(frozen=True)
class Pairing:
    code: str
    org_id: str
    shop_id: str
    expires_at: int


def clean_name(text: str) -> str:
    """Collapse whitespace; 1 to 80 printable characters."""
    text = " ".join(text.split())
    if not 1 <= len(text) <= 80 or any(ord(c) < 32 for c in text) or not _encodable(text):
        raise InvalidInput("A name must be 1 to 80 printable characters.")
    return text


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_timezone(name: str) -> str:
    """The name of a known IANA time zone, or InvalidInput."""
    if name not in available_timezones():
        raise InvalidInput(f"Unknown time zone {name[:64]!r} (try Europe/Oslo).")
    return name


def check_currency(code: str) -> str:
    """An upper-case supported ISO currency code, or InvalidInput."""
    code = code.upper()
    if code not in CURRENCIES:
        raise InvalidInput(f"Unsupported currency {code[:8]!r}; use one of {sorted(CURRENCIES)}.")
    return code


# --- Organisations and shops ----------------------------------------------------------------

def create_org(conn: Connection, clock: Clock, *, name: str, timezone: str = "Europe/Oslo"
               ) -> OrgRow:
    """A new organisation with a unique card prefix and its own card-signing key."""
    name = clean_name(name)
    timezone = check_timezone(timezone)
    for _ in range(20):
        prefix = cards.new_prefix()
        taken = conn.execute(
            select(Organisation.id).where(Organisation.code_prefix == prefix)).first()
        if taken:
            continue
        org = OrgRow(new_id(), name, prefix, cards.new_card_key(), timezone)
        try:
            with conn.begin_nested():
                conn.execute(insert(Organisation).values(
                    id=org.id, name=org.name, code_prefix=org.code_prefix,
                    card_key=org.card_key, timezone=org.timezone, profile_seq=0,
                    created_at=to_micros(clock.now())))
        except IntegrityError:  # another server minted the same prefix a moment ago
            continue
        return org
    raise Conflict("Could not find a free card prefix; try again.")


def get_org(conn: Connection, org_id: str) -> OrgRow:
    """An organisation by id, or NotFound."""
    row = conn.execute(select(
        Organisation.id, Organisation.name, Organisation.code_prefix, Organisation.card_key,
        Organisation.timezone).where(Organisation.id == org_id)).first()
    if row is None:
        raise NotFound("No such organisation.")
    return OrgRow(*row)


def create_shop(conn: Connection, clock: Clock, *, org_id: str, name: str,
                timezone: str = "Europe/Oslo", currency: str = "NOK") -> ShopRow:
    """A new shop of an existing organisation."""
    get_org(conn, org_id)
    shop = ShopRow(new_id(), org_id, clean_name(name), check_timezone(timezone),
                   check_currency(currency))
    conn.execute(insert(Shop).values(
        id=shop.id, org_id=shop.org_id, name=shop.name, timezone=shop.timezone,
        currency=shop.currency, created_at=to_micros(clock.now())))
    return shop


def get_shop(conn: Connection, shop_id: str) -> ShopRow:
    """A shop by id, or NotFound."""
    row = conn.execute(select(Shop.id, Shop.org_id, Shop.name, Shop.timezone, Shop.currency)
                       .where(Shop.id == shop_id)).first()
    if row is None:
        raise NotFound("No such shop.")
    return ShopRow(*row)


# --- Pairing and enrolment ------------------------------------------------------------------

def create_pairing(conn: Connection, clock: Clock, *, shop_id: str,
                   ttl: timedelta = DEFAULT_PAIRING_TTL) -> Pairing:
    """A one-time code a till of `shop_id` enrols with; only its hash is kept."""
    shop = get_shop(conn, shop_id)
    code = credentials.new_pairing_code()
    now = to_micros(clock.now())
    expires = now + int(ttl.total_seconds() * 1_000_000)
    conn.execute(insert(PairingCode).values(
        code_hash=credentials.pairing_hash(code), org_id=shop.org_id, shop_id=shop.id,
        created_at=now, expires_at=expires))
    return Pairing(code, shop.org_id, shop.id, expires)


def enrol(conn: Connection, clock: Clock, request: EnrolRequest) -> EnrolResponse:
    """Spend a pairing code: the till gets its own token and its organisation's identity.

    A code works once, before it expires. A device id already enrolled in the same shop
    (a till whose token was revoked or lost) gets a fresh token that replaces the old one;
    one enrolled in another shop is refused.
    """
    code_hash = credentials.pairing_hash(request.pairing_code)
    if code_hash is None:
        raise EnrolRefused("That pairing code is not valid.")
    query = select(PairingCode.shop_id, PairingCode.expires_at, PairingCode.used_at).where(
        PairingCode.code_hash == code_hash)
    if is_postgres(conn):
        query = query.with_for_update()
    row = conn.execute(query).first()
    now = to_micros(clock.now())
    if row is None:
        raise EnrolRefused("That pairing code is not valid.")
    shop_id, expires_at, used_at = row
    if used_at is not None:
        raise EnrolRefused("That pairing code has already been used; ask for a new one.")
    if now >= expires_at:
        raise EnrolRefused("That pairing code has expired; ask for a new one.")
    shop = get_shop(conn, shop_id)
    org = get_org(conn, shop.org_id)
    device_name = clean_name(request.device_name)
    token = credentials.new_token()
    existing = conn.execute(select(Device.org_id, Device.shop_id).where(
        Device.id == request.device_id)).first()
    if existing is not None and tuple(existing) != (org.id, shop.id):
        raise Conflict("This device id is enrolled in another shop; enrol with a new device id.")
    if existing is None:
        conn.execute(insert(Device).values(
            id=request.device_id, org_id=org.id, shop_id=shop.id, name=device_name,
            token_hash=credentials.token_hash(token), enrolled_at=now, revoked_at=None))
    else:
        conn.execute(update(Device).where(Device.id == request.device_id).values(
            name=device_name, token_hash=credentials.token_hash(token), enrolled_at=now,
            revoked_at=None))
    conn.execute(update(PairingCode).where(PairingCode.code_hash == code_hash).values(
        used_at=now, used_by=request.device_id))
    return EnrolResponse(
        device_id=request.device_id, token=token,
        org=OrgIdentity(id=org.id, name=org.name, code_prefix=org.code_prefix,
                        card_key=org.card_key),
        shop=ShopIdentity(id=shop.id, name=shop.name, timezone=shop.timezone,
                          currency=shop.currency),
    )


def server_device_id(org_id: str) -> str:
    """The device id the server writes an organisation's events under (never a till's)."""
    return str(uuid.uuid5(uuid.UUID(org_id), "klipp-server"))


def authenticate(conn: Connection, token: str) -> TillIdentity | None:
    """The till behind a bearer token, or None (unknown, malformed or revoked)."""
    if not token or len(token) > credentials.TOKEN_MAX:
        return None
    row = conn.execute(select(Device.id, Device.org_id, Device.shop_id).where(
        Device.token_hash == credentials.token_hash(token), Device.revoked_at.is_(None))).first()
    return TillIdentity(*row) if row else None


def revoke_device(conn: Connection, clock: Clock, device_id: str) -> int:
    """Revoke a till's token at once; returns when it was revoked (UTC microseconds)."""
    row = conn.execute(select(Device.revoked_at).where(Device.id == device_id)).first()
    if row is None:
        raise NotFound("No such device.")
    if row[0] is not None:
        return row[0]
    now = to_micros(clock.now())
    conn.execute(update(Device).where(Device.id == device_id).values(revoked_at=now))
    return now
