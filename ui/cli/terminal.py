"""A till in the terminal: a USB scanner types the card code and Enter; one key does the rest.

Until the screens exist this is how a shop runs the till; it is also handy over SSH.
With `--json` every answer is one JSON object per line, for a script driving the till.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from kiosk.errors import CardRefused, KlippError
from kiosk.numbers import whole_number, whole_number_in
from kiosk.till import Till
from kiosk.views import MemberView
from ui.cli.common import (
    balance,
    candidates,
    describe,
    money,
    open_coupons,
    parse_amount,
    quoted,
)

HELP = """\
Scan a card (or type a phone number or name), then:
  s / s2      +1 stamp / +2 stamps           p 89,50   purchase of 89,50
  r REWARD    redeem a reward                 c N       use coupon number N
  b 20        pay 20 with cashback credit     u         undo the last action
  rewards     list rewards                    n         next customer
  ?           this help                       q         quit
Anything else is a search for a member."""

PROMPT = "klipp> "


class _Session:
    def __init__(self, till: Till, out: TextIO, json_lines: bool) -> None:
        self.till = till
        self.out = out
        self.json_lines = json_lines
        ctx = till.info()
        self.currency = ctx.shop.currency if ctx.shop else "NOK"
        self.program = ctx.program
        self.shop_name = ctx.shop.name if ctx.shop else ""
        self.member: MemberView | None = None

    # --- output --------------------------------------------------------------------------

    def say(self, text: str, **data: Any) -> None:
        if self.json_lines:
            record = {"message": text, **data}
            if self.member is not None and "member" not in data:
                record["member"] = self._member_json(self.member)
            print(json.dumps(record, ensure_ascii=False, sort_keys=True), file=self.out,
                  flush=True)
        else:
            print(text, file=self.out, flush=True)

    def refuse(self, text: str, **data: Any) -> None:
        self.say(f"! {text}", ok=False, **data)

    def prompt(self) -> None:
        if not self.json_lines:
            who = f"{self.member.name or '(no name)'} " if self.member else ""
            print(f"{who}{PROMPT}", end="", file=self.out, flush=True)

    def _member_json(self, m: MemberView) -> dict[str, Any]:
        return {"name": m.name, "stamps": m.stamps, "points": m.points,
                "cashback_minor": m.cashback_minor, "tier": m.tier,
                "coupons": [c.title for c in open_coupons(m)]}

    def show_member(self, what: str | None = None) -> None:
        assert self.member is not None
        text = describe(self.member, self.currency)
        self.say(f"{what}\n{text}" if what else text, ok=True)

    def rewards_text(self) -> str:
        if not self.program or not self.program.rewards:
            return "This programme has no rewards."
        return "\n".join(
            f"  {r.id:<16} {r.title} ("
            + (f"{r.cost_stamps} stamps" if r.cost_stamps else f"{r.cost_points} points") + ")"
            for r in self.program.rewards)

    # --- input ---------------------------------------------------------------------------

    def handle(self, line: str) -> None:
        verb, _, rest = line.partition(" ")
        rest = rest.strip()
        if line == "?":
            self.say(HELP)
        elif line == "rewards":
            self.say(self.rewards_text())
        elif line == "n":
            self.member = None
            self.say("Next customer: scan a card.", ok=True, member=None)
        elif _is_command(verb, rest):
            if self.member is None:
                self.refuse("Scan a card (or type a phone number or name) first.")
                return
            self.act(verb, rest)
        else:
            self.identify(line)

    def identify(self, text: str) -> None:
        # A refusal clears the member on screen: the next key must never act on the
        # previous customer.
        self.member = None
        try:
            found = self.till.identify(text)
        except CardRefused as exc:
            self.refuse(str(exc), reason=exc.reason, member=None)
            return
        if found.member is not None:
            self.member = found.member
            self.show_member()
        elif found.candidates:
            self.refuse(f"Several members match {quoted(text)}: {candidates(found.candidates)}."
                        " Type more of the name, or the phone number.", member=None,
                        candidates=[m.name for m in found.candidates])
        else:
            self.refuse(f"No member found for {quoted(text)}.", member=None)

    def act(self, verb: str, rest: str) -> None:
        assert self.member is not None
        member_id = self.member.id
        if verb[0] == "s":
            count = int(verb[1:] or 1)
            done = self.till.stamp(member_id, count=count)
            what = f"+{count} stamp{'s' if count != 1 else ''}"
        elif verb == "p":
            amount = parse_amount(rest, self.currency)
            done = self.till.purchase(member_id, amount_minor=amount)
            e = done.event
            what = (f"Purchase {money(amount, self.currency)}: +{e.points} points, "
                    f"+{money(e.cashback_minor, self.currency)} cashback, +{e.stamps} stamps")
        elif verb == "r":
            rewards = {r.id: r for r in (self.program.rewards if self.program else [])}
            if rest not in rewards:
                choose = ", ".join(f"{r.id} ({r.title})" for r in rewards.values()) or "none"
                start = f"There is no reward {quoted(rest)}" if rest else "Which reward?"
                self.refuse(f"{start} Choose one of: {choose}.")
                return
            done = self.till.redeem(member_id, rest)
            what = f"Redeemed {rewards[rest].title}"
        elif verb == "c":
            held = open_coupons(self.member)
            if not held:
                self.refuse("This member has no coupons to use.")
                return
            number = whole_number_in(rest, 1, len(held))
            if number is None:
                listing = ", ".join(f"{n} {c.title}" for n, c in enumerate(held, 1))
                self.refuse(f"Choose a coupon number from 1 to {len(held)}: {listing}.")
                return
            coupon = held[number - 1]
            done = self.till.use_coupon(member_id, coupon.id)
            what = f"Used the coupon {coupon.title}"
        elif verb == "b":
            amount = parse_amount(rest, self.currency)
            done = self.till.spend_cashback(member_id, amount)
            what = f"Paid {money(amount, self.currency)} with cashback"
        else:  # "u"
            done = self.till.undo(member_id)
            what = "Undone: the last action was reversed"
        assert done.member is not None
        self.member = done.member
        self.say(f"{what}\n{describe(done.member, self.currency)}", ok=True,
                 done=what, balance=balance(done.member, self.currency))


def _is_command(verb: str, rest: str) -> bool:
    """Whether a line is one of the till's keys (anything else is a search)."""
    if verb == "s" or (verb[:1] == "s" and whole_number(verb[1:]) is not None
                       and len(verb) <= 3):
        return not rest
    if verb in ("u",):
        return not rest
    if verb in ("p", "b"):
        return True
    if verb in ("r", "c"):
        return len(rest.split()) <= 1
    return False


def run_terminal_till(till: Till, stdin: TextIO | None = None, out: TextIO | None = None,
                      *, json_lines: bool = False) -> None:
    """Read lines until end of input or `q`; every action is one committed transaction."""
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    session = _Session(till, out, json_lines)
    program = session.program.name if session.program else ""
    session.say(f"Klipp till — {session.shop_name} — {program}. Type ? for help.")
    session.prompt()
    for raw in stdin:
        line = raw.strip()
        if line == "q":
            break
        if line:
            try:
                session.handle(line)
            except KlippError as exc:
                session.refuse(str(exc))
        session.prompt()
    if not json_lines:
        print(file=out)
    session.say("Bye.")
