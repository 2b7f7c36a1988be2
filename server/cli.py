"""`klipp-server`: run the server and administer it (the database directly, no HTTP).

    klipp-server serve [--host H] [--port P]          SQLite in the user data folder unless
    klipp-server org create --name N [--timezone TZ]    --database-url postgresql+psycopg://...
    klipp-server org list
    klipp-server shop create --org ID --name N [--template cafe] [--timezone TZ] [--currency NOK]
    klipp-server shop list [--org ID]
    klipp-server pair --shop ID [--hours 24]
    klipp-server device list [--org ID] | device revoke DEVICE_ID
    klipp-server program publish --shop ID (--file config.json | --template cafe)

Every command takes --database-url, --data-dir and --json. Errors are one line on stderr
and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import SQLAlchemyError

from kiosk import ledger
from kiosk.clock import SystemClock
from kiosk.errors import InvalidInput, KlippError
from kiosk.numbers import whole_number_in
from kiosk.programs import TEMPLATES
from kiosk.template_texts import LANGUAGES
from server import db, ingest, programs, tenants
from server.settings import ServerSettings
from sync.protocol import batches, read_export

EPILOG = """\
The admin API over HTTP (/v1/admin/..., and /docs to try it) takes a bearer token, the value
of the environment variable KLIPP_ADMIN_TOKEN when `klipp-server serve` starts; with none
set, the admin API is off. Make one and start the server with it, for example:

    export KLIPP_ADMIN_TOKEN="$(python -c 'import secrets; print(secrets.token_urlsafe(32))')"
    klipp-server serve --host 0.0.0.0 --port 8080

then call it with `Authorization: Bearer $KLIPP_ADMIN_TOKEN`. The commands here (org, shop,
pair, device, program, import) work on the database directly and need no token.
"""


class _OneLineParser(argparse.ArgumentParser):
    """A usage error in one line, like every other refusal."""

    def error(self, message: str) -> NoReturn:
        line = re.sub(r"'([^']{40})[^']+'", r"'\1…'", " ".join(message.split()))
        line = re.sub(r"(\S{60})\S+", r"\1…", line)
        self.exit(2, f"{self.prog}: {line} (see `{self.prog} --help`)\n")


def _common(*, top: bool) -> argparse.ArgumentParser:
    # The options work before and after the command; after it, absent ones must not
    # overwrite what was given before it, hence SUPPRESS.
    default: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
    common = _OneLineParser(add_help=False)
    common.add_argument("--database-url", help="postgresql+psycopg://... or sqlite:///...; "
                        "default: $KLIPP_SERVER_DATABASE_URL or SQLite in the data folder",
                        **default)
    common.add_argument("--data-dir", help="folder of the default SQLite database", **default)
    common.add_argument("--json", action="store_true", help="print results as JSON", **default)
    return common


def _port(text: str) -> int:
    """A TCP port, 1 to 65535 (argparse says so in one line; bind() would raise later)."""
    port = whole_number_in(text, 1, 65535)
    if port is None:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a port (1 to 65535)")
    return port


def build_parser() -> argparse.ArgumentParser:
    common = _common(top=False)
    parser = _OneLineParser(prog="klipp-server", parents=[_common(top=True)],
                            description="The Klipp central server.", epilog=EPILOG,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", parents=[common], help="run the HTTP server",
                           epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=_port, default=8080, help="1 to 65535 (default 8080)")
    serve.add_argument("--log-level", default="info",
                       choices=["debug", "info", "warning", "error"])
    serve.set_defaults(run=_serve)

    org = sub.add_parser("org", help="organisations").add_subparsers(
        dest="action", required=True, metavar="ACTION")
    org_create = org.add_parser("create", parents=[common], help="create an organisation")
    org_create.add_argument("--name", required=True)
    org_create.add_argument("--timezone", default="Europe/Oslo")
    org_create.set_defaults(run=_org_create)
    org_list = org.add_parser("list", parents=[common], help="list the organisations")
    org_list.set_defaults(run=_org_list)

    shop = sub.add_parser("shop", help="shops").add_subparsers(
        dest="action", required=True, metavar="ACTION")
    shop_create = shop.add_parser("create", parents=[common], help="create a shop")
    shop_create.add_argument("--org", required=True, help="organisation id")
    shop_create.add_argument("--name", required=True)
    shop_create.add_argument("--timezone", default="Europe/Oslo")
    shop_create.add_argument("--currency", default="NOK")
    shop_create.add_argument("--template", choices=[*sorted(TEMPLATES), "none"], default="cafe",
                             help="the programme the shop starts with (default cafe; "
                             "none: publish one later with `program publish`)")
    shop_create.add_argument("--lang", choices=LANGUAGES, default="en",
                             help="language of the template's reward, coupon and question "
                             "texts (default en)")
    shop_create.set_defaults(run=_shop_create)
    shop_list = shop.add_parser("list", parents=[common], help="list the shops")
    shop_list.add_argument("--org", help="only this organisation's shops")
    shop_list.set_defaults(run=_shop_list)

    pair = sub.add_parser("pair", parents=[common], help="make a one-time pairing code")
    pair.add_argument("--shop", required=True, help="shop id")
    pair.add_argument("--hours", type=float, default=24.0, help="valid for (default 24)")
    pair.set_defaults(run=_pair)

    device = sub.add_parser("device", help="tills").add_subparsers(
        dest="action", required=True, metavar="ACTION")
    revoke = device.add_parser("revoke", parents=[common], help="revoke a till's token")
    revoke.add_argument("device_id")
    revoke.set_defaults(run=_revoke)
    device_list = device.add_parser("list", parents=[common], help="list the enrolled tills")
    device_list.add_argument("--org", help="only this organisation's tills")
    device_list.set_defaults(run=_device_list)

    imp = sub.add_parser("import", parents=[common],
                         help="import a till's export file of waiting events (once each)")
    imp.add_argument("--org", required=True, help="organisation id")
    imp.add_argument("file", type=Path)
    imp.set_defaults(run=_import)

    program = sub.add_parser("program", help="loyalty programmes").add_subparsers(
        dest="action", required=True, metavar="ACTION")
    publish = program.add_parser("publish", parents=[common],
                                 help="publish a shop's next programme version")
    publish.add_argument("--shop", required=True, help="shop id")
    source = publish.add_mutually_exclusive_group(required=True)
    source.add_argument("--file", type=Path, help="programme configuration (JSON)")
    source.add_argument("--template", choices=sorted(TEMPLATES))
    publish.add_argument("--lang", choices=LANGUAGES, default="en",
                         help="language of a template's texts (default en)")
    publish.set_defaults(run=_publish)
    return parser


def settings_from(args: argparse.Namespace) -> ServerSettings:
    """Environment settings, with what the command line says on top."""
    given: dict[str, Any] = {}
    if args.database_url:
        given["database_url"] = args.database_url
    if args.data_dir:
        given["data_dir"] = args.data_dir
    return ServerSettings(**given)


def _in_transaction(args: argparse.Namespace, fn: Callable[[Connection], Any]) -> Any:
    engine = db.make_engine(settings_from(args).resolved_database_url(), pool_size=1)
    try:
        db.migrate(engine)
        with db.writing(engine) as conn:
            return fn(conn)
    finally:
        engine.dispose()


def _print(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    print(json.dumps(data, indent=2) if args.json else text)


def _org_create(args: argparse.Namespace) -> None:
    org = _in_transaction(args, lambda c: tenants.create_org(
        c, SystemClock(), name=args.name, timezone=args.timezone))
    _print(args, {"id": org.id, "name": org.name, "code_prefix": org.code_prefix,
                  "timezone": org.timezone},
           f"Organisation {org.name!r}: {org.id} (card prefix {org.code_prefix})")


def _shop_create(args: argparse.Namespace) -> None:
    def create(conn: Connection) -> tuple[Any, Any]:
        clock = SystemClock()
        shop = tenants.create_shop(conn, clock, org_id=args.org, name=args.name,
                                   timezone=args.timezone, currency=args.currency)
        # A till paired to a shop without a programme could not give its first stamp; start
        # from a template the way a till's own setup does.
        published = None if args.template == "none" else programs.publish(
            conn, clock, shop_id=shop.id, config=TEMPLATES[args.template](args.lang, args.currency))
        return shop, published

    shop, published = _in_transaction(args, create)
    version = published.version if published else None
    _print(args, {"id": shop.id, "org_id": shop.org_id, "name": shop.name,
                  "timezone": shop.timezone, "currency": shop.currency,
                  "template": None if args.template == "none" else args.template,
                  "program_version": version},
           f"Shop {shop.name!r}: {shop.id}"
           + (f" (programme: {args.template} template)" if version else " (no programme yet)"))


def _listing(args: argparse.Namespace, query: Callable[[Connection], list[dict[str, Any]]],
             columns: Sequence[str], empty: str) -> None:
    rows = _in_transaction(args, query)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        print(empty)
        return
    widths = [max(len(c), *(len(str(r[c] if r[c] is not None else "")) for r in rows))
              for c in columns]
    print("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for r in rows:
        print("  ".join(str(r[c] if r[c] is not None else "").ljust(w)
                        for c, w in zip(columns, widths, strict=True)).rstrip())


def _org_list(args: argparse.Namespace) -> None:
    from server.tables import Organisation, Shop

    def query(conn: Connection) -> list[dict[str, Any]]:
        shops = select(func.count()).select_from(Shop).where(Shop.org_id == Organisation.id)
        rows = conn.execute(select(Organisation.id, Organisation.name,
                                   Organisation.code_prefix, Organisation.timezone,
                                   shops.scalar_subquery())
                            .order_by(Organisation.name, Organisation.id)).all()
        return [{"id": r[0], "name": r[1], "code_prefix": r[2], "timezone": r[3],
                 "shops": r[4]} for r in rows]

    _listing(args, query, ("id", "name", "code_prefix", "shops"),
             "No organisations yet: `klipp-server org create --name ...`.")


def _shop_list(args: argparse.Namespace) -> None:
    from server.tables import Organisation, Shop

    def query(conn: Connection) -> list[dict[str, Any]]:
        if args.org:
            tenants.get_org(conn, args.org)
        stmt = (select(Shop.id, Shop.name, Shop.org_id, Organisation.name, Shop.timezone,
                       Shop.currency).join(Organisation, Organisation.id == Shop.org_id)
                .order_by(Organisation.name, Shop.name, Shop.id))
        if args.org:
            stmt = stmt.where(Shop.org_id == args.org)
        return [{"id": r[0], "name": r[1], "org_id": r[2], "org": r[3], "timezone": r[4],
                 "currency": r[5]} for r in conn.execute(stmt).all()]

    _listing(args, query, ("id", "name", "org", "currency"),
             "No shops yet: `klipp-server shop create --org ID --name ...`.")


def _device_list(args: argparse.Namespace) -> None:
    from kiosk.clock import from_micros
    from server.tables import Device, Shop

    def when(micros: int | None) -> str | None:
        return from_micros(micros).isoformat(timespec="seconds") if micros else None

    def query(conn: Connection) -> list[dict[str, Any]]:
        if args.org:
            tenants.get_org(conn, args.org)
        stmt = (select(Device.id, Device.name, Device.org_id, Device.shop_id, Shop.name,
                       Device.enrolled_at, Device.revoked_at)
                .join(Shop, Shop.id == Device.shop_id).order_by(Device.enrolled_at, Device.id))
        if args.org:
            stmt = stmt.where(Device.org_id == args.org)
        return [{"id": r[0], "name": r[1], "org_id": r[2], "shop_id": r[3], "shop": r[4],
                 "enrolled_at": when(r[5]), "revoked_at": when(r[6]),
                 "state": "revoked" if r[6] else "active"}
                for r in conn.execute(stmt).all()]

    _listing(args, query, ("id", "name", "shop", "state", "enrolled_at"),
             "No tills enrolled yet: make a code with `klipp-server pair --shop ID`.")


def _pair(args: argparse.Namespace) -> None:
    if not 0 < args.hours <= 24 * 7:
        raise InvalidInput("A pairing code lives between a moment and 7 days (--hours).")
    pairing = _in_transaction(args, lambda c: tenants.create_pairing(
        c, SystemClock(), shop_id=args.shop, ttl=timedelta(hours=args.hours)))
    _print(args, {"code": pairing.code, "org_id": pairing.org_id, "shop_id": pairing.shop_id,
                  "expires_at": pairing.expires_at},
           f"Pairing code {pairing.code} (works once, within {args.hours:g} hours)")


def _revoke(args: argparse.Namespace) -> None:
    at = _in_transaction(args, lambda c: tenants.revoke_device(c, SystemClock(), args.device_id))
    _print(args, {"device_id": args.device_id, "revoked_at": at},
           f"Device {args.device_id} revoked")


_REFERRING = {ledger.COUPON_USED: 1, ledger.REVERSAL: 2}  # a reversal may undo a coupon use


def _import(args: argparse.Namespace) -> None:
    _, events = read_export(args.file)
    # A reference must name an event already stored or in the same batch (ingest); two tills'
    # clocks can put a target after its reversal in the file, so targets go first.
    events = sorted(events, key=lambda e: _REFERRING.get(e.kind, 0))
    totals = {"accepted": 0, "duplicate": 0, "rejected": 0}
    reasons: set[str] = set()
    for batch in batches(events):
        done = _in_transaction(args, lambda c, b=batch: ingest.import_events(
            c, SystemClock(), tenants.get_org(c, args.org).id, b))
        totals["accepted"] += len(done.accepted)
        totals["duplicate"] += len(done.duplicate)
        totals["rejected"] += len(done.rejected)
        reasons.update(r.reason for r in done.rejected)
    why = f" ({'; '.join(sorted(reasons))})" if reasons else ""
    _print(args, {**totals, "reasons": sorted(reasons)},
           f"Imported {totals['accepted']}, already there {totals['duplicate']}, "
           f"refused {totals['rejected']}{why}")


def _publish(args: argparse.Namespace) -> None:
    if args.file is not None:
        try:
            config: Any = args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"Cannot read {args.file}: {exc}") from None
    else:
        config = None  # made below in the shop's currency: its texts name amounts

    def publish(conn: Connection) -> Any:
        chosen = config
        if chosen is None:
            currency = tenants.get_shop(conn, args.shop).currency
            chosen = TEMPLATES[args.template](args.lang, currency)
        return programs.publish(conn, SystemClock(), shop_id=args.shop, config=chosen)

    done = _in_transaction(args, publish)
    _print(args, {"shop_id": done.shop_id, "version": done.version, "event_id": done.event_id},
           f"Programme version {done.version} published for shop {done.shop_id}")


def _serve(args: argparse.Namespace) -> None:
    import uvicorn

    from server.app import create_app

    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(settings_from(args))
    uvicorn.run(app, host=args.host, port=args.port, log_config=None,
                log_level=args.log_level, access_log=False, server_header=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    try:
        args.run(args)
    except KlippError as exc:
        print(f"klipp-server: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        first = str(getattr(exc, "orig", exc)).strip().splitlines() or [type(exc).__name__]
        print(f"klipp-server: database error: {first[0]}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the promise is one line, never a traceback
        print(f"klipp-server: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
