"""Shop-local days: events are stored in UTC, reports and caps count the shop's own days."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kiosk.clock import to_micros


def local_day(when: datetime, tz: ZoneInfo) -> date:
    return when.astimezone(tz).date()


def day_bounds(day: date, tz: ZoneInfo) -> tuple[int, int]:
    """[start, end) of a local day in UTC microseconds; DST days are 23 or 25 hours long."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return to_micros(start), to_micros(end)

