"""The daily summary across an organisation's shops, by the core's own report queries."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from kiosk.errors import InvalidInput, NotFound
from kiosk.reports import daily_summary
from server import tenants


def daily(conn: Connection, *, org_id: str, day: date, shop_id: str | None) -> dict[str, Any]:
    """kiosk.reports.daily_summary for one local day of a shop (or of the whole organisation).

    The day is the shop's own (its time zone); without a shop, the organisation's.
    """
    if not 1970 <= day.year <= 9000:
        raise InvalidInput("The day must be between 1970 and 9000.")
    if shop_id is not None:
        try:
            shop = tenants.get_shop(conn, shop_id)
        except NotFound:
            shop = None
        if shop is None or shop.org_id != org_id:
            raise NotFound("No such shop in this organisation.")
        timezone = shop.timezone
    else:
        timezone = tenants.get_org(conn, org_id).timezone
    summary = daily_summary(conn, org_id=org_id, shop_id=shop_id, first=day, last=day,
                                    tz=ZoneInfo(timezone))
    return {"day": day.isoformat(), "shop_id": shop_id, "timezone": timezone,
            **summary.as_dict()}
