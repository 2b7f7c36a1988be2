"""The manager's daily summary from the command line."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from kiosk.errors import InvalidInput
from ui.cli import emit
from ui.cli.common import money, open_till


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("report", parents=[common], help="the daily summary (or a range)")
    p.add_argument("--day", help="01.12.2026 or 2026-12-01 (default: today in the shop's "
                   "time zone)")
    p.add_argument("--from", dest="first", help="first day of a range")
    p.add_argument("--to", dest="last", help="last day of a range")
    p.add_argument("--org", action="store_true", help="all shops of the organisation")
    p.set_defaults(handler=report)


def _day(text: str) -> date:
    """ISO (2026-12-01) or the shop's local form (01.12.2026)."""
    from kiosk.profiles import parse_day

    return parse_day(text)


def report(args: argparse.Namespace) -> None:
    till = open_till(args)
    if args.day and (args.first or args.last):
        raise InvalidInput("Give --day, or --from and --to, not both.")
    if args.first or args.last:
        if not (args.first and args.last):
            raise InvalidInput("A range needs both --from and --to.")
        first, last = _day(args.first), _day(args.last)
        if last < first or last - first > timedelta(days=366):
            raise InvalidInput("The range must run forwards and span at most a year.")
    else:
        first = last = _day(args.day) if args.day else till.today()
    summary = till.report(first, last, whole_org=args.org)
    currency = till.info().shop.currency if till.info().shop else "NOK"
    data = summary.as_dict()

    def text() -> str:
        prev = data.get("previous") or {}
        lines = [f"Summary {data['first']} – {data['last']}"]
        for key in ("visits", "unique_members", "new_members", "stamps_given", "points_earned",
                    "points_redeemed", "coupons_used", "active_members_30",
                    "active_members_90"):
            before = f"   (before: {prev[key]})" if key in prev else ""
            lines.append(f"  {key.replace('_', ' '):<22}{data[key]:>10}{before}")
        lines.append(f"  {'member revenue':<22}{money(data['member_revenue_minor'], currency):>10}")
        lines.append(f"  {'repeat-visit rate':<22}{data['repeat_visit_rate']:>10.0%}")
        for reward, count in sorted(data["rewards_redeemed"].items()):
            lines.append(f"  redeemed {reward:<13}{count:>10}")
        return "\n".join(lines)

    emit(args, data, text)
