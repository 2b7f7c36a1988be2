"""The server's tables. They live in their own metadata, apart from the till's (kiosk.models).

The `event` table takes its columns from the one definition of an event's columns
(kiosk.event_fields), so the core's report queries run on it unchanged, plus `server_seq`,
the organisation-wide pull cursor.
Every integer that can hold a time, a sequence or an amount is a BIGINT.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, Table, UniqueConstraint, text
from sqlalchemy.orm import registry
from sqlmodel import AutoString, Field, SQLModel

from kiosk import event_fields

# SQLite only autoincrements an INTEGER PRIMARY KEY; PostgreSQL needs the 64-bit type.
SEQ_TYPE = BigInteger().with_variant(Integer(), "sqlite")
_REVERSALS = text("reverses IS NOT NULL")
_COUPONS = text("coupon_id IS NOT NULL")


class ServerTable(SQLModel, registry=registry()):
    """Base of the server's tables: a metadata of their own, so kiosk's never clash."""


metadata = ServerTable.metadata


class Organisation(ServerTable, table=True):
    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=80)
    code_prefix: str = Field(max_length=4, unique=True)
    card_key: str = Field(max_length=64)
    timezone: str = Field("Europe/Oslo", max_length=64)
    # Cursor of the organisation's member profiles; bumping it also serialises profile writes.
    profile_seq: int = Field(0, sa_type=BigInteger)
    created_at: int = Field(sa_type=BigInteger)


class Shop(ServerTable, table=True):
    id: str = Field(primary_key=True, max_length=36)
    org_id: str = Field(foreign_key="organisation.id", index=True, max_length=36)
    name: str = Field(max_length=80)
    timezone: str = Field("Europe/Oslo", max_length=64)
    currency: str = Field("NOK", max_length=3)
    created_at: int = Field(sa_type=BigInteger)


class Device(ServerTable, table=True):
    """An enrolled till. Its token is kept only as a SHA-256 hash."""

    id: str = Field(primary_key=True, max_length=36)
    org_id: str = Field(foreign_key="organisation.id", index=True, max_length=36)
    shop_id: str = Field(foreign_key="shop.id", max_length=36)
    name: str = Field(max_length=80)
    token_hash: str = Field(unique=True, max_length=64)
    enrolled_at: int = Field(sa_type=BigInteger)
    revoked_at: int | None = Field(None, sa_type=BigInteger)


class PairingCode(ServerTable, table=True):
    """A one-time enrolment code for a shop, kept hashed; it expires and works once."""

    __tablename__ = "pairing_code"
    code_hash: str = Field(primary_key=True, max_length=64)
    org_id: str = Field(foreign_key="organisation.id", max_length=36)
    shop_id: str = Field(foreign_key="shop.id", index=True, max_length=36)
    created_at: int = Field(sa_type=BigInteger)
    expires_at: int = Field(sa_type=BigInteger)
    used_at: int | None = Field(None, sa_type=BigInteger)
    used_by: str | None = Field(None, max_length=36)



# Every till's events, accepted once each by id within an organisation, for good. The
# columns are the event's own fields (kiosk.event_fields), plus the organisation-wide pull
# cursor (`server_seq`), the content hash that tells a resend from a different event, and when it
# arrived. An id is unique per organisation, not across them: an id another organisation
# used is stored like any new one, so a push never tells whether some other tenant holds it.
event_table = Table(
    "event", metadata,
    Column("server_seq", SEQ_TYPE, primary_key=True, autoincrement=True),
    *event_fields.sql_columns(integer=BigInteger, bounded=True),
    Column("content_hash", AutoString(64), nullable=False),
    Column("received_at", BigInteger(), nullable=False),
    UniqueConstraint("org_id", "id", name="uq_event_org_id"),
    # A till's fold ignores a second event with the same (device, seq): refuse it here.
    UniqueConstraint("device_id", "seq"),
    Index("ix_event_org_seq", "org_id", "server_seq"),  # the pull cursor
    Index("ix_event_shop_ts", "shop_id", "ts"),
    Index("ix_event_member_ts", "member_id", "ts"),
    # kiosk.reports runs here too: its scans by organisation and time, and the few
    # reversals by time and by target. Narrower than the till's covering indexes: every
    # index is paid for on every push, and reports are rare next to pushes.
    Index("ix_event_org_ts", "org_id", "ts"),
    Index("ix_event_reversal_ts", "ts", "reverses", sqlite_where=_REVERSALS,
          postgresql_where=_REVERSALS),
    Index("ix_event_reverses", "reverses", sqlite_where=_REVERSALS,
          postgresql_where=_REVERSALS),
    # Ingest checks that a coupon used was issued in the same organisation.
    Index("ix_event_org_coupon", "org_id", "coupon_id", sqlite_where=_COUPONS,
          postgresql_where=_COUPONS),
)


class MemberProfile(ServerTable, table=True):
    """A member's personal fields, last writer wins per field by hybrid logical clock."""

    __tablename__ = "member_profile"
    __table_args__ = (Index("ix_member_profile_org_seq", "org_id", "server_seq"),)
    org_id: str = Field(primary_key=True, foreign_key="organisation.id", max_length=36)
    member_id: str = Field(primary_key=True, max_length=36)
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    birthday: str | None = None
    segments_json: str | None = None
    hlc_json: str = "{}"  # {"field": "stamp"} for the fields set so far
    erased: bool = False
    server_seq: int = Field(sa_type=BigInteger)
    updated_at: int = Field(sa_type=BigInteger)


class Program(ServerTable, table=True):
    """Programme versions per shop, as published in `program_published` events."""

    __table_args__ = (UniqueConstraint("shop_id", "version"),)
    org_id: str = Field(primary_key=True, max_length=36)
    id: str = Field(primary_key=True, max_length=36)  # the event's id, unique per org
    shop_id: str = Field(max_length=36)
    version: int = Field(sa_type=BigInteger)
    config_json: str
    created_at: int = Field(sa_type=BigInteger)
