"""Organisations, shops, this till's identity, and programme versions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, available_timezones

from kiosk import cards, ledger, settings
from kiosk.clock import Clock, to_micros
from kiosk.errors import InvalidInput, NotFound
from kiosk.ids import new_id
from kiosk.store import Connection, sql

if TYPE_CHECKING:
    from kiosk.programs import ProgramConfig

CURRENCIES = {"NOK", "SEK", "DKK", "EUR", "USD", "GBP"}
# A shop's country, for reading phone numbers typed without a country code. The time zone
# says it best (EUR is many countries); the currency is the fallback for a zone not listed.
_ZONE_REGION = {
    "Europe/Oslo": "NO", "Arctic/Longyearbyen": "SJ", "Europe/Stockholm": "SE",
    "Europe/Copenhagen": "DK", "Europe/Helsinki": "FI", "Europe/Mariehamn": "AX",
    "Atlantic/Reykjavik": "IS", "Atlantic/Faroe": "FO", "America/Nuuk": "GL",
    "Europe/Tallinn": "EE", "Europe/Riga": "LV", "Europe/Vilnius": "LT",
    "Europe/Berlin": "DE", "Europe/Amsterdam": "NL", "Europe/Brussels": "BE",
    "Europe/Paris": "FR", "Europe/Madrid": "ES", "Europe/Rome": "IT", "Europe/Vienna": "AT",
    "Europe/Dublin": "IE", "Europe/Lisbon": "PT", "Europe/London": "GB",
    "America/New_York": "US", "America/Chicago": "US", "America/Denver": "US",
    "America/Los_Angeles": "US",
}
_CURRENCY_REGION = {"NOK": "NO", "SEK": "SE", "DKK": "DK", "GBP": "GB", "USD": "US"}


def region_of(timezone: str, currency: str) -> str | None:
    """The shop's country code (ISO 3166, e.g. "NO") from its time zone, else its currency."""
    return _ZONE_REGION.get(timezone) or _CURRENCY_REGION.get(currency.upper())


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    code_prefix: str
    card_key: str


@dataclass(frozen=True)
class ShopInfo:
    id: str
    org_id: str
    name: str
    timezone: str
    currency: str

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def region(self) -> str | None:
        """The shop's country, the default for phone numbers typed without a country code."""
        return region_of(self.timezone, self.currency)


def create_org(conn: Connection, clock: Clock, *, name: str, org_id: str | None = None,
               code_prefix: str | None = None, card_key: str | None = None) -> Org:
    """A new organisation with its own card prefix and signing key."""
    org = Org(
        id=org_id or new_id(), name=_name(name),
        code_prefix=code_prefix or cards.new_prefix(), card_key=card_key or cards.new_card_key(),
    )
    sql(conn,
        "INSERT INTO organisation (id, name, code_prefix, card_key, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (org.id, org.name, org.code_prefix, org.card_key, to_micros(clock.now())),
    )
    return org


def create_shop(conn: Connection, clock: Clock, *, org_id: str, name: str,
                timezone: str = "Europe/Oslo", currency: str = "NOK",
                shop_id: str | None = None) -> ShopInfo:
    if timezone not in available_timezones():
        raise InvalidInput(f"Unknown time zone {timezone!r} (try Europe/Oslo or Europe/Stockholm).")
    currency = currency.upper()
    if currency not in CURRENCIES:
        raise InvalidInput(f"Unsupported currency {currency!r}; use one of {sorted(CURRENCIES)}.")
    shop = ShopInfo(shop_id or new_id(), org_id, _name(name), timezone, currency)
    sql(conn,
        "INSERT INTO shop (id, org_id, name, timezone, currency, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (shop.id, shop.org_id, shop.name, shop.timezone, shop.currency, to_micros(clock.now())),
    )
    return shop


def _name(text: str) -> str:
    text = " ".join(text.split())
    if not 1 <= len(text) <= 80:
        raise InvalidInput("A name must be 1 to 80 characters.")
    return text


def bind_device(conn: Connection, *, org_id: str, shop_id: str, device_id: str | None = None
                ) -> str:
    """Make this database the till of a shop; returns the device id."""
    device = device_id or settings.get(conn, settings.DEVICE_ID) or new_id()
    settings.put(conn, settings.DEVICE_ID, device)
    settings.put(conn, settings.ORG_ID, org_id)
    settings.put(conn, settings.SHOP_ID, shop_id)
    return device


def load_org(conn: Connection, org_id: str) -> Org:
    row = sql(conn,
        "SELECT id, name, code_prefix, card_key FROM organisation WHERE id = ?", (org_id,)
    ).fetchone()
    if row is None:
        raise NotFound("This till's organisation is missing; run `klipp setup` first.")
    return Org(*row)


def till_region(conn: Connection) -> str | None:
    """The country of this till's shop (None before setup)."""
    row = sql(conn,
        "SELECT s.timezone, s.currency FROM shop s JOIN setting t ON t.value = s.id"
        " WHERE t.key = ?", (settings.SHOP_ID,)).fetchone()
    return region_of(row[0], row[1]) if row else None


def load_shop(conn: Connection, shop_id: str) -> ShopInfo:
    row = sql(conn,
        "SELECT id, org_id, name, timezone, currency FROM shop WHERE id = ?", (shop_id,)
    ).fetchone()
    if row is None:
        raise NotFound("This till's shop is missing; run `klipp setup` first.")
    return ShopInfo(*row)


def current_program_json(conn: Connection, shop_id: str) -> tuple[int, str | None]:
    """The programme in force as stored (JSON; None before the first), and its version."""
    row = sql(conn,
        "SELECT version, config_json FROM program WHERE shop_id = ? ORDER BY version DESC LIMIT 1",
        (shop_id,),
    ).fetchone()
    return (0, None) if row is None else (row[0], row[1])


def program_from_json(text: str | None) -> ProgramConfig:
    """A stored programme as its model (the default programme for None)."""
    from kiosk.programs import ProgramConfig

    return ProgramConfig() if text is None else ProgramConfig.model_validate_json(text)


def current_program(conn: Connection, shop_id: str) -> tuple[int, ProgramConfig]:
    """The programme in force: the highest version for the shop."""
    version, text = current_program_json(conn, shop_id)
    return version, program_from_json(text)


def publish_program(conn: Connection, origin: ledger.Origin, clock: Clock,
                    config: ProgramConfig | str) -> int:
    """Make a new programme version and an event so it reaches the other tills."""
    from kiosk.programs import parse_config

    cfg = parse_config(config) if isinstance(config, str) else config
    version, _ = current_program_json(conn, origin.shop_id)
    text = cfg.model_dump_json()
    # The event's fold stores the new version, here and on every till that pulls it.
    ledger.append(conn, origin, clock, ledger.NewEvent(
        kind=ledger.PROGRAM_PUBLISHED,
        payload={"version": version + 1, "config": json.loads(text)},
    ))
    return version + 1


def template(name: str, language: str = "en", currency: str = "NOK") -> ProgramConfig:
    """A starter programme, its reward, coupon, tier and question texts in `language`
    (nb, sv or en): they become the shop's own data, edited later like any other."""
    from kiosk.programs import TEMPLATES

    try:
        make = TEMPLATES[name]
    except KeyError:
        raise InvalidInput(
            f"Unknown template {name!r}; choose one of {', '.join(TEMPLATES)}.") from None
    return make(language, currency)
