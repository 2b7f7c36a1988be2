"""The till's tables. Events are the truth; balances, cards and coupons are derived from them."""

from __future__ import annotations

from sqlalchemy import Index, Integer, Table, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from kiosk import event_fields


class Organisation(SQLModel, table=True):
    id: str = Field(primary_key=True)
    name: str
    # Four Crockford base32 characters that start every card code of this organisation.
    code_prefix: str = Field(max_length=4, unique=True)
    # Secret that signs card codes so a till can refuse forgeries offline; hex.
    card_key: str
    created_at: int


class Shop(SQLModel, table=True):
    id: str = Field(primary_key=True)
    org_id: str = Field(foreign_key="organisation.id", index=True)
    name: str
    timezone: str = "Europe/Oslo"
    currency: str = Field(default="NOK", max_length=3)
    created_at: int


class Program(SQLModel, table=True):
    """One version of a shop's loyalty programme; the highest version is in force."""

    __table_args__ = (UniqueConstraint("shop_id", "version"),)
    id: str = Field(primary_key=True)
    shop_id: str = Field(index=True)
    version: int
    config_json: str
    created_at: int


class Member(SQLModel, table=True):
    __table_args__ = (
        # Names stored without their search key, for members.fill_name_keys.
        Index("ix_member_unkeyed", "id",
              sqlite_where=text("name IS NOT NULL AND name_key IS NULL")),
        # The members table's Nordic order (æ, ø, å after z; kiosk.member_list), one page at
        # a time by index: its expression is word for word the list's ORDER BY.
        Index("ix_member_nordic_name",
              text("replace(replace(replace(name_key, 'æ', '{'), 'ø', '|'), 'å', '}')"), "id",
              sqlite_where=text("name_key IS NOT NULL")),
    )
    id: str = Field(primary_key=True)
    org_id: str = Field(index=True)
    home_shop_id: str | None = None
    name: str | None = Field(default=None, index=True)
    # kiosk.profiles.fold_name(name): what name search matches; NULL once erased.
    name_key: str | None = Field(default=None, index=True)
    phone: str | None = Field(default=None, index=True)  # E.164
    email: str | None = None
    birthday: str | None = None  # ISO date; the year may be 1900 when only day and month were given
    segments_json: str = "{}"
    # Hybrid logical clock per profile field, for last-writer-wins across tills.
    profile_hlc_json: str = "{}"
    created_at: int
    erased_at: int | None = None


class MemberWord(SQLModel, table=True):
    """Each word of a member's name key, so a search matches word starts by index range.

    Kept by triggers on member.name_key (migration 0005): whoever writes a name writes its
    key, and the words follow.
    """

    __tablename__ = "member_word"
    word: str = Field(primary_key=True)
    member_id: str = Field(primary_key=True, index=True)
    # The whole key rides along: a search orders and checks its other words without
    # reading the member table.
    name_key: str


class Consent(SQLModel, table=True):
    id: str = Field(primary_key=True)
    member_id: str = Field(index=True)
    purpose: str
    wording_version: str
    granted: bool
    at: int


class Card(SQLModel, table=True):
    """A card by the hash of its code; the code itself is never stored."""

    code_hash: str = Field(primary_key=True)
    member_id: str = Field(index=True)
    issued_at: int
    revoked_at: int | None = None
    revoked_reason: str | None = None


# An append-only ledger entry. Never updated or deleted; corrections are reversals. Its
# columns are the event's own fields (kiosk.event_fields).
event_table = Table(
    "event", SQLModel.metadata,
    *event_fields.sql_columns(integer=Integer, bounded=False, id_primary_key=True),
    UniqueConstraint("device_id", "seq"),
    Index("ix_event_member_ts", "member_id", "ts"),
    Index("ix_event_shop_ts", "shop_id", "ts", "member_id", "kind"),
    # kiosk.reports: covering scans by organisation (and shop) and time; reversals by time.
    Index("ix_event_org_shop_ts", "org_id", "shop_id", "ts", "kind", "member_id"),
    Index("ix_event_org_ts", "org_id", "ts", "kind", "member_id"),
    Index("ix_event_reversal_ts", "ts", "reverses",
          sqlite_where=text("reverses IS NOT NULL"),
          postgresql_where=text("reverses IS NOT NULL")),
    Index("ix_event_reverses", "reverses"),
    # kiosk.analytics_days: registrations, coupon issues and redemptions, with every column
    # the cohorts read (its condition is OFFERS_WHERE's, word for word). The reward response
    # read the other kinds here until offer_day (migration 0010) took them over.
    Index("ix_event_offers", "org_id", "kind", "ts", "shop_id", "member_id", "id", "reward_id",
          "coupon_id",
          sqlite_where=text(
              "kind IN ('member_registered', 'coupon_issued', 'redeem', 'coupon_used')"),
          postgresql_where=text(
              "kind IN ('member_registered', 'coupon_issued', 'redeem', 'coupon_used')")),
)


class Outbox(SQLModel, table=True):
    """Events written here and not yet confirmed by the server."""

    event_id: str = Field(primary_key=True, foreign_key="event.id")
    queued_at: int


class Balance(SQLModel, table=True):
    """Cached per-member totals, written in the same transaction as each event."""

    member_id: str = Field(primary_key=True)
    stamps: int = 0
    points: int = 0
    cashback_minor: int = 0
    spend_minor: int = 0
    tier: str | None = None
    tier_ts: int = 0
    tier_event: str = ""
    last_ts: int = 0


class Coupon(SQLModel, table=True):
    id: str = Field(primary_key=True)
    member_id: str = Field(index=True)
    kind: str
    title: str
    benefit_json: str = "{}"
    valid_from: int
    valid_to: int | None = None
    issued_event: str
    used_event: str | None = None


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str


class Reversed(SQLModel, table=True):
    """Which reversal took effect for an event: two offline tills may both undo it, and the
    balance must give it back once."""

    target_id: str = Field(primary_key=True)
    reversal_id: str
    member_id: str | None = Field(default=None, index=True)


class MemberDay(SQLModel, table=True):
    """A member's visit on a local day, at a shop or (shop_id '') anywhere in the organisation;
    kept by the ledger's fold and rebuildable from events (kiosk.visits)."""

    __tablename__ = "member_day"
    __table_args__ = (
        # Window counts by day; the previous visit day rides along so no row is looked up.
        Index("ix_member_day_scope_day", "org_id", "shop_id", "day", "prev_day", "member_id"),
        # Cohorts: one row per member and month, with its day (came back by the last day?);
        # new_month too, as SQLite reads from the row any column its query names.
        Index("ix_member_day_new_month", "org_id", "shop_id", "member_id", "month", "day",
              "new_month",
              sqlite_where=text("new_month = 1"), postgresql_where=text("new_month = 1")),
    )
    org_id: str = Field(primary_key=True)
    shop_id: str = Field(primary_key=True)
    member_id: str = Field(primary_key=True)
    day: int = Field(primary_key=True)  # days since 1970-01-01 of the till's local date
    month: int  # year * 12 + month - 1
    prev_day: int | None = None  # the member's previous visit day in the same scope
    new_month: int = 1  # 1 when no earlier visit in the same month


class OfferDay(SQLModel, table=True):
    """A coupon issue or a standing redemption on the till's local day, with the member's next
    visit after a redemption; kept by the ledger's fold, rebuildable (kiosk.offer_days)."""

    __tablename__ = "offer_day"
    __table_args__ = (
        # Reward response: a year of one kind in scope is one walk of this index alone.
        Index("ix_offer_day_scope", "org_id", "kind", "day", "shop_id", "offer", "member_id",
              "coupon_id", "next_shop_day", "next_org_day"),
        # A coupon use finds its issue (its kind, and whether it was issued in the range).
        Index("ix_offer_day_coupon", "coupon_id", "kind", "org_id", "day", "shop_id", "offer"),
        # A visit that comes or goes refreshes the next visit of the member's redemptions.
        Index("ix_offer_day_member", "member_id", "org_id", "day"),
    )
    event_id: str = Field(primary_key=True)
    org_id: str
    shop_id: str | None = None
    member_id: str | None = None
    day: int  # days since 1970-01-01 of the till's local date, as member_day's
    kind: str  # coupon_issued, redeem or coupon_used
    offer: str | None = None  # 'reward:<id>' or 'coupon:<kind>'; a use takes its issue's
    coupon_id: str | None = None
    next_shop_day: int | None = None  # the member's next visit day at this shop
    next_org_day: int | None = None  # ... anywhere in the organisation
