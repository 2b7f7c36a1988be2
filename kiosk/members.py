"""Members: register with consent and segment answers, find, edit, and manage their cards."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from kiosk import cards, ledger, profiles
from kiosk.clock import Clock, to_micros
from kiosk.errors import CardRefused, InvalidInput, NotFound
from kiosk.ids import new_id
from kiosk.profiles import PERSONAL, clean_profile, clean_segments, fold_name, normalise_phone
from kiosk.shops import Org, till_region
from kiosk.store import Connection, sql

if TYPE_CHECKING:
    from kiosk.programs import CouponSpec, ProgramConfig

PROFILE_FIELDS = PERSONAL  # plus segments_json


@dataclass(frozen=True)
class ConsentGiven:
    purpose: str  # e.g. "membership", "marketing_email"
    granted: bool = True


@dataclass(frozen=True)
class Registration:
    name: str
    phone: str | None = None
    email: str | None = None
    birthday: str | None = None
    consents: tuple[ConsentGiven, ...] = (ConsentGiven("membership"),)
    segments: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Registered:
    member_id: str
    code: str
    coupons: tuple[str, ...]


def register(conn: Connection, origin: ledger.Origin, clock: Clock, org: Org,
             program: ProgramConfig, reg: Registration, *, hlc: str,
             region: str | None = None) -> Registered:
    """Create a member with consent records, a card and any welcome coupon (caller's tx).

    `region`: the shop's country for phone numbers without a country code (default: this
    till's shop's).
    """
    if region is None:
        region = till_region(conn)
    profile = clean_profile(reg.name, reg.phone, reg.email, reg.birthday, region=region)
    segments = clean_segments(reg.segments, program)
    if not any(c.purpose == "membership" and c.granted for c in reg.consents):
        raise InvalidInput("The member must agree to the membership terms to join.")
    if profile.get("phone") and find_by_phone(conn, profile["phone"], region=region):
        raise InvalidInput("A member with that phone number already exists.")
    member_id = new_id()
    now = to_micros(clock.now())
    sql(conn,
        "INSERT INTO member (id, org_id, home_shop_id, name, name_key, phone, email, birthday,"
        " segments_json, profile_hlc_json, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (member_id, org.id, origin.shop_id, profile.get("name"),
         fold_name(profile.get("name") or ""), profile.get("phone"),
         profile.get("email"), profile.get("birthday"), json.dumps(segments),
         json.dumps({f: hlc for f in (*PROFILE_FIELDS, "segments_json")}, sort_keys=True), now),
    )
    for consent in reg.consents:
        sql(conn,
            "INSERT INTO consent (id, member_id, purpose, wording_version, granted, at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (new_id(), member_id, consent.purpose[:60], program.consent_wording_version,
             consent.granted, now),
        )
    ledger.append(conn, origin, clock, ledger.NewEvent(ledger.MEMBER_REGISTERED, member_id))
    code = issue_card(conn, origin, clock, org, member_id)
    coupons = []
    if program.welcome_coupon:
        coupons.append(issue_coupon(conn, origin, clock, member_id, program.welcome_coupon,
                                    kind="welcome", coupon_id=_fixed_id(member_id, "welcome")))
    return Registered(member_id, code, tuple(coupons))


def _fixed_id(member_id: str, what: str) -> str:
    # Coupons that must exist once per member (and per year for birthdays) get an id every
    # till computes alike, so two tills issuing it offline still make one coupon.
    import uuid

    return str(uuid.uuid5(uuid.UUID(member_id), what))


def issue_coupon(conn: Connection, origin: ledger.Origin, clock: Clock, member_id: str,
                 spec: CouponSpec, *, kind: str, coupon_id: str | None = None,
                 valid_from: datetime | None = None, valid_to: datetime | None = None) -> str:
    start = valid_from or clock.now()
    end = valid_to or start + timedelta(days=spec.valid_days)
    cid = coupon_id or new_id()
    ledger.append(conn, origin, clock, ledger.NewEvent(
        ledger.COUPON_ISSUED, member_id, coupon_id=cid,
        payload={"coupon_kind": kind, "title": spec.title, "valid_from": to_micros(start),
                 "valid_to": to_micros(end),
                 "benefit": {"reward_id": spec.reward_id, "discount_minor": spec.discount_minor}},
    ))
    return cid


def birthday_coupon_id(member_id: str, year: int) -> str:
    return _fixed_id(member_id, f"birthday-{year}")


def issue_card(conn: Connection, origin: ledger.Origin, clock: Clock, org: Org,
               member_id: str) -> str:
    """Mint a new card code for a member; only its hash is kept. Returns the code."""
    code = cards.new_code(org.code_prefix, org.card_key)
    ledger.append(conn, origin, clock, ledger.NewEvent(
        ledger.CARD_ISSUED, member_id, payload={"card_hash": cards.code_hash(code)}))
    return code


def revoke_cards(conn: Connection, origin: ledger.Origin, clock: Clock, member_id: str,
                 reason: str = "lost") -> int:
    """Revoke every live card of a member; their codes are refused from then on."""
    hashes = [r[0] for r in sql(conn,
        "SELECT code_hash FROM card WHERE member_id = ? AND revoked_at IS NULL", (member_id,))]
    for h in hashes:
        ledger.append(conn, origin, clock, ledger.NewEvent(
            ledger.CARD_REVOKED, member_id, payload={"card_hash": h, "reason": reason[:60]}))
    return len(hashes)


def member_by_card(conn: Connection, org: Org, text: str) -> str:
    """The member id behind a scanned code; CardRefused with the reason otherwise."""
    checked = cards.check(text, prefix=org.code_prefix, card_key=org.card_key)
    row = sql(conn,
        "SELECT member_id, revoked_at, revoked_reason FROM card WHERE code_hash = ?",
        (checked.hash,),
    ).fetchone()
    if row is None:
        raise CardRefused("This card is not known at this till yet (new card not synced?).",
                          "unknown")
    if row[1] is not None:
        if row[2] == "erased":
            raise CardRefused("This card's member has been erased.", "erased")
        raise CardRefused(f"This card has been revoked ({row[2]}). Ask for the new card.",
                          "revoked")
    return row[0]


def find_by_phone(conn: Connection, phone: str, *, region: str | None = None) -> str | None:
    """The member with this number, typed in any form the shop's country reads (E.164 kept)."""
    found = members_by_phone(conn, phone, region=region, limit=1)
    return found[0] if found else None


def members_by_phone(conn: Connection, phone: str, *, region: str | None = None,
                     limit: int = 20) -> list[str]:
    """Members with this number (two, if the numbers of an older till meet after migration)."""
    wanted = normalise_phone(phone, till_region(conn) if region is None else region)
    rows = sql(conn,
        "SELECT id FROM member WHERE phone = ? AND erased_at IS NULL ORDER BY id LIMIT ?",
        (wanted, limit))
    return [r[0] for r in rows]


# Above every character a name key can hold: the end of a prefix's index range.
_AFTER = "\U0010ffff"


def _word_ranges(word: str) -> list[tuple[str, str]]:
    ranges = [(word, word + _AFTER)]
    if word.endswith("a"):
        # A prefix may stop halfway through an "aa" that the key holds as "å" (Haaland).
        ranges.append((word[:-1] + "å", word[:-1] + "å" + _AFTER))
    return ranges


def search_names(conn: Connection, text: str, limit: int = 20) -> list[str]:
    """Members with a name word starting with each typed word, in name-key order.

    Case and accents fold as kiosk.profiles.fold_name says; each typed word must start some
    word of the name, in any order (`ødeg åse` finds Åse Ødegård). The longest typed word is
    an index range on member_word, whose rows carry the whole key: the other words are
    checked on it and the order taken from it, never reading or scanning the member table.
    Erased members have no words.
    """
    words = sorted(dict.fromkeys(fold_name(text).split()), key=len, reverse=True)[:6]
    if not words:
        return []
    ranges = _word_ranges(words[0])
    where = ["(" + " OR ".join("(word >= ? AND word < ?)" for _ in ranges) + ")"]
    params: list[Any] = [bound for pair in ranges for bound in pair]
    for word in words[1:]:
        starts = [" " + low for low, _ in _word_ranges(word)]
        where.append("(" + " OR ".join("instr(' ' || name_key, ?) > 0" for _ in starts) + ")")
        params += starts
    # A member matches through one word only (the first of the name the range meets).
    rows = sql(conn,
        "SELECT member_id, min(name_key) AS k FROM member_word WHERE " + " AND ".join(where)
        + " GROUP BY member_id ORDER BY k, member_id LIMIT ?",
        (*params, limit))
    return [r[0] for r in rows]


def fill_name_keys(conn: Connection) -> int:
    """Key names written without their search key (a bulk writer that skipped it); returns
    how many. Cheap when there are none: a partial index holds exactly those rows."""
    rows = sql(conn, "SELECT id, name FROM member INDEXED BY ix_member_unkeyed"
                     " WHERE name IS NOT NULL AND name_key IS NULL").fetchall()
    for member_id, name in rows:
        sql(conn, "UPDATE member SET name_key = ? WHERE id = ?", (fold_name(name), member_id))
    return len(rows)


def search(conn: Connection, org: Org, text: str, limit: int = 20, *,
           region: str | None = None) -> list[str]:
    """Member ids for a card code, a phone number or the starts of words of a name."""
    text = text.strip()[:cards.MAX_INPUT]
    if not text:
        return []
    if cards.looks_like_code(text):
        return [member_by_card(conn, org, text)]
    if any(c.isdigit() for c in text):
        try:
            by_phone = members_by_phone(conn, text, region=region, limit=limit)
        except InvalidInput:
            by_phone = []
        if by_phone:
            return by_phone
    return search_names(conn, text, limit)


def edit(conn: Connection, clock: Clock, member_id: str, program: ProgramConfig, *,
         name: str | None = None, phone: str | None = None, email: str | None = None,
         birthday: str | None = None, segments: dict[str, str] | None = None,
         hlc: str) -> dict[str, Any]:
    """Change profile fields; returns the fields changed. `hlc` stamps them for sync."""
    row = sql(conn,
        "SELECT erased_at, profile_hlc_json FROM member WHERE id = ?", (member_id,)).fetchone()
    if row is None:
        raise NotFound("No such member.")
    if row[0] is not None:
        raise InvalidInput("This member has been erased and cannot be edited.")
    region = till_region(conn)
    changes: dict[str, Any] = dict(clean_profile(name, phone, email, birthday, region=region))
    if changes.get("phone"):
        other = find_by_phone(conn, changes["phone"], region=region)
        if other and other != member_id:
            raise InvalidInput("Another member already has that phone number.")
    if segments is not None:
        changes["segments_json"] = json.dumps(clean_segments(segments, program))
    if not changes:
        return {}
    clocks = json.loads(row[1] or "{}")
    for key in changes:
        clocks[key] = hlc
    write_profile(conn, member_id, changes, clocks)
    return changes


def write_profile(conn: Connection, member_id: str, values: dict[str, Any],
                  clocks: dict[str, str]) -> None:
    """Store cleaned profile fields with their stamps: every profile write goes through here.

    Field names come from kiosk.profiles.FIELDS only, never from input.
    """
    unknown = set(values) - set(profiles.FIELDS)
    assert not unknown, unknown
    columns = dict(values)
    if "name" in values:
        # The search key follows the name in the same statement (kiosk.profiles.fold_name).
        columns["name_key"] = fold_name(values["name"] or "") or None
    sets = ", ".join(f"{k} = ?" for k in columns)
    sql(conn,
        f"UPDATE member SET {sets}, profile_hlc_json = ? WHERE id = ?",
        (*columns.values(), json.dumps(clocks, sort_keys=True), member_id),
    )
