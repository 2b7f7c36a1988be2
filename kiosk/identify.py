"""One way from scanned or typed text to a member: a card code, a phone number, or a name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kiosk import cards, members
from kiosk.errors import CardRefused, InvalidInput
from kiosk.shops import Org
from kiosk.store import Connection
from kiosk.views import MemberView, member_view

How = Literal["card", "phone", "name", "none"]
MAX_CANDIDATES = 20


@dataclass(frozen=True)
class Identified:
    """Who the text names: one member, several candidates (a name), or nobody."""

    member: MemberView | None
    candidates: tuple[MemberView, ...] = ()
    how: How = "none"

    @property
    def found(self) -> bool:
        return self.member is not None


def card_member(conn: Connection, org: Org, text: str, *, scanned: bool = False) -> str | None:
    """The member id when the text is a card code; None when it is not one (a phone, a name).

    A card code that can't be used raises CardRefused; `scanned` text is always a card code.
    """
    text = text.strip()
    if len(text) > cards.MAX_INPUT:
        raise CardRefused("That is not a Klipp card (the code is far too long).", "unreadable")
    if text and (scanned or cards.looks_like_code(text)):
        return members.member_by_card(conn, org, text)
    return None


def identify(conn: Connection, org: Org, text: str, *, scanned: bool = False) -> Identified:
    """Resolve text to a member; a card code that can't be used raises CardRefused.

    `scanned`: the text came from a camera or a USB scanner, so it must be a card code; any
    other text is refused as unreadable instead of being searched as a name.
    """
    member_id = card_member(conn, org, text, scanned=scanned)
    if member_id is not None:
        return Identified(member_view(conn, member_id), how="card")
    return by_phone_or_name(conn, org, text)


def by_phone_or_name(conn: Connection, org: Org, text: str) -> Identified:
    """Typed text that is no card code (card_member said so): a phone number, or a name."""
    text = text.strip()
    if not text:
        return Identified(None)
    try:
        by_phone = members.find_by_phone(conn, text)
    except InvalidInput:
        by_phone = None
    if by_phone is not None:
        return Identified(member_view(conn, by_phone), how="phone")
    ids = members.search(conn, org, text, limit=MAX_CANDIDATES)
    views = tuple(member_view(conn, i, coupons=False) for i in ids)
    if len(views) == 1:
        return Identified(member_view(conn, ids[0]), how="name")
    return Identified(None, candidates=views, how="name" if views else "none")
