"""Commands for the owner: set up a shop, the programme, demo data, checks, the PIN."""

from __future__ import annotations

import argparse
import getpass
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.errors import InvalidInput
from kiosk.numbers import whole_number_in
from ui.cli import emit
from ui.cli.common import (
    ask_pin,
    check_target,
    confirm,
    money,
    one_member,
    open_till,
    quoted,
)

if TYPE_CHECKING:
    from kiosk.till import Till, TillInfo

# The programme templates a till can start from (kiosk.programs.TEMPLATES); listed here so
# `klipp --help` need not build the programme models.
TEMPLATE_NAMES = ("cafe", "points", "tiered")
# The languages a template's texts come in (kiosk.template_texts.LANGUAGES).
LANGUAGES = ("nb", "sv", "en")
LANG_HELP = "language of the programme's reward, coupon and question texts (default en)"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("setup", parents=[common], help="create this till's organisation and shop")
    p.add_argument("--org", required=True, help="organisation name")
    p.add_argument("--shop", required=True, help="shop name")
    p.add_argument("--template", choices=TEMPLATE_NAMES, default="cafe")
    p.add_argument("--timezone", default="Europe/Oslo")
    p.add_argument("--currency", default="NOK")
    p.add_argument("--lang", choices=LANGUAGES, default="en", help=LANG_HELP)
    p.set_defaults(handler=setup)

    p = sub.add_parser("demo", parents=[common],
                       help="a demo café with members and months of visits")
    p.add_argument("--members", type=int, default=300)
    p.add_argument("--days", type=int, default=120)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--lang", choices=LANGUAGES, default="en", help=LANG_HELP)
    p.set_defaults(handler=demo)

    p = sub.add_parser("demo-large", parents=[common],
                       help="a large database for benchmarks (100,000 members, 1,000,000 events)")
    p.add_argument("--members", type=int, default=100_000)
    p.add_argument("--events", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(handler=demo_large)

    p = sub.add_parser("program", parents=[common], help="show or change the loyalty programme")
    p.add_argument("action", choices=["show", "set", "template"])
    p.add_argument("value", nargs="?", help="JSON file for set, template name for template")
    p.add_argument("--pin", help="the manager PIN, once one is set (asked for when left out)")
    p.add_argument("--yes", action="store_true",
                   help="replace a customised programme with a template without asking")
    p.add_argument("--lang", choices=LANGUAGES, default="en",
                   help="language of a template's texts (default en)")
    p.set_defaults(handler=program)

    p = sub.add_parser("rewards", parents=[common], help="list the rewards catalogue")
    p.set_defaults(handler=rewards)

    p = sub.add_parser("check", parents=[common],
                       help="compare cached balances with a rebuild from the events")
    p.add_argument("--rebuild", action="store_true", help="rewrite the cache from the events")
    p.set_defaults(handler=check)

    p = sub.add_parser("card", parents=[common], help="render a card code as a QR image")
    p.add_argument("code")
    p.add_argument("--png", type=Path)
    p.add_argument("--svg", type=Path)
    p.set_defaults(handler=render_card)

    p = sub.add_parser("pin", parents=[common], help="set the manager PIN")
    p.add_argument("--pin", help="the new PIN (asked for when left out)")
    p.add_argument("--old-pin", help="the current PIN, when one is set (asked for when left out)")
    p.set_defaults(handler=set_pin)

    p = sub.add_parser("events", parents=[common],
                       help="what the till wrote: a member's events, the newest, or the outbox")
    p.add_argument("query", nargs="?", help="a member (card code, phone or name)")
    p.add_argument("--waiting", action="store_true",
                   help="the events waiting to be sent to the server")
    p.add_argument("--limit", type=_limit, default=20, help="how many (default 20, at most 1000)")
    p.set_defaults(handler=events)

    p = sub.add_parser("maintenance", parents=[common],
                       help="daily jobs: birthday coupons, tier review, points expiry")
    p.set_defaults(handler=maintenance)


def set_up(till: Till) -> TillInfo:
    """The till's shop and programme, or the one-line reason it has none yet."""
    info = till.info()
    if not info.set_up:
        raise InvalidInput("This till is not set up yet: run `klipp setup` (or `klipp demo`).")
    return info


def _limit(text: str) -> int:
    limit = whole_number_in(text, 1, 1000)
    if limit is None:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a number from 1 to 1000")
    return limit


def setup(args: argparse.Namespace) -> None:
    till = open_till(args)
    till.setup(org_name=args.org, shop_name=args.shop, template=args.template,
               timezone=args.timezone, currency=args.currency, language=args.lang)
    ctx = till.info()
    emit(args, {"org_id": ctx.org.id, "shop_id": ctx.shop.id,
                "device_id": ctx.device_id, "program": ctx.program.name},
         f"Set up {ctx.shop.name} with the {args.template} programme ({ctx.program.name}).")


def demo(args: argparse.Namespace) -> None:
    from kiosk.clock import FixedClock
    from kiosk.demo import build_demo

    till = open_till(args)
    info = till.info()
    if info.set_up:
        raise InvalidInput(f"This till already has a shop ({info.shop.name if info.shop else ''})"
                           "; build the demo in a new data folder: --data-dir FOLDER.")
    till.setup(org_name="Demo Kaffe AS", shop_name="Demo Kaffebar", template="cafe",
               language=args.lang)
    clock = FixedClock(datetime.now(UTC) - timedelta(days=args.days))
    result = build_demo(till, members=args.members, days=args.days, seed=args.seed, clock=clock)
    emit(args, result, f"Demo café ready: {args.members} members, {args.days} days of visits.")


def demo_large(args: argparse.Namespace) -> None:
    from kiosk.demo import build_large
    from kiosk.paths import database_path

    path = database_path(args.data_dir)
    result = build_large(path, members=args.members, events=args.events, seed=args.seed)
    emit(args, result, f"Large demo written to {path}: {result}")


def program(args: argparse.Namespace) -> None:
    from kiosk.shops import template

    till = open_till(args)
    if args.action == "show":
        cfg = set_up(till).program
        assert cfg is not None
        emit(args, json.loads(cfg.model_dump_json()), cfg.model_dump_json(indent=2))
        return
    if not args.value:
        what = "a JSON file" if args.action == "set" else \
            "a template name (" + ", ".join(TEMPLATE_NAMES) + ")"
        raise InvalidInput(f"`klipp program {args.action}` needs {what}.")
    if args.action == "set":
        if "\x00" in args.value:
            raise InvalidInput(f"{quoted(args.value)} is not a file name.")
        try:
            text = Path(args.value).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            why = getattr(exc, "strerror", None) or "not UTF-8 text"
            raise InvalidInput(f"Cannot read {quoted(args.value)}: {why}.") from None
        ask_pin(args, till, "Changing the programme")
        version = till.publish_program(text).version
    else:
        if args.value not in TEMPLATE_NAMES:
            raise InvalidInput(f"There is no template {quoted(args.value)}; choose one of: "
                               + ", ".join(TEMPLATE_NAMES) + ".")
        info = till.info()
        currency = info.shop.currency if info.shop is not None else "NOK"
        config = template(args.value, args.lang, currency)
        ask_pin(args, till, "Changing the programme")
        current = info.program
        if current is not None and _customised(current, currency):
            confirm(args, f"This replaces the shop's customised programme ({current.name}) "
                    f"with the {args.value} template.")
        version = till.publish_program(config).version
    emit(args, {"version": version}, f"Programme version {version} is now in force.")


def _customised(current: object, currency: str) -> bool:
    """Whether the programme in force is something other than an untouched template (in
    any of its languages, for the shop's currency)."""
    from kiosk.shops import template

    dumped = current.model_dump()  # type: ignore[attr-defined]
    return all(template(name, language, currency).model_dump() != dumped
               for name in TEMPLATE_NAMES for language in LANGUAGES)


def events(args: argparse.Namespace) -> None:
    till = open_till(args)
    if args.query and args.waiting:
        raise InvalidInput("Give a member or --waiting, not both.")
    member_id = one_member(till, args.query).id if args.query else None
    found = till.events(member_id, limit=args.limit, waiting=args.waiting)
    currency = till.info().shop.currency if till.info().shop else "NOK"
    rows = [e.as_dict() if callable(getattr(e, "as_dict", None)) else e for e in found]

    def line(e: object) -> str:
        from datetime import UTC, datetime

        ts = datetime.fromtimestamp(e.ts / 1e6, UTC).astimezone()  # type: ignore[attr-defined]
        parts = [ts.strftime("%Y-%m-%d %H:%M:%S"), f"{e.kind:<16}"]  # type: ignore[attr-defined]
        for field, label in (("stamps", "stamps"), ("points", "points")):
            value = getattr(e, field, 0)
            if value:
                parts.append(f"{value:+d} {label}")
        if getattr(e, "amount_minor", 0):
            parts.append(money(e.amount_minor, currency))  # type: ignore[attr-defined]
        if getattr(e, "cashback_minor", 0):
            parts.append(f"{money(e.cashback_minor, currency)} cashback")  # type: ignore[attr-defined]
        if getattr(e, "reward_id", None):
            parts.append(e.reward_id)  # type: ignore[attr-defined]
        return "  ".join(parts)

    what = "waiting to be sent" if args.waiting else "written"
    emit(args, rows, lambda: "\n".join(line(e) for e in found) or f"No events {what}.")


def rewards(args: argparse.Namespace) -> None:
    cfg = set_up(open_till(args)).program
    assert cfg is not None
    rows = [r.model_dump() for r in cfg.rewards]
    emit(args, rows, lambda: "\n".join(
        f"{r['id']:<16} {r['title']:<30} "
        + (f"{r['cost_stamps']} stamps" if r["cost_stamps"] else f"{r['cost_points']} points")
        for r in rows))


def check(args: argparse.Namespace) -> None:
    till = open_till(args)
    if args.rebuild:
        count = till.rebuild_balances()
        emit(args, {"rebuilt_from_events": count}, f"Rebuilt balances from {count} events.")
        return
    mismatches = till.check_balances()
    emit(args, {"ok": not mismatches, "mismatches": mismatches},
         "Balances match the events." if not mismatches else
         f"{len(mismatches)} cached rows differ from the events; run `klipp check --rebuild`.")
    if mismatches:
        raise SystemExit(1)


def render_card(args: argparse.Namespace) -> None:
    from kiosk import cards

    till = open_till(args)
    org = set_up(till).org
    assert org is not None
    checked = cards.check(args.code, prefix=org.code_prefix, card_key=org.card_key)
    if not args.png and not args.svg:
        raise InvalidInput("Say where to write the card: --png FILE and/or --svg FILE.")
    check_target(args.png, "--png")
    check_target(args.svg, "--svg")
    if args.png:
        cards.render_png(checked.code, args.png)
    if args.svg:
        cards.render_svg(checked.code, args.svg)
    written = [str(p) for p in (args.png, args.svg) if p]
    emit(args, {"written": written}, "Wrote " + ", ".join(written))


def _secret(prompt: str, option: str) -> str:
    import sys

    if not sys.stdin.isatty():
        raise InvalidInput(f"No terminal to ask on: give {option}.")
    return getpass.getpass(prompt)


def set_pin(args: argparse.Namespace) -> None:
    till = open_till(args)
    if till.has_pin():
        # Changing the PIN takes the old one; verify_pin counts failures towards the lockout.
        old = args.old_pin or _secret("Current manager PIN: ", "--old-pin")
        till.verify_pin(old)
    value = args.pin or _secret("New manager PIN: ", "--pin")
    till.set_pin(value)
    emit(args, {"ok": True}, "Manager PIN set.")


def maintenance(args: argparse.Namespace) -> None:
    till = open_till(args)
    done = till.daily_maintenance()
    emit(args, done, ", ".join(f"{k}: {v}" for k, v in done.items()))
