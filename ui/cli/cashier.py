"""Commands a cashier runs: stamp, purchase, redeem, coupons, cashback, undo; and adjust."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kiosk.errors import InvalidInput
from kiosk.numbers import whole_number, whole_number_in
from ui.cli import emit
from ui.cli.common import (
    ask_pin,
    balance,
    describe,
    money,
    one_member,
    open_coupons,
    open_till,
    parse_amount,
    quoted,
)

if TYPE_CHECKING:
    from kiosk.actions import Item
    from kiosk.changes import Changes
    from kiosk.till import Till

MAX_QUANTITY = 1000


def _count(text: str) -> int:
    """A whole number of stamps, 1 to 100 (the programme's own limit is checked by the core)."""
    count = whole_number_in(text, 1, 100)
    if count is None:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a number of stamps (1 to 100)")
    return count


def _correction(text: str) -> int:
    try:
        value = int(text.strip().replace("+", "", 1) if text.strip().startswith("+") else text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a whole number") from None
    if not -100_000 <= value <= 100_000:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is out of range (±100000)")
    return value


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("stamp", parents=[common], help="give stamps")
    p.add_argument("query", help="card code, phone or name")
    p.add_argument("--count", type=_count, default=1)
    p.add_argument("--category")
    p.set_defaults(handler=stamp)

    p = sub.add_parser("purchase", parents=[common], help="record a purchase (points, cashback)")
    p.add_argument("query")
    p.add_argument("--amount", required=True, help="total, e.g. 89,50")
    p.add_argument("--item", action="append", default=[], metavar="CATEGORY:AMOUNT[:QTY]")
    p.set_defaults(handler=purchase)

    p = sub.add_parser("redeem", parents=[common], help="redeem a reward")
    p.add_argument("query")
    p.add_argument("reward", help="reward id (see `klipp rewards`)")
    p.set_defaults(handler=redeem)

    p = sub.add_parser("coupon", parents=[common], help="use one of the member's coupons")
    p.add_argument("query")
    p.add_argument("coupon", help="the coupon's number as `klipp show` lists it (or its id)")
    p.set_defaults(handler=coupon)

    p = sub.add_parser("cashback", parents=[common], help="pay with cashback credit")
    p.add_argument("query")
    p.add_argument("amount")
    p.set_defaults(handler=cashback)

    p = sub.add_parser("undo", parents=[common], help="undo the member's last action")
    p.add_argument("query")
    p.set_defaults(handler=undo)

    p = sub.add_parser("adjust", parents=[common],
                       help="a manager corrects a balance, with a reason (needs the PIN)")
    p.add_argument("query")
    p.add_argument("--stamps", type=_correction, default=0, help="e.g. -1 or 2")
    p.add_argument("--points", type=_correction, default=0)
    p.add_argument("--cashback", help="amount of cashback credit to add; prefix - to take")
    p.add_argument("--reason", required=True, help="why (kept with the correction)")
    p.add_argument("--pin", help="the manager PIN (asked for when left out)")
    p.set_defaults(handler=adjust)

    p = sub.add_parser("till", parents=[common],
                       help="an interactive till in the terminal (USB scanner or typing)")
    p.add_argument("--demo-if-empty", action="store_true",
                   help="on a till with no shop yet, build a demo café first")
    p.add_argument("--lang", choices=("nb", "sv", "en"), default="en",
                   help="language of the demo café's reward, coupon and question texts")
    p.set_defaults(handler=terminal)


def _items(specs: list[str], currency: str) -> list[Item]:
    from kiosk.actions import Item

    items = []
    for spec in specs:
        parts = spec.split(":")
        if len(parts) not in (2, 3) or not parts[0].strip():
            raise InvalidInput(f"--item takes CATEGORY:AMOUNT[:QTY], not {quoted(spec)}.")
        qty = 1
        if len(parts) == 3:
            quantity = whole_number_in(parts[2], 1, MAX_QUANTITY)
            if quantity is None:
                raise InvalidInput(f"The quantity in {quoted(spec)} must be a whole number "
                                   f"from 1 to {MAX_QUANTITY}.")
            qty = quantity
        items.append(Item(parts[0].strip(), parse_amount(parts[1], currency), qty))
    return items


def _currency(till: Till) -> str:
    info = till.info()
    return info.shop.currency if info.shop else "NOK"


def _done(args: argparse.Namespace, till: Till, done: Changes, what: str) -> None:
    assert done.member is not None
    emit(args, done, f"{what}\n{describe(done.member, _currency(till))}")


def stamp(args: argparse.Namespace) -> None:
    till = open_till(args)
    member = one_member(till, args.query)
    _done(args, till, till.stamp(member.id, count=args.count, category=args.category),
          f"+{args.count} stamp{'s' if args.count != 1 else ''}")


def purchase(args: argparse.Namespace) -> None:
    till = open_till(args)
    currency = _currency(till)
    amount = parse_amount(args.amount, currency)
    items = _items(args.item, currency)
    member = one_member(till, args.query)
    done = till.purchase(member.id, amount_minor=amount, items=items or None)
    e = done.event
    _done(args, till, done, f"Purchase {money(amount, currency)}: +{e.points} points, "
          f"+{money(e.cashback_minor, currency)} cashback, +{e.stamps} stamps")


def redeem(args: argparse.Namespace) -> None:
    till = open_till(args)
    member = one_member(till, args.query)
    program = till.info().program
    titles = {r.id: r.title for r in program.rewards} if program else {}
    if args.reward not in titles:
        choose = ", ".join(titles) or "none"
        raise InvalidInput(f"There is no reward {quoted(args.reward)}; choose one of: {choose}.")
    _done(args, till, till.redeem(member.id, args.reward), f"Redeemed {titles[args.reward]}")


def coupon(args: argparse.Namespace) -> None:
    till = open_till(args)
    member = one_member(till, args.query)
    held = open_coupons(member)
    chosen = args.coupon.strip()
    number = whole_number(chosen) if len(chosen) < 6 else None
    if number is not None:
        if not held:
            raise InvalidInput("This member has no coupons to use.")
        if not 1 <= number <= len(held):
            raise InvalidInput(f"Choose a coupon number from 1 to {len(held)}: "
                               + ", ".join(f"{n} {c.title}" for n, c in enumerate(held, 1))
                               + ".")
        chosen_id, title = held[number - 1].id, held[number - 1].title
    else:
        match = [c for c in member.coupons if c.id == chosen]
        if not match:
            raise InvalidInput(f"This member has no coupon {quoted(chosen)}.")
        chosen_id, title = match[0].id, match[0].title
    _done(args, till, till.use_coupon(member.id, chosen_id), f"Used the coupon {title}")


def cashback(args: argparse.Namespace) -> None:
    till = open_till(args)
    currency = _currency(till)
    amount = parse_amount(args.amount, currency)
    member = one_member(till, args.query)
    _done(args, till, till.spend_cashback(member.id, amount),
          f"Paid {money(amount, currency)} with cashback")


def undo(args: argparse.Namespace) -> None:
    from kiosk.errors import UndoRefused

    till = open_till(args)
    member = one_member(till, args.query)
    try:
        done = till.undo(member.id)
    except UndoRefused as exc:
        if "too old" not in str(exc):
            raise
        raise UndoRefused(f"{exc} A manager corrects it with `klipp adjust` "
                          "(e.g. --stamps -1 --reason \"...\").") from None
    _done(args, till, done, "Undone: the last action was reversed")


def adjust(args: argparse.Namespace) -> None:
    till = open_till(args)
    currency = _currency(till)
    reason = " ".join(args.reason.split())
    if not 3 <= len(reason) <= 200:
        raise InvalidInput("Give the reason for the correction (3 to 200 characters).")
    cash = 0
    if args.cashback:
        text = args.cashback.strip()
        sign = -1 if text.startswith("-") else 1
        cash = sign * parse_amount(text.lstrip("+-"), currency)
    if not (args.stamps or args.points or cash):
        raise InvalidInput("Nothing to correct: give --stamps, --points or --cashback.")
    member = one_member(till, args.query)
    if member.stamps + args.stamps < 0 or member.points + args.points < 0 \
            or member.cashback_minor + cash < 0:
        raise InvalidInput(f"That would leave the member below zero (they hold "
                           f"{balance(member, currency)}).")
    ask_pin(args, till, "Correcting a balance")
    done = till.adjust(member.id, stamps=args.stamps, points=args.points, cashback_minor=cash,
                       reason=reason)
    _done(args, till, done, f"Corrected ({reason})")


def terminal(args: argparse.Namespace) -> None:
    from ui.cli.terminal import run_terminal_till

    till = open_till(args)
    if not args.demo_if_empty and not till.info().set_up:
        raise InvalidInput("This till is not set up yet: run `klipp setup` (or `klipp demo`, "
                           "or `klipp till --demo-if-empty`).")
    if args.demo_if_empty and not till.info().set_up:
        from datetime import UTC, datetime, timedelta

        from kiosk.cards import render_png
        from kiosk.clock import FixedClock
        from kiosk.demo import build_demo

        print("No shop on this till yet: building a demo café ...", flush=True)
        till.setup(org_name="Demo Kaffe AS", shop_name="Demo Kaffebar", template="cafe",
                   language=args.lang)
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
        run_terminal_till(till, json_lines=bool(getattr(args, "json", False)))
    finally:
        for stop in stops:
            stop()
