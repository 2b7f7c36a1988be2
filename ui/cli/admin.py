"""Commands for the owner: set up a shop, the programme, demo data, checks, the PIN."""

from __future__ import annotations

import argparse
import getpass
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk import cards
from kiosk.errors import InvalidInput
from kiosk.programs import TEMPLATES
from ui.cli import emit
from ui.cli.common import open_till


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("setup", parents=[common], help="create this till's organisation and shop")
    p.add_argument("--org", required=True, help="organisation name")
    p.add_argument("--shop", required=True, help="shop name")
    p.add_argument("--template", choices=sorted(TEMPLATES), default="cafe")
    p.add_argument("--timezone", default="Europe/Oslo")
    p.add_argument("--currency", default="NOK")
    p.set_defaults(handler=setup)

    p = sub.add_parser("demo", parents=[common],
                       help="a demo café with members and months of visits")
    p.add_argument("--members", type=int, default=300)
    p.add_argument("--days", type=int, default=120)
    p.add_argument("--seed", type=int, default=1)
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

    p = sub.add_parser("maintenance", parents=[common],
                       help="daily jobs: birthday coupons, tier review, points expiry")
    p.set_defaults(handler=maintenance)


def setup(args: argparse.Namespace) -> None:
    till = open_till(args)
    till.setup(org_name=args.org, shop_name=args.shop, template=args.template,
               timezone=args.timezone, currency=args.currency)
    ctx = till.info()
    emit(args, {"org_id": ctx.org.id, "shop_id": ctx.shop.id,
                "device_id": ctx.device_id, "program": ctx.program.name},
         f"Set up {ctx.shop.name} with the {args.template} programme ({ctx.program.name}).")


def demo(args: argparse.Namespace) -> None:
    from kiosk.clock import FixedClock
    from kiosk.demo import build_demo

    till = open_till(args)
    if not till.info().set_up:
        till.setup(org_name="Demo Kaffe AS", shop_name="Demo Kaffebar", template="cafe")
    clock = FixedClock(datetime.now(UTC) - timedelta(days=args.days))
    result = build_demo(till, members=args.members, days=args.days, seed=args.seed, clock=clock)
    emit(args, result, f"Demo ready: {result}")


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
        cfg = till.info().program
        emit(args, json.loads(cfg.model_dump_json()), cfg.model_dump_json(indent=2))
        return
    if not args.value:
        raise InvalidInput(f"`klipp program {args.action}` needs a value.")
    if args.action == "set":
        try:
            text = Path(args.value).read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidInput(f"Cannot read {args.value}: {exc.strerror}.") from None
        version = till.publish_program(text).version
    else:
        version = till.publish_program(template(args.value)).version
    emit(args, {"version": version}, f"Programme version {version} is now in force.")


def rewards(args: argparse.Namespace) -> None:
    cfg = open_till(args).info().program
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
    till = open_till(args)
    org = till.info().org
    checked = cards.check(args.code, prefix=org.code_prefix, card_key=org.card_key)
    if not args.png and not args.svg:
        raise InvalidInput("Say where to write the card: --png FILE and/or --svg FILE.")
    if args.png:
        cards.render_png(checked.code, args.png)
    if args.svg:
        cards.render_svg(checked.code, args.svg)
    written = [str(p) for p in (args.png, args.svg) if p]
    emit(args, {"written": written}, "Wrote " + ", ".join(written))


def set_pin(args: argparse.Namespace) -> None:

    till = open_till(args)
    if till.has_pin():
        # Changing the PIN takes the old one; verify_pin counts failures towards the lockout.
        old = args.old_pin or getpass.getpass("Current manager PIN: ")
        till.verify_pin(old)
    value = args.pin or getpass.getpass("New manager PIN: ")
    till.set_pin(value)
    emit(args, {"ok": True}, "Manager PIN set.")


def maintenance(args: argparse.Namespace) -> None:
    till = open_till(args)
    done = till.daily_maintenance()
    emit(args, done, ", ".join(f"{k}: {v}" for k, v in done.items()))
