"""Members: register with consent and segment answers, find, edit, and manage their cards."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from kiosk import cards, ledger
from kiosk.clock import Clock, to_micros
from kiosk.errors import CardRefused, InvalidInput, NotFound
from kiosk.ids import new_id
from kiosk.profiles import PERSONAL, clean_profile, clean_segments, normalise_phone
from kiosk.programs import CouponSpec, ProgramConfig
from kiosk.shops import Org
from kiosk.store import sql

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
             program: ProgramConfig, reg: Registration, *, hlc: str) -> Registered:
    """Create a member with consent records, a card and any welcome coupon (caller's tx)."""
    profile = clean_profile(reg.name, reg.phone, reg.email, reg.birthday)
    segments = clean_segments(reg.segments, program)
    if not any(c.purpose == "membership" and c.granted for c in reg.consents):
        raise InvalidInput("The member must agree to the membership terms to join.")
    if profile.get("phone") and find_by_phone(conn, profile["phone"]):
        raise InvalidInput("A member with that phone number already exists.")
    member_id = new_id()
    now = to_micros(clock.now())
    sql(conn,
        "INSERT INTO member (id, org_id, home_shop_id, name, phone, email, birthday,"
        " segments_json, profile_hlc_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (member_id, org.id, origin.shop_id, profile.get("name"), profile.get("phone"),
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
        raise CardRefused("This card is not known at this till yet (new card not synced?).")
    if row[1] is not None:
        if row[2] == "erased":
            raise CardRefused("This card's member has been erased.")
        raise CardRefused(f"This card has been revoked ({row[2]}). Ask for the new card.")
    return row[0]


def find_by_phone(conn: Connection, phone: str) -> str | None:
    """Exact match first; then a number typed without its country code (8+ digits)."""
    wanted = normalise_phone(phone)
    row = sql(conn,
        "SELECT id FROM member WHERE phone = ? AND erased_at IS NULL", (wanted,)).fetchone()
    if row is None and not wanted.startswith("+") and len(wanted) >= 8:
        rows = sql(conn,
            "SELECT id FROM member WHERE phone LIKE ? AND erased_at IS NULL LIMIT 2",
            ("%" + wanted,)).fetchall()
        row = rows[0] if len(rows) == 1 else None
    return row[0] if row else None


def search(conn: Connection, org: Org, text: str, limit: int = 20) -> list[str]:
    """Member ids for a card code, a phone number or part of a name."""
    text = text.strip()[:cards.MAX_INPUT]
    if not text:
        return []
    if cards.looks_like_code(text):
        return [member_by_card(conn, org, text)]
    try:
        by_phone = find_by_phone(conn, text)
    except InvalidInput:
        by_phone = None
    if by_phone:
        return [by_phone]
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = sql(conn,
        "SELECT id FROM member WHERE erased_at IS NULL AND name LIKE ? ESCAPE '\\'"
        " ORDER BY name LIMIT ?",
        (f"%{escaped}%", limit),
    )
    return [r[0] for r in rows]


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
    changes: dict[str, Any] = dict(clean_profile(name, phone, email, birthday))
    if changes.get("phone"):
        other = find_by_phone(conn, changes["phone"])
        if other and other != member_id:
            raise InvalidInput("Another member already has that phone number.")
    if segments is not None:
        changes["segments_json"] = json.dumps(clean_segments(segments, program))
    if not changes:
        return {}
    clocks = json.loads(row[1] or "{}")
    for key in changes:
        clocks[key] = hlc
    sets = ", ".join(f"{k} = ?" for k in changes)
    sql(conn,
        f"UPDATE member SET {sets}, profile_hlc_json = ? WHERE id = ?",
        (*changes.values(), json.dumps(clocks, sort_keys=True), member_id),
    )
    return changes
