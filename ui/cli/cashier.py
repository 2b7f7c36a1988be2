"""Commands a cashier runs: stamp, purchase, redeem, coupons, cashback, undo."""

from __future__ import annotations

import argparse

from kiosk.actions import Item
from kiosk.errors import InvalidInput
from kiosk.till import Done
from ui.cli import emit
from ui.cli.common import describe, money, one_member, open_till, parse_amount


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("stamp", parents=[common], help="give stamps")
    p.add_argument("query", help="card code, phone or name")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--category")
    p.set_defaults(handler=stamp)

    p = sub.add_parser("purchase", parents=[common], help="record a purchase (points, cashback)")
    p.add_argument("query")
    p.add_argument("--amount", required=True, help="total, e.g. 89.50")
    p.add_argument("--item", action="append", default=[], metavar="CATEGORY:AMOUNT[:QTY]")
    p.set_defaults(handler=purchase)

    p = sub.add_parser("redeem", parents=[common], help="redeem a reward")
    p.add_argument("query")
    p.add_argument("reward", help="reward id (see `klipp rewards`)")
    p.set_defaults(handler=redeem)

    p = sub.add_parser("coupon", parents=[common], help="use one of the member's coupons")
    p.add_argument("query")
    p.add_argument("coupon_id")
    p.set_defaults(handler=coupon)

    p = sub.add_parser("cashback", parents=[common], help="pay with cashback credit")
    p.add_argument("query")
    p.add_argument("amount")
    p.set_defaults(handler=cashback)

    p = sub.add_parser("undo", parents=[common], help="undo the member's last action")
    p.add_argument("query")
    p.set_defaults(handler=undo)

    p = sub.add_parser("till", parents=[common],
                       help="an interactive till in the terminal (USB scanner or typing)")
    p.add_argument("--demo-if-empty", action="store_true",
                   help="on a till with no shop yet, build a demo café first")
    p.set_defaults(handler=terminal)


def _items(specs: list[str]) -> list[Item]:
    items = []
    for spec in specs:
        parts = spec.split(":")
        if len(parts) not in (2, 3):
            raise InvalidInput(f"--item takes CATEGORY:AMOUNT[:QTY], not {spec!r}.")
        qty = int(parts[2]) if len(parts) == 3 and parts[2].isdigit() else 1
        items.append(Item(parts[0].strip(), parse_amount(parts[1]), qty))
    return items


def _done(args: argparse.Namespace, done: Done, what: str) -> None:
    emit(args, done, f"{what}\n{describe(done.member)}")


def stamp(args: argparse.Namespace) -> None:
    till = open_till(args)
    member = one_member(till, args.query)
    _done(args, till.stamp(member.id, count=args.count, category=args.category),
          f"+{args.count} stamp(s)")


def purchase(args: argparse.Namespace) -> None:
    till = open_till(args)
    member = one_member(till, args.query)
    amount = parse_amount(args.amount)
    done = till.purchase(member.id, amount_minor=amount, items=_items(args.item) or None)
    e = done.event
    _done(args, done, f"Purchase {money(amount, e.currency)}: +{e.points} points, "
          f"+{money(e.cashback_minor)} cashback, +{e.stamps} stamps")


def redeem(args: argparse.Namespace) -> None:
    till = open_till(args)
    member = one_member(till, args.query)
    _done(args, till.redeem(member.id, args.reward), f"Redeemed {args.reward}")


def coupon(args: argparse.Namespace) -> None:
    till = open_till(args)
    member = one_member(till, args.query)
    _done(args, till.use_coupon(member.id, args.coupon_id), "Coupon used")


def cashback(args: argparse.Namespace) -> None:
    till = open_till(args)
    member = one_member(till, args.query)
    amount = parse_amount(args.amount)
    _done(args, till.spend_cashback(member.id, amount), f"Paid {money(amount)} with cashback")


def undo(args: argparse.Namespace) -> None:
    till = open_till(args)
    member = one_member(till, args.query)
    _done(args, till.undo(member.id), "Undone")


def terminal(args: argparse.Namespace) -> None:
    from ui.cli.terminal import run_terminal_till

    till = open_till(args)
    if args.demo_if_empty and not till.info().set_up:
        from datetime import UTC, datetime, timedelta

        from kiosk.cards import render_png
        from kiosk.clock import FixedClock
        from kiosk.demo import build_demo

        print("No shop on this till yet: building a demo café ...", flush=True)
        till.setup(org_name="Demo Kaffe AS", shop_name="Demo Kaffebar", template="cafe")
        start = datetime.now(UTC) - timedelta(days=60)
        demo = build_demo(till, members=120, days=60, seed=1, clock=FixedClock(start))
        cards_dir = till.data_dir / "demo-cards"
        cards_dir.mkdir(exist_ok=True)
        print(f"Demo cards to scan or type (QR images in {cards_dir}):")
        for number, (member_id, code) in enumerate(list(demo.codes.items())[:5], 1):
            render_png(code, cards_dir / f"card-{number}.png")
            print(f"  {code}  ({till.member(member_id).name})")
    from ui.cli.common import SESSION_SERVICES

    stops = [start(till) for start in SESSION_SERVICES]
    try:
        run_terminal_till(till)
    finally:
        for stop in stops:
            stop()
