"""`klipp-server`: run the server and administer it (the database directly, no HTTP).

    klipp-server serve [--host H] [--port P]          SQLite in the user data folder unless
    klipp-server org create --name N [--timezone TZ]    --database-url postgresql+psycopg://...
    klipp-server shop create --org ID --name N [--timezone TZ] [--currency NOK]
    klipp-server pair --shop ID [--hours 24]
    klipp-server device revoke DEVICE_ID
    klipp-server program publish --shop ID (--file config.json | --template cafe)

Every command takes --database-url, --data-dir and --json. Errors are one line on stderr
and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from kiosk.clock import SystemClock
from kiosk.errors import InvalidInput, KlippError
from kiosk.programs import TEMPLATES
from server import db, ingest, programs, tenants
from server.settings import ServerSettings
from sync.protocol import batches, read_export


def _common(*, top: bool) -> argparse.ArgumentParser:
    # The options work before and after the command; after it, absent ones must not
    # overwrite what was given before it, hence SUPPRESS.
    default: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", help="postgresql+psycopg://... or sqlite:///...; "
                        "default: $KLIPP_SERVER_DATABASE_URL or SQLite in the data folder",
                        **default)
    common.add_argument("--data-dir", help="folder of the default SQLite database", **default)
    common.add_argument("--json", action="store_true", help="print results as JSON", **default)
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common(top=False)
    parser = argparse.ArgumentParser(prog="klipp-server", parents=[_common(top=True)],
                                     description="The Klipp central server.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", parents=[common], help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--log-level", default="info",
                       choices=["debug", "info", "warning", "error"])
    serve.set_defaults(run=_serve)

    org = sub.add_parser("org", help="organisations").add_subparsers(
        dest="action", required=True, metavar="ACTION")
    org_create = org.add_parser("create", parents=[common], help="create an organisation")
    org_create.add_argument("--name", required=True)
    org_create.add_argument("--timezone", default="Europe/Oslo")
    org_create.set_defaults(run=_org_create)

    shop = sub.add_parser("shop", help="shops").add_subparsers(
        dest="action", required=True, metavar="ACTION")
    shop_create = shop.add_parser("create", parents=[common], help="create a shop")
    shop_create.add_argument("--org", required=True, help="organisation id")
    shop_create.add_argument("--name", required=True)
    shop_create.add_argument("--timezone", default="Europe/Oslo")
    shop_create.add_argument("--currency", default="NOK")
    shop_create.set_defaults(run=_shop_create)

    pair = sub.add_parser("pair", parents=[common], help="make a one-time pairing code")
    pair.add_argument("--shop", required=True, help="shop id")
    pair.add_argument("--hours", type=float, default=24.0, help="valid for (default 24)")
    pair.set_defaults(run=_pair)

    device = sub.add_parser("device", help="tills").add_subparsers(
        dest="action", required=True, metavar="ACTION")
    revoke = device.add_parser("revoke", parents=[common], help="revoke a till's token")
    revoke.add_argument("device_id")
    revoke.set_defaults(run=_revoke)

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
    shop = _in_transaction(args, lambda c: tenants.create_shop(
        c, SystemClock(), org_id=args.org, name=args.name, timezone=args.timezone,
        currency=args.currency))
    _print(args, {"id": shop.id, "org_id": shop.org_id, "name": shop.name,
                  "timezone": shop.timezone, "currency": shop.currency},
           f"Shop {shop.name!r}: {shop.id}")


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


def _import(args: argparse.Namespace) -> None:
    _, events = read_export(args.file)
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
        config = TEMPLATES[args.template]()
    done = _in_transaction(args, lambda c: programs.publish(
        c, SystemClock(), shop_id=args.shop, config=config))
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
    args = build_parser().parse_args(argv)
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
