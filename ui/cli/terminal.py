"""A till in the terminal: a USB scanner types the card code and Enter; one key does the rest.

Until the screens exist this is how a shop runs the till; it is also handy over SSH.
"""

from __future__ import annotations

import sys
from typing import TextIO

from kiosk import cards
from kiosk.errors import KlippError
from kiosk.till import Till
from kiosk.views import MemberView
from ui.cli.common import describe, money, parse_amount

HELP = """\
Scan a card (or type a phone number or name), then:
  s / s2      +1 stamp / +2 stamps           p 89.50   purchase of 89.50
  r REWARD    redeem a reward                 c N       use coupon number N
  b 20        pay 20 with cashback credit     u         undo the last action
  rewards     list rewards                    n         next customer
  ?           this help                       q         quit"""


def run_terminal_till(till: Till, stdin: TextIO | None = None, out: TextIO | None = None
                      ) -> None:
    """Read lines until end of input or `q`; every action is one committed transaction."""
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    ctx = till.info()
    currency = ctx.shop.currency

    def say(text: str) -> None:
        print(text, file=out, flush=True)

    say(f"Klipp till — {ctx.shop.name} — {ctx.program.name}. Type ? for help.")
    member: MemberView | None = None
    for raw in stdin:
        line = raw.strip()
        if not line:
            continue
        if line == "q":
            break
        if line == "?":
            say(HELP)
            continue
        if line == "rewards":
            for r in ctx.program.rewards:
                cost = f"{r.cost_stamps} stamps" if r.cost_stamps else f"{r.cost_points} points"
                say(f"  {r.id:<16} {r.title} ({cost})")
            continue
        try:
            member = _handle(till, member, line, say, currency)
        except KlippError as exc:
            say(f"! {exc}")
    say("Bye.")


_VERBS = ("s", "p", "r", "c", "b", "u", "n")


def _handle(till: Till, member: MemberView | None, line: str, say, currency: str
            ) -> MemberView | None:
    verb = line.split(" ", 1)[0]
    if member is None and (verb in _VERBS or (verb[:1] == "s" and verb[1:].isdigit())):
        say("! Scan a card (or type a phone number or name) first.")
        return None
    if cards.looks_like_code(line) or member is None or line[0] not in "sprcbun":
        found = [till.lookup(line)] if cards.looks_like_code(line) else till.find(line)
        if len(found) != 1:
            say("! No member found." if not found else "! Several members match; be precise.")
            return member
        member = till.member(found[0].id)
        say(describe(member, currency))
        return member
    verb, _, rest = line.partition(" ")
    rest = rest.strip()
    if verb == "n":
        say("Next customer: scan a card.")
        return None
    if verb.startswith("s") and (verb[1:].isdigit() or verb == "s"):
        done = till.stamp(member.id, count=int(verb[1:] or 1))
    elif verb == "p":
        done = till.purchase(member.id, amount_minor=parse_amount(rest))
        say(f"  +{done.event.points} points, +{money(done.event.cashback_minor)} cashback, "
            f"+{done.event.stamps} stamps")
    elif verb == "r":
        done = till.redeem(member.id, rest)
    elif verb == "c":
        open_coupons = [c for c in member.coupons if not c.used]
        if not rest.isdigit() or not 1 <= int(rest) <= len(open_coupons):
            say(f"! Choose a coupon number 1–{len(open_coupons)}.")
            return member
        done = till.use_coupon(member.id, open_coupons[int(rest) - 1].id)
    elif verb == "b":
        done = till.spend_cashback(member.id, parse_amount(rest))
    elif verb == "u":
        done = till.undo(member.id)
        say("  Undone.")
    else:
        say("! Unknown command; type ? for help.")
        return member
    say(describe(done.member, currency))
    return done.member
