"""Commands about members: register, show, edit, cards, export, erase, import."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.errors import InvalidInput
from ui.cli import emit
from ui.cli.common import (
    ask_pin,
    check_target,
    describe,
    one_member,
    open_till,
    quoted,
    written_after_commit,
)

MAX_CSV_BYTES = 5 * 1024 * 1024


def _segments(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise InvalidInput(f"--segment takes QUESTION=ANSWER, not {quoted(pair)}.")
        out[key.strip()] = value.strip()
    return out


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("register", parents=[common], help="register a new member")
    p.add_argument("--name", required=True, help="name or nickname")
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument("--birthday", help="YYYY-MM-DD or MM-DD")
    p.add_argument("--marketing", action="store_true", help="member agrees to marketing")
    p.add_argument("--segment", action="append", default=[], metavar="QUESTION=ANSWER")
    p.add_argument("--card-png", type=Path, help="write the new card's QR code here")
    p.set_defaults(handler=register_member)

    p = sub.add_parser("show", parents=[common], help="show a member by card, phone or name")
    p.add_argument("query")
    p.set_defaults(handler=show)

    p = sub.add_parser("find", parents=[common], help="list members matching a phone or name")
    p.add_argument("query")
    p.set_defaults(handler=find)

    p = sub.add_parser("edit", parents=[common], help="change a member's profile")
    p.add_argument("query")
    for field in ("name", "phone", "email", "birthday"):
        p.add_argument(f"--{field}")
    p.add_argument("--segment", action="append", metavar="QUESTION=ANSWER")
    p.set_defaults(handler=edit)

    p = sub.add_parser("revoke", parents=[common], help="revoke a member's cards (lost card)")
    p.add_argument("query")
    p.add_argument("--reason", default="lost")
    p.add_argument("--new-card", action="store_true", help="issue a replacement card")
    p.add_argument("--card-png", type=Path)
    p.set_defaults(handler=revoke)

    p = sub.add_parser("export", parents=[common], help="export one member's data (GDPR)")
    p.add_argument("query")
    p.add_argument("--out", type=Path, help="file to write (default: standard output)")
    p.add_argument("--pin", help="the manager PIN, once one is set (asked for when left out)")
    p.set_defaults(handler=export)

    p = sub.add_parser("erase", parents=[common], help="erase a member's personal data (GDPR)")
    p.add_argument("query")
    p.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    p.add_argument("--pin", help="the manager PIN, once one is set (asked for when left out)")
    p.set_defaults(handler=erase)

    p = sub.add_parser("import", parents=[common], help="import members from a CSV file")
    p.add_argument("file", type=Path)
    p.add_argument("--pin", help="the manager PIN, once one is set (asked for when left out)")
    p.set_defaults(handler=import_csv)


def register_member(args: argparse.Namespace) -> None:
    from kiosk import cards
    from kiosk.members import ConsentGiven, Registration

    check_target(args.card_png, "--card-png")
    till = open_till(args)
    consents = [ConsentGiven("membership"), ConsentGiven("marketing", granted=args.marketing)]
    done = till.register(Registration(
        name=args.name, phone=args.phone, email=args.email, birthday=args.birthday,
        consents=tuple(consents), segments=_segments(args.segment)))
    if args.card_png:
        written_after_commit("the card image", f"Registered (card code {done.code})",
                             lambda: cards.render_png(done.code, args.card_png))
    written = f"\nCard image: {args.card_png}" if args.card_png else ""
    emit(args, done, f"Registered {done.member.name if done.member else args.name}."
         f"\nCard code: {done.code}{written}")


def show(args: argparse.Namespace) -> None:
    till = open_till(args)
    member = one_member(till, args.query)
    emit(args, member, describe(member, till.info().shop.currency))


def find(args: argparse.Namespace) -> None:
    found = open_till(args).find(args.query)
    emit(args, found, lambda: "\n".join(f"{m.name or '(no name)':<30} {m.phone or ''}"
                                         for m in found) or "No member matches.")


def edit(args: argparse.Namespace) -> None:
    till = open_till(args)
    member = one_member(till, args.query)
    fields = {k: getattr(args, k) for k in ("name", "phone", "email", "birthday")
              if getattr(args, k) is not None}
    if args.segment:
        fields["segments"] = _segments(args.segment)
    if not fields:
        raise InvalidInput("Nothing to change: give --name, --phone, --email, --birthday or "
                           "--segment.")
    updated = till.edit_member(member.id, **fields)
    emit(args, updated, lambda: describe(updated.member, till.info().shop.currency))


def revoke(args: argparse.Namespace) -> None:
    check_target(args.card_png, "--card-png")
    till = open_till(args)
    member = one_member(till, args.query)
    if args.new_card:
        from kiosk import cards

        code = till.replace_card(member.id, args.reason).code
        if args.card_png:
            written_after_commit("the card image", f"New card issued (code {code})",
                                 lambda: cards.render_png(code, args.card_png))
        emit(args, {"member_id": member.id, "code": code},
             f"Old cards revoked. New card code: {code}")
    else:
        count = till.revoke_cards(member.id, args.reason).count
        emit(args, {"member_id": member.id, "revoked": count}, f"Revoked {count} card(s).")


def export(args: argparse.Namespace) -> None:
    check_target(args.out, "--out")
    till = open_till(args)
    member = one_member(till, args.query)
    ask_pin(args, till, "Exporting a member's data")
    data = till.export_member(member.id)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
        emit(args, {"written": str(args.out)}, f"Wrote {args.out}")
    else:
        sys.stdout.write(text + "\n")


def erase(args: argparse.Namespace) -> None:
    if not args.yes:
        raise InvalidInput("Erasing cannot be undone; add --yes to confirm.")
    till = open_till(args)
    member = one_member(till, args.query)
    ask_pin(args, till, "Erasing a member")
    till.erase_member(member.id)
    emit(args, {"erased": member.id},
         f"Erased the personal data of {member.name or 'the member'}.")


def import_csv(args: argparse.Namespace) -> None:
    if "\x00" in str(args.file):
        raise InvalidInput(f"{quoted(str(args.file))} is not a file name.")
    try:
        if args.file.stat().st_size > MAX_CSV_BYTES:
            raise InvalidInput(f"{quoted(str(args.file))} is larger than 5 MB; split it.")
        raw = args.file.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {quoted(str(args.file))}: {exc.strerror}.") from None
    from kiosk.importer import decode

    text = decode(raw)
    till = open_till(args)
    ask_pin(args, till, "Importing members")
    report = till.import_members(text)
    emit(args, report, f"Imported {len(report.member_ids)} members.")
